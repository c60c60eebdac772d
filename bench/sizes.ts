/**
 * `node --import tsx bench/sizes.ts`: what a host page loads, min, gzip and brotli, for every
 * shipped bundle (built fresh by scripts/build.ts, which also enforces the limits), beside peers
 * sized the same way: the published `@useparagon/connect` (the SDK we stand in for), Nango's
 * published `@nangohq/frontend` (what a host page loads to connect accounts through Nango) and a
 * bare Lit element (the floor under any Lit portal), each bundled minified by esbuild.
 */
import { readFile } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildAll, BUDGETS, builtFile } from '../scripts/build.js';
import { emitRow } from './table.js';

const kb = (bytes: number) => bytes / 1024;

function sizes(bytes: Uint8Array) {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

async function bundle(contents: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts', sourcefile: 'peer.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.contents;
}

const PEERS = [
  { name: '@useparagon/connect 2.4 (peer)', source: `export * from '@useparagon/connect';` },
  { name: '@nangohq/frontend 0.71 (peer)', source: `export * from '@nangohq/frontend'; export { default } from '@nangohq/frontend';` },
  {
    name: 'bare Lit element (floor)',
    source: `import { LitElement, html, css } from 'lit';
      class BareElement extends LitElement { static styles = css\`:host{display:block}\`; render() { return html\`<p>hi</p>\`; } }
      customElements.define('bare-element', BareElement);`,
  },
];

await buildAll();
const peerSizes = new Map<string, ReturnType<typeof sizes>>();
for (const peer of PEERS) peerSizes.set(peer.name, sizes(await bundle(peer.source)));
const paragonGzip = peerSizes.get(PEERS[0]!.name)!.gzip;

for (const { name, file, goal } of BUDGETS) {
  const { min, gzip, brotli } = sizes(await readFile(await builtFile(file)));
  emitRow({ figure: `${name} min`, unit: 'KB', median: kb(min) });
  emitRow({
    figure: `${name} min+gzip`,
    unit: 'KB',
    median: kb(gzip),
    budget: kb(goal),
    baseline: kb(paragonGzip),
    baselineName: '@useparagon/connect',
  });
  emitRow({ figure: `${name} min+brotli`, unit: 'KB', median: kb(brotli) });
}
for (const [name, { min, gzip, brotli }] of peerSizes) {
  emitRow({ figure: `${name} min`, unit: 'KB', median: kb(min) });
  emitRow({ figure: `${name} min+gzip`, unit: 'KB', median: kb(gzip) });
  emitRow({ figure: `${name} min+brotli`, unit: 'KB', median: kb(brotli) });
}
