/**
 * Security cases 15 and 16 (../shared/reference/security.md §4): another user's credential,
 * configuration or workflow answers 404, the store stays byte-identical, and each refusal is
 * written to the audit log; mass assignment of columns through a settings PATCH is a 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { auditOf, INTEGRATION_ID, installApiKey, sdkPath, snapshot, startHarness, STORE_KIND, type Harness } from './harness.js';

describe(`isolation between users (${STORE_KIND})`, () => {
  let harness: Harness;
  let victimCredential: string;
  let victimConfiguration: string;

  before(async () => {
    harness = await startHarness();
    const credential = await installApiKey(harness, 'victim', 'victim-secret');
    victimCredential = credential.id;
    const extra = await harness.as('victim', { method: 'POST', url: sdkPath(`/credentials/${credential.id}/configurations`), payload: {} });
    victimConfiguration = extra.json().id;
    await installApiKey(harness, 'attacker', 'attacker-secret');
  });
  after(() => harness.close());

  const attacks = (): [string, InjectOptions][] => [
    ['read the credential', { method: 'GET', url: sdkPath(`/credentials/${victimCredential}`) }],
    [
      'update its settings',
      { method: 'PATCH', url: sdkPath(`/credentials/${victimCredential}`), payload: { config: { sharedSettings: { pipeline: 'pwned' } } } },
    ],
    ['complete its setup', { method: 'POST', url: sdkPath(`/credentials/${victimCredential}/complete-setup`), payload: { payload: {} } }],
    [
      'replace its account',
      {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'mine' }, installOptions: { selectedCredentialId: victimCredential } },
      },
    ],
    ['add a configuration', { method: 'POST', url: sdkPath(`/credentials/${victimCredential}/configurations`), payload: {} }],
    [
      'update its configuration',
      {
        method: 'PATCH',
        url: sdkPath(`/credentials/${victimCredential}/configurations`),
        headers: { 'x-paragon-configuration-id': victimConfiguration },
        payload: { meta: { x: 1 } },
      },
    ],
    [
      'delete its configuration',
      {
        method: 'DELETE',
        url: sdkPath(`/credentials/${victimCredential}/configurations`),
        headers: { 'x-paragon-configuration-id': victimConfiguration },
      },
    ],
    ['enable a workflow on it', { method: 'POST', url: sdkPath('/workflows/wf-a'), headers: { 'x-paragon-credential': victimCredential } }],
    ['disable a workflow on it', { method: 'DELETE', url: sdkPath('/workflows/wf-b'), headers: { 'x-paragon-credential': victimCredential } }],
    ['uninstall it', { method: 'DELETE', url: sdkPath(`/integrations/${INTEGRATION_ID}`), headers: { 'x-paragon-credential': victimCredential } }],
  ];

  for (const [index, [name]] of attacks().entries()) {
    it(`another user cannot ${name}: 404, nothing written, a denial in the audit log`, async () => {
      const [, request] = attacks()[index]!;
      const before = await snapshot(harness.store);
      const deniedBefore = (await auditOf(harness.store, 'attacker')).filter((row) => row.outcome === 'denied').length;
      const response = await harness.as('attacker', request);
      assert.equal(response.statusCode, 404, response.body);
      assert.equal(response.json().error.code, 'credential_not_found');
      assert.ok(!response.body.includes('victim'), 'the answer says nothing about the owner');
      assert.equal(await snapshot(harness.store), before);
      const denials = (await auditOf(harness.store, 'attacker')).filter((row) => row.outcome === 'denied');
      assert.equal(denials.length, deniedBefore + 1);
      assert.equal(denials.at(-1)!.target, victimCredential);
    });
  }

  it("the victim's configuration cannot be reached through the attacker's own credential either", async () => {
    const own = (await harness.as('attacker', { method: 'GET', url: sdkPath('/credentials') })).json()[0].id;
    const before = await snapshot(harness.store);
    const response = await harness.as('attacker', {
      method: 'POST',
      url: sdkPath('/workflows/wf-a'),
      headers: { 'x-paragon-credential': own, 'x-paragon-configuration-id': victimConfiguration },
    });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'configuration_not_found');
    assert.equal(await snapshot(harness.store), before);
  });

  it('the same user id in two projects is two users', async () => {
    const other = await harness.app.inject({
      method: 'GET',
      url: '/projects/test-project/sdk/me',
      headers: { authorization: `Bearer ${await harness.token('victim')}` },
    });
    assert.equal(other.json().integrations.crm.allCredentials.length, 1);
    const elsewhere = await harness.as('victim', { method: 'GET', url: '/projects/another-project/sdk/me' });
    assert.equal(elsewhere.statusCode, 404, 'a project the token was not made for is not found');
  });

  describe('mass assignment (case 16)', () => {
    for (const key of ['userSub', 'status', 'accessToken', 'projectId']) {
      it(`a PATCH carrying "${key}" is a 400 and the credential is unchanged`, async () => {
        const before = await snapshot(harness.store);
        for (const payload of [
          { config: { sharedSettings: { pipeline: 'x' } }, [key]: 'forged' },
          { config: { sharedSettings: { pipeline: 'x' }, [key]: 'forged' } },
        ]) {
          const response = await harness.as('victim', { method: 'PATCH', url: sdkPath(`/credentials/${victimCredential}`), payload });
          assert.equal(response.statusCode, 400);
          assert.match(response.json().error.message, new RegExp(`Unknown field "(config\\.)?${key}"`));
        }
        assert.equal(await snapshot(harness.store), before);
      });
    }
  });
});
