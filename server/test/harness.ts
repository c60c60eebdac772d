/**
 * A real Connect server for tests: a real config file, real RSA keys and a real store: a SQLite
 * file in a fresh temp folder or, when `DATABASE_URL` is set, a fresh PostgreSQL database
 * created for the harness and dropped after. Requests go through Fastify's `inject`, which runs
 * the whole stack.
 */

/** Which store the suite runs on, for test names and skips. */
export const STORE_KIND = process.env.DATABASE_URL ? 'postgresql' : 'sqlite';

/** A new, empty PostgreSQL database on the server of `DATABASE_URL`, and how to drop it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new URL(process.env.DATABASE_URL!);
  const name = `connect_test_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.href });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ConnectCredential } from '../../protocol/src/rest.js';
import { SignJWT } from 'jose';
import pg from 'pg';
import { buildConnectServer, type ConnectServerOptions } from '../src/app.js';
import { loadConfig } from '../src/config/load.js';
import { openSecretBox } from '../src/secrets/keys.js';
import type { SecretBox } from '../src/secrets/secret-box.js';
import { openStore, type Store } from '../src/store/database.js';

export const PROJECT_ID = 'test-project';
export const INTEGRATION_ID = 'int-crm';
export const HOST_ORIGIN = 'http://127.0.0.1:4500';

export function testConfig(): object {
  return {
    projects: [
      {
        id: PROJECT_ID,
        name: 'Test project',
        allowedOrigins: [HOST_ORIGIN],
        signingKeys: [{ kid: 'k1', publicKeyFile: 'k1.public.pem' }],
        integrations: [
          {
            id: INTEGRATION_ID,
            type: 'crm',
            name: 'Acme CRM',
            brandColor: '#3b5bdb',
            shortDescription: 'Sync contacts.',
            auth: { scheme: 'api_key', inputs: [{ id: 'API_KEY', type: 'PASSWORD', title: 'API key', required: true }] },
            userSettings: [
              { id: 'pipeline', type: 'TEXT_NO_VARS', title: 'Pipeline', defaultValue: 'Sales' },
              { id: 'limit', type: 'NUMBER', title: 'Limit' },
              { id: 'archived', type: 'SWITCH', title: 'Archived' },
              { id: 'notify', type: 'EMAIL', title: 'Notify' },
              { id: 'site', type: 'URL', title: 'Site' },
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
            workflows: [
              { id: 'wf-a', description: 'Workflow A', inputs: [{ id: 'channel', type: 'TEXT_NO_VARS', title: 'Channel', required: false }] },
              { id: 'wf-b', description: 'Workflow B', defaultEnabled: true },
              { id: 'wf-c', description: 'Workflow C' },
              { id: 'wf-d', description: 'Workflow D', inputs: [{ id: 'threshold', type: 'NUMBER', title: 'Threshold' }] },
            ],
          },
          {
            id: 'int-erp',
            type: 'erp',
            name: 'Erp',
            brandColor: '#000000',
            shortDescription: 'An integration with a setup step after connecting.',
            auth: {
              scheme: 'api_key',
              inputs: [{ id: 'TOKEN', type: 'PASSWORD', title: 'Token' }],
              postInstallInputs: [{ id: 'company', type: 'TEXT_NO_VARS', title: 'Company' }],
            },
            workflows: [{ id: 'wf-erp', description: 'ERP workflow' }],
          },
        ],
      },
    ],
  };
}

export interface Harness {
  app: FastifyInstance;
  store: Store;
  /** The PostgreSQL database's URL, when the suite runs on PostgreSQL. */
  databaseUrl?: string;
  dataDir: string;
  privateKey: KeyObject;
  /** A valid RS256 user token for `sub`, signed with the project's key. */
  token(sub: string): Promise<string>;
  /** An injected request with `Authorization: Bearer <token for sub>`. */
  as(sub: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function newKeyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export async function signToken(privateKey: KeyObject, claims: { sub: string }, kid = 'k1'): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid }).setSubject(claims.sub).setIssuedAt().setExpirationTime('1h').sign(privateKey);
}

export interface HarnessOptions {
  config?: object;
  /** More files for the config's folder (a client secret named by `{ "file": … }`), by name. */
  files?: Record<string, string>;
  rateLimit?: ConnectServerOptions['rateLimit'];
  authFailureLimit?: ConnectServerOptions['authFailureLimit'];
  cacheUserState?: boolean;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'connect-test-'));
  const { publicKey, privateKey } = newKeyPair();
  await writeFile(join(dataDir, 'k1.public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(join(dataDir, 'connect.config.json'), JSON.stringify(options.config ?? testConfig()));
  for (const [name, content] of Object.entries(options.files ?? {})) await writeFile(join(dataDir, name), content);
  const config = await loadConfig(join(dataDir, 'connect.config.json'));
  const database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  const store = await openStore({ dataDir, databaseUrl: database?.url });
  const secrets = await openSecretBox(dataDir);
  const app = await buildConnectServer({
    config,
    store,
    secrets,
    portalDir: dataDir,
    databaseUrl: database?.url,
    rateLimit: options.rateLimit,
    authFailureLimit: options.authFailureLimit,
    cacheUserState: options.cacheUserState,
  });
  const token = (sub: string) => signToken(privateKey, { sub });
  return {
    app,
    store,
    databaseUrl: database?.url,
    dataDir,
    privateKey,
    token,
    as: async (sub, options) => app.inject({ ...options, headers: { authorization: `Bearer ${await token(sub)}`, ...options.headers } }),
    async close() {
      await app.close();
      await store.destroy();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A line-per-entry log sink: what a server logs into `stream` lands in `lines`, for tests to read. */
export function collectLogLines(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

/**
 * Another server instance over the harness's config and key (or `secrets`): on the harness's store
 * unless one is given, logging into `log` if given.
 */
export async function anotherServer(
  harness: Harness,
  options: { store?: Store; log?: Writable; secrets?: SecretBox } = {},
): Promise<FastifyInstance> {
  return buildConnectServer({
    config: await loadConfig(join(harness.dataDir, 'connect.config.json')),
    store: options.store ?? harness.store,
    secrets: options.secrets ?? (await openSecretBox(harness.dataDir)),
    portalDir: harness.dataDir,
    databaseUrl: options.store ? undefined : harness.databaseUrl,
    ...(options.log && { logger: { level: 'info', stream: options.log, redact: ['req.headers.authorization'] } }),
  });
}

/** Every row of every data table (not the audit log), to prove a rejected request wrote nothing. */
export async function snapshot(store: Store): Promise<string> {
  const [users, credentials, configurations, keys, runs] = await Promise.all([
    store.selectFrom('connected_users').selectAll().orderBy('user_id').execute(),
    store.selectFrom('credentials').selectAll().orderBy('id').execute(),
    store.selectFrom('credential_configurations').selectAll().orderBy('id').execute(),
    store.selectFrom('idempotency_keys').selectAll().orderBy('key').execute(),
    store.selectFrom('workflow_runs').selectAll().orderBy('id').execute(),
  ]);
  return JSON.stringify({ users, credentials, configurations, keys, runs });
}

/** The audit rows of a user (or of requests with no verified user, for `null`), oldest first. */
export async function auditOf(store: Store, userId: string | null) {
  const query = store.selectFrom('audit_log').select(['action', 'target', 'outcome', 'detail']).orderBy('created_at').orderBy('id');
  return (userId === null ? query.where('user_id', 'is', null) : query.where('user_id', '=', userId)).execute();
}

export const sdkPath = (path: string) => `/projects/${PROJECT_ID}/sdk${path}`;

export async function installApiKey(harness: Harness, sub: string, apiKey: string) {
  const response = await harness.as(sub, {
    method: 'POST',
    url: sdkPath('/credentials'),
    payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: apiKey } },
  });
  if (response.statusCode !== 201) throw new Error(`install failed: ${response.statusCode} ${response.body}`);
  return response.json() as ConnectCredential;
}
