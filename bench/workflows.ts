/**
 * `npm run bench`: workflows.
 *
 * 1. Request-workflow latency, end to end: `POST /sdk/triggers/:id` (token verified, account and
 *    its settings read, the run recorded, the module run, the run finished) beside an
 *    authenticated `GET /sdk/me` on the same server, one at a time, alternating; p50 and p99.
 * 2. Queue throughput on PostgreSQL (when DATABASE_URL is set): two Connect server instances on
 *    one database, each with its pg-boss workers; events queue one run per account for 50
 *    accounts; runs per second until every run succeeded, and how many ran more than once
 *    (must be 0).
 *
 * Prints figures; never fails on them.
 */
import { Agent, request } from 'node:http';
import { sql } from 'kysely';
import { anotherServer, installApiKey, sdkPath, startHarness, testConfig, type Harness } from '../server/test/harness.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const ACCOUNTS = 50;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10);

const MODULES = {
  'answer.mjs': 'export default async (ctx) => ({ ok: true, account: ctx.credentialId });',
  // Counts its runs in this process, where both instances run: a run done twice shows here.
  'count.mjs': 'export default async (ctx) => { globalThis.benchRuns = (globalThis.benchRuns ?? 0) + 1; return { run: ctx.runId }; };',
};

function benchConfig(): object {
  const config = testConfig() as { projects: { integrations: { workflows?: object[] }[] }[] };
  config.projects[0]!.integrations[0]!.workflows!.push(
    { id: 'wf-answer', description: 'Answers', run: 'answer.mjs', trigger: { type: 'request' } },
    { id: 'wf-count', description: 'Counts', run: 'count.mjs', trigger: { type: 'event', event: 'bench' }, retries: 0 },
  );
  return config;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function timed(url: string, method: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const sent = request(url, { method, agent, headers: { ...headers, ...(body && { 'content-type': 'application/json' }) } }, (response) => {
      response.resume();
      response.on('end', () =>
        response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${url} answered ${response.statusCode}`)),
      );
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

async function enable(harness: Harness, sub: string, workflowId: string, credentialId: string): Promise<void> {
  const response = await harness.as(sub, {
    method: 'POST',
    url: sdkPath(`/workflows/${workflowId}`),
    headers: { 'x-paragon-credential': credentialId },
  });
  if (response.statusCode !== 200) throw new Error(response.body);
}

async function requestLatency(store: string): Promise<void> {
  const harness = await startHarness({ config: benchConfig(), files: MODULES, rateLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } });
  try {
    const credential = await installApiKey(harness, 'bench', 'bench-key');
    await enable(harness, 'bench', 'wf-answer', credential.id);
    const url = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const headers = { authorization: `Bearer ${await harness.token('bench')}` };
    const trigger = () => timed(`${url}${sdkPath('/triggers/wf-answer')}`, 'POST', headers, '{}');
    const me = () => timed(`${url}${sdkPath('/me')}`, 'GET', headers);
    for (let index = 0; index < 50; index++) {
      await trigger();
      await me();
    }
    const times = { trigger: [] as number[], me: [] as number[] };
    for (let index = 0; index < CALLS; index++) {
      times.trigger.push(await trigger());
      times.me.push(await me());
    }
    const [t50, t99, m50, m99] = [percentile(times.trigger, 50), percentile(times.trigger, 99), percentile(times.me, 50), percentile(times.me, 99)];
    console.log(
      `request workflow (${store}, ${CALLS} runs): p50 ${t50.toFixed(2)} ms, p99 ${t99.toFixed(2)} ms; ` +
        `GET /sdk/me beside it p50 ${m50.toFixed(2)} ms, p99 ${m99.toFixed(2)} ms; ${(t50 / m50).toFixed(1)}x at p50`,
    );
  } finally {
    await harness.close();
  }
}

async function queueThroughput(): Promise<void> {
  const harness = await startHarness({ config: benchConfig(), files: MODULES, rateLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } });
  const second = await anotherServer(harness);
  try {
    for (let index = 0; index < ACCOUNTS; index++) {
      const credential = await installApiKey(harness, 'bench', `bench-key-${index}`);
      await enable(harness, 'bench', 'wf-count', credential.id);
    }
    const total = ACCOUNTS * EVENTS;
    const started = performance.now();
    // The events arrive at both instances, half each.
    await Promise.all(
      Array.from({ length: EVENTS }, async (_, index) => {
        const app = index % 2 === 0 ? harness.app : second;
        const response = await app.inject({
          method: 'POST',
          url: `/v2${sdkPath('/events/trigger')}`,
          headers: { authorization: `Bearer ${await harness.token('bench')}` },
          payload: { name: 'bench' },
        });
        if (response.statusCode !== 200) throw new Error(response.body);
      }),
    );
    let done = 0;
    while (done < total && performance.now() - started < 120_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const { rows } = await sql<{ count: string }>`select count(*) from workflow_runs where status = 'succeeded'`.execute(harness.store);
      done = Number(rows[0]!.count);
    }
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await sql<{ count: string }>`select count(*) from workflow_runs where attempts > 1`.execute(harness.store);
    const executions = (globalThis as { benchRuns?: number }).benchRuns ?? 0;
    console.log(
      `queue (postgresql, pg-boss, 2 instances): ${done} of ${total} runs in ${seconds.toFixed(2)} s, ${(done / seconds).toFixed(0)} runs/s; ` +
        `module ran ${executions} times for ${total} runs (${executions - total} extra), ${rows[0]!.count} runs with more than one attempt`,
    );
  } finally {
    await second.close();
    await harness.close();
  }
}

const databaseUrl = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
await requestLatency('sqlite');
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  await requestLatency('postgresql');
  await queueThroughput();
}
agent.destroy();
