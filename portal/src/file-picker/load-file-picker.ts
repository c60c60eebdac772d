/**
 * Loads `<paragon-file-picker>` once, on first use: it is its own file, beside the portal's
 * bundle, so that a portal that never shows a picker never downloads it (its code and its words
 * in every language). The file holds no Lit: it is handed the portal's.
 */
import { LitElement, css, html, nothing } from 'lit';
import { buttonStyles } from '../styles/button.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import type { defineFilePicker } from './define.js';

/** Set by the build (vite.config.ts): the picker's file, relative to the bundle. In source, its entry beside this module. */
declare const PORTAL_FILE_PICKER_FILE: string | undefined;

/** Read when the bundle runs: a `<script>` tag's bundle has no `import.meta`, and the build gives it the script's own address. */
const BUNDLE_URL = import.meta.url;

let loading: Promise<unknown> | undefined;

/** Settles once the element is defined; a failed load is tried again on the next call. */
export function loadFilePicker(): Promise<unknown> {
  if (customElements.get('paragon-file-picker')) return Promise.resolve();
  const file = typeof PORTAL_FILE_PICKER_FILE === 'string' ? PORTAL_FILE_PICKER_FILE : './define.ts';
  loading ??= (import(/* @vite-ignore */ new URL(file, BUNDLE_URL).href) as Promise<{ defineFilePicker: typeof defineFilePicker }>).then(
    (module) => module.defineFilePicker({ LitElement, css, html, nothing }, [tokens, buttonStyles]),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
