/**
 * Writes that are never lost: many writers per user on every write route at once, writes racing
 * the deletion of what they write to, and one Idempotency-Key sent with different bodies. Every
 * acknowledged write is then read back; no request may answer 5xx. Run on both stores
 * (PostgreSQL shows the races that SQLite's single connection hides).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { ConnectCredential, MeResponse } from '../../protocol/src/rest.js';
import { INTEGRATION_ID, installApiKey, sdkPath, startHarness, STORE_KIND, type Harness } from './harness.js';

const times = <T>(count: number, make: (index: number) => T): T[] => Array.from({ length: count }, (_, index) => make(index));

/** Fails with every 5xx answer's body, so a regression names its cause. */
function assertNo5xx(responses: LightMyRequestResponse[]): void {
  const failed = responses.filter((response) => response.statusCode >= 500);
  assert.deepEqual(
    failed.map((response) => `${response.statusCode} ${response.body}`),
    [],
  );
}

describe(`concurrent writers (${STORE_KIND})`, () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ rateLimit: { max: 100_000, windowMs: 60_000 } });
  });
  after(() => harness.close());

  const me = async (sub: string) => (await harness.as(sub, { method: 'GET', url: sdkPath('/me') })).json() as MeResponse;

  it('keeps every key of 50 parallel PATCH /me', async () => {
    const responses = await Promise.all(
      times(50, (index) => harness.as('meta-racer', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { [`k${index}`]: index } } })),
    );
    assertNo5xx(responses);
    assert.deepEqual(
      responses.map((response) => response.statusCode),
      times(50, () => 200),
    );
    assert.deepEqual((await me('meta-racer')).meta, Object.fromEntries(times(50, (index) => [`k${index}`, index])));
  });

  it('lands 12 writers × 10 configuration PATCHes without If-Match, never answering 412', async () => {
    const credential = await installApiKey(harness, 'config-racer', 'config-racer-key');
    const configurationId = credential.configurations[0]!.id;
    const responses = await Promise.all(
      times(120, (index) =>
        harness.as('config-racer', {
          method: 'PATCH',
          url: sdkPath(`/credentials/${credential.id}/configurations`),
          headers: { 'x-paragon-configuration-id': configurationId },
          payload: { meta: { [`w${index % 12}-${Math.floor(index / 12)}`]: index } },
        }),
      ),
    );
    assertNo5xx(responses);
    assert.deepEqual(
      responses.filter((response) => response.statusCode !== 200).map((response) => `${response.statusCode} ${response.body}`),
      [],
    );
    const stored = (await me('config-racer')).integrations.crm!.allCredentials[0]!.configurations[0]!;
    assert.equal(Object.keys(stored.configMeta).length, 120);
    assert.equal(stored.configMeta['w11-9'], 119);
  });

  it('lands parallel settings and workflow changes of one account, each on its own key', async () => {
    const credential = await installApiKey(harness, 'settings-racer', 'settings-racer-key');
    const patch = (config: object) =>
      harness.as('settings-racer', { method: 'PATCH', url: sdkPath(`/credentials/${credential.id}`), payload: { config } });
    const toggle = (workflowId: string) =>
      harness.as('settings-racer', { method: 'POST', url: sdkPath(`/workflows/${workflowId}`), headers: { 'x-paragon-credential': credential.id } });
    const responses = await Promise.all([
      patch({ sharedSettings: { pipeline: 'Renewals' } }),
      patch({ sharedSettings: { limit: 42 } }),
      patch({ sharedSettings: { archived: true } }),
      patch({ sharedSettings: { notify: 'ops@example.test' } }),
      patch({ sharedSettings: { region: 'eu' } }),
      patch({ workflowSettings: { 'wf-a': { settings: { channel: '#sales' } } } }),
      toggle('wf-a'),
      toggle('wf-c'),
    ]);
    assertNo5xx(responses);
    assert.deepEqual(
      responses.map((response) => response.statusCode),
      times(8, () => 200),
    );
    const state = (await me('settings-racer')).integrations.crm!;
    assert.deepEqual(state.sharedSettings, { pipeline: 'Renewals', limit: 42, archived: true, notify: 'ops@example.test', region: 'eu' });
    assert.deepEqual(state.workflowSettings!['wf-a'], { enabled: true, settings: { channel: '#sales' } });
    assert.equal(state.workflowSettings!['wf-c']!.enabled, true);
  });

  it('answers 404 or 409, never 5xx, to writes racing the deletion of their credential', async () => {
    const sub = 'delete-racer';
    for (let round = 0; round < 8; round += 1) {
      const credential = await installApiKey(harness, sub, `delete-racer-${round}`);
      const selected = { 'x-paragon-credential': credential.id };
      const named = { 'x-paragon-configuration-id': credential.configurations[0]!.id };
      const configurations = sdkPath(`/credentials/${credential.id}/configurations`);
      const responses = await Promise.all([
        harness.as(sub, {
          method: 'PATCH',
          url: sdkPath(`/credentials/${credential.id}`),
          payload: { config: { sharedSettings: { limit: round } } },
        }),
        harness.as(sub, { method: 'POST', url: configurations, payload: { externalId: `extra-${round}` } }),
        harness.as(sub, { method: 'PATCH', url: configurations, headers: named, payload: { meta: { round } } }),
        harness.as(sub, { method: 'POST', url: sdkPath('/workflows/wf-a'), headers: selected }),
        harness.as(sub, { method: 'DELETE', url: sdkPath('/workflows/wf-b'), headers: selected }),
        harness.as(sub, { method: 'POST', url: sdkPath(`/credentials/${credential.id}/complete-setup`), payload: { payload: {} } }),
        harness.as(sub, { method: 'DELETE', url: sdkPath('/integrations/crm'), headers: selected }),
        harness.as(sub, {
          method: 'PATCH',
          url: sdkPath(`/credentials/${credential.id}`),
          payload: { config: { workflowSettings: { 'wf-c': { enabled: true } } } },
        }),
      ]);
      assertNo5xx(responses);
      for (const response of responses) {
        assert.ok([200, 201, 400, 404, 409].includes(response.statusCode), `${response.statusCode} ${response.body}`);
        if (response.statusCode >= 400) assert.ok(response.json().error.code, response.body);
      }
      assert.equal(responses[6]!.statusCode, 200, 'the uninstall itself succeeds');
    }
    assert.deepEqual((await me(sub)).integrations.crm!.allCredentials, []);
  });

  it('answers 409 to the loser of two replacements racing for one account, on both stores', async () => {
    for (let round = 0; round < 10; round += 1) {
      const sub = `replace-racer-${round}`;
      const [a, b] = [await installApiKey(harness, sub, 'key-a'), await installApiKey(harness, sub, 'key-b')];
      const replace = (target: ConnectCredential) =>
        harness.as(sub, {
          method: 'POST',
          url: sdkPath('/credentials'),
          payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'key-shared' }, installOptions: { selectedCredentialId: target.id } },
        });
      const responses = await Promise.all([replace(a), replace(b)]);
      assertNo5xx(responses);
      assert.deepEqual(responses.map((response) => response.statusCode).sort(), [200, 409]);
      assert.equal(responses.find((response) => response.statusCode === 409)!.json().error.code, 'account_already_connected');
    }
  });

  it('makes one credential from six parallel installs under one Idempotency-Key with two bodies', async () => {
    for (let round = 0; round < 5; round += 1) {
      const sub = `idempotency-racer-${round}`;
      const responses = await Promise.all(
        times(6, (index) =>
          harness.as(sub, {
            method: 'POST',
            url: sdkPath('/credentials'),
            headers: { 'idempotency-key': 'one-key' },
            payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: index % 2 === 0 ? 'body-a' : 'body-b' } },
          }),
        ),
      );
      assertNo5xx(responses);
      const statuses = responses.map((response) => response.statusCode);
      assert.equal(statuses.filter((status) => status === 201).length, 1, String(statuses));
      assert.equal(statuses.filter((status) => status === 200).length, 2, String(statuses));
      assert.equal(statuses.filter((status) => status === 422).length, 3, String(statuses));
      assert.equal((await me(sub)).integrations.crm!.allCredentials.length, 1);
    }
  });
});
