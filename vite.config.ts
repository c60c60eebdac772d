/**
 * The bundles, one Vite build each (`npm run build` runs them all through scripts/build.ts):
 *
 * - `host-bridge`: the host SDK as an ES module, minified like every bundle: `dist/host-bridge/paragon.js`;
 *   `host-bridge-element`: `element.js` (element mode's embedding, its own module so that frame mode
 *   never carries it; the two share no code). `host-bridge-script`: `paragon.iife.js` for a plain
 *   `<script>` tag (`window.paragon`, and the rest on `window.ParagonConnect`).
 * - `portal`: `<paragon-connect-portal>` for a page, `dist/portal/paragon-connect-portal.js` (ES);
 *   `portal-script`: `.iife.js` for a plain `<script>` tag. Host pages load both by these names.
 * - `frame`: the framed page's script, `dist/portal/frame.js`.
 * - `locales`: each translation but English, `dist/portal/locales/<tag>.js`, loaded by the three
 *   above when a portal first shows that language.
 * - `lazy`: what the three above load on first use, beside them: `dist/portal/file-picker.js`
 *   (`<paragon-file-picker>`, when a host first opens a file picker) and
 *   `dist/portal/headless-install.js` (when a host first starts a headless install), and
 *   `dist/portal/locale-data.worker.js` (the worker the framed page starts to load the browser's
 *   locale data off its main thread: portal/src/translations/warm-locale-data.ts). None holds
 *   Lit or the portal's classes: the bundle that loads them hands them its own (a `<script>`-tag
 *   bundle has no ES module to share).
 * - `demo`: the demo host app, `dist/demo/app.js`.
 *
 * scripts/build.ts then names the framed page's script, the language tables and the `lazy` files
 * by their content (`frame.<hash>.js`), and builds the three portal bundles after the files they
 * load, defining `PORTAL_LAZY_FILES` (portal/src/lazy/import-beside.ts) as their names.
 */
import { defineConfig, type Plugin, type Rolldown, type UserConfig } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css.js';

type Target = 'host-bridge' | 'host-bridge-element' | 'host-bridge-script' | 'portal' | 'portal-script' | 'frame' | 'locales' | 'lazy' | 'demo';

/** The portal's style sheets (`*.styles.ts`), their `css` literals minified (scripts/minify-css.ts). */
const minifiedStyles: Plugin = {
  name: 'minify-css-literals',
  transform: (code, id) => (/\/portal\/src\/.*\.styles\.ts$/.test(id) ? { code: minifyCssLiterals(code), map: null } : undefined),
};

/**
 * One library build. `entries` maps each output file's name to its source; an ES build of several
 * entries puts the code they share in chunks, so that one copy of it runs.
 */
const library = (
  entries: Record<string, string>,
  outDir: string,
  formats: ('es' | 'iife')[],
  name?: string,
  define: UserConfig['define'] = {},
): UserConfig => ({
  define,
  plugins: [minifiedStyles],
  // Each target is a library build: no index.html, no public folder, nothing to copy.
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    reportCompressedSize: false,
    lib: { entry: entries, name, formats, fileName: (format, entry) => (format === 'es' ? `${entry}.js` : `${entry}.${format}.js`) },
    // Vite leaves an ES library's whitespace for the app's own bundler; ours are served as they
    // are. A script's namespace object needs no Symbol.toStringTag.
    rolldownOptions: { output: { minify: true, generatedCode: { symbols: false } } },
  },
});

/**
 * Fields of the host bridge's own objects (the open portal, the headless flow's progress), which
 * no object of the host page, the portal or the browser has: the minifier shortens them, for the
 * bridge's 5 KB budget. A name added here must be the bridge's alone, never a public option, a
 * field on the wire or a DOM property; property mangling needs a build of one output file.
 */
const BRIDGE_PRIVATE_FIELDS = /^(params|installed|settle|returnFocus|instructionsDone|preOptions|postOptions)$/;

/**
 * A host bridge build: its source map is written beside it but not linked from it (`hidden`):
 * the package leaves maps out (scripts/pack.ts) and no server sends the bridge's, so the link
 * would point at nothing, and it costs the 5 KB budget 26 bytes. No comments either: the
 * minifier's `@__PURE__` marks fall inside functions, where an app's bundler has nothing to drop.
 * `privateFields` shortens `BRIDGE_PRIVATE_FIELDS` (an ES library's minifier writes whitespace
 * unless told: `codegen`).
 */
function hostBridge(config: UserConfig, { privateFields = true } = {}): UserConfig {
  config.build!.sourcemap = 'hidden';
  const output = config.build!.rolldownOptions!.output as Rolldown.OutputOptions;
  output.comments = false;
  if (privateFields) output.minify = { codegen: true, mangleProps: { include: BRIDGE_PRIVATE_FIELDS } };
  return config;
}

const targets: Record<Target, UserConfig> = {
  'host-bridge': hostBridge(library({ paragon: 'host-bridge/src/index.ts' }, 'dist/host-bridge', ['es'])),
  'host-bridge-element': hostBridge(library({ element: 'host-bridge/src/element.ts' }, 'dist/host-bridge', ['es']), { privateFields: false }),
  'host-bridge-script': hostBridge(library({ paragon: 'host-bridge/src/global.ts' }, 'dist/host-bridge', ['iife'], 'ParagonConnect')),
  portal: library({ 'paragon-connect-portal': 'portal/src/define.ts' }, 'dist/portal', ['es']),
  // A classic script has no import.meta: the tables are found from the script's own address.
  'portal-script': library({ 'paragon-connect-portal': 'portal/src/define.ts' }, 'dist/portal', ['iife'], 'ParagonConnectPortal', {
    'import.meta.url': '(document.currentScript?.src ?? location.href)',
  }),
  frame: library({ frame: 'portal/src/frame.ts' }, 'dist/portal', ['es']),
  locales: library(Object.fromEntries(['de', 'fr', 'es', 'ja'].map((tag) => [tag, `portal/src/translations/${tag}.ts`])), 'dist/portal/locales', [
    'es',
  ]),
  lazy: library(
    {
      'file-picker': 'portal/src/file-picker/define.ts',
      'headless-install': 'portal/src/runtime/headless-install.ts',
      'locale-data.worker': 'portal/src/translations/locale-data.worker.ts',
    },
    'dist/portal',
    ['es'],
  ),
  demo: library({ app: 'demo/host/app.ts' }, 'dist/demo', ['es']),
};

export const TARGETS = Object.keys(targets) as Target[];

export default defineConfig(({ mode }) => {
  const target = targets[mode as Target];
  if (!target) throw new Error(`Unknown build mode "${mode}"; use one of: ${TARGETS.join(', ')}.`);
  return target;
});
