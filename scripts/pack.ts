/**
 * `npm run pack`: stages the browser bundles (dist/, run `npm run build` first), their `.d.ts` and
 * custom-elements.json into packages/connect-portal/ and runs `npm pack` there, so that host apps
 * install the client exactly as a user would from the registry. Prints the tarball's path.
 *
 *     node --import tsx scripts/pack.ts [destination folder, default node_modules/.cache/hosts]
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const PACKAGE_DIR = 'packages/connect-portal';
/** What is generated into the package folder (ignored by git), removed before each staging. */
const STAGED = ['host-bridge', 'portal', 'types', 'custom-elements.json'];

/** The entry points whose declarations the package publishes; tsc follows their imports. */
const TYPED_ENTRIES = ['host-bridge/src/index.ts', 'host-bridge/src/element.ts', 'portal/src/index.ts', 'portal/src/define.ts'];

export async function pack(destination = 'node_modules/.cache/hosts'): Promise<string> {
  for (const file of ['dist/host-bridge/paragon.js', 'dist/portal/paragon-connect-portal.iife.js']) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before packing.`);
  }
  for (const name of STAGED) await rm(join(PACKAGE_DIR, name), { recursive: true, force: true });
  // Source maps stay out: they point at sources the package does not carry; so do the build's
  // precompressed copies (`.br`, `.gz`) and its list of content names, which only the Connect server uses.
  const noMaps = (source: string) => !/\.(map|br|gz)$|manifest\.json$/.test(source);
  await cp('dist/host-bridge', join(PACKAGE_DIR, 'host-bridge'), { recursive: true, filter: noMaps });
  await cp('dist/portal', join(PACKAGE_DIR, 'portal'), { recursive: true, filter: noMaps });
  await cp('custom-elements.json', join(PACKAGE_DIR, 'custom-elements.json'));

  const tsconfig = join(PACKAGE_DIR, 'tsconfig.types.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: '../../tsconfig.json',
      compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: '../..', outDir: 'types', types: [] },
      include: [],
      files: TYPED_ENTRIES.map((entry) => `../../${entry}`),
    }),
  );
  try {
    execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', tsconfig], { stdio: 'inherit' });
  } finally {
    await rm(tsconfig, { force: true });
  }

  await mkdir(destination, { recursive: true });
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(destination)], { cwd: PACKAGE_DIR, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(output) as [{ filename: string }];
  return resolve(destination, filename);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await pack(process.argv[2]));
