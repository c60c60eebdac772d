/**
 * Loads `<paragon-file-picker>` once, on first use: it is its own file, beside the portal's
 * bundle, so that a portal that never shows a picker never downloads it (its code and its words
 * in every language). The file holds no Lit: it is handed the portal's.
 */
import { LitElement, css, html, nothing } from 'lit';
import { buttonStyles } from '../styles/button.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { importBeside, onFirstUse } from '../lazy/import-beside.js';
import type { defineFilePicker } from './define.js';

const defineFromFile = onFirstUse(() =>
  importBeside<{ defineFilePicker: typeof defineFilePicker }>('file-picker', 'file-picker/define.ts').then((module) =>
    module.defineFilePicker({ LitElement, css, html, nothing }, [tokens, buttonStyles]),
  ),
);

/** Settles once the element is defined (by this bundle, or already by another portal of the page); a failed load is tried again on the next call. */
export const loadFilePicker = (): Promise<unknown> => (customElements.get('paragon-file-picker') ? Promise.resolve() : defineFromFile());
