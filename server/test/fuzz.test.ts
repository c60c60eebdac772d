/**
 * A bounded fuzz of the whole SDK API with fast-check: every route, with random path parameters
 * (malformed percent-encoding, odd Unicode, over-long ids), random selection and precondition
 * headers, and bodies that are random JSON, near-valid JSON (a valid body with one value or key
 * changed), prototype-pollution keys or not JSON at all. No answer may be a 5xx, and every
 * refusal has the project's `{ error: { code, message, field? } }` shape. `FUZZ_RUNS` raises the
 * number of cases per route (`npm run bench` runs a longer version).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ConnectCredential } from '../../protocol/src/rest.js';
import { INTEGRATION_ID, installApiKey, PROJECT_ID, startHarness, STORE_KIND, type Harness } from './harness.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Route {
  method: Method;
  /** The path under `/projects/:projectId/sdk`, with `{id}` where a random parameter goes. */
  path: string;
  /** Bodies the route accepts, which the fuzz then bends. */
  valid?: Record<string, unknown>[];
  /** What a valid `{id}` is: sent, with `valid`, as the first cases, so the success path is always covered. */
  target?: 'credential' | 'pending' | 'crm' | 'wf-a';
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/me' },
  { method: 'PATCH', path: '/me', valid: [{ meta: { Name: 'Ada' } }] },
  { method: 'GET', path: '/integrations' },
  { method: 'GET', path: '/metadata' },
  { method: 'GET', path: '/integrations/{id}', target: 'crm' },
  { method: 'DELETE', path: '/integrations/{id}', target: 'crm' },
  { method: 'GET', path: '/credentials?integration={id}', target: 'crm' },
  { method: 'GET', path: '/credentials/{id}', target: 'credential' },
  {
    method: 'POST',
    path: '/credentials',
    valid: [
      { integrationId: INTEGRATION_ID, payload: { API_KEY: 'fuzz-key' } },
      { integrationId: 'crm', payload: { API_KEY: 'fuzz-key-2' }, installOptions: { externalId: 'fuzz', allowMultipleCredentials: true } },
    ],
  },
  {
    method: 'POST',
    path: '/credentials/{id}/complete-setup',
    valid: [{ payload: { company: 'Acme' } }, { integrationId: 'int-erp', payload: { company: 'Acme' } }],
    target: 'pending',
  },
  {
    method: 'PATCH',
    path: '/credentials/{id}',
    valid: [
      { config: { sharedSettings: { limit: 5, region: 'eu' } } },
      { config: { workflowSettings: { 'wf-a': { enabled: true, settings: { channel: '#x' } } } } },
    ],
    target: 'credential',
  },
  { method: 'POST', path: '/credentials/{id}/configurations', valid: [{ externalId: 'fuzz-configuration' }], target: 'credential' },
  { method: 'PATCH', path: '/credentials/{id}/configurations', valid: [{ meta: { step: 1 } }], target: 'credential' },
  { method: 'DELETE', path: '/credentials/{id}/configurations', target: 'credential' },
  { method: 'POST', path: '/workflows/{id}', target: 'wf-a' },
  { method: 'DELETE', path: '/workflows/{id}', target: 'wf-a' },
];

const hostileKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', 'a'.repeat(300), '\u0000', '💥');

/** A random JSON value, with hostile keys mixed in. */
const json = fc.jsonValue({ maxDepth: 5 }).chain((value) =>
  fc.oneof(
    fc.constant(value),
    hostileKeys.map((key) => ({ [key]: value })),
  ),
);

/** A valid body, bent: one value replaced, one key added, or one key removed. */
function bend(valid: Record<string, unknown>[]) {
  return fc.constantFrom(...valid).chain((body) => {
    const keys = Object.keys(body);
    return fc.oneof(
      fc.tuple(fc.constantFrom(...keys), json).map(([key, value]) => ({ ...body, [key]: value })),
      fc.tuple(fc.oneof(fc.string(), hostileKeys), json).map(([key, value]) => ({ ...body, [key]: value })),
      fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(body).filter(([name]) => name !== key))),
      fc.constantFrom(...keys).chain((key) => json.map((value) => ({ ...body, [key]: { ...(body[key] as object), fuzz: value } }))),
    );
  });
}

/** The raw body text and its content type. */
function bodies(route: Route) {
  const asJson = (value: unknown) => ({ text: JSON.stringify(value), type: 'application/json' });
  return fc.oneof(
    { arbitrary: json.map(asJson), weight: 3 },
    { arbitrary: fc.constantFrom(...(route.valid ?? [{}])).map(asJson), weight: 3 },
    { arbitrary: route.valid ? bend(route.valid).map(asJson) : json.map(asJson), weight: 6 },
    { arbitrary: fc.string().map((text) => ({ text, type: 'application/json' })), weight: 1 },
    {
      arbitrary: fc.constantFrom('', '{"meta":', '[1,2', 'null', '{"__proto__":{"polluted":1}}').map((text) => ({ text, type: 'application/json' })),
      weight: 1,
    },
    { arbitrary: fc.string().map((text) => ({ text, type: 'text/plain' })), weight: 1 },
  );
}

describe(`REST fuzz: no 5xx, one error shape (${STORE_KIND})`, () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  });
  after(() => harness.close());

  /** The user's real ids: a CRM account, an ERP account waiting for its setup step, a second configuration. */
  interface Fixture {
    credential: ConnectCredential;
    pending: ConnectCredential;
    extraConfigurationId: string;
  }

  async function fixture(user: string): Promise<Fixture> {
    const credential = await installApiKey(harness, user, `${user}-key`);
    const pending = (
      await harness.as(user, {
        method: 'POST',
        url: `/projects/${PROJECT_ID}/sdk/credentials`,
        payload: { integrationId: 'int-erp', payload: { TOKEN: user } },
      })
    ).json() as ConnectCredential;
    const extra = await harness.as(user, {
      method: 'POST',
      url: `/projects/${PROJECT_ID}/sdk/credentials/${credential.id}/configurations`,
      payload: {},
    });
    return { credential, pending, extraConfigurationId: extra.json().id };
  }

  /** A path parameter: mostly one of the user's real ids, else a near miss or anything, raw or encoded. */
  const parameters = ({ credential, pending }: Fixture) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(credential.id, pending.id, 'crm', 'wf-a', 'wf-erp'), weight: 6 },
      { arbitrary: fc.constantFrom(credential.configurations[0]!.id, INTEGRATION_ID, 'ext:fuzz', credential.id.toUpperCase()), weight: 1 },
      { arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent), weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent), weight: 1 },
      {
        arbitrary: fc.constantFrom('%', '%zz', '%ED%A0%80', '%C0%AF', '..', '%2e%2e%2f', 'a'.repeat(300), 'b'.repeat(3000), '%00', '?x=1#y'),
        weight: 1,
      },
    );

  /** Selection and precondition headers: often absent, else real, else anything. */
  const headers = ({ credential, extraConfigurationId }: Fixture) =>
    fc.record(
      {
        'x-paragon-credential': fc.oneof(fc.constant(credential.id), fc.string({ minLength: 1, maxLength: 300 })),
        'x-paragon-configuration-id': fc.oneof(fc.constantFrom(extraConfigurationId, credential.configurations[0]!.id), fc.string({ minLength: 1 })),
        'if-match': fc.oneof(fc.constant('*'), fc.string(), fc.constant(`"${credential.configurations[0]!.id}.1"`)),
        'idempotency-key': fc.string({ minLength: 1, maxLength: 300 }),
      },
      { requiredKeys: [] },
    );

  for (const [index, route] of ROUTES.entries()) {
    it(`${route.method} ${route.path}`, async () => {
      // A user of its own per route, so that an uninstall fuzzed on one route leaves the others theirs.
      const user = `fuzzer-${index}`;
      const ids = await fixture(user);
      const token = await harness.token(user);
      const statuses = new Map<number, number>();
      const validParameter = { credential: ids.credential.id, pending: ids.pending.id, crm: 'crm', 'wf-a': 'wf-a' }[route.target ?? 'crm'];
      const examples = (route.valid ?? [{}]).map((valid): [string, Record<string, string>, { text: string; type: string }] => [
        validParameter,
        { 'x-paragon-configuration-id': ids.extraConfigurationId },
        { text: JSON.stringify(valid), type: 'application/json' },
      ]);
      await fc.assert(
        fc.asyncProperty(parameters(ids), headers(ids), bodies(route), async (parameter, extraHeaders, body) => {
          const sendsBody = route.method !== 'GET' && route.method !== 'DELETE';
          // Header values must be legal in HTTP; fast-check's strings may hold control characters.
          const legal = Object.fromEntries(Object.entries(extraHeaders).filter(([, value]) => /^[\t\x20-\x7e]*$/.test(value)));
          const response = await harness.app.inject({
            method: route.method,
            url: `/projects/${PROJECT_ID}/sdk${route.path.replace('{id}', parameter)}`,
            headers: { authorization: `Bearer ${token}`, ...legal, ...(sendsBody ? { 'content-type': body.type } : {}) },
            payload: sendsBody ? body.text : undefined,
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body}`);
          if (response.statusCode >= 400) {
            const { error } = response.json() as { error: Record<string, unknown> };
            assert.equal(typeof error.code, 'string', response.body);
            assert.equal(typeof error.message, 'string', response.body);
            assert.deepEqual(
              Object.keys(error).filter((key) => !['code', 'message', 'field'].includes(key)),
              [],
              response.body,
            );
          }
          assert.equal(({} as Record<string, unknown>).polluted, undefined);
        }),
        { numRuns: RUNS, examples },
      );
      // The valid examples must succeed: the fuzz reaches the handlers, not only the validation.
      assert.ok(
        [...statuses.keys()].some((status) => status < 300),
        `no request succeeded: ${JSON.stringify([...statuses])}`,
      );
    });
  }
});
