// The `manifest` step of `npm test`: fails when the committed custom-elements.json is not what
// `npm run analyze` writes from the sources as they are now. It runs the same analyzer, with the
// same config, into a temporary folder and compares the two files.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const MANIFEST = 'custom-elements.json';

const dir = await mkdtemp(join(tmpdir(), 'custom-elements-'));
try {
  // The analyzer joins --outdir to the working directory, so it gets a relative path.
  const outdir = relative(process.cwd(), dir);
  const analyzer = spawnSync('node_modules/.bin/cem', ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', outdir, '--quiet'], {
    stdio: 'inherit',
  });
  if (analyzer.status !== 0) throw new Error(`The analyzer failed (exit ${analyzer.status ?? analyzer.signal}).`);
  const fresh = await readFile(join(dir, MANIFEST), 'utf8');
  const committed = await readFile(MANIFEST, 'utf8').catch(() => null);
  if (committed === fresh) {
    console.log(`${MANIFEST} is up to date.`);
  } else {
    console.error(`${MANIFEST} is ${committed === null ? 'missing' : 'out of date'}: run \`npm run analyze\` and commit it.`);
    process.exitCode = 1;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
