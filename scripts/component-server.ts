/**
 * A real Connect server for the component tests: web-test-runner starts it beside its own page
 * server (see web-test-runner.config.mjs), so every portal and bridge test talks to the real REST
 * API, with its real validation and its real errors, on a fresh SQLite store. The project's
 * integrations use every input type (`componentConfig`). Beside it, a small control server lets a
 * test sign user tokens and make the next matching request fail (a 500, a dropped connection):
 * faults at the edge, injected in this process only.
 *
 * A second project, `hostile-project` (scripts/hostile-metadata.ts), has integrations whose
 * metadata is an attack; its tokens are signed with the same key.
 *
 * Ports: the test pages are served from http://127.0.0.1:8765 (the project's one allowed origin),
 * the Connect server on the next port and the control server on the one after; the pages find
 * them from their own port. `COMPONENT_PAGE_PORT` moves all three, so that two checkouts can run
 * their component tests at once.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { buildConnectServer } from '../server/src/app.js';
import { loadConfig } from '../server/src/config/load.js';
import { openSecretBox } from '../server/src/secrets/keys.js';
import { openStore } from '../server/src/store/database.js';
import { sandboxFilesConfig } from '../demo/sandbox-provider/files-config.js';
import { handleStorage } from './fake-storage.js';
import { hostileProject } from './hostile-metadata.js';

const page = Number(process.env.COMPONENT_PAGE_PORT ?? 8765);
export const COMPONENT_PORTS = { page, connect: page + 1, control: page + 2 };
const PROJECT_ID = 'component-project';

const workflowInputs = [{ id: 'channel', type: 'TEXT_NO_VARS', title: 'Channel', placeholder: '#general', required: false }];

/** One setting of each of the 17 input types, for the settings tests. */
const everyInputType = [
  { id: 'pipeline', type: 'TEXT_NO_VARS', title: 'Pipeline', defaultValue: 'Sales', required: false },
  { id: 'notes', type: 'TEXTAREA_NO_VARS', title: 'Notes', required: false, maxLength: 500 },
  { id: 'limit', type: 'NUMBER', title: 'Limit', min: 1, max: 1000, step: 1, required: false },
  { id: 'notify', type: 'EMAIL', title: 'Notify', required: false },
  { id: 'site', type: 'URL', title: 'Site', required: false },
  { id: 'secret', type: 'PASSWORD', title: 'Webhook secret', required: false },
  { id: 'archived', type: 'BOOLEAN_INPUT', title: 'Include archived', required: false },
  { id: 'realtime', type: 'SWITCH', title: 'Real-time sync', required: false, defaultValue: false },
  {
    id: 'region',
    type: 'ENUM',
    title: 'Region',
    required: false,
    values: [
      { value: 'eu', label: 'Europe' },
      { value: 'us', label: 'United States' },
    ],
  },
  { id: 'owner', type: 'DYNAMIC_ENUM', title: 'Owner', required: false, sourceType: 'owners' },
  { id: 'team', type: 'CUSTOM_DROPDOWN', title: 'Team', required: false, key: 'teams' },
  {
    id: 'sheet',
    type: 'COMBO_INPUT',
    title: 'Spreadsheet',
    required: false,
    mainInput: {
      title: 'File',
      values: [
        { value: 'f1', label: 'Leads' },
        { value: 'f2', label: 'Deals' },
      ],
    },
    dependentInput: {
      title: 'Sheet',
      values: [
        { value: 's1', label: 'Sheet 1' },
        { value: 's2', label: 'Sheet 2' },
      ],
    },
  },
  {
    id: 'folder',
    type: 'DYNAMIC_COMBO_INPUT',
    title: 'Folder',
    required: false,
    mainInput: { title: 'Drive', sourceType: 'drives' },
    dependentInput: { title: 'Folder', sourceType: 'folders' },
  },
  {
    id: 'mapping',
    type: 'FIELD_MAPPER',
    title: 'Contact fields',
    required: false,
    applicationFields: ['First name', 'Email'],
    fieldInput: {
      title: 'CRM field',
      values: [
        { value: 'firstname', label: 'First Name' },
        { value: 'email', label: 'Email' },
      ],
    },
  },
  { id: 'webhook', type: 'COPYABLE_BUTTON_INPUT', title: 'Webhook URL', copyText: 'https://hooks.example.test/abc' },
  {
    id: 'scopes',
    type: 'PERMISSION',
    title: 'Access',
    required: false,
    scopes: [
      { name: 'contacts.read', description: 'Read contacts', required: true },
      { name: 'deals.write', description: 'Create deals' },
    ],
  },
  { id: 'template', type: 'FILE', title: 'Import template', required: false, accept: ['.csv', 'text/csv'] },
];

/** The code of the runner integration's workflow: fails when asked to, else answers what it was sent. */
const RUNNER_MODULE = {
  name: 'report.mjs',
  code: `export default async (ctx) => { if (ctx.trigger.payload.body?.fail) throw new Error('The report server is down.'); return { sent: ctx.trigger.payload.body }; };`,
};

export function componentConfig(origin = `http://127.0.0.1:${COMPONENT_PORTS.page}`): object {
  return {
    projects: [
      {
        id: PROJECT_ID,
        name: 'Component tests',
        allowedOrigins: [origin],
        signingKeys: [{ kid: 'component', publicKeyFile: 'component.public.pem' }],
        integrations: [
          {
            id: 'int-crm',
            type: 'crm',
            name: 'Acme CRM',
            brandColor: '#3b5bdb',
            shortDescription: 'Sync contacts and deals.',
            auth: { scheme: 'api_key', inputs: [{ id: 'API_KEY', type: 'PASSWORD', title: 'API key' }] },
            userSettings: everyInputType,
            workflows: [
              { id: 'wf-a', description: 'Sync new contacts', infoText: 'Copies new contacts.', inputs: workflowInputs },
              { id: 'wf-b', description: 'Notify on won deals', inputs: [{ id: 'threshold', type: 'NUMBER', title: 'Threshold' }] },
              { id: 'wf-hidden', description: 'Internal', hidden: true },
            ],
          },
          {
            id: 'int-erp',
            type: 'erp',
            name: 'Erp',
            brandColor: '#2b8a3e',
            shortDescription: 'Needs a company after connecting.',
            auth: {
              scheme: 'api_key',
              inputs: [{ id: 'TOKEN', type: 'PASSWORD', title: 'Token' }],
              postInstallInputs: [{ id: 'company', type: 'TEXT_NO_VARS', title: 'Company' }],
              accountTypes: [
                { id: 'cloud', label: 'Cloud' },
                { id: 'onprem', label: 'On premises', preInstallInputs: [{ id: 'host', type: 'TEXT_NO_VARS', title: 'Host' }] },
              ],
              instructions: {
                content: 'Turn on API access in Erp first.',
                ctas: [{ type: 'link', label: 'Open Erp settings', href: 'https://erp.example.test/settings' }],
              },
            },
          },
          {
            id: 'int-runner',
            type: 'runner',
            name: 'Report runner',
            brandColor: '#5f3dc4',
            shortDescription: 'Workflows with code, for the task history.',
            auth: { scheme: 'api_key', inputs: [{ id: 'KEY', type: 'PASSWORD', title: 'Key' }] },
            // Never called by the component tests: there for the data sources' descriptors.
            api: { baseUrl: 'https://reports.example.test/api' },
            dataSources: { reports: { path: 'reports', itemsPath: 'items', labelField: 'name', valueField: 'id' } },
            workflows: [{ id: 'wf-report', description: 'Send the weekly report', run: RUNNER_MODULE.name, trigger: { type: 'request' } }],
          },
          {
            id: 'int-drive',
            type: 'drive',
            name: 'Drive',
            brandColor: '#1971c2',
            shortDescription: 'Files, for the file picker.',
            auth: { scheme: 'api_key', inputs: [{ id: 'KEY', type: 'PASSWORD', title: 'Key' }] },
            // The control server's fake storage API (scripts/fake-storage.ts): each key is an account.
            api: { baseUrl: `http://127.0.0.1:${COMPONENT_PORTS.control}/storage`, headers: { Authorization: 'Bearer {KEY}' } },
            files: sandboxFilesConfig(25),
          },
        ],
      },
      hostileProject(origin),
    ],
  };
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  code: string;
}

export interface ComponentServer {
  close(): Promise<void>;
}

export async function startComponentServer(): Promise<ComponentServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'connect-components-'));
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await writeFile(join(dataDir, 'component.public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(join(dataDir, 'connect.config.json'), JSON.stringify(componentConfig()));
  await writeFile(join(dataDir, RUNNER_MODULE.name), RUNNER_MODULE.code);
  // The hostile project's own icon (HOSTILE.ownIcon): the data dir is the server's `/portal/` folder here.
  await writeFile(join(dataDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>');
  const store = await openStore({ dataDir });
  const app = await buildConnectServer({
    config: await loadConfig(join(dataDir, 'connect.config.json')),
    store,
    secrets: await openSecretBox(dataDir),
    portalDir: dataDir,
    rateLimit: { max: 1_000_000, windowMs: 60_000 },
  });
  const faults: Fault[] = [];
  app.addHook('onRequest', async (request, reply) => {
    const index = faults.findIndex((fault) => fault.method === request.method && fault.path.test(request.url));
    if (index < 0) return;
    const [fault] = faults.splice(index, 1);
    reply.header('Access-Control-Allow-Origin', request.headers.origin ?? '*');
    return reply.code(fault!.status).send({ error: { code: fault!.code, message: `Injected fault: ${fault!.status}.` } });
  });
  await app.listen({ host: '127.0.0.1', port: COMPONENT_PORTS.connect });

  const control = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://control');
    response.setHeader('Access-Control-Allow-Origin', `http://127.0.0.1:${COMPONENT_PORTS.page}`);
    if (url.pathname === '/token') {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'component' })
        .setSubject(url.searchParams.get('sub') ?? 'component-user')
        .setIssuedAt()
        .setExpirationTime(url.searchParams.get('expired') ? Math.floor(Date.now() / 1000) - 3600 : '1h')
        .sign(privateKey);
      const projectId = url.searchParams.get('project') ?? PROJECT_ID;
      response.end(JSON.stringify({ token, projectId, connectUrl: `http://127.0.0.1:${COMPONENT_PORTS.connect}` }));
      return;
    }
    if (handleStorage(request, response, url)) return;
    if (url.pathname === '/fail-next') {
      faults.push({
        method: url.searchParams.get('method') ?? 'GET',
        path: new RegExp(url.searchParams.get('path') ?? '.'),
        status: Number(url.searchParams.get('status') ?? 500),
        code: url.searchParams.get('code') ?? 'internal_error',
      });
      response.end('{}');
      return;
    }
    response.statusCode = 404;
    response.end('{}');
  });
  await new Promise<void>((resolve) => control.listen(COMPONENT_PORTS.control, '127.0.0.1', resolve));

  return {
    async close() {
      control.close();
      await app.close();
      await store.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
