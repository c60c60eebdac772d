/**
 * Builds every bundle (see vite.config.ts) and prints the min+gzip size of the two that ship:
 * the host bridge and the portal.
 */
import { readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { TARGETS } from '../vite.config.js';

export const BUDGETS = [
  { name: 'host-bridge', file: 'dist/host-bridge/paragon.iife.js', budget: 5 * 1024 },
  { name: 'portal', file: 'dist/portal/paragon-connect-portal.iife.js', budget: 40 * 1024 },
];

export async function gzipSize(file: string): Promise<{ raw: number; gzip: number }> {
  const bytes = await readFile(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export async function buildAll(): Promise<void> {
  await rm('dist', { recursive: true, force: true });
  for (const mode of TARGETS) await build({ configFile: 'vite.config.ts', mode });
  for (const { name, file, budget } of BUDGETS) {
    const { raw, gzip } = await gzipSize(file);
    const verdict = gzip <= budget ? 'within' : 'OVER';
    console.log(`${name.padEnd(12)} ${file}: ${(raw / 1024).toFixed(1)} KB min, ${(gzip / 1024).toFixed(2)} KB min+gzip (${verdict} the ${budget / 1024} KB budget)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await buildAll();
