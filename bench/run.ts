/**
 * `npm run bench`: runs every benchmark in bench/ (each file that is not a helper below), one at
 * a time and each in its own process, collects the rows each prints with `emitRow()` (see
 * bench/table.ts), prints them as one table and writes them to bench/results/latest.json with the
 * machine they ran on. A new bench file needs no registration: it only has to emit its rows.
 * PostgreSQL figures are included when DATABASE_URL is set or one answers on 127.0.0.1:5432.
 * `BENCH_ONLY=me,sizes` runs a subset.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { cpus } from 'node:os';
import { formatTable, ROW_PREFIX, type BenchRow } from './table.js';

/** Modules under bench/ that are not benchmarks themselves. */
const HELPERS = new Set(['run.ts', 'table.ts', 'target.ts', 'page-bundle.ts']);
/** Bench files on e2e's fixed ports (the demo config's origins): run under e2e's lock, never beside it. */
const ON_E2E_PORTS = new Set(['bridge.ts']);
/** Sizes first (it builds dist/ for the browser benches), the rest by name. */
const ORDER = ['sizes.ts'];

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
  });

function runFile(file: string, env: NodeJS.ProcessEnv): Promise<{ rows: BenchRow[]; code: number | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const command = ['node', '--import', 'tsx', `bench/${file}`];
    if (ON_E2E_PORTS.has(file)) command.unshift('flock', '/tmp/e2e.lock');
    const child = spawn(command[0]!, command.slice(1), { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const rows: BenchRow[] = [];
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(ROW_PREFIX)) rows.push({ ...(JSON.parse(line.slice(ROW_PREFIX.length)) as BenchRow), source: file });
        else process.stdout.write(`  [${file}] ${line}\n`);
      }
    });
    child.once('exit', (code) => resolve({ rows, code, seconds: (performance.now() - started) / 1000 }));
  });
}

const only = process.env.BENCH_ONLY?.split(',').map((name) => (name.endsWith('.ts') ? name : `${name}.ts`));
const files = (await readdir('bench'))
  .filter((name) => name.endsWith('.ts') && !HELPERS.has(name) && !name.endsWith('.test.ts'))
  .filter((name) => !only || only.includes(name))
  .sort((a, b) => (ORDER.includes(b) ? 1 : 0) - (ORDER.includes(a) ? 1 : 0) || a.localeCompare(b));

const env = { ...process.env };
if (!env.DATABASE_URL && (await reachable(5432))) env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const rows: BenchRow[] = [];
const failures: string[] = [];
const timings: Record<string, number> = {};
for (const file of files) {
  console.log(`\n== bench/${file}`);
  const result = await runFile(file, env);
  timings[file] = Math.round(result.seconds);
  rows.push(...result.rows);
  if (result.code !== 0) failures.push(`bench/${file} exited with ${result.code}`);
  else if (result.rows.length === 0) failures.push(`bench/${file} emitted no rows (see bench/table.ts emitRow)`);
}

const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, postgres: Boolean(env.DATABASE_URL) };
console.log(`\n${formatTable(rows)}\n`);
console.log(`Machine: ${machine.nproc} × ${machine.cpu}, Node ${machine.node}; seconds per file: ${JSON.stringify(timings)}`);
await mkdir('bench/results', { recursive: true });
await writeFile('bench/results/latest.json', JSON.stringify({ date: new Date().toISOString(), machine, timings, failures, rows }, null, 2));
console.log('Written to bench/results/latest.json');
if (failures.length > 0) {
  console.error(`\n${failures.join('\n')}`);
  process.exitCode = 1;
}
