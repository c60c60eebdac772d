/**
 * Builds every bundle (see vite.config.ts), prints the min+gzip size of each file that ships,
 * and fails when one is over its limit, or when any shipped file evaluates a string as code.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { TARGETS } from '../vite.config.js';
import { precompress } from './precompress.js';

/**
 * What a page loads, min+gzip: `goal` is the budget the build reports against; above `limit` the
 * build fails. The host bridge counts as both of its forms (a `<script>` tag's file and the ES
 * module); the portal as each file a page loads for it.
 */
export const BUDGETS = [
  { name: 'host-bridge (script)', file: 'dist/host-bridge/paragon.iife.js', goal: 5 * 1024, limit: 5.5 * 1024 },
  { name: 'host-bridge (module)', file: 'dist/host-bridge/paragon.js', goal: 5 * 1024, limit: 5.5 * 1024 },
  { name: 'portal (script)', file: 'dist/portal/paragon-connect-portal.iife.js', goal: 40 * 1024, limit: 40 * 1024 },
  { name: 'portal (module)', file: 'dist/portal/paragon-connect-portal.js', goal: 40 * 1024, limit: 40 * 1024 },
  { name: 'portal (frame)', file: 'dist/portal/frame.js', goal: 40 * 1024, limit: 40 * 1024 },
  // Loaded on first use only; it borrows the portal's Lit (portal/src/file-picker/file-picker.ts).
  { name: 'file picker (lazy)', file: 'dist/portal/file-picker.js', goal: 5 * 1024, limit: 6 * 1024 },
  { name: 'headless (lazy)', file: 'dist/portal/headless-install.js', goal: 2 * 1024, limit: 3 * 1024 },
];

export async function gzipSize(file: string): Promise<{ raw: number; gzip: number }> {
  const bytes = await readFile(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The folders of what a page may load: the host bridge, the portal and its language tables. */
export const SHIPPED_DIRS = ['dist/host-bridge', 'dist/portal'];

/**
 * Code that turns a string into code at run time: `eval(`, and also an indirect `(0,eval)(` (any
 * mention of `eval`), and `new Function(` or `Function(`. A page whose CSP has no
 * `'unsafe-eval'` (as security case 22's does) refuses it, and it is the door injected text would
 * need to become script. Matched anywhere, strings and comments too: a false alarm costs a look,
 * a miss does not.
 */
const EVAL = /\beval\b|\bFunction\s*\(/g;

/**
 * Every script a page may load: each `.js` file under `SHIPPED_DIRS`, recursively, in a stable
 * order (source maps are never run). The budgeted files must be among them, so that an output
 * moved elsewhere cannot slip past the eval check.
 */
export async function shippedScripts(): Promise<string[]> {
  const files: string[] = [];
  for (const dir of SHIPPED_DIRS) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    files.push(...entries.filter((entry) => entry.isFile() && entry.name.endsWith('.js')).map((entry) => join(entry.parentPath, entry.name)));
  }
  const unseen = BUDGETS.filter(({ file }) => !files.includes(file)).map(({ file }) => file);
  if (unseen.length > 0) throw new Error(`The eval check does not see ${unseen.join(', ')}; add its folder to SHIPPED_DIRS.`);
  return files.sort();
}

/**
 * Each use of `eval` or `Function(` in `files`, as `file at offset N: …`: N counts
 * characters from the file's start (a minified file is one long line), then the code around it.
 */
export async function evalUses(files: string[]): Promise<string[]> {
  const uses: string[] = [];
  for (const file of files) {
    const source = await readFile(file, 'utf8');
    for (const match of source.matchAll(EVAL)) {
      const around = source.slice(Math.max(0, match.index - 40), match.index + 40).replace(/\s+/g, ' ');
      uses.push(`${file} at offset ${match.index}: "${match[0]}" in …${around}…`);
    }
  }
  return uses;
}

export async function buildAll(): Promise<void> {
  await rm('dist', { recursive: true, force: true });
  for (const mode of TARGETS) await build({ configFile: 'vite.config.ts', mode });
  const over: string[] = [];
  for (const { name, file, goal, limit } of BUDGETS) {
    const { raw, gzip } = await gzipSize(file);
    const verdict = gzip <= goal ? 'within' : 'OVER';
    console.log(
      `${name.padEnd(21)} ${file}: ${(raw / 1024).toFixed(1)} KB min, ${(gzip / 1024).toFixed(2)} KB min+gzip (${verdict} the ${goal / 1024} KB budget)`,
    );
    if (gzip > limit) over.push(`${name} is ${(gzip / 1024).toFixed(2)} KB min+gzip, over its ${limit / 1024} KB limit`);
  }
  const shipped = await shippedScripts();
  const uses = await evalUses(shipped);
  if (uses.length === 0) console.log(`Checked the ${shipped.length} shipped scripts under ${SHIPPED_DIRS.join(' and ')}: no eval, no Function(.`);
  const problems = [
    ...(over.length > 0 ? [`Bundle size: ${over.join('; ')}.`] : []),
    ...(uses.length > 0 ? [`Shipped code evaluates strings, which a CSP without 'unsafe-eval' refuses: ${uses.join('; ')}.`] : []),
  ];
  if (problems.length > 0) throw new Error(problems.join(' '));
  // What the Connect server sends to browsers that accept brotli or gzip (server/src/routes/portal.ts).
  const compressed = await precompress('dist/portal');
  console.log(`Precompressed ${compressed.length} files under dist/portal (.br, .gz).`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildAll();
