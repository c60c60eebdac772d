/**
 * OAuth 2.0 install flows against the real sandbox provider: connecting several accounts,
 * replacing and reconnecting one, account types and post-install steps, and what must fail:
 * foreign, replayed and unbound states (security case 9), a hostile error description shown
 * inertly, tokens in no response (10), one refresh for many callers (11), a tampered secret
 * failing closed (12), a revoked grant making the credential INVALID.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { signInAtSandbox } from '../../demo/sandbox-provider/test-browser.js';
import type { ConnectCredential, MeResponse } from '../../protocol/src/rest.js';
import { openSecretBox } from '../src/secrets/keys.js';
import { createTokenService } from '../src/oauth/tokens.js';
import { loadConfig } from '../src/config/load.js';
import { anotherServer, auditOf, collectLogLines, PROJECT_ID, sdkPath, snapshot, STORE_KIND } from './harness.js';
import { startOAuthHarness, type OAuthHarness } from './oauth-harness.js';
import { join } from 'node:path';

describe(`OAuth install flows (${STORE_KIND})`, () => {
  let oauth: OAuthHarness;
  before(async () => {
    oauth = await startOAuthHarness();
  });
  after(() => oauth.close());

  const me = async (sub: string) => (await oauth.as(sub, { method: 'GET', url: sdkPath('/me') })).json() as MeResponse;
  const accounts = async (sub: string, type = 'sandbox') => (await me(sub)).integrations[type]!.allCredentials;

  it('connects an account through the provider: PKCE, state, one binding cookie, identity recorded', async () => {
    const flow = await oauth.createFlow('first');
    assert.equal(flow.status, 'created');
    assert.match(flow.startUrl!, /^http:\/\/connect\.test\/oauth\/start\/[A-Za-z0-9_-]{22}$/);
    const { authorizeUrl, cookie } = await oauth.open(flow);
    const authorize = new URL(authorizeUrl);
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${oauth.sandbox.url}/auth`);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('redirect_uri'), 'http://connect.test/oauth/callback');
    assert.equal(authorize.searchParams.get('client_id'), 'connect-test');
    assert.ok((authorize.searchParams.get('state') ?? '').length >= 40);
    assert.match(cookie, /^connect_oauth_binding=/);

    const back = await signInAtSandbox(authorizeUrl, 'alice');
    const page = await oauth.callback(back, cookie);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Sandbox CRM is connected/);
    assert.doesNotMatch(page.body, new RegExp(back.searchParams.get('code')!));

    const done = await oauth.flow('first', flow.id);
    assert.equal(done.status, 'completed');
    const [credential] = await accounts('first');
    assert.equal(credential!.id, done.credentialId);
    assert.equal(credential!.status, 'VALID');
    assert.equal(credential!.providerId, 'acct_alice');
    assert.deepEqual(credential!.providerData, { name: 'Alice Anders', workspace: 'Anders Analytics' });
  });

  it('waits on a long poll until the callback completes the flow', async () => {
    const flow = await oauth.createFlow('poller');
    const { authorizeUrl, cookie } = await oauth.open(flow);
    const waiting = oauth.flow('poller', flow.id, 10);
    const started = Date.now();
    await oauth.callback(await signInAtSandbox(authorizeUrl, 'bob'), cookie);
    const done = await waiting;
    assert.equal(done.status, 'completed');
    assert.ok(Date.now() - started < 5000, 'answered when the flow ended, not at the deadline');
  });

  it('connects two accounts, refuses the same provider account twice, and replaces one keeping its settings', async () => {
    const alice = await oauth.connect('multi', 'alice');
    const bob = await oauth.connect('multi', 'bob');
    assert.equal(alice.status, 'completed');
    assert.equal(bob.status, 'completed');
    const twice = await oauth.connect('multi', 'alice');
    assert.equal(twice.status, 'failed');
    assert.equal(twice.error?.code, 'account_already_connected');
    assert.match(twice.error!.message, /already connected as "Alice Anders"/);
    assert.equal((await accounts('multi')).length, 2);

    await oauth.as('multi', {
      method: 'PATCH',
      url: sdkPath(`/credentials/${bob.credentialId}`),
      payload: { config: { sharedSettings: { pipeline: 'Kept' } } },
    });
    const replaced = await oauth.connect('multi', 'carol', { integrationId: 'sandbox', installOptions: { selectedCredentialId: bob.credentialId } });
    assert.equal(replaced.credentialId, bob.credentialId);
    const after = (await accounts('multi')).find((credential) => credential.id === bob.credentialId)!;
    assert.equal(after.providerId, 'acct_carol');
    assert.equal(after.configurations[0]!.sharedSettings.pipeline, 'Kept');
  });

  it('labels a new account with externalId, and refuses externalId with selectedCredentialId', async () => {
    const flow = await oauth.connect('labels', 'alice', { integrationId: 'sandbox', installOptions: { externalId: 'workspace-9' } });
    const credential = (await accounts('labels')).find((candidate) => candidate.id === flow.credentialId)!;
    assert.equal(credential.externalId, 'workspace-9');
    const both = await oauth.as('labels', {
      method: 'POST',
      url: sdkPath('/oauth/flows'),
      payload: { integrationId: 'sandbox', installOptions: { externalId: 'x', selectedCredentialId: flow.credentialId } },
    });
    assert.equal(both.statusCode, 400);
    assert.equal(both.json().error.field, 'installOptions.externalId');
  });

  it('asks the account type and pre-install values, and leaves the credential PENDING until its post-install step', async () => {
    const missing = await oauth.as('typed', {
      method: 'POST',
      url: sdkPath('/oauth/flows'),
      payload: { integrationId: 'sandboxSites', preOptions: { region: 'eu' } },
    });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /Choose an account type: "production", "sandbox"/);
    const badRegion = await oauth.as('typed', {
      method: 'POST',
      url: sdkPath('/oauth/flows'),
      payload: { integrationId: 'sandboxSites', accountType: 'production', preOptions: { region: 'mars' } },
    });
    assert.equal(badRegion.statusCode, 400);
    assert.equal(badRegion.json().error.field, 'preOptions.region');

    const production = await oauth.connect('typed', 'alice', {
      integrationId: 'sandboxSites',
      accountType: 'production',
      preOptions: { region: 'eu' },
    });
    const pending = (await accounts('typed', 'sandboxSites')).find((credential) => credential.id === production.credentialId)!;
    assert.equal(pending.status, 'PENDING');
    assert.equal(pending.providerData.region, 'eu', 'pre-install values are kept with the account');
    const setup = await oauth.as('typed', {
      method: 'POST',
      url: sdkPath(`/credentials/${pending.id}/complete-setup`),
      payload: { payload: { site: 'Berlin' } },
    });
    assert.equal(setup.statusCode, 200);
    assert.equal((setup.json() as ConnectCredential).status, 'VALID');
    assert.equal((setup.json() as ConnectCredential).providerData.site, 'Berlin');

    // The sandbox account type skips the post-install step.
    const sandbox = await oauth.connect('typed', 'bob', { integrationId: 'sandboxSites', accountType: 'sandbox', preOptions: { region: 'us' } });
    assert.equal((await accounts('typed', 'sandboxSites')).find((credential) => credential.id === sandbox.credentialId)!.status, 'VALID');
  });

  it('refuses an OAuth integration through POST /credentials, and an API-key one as a flow', async () => {
    const install = await oauth.as('wrong-way', { method: 'POST', url: sdkPath('/credentials'), payload: { integrationId: 'sandbox', payload: {} } });
    assert.equal(install.statusCode, 400);
    assert.match(install.json().error.message, /sign-in page/);
    const flow = await oauth.as('wrong-way', { method: 'POST', url: sdkPath('/oauth/flows'), payload: { integrationId: 'crm' } });
    assert.equal(flow.statusCode, 400);
  });

  describe('states that must not work (security case 9)', () => {
    it("refuses a callback carrying another user's state: 400, no credential, a denial audited", async () => {
      const victim = await oauth.createFlow('victim');
      const { authorizeUrl } = await oauth.open(victim);
      const attacker = await oauth.open(await oauth.createFlow('attacker'));
      const before = await snapshot(oauth.store);
      const back = await signInAtSandbox(authorizeUrl, 'alice');
      const page = await oauth.callback(back, attacker.cookie);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /started in another browser/);
      assert.equal(await snapshot(oauth.store), before);
      assert.ok((await auditOf(oauth.store, 'victim')).some((row) => row.action === 'oauth.callback' && row.outcome === 'denied'));
      assert.equal((await oauth.flow('victim', victim.id)).status, 'started', 'the flow itself is untouched');
    });

    it('refuses a callback without the binding cookie, and a replayed one', async () => {
      const flow = await oauth.createFlow('replay');
      const { authorizeUrl, cookie } = await oauth.open(flow);
      const back = await signInAtSandbox(authorizeUrl, 'alice');
      assert.equal((await oauth.callback(back)).statusCode, 400, 'no cookie');
      assert.equal((await oauth.callback(back, cookie)).statusCode, 200);
      const replay = await oauth.callback(back, cookie);
      assert.equal(replay.statusCode, 400);
      assert.match(replay.body, /already used/);
      assert.equal((await accounts('replay')).length, 1);
    });

    it('refuses an unknown state, and a start link opened twice', async () => {
      const unknown = await oauth.callback('http://connect.test/oauth/callback?state=made-up&code=abc');
      assert.equal(unknown.statusCode, 400);
      const flow = await oauth.createFlow('twice');
      await oauth.open(flow);
      const again = await oauth.app.inject({ method: 'GET', url: new URL(flow.startUrl!).pathname });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /already used or has expired/);
    });

    it("shows a provider's hostile error description as inert text, under a policy that runs no inline script", async () => {
      const flow = await oauth.createFlow('hostile');
      const { authorizeUrl, cookie } = await oauth.open(flow);
      const state = new URL(authorizeUrl).searchParams.get('state')!;
      const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';
      const page = await oauth.callback(
        `http://connect.test/oauth/callback?state=${state}&error=server_error&error_description=${encodeURIComponent(hostile)}`,
        cookie,
      );
      assert.equal(page.statusCode, 400);
      assert.ok(page.body.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'));
      assert.ok(!page.body.includes('<img src=x'));
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
      const failed = await oauth.flow('hostile', flow.id);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.error?.code, 'provider_refused');
      assert.match(failed.error?.message ?? '', /did not complete the sign-in \(server_error\)/);
    });

    it('ends a declined sign-in as oauth_denied, and a cancelled one refuses its callback', async () => {
      const declined = await oauth.createFlow('declined');
      const opened = await oauth.open(declined);
      const back = await signInAtSandbox(opened.authorizeUrl, 'alice', { decision: 'deny' });
      await oauth.callback(back, opened.cookie);
      assert.equal((await oauth.flow('declined', declined.id)).error?.code, 'oauth_denied');

      const cancelled = await oauth.createFlow('cancelled');
      const openedAgain = await oauth.open(cancelled);
      const deleted = await oauth.as('cancelled', { method: 'DELETE', url: sdkPath(`/oauth/flows/${cancelled.id}`) });
      assert.equal(deleted.json().status, 'cancelled');
      const page = await oauth.callback(await signInAtSandbox(openedAgain.authorizeUrl, 'alice'), openedAgain.cookie);
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /cancelled/);
      assert.deepEqual(await accounts('cancelled'), []);
    });

    it('expires a flow that took too long', async () => {
      const flow = await oauth.createFlow('slow');
      await oauth.store
        .updateTable('oauth_flows')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', flow.id)
        .execute();
      assert.equal((await oauth.flow('slow', flow.id)).error?.code, 'oauth_expired');
      const start = await oauth.app.inject({ method: 'GET', url: new URL(flow.startUrl!).pathname });
      assert.equal(start.statusCode, 400);
    });

    it("hides another user's flow", async () => {
      const flow = await oauth.createFlow('owner');
      const peek = await oauth.as('intruder', { method: 'GET', url: sdkPath(`/oauth/flows/${flow.id}`) });
      assert.equal(peek.statusCode, 404);
      const cancel = await oauth.as('intruder', { method: 'DELETE', url: sdkPath(`/oauth/flows/${flow.id}`) });
      assert.equal(cancel.statusCode, 404);
      assert.equal((await oauth.flow('owner', flow.id)).status, 'created');
    });
  });

  describe('tokens', () => {
    it('never shows a token in an answer, and never logs a code, a state or a user token (security case 10)', async () => {
      const { stream, lines } = collectLogLines();
      const logged = await anotherServer(oauth, { log: stream });
      const token = await oauth.token('canary');
      const headers = { authorization: `Bearer ${token}` };
      const flowAnswer = await logged.inject({ method: 'POST', url: sdkPath('/oauth/flows'), headers, payload: { integrationId: 'sandbox' } });
      const flow = flowAnswer.json();
      const start = await logged.inject({ method: 'GET', url: new URL(flow.startUrl).pathname });
      const cookie = String(start.headers['set-cookie']).split(';')[0]!;
      const back = await signInAtSandbox(String(start.headers.location), 'alice');
      const callback = await logged.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie } });
      assert.equal(callback.statusCode, 200);
      const nonce = await logged.inject({ method: 'GET', url: `/projects/${PROJECT_ID}/sdk/actions/oauth-nonce?integrationId=x&userToken=${token}` });
      assert.equal(nonce.statusCode, 200);
      const install = await logged.inject({
        method: 'POST',
        url: sdkPath('/credentials'),
        headers,
        payload: { integrationId: 'int-crm', payload: { API_KEY: 'sk_test_CANARY123' } },
      });
      assert.equal(install.statusCode, 201);
      const answers = [flowAnswer, start, callback, nonce, install];
      for (const path of ['/me', '/credentials', `/oauth/flows/${flow.id}`, '/integrations'])
        answers.push(await logged.inject({ method: 'GET', url: sdkPath(path), headers }));

      const sealed = await oauth.store
        .selectFrom('credentials')
        .select('sealed_secret')
        .where('user_id', '=', 'canary')
        .where('integration_type', '=', 'sandbox')
        .executeTakeFirstOrThrow();
      const { accessToken, refreshToken } = JSON.parse((await openSecretBox(oauth.dataDir)).open(sealed.sealed_secret));
      const secretsOf = {
        accessToken,
        refreshToken,
        code: back.searchParams.get('code')!,
        state: back.searchParams.get('state')!,
        token,
        apiKey: 'sk_test_CANARY123',
      };
      const log = lines.join('\n');
      const audit = JSON.stringify(await auditOf(oauth.store, 'canary'));
      for (const [name, secret] of Object.entries(secretsOf)) {
        for (const answer of answers) assert.ok(!answer.body.includes(secret), `${name} in an answer to ${answer.raw.req.url}`);
        assert.ok(!log.includes(secret), `${name} in the log`);
        assert.ok(!audit.includes(secret), `${name} in the audit log`);
      }
      assert.match(log, /userToken=\[redacted\]/);
      await logged.close();
    });

    it('refreshes once for 20 callers of an expired token, and stores the new tokens first (security case 11)', async () => {
      const { credentialId } = await oauth.connect('refresher', 'bob');
      const config = await loadConfig(join(oauth.dataDir, 'connect.config.json'));
      const secrets = await openSecretBox(oauth.dataDir);
      // Two hours on, every token has expired.
      const later = createTokenService({ config, store: oauth.store, secrets, clock: () => Date.now() + 2 * 3600_000 });
      const user = { projectId: PROJECT_ID, userId: 'refresher' };
      const before = oauth.sandbox.stats().tokenRequests.refresh_token;
      const tokens = await Promise.all(Array.from({ length: 20 }, () => later.accessToken(user, credentialId!)));
      assert.equal(oauth.sandbox.stats().tokenRequests.refresh_token - before, 1);
      assert.equal(new Set(tokens).size, 1);
      const api = await fetch(`${oauth.sandbox.url}/api/me`, { headers: { authorization: `Bearer ${tokens[0]}` } });
      assert.equal(api.status, 200, 'the new token works');
      const fresh = createTokenService({ config, store: oauth.store, secrets });
      assert.equal(await fresh.accessToken(user, credentialId!), tokens[0], 'the stored token is the new one');
    });

    it('refreshes once when many callers got a 401 for one token (across two instances on PostgreSQL), using each refresh token once', async () => {
      const { credentialId } = await oauth.connect('shared-refresh', 'carol');
      const config = await loadConfig(join(oauth.dataDir, 'connect.config.json'));
      const secrets = await openSecretBox(oauth.dataDir);
      const user = { projectId: PROJECT_ID, userId: 'shared-refresh' };
      // SQLite serves one instance; on PostgreSQL two share the store, and the user's row lock makes them refresh once.
      const instances = Array.from({ length: STORE_KIND === 'postgresql' ? 2 : 1 }, () =>
        createTokenService({ config, store: oauth.store, secrets }),
      );
      const rejected = await instances[0]!.accessToken(user, credentialId!);
      await oauth.sandbox.expireAccessTokens('carol');
      const before = oauth.sandbox.stats().tokenRequests.refresh_token;
      const tokens = await Promise.all(
        Array.from({ length: 20 }, (_, index) => instances[index % instances.length]!.accessToken(user, credentialId!, { rejectedToken: rejected })),
      );
      assert.equal(oauth.sandbox.stats().tokenRequests.refresh_token - before, 1);
      assert.equal(new Set(tokens).size, 1);
      const answer = await fetch(`${oauth.sandbox.url}/api/me`, { headers: { authorization: `Bearer ${tokens[0]}` } });
      assert.equal(answer.status, 200, 'no refresh token was used twice: the grant still stands');
      assert.equal(
        await instances[0]!.accessToken(user, credentialId!, { rejectedToken: rejected }),
        tokens[0],
        'a late caller with the old token gets the new one',
      );
    });

    it('makes a credential whose grant was revoked INVALID, and reconnecting it makes it VALID again', async () => {
      const { credentialId } = await oauth.connect('revoked', 'alice');
      const config = await loadConfig(join(oauth.dataDir, 'connect.config.json'));
      const tokens = createTokenService({ config, store: oauth.store, secrets: await openSecretBox(oauth.dataDir) });
      const user = { projectId: PROJECT_ID, userId: 'revoked' };
      await oauth.sandbox.revokeUser('alice');
      await assert.rejects(tokens.accessToken(user, credentialId!, { rejectedToken: await tokens.accessToken(user, credentialId!) }), {
        code: 'credential_invalid',
      });
      assert.equal((await accounts('revoked'))[0]!.status, 'INVALID');
      await assert.rejects(tokens.accessToken(user, credentialId!), { code: 'credential_invalid' }, 'no further refresh is tried');

      const reconnected = await oauth.connect('revoked', 'alice', {
        integrationId: 'sandbox',
        installOptions: { selectedCredentialId: credentialId },
      });
      assert.equal(reconnected.credentialId, credentialId);
      assert.equal((await accounts('revoked'))[0]!.status, 'VALID');
      assert.ok(await tokens.accessToken(user, credentialId!));
    });

    it('fails closed on a tampered secret: nothing is sent to the provider (security case 12)', async () => {
      const { credentialId } = await oauth.connect('tampered', 'bob');
      const row = await oauth.store.selectFrom('credentials').select('sealed_secret').where('id', '=', credentialId!).executeTakeFirstOrThrow();
      const config = await loadConfig(join(oauth.dataDir, 'connect.config.json'));
      const tokens = createTokenService({ config, store: oauth.store, secrets: await openSecretBox(oauth.dataDir) });
      const user = { projectId: PROJECT_ID, userId: 'tampered' };
      const [version, iv, tag, ciphertext] = row.sealed_secret.split('.') as [string, string, string, string];
      const flip = (base64: string) => {
        const bytes = Buffer.from(base64, 'base64');
        bytes[0] = bytes[0]! ^ 1;
        return bytes.toString('base64');
      };
      for (const tampered of [
        [version, flip(iv), tag, ciphertext],
        [version, iv, flip(tag), ciphertext],
        [version, iv, tag, flip(ciphertext)],
      ]) {
        await oauth.store
          .updateTable('credentials')
          .set({ sealed_secret: tampered.join('.') })
          .where('id', '=', credentialId!)
          .execute();
        const before = oauth.sandbox.stats();
        await assert.rejects(tokens.accessToken(user, credentialId!), { code: 'credential_unreadable' });
        assert.deepEqual(oauth.sandbox.stats(), before);
      }
      await sql`select 1`.execute(oauth.store);
    });
  });

  describe('completeInstall: a code the host app obtained itself', () => {
    /** The host app's own authorization request, with its own PKCE pair, signed in as `login`: the code it gets back. */
    async function codeFromHostApp(login: string) {
      const verifier = randomBytes(32).toString('base64url');
      const authorize = new URL(`${oauth.sandbox.url}/auth`);
      for (const [key, value] of Object.entries({
        client_id: 'connect-test',
        response_type: 'code',
        redirect_uri: 'http://connect.test/oauth/callback',
        scope: 'openid profile offline_access contacts.read',
        state: 'host-app-state',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      })) {
        authorize.searchParams.set(key, value);
      }
      const back = await signInAtSandbox(authorize.href, login);
      return { code: back.searchParams.get('code')!, verifier };
    }

    it('exchanges the code on the server and connects that account, once', async () => {
      const { code, verifier } = await codeFromHostApp('bob');
      const body = {
        integrationId: 'int-sandbox',
        code,
        codeVerifier: verifier,
        integrationOptions: { installOptions: { externalId: 'marketplace-1' } },
      };
      const response = await oauth.as('market', { method: 'POST', url: sdkPath('/credentials'), payload: body });
      assert.equal(response.statusCode, 201, response.body);
      const credential = response.json() as ConnectCredential;
      assert.deepEqual([credential.providerId, credential.status, credential.externalId], ['acct_bob', 'VALID', 'marketplace-1']);
      assert.doesNotMatch(response.body, new RegExp(code), 'the code is not echoed');
      const audited = (await auditOf(oauth.store, 'market')).at(-1)!;
      assert.deepEqual([audited.action, audited.target], ['credential.create', credential.id]);
      assert.match(JSON.stringify(audited.detail), /completeInstall/);

      // A code works once: the second use is the provider's refusal, and nothing more is stored.
      const before = await snapshot(oauth.store);
      const again = await oauth.as('market', { method: 'POST', url: sdkPath('/credentials'), payload: body });
      assert.equal(again.statusCode, 400, again.body);
      assert.equal(again.json().error.code, 'provider_refused');
      assert.equal(again.json().error.field, 'code');
      assert.equal(await snapshot(oauth.store), before);
    });

    it('refuses a code for an integration that is not OAuth, and a body with neither code nor payload', async () => {
      const before = await snapshot(oauth.store);
      const apiKey = await oauth.as('market', { method: 'POST', url: sdkPath('/credentials'), payload: { integrationId: 'int-crm', code: 'abc' } });
      assert.equal(apiKey.statusCode, 400);
      assert.deepEqual(
        [apiKey.json().error.field, apiKey.json().error.message],
        ['code', 'Acme CRM does not connect through OAuth: send its values as "payload".'],
      );
      const neither = await oauth.as('market', { method: 'POST', url: sdkPath('/credentials'), payload: { integrationId: 'int-crm' } });
      assert.equal(neither.statusCode, 400);
      assert.equal(neither.json().error.field, 'payload');
      const badRedirect = await oauth.as('market', {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: 'int-sandbox', code: 'abc', redirectUrl: 'javascript:alert(1)' },
      });
      assert.equal(badRedirect.statusCode, 400);
      assert.equal(badRedirect.json().error.field, 'redirectUrl');
      assert.equal(await snapshot(oauth.store), before);
    });
  });

  describe("Paragon's SDK paths", () => {
    it('build-oauth answers a start URL, the nonce page posts only to an allowed origin, and session-id reports the credential', async () => {
      const headers = { authorization: `Bearer ${await oauth.token('paragon')}` };
      const built = await oauth.app.inject({
        method: 'GET',
        url: `/v2/projects/${PROJECT_ID}/sdk/actions/build-oauth?integrationId=int-sandbox&oauthMetaKeyId=meta123&endUserSuppliedValues=%7B%7D&installOptions=%7B%7D`,
        headers,
      });
      assert.equal(built.statusCode, 200, built.body);
      const redirectUrl = built.json().redirectUrl as string;
      assert.match(redirectUrl, /^http:\/\/connect\.test\/oauth\/start\//);
      const session = () => oauth.app.inject({ method: 'GET', url: sdkPath('/actions/session-id/meta123'), headers }).then((answer) => answer.json());
      assert.deepEqual(await session(), {});

      const allowed = await oauth.app.inject({
        method: 'GET',
        url: `/projects/${PROJECT_ID}/sdk/actions/oauth-nonce?originForPostMessage=http://127.0.0.1:4500`,
      });
      assert.match(allowed.body, /data-opener-origin="http:\/\/127\.0\.0\.1:4500"/);
      const foreign = await oauth.app.inject({
        method: 'GET',
        url: `/projects/${PROJECT_ID}/sdk/actions/oauth-nonce?originForPostMessage=https://evil.test`,
      });
      assert.doesNotMatch(foreign.body, /data-opener-origin/);

      const start = await oauth.app.inject({ method: 'GET', url: new URL(redirectUrl).pathname });
      const cookie = String(start.headers['set-cookie']).split(';')[0]!;
      await oauth.callback(await signInAtSandbox(String(start.headers.location), 'alice'), cookie);
      const { connectCredentialId } = await session();
      assert.equal(connectCredentialId, (await accounts('paragon'))[0]!.id);
    });
  });
});
