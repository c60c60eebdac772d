/**
 * Dynamic dropdowns read from the user's own account, through `POST /sdk/actions` as Paragon's
 * `getFieldOptions` sends it, against the real sandbox provider: each account sees its own data,
 * search and cursors pass through, dependent parameters stay values, and nothing reaches another
 * user's account.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sdkPath, snapshot, STORE_KIND } from './harness.js';
import { startOAuthHarness, type OAuthHarness } from './oauth-harness.js';

describe(`data sources (${STORE_KIND})`, () => {
  let oauth: OAuthHarness;
  let alice: string;
  let bob: string;
  before(async () => {
    oauth = await startOAuthHarness();
    alice = (await oauth.connect('ivan', 'alice')).credentialId!;
    bob = (await oauth.connect('ivan', 'bob')).credentialId!;
  });
  after(() => oauth.close());

  const options = (sub: string, body: object, credentialId?: string) =>
    oauth.as(sub, {
      method: 'POST',
      url: sdkPath('/actions'),
      headers: credentialId ? { 'x-paragon-credential': credentialId } : {},
      payload: { action: 'sandbox', parameters: [], paginationParameters: { pageCursor: 0 }, ...body },
    });

  it("answers each account's own options, a page at a time, with the next page's cursor", async () => {
    const first = await options('ivan', { sourceKey: 'pipelines' }, alice);
    assert.equal(first.statusCode, 200, first.body);
    const { output } = first.json() as { output: { records: { label: string; value: string }[]; nextPageCursor: string } };
    assert.deepEqual(output.records, [
      { label: 'Anders Analytics: New business', value: 'pl_alice_1' },
      { label: 'Anders Analytics: Renewals', value: 'pl_alice_2' },
    ]);
    assert.ok(output.nextPageCursor);
    const next = (await options('ivan', { sourceKey: 'pipelines', paginationParameters: { pageCursor: output.nextPageCursor } }, alice)).json();
    assert.deepEqual(
      next.output.records.map((record: { value: string }) => record.value),
      ['pl_alice_3', 'pl_alice_4'],
    );
    const bobs = (await options('ivan', { sourceKey: 'pipelines' }, bob)).json();
    assert.ok(
      bobs.output.records.every((record: { value: string }) => record.value.startsWith('pl_bob_')),
      "Bob's account, Bob's pipelines",
    );
  });

  it('passes the search to the API, and dependent values as values only', async () => {
    const found = (await options('ivan', { sourceKey: 'pipelines', paginationParameters: { pageCursor: 0, search: 'renew' } }, alice)).json();
    assert.deepEqual(found.output, { records: [{ label: 'Anders Analytics: Renewals', value: 'pl_alice_2' }], nextPageCursor: null });
    const fields = await options('ivan', { sourceKey: 'fields', parameters: [{ key: 'object', source: { type: 'VALUE', value: 'deal' } }] }, alice);
    assert.equal(fields.statusCode, 200, fields.body);
    assert.ok(fields.json().output.records.length > 0);
    // A value that would climb out of the API stays a query value: the sandbox refuses it as an unknown object.
    const hostile = await options('ivan', { sourceKey: 'fields', parameters: [{ key: 'object', source: { value: '../../me' } }] }, alice);
    assert.equal(hostile.statusCode, 502, hostile.body);
    assert.equal(hostile.json().error.code, 'proxy_request_failed');
    const missing = await options('ivan', { sourceKey: 'fields' }, alice);
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().error.field, 'parameters.object');
  });

  it("refuses another user's account with a 404, and calls nothing", async () => {
    oauth.sandbox.resetStats();
    const before = await snapshot(oauth.store);
    const response = await options('mallory', { sourceKey: 'pipelines' }, alice);
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'credential_not_found');
    assert.equal(oauth.sandbox.stats().apiRequests, 0);
    assert.equal(await snapshot(oauth.store), before);
  });

  it('names what is wrong: an unknown source, an unknown integration, a malformed body, an answer that is not a list', async () => {
    const unknown = await options('ivan', { sourceKey: 'deals' }, alice);
    assert.deepEqual([unknown.statusCode, unknown.json().error.message], [404, 'Sandbox CRM has no data source "deals" in the project config.']);
    const integration = await options('ivan', { action: 'nope', sourceKey: 'pipelines' }, alice);
    assert.deepEqual([integration.statusCode, integration.json().error.field], [404, 'action']);
    const malformed = await options('ivan', { sourceKey: 'pipelines', paginationParameters: { pageCursor: 0, sort: 'name' } }, alice);
    assert.deepEqual([malformed.statusCode, malformed.json().error.field], [400, 'paginationParameters.sort']);
    const notAList = await options('ivan', { sourceKey: 'broken' }, alice);
    assert.deepEqual([notAList.statusCode, notAList.json().error.message], [502, 'The integration\'s API did not answer a list at "items".']);
  });
});
