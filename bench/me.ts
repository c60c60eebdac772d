/**
 * `npm run bench`: GET /sdk/me for a user with 20 credentials, 64 concurrent connections, on
 * SQLite (and PostgreSQL when DATABASE_URL is set), beside a bare Fastify route measured in the
 * same run. Each target is loaded BENCH_RUNS times for BENCH_SECONDS; the medians are printed,
 * with the ratio to the bare route. `sqlite-uncached` shows the first request of a session (or the
 * first after a write): nothing reused, every row read and serialized. Budget (docs/architecture.md): on SQLite ≥ 5,000 req/s and
 * p99 ≤ 25 ms. This prints figures; it never fails on them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { emitRow } from './table.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNECTIONS = 64;

interface Target {
  url: string;
  path: string;
  token: string;
}

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

function start(kind: string): Promise<{ child: ChildProcess; target: Target }> {
  const child = spawn('node', ['--import', 'tsx', 'bench/target.ts', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench target ${kind} exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ child, target: JSON.parse(line) as Target }));
  });
}

async function load({ url, path, token }: Target): Promise<Figures> {
  const result = await autocannon({
    url: `${url}${path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(kind: string): Promise<Figures> {
  const { child, target } = await start(kind);
  try {
    await autocannon({
      url: `${target.url}${target.path}`,
      connections: CONNECTIONS,
      duration: 1,
      headers: target.token ? { authorization: `Bearer ${target.token}` } : {},
    }); // warm-up
    const runs: Figures[] = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await load(target));
    return {
      requestsPerSecond: median(runs.map((figures) => figures.requestsPerSecond)),
      p50: median(runs.map((figures) => figures.p50)),
      p99: median(runs.map((figures) => figures.p99)),
      errors: runs.reduce((sum, figures) => sum + figures.errors, 0),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

const kinds = ['bare', 'preserialized', 'sqlite', 'sqlite-uncached', ...(process.env.DATABASE_URL ? ['postgresql', 'postgresql-uncached'] : [])];
const results = new Map<string, Figures>();
for (const kind of kinds) results.set(kind, await measure(kind));

const bare = results.get('bare')!;
console.log(`\nGET /sdk/me, 20 credentials, ${CONNECTIONS} connections, median of ${RUNS} × ${SECONDS} s\n`);
console.log('target            req/s   p50 ms   p99 ms   vs bare   errors');
for (const [kind, figures] of results) {
  const ratio = kind === 'bare' ? '1.00' : (figures.requestsPerSecond / bare.requestsPerSecond).toFixed(2);
  console.log(
    `${kind.padEnd(16)} ${figures.requestsPerSecond.toFixed(0).padStart(7)} ${String(figures.p50).padStart(8)} ${String(figures.p99).padStart(8)} ${ratio.padStart(9)} ${String(figures.errors).padStart(8)}`,
  );
}
const sqlite = results.get('sqlite')!;
console.log(
  `\nbudget (SQLite): ≥ 5000 req/s and p99 ≤ 25 ms: ${sqlite.requestsPerSecond >= 5000 && sqlite.p99 <= 25 ? 'met' : 'NOT met'} ` +
    `(${sqlite.requestsPerSecond.toFixed(0)} req/s, p99 ${sqlite.p99} ms)`,
);

const floor = results.get('preserialized')!;
for (const [kind, figures] of results) {
  if (kind === 'bare' || kind === 'preserialized') continue;
  const uncached = kind.endsWith('-uncached');
  const cached = results.get(kind.replace('-uncached', ''))!;
  emitRow({
    figure: `GET /sdk/me ${uncached ? 'uncached' : 'cached'}, ${kind.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'}`,
    unit: 'req/s',
    median: figures.requestsPerSecond,
    ...(uncached
      ? { baseline: cached.requestsPerSecond, baselineName: 'cached, same store' }
      : { baseline: floor.requestsPerSecond, baselineName: 'Fastify, same body pre-serialized' }),
    ...(kind === 'sqlite' ? { budget: 5000, budgetIsFloor: true } : {}),
  });
  emitRow({
    figure: `GET /sdk/me ${uncached ? 'uncached' : 'cached'}, ${kind.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'} latency`,
    unit: 'ms',
    median: figures.p50,
    p99: figures.p99,
    ...(kind === 'sqlite' ? { budget: 25 } : {}),
  });
}
emitRow({
  figure: 'Fastify, /me body pre-serialized (floor)',
  unit: 'req/s',
  median: floor.requestsPerSecond,
  baseline: bare.requestsPerSecond,
  baselineName: 'bare Fastify route',
});
