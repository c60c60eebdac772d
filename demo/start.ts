/**
 * `npm start`: builds the bundles if any is missing, then starts the sandbox OAuth provider
 * (127.0.0.1:4300), the Connect server (127.0.0.1:4400, SQLite under ./data) and the demo host
 * app on a second origin (127.0.0.1:4500).
 *
 * Environment: CONNECT_PORT, HOST_PORT, DATA_DIR (the SQLite store's folder; keys stay in ./data),
 * DEMO_DATABASE_URL (run the demo on PostgreSQL instead). The sandbox's port is fixed: the demo
 * config names its URLs.
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { startConnectServer } from '../server/src/main.js';
import { startSandboxProvider } from './sandbox-provider/sandbox-provider.js';
import { buildAll } from '../scripts/build.js';
import { startHostApp } from './host-server.js';
import { ensureDemoKeys, ensureSandboxClientSecret } from './keys.js';

const SANDBOX_PORT = 4300;
const CONNECT_PORT = Number(process.env.CONNECT_PORT ?? 4400);
const HOST_PORT = Number(process.env.HOST_PORT ?? 4500);
const PROJECT_ID = 'demo-project';
// The manifest is the build's last file (scripts/build.ts): with it, the content-named files are there too.
const BUNDLES = ['dist/host-bridge/paragon.js', 'dist/portal/paragon-connect-portal.iife.js', 'dist/portal/manifest.json', 'dist/demo/app.js'];

const missing = async (file: string) =>
  access(file).then(
    () => false,
    () => true,
  );

async function main(): Promise<void> {
  const privateKeyPem = await ensureDemoKeys();
  if ((await Promise.all(BUNDLES.map(missing))).some(Boolean)) {
    console.log('Building the bundles…');
    await buildAll();
  }
  // The third party whose accounts users connect; its control endpoints let the e2e tests revoke grants.
  const sandbox = await startSandboxProvider({
    port: SANDBOX_PORT,
    clients: [
      {
        clientId: 'connect-demo',
        clientSecret: await ensureSandboxClientSecret(),
        redirectUris: [`http://127.0.0.1:${CONNECT_PORT}/oauth/callback`],
      },
    ],
    control: true,
  });
  const connect = await startConnectServer({
    configPath: 'demo/connect.config.json',
    dataDir: resolve(process.env.DATA_DIR ?? 'data'),
    databaseUrl: process.env.DEMO_DATABASE_URL,
    portalDir: resolve('dist/portal'),
    port: CONNECT_PORT,
  });
  const host = await startHostApp({ port: HOST_PORT, connectUrl: connect.url, projectId: PROJECT_ID, privateKeyPem });
  console.log(`Sandbox provider: ${sandbox.url} (users alice, bob, carol; password: sandbox)`);
  console.log(`Connect server: ${connect.url}`);
  console.log(`\n  Open the demo: http://127.0.0.1:${HOST_PORT}/\n`);

  const stop = async () => {
    host.close();
    await connect.close();
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
