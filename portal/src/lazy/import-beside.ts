/**
 * The files the portal loads on first use, beside its bundle: the language tables other than
 * English, the file picker, the headless install. A page pays for each only when it needs it.
 */

/**
 * Set by the build (scripts/build.ts): each file that ships beside the bundle, by name, as its
 * address relative to the bundle, named by its content (`{ "file-picker": "./file-picker.<hash>.js" }`),
 * so that a bundle loads only the files it was built with. In source it is not set: each is a
 * TypeScript module of `portal/src/`.
 */
declare const PORTAL_LAZY_FILES: Record<string, string> | undefined;

/** Read when the bundle runs: a `<script>` tag's bundle has no `import.meta`, and the build gives it the script's own address. */
const BUNDLE_URL = import.meta.url;

/**
 * Imports the file `name` that ships beside the bundle (`locales/de`, `file-picker`), or in source
 * the module at `source`, relative to `portal/src/`.
 */
export function importBeside<T>(name: string, source: string): Promise<T> {
  return import(/* @vite-ignore */ fileBeside(name, source)) as Promise<T>;
}

/** The address of the file `name` that ships beside the bundle, or in source of the module at `source`. */
export function fileBeside(name: string, source: string): string {
  const file = typeof PORTAL_LAZY_FILES === 'object' ? PORTAL_LAZY_FILES[name] : `../${source}`;
  return new URL(file, BUNDLE_URL).href;
}

/**
 * `load`, run by the first call and its promise shared by every later one; a failed load is
 * forgotten, so that the next call tries again (a network error need not last).
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
