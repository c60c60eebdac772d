/**
 * `npm test`: type-check, check the formatting, lint, check that custom-elements.json is up to
 * date, build, then every test runner in turn (server tests on a real SQLite
 * file, and again on PostgreSQL when `DATABASE_URL` is set; the demo's sandbox OAuth provider;
 * component tests in Chromium;
 * end-to-end tests against the real servers), and finally one line that sums them all:
 * `N passed, N failed`. It also lands in test-results/summary.txt.
 *
 * Exits non-zero if any step fails, even one whose runner counted no failed test (a test file
 * that cannot be imported, for instance).
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { findChromium } from './chromium.mjs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  /** Reads the runner's own counts from what it printed; absent for steps that are not tests. */
  count?: (output: string) => Promise<Counts>;
}

/** Runs a command, echoing its output, and returns its exit code and what it printed. */
function run(command: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const lastMatch = (output: string, pattern: RegExp) => [...output.matchAll(pattern)].at(-1);

/** node --test, spec reporter: "ℹ pass 42" and "ℹ fail 0". */
async function nodeTestCounts(output: string): Promise<Counts> {
  const number = (label: string) => Number(lastMatch(output, new RegExp(`ℹ ${label} (\\d+)`, 'g'))?.[1] ?? 0);
  return { passed: number('pass'), failed: number('fail') + number('cancelled'), skipped: number('skipped') + number('todo') };
}

/** web-test-runner: "... | 35 passed, 0 failed". */
async function webTestRunnerCounts(output: string): Promise<Counts> {
  const match = lastMatch(output, /(\d+) passed, (\d+) failed/g);
  return { passed: Number(match?.[1] ?? 0), failed: Number(match?.[2] ?? 0), skipped: 0 };
}

/** Playwright: the JSON report's stats. */
async function playwrightCounts(): Promise<Counts> {
  try {
    const { stats } = JSON.parse(await readFile('test-results/e2e.json', 'utf8')) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    };
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
  } catch {
    return { passed: 0, failed: 0, skipped: 0 };
  }
}

const line = ({ passed, failed, skipped }: Counts) => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;

async function main(): Promise<number> {
  const chromium = findChromium(); // fails here, saying what to install, before any browser step
  const serverTests = (await readdir('server/test')).filter((file) => file.endsWith('.test.ts')).map((file) => `server/test/${file}`);
  const bin = (name: string) => `node_modules/.bin/${name}`;
  const steps: Step[] = [
    { name: 'typecheck', command: [bin('tsc'), '-p', 'tsconfig.json'] },
    { name: 'format', command: [bin('prettier'), '--check', '.'] },
    // Cached per working copy in node_modules/.cache/eslint/ (by content, so a branch switch keeps it).
    { name: 'lint', command: [bin('eslint'), '--cache', '--cache-location', 'node_modules/.cache/eslint/', '--cache-strategy', 'content', '.'] },
    { name: 'manifest', command: ['node', 'scripts/check-manifest.mjs'] },
    { name: 'build', command: ['node', '--import', 'tsx', 'scripts/build.ts'] },
    {
      name: 'server (sqlite)',
      command: ['node', '--import', 'tsx', '--test', '--test-reporter=spec', ...serverTests],
      // The SQLite run must not inherit a DATABASE_URL meant for the PostgreSQL run.
      env: { DATABASE_URL: '' },
      count: nodeTestCounts,
    },
    {
      name: 'host bridge (node)',
      command: ['node', '--import', 'tsx', '--test', '--test-reporter=spec', 'host-bridge/test/server-import.test.ts'],
      count: nodeTestCounts,
    },
    {
      name: 'sandbox provider',
      command: ['node', '--import', 'tsx', '--test', '--test-reporter=spec', 'demo/sandbox-provider/sandbox-provider.test.ts'],
      count: nodeTestCounts,
    },
    ...(process.env.DATABASE_URL
      ? [
          {
            name: 'server (postgresql)',
            command: ['node', '--import', 'tsx', '--test', '--test-reporter=spec', ...serverTests],
            count: nodeTestCounts,
          },
        ]
      : []),
    {
      name: 'components',
      // Through tsx: the config starts the real Connect server the components talk to.
      command: ['node', '--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js'],
      env: { CI: 'true', CHROMIUM_PATH: chromium },
      count: webTestRunnerCounts,
    },
    {
      name: 'e2e',
      command: [bin('playwright'), 'test', '--reporter=list,json'],
      env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' },
      count: playwrightCounts,
    },
  ];

  await mkdir('test-results', { recursive: true });
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const report: string[] = [];
  let failedSteps = 0;
  for (const step of steps) {
    console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
    const { code, output } = await run(step.command, step.env);
    if (code !== 0) failedSteps += 1;
    if (!step.count) {
      report.push(`${step.name}: ${code === 0 ? 'ok' : `failed (exit ${code})`}`);
      continue;
    }
    const counts = await step.count(output);
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
    report.push(`${step.name}: ${line(counts)}${code !== 0 && counts.failed === 0 ? ` (but exit ${code})` : ''}`);
  }
  // A step that failed without a failed test (it could not run) still counts as one failure.
  const summary = line({ ...total, failed: Math.max(total.failed, failedSteps) });
  console.log(`\n${report.join('\n')}\n${summary}`);
  await writeFile('test-results/summary.txt', `${summary}\n`);
  return failedSteps === 0 && total.failed === 0 ? 0 : 1;
}

process.exitCode = await main().catch((error: Error) => {
  console.error(error.message);
  return 1;
});
