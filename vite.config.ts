/**
 * The bundles, one Vite build each (`npm run build` runs them all through scripts/build.ts):
 *
 * - `host-bridge`: the host SDK, `dist/host-bridge/paragon.js` (ES) and `paragon.iife.js`
 *   (global `ParagonConnect`).
 * - `portal`: `<paragon-connect-portal>` for a page, `dist/portal/paragon-connect-portal.js` (ES)
 *   and `.iife.js` for a plain `<script>` tag.
 * - `frame`: the framed page's script, `dist/portal/frame.js`.
 * - `demo`: the demo host app, `dist/demo/app.js`.
 */
import { defineConfig, type UserConfig } from 'vite';

type Target = 'host-bridge' | 'portal' | 'frame' | 'demo';

const library = (entry: string, outDir: string, fileName: string, formats: ('es' | 'iife')[], name?: string): UserConfig => ({
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
    lib: { entry, name, formats, fileName: (format) => (format === 'es' ? `${fileName}.js` : `${fileName}.${format}.js`) },
  },
});

const targets: Record<Target, UserConfig> = {
  'host-bridge': library('host-bridge/src/index.ts', 'dist/host-bridge', 'paragon', ['es', 'iife'], 'ParagonConnect'),
  portal: library('portal/src/define.ts', 'dist/portal', 'paragon-connect-portal', ['es', 'iife'], 'ParagonConnectPortal'),
  frame: library('portal/src/frame.ts', 'dist/portal', 'frame', ['es']),
  demo: library('demo/host/app.ts', 'dist/demo', 'app', ['es']),
};

export const TARGETS = Object.keys(targets) as Target[];

export default defineConfig(({ mode }) => {
  const target = targets[mode as Target];
  if (!target) throw new Error(`Unknown build mode "${mode}"; use one of: ${TARGETS.join(', ')}.`);
  return target;
});
