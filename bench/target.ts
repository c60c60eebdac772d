/**
 * A server for bench/me.ts to load, in its own process so the load generator does not share its
 * event loop. `bare`: one Fastify route answering a fixed JSON body (the baseline). `sqlite` /
 * `postgresql`: the Connect server with one user who has 20 credentials; `preserialized`: Fastify sending
 * the same `/me` body as a string serialized once (the floor for `/me`); `sqlite-uncached`: the
 * same with the `/me` answer cache off, so every request reads and serializes everything. Prints
 * one JSON line `{ url, path, token }` when ready and serves until killed.
 */
import Fastify from 'fastify';
import { INTEGRATION_ID, sdkPath, startHarness } from '../server/test/harness.js';

const kind = process.argv[2];
const CREDENTIALS = 20;

async function main(): Promise<void> {
  if (kind === 'bare') {
    const app = Fastify();
    app.get('/bare', async () => ({ status: 'ok' }));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    console.log(JSON.stringify({ url, path: '/bare', token: '' }));
    return;
  }
  if (kind?.startsWith('postgresql') && !process.env.DATABASE_URL) throw new Error('postgresql needs DATABASE_URL');
  if (!kind?.startsWith('postgresql')) delete process.env.DATABASE_URL;
  const harness = await startHarness({
    rateLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
    cacheUserState: !kind?.endsWith('-uncached'),
  });
  for (let index = 0; index < CREDENTIALS; index += 1) {
    const response = await harness.as('bench-user', {
      method: 'POST',
      url: sdkPath('/credentials'),
      payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: `bench-key-${index}` } },
    });
    if (response.statusCode !== 201) throw new Error(`seeding failed: ${response.body}`);
  }
  if (kind === 'preserialized') {
    // The floor for /me: Fastify sending the very same body, serialized once up front.
    const me = await harness.as('bench-user', { method: 'GET', url: sdkPath('/me') });
    const body = me.body;
    const app = Fastify();
    app.get('/preserialized', (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    console.log(JSON.stringify({ url, path: '/preserialized', token: '' }));
    return;
  }
  const url = await harness.app.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ url, path: sdkPath('/me'), token: await harness.token('bench-user') }));
  const stop = async () => {
    await harness.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
