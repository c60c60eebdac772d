import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectCredential, MeResponse } from '../../protocol/src/rest.js';
import { HOST_ORIGIN, INTEGRATION_ID, installApiKey, sdkPath, snapshot, startHarness, type Harness } from './harness.js';

describe('SDK API on a real SQLite file', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  it('GET /me lists no credentials for a new user', async () => {
    const response = await harness.as('new-user', { method: 'GET', url: sdkPath('/me') });
    assert.equal(response.statusCode, 200);
    const me = response.json() as MeResponse;
    assert.deepEqual(me.integrations.crm?.allCredentials, []);
    assert.equal(me.integrations.crm?.enabled, false);
  });

  it('GET /integrations describes the integration, its inputs and its workflows', async () => {
    const response = await harness.as('new-user', { method: 'GET', url: sdkPath('/integrations') });
    assert.equal(response.statusCode, 200);
    const [crm] = response.json();
    assert.equal(crm.id, INTEGRATION_ID);
    assert.equal(crm.type, 'crm');
    assert.deepEqual(
      crm.workflows.map((workflow: { id: string }) => workflow.id),
      ['wf-a', 'wf-b', 'wf-c', 'wf-d'],
    );
    assert.equal(crm.sdkIntegrationConfig.authConfigInputs[0].id, 'API_KEY');
    assert.equal(crm.hasCredential, false);
  });

  it('installs two accounts for one integration, each with its own settings', async () => {
    const first = await installApiKey(harness, 'alice', 'key-one');
    const second = await installApiKey(harness, 'alice', 'key-two');
    assert.notEqual(first.id, second.id);

    const me = (await harness.as('alice', { method: 'GET', url: sdkPath('/me') })).json() as MeResponse;
    const crm = me.integrations.crm!;
    assert.deepEqual(
      crm.allCredentials.map((credential) => credential.id),
      [first.id, second.id],
    );
    assert.equal(crm.credentialId, first.id, 'the first VALID credential is selected by default');
    assert.equal(crm.enabled, true);
    assert.deepEqual(crm.workflowSettings?.['wf-b'], { enabled: true, settings: {} }, 'defaultEnabled applies');
    assert.equal(crm.sharedSettings?.pipeline, 'Sales');
  });

  it('never returns the API key, and stores it sealed', async () => {
    const canary = 'sk_test_CANARY123';
    await installApiKey(harness, 'canary-user', canary);
    for (const url of ['/me', '/integrations']) {
      const response = await harness.as('canary-user', { method: 'GET', url: sdkPath(url) });
      assert.ok(!response.body.includes(canary), `${url} leaks the key`);
    }
    assert.ok(!(await snapshot(harness.store)).includes(canary), 'the key is stored in clear');
  });

  it('enables and disables a workflow for the credential named by X-Paragon-Credential', async () => {
    await installApiKey(harness, 'bob', 'bob-one');
    const second = await installApiKey(harness, 'bob', 'bob-two');
    const enable = await harness.as('bob', {
      method: 'POST',
      url: sdkPath('/workflows/wf-a'),
      headers: { 'x-paragon-credential': second.id },
    });
    assert.equal(enable.statusCode, 200);
    assert.deepEqual(enable.json(), { workflowId: 'wf-a', credentialId: second.id, enabled: true });

    const me = (await harness.as('bob', { method: 'GET', url: sdkPath('/me') })).json() as MeResponse;
    const [firstCredential, secondCredential] = me.integrations.crm!.allCredentials;
    assert.equal(firstCredential!.configurations[0]!.workflowSettings['wf-a']?.enabled, false, 'the other account is untouched');
    assert.equal(secondCredential!.configurations[0]!.workflowSettings['wf-a']?.enabled, true);

    const disable = await harness.as('bob', {
      method: 'DELETE',
      url: sdkPath('/workflows/wf-a'),
      headers: { 'x-paragon-credential': second.id },
    });
    assert.equal(disable.statusCode, 200);
    const after = (await harness.as('bob', { method: 'GET', url: sdkPath('/me') })).json() as MeResponse;
    assert.equal(after.integrations.crm!.allCredentials[1]!.configurations[0]!.workflowSettings['wf-a']?.enabled, false);
  });

  it('turns a workflow on only once its required settings have values, and says which are missing', async () => {
    const account = await installApiKey(harness, 'dora', 'dora-one');
    const refused = await harness.as('dora', { method: 'POST', url: sdkPath('/workflows/wf-d') });
    assert.equal(refused.statusCode, 409);
    assert.deepEqual(refused.json(), {
      error: { code: 'precondition_failed', message: '"Workflow D" needs Threshold first.', field: 'workflowSettings.wf-d.threshold' },
    });
    const stored = async () =>
      ((await harness.as('dora', { method: 'GET', url: sdkPath(`/credentials/${account.id}`) })).json() as ConnectCredential).configurations[0]!;
    assert.deepEqual((await stored()).workflowSettings['wf-d'], { enabled: false, settings: {} }, 'nothing was written');

    const settings = { config: { workflowSettings: { 'wf-d': { enabled: false, settings: { threshold: 5 } } } } };
    assert.equal((await harness.as('dora', { method: 'PATCH', url: sdkPath(`/credentials/${account.id}`), payload: settings })).statusCode, 200);
    assert.equal((await harness.as('dora', { method: 'POST', url: sdkPath('/workflows/wf-d') })).statusCode, 200);
    assert.deepEqual((await stored()).workflowSettings['wf-d'], { enabled: true, settings: { threshold: 5 } });
  });

  it('targets the first VALID credential when no credential is named', async () => {
    const first = await installApiKey(harness, 'carol', 'carol-one');
    await installApiKey(harness, 'carol', 'carol-two');
    const response = await harness.as('carol', { method: 'POST', url: sdkPath('/workflows/wf-c') });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().credentialId, first.id);
  });

  it("answers 404 and writes nothing for a workflow toggle on another user's credential", async () => {
    const victim = await installApiKey(harness, 'victim', 'victim-key');
    const before = await snapshot(harness.store);
    const response = await harness.as('attacker', {
      method: 'POST',
      url: sdkPath('/workflows/wf-a'),
      headers: { 'x-paragon-credential': victim.id },
    });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'credential_not_found');
    assert.equal(await snapshot(harness.store), before);
  });

  it('answers 404 for an unknown workflow and an unknown project', async () => {
    const workflow = await harness.as('alice', { method: 'POST', url: sdkPath('/workflows/wf-nope') });
    assert.equal(workflow.statusCode, 404);
    assert.equal(workflow.json().error.code, 'workflow_not_found');
    const project = await harness.as('alice', { method: 'GET', url: '/projects/other/sdk/me' });
    assert.equal(project.statusCode, 404);
    assert.equal(project.json().error.code, 'project_not_found');
  });

  describe('rejects a bad install body with a precise error and writes nothing', () => {
    const cases: [string, unknown, string | undefined][] = [
      ['a blank API key', { integrationId: INTEGRATION_ID, payload: { API_KEY: '   ' } }, 'payload.API_KEY'],
      ['a missing API key', { integrationId: INTEGRATION_ID, payload: {} }, 'payload.API_KEY'],
      ['an unknown payload key', { integrationId: INTEGRATION_ID, payload: { API_KEY: 'k', status: 'x' } }, 'payload.status'],
      ['an unknown body key', { integrationId: INTEGRATION_ID, payload: { API_KEY: 'k' }, userId: 'someone' }, 'userId'],
      ['a non-string API key', { integrationId: INTEGRATION_ID, payload: { API_KEY: { $ne: 1 } } }, 'payload.API_KEY'],
      ['an unknown integration', { integrationId: 'nope', payload: { API_KEY: 'k' } }, 'integrationId'],
    ];
    for (const [name, payload, field] of cases) {
      it(name, async () => {
        const before = await snapshot(harness.store);
        const response = await harness.as('dave', { method: 'POST', url: sdkPath('/credentials'), payload: payload as object });
        assert.ok([400, 404].includes(response.statusCode), `status ${response.statusCode}`);
        const { error } = response.json();
        assert.equal(error.field, field);
        assert.ok(error.message.length > 0);
        assert.equal(await snapshot(harness.store), before);
      });
    }
  });

  describe('CORS', () => {
    it("allows the project's exact origin, on answers and on errors", async () => {
      const ok = await harness.as('alice', { method: 'GET', url: sdkPath('/me'), headers: { origin: HOST_ORIGIN } });
      assert.equal(ok.headers['access-control-allow-origin'], HOST_ORIGIN);
      const unauthorized = await harness.app.inject({ method: 'GET', url: sdkPath('/me'), headers: { origin: HOST_ORIGIN } });
      assert.equal(unauthorized.statusCode, 401);
      assert.equal(unauthorized.headers['access-control-allow-origin'], HOST_ORIGIN, 'the portal can read why');
    });

    it('carries them on unknown paths too, so that a caller sees the 404 and not "Failed to fetch"', async () => {
      for (const url of [sdkPath('/no-such-route'), `/v2${sdkPath('/no-such-route')}`, sdkPath('/actions/nothing/here')]) {
        const response = await harness.as('alice', { method: 'POST', url, headers: { origin: HOST_ORIGIN } });
        assert.equal(response.statusCode, 404, url);
        assert.equal(response.headers['access-control-allow-origin'], HOST_ORIGIN, url);
        assert.ok(response.json().error.message, url);
      }
    });

    it('gives other origins no CORS headers, and never "*"', async () => {
      for (const origin of ['http://127.0.0.1:4501', 'http://127.0.0.1:4500.evil.test', 'null']) {
        const response = await harness.as('alice', { method: 'GET', url: sdkPath('/me'), headers: { origin } });
        assert.equal(response.headers['access-control-allow-origin'], undefined, origin);
      }
    });

    it('answers a preflight with the headers the SDK sends', async () => {
      const response = await harness.app.inject({
        method: 'OPTIONS',
        url: sdkPath('/workflows/wf-a'),
        headers: { origin: HOST_ORIGIN, 'access-control-request-method': 'POST' },
      });
      assert.equal(response.statusCode, 204);
      assert.match(String(response.headers['access-control-allow-headers']), /X-Paragon-Credential/);
    });
  });

  describe('the framed portal page', () => {
    it('is 503 while the portal is not built, saying so', async () => {
      const response = await harness.app.inject({ method: 'GET', url: `/portal/frame?projectId=test-project` });
      assert.equal(response.statusCode, 503);
      const { error } = response.json<{ error: { code: string; message: string } }>();
      assert.equal(error.code, 'not_available');
      assert.match(error.message, /no built portal: run `npm run build`/);
    });

    it("may be framed only by the project's origins, under a strict CSP", async () => {
      // The build's manifest names the script by its content (server/src/portal-files.ts).
      await writeFile(join(harness.dataDir, 'manifest.json'), JSON.stringify({ 'frame.js': 'frame.0123456789.js' }));
      const response = await harness.app.inject({ method: 'GET', url: `/portal/frame?projectId=test-project` });
      assert.equal(response.statusCode, 200);
      assert.match(response.body, /<script type="module" src="\/portal\/frame\.0123456789\.js"><\/script>/);
      const csp = String(response.headers['content-security-policy']);
      assert.match(csp, new RegExp(`frame-ancestors ${HOST_ORIGIN}(;|$)`));
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
      assert.match(response.body, /<meta name="paragon-allowed-origins" content="http:\/\/127\.0\.0\.1:4500">/);
    });

    it('is 404 for an unknown project', async () => {
      const response = await harness.app.inject({ method: 'GET', url: '/portal/frame?projectId=nope' });
      assert.equal(response.statusCode, 404);
    });
    it("shares the portal's files, such as a language's table, with a project's origins only", async () => {
      await mkdir(join(harness.dataDir, 'locales'), { recursive: true });
      await writeFile(join(harness.dataDir, 'locales', 'de.js'), 'export const de = {};');
      const allowed = await harness.app.inject({ method: 'GET', url: '/portal/locales/de.js', headers: { origin: HOST_ORIGIN } });
      assert.equal(allowed.statusCode, 200);
      assert.equal(allowed.headers['access-control-allow-origin'], HOST_ORIGIN);
      assert.match(String(allowed.headers['content-type']), /javascript/);
      const other = await harness.app.inject({ method: 'GET', url: '/portal/locales/de.js', headers: { origin: 'https://evil.example' } });
      assert.equal(other.statusCode, 200);
      assert.equal(other.headers['access-control-allow-origin'], undefined);
    });
  });
});

describe('GET /me written from the stored JSON', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ cacheUserState: false });
  });
  after(() => harness.close());

  it('is byte for byte the JSON of the answer built as objects (PATCH /me)', async () => {
    const first = await installApiKey(harness, 'splice', 'key-1');
    const second = await harness.as('splice', {
      method: 'POST',
      url: sdkPath('/credentials'),
      payload: {
        integrationId: INTEGRATION_ID,
        payload: { API_KEY: 'key-2' },
        installOptions: { externalId: 'ext-2', allowMultipleCredentials: true },
      },
    });
    assert.equal(second.statusCode, 201, second.body);
    const extra = await harness.as('splice', {
      method: 'POST',
      url: sdkPath(`/credentials/${first.id}/configurations`),
      payload: { externalId: 'conf-"quoted"' },
    });
    assert.equal(extra.statusCode, 201, extra.body);
    // Keys a parse and re-serialization would reorder, text that must stay escaped.
    const patched = await harness.as('splice', {
      method: 'PATCH',
      url: sdkPath('/me'),
      payload: { meta: { b: 'é \u2028 "</script>"', 10: [1.5, -0, 1e21], a: { nested: null }, 2: true } },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const me = await harness.as('splice', { method: 'GET', url: sdkPath('/me') });
    assert.equal(me.statusCode, 200);
    assert.equal(me.body, patched.body);
    const parsed = me.json() as MeResponse;
    assert.equal(Object.values(parsed.integrations).flatMap((state) => state.allCredentials).length, 2);
    assert.deepEqual(Object.keys(parsed.meta), ['2', '10', 'b', 'a']);
  });
});
