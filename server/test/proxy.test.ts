/**
 * The proxy of `paragon.request` against a loopback API: where requests may go (security cases
 * 17 and 18), which headers cross it (19), when it retries and when it gives up (20), and that
 * each account's own key reaches the API.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ConnectCredential } from '../../protocol/src/rest.js';
import type { HttpError } from '../src/http-error.js';
import { publicOnlyLookup } from '../src/proxy/address-guard.js';
import { forwardedRequestHeaders } from '../src/proxy/headers.js';
import { createUpstream, retryAfterMs, type UpstreamError } from '../src/proxy/upstream.js';
import { loadConfig } from '../src/config/load.js';
import { createTokenService } from '../src/oauth/tokens.js';
import { openSecretBox } from '../src/secrets/keys.js';
import { join } from 'node:path';
import { json, startFakeApi, type FakeApi } from './fake-api.js';
import { startOAuthHarness, type OAuthHarness } from './oauth-harness.js';
import { HOST_ORIGIN, installApiKey, PROJECT_ID, sdkPath, snapshot, STORE_KIND, startHarness, testConfig, type Harness } from './harness.js';

interface TestIntegration {
  id: string;
  api?: object;
}

/** int-crm calls the fake API; `instance` and `shop` take their API host from the account. */
function proxyConfig(fake: FakeApi): object {
  const config = testConfig() as { projects: { integrations: TestIntegration[] }[] };
  const integrations = config.projects[0]!.integrations;
  integrations[0]!.api = { baseUrl: `${fake.origin}/v2`, timeoutSeconds: 1, retries: 2, forwardHeaders: ['Notion-Version'] };
  integrations[1]!.api = { baseUrl: `${fake.origin}/erp`, headers: { 'X-Api-Key': 'key={TOKEN}' } };
  const instanceInputs = [
    { id: 'instanceUrl', type: 'TEXT_NO_VARS', title: 'Instance URL' },
    { id: 'API_KEY', type: 'PASSWORD', title: 'API key' },
  ];
  integrations.push(
    {
      id: 'int-instance',
      type: 'instance',
      name: 'Instance',
      brandColor: '#000000',
      shortDescription: 'An API on a host of the account.',
      auth: { scheme: 'api_key', inputs: instanceInputs },
      // Every name the address guard must still refuse is allowed here, so that it is the guard that answers.
      api: {
        baseUrl: '{instanceUrl}/rest',
        allowedHosts: [
          '0.0.0.0',
          '127.0.0.1',
          '127.1',
          '2130706433',
          'localhost',
          'metadata.google.internal',
          '169.254.169.254',
          'api.instance.test',
        ],
      },
    } as TestIntegration,
    {
      id: 'int-shop',
      type: 'shop',
      name: 'Shop',
      brandColor: '#000000',
      shortDescription: 'A shop of the account.',
      auth: {
        scheme: 'api_key',
        inputs: [
          { id: 'shop', type: 'TEXT_NO_VARS', title: 'Shop' },
          { id: 'API_KEY', type: 'PASSWORD', title: 'API key' },
        ],
      },
      api: { baseUrl: 'https://{shop}.shop.test/admin', allowedHosts: ['*.shop.test'] },
    } as TestIntegration,
  );
  return config;
}

describe(`the API proxy (${STORE_KIND})`, () => {
  let harness: Harness;
  let fake: FakeApi;
  let aliceFirst: ConnectCredential;
  let aliceSecond: ConnectCredential;

  before(async () => {
    fake = await startFakeApi();
    harness = await startHarness({ config: proxyConfig(fake), rateLimit: { max: 1_000_000, windowMs: 60_000 } });
    aliceFirst = await installApiKey(harness, 'alice', 'alice-key-1');
    aliceSecond = await installApiKey(harness, 'alice', 'alice-key-2');
    await installApiKey(harness, 'bob', 'bob-key');
  });
  after(async () => {
    await harness.close();
    await fake.close();
  });
  beforeEach(() => fake.answer((request, response) => json(response, 200, { path: request.url })));

  /**
   * A request written byte for byte, as a hostile client would: `inject` and browsers resolve
   * `..` and `%2e%2e` before sending, and refuse line breaks in headers.
   */
  async function raw(sub: string, path: string, extraHeaderLines = ''): Promise<{ status: number; body: string }> {
    const address = harness.app.server.listening
      ? harness.app.server.address()
      : await harness.app.listen({ port: 0, host: '127.0.0.1' }).then(() => harness.app.server.address());
    const token = await harness.token(sub);
    const socket = connect((address as { port: number }).port, '127.0.0.1');
    socket.on('connect', () =>
      socket.write(
        `GET ${sdkPath(`/proxy/crm/${path}`)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n${extraHeaderLines}Connection: close\r\n\r\n`,
      ),
    );
    const answer = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += String(chunk)));
      socket.on('close', () => resolve(text));
    });
    return { status: Number(answer.slice(9, 12)), body: answer.slice(answer.indexOf('\r\n\r\n') + 4) };
  }

  const proxy = (
    sub: string,
    path: string,
    options: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; headers?: Record<string, string>; payload?: string | object } = {},
  ) => harness.as(sub, { method: options.method ?? 'GET', url: sdkPath(`/proxy/crm/${path}`), headers: options.headers, payload: options.payload });

  describe('where a request goes (case 17)', () => {
    it("reaches exactly the path under the base URL, with the account's own key", async () => {
      const response = await proxy('alice', 'users/42?limit=10&q=a%20b');
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json(), { path: '/v2/users/42?limit=10&q=a%20b' });
      assert.equal(fake.requests.length, 1);
      assert.equal(fake.requests[0]!.headers.authorization, 'Bearer alice-key-1');
    });

    it('uses the account named by X-Paragon-Credential, else the first one', async () => {
      await proxy('alice', 'me', { headers: { 'x-paragon-credential': aliceSecond.id } });
      await proxy('alice', 'me');
      await proxy('bob', 'me');
      assert.deepEqual(
        fake.requests.map((request) => request.headers.authorization),
        ['Bearer alice-key-2', 'Bearer alice-key-1', 'Bearer bob-key'],
      );
    });

    it("refuses another user's credential with a 404, and calls nothing", async () => {
      const response = await proxy('bob', 'me', { headers: { 'x-paragon-credential': aliceFirst.id } });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().error.code, 'credential_not_found');
      assert.equal(fake.connections, 0);
    });

    const hostile = [
      'https://evil.test/x',
      '/evil.test/x', // the URL reads …/proxy/crm//evil.test/x
      '%5C%5Cevil.test/x',
      '\\\\evil.test/x',
      '../admin',
      '%2e%2e/admin',
      'a/%2E%2E/%2e%2e/x',
      'a/./b',
      'x%0d%0aHost:evil',
      '%09foo',
      'a%2fb/../../x',
      'a/%2e/b',
    ];
    for (const path of hostile) {
      it(`refuses "${path}" with 400 invalid_path and opens no connection`, async () => {
        const before = await snapshot(harness.store);
        const response = await raw('alice', path);
        assert.equal(response.status, 400, response.body);
        assert.equal((JSON.parse(response.body) as { error: { code: string } }).error.code, 'invalid_path');
        assert.equal(fake.connections, 0);
        assert.equal(await snapshot(harness.store), before);
      });
    }

    it('keeps "@evil.test/x" on the API host, as a path', async () => {
      const response = await proxy('alice', '@evil.test/x');
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { path: '/v2/@evil.test/x' });
    });

    it('refuses a whole URL in X-Paragon-Proxy-Url', async () => {
      const response = await proxy('alice', 'x', { headers: { 'x-paragon-proxy-url': 'https://evil.test/' } });
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error.code, 'invalid_path');
      assert.equal(fake.connections, 0);
    });

    it('answers 404 for an unknown integration', async () => {
      const response = await harness.as('alice', { method: 'GET', url: sdkPath('/proxy/nothing/x') });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().error.code, 'integration_not_found');
    });
  });

  describe('per-account hosts (case 18)', () => {
    const install = async (sub: string, integrationId: string, payload: Record<string, string>) => {
      const response = await harness.as(sub, { method: 'POST', url: sdkPath('/credentials'), payload: { integrationId, payload } });
      assert.equal(response.statusCode, 201, response.body);
      return (response.json() as ConnectCredential).id;
    };

    for (const instanceUrl of [
      'http://0.0.0.0:8080',
      'https://0.0.0.0:8080',
      'https://[::]',
      'https://[::ffff:127.0.0.1]',
      'https://2130706433',
      'https://127.1',
      'https://localhost',
      'https://metadata.google.internal',
      'https://169.254.169.254',
      'https://api.instance.test/path',
      'https://user:pass@api.instance.test',
      'https://evil.test',
    ]) {
      it(`refuses an instance URL of "${instanceUrl}" before any socket`, async () => {
        const sub = `carol-${instanceUrl.length}-${instanceUrl.charCodeAt(10)}`;
        const credentialId = await install(sub, 'int-instance', { instanceUrl, API_KEY: 'k' });
        const response = await harness.as(sub, {
          method: 'GET',
          url: sdkPath('/proxy/instance/x'),
          headers: { 'x-paragon-credential': credentialId },
        });
        assert.equal(response.statusCode, 400, response.body);
        assert.equal(response.json().error.code, 'invalid_url');
        assert.equal(fake.connections, 0);
      });
    }

    it('refuses a shop name that would change the host', async () => {
      const credentialId = await install('dave', 'int-shop', { shop: 'a.evil.test#', API_KEY: 'k' });
      const response = await harness.as('dave', { method: 'GET', url: sdkPath('/proxy/shop/x'), headers: { 'x-paragon-credential': credentialId } });
      assert.equal(response.statusCode, 400, response.body);
    });

    it('never connects to a name that resolves to a private address, even when DNS changes its answer', async () => {
      let answers = 0;
      // The first answer is public (what a check before connecting would see), the next loopback.
      const rebinding = ((_host: string, _options: object, callback: (error: null, addresses: { address: string; family: number }[]) => void) =>
        callback(null, [{ address: answers++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }])) as never;
      const lookup = publicOnlyLookup(rebinding);
      // One lookup per connection: the first would go to a public address (and fail here, offline),
      // so ask for the second straight away, as a reconnect would.
      lookup('rebind.test', { all: true }, () => undefined);
      const outcome = await new Promise<string>((resolve) => {
        const port = new URL(fake.origin).port;
        const request = httpRequest({ host: 'rebind.test', port, path: '/v2/x', lookup: lookup as never }, () => resolve('connected'));
        request.on('error', (error) => resolve(error.message));
        request.end();
      });
      assert.match(outcome, /private or local address/);
      assert.equal(fake.connections, 0);
    });

    it('does not follow a redirect, and sends the key only once', async () => {
      fake.answer((_request, response) => {
        response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        response.end();
      });
      const response = await proxy('alice', 'x');
      assert.equal(response.statusCode, 502);
      assert.match(response.json().error.message, /redirect/);
      assert.equal(fake.requests.length, 1);
    });
  });

  describe('headers, both ways (case 19)', () => {
    it("sends the account's authorization only, and the allowed headers", async () => {
      await proxy('alice', 'x', {
        headers: {
          cookie: 'session=1',
          'x-forwarded-for': '10.0.0.1',
          host: 'evil.test',
          'x-api-key': 'smuggled',
          accept: 'application/json',
          'if-none-match': '"v1"',
          'notion-version': '2022-06-28',
        },
      });
      const { headers } = fake.requests[0]!;
      assert.equal(headers.authorization, 'Bearer alice-key-1', 'not the user token');
      assert.equal(headers.cookie, undefined);
      assert.equal(headers['x-forwarded-for'], undefined);
      assert.equal(headers['x-api-key'], undefined);
      assert.equal(headers.host, new URL(fake.origin).host);
      assert.equal(headers.accept, 'application/json');
      assert.equal(headers['if-none-match'], '"v1"');
      assert.equal(headers['notion-version'], '2022-06-28', "the integration's forwardHeaders pass");
    });

    it('fills an API-key header template', async () => {
      const credential = await harness.as('erin', {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: 'int-erp', payload: { TOKEN: 'erp-token' } },
      });
      assert.equal(credential.statusCode, 201, credential.body);
      const response = await harness.as('erin', {
        method: 'GET',
        url: sdkPath('/proxy/erp/orders'),
        headers: { 'x-paragon-credential': (credential.json() as ConnectCredential).id },
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(fake.requests[0]!.headers['x-api-key'], 'key=erp-token');
      assert.equal(fake.requests[0]!.headers.authorization, undefined);
    });

    it("lets a browser send the integration's own headers in a preflight", async () => {
      const preflight = await harness.app.inject({
        method: 'OPTIONS',
        url: sdkPath('/proxy/crm/x'),
        headers: { origin: HOST_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'notion-version' },
      });
      assert.equal(preflight.statusCode, 204);
      assert.match(String(preflight.headers['access-control-allow-headers']), /, Notion-Version$/);
      const elsewhere = await harness.app.inject({
        method: 'OPTIONS',
        url: sdkPath('/me'),
        headers: { origin: HOST_ORIGIN, 'access-control-request-method': 'GET' },
      });
      assert.doesNotMatch(String(elsewhere.headers['access-control-allow-headers']), /Notion-Version/);
    });

    it('refuses a header value with a line break, naming the header', () => {
      assert.throws(
        () => forwardedRequestHeaders({ prefer: 'a\r\nX-Injected: 1' }),
        (error: HttpError) => error.status === 400 && error.field === 'headers.prefer',
      );
    });

    it('drops a header smuggled on a line of its own', async () => {
      const response = await raw('alice', 'x', 'Prefer: a\r\nX-Injected: 1\r\n');
      assert.equal(response.status, 200, response.body);
      assert.equal(fake.requests[0]!.headers['x-injected'], undefined);
      assert.equal(fake.requests[0]!.headers.prefer, 'a');
    });

    it('strips cookies and CORS headers from the answer, and keeps the paging ones', async () => {
      fake.answer((_request, response) =>
        json(
          response,
          200,
          { ok: true },
          { 'set-cookie': 'tracker=1', 'access-control-allow-origin': '*', link: '<https://x/2>; rel="next"', etag: '"e1"', 'x-internal': 'secret' },
        ),
      );
      const response = await proxy('alice', 'x', { headers: { origin: HOST_ORIGIN } });
      assert.equal(response.headers['set-cookie'], undefined);
      assert.equal(response.headers['access-control-allow-origin'], HOST_ORIGIN);
      assert.equal(response.headers['x-internal'], undefined);
      assert.equal(response.headers.link, '<https://x/2>; rel="next"');
      assert.equal(response.headers.etag, '"e1"');
      assert.equal(response.headers['x-connect-upstream-status'], '200', "marks the API's own answer");
      assert.match(String(response.headers['access-control-expose-headers']), /X-Connect-Upstream-Status/, 'which the portal reads across origins');
    });
  });

  describe('faults (case 20)', () => {
    const script = (...statuses: (number | 'reset')[]) =>
      fake.answer((_request, response, attempt) => {
        const status = statuses[Math.min(attempt, statuses.length) - 1]!;
        if (status === 'reset') return response.socket!.destroy();
        json(response, status, { attempt });
      });

    it('retries a GET after 503, 503 and answers the 200', async () => {
      script(503, 503, 200);
      const response = await proxy('alice', 'x');
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { attempt: 3 });
      assert.equal(fake.requests.length, 3);
    });

    it('gives a POST one attempt, and the 503 back', async () => {
      script(503, 200);
      const response = await proxy('alice', 'x', { method: 'POST', payload: { name: 'Ada' } });
      assert.equal(response.statusCode, 503);
      assert.equal(fake.requests.length, 1);
      assert.equal(fake.requests[0]!.body, '{"name":"Ada"}');
    });

    it('retries a POST with an Idempotency-Key, with the same key and body', async () => {
      script(503, 200);
      const response = await proxy('alice', 'x', { method: 'POST', payload: { name: 'Ada' }, headers: { 'idempotency-key': 'k-1' } });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(
        fake.requests.map((request) => [request.headers['idempotency-key'], request.body]),
        [
          ['k-1', '{"name":"Ada"}'],
          ['k-1', '{"name":"Ada"}'],
        ],
      );
    });

    it('waits as long as Retry-After asks', async () => {
      fake.answer((_request, response, attempt) => (attempt === 1 ? json(response, 429, {}, { 'retry-after': '2' }) : json(response, 200, {})));
      const response = await proxy('alice', 'x');
      assert.equal(response.statusCode, 200);
      assert.ok(fake.requests[1]!.at - fake.requests[0]!.at >= 2000, `waited ${fake.requests[1]!.at - fake.requests[0]!.at} ms`);
    });

    it('does not wait for a Retry-After past its cap: the 429 goes back', async () => {
      fake.answer((_request, response) => json(response, 429, {}, { 'retry-after': '3600' }));
      const response = await proxy('alice', 'x');
      assert.equal(response.statusCode, 429);
      assert.equal(response.headers['retry-after'], '3600');
      assert.equal(fake.requests.length, 1);
    });

    it('retries a reset connection for a GET, and not for a POST', async () => {
      script('reset', 200);
      assert.equal((await proxy('alice', 'x')).statusCode, 200);
      assert.equal(fake.requests.length, 2);
      script('reset', 200);
      const post = await proxy('alice', 'x', { method: 'POST', payload: {} });
      assert.equal(post.statusCode, 502);
      assert.equal(post.json().error.code, 'upstream_unreachable');
      assert.equal(fake.requests.length, 1);
    });

    it('ends a request that hangs at the configured timeout, with a clear error, once', async () => {
      fake.answer(() => undefined); // never answers
      const started = Date.now();
      const response = await proxy('alice', 'x');
      const elapsed = Date.now() - started;
      assert.equal(response.statusCode, 504);
      assert.equal(response.json().error.code, 'upstream_timeout');
      assert.match(response.json().error.message, /did not answer within 1 s/);
      assert.ok(elapsed >= 1000 && elapsed < 2500, `ended after ${elapsed} ms`);
      assert.equal(fake.requests.length, 1, 'a timeout is not retried');
    });
  });

  describe('the upstream caller that workflows and data sources use', () => {
    const caller = async () => {
      const config = await loadConfig(join(harness.dataDir, 'connect.config.json'));
      const secrets = await openSecretBox(harness.dataDir);
      return createUpstream({ config, store: harness.store, secrets, tokens: createTokenService({ config, store: harness.store, secrets }) });
    };
    const alice = { projectId: PROJECT_ID, userId: 'alice' };

    it('answers parsed JSON, and an error answer as an UpstreamError with the secrets it echoed redacted', async () => {
      const upstream = await caller();
      try {
        const ok = await upstream.request(alice, aliceFirst.id, { method: 'GET', path: 'contacts?limit=1' });
        assert.deepEqual([ok.status, ok.data], [200, { path: '/v2/contacts?limit=1' }]);
        fake.answer((request, response) => json(response, 403, { error: 'forbidden', youSent: request.headers.authorization }));
        await assert.rejects(upstream.request(alice, aliceFirst.id, { method: 'GET', path: 'x' }), (error: UpstreamError) => {
          assert.equal(error.status, 502);
          assert.equal(error.upstreamStatus, 403);
          assert.deepEqual(error.upstreamBody, { error: 'forbidden', youSent: 'Bearer [REDACTED]' });
          return true;
        });
      } finally {
        upstream.close();
      }
    });

    it('reads Retry-After as seconds or as a date', () => {
      assert.equal(retryAfterMs('2'), 2000);
      assert.equal(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 5)).toUTCString(), Date.UTC(2030, 0, 1)), 5000);
      assert.equal(retryAfterMs('soon'), undefined);
      assert.equal(retryAfterMs(undefined), undefined);
    });
  });

  describe('bodies', () => {
    it('cuts off an answer whose body stops midway, at the timeout', async () => {
      fake.answer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.write('the first half, then nothing');
      });
      const started = Date.now();
      const outcome = await proxy('alice', 'x').then(
        (response) => `answered ${response.statusCode} with ${response.body.length} bytes`,
        (error: Error) => `failed: ${error.message}`,
      );
      const elapsed = Date.now() - started;
      assert.ok(elapsed >= 1000 && elapsed < 3000, `ended after ${elapsed} ms (${outcome})`);
      assert.doesNotMatch(outcome, /answered 200 with 28 bytes$/, 'not passed off as a whole answer');
    });

    it('infers Content-Type: auto from the body, and passes other types as they are', async () => {
      const auto = await proxy('alice', 'x', { method: 'POST', payload: '{"a":1}', headers: { 'content-type': 'auto' } });
      assert.equal(auto.statusCode, 200, auto.body);
      await proxy('alice', 'x', { method: 'POST', payload: 'a=1&b=2', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(fake.requests[0]!.headers['content-type'], 'application/json');
      assert.equal(fake.requests[1]!.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(fake.requests[1]!.body, 'a=1&b=2');
    });

    it('streams a large answer through whole', async () => {
      const big = 'x'.repeat(5 * 1024 * 1024);
      fake.answer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end(big);
      });
      const response = await proxy('alice', 'x');
      assert.equal(response.statusCode, 200);
      assert.equal(response.body.length, big.length);
    });

    it('refuses a body over 10 MB with 413, before calling the API', async () => {
      const response = await proxy('alice', 'x', {
        method: 'POST',
        payload: 'x'.repeat(10 * 1024 * 1024 + 1),
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(response.statusCode, 413);
      assert.match(response.json().error.message, /10 MB/);
      assert.equal(fake.connections, 0);
    });
  });
});

describe(`the API proxy with OAuth accounts (${STORE_KIND})`, () => {
  let oauth: OAuthHarness;
  before(async () => {
    oauth = await startOAuthHarness();
  });
  after(() => oauth.close());

  const me = (sub: string, credentialId: string) =>
    oauth.as(sub, { method: 'GET', url: sdkPath('/proxy/sandbox/me'), headers: { 'x-paragon-credential': credentialId } });

  it("calls the provider's API as each of the user's accounts", async () => {
    const alice = await oauth.connect('frank', 'alice');
    const bob = await oauth.connect('frank', 'bob');
    assert.equal((await me('frank', alice.credentialId!)).json().id, 'acct_alice');
    assert.equal((await me('frank', bob.credentialId!)).json().id, 'acct_bob');
  });

  it('refreshes an access token the provider no longer takes, once, and repeats the call', async () => {
    const alice = await oauth.connect('grace', 'alice');
    await oauth.sandbox.expireAccessTokens('alice');
    oauth.sandbox.resetStats();
    const answers = await Promise.all(Array.from({ length: 20 }, () => me('grace', alice.credentialId!)));
    assert.deepEqual(
      answers.map((answer) => answer.statusCode),
      Array.from({ length: 20 }, () => 200),
    );
    assert.equal(oauth.sandbox.stats().tokenRequests.refresh_token, 1, 'one refresh for twenty calls (security case 11)');
  });

  it('answers 409 credential_invalid once the grant is revoked, and the account is marked INVALID', async () => {
    const bob = await oauth.connect('heidi', 'bob');
    await oauth.sandbox.revokeUser('bob');
    const response = await me('heidi', bob.credentialId!);
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'credential_invalid');
    const credentials = (await oauth.as('heidi', { method: 'GET', url: sdkPath('/credentials') })).json() as ConnectCredential[];
    assert.equal(credentials.find((credential) => credential.id === bob.credentialId)!.status, 'INVALID');
  });
});
