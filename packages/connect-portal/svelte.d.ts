/**
 * `<paragon-connect-portal>` in Svelte 5 markup (svelte-check, the Svelte language server):
 * `import type {} from '@connect-portal/client/svelte'` once in the app. Svelte sets an attribute
 * as a property when the element has one (define the element first: import
 * '@connect-portal/client/portal'). Its properties only, from `properties.d.ts`: the element
 * dispatches no DOM event of its own; a host hears what the user did through `subscribe` on the
 * `paragon` paired with it.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { ConnectPortalProperties } from './properties.js';

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'paragon-connect-portal': Omit<HTMLAttributes<HTMLElement>, keyof ConnectPortalProperties> & ConnectPortalProperties;
  }
}
export {};
