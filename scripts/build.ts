/**
 * Builds every bundle (see vite.config.ts), prints the min+gzip size of each file that ships,
 * and fails when one is over its limit.
 */
import { readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { TARGETS } from '../vite.config.js';

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
];

export async function gzipSize(file: string): Promise<{ raw: number; gzip: number }> {
  const bytes = await readFile(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
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
  if (over.length > 0) throw new Error(`Bundle size: ${over.join('; ')}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildAll();
