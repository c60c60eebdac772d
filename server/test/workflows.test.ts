/**
 * Workflows that run: each trigger kind runs the workflow for the right account, only where it is
 * turned on; a module that throws, hangs or returns junk fails its own run, recorded in the task
 * history; queued runs are retried, then dead; a webhook's URL works only with its token; a
 * schedule's tick runs once per account even with two instances.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ConnectCredential, WorkflowRun } from '../../protocol/src/rest.js';
import { json, startFakeApi, type FakeApi } from './fake-api.js';
import {
  anotherServer,
  auditOf,
  installApiKey,
  PROJECT_ID,
  sdkPath,
  snapshot,
  STORE_KIND,
  startHarness,
  testConfig,
  type Harness,
} from './harness.js';

/** The modules the workflows run, written beside the config. */
const MODULES = {
  'echo.mjs': `export default async function run(ctx) {
    const contacts = await ctx.request('GET', 'contacts?limit=1');
    return { credentialId: ctx.credentialId, trigger: ctx.trigger, settings: ctx.settings, workflowSettings: ctx.workflowSettings, contacts };
  }`,
  'create-contact.mjs': `export default async (ctx) => ctx.request('POST', 'contacts', { name: ctx.trigger.payload.payload?.name ?? ctx.trigger.type, account: ctx.credentialId });`,
  'throws.mjs': `export default async () => { throw new Error('the CRM said no'); };`,
  'hangs.mjs': `export default () => new Promise(() => {});`,
  'junk.mjs': `export default async () => ({ count: 10n });`,
  'flaky.mjs': `let calls = 0; export default async () => { calls += 1; if (calls === 1) throw new Error('flaked'); return { calls }; };`,
  'doomed.mjs': `export default async () => { throw new Error('always'); };`,
};

function workflowConfig(fake: FakeApi): object {
  const config = testConfig() as { projects: { integrations: { api?: object; workflows?: object[] }[] }[] };
  const crm = config.projects[0]!.integrations[0]!;
  crm.api = { baseUrl: `${fake.origin}/v2` };
  crm.workflows!.push(
    { id: 'wf-echo', description: 'Echo', run: 'echo.mjs', trigger: { type: 'request' } },
    { id: 'wf-throws', description: 'Throws', run: 'throws.mjs', trigger: { type: 'request' } },
    { id: 'wf-hangs', description: 'Hangs', run: 'hangs.mjs', trigger: { type: 'request' }, timeoutSeconds: 1 },
    { id: 'wf-junk', description: 'Junk', run: 'junk.mjs', trigger: { type: 'request' } },
    { id: 'wf-signup', description: 'On sign-up', run: 'create-contact.mjs', trigger: { type: 'event', event: 'user.signup' }, retries: 0 },
    { id: 'wf-flaky', description: 'Flaky', run: 'flaky.mjs', trigger: { type: 'event', event: 'flaky' }, retries: 1 },
    { id: 'wf-doomed', description: 'Doomed', run: 'doomed.mjs', trigger: { type: 'event', event: 'doomed' }, retries: 1 },
    { id: 'wf-enabled', description: 'On enable', run: 'create-contact.mjs', trigger: { type: 'integrationEnabled' }, retries: 0 },
    { id: 'wf-hook', description: 'Webhook', run: 'create-contact.mjs', trigger: { type: 'webhook' }, retries: 0 },
    { id: 'wf-resumed', description: 'Resumed', run: 'create-contact.mjs', trigger: { type: 'event', event: 'resumed' }, retries: 1 },
    { id: 'wf-tick', description: 'Every 2 s', run: 'create-contact.mjs', trigger: { type: 'schedule', cron: '*/2 * * * * *' }, retries: 0 },
  );
  return config;
}

describe(`workflows that run (${STORE_KIND})`, () => {
  let harness: Harness;
  let fake: FakeApi;
  let first: ConnectCredential;
  let second: ConnectCredential;

  before(async () => {
    fake = await startFakeApi();
    harness = await startHarness({ config: workflowConfig(fake), files: MODULES, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
    first = await installApiKey(harness, 'alice', 'alice-key-1');
    second = await installApiKey(harness, 'alice', 'alice-key-2');
  });
  after(async () => {
    await harness.close();
    await fake.close();
  });
  beforeEach(() =>
    fake.answer((request, response) => json(response, request.method === 'POST' ? 201 : 200, { path: request.url, body: request.body })),
  );

  const enable = async (sub: string, workflowId: string, credentialId: string) => {
    const response = await harness.as(sub, {
      method: 'POST',
      url: sdkPath(`/workflows/${workflowId}`),
      headers: { 'x-paragon-credential': credentialId },
    });
    assert.equal(response.statusCode, 200, response.body);
  };
  const trigger = (sub: string, workflowId: string, credentialId?: string, payload: object = {}) =>
    harness.as(sub, {
      method: 'POST',
      url: sdkPath(`/triggers/${workflowId}?source=test`),
      headers: credentialId ? { 'x-paragon-credential': credentialId } : {},
      payload,
    });
  const runsOf = async (sub: string, credentialId: string) =>
    ((await harness.as(sub, { method: 'GET', url: sdkPath(`/credentials/${credentialId}/runs?limit=100`) })).json() as { runs: WorkflowRun[] }).runs;
  /** Waits until the account's runs satisfy `done`. */
  async function waitForRuns(sub: string, credentialId: string, done: (runs: WorkflowRun[]) => boolean, seconds = 10): Promise<WorkflowRun[]> {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const runs = await runsOf(sub, credentialId);
      if (done(runs) || Date.now() > deadline) return runs;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  describe('request', () => {
    it("answers what the workflow returned, run as the account named, with that account's settings", async () => {
      await enable('alice', 'wf-echo', second.id);
      await harness.as('alice', {
        method: 'PATCH',
        url: sdkPath(`/credentials/${second.id}`),
        payload: { config: { sharedSettings: { pipeline: 'Renewals' } } },
      });
      const response = await trigger('alice', 'wf-echo', second.id, { hello: 'world' });
      assert.equal(response.statusCode, 200, response.body);
      const output = response.json();
      assert.equal(output.credentialId, second.id);
      assert.deepEqual(output.trigger, { type: 'request', payload: { body: { hello: 'world' }, query: { source: 'test' } } });
      assert.equal(output.settings.pipeline, 'Renewals');
      assert.deepEqual(output.contacts, { path: '/v2/contacts?limit=1', body: '' });
      assert.equal(fake.requests[0]!.headers.authorization, 'Bearer alice-key-2', "the second account's own key");
      const [run] = await runsOf('alice', second.id);
      assert.deepEqual([run!.workflowId, run!.trigger, run!.status, run!.attempts], ['wf-echo', 'request', 'succeeded', 1]);
      assert.ok(run!.durationMs! >= 0);
    });

    it('runs only where the workflow is turned on, and refuses what is not a request workflow', async () => {
      const off = await trigger('alice', 'wf-echo', first.id);
      assert.equal(off.statusCode, 409);
      assert.equal(off.json().error.code, 'workflow_not_enabled');
      const event = await trigger('alice', 'wf-signup', first.id);
      assert.equal(event.statusCode, 400);
      assert.match(event.json().error.message, /started by its "event" trigger/);
      const missing = await trigger('alice', 'wf-nope', first.id);
      assert.equal(missing.statusCode, 404);
      assert.equal(fake.requests.length, 0);
      assert.deepEqual(
        (await runsOf('alice', first.id)).filter((run) => run.workflowId === 'wf-hook'),
        [],
      );
    });

    it("refuses another user's account with a 404, running nothing", async () => {
      const before = await snapshot(harness.store);
      const response = await trigger('mallory', 'wf-echo', second.id);
      assert.equal(response.statusCode, 404);
      assert.equal(await snapshot(harness.store), before);
      assert.equal(fake.requests.length, 0);
    });

    for (const [workflowId, message] of [
      ['wf-throws', /^The workflow failed: the CRM said no$/],
      ['wf-hangs', /did not finish within 1 s/],
      ['wf-junk', /not JSON/],
    ] as const) {
      it(`fails only its own run when the module ${workflowId.slice(3)}, and records why`, async () => {
        await enable('bob', workflowId, (await installApiKey(harness, 'bob', `bob-${workflowId}`)).id);
        const credential = (await harness.as('bob', { method: 'GET', url: sdkPath('/credentials') })).json().at(-1) as ConnectCredential;
        const response = await trigger('bob', workflowId, credential.id);
        assert.equal(response.statusCode, 502);
        assert.equal(response.json().error.code, 'workflow_failed');
        assert.match(response.json().error.message, message);
        const [run] = await runsOf('bob', credential.id);
        assert.equal(run!.status, 'failed');
        assert.match(`The workflow failed: ${run!.error}`, message);
        // The server goes on: another workflow runs at once.
        await enable('bob', 'wf-echo', credential.id);
        assert.equal((await trigger('bob', 'wf-echo', credential.id)).statusCode, 200);
      });
    }
  });

  describe('queued triggers', () => {
    it('an app event runs every listening workflow once per account that turned it on', async () => {
      const carolFirst = await installApiKey(harness, 'carol', 'carol-key-1');
      const carolSecond = await installApiKey(harness, 'carol', 'carol-key-2');
      await installApiKey(harness, 'carol', 'carol-key-3'); // connected, the workflow left off
      await enable('carol', 'wf-signup', carolFirst.id);
      await enable('carol', 'wf-signup', carolSecond.id);
      await enable('alice', 'wf-signup', first.id); // another user's account, listening too
      const response = await harness.as('carol', {
        method: 'POST',
        url: `/v2${sdkPath('/events/trigger')}`,
        payload: { name: 'user.signup', payload: { name: 'Ada' } },
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().runs.length, 2);
      for (const credential of [carolFirst, carolSecond]) {
        const runs = await waitForRuns('carol', credential.id, (list) => list[0]?.status === 'succeeded');
        assert.deepEqual(
          runs.map((run) => [run.trigger, run.status]),
          [['event', 'succeeded']],
        );
      }
      if (STORE_KIND === 'postgresql') {
        // On PostgreSQL the runs went through pg-boss's job table, each job completed once.
        const { rows } = await sql<{
          state: string;
          count: string;
        }>`select state, count(*) from pgboss.job where name = 'workflow-runs' group by state`.execute(harness.store);
        assert.ok(
          rows.some((row) => row.state === 'completed' && Number(row.count) >= 2),
          JSON.stringify(rows),
        );
      }
      const posted = fake.requests
        .filter((request) => request.method === 'POST')
        .map((request) => JSON.parse(request.body) as { account: string; name: string });
      assert.deepEqual(posted.map((body) => body.account).sort(), [carolFirst.id, carolSecond.id].sort());
      // Carol's event ran nothing of Alice's.
      assert.deepEqual(
        (await runsOf('alice', first.id)).filter((run) => run.workflowId === 'wf-signup'),
        [],
      );
      assert.ok(posted.every((body) => body.name === 'Ada'));
    });

    it('an event with X-Paragon-Credential runs for that account only', async () => {
      const dave = [await installApiKey(harness, 'dave', 'dave-1'), await installApiKey(harness, 'dave', 'dave-2')];
      for (const credential of dave) await enable('dave', 'wf-signup', credential.id);
      const response = await harness.as('dave', {
        method: 'POST',
        url: `/v2${sdkPath('/events/trigger')}`,
        headers: { 'x-paragon-credential': dave[1]!.id },
        payload: { name: 'user.signup', payload: {} },
      });
      assert.equal(response.json().runs.length, 1);
      assert.equal((await waitForRuns('dave', dave[1]!.id, (runs) => runs[0]?.status === 'succeeded'))[0]!.status, 'succeeded');
      assert.deepEqual(await runsOf('dave', dave[0]!.id), []);
    });

    it("an event names its account as every route does: by ext:externalId too, and refuses one not the caller's", async () => {
      const install = async (apiKey: string, externalId: string) => {
        const response = await harness.as('olivia', {
          method: 'POST',
          url: sdkPath('/credentials'),
          payload: { integrationId: 'int-crm', payload: { API_KEY: apiKey }, installOptions: { externalId } },
        });
        assert.equal(response.statusCode, 201, response.body);
        return response.json() as ConnectCredential;
      };
      const [north, south] = [await install('olivia-1', 'north'), await install('olivia-2', 'south')];
      for (const credential of [north, south]) await enable('olivia', 'wf-signup', credential.id);
      const event = (credential: string, sub = 'olivia') =>
        harness.as(sub, {
          method: 'POST',
          url: `/v2${sdkPath('/events/trigger')}`,
          headers: { 'x-paragon-credential': credential },
          payload: { name: 'user.signup', payload: { name: 'Grace' } },
        });

      const response = await event('ext:south');
      assert.equal(response.statusCode, 200, response.body);
      const [runId] = response.json().runs as string[];
      const runs = await waitForRuns('olivia', south.id, (list) => list[0]?.status === 'succeeded');
      assert.deepEqual(
        runs.map((run) => [run.id, run.workflowId, run.credentialId, run.status]),
        [[runId, 'wf-signup', south.id, 'succeeded']],
      );
      assert.deepEqual(await runsOf('olivia', north.id), []);
      const posted = fake.requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(request.body) as { account: string });
      assert.deepEqual(
        posted.map((body) => body.account),
        [south.id],
      );

      // What names no account of the caller's is the same 404 as on every other route, and queues nothing.
      const before = await snapshot(harness.store);
      for (const [credential, sub] of [
        ['ext:nowhere', 'olivia'],
        ['nowhere', 'olivia'],
        [north.id, 'mallory'],
        ['ext:north', 'mallory'],
      ] as const) {
        const refused = await event(credential, sub);
        assert.equal(refused.statusCode, 404, `${sub} ${credential}`);
        assert.deepEqual(refused.json().error, {
          code: 'credential_not_found',
          message: `You have no credential "${credential}".`,
          field: 'X-Paragon-Credential',
        });
      }
      assert.equal(await snapshot(harness.store), before);
      // Each refusal is written down as a denial, like every other route's.
      const denials = [...(await auditOf(harness.store, 'olivia')), ...(await auditOf(harness.store, 'mallory'))]
        .filter((entry) => entry.action === 'workflow.event')
        .map((entry) => [entry.target, entry.outcome]);
      assert.deepEqual(
        denials.sort(),
        [
          ['ext:nowhere', 'denied'],
          ['nowhere', 'denied'],
          [north.id, 'denied'],
          ['ext:north', 'denied'],
        ].sort(),
      );
    });

    it('retries a failed queued run, and a run out of attempts is dead with its error', async () => {
      const erin = await installApiKey(harness, 'erin', 'erin-1');
      await enable('erin', 'wf-flaky', erin.id);
      await enable('erin', 'wf-doomed', erin.id);
      for (const name of ['flaky', 'doomed'])
        await harness.as('erin', { method: 'POST', url: `/v2${sdkPath('/events/trigger')}`, payload: { name } });
      const runs = await waitForRuns(
        'erin',
        erin.id,
        (list) => list.length === 2 && list.every((run) => run.status === 'succeeded' || run.status === 'dead'),
        15,
      );
      const byWorkflow = Object.fromEntries(runs.map((run) => [run.workflowId, run]));
      assert.deepEqual([byWorkflow['wf-flaky']!.status, byWorkflow['wf-flaky']!.attempts], ['succeeded', 2]);
      assert.deepEqual([byWorkflow['wf-doomed']!.status, byWorkflow['wf-doomed']!.attempts, byWorkflow['wf-doomed']!.error], ['dead', 2, 'always']);
    });

    it('turning a workflow on runs its integrationEnabled trigger for that account', async () => {
      const frank = await installApiKey(harness, 'frank', 'frank-1');
      await enable('frank', 'wf-enabled', frank.id);
      const runs = await waitForRuns('frank', frank.id, (list) => list[0]?.status === 'succeeded');
      assert.deepEqual(
        runs.map((run) => [run.workflowId, run.trigger, run.status]),
        [['wf-enabled', 'integrationEnabled', 'succeeded']],
      );
    });

    it('a webhook URL runs the workflow for its account; a wrong token is a 404 and runs nothing', async () => {
      const grace = await installApiKey(harness, 'grace', 'grace-1');
      const other = await installApiKey(harness, 'grace', 'grace-2');
      await enable('grace', 'wf-hook', grace.id);
      const urlResponse = await harness.as('grace', {
        method: 'GET',
        url: sdkPath('/workflows/wf-hook/webhook-url'),
        headers: { 'x-paragon-credential': grace.id },
      });
      assert.equal(urlResponse.statusCode, 200, urlResponse.body);
      const url = new URL(urlResponse.json().url as string);
      assert.equal(url.pathname, `/triggers/connect/${PROJECT_ID}/int-crm/custom-triggers/wf-hook`);
      assert.equal(url.searchParams.get('id'), grace.id);

      const wrong = new URL(url);
      wrong.searchParams.set('token', `${url.searchParams.get('token')!.slice(0, -2)}xx`);
      const forged = new URL(url);
      forged.searchParams.set('id', other.id); // the token is for the first account only
      await enable('alice', 'wf-hook', first.id);
      const anotherUsers = new URL(url);
      anotherUsers.searchParams.set('id', first.id); // nor for another user's account
      const before = await snapshot(harness.store);
      for (const attempt of [wrong, forged, anotherUsers]) {
        const response = await harness.app.inject({ method: 'POST', url: `${attempt.pathname}${attempt.search}`, payload: { name: 'Forged' } });
        assert.equal(response.statusCode, 404, attempt.href);
      }
      assert.equal(await snapshot(harness.store), before);
      assert.deepEqual(await runsOf('grace', other.id), []);
      assert.deepEqual(
        (await runsOf('alice', first.id)).filter((run) => run.workflowId === 'wf-hook'),
        [],
      );

      const response = await harness.app.inject({ method: 'POST', url: `${url.pathname}${url.search}&extra=1`, payload: { name: 'Hooked' } });
      assert.equal(response.statusCode, 202, response.body);
      const runs = await waitForRuns('grace', grace.id, (list) => list[0]?.status === 'succeeded');
      // Only the right token's request made a run: the forged ones left no row anywhere.
      assert.deepEqual(
        runs.map((run) => [run.trigger, run.status]),
        [['webhook', 'succeeded']],
      );
    });

    it('two instances on one PostgreSQL database share the queue and run each of many runs once', { skip: STORE_KIND !== 'postgresql' }, async () => {
      const ivan = await installApiKey(harness, 'ivan', 'ivan-1');
      await enable('ivan', 'wf-signup', ivan.id);
      const second = await anotherServer(harness);
      const RUNS = 40;
      const token = await harness.token('ivan');
      const names = Array.from({ length: RUNS }, (_, index) => `contact-${index}`);
      try {
        const ids = await Promise.all(
          names.map(async (name, index) => {
            const app = index % 2 === 0 ? harness.app : second;
            const response = await app.inject({
              method: 'POST',
              url: `/v2${sdkPath('/events/trigger')}`,
              headers: { authorization: `Bearer ${token}` },
              payload: { name: 'user.signup', payload: { name } },
            });
            assert.equal(response.statusCode, 200, response.body);
            return (response.json() as { runs: string[] }).runs;
          }),
        );
        assert.equal(new Set(ids.flat()).size, RUNS);
        const runs = await waitForRuns('ivan', ivan.id, (list) => list.length === RUNS && list.every((run) => run.status === 'succeeded'), 20);
        assert.deepEqual(
          runs.map((run) => [run.status, run.attempts]),
          names.map(() => ['succeeded', 1]),
        );
      } finally {
        await second.close();
      }
      const posted = fake.requests
        .filter((request) => request.method === 'POST')
        .map((request) => JSON.parse(request.body) as { account: string; name: string })
        .filter((body) => body.account === ivan.id)
        .map((body) => body.name);
      // Each run called the API exactly once: none ran twice, none was lost.
      assert.deepEqual(posted.sort(), [...names].sort());
    });
  });

  describe('schedule', () => {
    it('runs each tick once per account that turned it on, with two instances on one store', async () => {
      const heidi = await installApiKey(harness, 'heidi', 'heidi-1');
      const idle = await installApiKey(harness, 'heidi', 'heidi-2');
      await enable('heidi', 'wf-tick', heidi.id);
      const second = await anotherServer(harness);
      try {
        await new Promise((resolve) => setTimeout(resolve, 5000));
      } finally {
        await second.close();
      }
      const runs = await runsOf('heidi', heidi.id);
      assert.ok(runs.length >= 2, `${runs.length} ticks ran`);
      const ticks = runs.map((run) => run.dateCreated);
      assert.equal(new Set(runs.map((run) => run.id)).size, runs.length);
      assert.ok(ticks.length <= 3, `at most one run per 2 s tick in 5 s (${ticks.length})`);
      assert.deepEqual(await runsOf('heidi', idle.id), []);
    });
  });

  it('a run cut off by a stopped instance is queued again (or ended) by the next one, and a run still in time is left alone', async () => {
    const kim = await installApiKey(harness, 'kim', 'kim-1');
    await enable('kim', 'wf-resumed', kim.id);
    const longAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    const row = (id: string, workflowId: string, trigger: 'event' | 'request', attempts: number, startedAt: string) => ({
      id,
      project_id: PROJECT_ID,
      user_id: 'kim',
      credential_id: kim.id,
      integration_type: 'int-crm',
      workflow_id: workflowId,
      trigger,
      status: 'running' as const,
      attempts,
      input: JSON.stringify({ name: 'resumed', payload: { name: 'Resumed' } }),
      created_at: startedAt,
      started_at: startedAt,
    });
    const ids = {
      resumed: '10000000-0000-4000-8000-000000000001',
      spent: '10000000-0000-4000-8000-000000000002',
      request: '10000000-0000-4000-8000-000000000003',
      inTime: '10000000-0000-4000-8000-000000000004',
    };
    await harness.store
      .insertInto('workflow_runs')
      .values([
        row(ids.resumed, 'wf-resumed', 'event', 1, longAgo),
        row(ids.spent, 'wf-resumed', 'event', 2, longAgo),
        row(ids.request, 'wf-echo', 'request', 1, longAgo),
        row(ids.inTime, 'wf-resumed', 'event', 1, new Date().toISOString()),
      ])
      .execute();
    // The next instance to start sweeps (on PostgreSQL every instance also sweeps each minute).
    const next = await anotherServer(harness);
    try {
      // On SQLite the in-time run is queued again too, and may finish after the resumed one.
      const settled = STORE_KIND === 'postgresql' ? [ids.resumed] : [ids.resumed, ids.inTime];
      const runs = await waitForRuns('kim', kim.id, (list) => settled.every((id) => list.find((run) => run.id === id)?.status === 'succeeded'));
      const byId = Object.fromEntries(runs.map((run) => [run.id, run]));
      assert.deepEqual([byId[ids.resumed]!.status, byId[ids.resumed]!.attempts], ['succeeded', 2]);
      assert.deepEqual([byId[ids.spent]!.status, byId[ids.spent]!.error], ['dead', 'The server running it stopped before the run finished.']);
      assert.deepEqual([byId[ids.request]!.status, byId[ids.request]!.attempts], ['failed', 1]);
      // On PostgreSQL another instance may still be running it; on SQLite (one instance) nothing is.
      assert.equal(byId[ids.inTime]!.status, STORE_KIND === 'postgresql' ? 'running' : 'succeeded');
    } finally {
      await next.close();
    }
  });

  it('pages the task history newest first without skipping runs made in the same millisecond', async () => {
    const judy = await installApiKey(harness, 'judy', 'judy-1');
    const at = '2026-01-01T00:00:00.000Z';
    const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];
    await harness.store
      .insertInto('workflow_runs')
      .values(
        [...ids, '00000000-0000-4000-8000-000000000000'].map((id, index) => ({
          id,
          project_id: PROJECT_ID,
          user_id: 'judy',
          credential_id: judy.id,
          integration_type: 'int-crm',
          workflow_id: 'wf-signup',
          trigger: 'event',
          status: 'succeeded',
          attempts: 1,
          input: '{}',
          created_at: index < ids.length ? at : '2025-12-31T23:59:59.999Z',
        })),
      )
      .execute();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`;
      const response = await harness.as('judy', { method: 'GET', url: sdkPath(`/credentials/${judy.id}/runs${query}`) });
      assert.equal(response.statusCode, 200, response.body);
      const page = response.json() as { runs: WorkflowRun[]; nextCursor: string | null };
      seen.push(...page.runs.map((run) => run.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...[...ids].reverse(), '00000000-0000-4000-8000-000000000000']);
    const bad = await harness.as('judy', { method: 'GET', url: sdkPath(`/credentials/${judy.id}/runs?before=a~b~c`) });
    assert.equal(bad.statusCode, 400, bad.body);
  });

  it("keeps task history per user: another user asking for an account's runs gets a 404", async () => {
    const response = await harness.as('mallory', { method: 'GET', url: sdkPath(`/credentials/${second.id}/runs`) });
    assert.equal(response.statusCode, 404);
  });
});
