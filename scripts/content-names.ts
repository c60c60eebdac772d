/**
 * Content names for the portal's files (server/src/portal-files.ts): `frame.js` becomes
 * `frame.<hash>.js`, which a cache may keep for good, since other code gets another name.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** The closing comment that names a file's source map; it is no part of the file's code. */
const SOURCE_MAP_COMMENT = /\/\/# sourceMappingURL=\S+\s*$/;

/**
 * Renames `dir/file` (`frame.js`, `locales/de.js`) to its content name (`frame.<hash>.js`: ten hex
 * digits of the SHA-256 of its code), its source map with it, and returns the new name. The hash
 * leaves out the source-map comment, which names the hash itself: the same code always gets the
 * same name and the same bytes.
 */
export async function nameByContent(dir: string, file: string): Promise<string> {
  const source = await readFile(join(dir, file), 'utf8');
  const hash = createHash('sha256').update(source.replace(SOURCE_MAP_COMMENT, '')).digest('hex').slice(0, 10);
  const named = file.replace(/\.js$/, `.${hash}.js`);
  const map = `sourceMappingURL=${basename(file)}.map`;
  if (source.includes(map)) await rename(join(dir, `${file}.map`), join(dir, `${named}.map`));
  await writeFile(join(dir, named), source.replace(map, `sourceMappingURL=${basename(named)}.map`));
  await rm(join(dir, file));
  return named;
}
