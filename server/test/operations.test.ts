/**
 * Running the server: per-user rate limits (security case 24, its rate-limit part), structured
 * logs with request ids and no secrets, the OpenAPI document, health, and two instances sharing
 * one PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../src/store/database.js';
import { createRateLimiter } from '../src/rate-limit.js';
import { anotherServer, collectLogLines, createTestDatabase, sdkPath, startHarness, STORE_KIND, type Harness } from './harness.js';

describe(`rate limiting (${STORE_KIND})`, () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ rateLimit: { max: 20, windowMs: 60_000 } });
  });
  after(() => harness.close());

  it('gives a user over the limit 429 with Retry-After, while another user of the project is not slowed', async () => {
    const noisy = await Promise.all(Array.from({ length: 30 }, () => harness.as('noisy', { method: 'GET', url: sdkPath('/me') })));
    const statuses = noisy.map((response) => response.statusCode);
    assert.equal(statuses.filter((status) => status === 200).length, 20);
    assert.equal(statuses.filter((status) => status === 429).length, 10);
    const limited = noisy.find((response) => response.statusCode === 429)!;
    assert.equal(limited.json().error.code, 'rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);

    const quiet = await Promise.all(Array.from({ length: 5 }, () => harness.as('quiet', { method: 'GET', url: sdkPath('/me') })));
    assert.deepEqual(
      quiet.map((response) => response.statusCode),
      [200, 200, 200, 200, 200],
    );
  });

  it('opens a new window once the old one has passed', () => {
    let now = 0;
    const limit = createRateLimiter({ max: 2, windowMs: 1000 }, () => now);
    assert.deepEqual([limit('a').allowed, limit('a').allowed, limit('a').allowed], [true, true, false]);
    assert.equal(limit('a').retryAfterSeconds, 1);
    now = 1000;
    assert.equal(limit('a').allowed, true);
  });
});

describe(`operations (${STORE_KIND})`, () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  it('logs one JSON line per request with its request id, and never the token or an API key', async () => {
    const { stream, lines } = collectLogLines();
    const app = await anotherServer(harness, { log: stream });
    const token = await harness.token('logged');
    const canary = 'sk_test_CANARY123';
    const response = await app.inject({
      method: 'POST',
      url: sdkPath('/credentials'),
      headers: { authorization: `Bearer ${token}` },
      payload: { integrationId: 'int-crm', payload: { API_KEY: canary } },
    });
    assert.equal(response.statusCode, 201);
    const requestId = String(response.headers['x-request-id']);
    assert.match(requestId, /^[0-9a-f-]{36}$/);
    const entries = lines.map((line) => JSON.parse(line) as { reqId?: string });
    assert.ok(
      entries.some((entry) => entry.reqId === requestId),
      'the request id is in the logs',
    );
    const all = lines.join('\n');
    assert.ok(!all.includes(canary), 'the API key is not logged');
    assert.ok(!all.includes(token), 'the user token is not logged');
    await app.close();
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(response.statusCode, 200);
    const doc = response.json();
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/me',
      '/integrations',
      '/metadata',
      '/credentials',
      '/credentials/{credentialId}',
      '/credentials/{credentialId}/configurations',
      '/workflows/{workflowId}',
      '/integrations/{integration}',
    ]) {
      assert.ok(doc.paths[`/projects/{projectId}/sdk${path}`], path);
    }
    const install = doc.paths['/projects/{projectId}/sdk/credentials'].post.requestBody.content['application/json'].schema;
    // `payload` (an account's values) or `code` (completeInstall): the route says which is missing.
    assert.deepEqual(install.required, ['integrationId']);
    assert.ok(install.properties.payload && install.properties.code);
    assert.equal(install.additionalProperties, false);
  });

  it('never serves a stale /me: a write through another instance on the same store shows at once', async () => {
    const [reader, writer] = await Promise.all([anotherServer(harness), anotherServer(harness)]);
    const headers = { authorization: `Bearer ${await harness.token('cached')}` };
    const me = async () => (await reader!.inject({ method: 'GET', url: sdkPath('/me'), headers })).json();
    const install = (key: string) =>
      writer!.inject({ method: 'POST', url: sdkPath('/credentials'), headers, payload: { integrationId: 'int-crm', payload: { API_KEY: key } } });

    const first = (await install('c1')).json();
    assert.equal((await me()).integrations.crm.allCredentials.length, 1);
    assert.equal((await me()).integrations.crm.allCredentials.length, 1, 'served again, from the cache');
    await install('c2');
    assert.equal((await me()).integrations.crm.allCredentials.length, 2, 'an install elsewhere');
    await writer!.inject({ method: 'POST', url: sdkPath('/workflows/wf-a'), headers: { ...headers, 'x-paragon-credential': first.id } });
    assert.equal((await me()).integrations.crm.workflowSettings['wf-a'].enabled, true, 'a workflow change elsewhere');
    await writer!.inject({
      method: 'PATCH',
      url: sdkPath(`/credentials/${first.id}`),
      headers,
      payload: { config: { sharedSettings: { pipeline: 'New' } } },
    });
    assert.equal((await me()).integrations.crm.sharedSettings.pipeline, 'New', 'a settings change elsewhere');
    await writer!.inject({ method: 'PATCH', url: sdkPath('/me'), headers, payload: { meta: { Name: 'Cached' } } });
    assert.deepEqual((await me()).meta, { Name: 'Cached' }, 'a metadata change elsewhere');
    const configuration = (
      await writer!.inject({ method: 'POST', url: sdkPath(`/credentials/${first.id}/configurations`), headers, payload: {} })
    ).json();
    assert.equal((await me()).integrations.crm.allCredentials[0].configurations.length, 2, 'a new configuration elsewhere');
    await writer!.inject({
      method: 'DELETE',
      url: sdkPath(`/credentials/${first.id}/configurations`),
      headers: { ...headers, 'x-paragon-configuration-id': configuration.id },
    });
    assert.equal((await me()).integrations.crm.allCredentials[0].configurations.length, 1, 'a deleted configuration elsewhere');
    await writer!.inject({ method: 'DELETE', url: sdkPath('/integrations/crm'), headers: { ...headers, 'x-paragon-credential': first.id } });
    assert.equal((await me()).integrations.crm.allCredentials.length, 1, 'an uninstall elsewhere');
    await Promise.all([reader!.close(), writer!.close()]);
  });

  it(
    'never serves a stale /me on SQLite: a commit by another connection to the file (a second instance) shows at once',
    {
      skip: Boolean(process.env.DATABASE_URL) && 'SQLite only: PostgreSQL has its own two-instance test',
    },
    async () => {
      // The reader serves /me from its cache without reading a table while nothing changed; the
      // writer has a connection of its own, as another process would.
      const writerStore = await openStore({ dataDir: harness.dataDir });
      const writer = await anotherServer(harness, { store: writerStore });
      const headers = { authorization: `Bearer ${await harness.token('cached-elsewhere')}` };
      const me = async () => (await harness.app.inject({ method: 'GET', url: sdkPath('/me'), headers })).json();
      const install = (key: string) =>
        writer.inject({ method: 'POST', url: sdkPath('/credentials'), headers, payload: { integrationId: 'int-crm', payload: { API_KEY: key } } });
      try {
        const first = (await install('e1')).json();
        assert.equal((await me()).integrations.crm.allCredentials.length, 1);
        assert.equal((await me()).integrations.crm.allCredentials.length, 1, 'served again, from the cache');
        await install('e2');
        assert.equal((await me()).integrations.crm.allCredentials.length, 2, 'an install through the other connection');
        await writer.inject({ method: 'PATCH', url: sdkPath('/me'), headers, payload: { meta: { Name: 'Elsewhere' } } });
        assert.deepEqual((await me()).meta, { Name: 'Elsewhere' }, 'a metadata change through the other connection');
        await writer.inject({ method: 'DELETE', url: sdkPath('/integrations/crm'), headers: { ...headers, 'x-paragon-credential': first.id } });
        assert.equal((await me()).integrations.crm.allCredentials.length, 1, 'an uninstall through the other connection');
      } finally {
        await writer.close();
        await writerStore.destroy();
      }
    },
  );

  it('answers /healthz after checking the store', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/healthz' });
    assert.deepEqual(response.json(), { status: 'ok' });
  });
});

describe('two server instances on one PostgreSQL', { skip: !process.env.DATABASE_URL && 'DATABASE_URL is not set' }, () => {
  it('a write through one instance is read through the other', async () => {
    const harness = await startHarness();
    const database = await createTestDatabase();
    const stores = await Promise.all([
      openStore({ dataDir: harness.dataDir, databaseUrl: database.url }),
      openStore({ dataDir: harness.dataDir, databaseUrl: database.url }),
    ]);
    try {
      const [one, two] = await Promise.all(stores.map((store) => anotherServer(harness, { store })));
      const headers = { authorization: `Bearer ${await harness.token('shared')}` };
      const created = await one!.inject({
        method: 'POST',
        url: sdkPath('/credentials'),
        headers,
        payload: { integrationId: 'int-crm', payload: { API_KEY: 'k' } },
      });
      assert.equal(created.statusCode, 201);
      const id = created.json().id;
      const enabled = await two!.inject({ method: 'POST', url: sdkPath('/workflows/wf-a'), headers: { ...headers, 'x-paragon-credential': id } });
      assert.equal(enabled.statusCode, 200);
      const seen = (await one!.inject({ method: 'GET', url: sdkPath('/me'), headers })).json();
      assert.equal(seen.integrations.crm.allCredentials[0].id, id);
      assert.equal(seen.integrations.crm.workflowSettings['wf-a'].enabled, true);
      await Promise.all([one!.close(), two!.close()]);
    } finally {
      await Promise.all(stores.map((store) => store.destroy()));
      await database.drop();
      await harness.close();
    }
  });
});
