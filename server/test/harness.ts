/**
 * A real Connect server for tests: a real SQLite file in a fresh temp folder, a real config
 * file, real RSA keys. Requests go through Fastify's `inject`, which runs the whole stack.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SignJWT } from 'jose';
import { buildConnectServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createSecretBox, loadSecretKey } from '../src/secrets.js';
import { openSqliteStore, type Store } from '../src/store/database.js';

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
            userSettings: [{ id: 'pipeline', type: 'TEXT_NO_VARS', title: 'Pipeline', defaultValue: 'Sales' }],
            workflows: [
              { id: 'wf-a', description: 'Workflow A' },
              { id: 'wf-b', description: 'Workflow B', defaultEnabled: true },
              { id: 'wf-c', description: 'Workflow C' },
            ],
          },
        ],
      },
    ],
  };
}

export interface Harness {
  app: FastifyInstance;
  store: Store;
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
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

export async function startHarness(): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'connect-test-'));
  const { publicKey, privateKey } = newKeyPair();
  await writeFile(join(dataDir, 'k1.public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(join(dataDir, 'connect.config.json'), JSON.stringify(testConfig()));
  const config = await loadConfig(join(dataDir, 'connect.config.json'));
  const store = await openSqliteStore(dataDir);
  const secrets = createSecretBox(await loadSecretKey(dataDir));
  const app = await buildConnectServer({ config, store, secrets, portalDir: dataDir });
  const token = (sub: string) => signToken(privateKey, { sub });
  return {
    app,
    store,
    dataDir,
    privateKey,
    token,
    as: async (sub, options) =>
      app.inject({ ...options, headers: { authorization: `Bearer ${await token(sub)}`, ...options.headers } }),
    async close() {
      await app.close();
      await store.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, to prove a rejected request wrote nothing. */
export async function snapshot(store: Store): Promise<string> {
  const [users, credentials, configurations] = await Promise.all([
    store.selectFrom('connected_users').selectAll().orderBy('user_id').execute(),
    store.selectFrom('credentials').selectAll().orderBy('id').execute(),
    store.selectFrom('credential_configurations').selectAll().orderBy('id').execute(),
  ]);
  return JSON.stringify({ users, credentials, configurations });
}

export const sdkPath = (path: string) => `/projects/${PROJECT_ID}/sdk${path}`;

export async function installApiKey(harness: Harness, sub: string, apiKey: string) {
  const response = await harness.as(sub, {
    method: 'POST',
    url: sdkPath('/credentials'),
    payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: apiKey } },
  });
  if (response.statusCode !== 201) throw new Error(`install failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string };
}
