/**
 * Mixed load with many writers per user and racing deletes, against real server processes
 * (several on one PostgreSQL, or one on SQLite), then a count of acknowledged writes lost.
 *
 * Per user, `writersPerUser` loops run for `seconds`, each picking at random:
 * - a user-metadata write of a key of its own (`PATCH /me`),
 * - a configuration-metadata write of a key of its own (`PATCH …/configurations`),
 * - a workflow toggle or a settings change of the user's lasting account,
 * - a `GET /me`,
 * - an install of a new account, then four writes to it racing its uninstall.
 * Every few hundred milliseconds a checker reads each user's state: every key acknowledged
 * before the read must be there with its value (else it counts as lost); it then removes the
 * checked keys (itself a write racing the others), so metadata stays within its bounds however
 * long the run. At the end every acknowledged install that was not uninstalled must exist, and
 * every uninstalled one must be gone. Requests go round-robin over the instances.
 *
 * `npm run bench` runs it for 60 s on each store (`LOAD_SECONDS`); `server/test/load.test.ts`
 * runs a few seconds of it in `npm test`.
 */
import { pathToFileURL } from 'node:url';
import type { MeResponse } from '../protocol/src/rest.js';
import { INTEGRATION_ID, sdkPath } from '../server/test/harness.js';
import { createServerSite, type ServerProcess } from '../server/test/server-process.js';
import { emitRow } from './table.js';

export interface LoadOptions {
  seconds: number;
  /** Server processes sharing the store (PostgreSQL may have several; SQLite takes one). */
  instances: number;
  users: number;
  writersPerUser: number;
}

export interface LoadFigures {
  store: string;
  instances: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Writes answered 2xx whose effect was then checked. */
  writesAcknowledged: number;
  writesKept: number;
  writesLost: number;
  /** Every 5xx answer, with its body, grouped by text. */
  serverErrors: Record<string, number>;
  /** Statuses seen, with their counts. */
  statuses: Record<number, number>;
}

interface UserState {
  token: string;
  /** The account that stays for the whole run, and its default configuration. */
  credentialId: string;
  configurationId: string;
  /** Acknowledged, not yet checked: key → value. */
  pendingMeta: Map<string, number>;
  pendingConfigMeta: Map<string, number>;
  installed: Set<string>;
  uninstalled: Set<string>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function runMixedLoad(options: LoadOptions): Promise<LoadFigures> {
  const site = await createServerSite();
  const env = { CONNECT_RATE_LIMIT_PER_MINUTE: '100000000' };
  const servers: ServerProcess[] = [];
  for (let index = 0; index < options.instances; index += 1) servers.push(await site.start(env));
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const serverErrors: Record<string, number> = {};
  let turn = 0;
  let acknowledged = 0;
  let kept = 0;
  let lost = 0;

  async function call(user: UserState, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const base = servers[turn++ % servers.length]!.url;
    const started = performance.now();
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    latencies.push(performance.now() - started);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    if (response.status >= 500) serverErrors[`${response.status} ${text}`] = (serverErrors[`${response.status} ${text}`] ?? 0) + 1;
    return { status: response.status, json: () => JSON.parse(text) as never };
  }

  async function newUser(index: number): Promise<UserState> {
    const token = await site.token(`load-user-${index}`);
    const user = { token } as UserState;
    const installed = await call(user, 'POST', sdkPath('/credentials'), { integrationId: INTEGRATION_ID, payload: { API_KEY: `lasting-${index}` } });
    const credential = installed.json() as { id: string; configurations: { id: string }[] };
    return {
      token,
      credentialId: credential.id,
      configurationId: credential.configurations[0]!.id,
      pendingMeta: new Map(),
      pendingConfigMeta: new Map(),
      installed: new Set([credential.id]),
      uninstalled: new Set(),
    };
  }

  let sequence = 0;
  const operations: ((user: UserState) => Promise<unknown>)[] = [
    async (user) => {
      const key = `m${sequence++}`;
      const value = sequence;
      if ((await call(user, 'PATCH', sdkPath('/me'), { meta: { [key]: value } })).status === 200) user.pendingMeta.set(key, value);
    },
    async (user) => {
      const key = `c${sequence++}`;
      const value = sequence;
      const answer = await call(
        user,
        'PATCH',
        sdkPath(`/credentials/${user.credentialId}/configurations`),
        { meta: { [key]: value } },
        {
          'x-paragon-configuration-id': user.configurationId,
        },
      );
      if (answer.status === 200) user.pendingConfigMeta.set(key, value);
    },
    (user) =>
      call(user, Math.random() < 0.5 ? 'POST' : 'DELETE', sdkPath('/workflows/wf-a'), undefined, { 'x-paragon-credential': user.credentialId }),
    (user) => call(user, 'PATCH', sdkPath(`/credentials/${user.credentialId}`), { config: { sharedSettings: { limit: sequence++ } } }),
    (user) => call(user, 'GET', sdkPath('/me')),
    async (user) => {
      const installed = await call(user, 'POST', sdkPath('/credentials'), {
        integrationId: INTEGRATION_ID,
        payload: { API_KEY: `short-${sequence++}` },
      });
      if (installed.status !== 201) return;
      const { id } = installed.json() as { id: string };
      user.installed.add(id);
      const selected = { 'x-paragon-credential': id };
      const [uninstall] = await Promise.all([
        call(user, 'DELETE', sdkPath('/integrations/crm'), undefined, selected),
        call(user, 'PATCH', sdkPath(`/credentials/${id}`), { config: { sharedSettings: { pipeline: 'racing' } } }),
        call(user, 'POST', sdkPath(`/credentials/${id}/configurations`), {}),
        call(user, 'POST', sdkPath('/workflows/wf-b'), undefined, selected),
        call(user, 'PATCH', sdkPath(`/credentials/${id}`), { config: { workflowSettings: { 'wf-c': { enabled: true } } } }),
      ]);
      if (uninstall.status === 200) user.uninstalled.add(id);
    },
  ];

  /** Checks every key acknowledged so far against the stored state, then removes them. */
  async function check(user: UserState): Promise<void> {
    const meta = new Map(user.pendingMeta);
    const configMeta = new Map(user.pendingConfigMeta);
    const answer = await call(user, 'GET', sdkPath('/me'));
    if (answer.status !== 200) return;
    const me = answer.json() as MeResponse;
    const stored = me.integrations.crm!.allCredentials.find((credential) => credential.id === user.credentialId)!;
    const storedConfigMeta = stored.configurations.find((configuration) => configuration.id === user.configurationId)!.configMeta;
    for (const [pending, seen, storedValues] of [
      [meta, user.pendingMeta, me.meta],
      [configMeta, user.pendingConfigMeta, storedConfigMeta],
    ] as const) {
      for (const [key, value] of pending) {
        acknowledged += 1;
        if (storedValues[key] === value) kept += 1;
        else lost += 1;
        seen.delete(key);
      }
    }
    const clear = (keys: Iterable<string>) => Object.fromEntries([...keys].map((key) => [key, null]));
    if (meta.size > 0) await call(user, 'PATCH', sdkPath('/me'), { meta: clear(meta.keys()) });
    if (configMeta.size > 0) {
      await call(
        user,
        'PATCH',
        sdkPath(`/credentials/${user.credentialId}/configurations`),
        { meta: clear(configMeta.keys()) },
        {
          'x-paragon-configuration-id': user.configurationId,
        },
      );
    }
  }

  try {
    const users = await Promise.all(Array.from({ length: options.users }, (_, index) => newUser(index)));
    latencies.length = 0;
    const deadline = Date.now() + options.seconds * 1000;
    const started = performance.now();
    await Promise.all(
      users.flatMap((user) => [
        ...Array.from({ length: options.writersPerUser }, async () => {
          while (Date.now() < deadline) await operations[Math.floor(Math.random() * operations.length)]!(user);
        }),
        (async () => {
          while (Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 300));
            await check(user);
          }
        })(),
      ]),
    );
    const elapsed = (performance.now() - started) / 1000;
    const requests = latencies.length;
    for (const user of users) {
      await check(user);
      const me = (await call(user, 'GET', sdkPath('/me'))).json() as MeResponse;
      const stored = new Set(me.integrations.crm!.allCredentials.map((credential) => credential.id));
      for (const id of user.installed) {
        acknowledged += 1;
        if (stored.has(id) !== user.uninstalled.has(id)) kept += 1;
        else lost += 1;
      }
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      store: site.databaseUrl ? 'postgresql' : 'sqlite',
      instances: options.instances,
      seconds: options.seconds,
      requests,
      requestsPerSecond: requests / elapsed,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      writesAcknowledged: acknowledged,
      writesKept: kept,
      writesLost: lost,
      serverErrors,
      statuses,
    };
  } finally {
    await site.remove();
  }
}

export function describeLoad(figures: LoadFigures): string {
  const fivexx = Object.values(figures.serverErrors).reduce((sum, count) => sum + count, 0);
  return [
    `${figures.store}, ${figures.instances} instance(s), ${figures.seconds} s:`,
    `${figures.requests} requests, ${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.p50Ms.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms;`,
    `writes acknowledged ${figures.writesAcknowledged}, kept ${figures.writesKept}, lost ${figures.writesLost}; 5xx ${fivexx}`,
    `(statuses ${JSON.stringify(figures.statuses)})`,
  ].join(' ');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const stores = [{ databaseUrl: '', instances: 1 }, ...(process.env.DATABASE_URL ? [{ databaseUrl: process.env.DATABASE_URL, instances: 2 }] : [])];
  for (const { databaseUrl, instances } of stores) {
    process.env.DATABASE_URL = databaseUrl;
    const figures = await runMixedLoad({ seconds, instances, users: 8, writersPerUser: 6 });
    console.log(describeLoad(figures));
    const name = `mixed load ${seconds} s, ${figures.store}, ${instances} instance(s)`;
    emitRow({ figure: name, unit: 'ms', median: figures.p50Ms, p99: figures.p99Ms });
    emitRow({ figure: `${name}: throughput`, unit: 'req/s', median: figures.requestsPerSecond });
    emitRow({ figure: `${name}: acknowledged writes lost (of ${figures.writesAcknowledged})`, unit: 'count', median: figures.writesLost, budget: 0 });
  }
}
