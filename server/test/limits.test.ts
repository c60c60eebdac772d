/**
 * Bad input at the edges of the HTTP stack gets a precise 4xx in the project's error shape and
 * writes nothing: JSON nested to overflow a stack, metadata that grows past its bound by merging,
 * long and malformed path parameters, oversized headers, wrong content types.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { MAX_JSON_DEPTH, pathTooDeep } from '../src/json-body.js';
import { INTEGRATION_ID, installApiKey, sdkPath, snapshot, startHarness, STORE_KIND, type Harness } from './harness.js';

/** `{"a":{"a":…{"a":1}}}`, `depth` objects deep. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe(`request limits (${STORE_KIND})`, () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  const raw = async (sub: string, method: 'PATCH' | 'POST', url: string, body: string, headers: Record<string, string> = {}) =>
    harness.as(sub, { method, url, payload: body, headers: { 'content-type': 'application/json', ...headers } });

  it('refuses JSON nested 5,000 deep with a 400 naming the field, on every body route, writing nothing', async () => {
    const credential = await installApiKey(harness, 'deep', 'deep-key');
    const before = await snapshot(harness.store);
    const deep = nested(5000);
    const cases = [
      raw('deep', 'PATCH', sdkPath('/me'), `{"meta":${deep}}`),
      raw('deep', 'PATCH', sdkPath(`/credentials/${credential.id}/configurations`), `{"meta":${deep}}`, {
        'x-paragon-configuration-id': credential.configurations[0]!.id,
      }),
      raw('deep', 'POST', sdkPath('/credentials'), `{"integrationId":"${INTEGRATION_ID}","payload":${deep}}`),
      raw('deep', 'PATCH', sdkPath(`/credentials/${credential.id}`), `{"config":${deep}}`),
    ];
    const fields = ['meta', 'meta', 'payload', 'config'];
    for (const [index, response] of (await Promise.all(cases)).entries()) {
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json().error.code, 'invalid_request');
      assert.equal(response.json().error.field, fields[index]);
      assert.match(response.json().error.message, new RegExp(`nested deeper than ${MAX_JSON_DEPTH} levels`));
    }
    assert.equal(await snapshot(harness.store), before);
  });

  it('accepts JSON exactly at the stated depth', async () => {
    // The body is level 1 and meta level 2, so meta may hold MAX_JSON_DEPTH - 2 more levels.
    const response = await raw('depth-ok', 'PATCH', sdkPath('/me'), `{"meta":${nested(MAX_JSON_DEPTH - 1)}}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal((await raw('depth-ok', 'PATCH', sdkPath('/me'), `{"meta":${nested(MAX_JSON_DEPTH)}}`)).statusCode, 400);
  });

  it('finds the too-deep path without recursion, in arrays too', () => {
    assert.deepEqual(pathTooDeep(JSON.parse(nested(4)), 3), ['a', 'a', 'a']);
    assert.equal(pathTooDeep(JSON.parse(nested(3)), 3), undefined);
    assert.deepEqual(pathTooDeep({ list: [[[1]]] }, 3), ['list', '0', '0']);
    assert.equal(pathTooDeep(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 32)?.length, 32);
  });

  it('bounds user metadata merged across requests to 16 KB, keeping what was stored', async () => {
    const half = 'x'.repeat(9000);
    assert.equal((await harness.as('grower', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { first: half } } })).statusCode, 200);
    const before = await snapshot(harness.store);
    const second = await harness.as('grower', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { second: half } } });
    assert.equal(second.statusCode, 400);
    assert.equal(second.json().error.field, 'meta');
    assert.match(second.json().error.message, /at most 16384 are kept/);
    assert.equal(await snapshot(harness.store), before);
    const replaced = await harness.as('grower', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { first: null, second: half } } });
    assert.equal(replaced.statusCode, 200, 'removing a key makes room');
  });

  it('bounds configuration metadata merged across requests to 16 KB, keeping what was stored', async () => {
    const credential = await installApiKey(harness, 'config-grower', 'config-grower-key');
    const patch = (meta: object) =>
      harness.as('config-grower', {
        method: 'PATCH',
        url: sdkPath(`/credentials/${credential.id}/configurations`),
        headers: { 'x-paragon-configuration-id': credential.configurations[0]!.id },
        payload: { meta },
      });
    assert.equal((await patch({ a: 'y'.repeat(9000) })).statusCode, 200);
    const before = await snapshot(harness.store);
    const refused = await patch({ b: 'y'.repeat(9000) });
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.field, 'meta');
    assert.equal(await snapshot(harness.store), before);
  });

  it('reads a credential by a 150-character externalId, as it accepted it at install', async () => {
    const externalId = 'e'.repeat(150);
    const installed = await harness.as('long-id', {
      method: 'POST',
      url: sdkPath('/credentials'),
      payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'long-id-key' }, installOptions: { externalId } },
    });
    assert.equal(installed.statusCode, 201);
    const read = await harness.as('long-id', { method: 'GET', url: sdkPath(`/credentials/${externalId}`) });
    assert.equal(read.statusCode, 200, read.body);
    assert.equal(read.json().id, installed.json().id);
    const tooLong = await harness.as('long-id', { method: 'GET', url: sdkPath(`/credentials/${'e'.repeat(300)}`) });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().error.field, 'credentialId');
    const wayTooLong = await harness.as('long-id', { method: 'GET', url: sdkPath(`/credentials/${'e'.repeat(5000)}`) });
    assert.equal(wayTooLong.statusCode, 414);
    assert.equal(wayTooLong.json().error.code, 'uri_too_long');
  });

  it('refuses ids with control characters (PostgreSQL text cannot hold a NUL), writing nothing', async () => {
    const before = await snapshot(harness.store);
    const read = await harness.as('nul', { method: 'GET', url: sdkPath('/credentials/a%00b') });
    assert.equal(read.statusCode, 400);
    assert.deepEqual(read.json().error, {
      code: 'invalid_request',
      message: 'credentialId: must be printable text, without control characters.',
      field: 'credentialId',
    });
    const install = await harness.as('nul', {
      method: 'POST',
      url: sdkPath('/credentials'),
      payload: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'nul-key' }, installOptions: { externalId: 'a\u0000b' } },
    });
    assert.equal(install.statusCode, 400);
    assert.equal(install.json().error.field, 'installOptions.externalId');
    assert.equal(await snapshot(harness.store), before);
  });

  it('answers malformed percent-encoding with 400 invalid_url in the project shape', async () => {
    for (const id of ['%', '%zz', '%ED%A0%80', 'a%2']) {
      const response = await harness.as('bad-url', { method: 'GET', url: sdkPath(`/credentials/${id}`) });
      assert.equal(response.statusCode, 400, id);
      assert.deepEqual(Object.keys(response.json().error).sort(), ['code', 'message'], id);
      assert.equal(response.json().error.code, 'invalid_url', id);
      assert.ok(response.headers['x-request-id'], id);
    }
  });

  it('answers bad JSON, wrong content types and oversized bodies in the project shape', async () => {
    const broken = await raw('shapes', 'PATCH', sdkPath('/me'), '{"meta":');
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'invalid_json');
    const text = await harness.as('shapes', { method: 'PATCH', url: sdkPath('/me'), payload: 'meta=1', headers: { 'content-type': 'text/plain' } });
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().error.code, 'unsupported_media_type');
    const huge = await raw('shapes', 'PATCH', sdkPath('/me'), JSON.stringify({ meta: { big: 'z'.repeat(300 * 1024) } }));
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, 'payload_too_large');
    const unknown = await harness.as('shapes', { method: 'GET', url: sdkPath('/nothing-here') });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'not_found');
  });

  it('answers headers over 16 KB with 431 headers_too_large in the project shape, over a real socket', async () => {
    const url = new URL(await harness.app.listen({ host: '127.0.0.1', port: 0 }));
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        { host: url.hostname, port: url.port, path: sdkPath('/me'), headers: { 'x-padding': 'p'.repeat(20 * 1024) } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body: text }));
        },
      );
      request.on('error', reject);
      request.end();
    });
    assert.equal(status, 431);
    assert.equal(JSON.parse(body).error.code, 'headers_too_large');
  });
});
