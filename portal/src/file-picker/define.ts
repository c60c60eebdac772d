/**
 * Registers `<paragon-file-picker>`: the entry of its own file (`dist/portal/file-picker.js`),
 * which the portal loads the first time a host opens a picker (`load-file-picker.ts`).
 */
import { FilePicker } from './file-picker.js';

// A page may hold two portals' bundles; the first definition wins.
if (!customElements.get('paragon-file-picker')) customElements.define('paragon-file-picker', FilePicker);

declare global {
  interface HTMLElementTagNameMap {
    'paragon-file-picker': FilePicker;
  }
}

export { FilePicker };
