/**
 * The entry of the picker's own file (`dist/portal/file-picker.<hash>.js`), which the portal loads
 * the first time a host opens a picker (`load-file-picker.ts`) and hands its Lit and shared styles.
 */
import type { CSSResultGroup } from 'lit';
import { filePickerElement, type FilePicker, type Lit } from './file-picker.js';

/** Registers `<paragon-file-picker>`, unless a portal of the page did already. */
export function defineFilePicker(lit: Lit, sharedStyles: CSSResultGroup): void {
  if (!customElements.get('paragon-file-picker')) customElements.define('paragon-file-picker', filePickerElement(lit, sharedStyles));
}

declare global {
  interface HTMLElementTagNameMap {
    'paragon-file-picker': FilePicker;
  }
}
