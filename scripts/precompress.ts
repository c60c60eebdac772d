/**
 * Writes `<file>.br` and `<file>.gz` beside each file the Connect server serves from `dist/portal`,
 * at the highest levels (they are made once, at build time), for @fastify/static's
 * `preCompressed` (server/src/routes/portal.ts). A compressed copy no smaller than the file is
 * not written: the file is then sent as it is. Source maps are left alone (developer tools only).
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt)$/;

export interface Precompressed {
  file: string;
  raw: number;
  br?: number;
  gzip?: number;
}

export async function precompress(dir: string): Promise<Precompressed[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && COMPRESSIBLE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const results: Precompressed[] = [];
  for (const file of files) {
    const bytes = await readFile(file);
    const br = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    const gzip = gzipSync(bytes, { level: 9 });
    const result: Precompressed = { file, raw: bytes.length };
    for (const [extension, compressed, key] of [
      ['.br', br, 'br'],
      ['.gz', gzip, 'gzip'],
    ] as const) {
      // A stale copy from an earlier build must not outlive its file.
      await rm(file + extension, { force: true });
      if (compressed.length >= bytes.length) continue;
      await writeFile(file + extension, compressed);
      result[key] = compressed.length;
    }
    results.push(result);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { file, raw, br, gzip } of await precompress(process.argv[2] ?? 'dist/portal')) {
    console.log(`${file}: ${raw} B, br ${br ?? '-'} B, gzip ${gzip ?? '-'} B`);
  }
}
