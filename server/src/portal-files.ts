/**
 * How the built portal's files are named (scripts/build.ts names them, routes/portal.ts serves
 * them). Host pages load the entry bundles by fixed names (`paragon-connect-portal.iife.js`,
 * `paragon-connect-portal.js`); every file our own code loads (the framed page's script, the files
 * loaded on first use, the language tables) is named by its content, `frame.<hash>.js`, so that a
 * cache may keep it for good and a bundle can only ever load the files it was built with.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The build's map of each content-named file, by the name it would have otherwise: `{ "frame.js": "frame.0123456789.js" }`. */
export type PortalManifest = Record<string, string>;

/** In the portal's folder; the server reads it and never serves it. */
export const MANIFEST_FILE = 'manifest.json';

/** Ten hex digits of the SHA-256 of the file's code, before `.js`: `locales/de.0123456789.js`. */
export const CONTENT_NAMED = /\.[0-9a-f]{10}\.js$/;

/** The content name of the framed page's script, as the manifest in `portalDir` gives it; `undefined` when the portal is not built. */
export async function frameScriptOf(portalDir: string): Promise<string | undefined> {
  const manifest = await readManifest(portalDir);
  const name = manifest?.['frame.js'];
  // The name goes into the framed page: only a name the build could have made.
  return typeof name === 'string' && /^frame\.[0-9a-f]{10}\.js$/.test(name) ? name : undefined;
}

export async function readManifest(portalDir: string): Promise<PortalManifest | undefined> {
  try {
    return JSON.parse(await readFile(join(portalDir, MANIFEST_FILE), 'utf8')) as PortalManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
