/**
 * `<paragon-connect-portal>` in Svelte 5 markup (svelte-check, the Svelte language server):
 * `import type {} from '@connect-portal/client/svelte'` once in the app. Svelte sets an attribute
 * as a property when the element has one (define the element first: import
 * '@connect-portal/client/portal'), and `onparagon-workflow-toggle={...}` listens for the DOM event
 * of that exact name (the element's events bubble and are composed).
 */
import type { EventHandler, HTMLAttributes } from 'svelte/elements';
/** The element's properties, as `custom-elements.json` lists them (no dependency on Lit's types). */
interface ConnectPortalProperties {
  display: 'modal' | 'inline';
  integration: string;
  selectedCredentialId: string;
  theme: 'light' | 'dark' | 'auto';
  lang: string;
}
import type { WorkflowToggleEvent, AccountSelectEvent, FieldChangeEvent } from './types/portal/src/events/events.js';

declare module 'svelte/elements' {
  export interface SvelteHTMLElements {
    'paragon-connect-portal': Omit<HTMLAttributes<HTMLElement>, keyof ConnectPortalProperties> &
      Partial<ConnectPortalProperties> & {
        'onparagon-workflow-toggle'?: EventHandler<WorkflowToggleEvent, HTMLElement>;
        'onparagon-account-select'?: EventHandler<AccountSelectEvent, HTMLElement>;
        'onparagon-field-change'?: EventHandler<FieldChangeEvent, HTMLElement>;
      };
  }
}
export {};
