/**
 * Builds every bundle (see vite.config.ts), names each file our own code loads by its content
 * (`frame.<hash>.js`, server/src/portal-files.ts), prints the min+gzip size of each file that
 * ships, and fails when one is over its limit, or when any shipped file evaluates a string as code.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { TARGETS } from '../vite.config.js';
import { CONTENT_NAMED, MANIFEST_FILE, readManifest, type PortalManifest } from '../server/src/portal-files.js';
import { nameByContent } from './content-names.js';
import { precompress } from './precompress.js';

const PORTAL_DIR = 'dist/portal';

/** What host pages load by a fixed name (README, docs/csp.md): served to be revalidated, never renamed. */
const FIXED_NAMES = ['paragon-connect-portal.js', 'paragon-connect-portal.iife.js'];

/**
 * Built first and named by their content: the files the portal's bundles load on first use. The
 * bundles are then built knowing those names (`PORTAL_LAZY_FILES`, portal/src/lazy/), so that a
 * bundle only ever loads the files it was built with.
 */
const LOADED_BY_THE_BUNDLES: readonly string[] = ['locales', 'lazy'];

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
  // These three are content-named (`frame.<hash>.js`): `file` is the name before its hash.
  { name: 'portal (frame)', file: 'dist/portal/frame.js', goal: 40 * 1024, limit: 40 * 1024 },
  // Loaded on first use only; it borrows the portal's Lit (portal/src/file-picker/file-picker.ts).
  { name: 'file picker (lazy)', file: 'dist/portal/file-picker.js', goal: 5 * 1024, limit: 6 * 1024 },
  { name: 'headless (lazy)', file: 'dist/portal/headless-install.js', goal: 2 * 1024, limit: 3 * 1024 },
];

export async function gzipSize(file: string): Promise<{ raw: number; gzip: number }> {
  const bytes = await readFile(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/**
 * Where a budget's `file` is after the build: under its content name if the build gave it one
 * (the manifest in dist/portal), else as it is.
 */
export async function builtFile(file: string, manifest?: PortalManifest): Promise<string> {
  const inPortal = relative(PORTAL_DIR, file);
  if (inPortal.startsWith('..')) return file;
  const named = (manifest ?? (await readManifest(PORTAL_DIR)))?.[inPortal];
  return named ? join(PORTAL_DIR, named) : file;
}

/** Every `.js` file under `dir`, relative to it, in a stable order. */
async function scriptsIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
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
export async function shippedScripts(manifest: PortalManifest): Promise<string[]> {
  const files: string[] = [];
  for (const dir of SHIPPED_DIRS) files.push(...(await scriptsIn(dir)).map((file) => join(dir, file)));
  const budgeted = await Promise.all(BUDGETS.map(({ file }) => builtFile(file, manifest)));
  const unseen = budgeted.filter((file) => !files.includes(file));
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

/**
 * Builds the files loaded on first use, names them by content, builds the rest with those names,
 * and names the framed page's script by content too. Returns the manifest of the names given.
 */
async function buildTargets(): Promise<PortalManifest> {
  await rm('dist', { recursive: true, force: true });
  const manifest: PortalManifest = {};
  for (const mode of TARGETS.filter((target) => LOADED_BY_THE_BUNDLES.includes(target))) await build({ configFile: 'vite.config.ts', mode });
  for (const file of await scriptsIn(PORTAL_DIR)) manifest[file] = await nameByContent(PORTAL_DIR, file);
  // `file-picker` → `./file-picker.<hash>.js`, `locales/de` → `./locales/de.<hash>.js`.
  const lazyFiles = Object.fromEntries(Object.entries(manifest).map(([file, named]) => [file.replace(/\.js$/, ''), `./${named}`]));
  for (const mode of TARGETS.filter((target) => !LOADED_BY_THE_BUNDLES.includes(target))) {
    await build({ configFile: 'vite.config.ts', mode, define: { PORTAL_LAZY_FILES: JSON.stringify(lazyFiles) } });
  }
  // The framed page names its script (server/src/routes/portal.ts), from the manifest.
  manifest['frame.js'] = await nameByContent(PORTAL_DIR, 'frame.js');
  // A file of neither kind (a shared chunk, a new entry) would be cached by a name that does not change with it.
  const stray = (await scriptsIn(PORTAL_DIR)).filter((file) => !FIXED_NAMES.includes(file) && !CONTENT_NAMED.test(file));
  if (stray.length > 0) throw new Error(`${stray.join(', ')} in ${PORTAL_DIR}: neither a fixed name (FIXED_NAMES) nor named by content.`);
  return manifest;
}

export async function buildAll(): Promise<void> {
  const manifest = await buildTargets();
  const over: string[] = [];
  for (const budget of BUDGETS) {
    const { name, goal, limit } = budget;
    const file = await builtFile(budget.file, manifest);
    const { raw, gzip } = await gzipSize(file);
    const verdict = gzip <= goal ? 'within' : 'OVER';
    console.log(
      `${name.padEnd(21)} ${file}: ${(raw / 1024).toFixed(1)} KB min, ${(gzip / 1024).toFixed(2)} KB min+gzip (${verdict} the ${goal / 1024} KB budget)`,
    );
    if (gzip > limit) over.push(`${name} is ${(gzip / 1024).toFixed(2)} KB min+gzip, over its ${limit / 1024} KB limit`);
  }
  const shipped = await shippedScripts(manifest);
  const uses = await evalUses(shipped);
  if (uses.length === 0) console.log(`Checked the ${shipped.length} shipped scripts under ${SHIPPED_DIRS.join(' and ')}: no eval, no Function(.`);
  const problems = [
    ...(over.length > 0 ? [`Bundle size: ${over.join('; ')}.`] : []),
    ...(uses.length > 0 ? [`Shipped code evaluates strings, which a CSP without 'unsafe-eval' refuses: ${uses.join('; ')}.`] : []),
  ];
  if (problems.length > 0) throw new Error(problems.join(' '));
  // What the Connect server sends to browsers that accept brotli or gzip (server/src/routes/portal.ts).
  const compressed = await precompress(PORTAL_DIR);
  console.log(`Precompressed ${compressed.length} files under ${PORTAL_DIR} (.br, .gz).`);
  // Last, so that it has no compressed copies: the server reads it, browsers never get it.
  await writeFile(join(PORTAL_DIR, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`Named by content: ${Object.values(manifest).join(', ')} (${PORTAL_DIR}/${MANIFEST_FILE}).`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildAll();
