/**
 * The script-tag file (`dist/host-bridge/paragon.iife.js`): `window.paragon` is the ready
 * instance, as with Paragon's `<script>` build, and the rest of the SDK (`createParagon`, the
 * error classes, `frameEmbedding`) is on `window.ParagonConnect`. This entry alone assigns a
 * global; the ES module (index.ts) has no side effect but making the instance.
 */
import { paragon } from './index.js';
import type { Paragon } from './types.js';

export * from './index.js';

declare global {
  interface Window {
    paragon: Paragon;
  }
}

window.paragon = paragon;
