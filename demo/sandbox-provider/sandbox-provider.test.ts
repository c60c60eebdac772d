/**
 * The sandbox provider over real HTTP: node --import tsx --test demo/sandbox-provider/sandbox-provider.test.ts
 *
 * `Browser` plays the user's browser with plain fetch (cookies, redirects, forms), so the whole
 * authorization code + PKCE flow runs through the real pages, as the Connect server will drive it.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { startSandboxProvider, type SandboxProvider } from './sandbox-provider.js';
import { Browser } from './test-browser.js';
import { SANDBOX_PASSWORD } from './users.js';

const CLIENT = { clientId: 'test-app', clientSecret: 'test-secret', redirectUris: ['http://127.0.0.1:4399/callback'] };
const REDIRECT_URI = CLIENT.redirectUris[0]!;
const ALL_SCOPES = 'openid profile email offline_access contacts.read contacts.write files.read';

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeUrl(sandbox: SandboxProvider, challenge: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    client_id: CLIENT.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: ALL_SCOPES,
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  return `${sandbox.url}/auth?${params}`;
}

interface AuthorizeOptions {
  browser?: Browser;
  scope?: string;
  /** More authorization request parameters. */
  params?: Record<string, string>;
}

/** Signs `login` in through the login and consent pages; returns the code and its verifier. */
async function authorize(
  sandbox: SandboxProvider,
  login: string,
  { browser = new Browser(sandbox.url), scope = ALL_SCOPES, params }: AuthorizeOptions = {},
) {
  const { verifier, challenge } = pkce();
  const loginPage = await browser.go(authorizeUrl(sandbox, challenge, { scope, ...params }));
  assert.match(loginPage.html, /<label for="login">Username<\/label>/, 'the login form is shown');
  const consent = await browser.submit(loginPage, { login, password: SANDBOX_PASSWORD });
  assert.match(consent.html, /Allow access\?/);
  const callback = await browser.submit(consent, { decision: 'allow' });
  assert.equal(`${callback.url.origin}${callback.url.pathname}`, REDIRECT_URI);
  assert.equal(callback.url.searchParams.get('state'), 'state-123');
  const code = callback.url.searchParams.get('code');
  assert.ok(code, `a code in ${callback.url.search}`);
  return { code, verifier };
}

interface TokenAnswer {
  status: number;
  body: { access_token?: string; refresh_token?: string; error?: string; expires_in?: number; scope?: string };
}

/** A token request as a confidential client: the secret as HTTP Basic, or in the body. */
async function tokenRequest(
  sandbox: SandboxProvider,
  fields: Record<string, string>,
  { auth = 'basic', secret = CLIENT.clientSecret } = {},
): Promise<TokenAnswer> {
  const basic = `Basic ${Buffer.from(`${CLIENT.clientId}:${secret}`).toString('base64')}`;
  const body = new URLSearchParams(auth === 'basic' ? fields : { ...fields, client_id: CLIENT.clientId, client_secret: secret });
  const response = await fetch(`${sandbox.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth === 'basic' ? { authorization: basic } : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as TokenAnswer['body'] };
}

const exchange = (sandbox: SandboxProvider, code: string, verifier: string, auth = 'basic') =>
  tokenRequest(sandbox, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI }, { auth });

const refresh = (sandbox: SandboxProvider, refreshToken: string) =>
  tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken });

/** A connected account: the whole flow, then the code exchange. */
async function connect(sandbox: SandboxProvider, login: string, options: AuthorizeOptions = {}) {
  const { code, verifier } = await authorize(sandbox, login, options);
  const { status, body } = await exchange(sandbox, code, verifier);
  assert.equal(status, 200, JSON.stringify(body));
  return { accessToken: body.access_token!, refreshToken: body.refresh_token! };
}

async function api(sandbox: SandboxProvider, path: string, accessToken?: string, init: RequestInit = {}) {
  const headers = { ...(init.headers as Record<string, string>), ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) };
  const response = await fetch(`${sandbox.url}${path}`, { ...init, headers });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown> & { items: { id: string; name: string }[]; nextCursor: string | null },
  };
}

describe('sandbox provider', () => {
  let sandbox: SandboxProvider;
  before(async () => {
    sandbox = await startSandboxProvider({ port: 0, clients: [CLIENT], control: true });
  });
  after(() => sandbox.close());

  it('serves OpenID discovery for its issuer', async () => {
    const discovery = (await (await fetch(`${sandbox.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.equal(discovery.issuer, sandbox.url);
    assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);
    assert.equal(discovery.revocation_endpoint, `${sandbox.url}/token/revocation`);
  });

  it('runs code + PKCE for alice, then for bob in the same browser, who is asked to sign in again', async () => {
    const browser = new Browser(sandbox.url);
    for (const [login, auth] of [
      ['alice', 'post'],
      ['bob', 'basic'],
    ] as const) {
      const { code, verifier } = await authorize(sandbox, login, { browser });
      const { status, body } = await exchange(sandbox, code, verifier, auth);
      assert.equal(status, 200, JSON.stringify(body));
      assert.ok(body.access_token && body.refresh_token, 'an access and a refresh token');
      assert.equal(body.expires_in, 3600);
      const me = await api(sandbox, '/api/me', body.access_token);
      assert.equal(me.status, 200);
      assert.deepEqual(me.body, {
        id: `acct_${login}`,
        name: login === 'alice' ? 'Alice Anders' : 'Bob Brandt',
        email: `${login}@sandbox.test`,
        workspace: login === 'alice' ? 'Anders Analytics' : 'Brandt Bikes',
      });
    }
  });

  it('refuses a wrong verifier, a wrong client secret, a used code and an unregistered redirect URI', async () => {
    const { code, verifier } = await authorize(sandbox, 'alice');
    const wrongVerifier = await exchange(sandbox, code, pkce().verifier);
    assert.equal(wrongVerifier.status, 400);
    assert.equal(wrongVerifier.body.error, 'invalid_grant');

    const fields = { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI };
    for (const auth of ['basic', 'post']) {
      const wrongSecret = await tokenRequest(sandbox, fields, { auth, secret: 'not-the-secret' });
      assert.equal(wrongSecret.status, 401);
      assert.equal(wrongSecret.body.error, 'invalid_client');
    }
    assert.equal((await exchange(sandbox, code, verifier)).status, 200, 'the right verifier and secret');
    assert.equal((await exchange(sandbox, code, verifier)).body.error, 'invalid_grant', 'a code works once');

    const response = await fetch(authorizeUrl(sandbox, pkce().challenge, { redirect_uri: 'http://127.0.0.1:4399/elsewhere' }), {
      redirect: 'manual',
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null, 'no redirect to an unregistered URI');
    assert.match(await response.text(), /redirect_uri did not match any of the client&#39;s registered redirect_uris/);
  });

  it('requires PKCE', async () => {
    const params = new URLSearchParams({
      client_id: CLIENT.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      state: 's',
    });
    const response = await fetch(`${sandbox.url}/auth?${params}`, { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.match(location.searchParams.get('error_description')!, /PKCE/);
  });

  it('rotates refresh tokens: a refresh token works once, and its reuse revokes the grant', async () => {
    const first = await connect(sandbox, 'carol');
    const rotated = await refresh(sandbox, first.refreshToken);
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    assert.ok(rotated.body.refresh_token && rotated.body.refresh_token !== first.refreshToken, 'a new refresh token');
    assert.equal((await api(sandbox, '/api/me', rotated.body.access_token)).body.id, 'acct_carol');

    const reused = await refresh(sandbox, first.refreshToken);
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error, 'invalid_grant');
    assert.equal((await refresh(sandbox, rotated.body.refresh_token!)).body.error, 'invalid_grant', 'reuse detection ends the grant');
  });

  it('revokes a user through the control endpoint: refresh is invalid_grant, the API 401', async () => {
    const alice = await connect(sandbox, 'alice');
    const bob = await connect(sandbox, 'bob');
    assert.equal((await fetch(`${sandbox.url}/__control/revoke?user=alice`, { method: 'POST' })).status, 204);

    assert.equal((await refresh(sandbox, alice.refreshToken)).body.error, 'invalid_grant');
    const me = await api(sandbox, '/api/me', alice.accessToken);
    assert.equal(me.status, 401);
    assert.equal(me.body.error, 'invalid_token');
    assert.match(me.headers.get('www-authenticate')!, /^Bearer error="invalid_token"/);
    assert.equal((await api(sandbox, '/api/me', bob.accessToken)).status, 200, 'bob is untouched');
    assert.equal((await fetch(`${sandbox.url}/__control/revoke?user=mallory`, { method: 'POST' })).status, 404);
  });

  it('expires access tokens through the control endpoint, keeping the refresh token', async () => {
    const alice = await connect(sandbox, 'alice');
    assert.equal((await fetch(`${sandbox.url}/__control/expire-access-tokens?user=alice`, { method: 'POST' })).status, 204);
    assert.equal((await api(sandbox, '/api/me', alice.accessToken)).status, 401);
    const refreshed = await refresh(sandbox, alice.refreshToken);
    assert.equal((await api(sandbox, '/api/me', refreshed.body.access_token)).status, 200);
  });

  it('counts token requests and API calls, and resets the counts', async () => {
    await fetch(`${sandbox.url}/__control/reset`, { method: 'POST' });
    const bob = await connect(sandbox, 'bob');
    await api(sandbox, '/api/me', bob.accessToken);
    await api(sandbox, '/api/me');
    await refresh(sandbox, bob.refreshToken);
    await refresh(sandbox, bob.refreshToken); // refused, and still counted
    const stats = await (await fetch(`${sandbox.url}/__control/stats`)).json();
    assert.deepEqual(stats, { tokenRequests: { authorization_code: 1, refresh_token: 2 }, apiRequests: 2, apiRequestsByUser: { bob: 1 } });
    sandbox.resetStats();
    assert.deepEqual(sandbox.stats().tokenRequests, { authorization_code: 0, refresh_token: 0 });
  });

  it('serves each user their own data, with cursors that page every item exactly once', async () => {
    const alice = await connect(sandbox, 'alice');
    const bob = await connect(sandbox, 'bob');
    const aliceContacts = await api(sandbox, '/api/contacts?limit=100', alice.accessToken);
    const bobContacts = await api(sandbox, '/api/contacts?limit=100', bob.accessToken);
    assert.equal(aliceContacts.body.items.length, 60);
    const bobNames = new Set(bobContacts.body.items.map((contact) => contact.name));
    assert.ok(
      aliceContacts.body.items.every((contact) => !bobNames.has(contact.name)),
      'no contact in common',
    );

    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    do {
      const page = await api(sandbox, `/api/contacts?limit=7${cursor ? `&cursor=${cursor}` : ''}`, alice.accessToken);
      assert.equal(page.status, 200);
      seen.push(...page.body.items.map((contact) => contact.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 9);
    assert.deepEqual(
      seen,
      aliceContacts.body.items.map((contact) => contact.id),
      'every contact once, in order',
    );

    const search = await api(sandbox, '/api/contacts?search=ADA', alice.accessToken);
    const expected = aliceContacts.body.items.filter((contact) => contact.name.toLowerCase().includes('ada'));
    assert.ok(expected.length > 0);
    assert.deepEqual(search.body.items, expected);

    const firstPage = await api(sandbox, '/api/contacts', alice.accessToken);
    assert.equal(firstPage.body.items.length, 20);
    const foreign = await api(sandbox, `/api/contacts?cursor=${firstPage.body.nextCursor}`, bob.accessToken);
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.error, 'invalid_request');
    assert.equal((await api(sandbox, '/api/contacts?cursor=garbage', alice.accessToken)).status, 400);
    assert.equal((await api(sandbox, `/api/pipelines?cursor=${firstPage.body.nextCursor}`, alice.accessToken)).status, 400, 'another list');

    const created = await api(sandbox, '/api/contacts', alice.accessToken, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Zed Zimmer', email: 'zed@example.test' }),
    });
    assert.equal(created.status, 201);
    assert.deepEqual((await api(sandbox, '/api/contacts?search=zed', alice.accessToken)).body.items, [created.body]);
    assert.deepEqual((await api(sandbox, '/api/contacts?search=zed', bob.accessToken)).body.items, []);
  });

  it("serves a file tree per user, folders first, and hides other users' files", async () => {
    const alice = await connect(sandbox, 'alice');
    const bob = await connect(sandbox, 'bob');
    const root = await api(sandbox, '/api/files', alice.accessToken);
    const names = root.body.items.map((item) => item.name);
    assert.deepEqual(names.slice(0, 3), ['Documents', 'Photos', 'Reports']);
    const photos = root.body.items.find((item) => item.name === 'Photos')!;

    const ids = new Set<string>();
    let cursor: string | null = '';
    do {
      const page = await api(sandbox, `/api/files?folder=${photos.id}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, alice.accessToken);
      for (const item of page.body.items) ids.add(item.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.ok(ids.size >= 150, `${ids.size} photos`);

    const file = root.body.items.find((item) => !(item as unknown as { isFolder: boolean }).isFolder)!;
    assert.equal((await api(sandbox, `/api/files/${file.id}`, alice.accessToken)).body.id, file.id);
    assert.equal((await api(sandbox, `/api/files/${file.id}`, bob.accessToken)).status, 404);
    assert.equal((await api(sandbox, `/api/files?folder=${photos.id}`, bob.accessToken)).status, 404);
  });

  it('takes prompt=login consent, and plain OAuth without openid', async () => {
    const { refreshToken } = await connect(sandbox, 'alice', { params: { prompt: 'login consent' } });
    assert.ok(refreshToken);
    const plain = await connect(sandbox, 'bob', { scope: 'contacts.read' });
    assert.ok(plain.refreshToken, 'a refresh token without offline_access too');
    assert.equal((await api(sandbox, '/api/contacts?limit=1', plain.accessToken)).status, 200);
    assert.equal((await api(sandbox, '/api/me', plain.accessToken)).body.id, 'acct_bob');
  });

  it('serves its sign-in pages with COOP same-origin when asked with sandbox_coop=1, and without it otherwise', async () => {
    const { challenge } = pkce();
    const severed = await new Browser(sandbox.url).go(authorizeUrl(sandbox, challenge, { sandbox_coop: '1' }));
    assert.match(severed.html, /<label for="login">Username<\/label>/);
    assert.equal(severed.headers.get('cross-origin-opener-policy'), 'same-origin');
    const plain = await new Browser(sandbox.url).go(authorizeUrl(sandbox, challenge));
    assert.equal(plain.headers.get('cross-origin-opener-policy'), null);
  });

  it('answers 403 insufficient_scope without the scope, and 401 without a token', async () => {
    const alice = await connect(sandbox, 'alice', { scope: 'openid contacts.read' });
    const files = await api(sandbox, '/api/files', alice.accessToken);
    assert.equal(files.status, 403);
    assert.equal(files.body.error, 'insufficient_scope');
    assert.equal((await api(sandbox, '/api/contacts', alice.accessToken)).status, 200);
    const anonymous = await api(sandbox, '/api/me');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error, 'invalid_token');
  });

  it('shows a login page that escapes what it reflects, under a strict CSP; Deny ends in access_denied', async () => {
    const browser = new Browser(sandbox.url);
    const loginPage = await browser.go(authorizeUrl(sandbox, pkce().challenge));
    const policy = loginPage.headers.get('content-security-policy')!;
    assert.match(policy, /default-src 'none'/);
    assert.match(policy, /style-src 'self'/);
    assert.match(policy, /form-action 'self' http:\/\/127\.0\.0\.1:4399(;|$)/);
    assert.match(policy, /frame-ancestors 'none'/);

    const attack = '<img src=x onerror=alert(1)>';
    const retry = await browser.submit(loginPage, { login: attack, password: 'wrong' });
    assert.match(retry.html, /Wrong username or password\./);
    assert.ok(!retry.html.includes(attack), 'the username is not reflected raw');
    assert.match(retry.html, /value="&lt;img src=x onerror=alert\(1\)&gt;"/);

    const wrongPassword = await browser.submit(retry, { login: 'alice', password: 'nope' });
    assert.match(wrongPassword.html, /Wrong username or password\./);
    const consent = await browser.submit(wrongPassword, { login: 'alice', password: SANDBOX_PASSWORD });
    assert.match(consent.html, /test-app/);
    assert.match(consent.html, /contacts\.read/);
    const callback = await browser.submit(consent, { decision: 'deny' });
    assert.equal(callback.url.searchParams.get('error'), 'access_denied');
    assert.equal(callback.url.searchParams.get('state'), 'state-123');
    assert.equal(callback.url.searchParams.get('code'), null);
  });

  it('exchanges an access token for a narrower one (RFC 8693), and only for a subset of its scopes', async () => {
    const { accessToken } = await connect(sandbox, 'alice');
    const grant = (fields: Record<string, string>) =>
      tokenRequest(sandbox, {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        subject_token: accessToken,
        ...fields,
      });
    const narrowed = await grant({ scope: 'files.read' });
    assert.equal(narrowed.status, 200, JSON.stringify(narrowed.body));
    assert.equal(narrowed.body.scope, 'files.read');
    assert.ok(Number(narrowed.body.expires_in) <= 300);
    assert.equal((await api(sandbox, '/api/files', narrowed.body.access_token)).status, 200);
    assert.equal((await api(sandbox, '/api/contacts', narrowed.body.access_token)).status, 403);
    const wider = await grant({ scope: 'files.read admin' });
    assert.deepEqual([wider.status, wider.body.error], [400, 'invalid_scope']);
    const unknown = await grant({ scope: 'files.read', subject_token: 'not-a-token' });
    assert.deepEqual([unknown.status, unknown.body.error], [400, 'invalid_grant']);
  });

  it("answers the Basic-auth API to a test user's password only", async () => {
    const basic = (credentials: string) => ({ authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });
    const right = await fetch(`${sandbox.url}/basic-api/me`, { headers: basic(`carol:${SANDBOX_PASSWORD}`) });
    assert.equal(right.status, 200);
    assert.equal(((await right.json()) as { id: string }).id, 'acct_carol');
    for (const headers of [basic('carol:wrong'), basic(`mallory:${SANDBOX_PASSWORD}`), {}]) {
      const wrong = await fetch(`${sandbox.url}/basic-api/me`, { headers });
      assert.equal(wrong.status, 401);
      assert.match(wrong.headers.get('www-authenticate')!, /^Basic/);
    }
  });
});

describe('sandbox provider with a 1 s access token lifetime', () => {
  let sandbox: SandboxProvider;
  before(async () => {
    sandbox = await startSandboxProvider({ port: 0, clients: [CLIENT], accessTokenTtlSeconds: 1 });
  });
  after(() => sandbox.close());

  it('answers 401 invalid_token once the access token has expired, and the refresh token still works', async () => {
    const { accessToken, refreshToken } = await connect(sandbox, 'alice');
    assert.equal((await api(sandbox, '/api/me', accessToken)).status, 200);
    await sleep(2_100);
    const expired = await api(sandbox, '/api/me', accessToken);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error, 'invalid_token');
    const refreshed = await refresh(sandbox, refreshToken);
    assert.equal(refreshed.body.expires_in, 1);
    assert.equal((await api(sandbox, '/api/me', refreshed.body.access_token)).status, 200);
  });

  it('does not serve the control endpoints unless asked to', async () => {
    assert.equal((await fetch(`${sandbox.url}/__control/stats`)).status, 404);
  });
});
