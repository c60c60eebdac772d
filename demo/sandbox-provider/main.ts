/**
 * Runs the sandbox provider on its own:
 *
 *   node --import tsx demo/sandbox-provider/main.ts [port] [clients.json]
 *
 * - `port`: default 4300.
 * - Clients: a JSON array of `{ "clientId", "clientSecret", "redirectUris": [...] }`, read from
 *   the file named by the second argument, else from the environment variable SANDBOX_CLIENTS;
 *   without either, the demo's one client (`DEMO_CLIENT` below).
 * - SANDBOX_CONTROL=1 serves the `/__control/` test endpoints; SANDBOX_ACCESS_TOKEN_TTL sets the
 *   access tokens' lifetime in seconds (default 3600).
 */
import { readFile } from 'node:fs/promises';
import { startSandboxProvider, type SandboxClient } from './sandbox-provider.js';
import { SANDBOX_PASSWORD, SANDBOX_USERS } from './users.js';

/** The Connect server of `npm start` (127.0.0.1:4400) as a client of the demo's sandbox. */
const DEMO_CLIENT: SandboxClient = {
  clientId: 'connect-demo',
  clientSecret: 'connect-demo-secret',
  redirectUris: ['http://127.0.0.1:4400/oauth/callback'],
};

function parseClients(json: string, source: string): SandboxClient[] {
  const clients: unknown = JSON.parse(json);
  const valid =
    Array.isArray(clients) &&
    clients.every(
      (client: Partial<SandboxClient>) =>
        typeof client?.clientId === 'string' &&
        typeof client.clientSecret === 'string' &&
        Array.isArray(client.redirectUris) &&
        client.redirectUris.every((uri) => typeof uri === 'string'),
    );
  if (!valid) throw new Error(`${source}: expected a JSON array of { clientId, clientSecret, redirectUris }.`);
  return clients as SandboxClient[];
}

async function main(): Promise<void> {
  const [portArgument, clientsFile] = process.argv.slice(2);
  const clients = clientsFile
    ? parseClients(await readFile(clientsFile, 'utf8'), clientsFile)
    : process.env.SANDBOX_CLIENTS
      ? parseClients(process.env.SANDBOX_CLIENTS, 'SANDBOX_CLIENTS')
      : [DEMO_CLIENT];
  const ttl = process.env.SANDBOX_ACCESS_TOKEN_TTL;
  const sandbox = await startSandboxProvider({
    port: Number(portArgument ?? 4300),
    clients,
    accessTokenTtlSeconds: ttl ? Number(ttl) : undefined,
    control: process.env.SANDBOX_CONTROL === '1',
  });
  const users = SANDBOX_USERS.map((user) => user.login).join(', ');
  console.log(
    `Sandbox provider: ${sandbox.url} (clients ${clients.map((c) => c.clientId).join(', ')}; users ${users}, password "${SANDBOX_PASSWORD}")`,
  );

  const stop = async () => {
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
