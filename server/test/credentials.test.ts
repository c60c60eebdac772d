import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConnectCredential, MeResponse } from '../../protocol/src/rest.js';
import { auditOf, INTEGRATION_ID, installApiKey, sdkPath, snapshot, startHarness, STORE_KIND, type Harness } from './harness.js';

describe(`credentials, settings and configurations (${STORE_KIND})`, () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  const me = async (sub: string) => (await harness.as(sub, { method: 'GET', url: sdkPath('/me') })).json() as MeResponse;
  const patch = (sub: string, id: string, payload: object, headers: Record<string, string> = {}) =>
    harness.as(sub, { method: 'PATCH', url: sdkPath(`/credentials/${id}`), payload, headers });

  describe('user metadata', () => {
    it('PATCH /me merges metadata, null removes a key, and GET /me returns it', async () => {
      await harness.as('meta-user', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { Name: 'Ada', plan: 'pro' } } });
      const response = await harness.as('meta-user', {
        method: 'PATCH',
        url: sdkPath('/me'),
        payload: { meta: { plan: null, Email: 'ada@example.test' } },
      });
      assert.equal(response.statusCode, 200);
      assert.deepEqual((await me('meta-user')).meta, { Name: 'Ada', Email: 'ada@example.test' });
    });

    it('refuses metadata that is not an object, or larger than 16 KB, writing nothing', async () => {
      const before = await snapshot(harness.store);
      const array = await harness.as('meta-user', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: ['x'] } });
      assert.equal(array.statusCode, 400);
      assert.equal(array.json().error.field, 'meta');
      const huge = await harness.as('meta-user', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { notes: 'x'.repeat(17_000) } } });
      assert.equal(huge.statusCode, 400);
      assert.deepEqual(huge.json().error, { code: 'invalid_request', message: 'meta must be at most 16384 bytes of JSON.', field: 'meta' });
      assert.equal(await snapshot(harness.store), before);
    });
  });

  describe('metadata', () => {
    it('GET /metadata and GET /integrations/:type describe settings and workflows', async () => {
      const list = (await harness.as('u', { method: 'GET', url: sdkPath('/metadata') })).json();
      assert.deepEqual(
        list.map((item: { type: string }) => item.type),
        ['crm', 'erp'],
      );
      const crm = (await harness.as('u', { method: 'GET', url: sdkPath('/integrations/crm') })).json();
      assert.equal(crm.name, 'Acme CRM');
      assert.equal(crm.shortDescription, 'Sync contacts.');
      assert.deepEqual(
        crm.availableUserSettings.map((setting: { id: string }) => setting.id),
        ['pipeline', 'limit', 'archived', 'notify', 'site', 'region'],
      );
      assert.deepEqual(
        crm.availableWorkflows.map((workflow: { id: string }) => workflow.id),
        ['wf-a', 'wf-b', 'wf-c', 'wf-d'],
      );
      assert.deepEqual(crm.hiddenWorkflows, []);
      const missing = await harness.as('u', { method: 'GET', url: sdkPath('/integrations/nope') });
      assert.equal(missing.statusCode, 404);
    });
  });

  describe('listing and reading', () => {
    it('lists credentials per integration and reads one by id, externalId or ext:externalId', async () => {
      const response = await harness.as('lister', {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'lister-key' }, installOptions: { externalId: 'workspace-7' } },
      });
      const created = response.json() as ConnectCredential;
      assert.equal(created.externalId, 'workspace-7');
      const all = (await harness.as('lister', { method: 'GET', url: sdkPath('/credentials?integration=crm') })).json();
      assert.deepEqual(
        all.map((credential: ConnectCredential) => credential.id),
        [created.id],
      );
      assert.deepEqual((await harness.as('lister', { method: 'GET', url: sdkPath('/credentials?integration=erp') })).json(), []);
      for (const key of [created.id, 'workspace-7', 'ext:workspace-7']) {
        const one = await harness.as('lister', { method: 'GET', url: sdkPath(`/credentials/${key}`) });
        assert.equal(one.statusCode, 200, key);
        assert.equal(one.json().id, created.id);
        assert.match(String(one.headers.etag), /^"[0-9a-f-]+\.1"$/);
      }
      assert.deepEqual(all[0].config.configuredWorkflows['wf-b'], { enabled: true, settings: {} }, 'the seed list shape');
    });
  });

  describe('installs are idempotent', () => {
    it('connecting the same account twice gives the same credential, 201 then 200', async () => {
      const first = await harness.as('idem', {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'same' } },
      });
      const again = await harness.as('idem', {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: ' same ' } },
      });
      assert.equal(first.statusCode, 201);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().id, first.json().id);
      assert.equal((await me('idem')).integrations.crm!.allCredentials.length, 1);
    });

    it('five concurrent completions of one install make one credential and one audit row', async () => {
      const install = () =>
        harness.as('racer', {
          method: 'POST',
          url: sdkPath('/credentials'),
          payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'raced' } },
        });
      const responses = await Promise.all([install(), install(), install(), install(), install()]);
      assert.deepEqual(new Set(responses.map((response) => response.json().id)).size, 1);
      assert.deepEqual(responses.map((response) => response.statusCode).sort(), [200, 200, 200, 200, 201]);
      assert.equal((await me('racer')).integrations.crm!.allCredentials.length, 1);
      assert.equal((await auditOf(harness.store, 'racer')).filter((row) => row.action === 'credential.create').length, 1);
    });

    it('an Idempotency-Key replays its answer, and a changed body under the same key is a 422 that writes nothing', async () => {
      const send = (apiKey: string) =>
        harness.as('keyed', {
          method: 'POST',
          url: sdkPath('/credentials'),
          headers: { 'idempotency-key': 'install-1' },
          payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: apiKey } },
        });
      const first = await send('k1');
      const replay = await send('k1');
      assert.equal(replay.json().id, first.json().id);
      const before = await snapshot(harness.store);
      const changed = await send('k2');
      assert.equal(changed.statusCode, 422);
      assert.equal(changed.json().error.code, 'idempotency_key_reused');
      assert.equal(await snapshot(harness.store), before);
    });
  });

  describe('replacing an account', () => {
    it("keeps the credential id, its settings and its workflows, and refuses another account's key", async () => {
      const credential = await installApiKey(harness, 'replacer', 'old-key');
      const other = await installApiKey(harness, 'replacer', 'other-key');
      await harness.as('replacer', { method: 'POST', url: sdkPath('/workflows/wf-a'), headers: { 'x-paragon-credential': credential.id } });
      await patch('replacer', credential.id, { config: { sharedSettings: { pipeline: 'Enterprise' } } });
      const before = await harness.store.selectFrom('credentials').select('sealed_secret').where('id', '=', credential.id).executeTakeFirstOrThrow();

      const replaced = await harness.as('replacer', {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'new-key' }, installOptions: { selectedCredentialId: credential.id } },
      });
      assert.equal(replaced.statusCode, 200);
      const after = replaced.json() as ConnectCredential;
      assert.equal(after.id, credential.id);
      assert.equal(after.configurations[0]!.sharedSettings.pipeline, 'Enterprise');
      assert.equal(after.configurations[0]!.workflowSettings['wf-a']!.enabled, true);
      const sealed = await harness.store.selectFrom('credentials').select('sealed_secret').where('id', '=', credential.id).executeTakeFirstOrThrow();
      assert.notEqual(sealed.sealed_secret, before.sealed_secret);

      const clash = await harness.as('replacer', {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'other-key' }, installOptions: { selectedCredentialId: credential.id } },
      });
      assert.equal(clash.statusCode, 409);
      assert.match(clash.json().error.message, new RegExp(other.id));
    });
  });

  describe('credential status', () => {
    it('is PENDING until complete-setup, and a PENDING account cannot enable workflows', async () => {
      const install = await harness.as('setup', {
        method: 'POST',
        url: sdkPath('/credentials'),
        payload: { integrationId: 'int-erp', payload: { TOKEN: 't' } },
      });
      const credential = install.json() as ConnectCredential;
      assert.equal(credential.status, 'PENDING');
      const early = await harness.as('setup', {
        method: 'POST',
        url: sdkPath('/workflows/wf-erp'),
        headers: { 'x-paragon-credential': credential.id },
      });
      assert.equal(early.statusCode, 409);
      const blank = await harness.as('setup', {
        method: 'POST',
        url: sdkPath(`/credentials/${credential.id}/complete-setup`),
        payload: { payload: { company: ' ' } },
      });
      assert.equal(blank.statusCode, 400);
      assert.equal(blank.json().error.field, 'payload.company');
      const done = await harness.as('setup', {
        method: 'POST',
        url: sdkPath(`/credentials/${credential.id}/complete-setup`),
        payload: { payload: { company: 'Acme' } },
      });
      assert.equal(done.statusCode, 200);
      assert.equal(done.json().status, 'VALID');
      assert.deepEqual(done.json().providerData, { company: 'Acme' });
      const later = await harness.as('setup', {
        method: 'POST',
        url: sdkPath('/workflows/wf-erp'),
        headers: { 'x-paragon-credential': credential.id },
      });
      assert.equal(later.statusCode, 200);
    });
  });

  describe('settings', () => {
    it("accepts values of each setting's type, on the configuration of the named credential", async () => {
      const first = await installApiKey(harness, 'settings', 's1');
      const second = await installApiKey(harness, 'settings', 's2');
      const values = {
        pipeline: 'Enterprise',
        limit: 25,
        archived: true,
        notify: 'ops@example.test',
        site: 'https://crm.example.test',
        region: 'eu',
      };
      const response = await patch('settings', second.id, { config: { sharedSettings: values } });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json().configurations[0].sharedSettings, values);
      const state = (await me('settings')).integrations.crm!;
      assert.equal(state.allCredentials.find((credential) => credential.id === first.id)!.configurations[0]!.sharedSettings.pipeline, 'Sales');
    });

    const wrong: [string, Record<string, unknown>, string, RegExp][] = [
      ['text for a number', { limit: '25' }, 'limit', /Limit must be a number/],
      ['a string for a switch', { archived: 'yes' }, 'archived', /must be true or false/],
      ['a malformed email', { notify: 'not-an-email' }, 'notify', /email address/],
      ['a javascript: URL', { site: 'javascript:alert(1)' }, 'site', /http or https URL/],
      ['a value outside an enum', { region: 'mars' }, 'region', /one of "eu", "us"/],
      ['a number for text', { pipeline: 5 }, 'pipeline', /must be text/],
      ['an unknown setting', { colour: 'red' }, 'colour', /no setting "colour"/],
    ];
    for (const [name, sharedSettings, field, message] of wrong) {
      it(`refuses ${name} with the field named, writing nothing`, async () => {
        const credential = await installApiKey(harness, 'typed', `typed-${field}`);
        const before = await snapshot(harness.store);
        const response = await patch('typed', credential.id, { config: { sharedSettings } });
        assert.equal(response.statusCode, 400);
        assert.equal(response.json().error.field, `config.sharedSettings.${field}`);
        assert.match(response.json().error.message, message);
        assert.equal(await snapshot(harness.store), before);
      });
    }

    it('updates workflow settings per workflow (configuredWorkflows too) and checks their inputs', async () => {
      const credential = await installApiKey(harness, 'wf-settings', 'w1');
      const ok = await patch('wf-settings', credential.id, {
        config: { workflowSettings: { 'wf-a': { enabled: true, settings: { channel: '#sales' } } } },
      });
      assert.equal(ok.statusCode, 200);
      const alias = await patch('wf-settings', credential.id, { config: { configuredWorkflows: { 'wf-c': { enabled: true } } } });
      const workflows = alias.json().configurations[0].workflowSettings;
      assert.deepEqual(workflows['wf-a'], { enabled: true, settings: { channel: '#sales' } });
      assert.deepEqual(workflows['wf-c'], { enabled: true, settings: {} });
      assert.deepEqual(workflows['wf-b'], { enabled: true, settings: {} }, 'workflows not named keep their state');
      const unknownInput = await patch('wf-settings', credential.id, { config: { workflowSettings: { 'wf-a': { settings: { nope: 1 } } } } });
      assert.equal(unknownInput.json().error.field, 'config.workflowSettings.wf-a.settings.nope');
      const unknownWorkflow = await patch('wf-settings', credential.id, { config: { workflowSettings: { 'wf-x': { enabled: true } } } });
      assert.equal(unknownWorkflow.json().error.field, 'config.workflowSettings.wf-x');
    });

    it('writes with a stale If-Match get 412 and change nothing; a current one goes through', async () => {
      const credential = await installApiKey(harness, 'tabs', 'tabs-key');
      const read = await harness.as('tabs', { method: 'GET', url: sdkPath(`/credentials/${credential.id}`) });
      const v1 = String(read.headers.etag);
      const tabOne = await patch('tabs', credential.id, { config: { sharedSettings: { pipeline: 'One' } } }, { 'if-match': v1 });
      assert.equal(tabOne.statusCode, 200);
      assert.notEqual(tabOne.headers.etag, v1);
      const before = await snapshot(harness.store);
      const tabTwo = await patch('tabs', credential.id, { config: { sharedSettings: { pipeline: 'Two' } } }, { 'if-match': v1 });
      assert.equal(tabTwo.statusCode, 412);
      assert.equal(tabTwo.json().error.code, 'precondition_failed');
      assert.equal(tabTwo.headers.etag, tabOne.headers.etag, 'the answer carries the current version');
      assert.equal(await snapshot(harness.store), before);
      const retry = await patch(
        'tabs',
        credential.id,
        { config: { sharedSettings: { pipeline: 'Two' } } },
        { 'if-match': String(tabTwo.headers.etag) },
      );
      assert.equal(retry.statusCode, 200);
    });

    it('concurrent partial updates without If-Match all land', async () => {
      const credential = await installApiKey(harness, 'merge', 'merge-key');
      await Promise.all([
        patch('merge', credential.id, { config: { sharedSettings: { limit: 1 } } }),
        patch('merge', credential.id, { config: { sharedSettings: { region: 'us' } } }),
        patch('merge', credential.id, { config: { sharedSettings: { archived: true } } }),
      ]);
      const shared = (await me('merge')).integrations.crm!.sharedSettings;
      assert.deepEqual(shared, { pipeline: 'Sales', limit: 1, region: 'us', archived: true });
    });
  });

  describe('workflows are desired-state', () => {
    it('repeating an enable answers 200 and writes one audit row, not two', async () => {
      const credential = await installApiKey(harness, 'repeat', 'repeat-key');
      const enable = () =>
        harness.as('repeat', { method: 'POST', url: sdkPath('/workflows/wf-c'), headers: { 'x-paragon-credential': credential.id } });
      assert.equal((await enable()).statusCode, 200);
      const before = await snapshot(harness.store);
      assert.equal((await enable()).statusCode, 200);
      assert.equal(await snapshot(harness.store), before);
      assert.equal((await auditOf(harness.store, 'repeat')).filter((row) => row.action === 'workflow.enable').length, 1);
    });

    it("accepts the SDK's empty JSON body", async () => {
      const credential = await installApiKey(harness, 'empty-body', 'empty-key');
      const response = await harness.as('empty-body', {
        method: 'DELETE',
        url: sdkPath('/workflows/wf-b'),
        headers: { 'x-paragon-credential': credential.id, 'content-type': 'application/json' },
        payload: '',
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().enabled, false);
    });
  });

  describe('configurations', () => {
    it('creates, names, updates and deletes a second configuration; the default one stays', async () => {
      const credential = await installApiKey(harness, 'configs', 'configs-key');
      const created = await harness.as('configs', {
        method: 'POST',
        url: sdkPath(`/credentials/${credential.id}/configurations`),
        payload: { externalId: 'team-b' },
      });
      assert.equal(created.statusCode, 201);
      const configuration = created.json();
      assert.equal(configuration.isDefault, false);
      assert.equal(configuration.externalId, 'team-b');

      const toggled = await harness.as('configs', {
        method: 'POST',
        url: sdkPath('/workflows/wf-a'),
        headers: { 'x-paragon-credential': credential.id, 'x-paragon-configuration-id': 'ext:team-b' },
      });
      assert.equal(toggled.statusCode, 200);
      const meta = await harness.as('configs', {
        method: 'PATCH',
        url: sdkPath(`/credentials/${credential.id}/configurations`),
        headers: { 'x-paragon-configuration-id': configuration.id },
        payload: { meta: { label: 'Team B' } },
      });
      assert.deepEqual(meta.json().configMeta, { label: 'Team B' });
      const stored = (await me('configs')).integrations.crm!.allCredentials[0]!.configurations;
      assert.deepEqual(
        stored.map((item) => [item.isDefault, item.workflowSettings['wf-a']!.enabled]),
        [
          [true, false],
          [false, true],
        ],
      );

      const noHeader = await harness.as('configs', { method: 'DELETE', url: sdkPath(`/credentials/${credential.id}/configurations`) });
      assert.equal(noHeader.statusCode, 400);
      const defaultOne = await harness.as('configs', {
        method: 'DELETE',
        url: sdkPath(`/credentials/${credential.id}/configurations`),
        headers: { 'x-paragon-configuration-id': stored[0]!.id },
      });
      assert.equal(defaultOne.statusCode, 400);
      const deleted = await harness.as('configs', {
        method: 'DELETE',
        url: sdkPath(`/credentials/${credential.id}/configurations`),
        headers: { 'x-paragon-configuration-id': configuration.id },
      });
      assert.equal(deleted.statusCode, 200);
      assert.equal((await me('configs')).integrations.crm!.allCredentials.flatMap((credential) => credential.configurations).length, 1);
    });
  });

  describe('uninstall', () => {
    it('removes only the account named by X-Paragon-Credential, with its settings', async () => {
      const first = await installApiKey(harness, 'leaver', 'l1');
      const second = await installApiKey(harness, 'leaver', 'l2');
      const response = await harness.as('leaver', {
        method: 'DELETE',
        url: sdkPath(`/integrations/${INTEGRATION_ID}`),
        headers: { 'x-paragon-credential': second.id },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().credentialId, second.id);
      const state = (await me('leaver')).integrations.crm!;
      assert.deepEqual(
        state.allCredentials.map((credential) => credential.id),
        [first.id],
      );
      const leftovers = await harness.store.selectFrom('credential_configurations').select('id').where('credential_id', '=', second.id).execute();
      assert.deepEqual(leftovers, []);
    });

    it('without a header removes the first valid account, and with none left answers 404', async () => {
      await installApiKey(harness, 'last', 'only');
      assert.equal((await harness.as('last', { method: 'DELETE', url: sdkPath('/integrations/crm') })).statusCode, 200);
      const none = await harness.as('last', { method: 'DELETE', url: sdkPath('/integrations/crm') });
      assert.equal(none.statusCode, 404);
      assert.equal(none.json().error.code, 'credential_not_found');
    });
  });
});
