/**
 * A Connect server with OAuth integrations against a real sandbox provider (oidc-provider, on a
 * loopback port). The server's public origin is `http://connect.test`: the sandbox redirects the
 * browser there, where the test takes over and injects the callback into the server.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { OAuthFlowState } from '../../protocol/src/rest.js';
import { startSandboxProvider, type SandboxProvider } from '../../demo/sandbox-provider/sandbox-provider.js';
import { sandboxFilesConfig } from '../../demo/sandbox-provider/files-config.js';
import { signInAtSandbox } from '../../demo/sandbox-provider/test-browser.js';
import { sdkPath, startHarness, testConfig, type Harness } from './harness.js';

export const CONNECT_ORIGIN = 'http://connect.test';
const CLIENT = { clientId: 'connect-test', clientSecret: 'connect-test-secret', redirectUris: [`${CONNECT_ORIGIN}/oauth/callback`] };

export interface OAuthHarness extends Harness {
  sandbox: SandboxProvider;
  /** Creates a flow for `sub` (POST …/oauth/flows), asserting it was accepted. */
  createFlow(sub: string, body?: object): Promise<OAuthFlowState>;
  /** Opens the flow's start page as a browser would: the provider's URL and the binding cookie. */
  open(flow: OAuthFlowState): Promise<{ authorizeUrl: string; cookie: string }>;
  /** The provider's redirect back, injected with the browser's cookie. */
  callback(url: URL | string, cookie?: string): Promise<LightMyRequestResponse>;
  /** The whole sign-in of `login` for `sub`: create, open, sign in, callback; answers the flow's end. */
  connect(sub: string, login: string, body?: object): Promise<OAuthFlowState>;
  flow(sub: string, id: string, wait?: number): Promise<OAuthFlowState>;
}

/** The sandbox integrations: plain, with account types and a post-install step. */
export function oauthConfig(sandbox: string): object {
  const base = testConfig() as { projects: { integrations: object[] }[] };
  const auth = {
    scheme: 'oauth2',
    clientId: CLIENT.clientId,
    clientSecret: { file: 'sandbox-client-secret' },
    authorizationUrl: `${sandbox}/auth`,
    tokenUrl: `${sandbox}/token`,
    scopes: ['openid', 'profile', 'email', 'offline_access', 'contacts.read', 'files.read'],
    tokenAuthMethod: 'client_secret_basic',
    accountInfo: { url: `${sandbox}/api/me`, idPath: 'id', namePath: 'name', providerData: { workspace: 'workspace' } },
  };
  base.projects[0]!.integrations.push(
    {
      id: 'int-sandbox',
      type: 'sandbox',
      name: 'Sandbox CRM',
      brandColor: '#0b7285',
      shortDescription: 'Contacts from the sandbox provider.',
      auth,
      api: { baseUrl: `${sandbox}/api` },
      dataSources: {
        pipelines: {
          path: 'pipelines',
          itemsPath: 'items',
          labelField: 'name',
          valueField: 'id',
          searchParam: 'search',
          cursorParam: 'cursor',
          nextCursorPath: 'nextCursor',
          limitParam: 'limit',
          pageSize: 2,
        },
        fields: { path: 'fields?object={object}', itemsPath: 'items', labelField: 'label', valueField: 'id' },
        broken: { path: 'me', itemsPath: 'items', labelField: 'name', valueField: 'id' },
      },
      // The file picker over the sandbox's storage, in pages of 50; a vendor's picker gets files.read only.
      files: { ...sandboxFilesConfig(50), vendorPicker: { scopes: ['files.read'] } },
      userSettings: [{ id: 'pipeline', type: 'TEXT_NO_VARS', title: 'Pipeline', required: false }],
      workflows: [{ id: 'wf-sandbox', description: 'Sync sandbox contacts' }],
    },
    {
      id: 'int-sandbox-sites',
      type: 'sandboxSites',
      name: 'Sandbox Sites',
      brandColor: '#5f3dc4',
      shortDescription: 'Pick a site after connecting.',
      auth: {
        ...auth,
        preInstallInputs: [
          {
            id: 'region',
            type: 'ENUM',
            title: 'Region',
            values: [
              { value: 'eu', label: 'Europe' },
              { value: 'us', label: 'USA' },
            ],
          },
        ],
        accountTypes: [
          { id: 'production', label: 'Production' },
          { id: 'sandbox', label: 'Sandbox', scopes: ['openid', 'offline_access'], skipPostInstallInputs: true },
        ],
        postInstallInputs: [{ id: 'site', type: 'TEXT_NO_VARS', title: 'Site' }],
      },
    },
  );
  return { ...base, publicUrl: CONNECT_ORIGIN };
}

export async function startOAuthHarness({ accessTokenTtlSeconds = 3600 } = {}): Promise<OAuthHarness> {
  const sandbox = await startSandboxProvider({ port: 0, clients: [CLIENT], accessTokenTtlSeconds, control: true });
  const harness = await startHarness({
    config: oauthConfig(sandbox.url),
    files: { 'sandbox-client-secret': CLIENT.clientSecret },
    rateLimit: { max: 1_000_000, windowMs: 60_000 },
  });
  const self: OAuthHarness = {
    ...harness,
    sandbox,
    async createFlow(sub, body = { integrationId: 'sandbox' }) {
      const response = await harness.as(sub, { method: 'POST', url: sdkPath('/oauth/flows'), payload: body });
      if (response.statusCode !== 201) throw new Error(`flow refused: ${response.statusCode} ${response.body}`);
      return response.json() as OAuthFlowState;
    },
    async open(flow) {
      const start = new URL(flow.startUrl!);
      const response = await harness.app.inject({ method: 'GET', url: start.pathname });
      if (response.statusCode !== 302) throw new Error(`start refused: ${response.statusCode} ${response.body}`);
      const cookie = String(response.headers['set-cookie']).split(';')[0]!;
      return { authorizeUrl: String(response.headers.location), cookie };
    },
    callback(url, cookie) {
      const target = new URL(url);
      return harness.app.inject({ method: 'GET', url: `${target.pathname}${target.search}`, headers: cookie ? { cookie } : {} });
    },
    async connect(sub, login, body) {
      const flow = await self.createFlow(sub, body);
      const { authorizeUrl, cookie } = await self.open(flow);
      const back = await signInAtSandbox(authorizeUrl, login);
      await self.callback(back, cookie);
      return self.flow(sub, flow.id);
    },
    async flow(sub, id, wait = 0) {
      return (await harness.as(sub, { method: 'GET', url: sdkPath(`/oauth/flows/${id}?wait=${wait}`) })).json() as OAuthFlowState;
    },
    async close() {
      await harness.close();
      await sandbox.close();
    },
  };
  return self;
}
