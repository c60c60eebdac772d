/**
 * `<paragon-connect-portal>` in Vue 3 templates (vue-tsc / Volar):
 * `import type {} from '@connect-portal/client/vue'` once in the app, and tell Vue's compiler the
 * tag is a custom element (`compilerOptions.isCustomElement`). Vue sets a bound value as a property
 * when the element has one, and `@paragon-workflow-toggle` listens for the DOM event.
 */
import type { DefineComponent } from 'vue';
/** The element's properties, as `custom-elements.json` lists them (no dependency on Lit's types). */
interface ConnectPortalProperties {
  display: 'modal' | 'inline';
  integration: string;
  selectedCredentialId: string;
  theme: 'light' | 'dark' | 'auto';
  lang: string;
}
import type { WorkflowToggleEvent, AccountSelectEvent, FieldChangeEvent } from './types/portal/src/events/events.js';

declare module 'vue' {
  interface GlobalComponents {
    'paragon-connect-portal': DefineComponent<
      Partial<ConnectPortalProperties> & {
        onParagonWorkflowToggle?: (event: WorkflowToggleEvent) => void;
        onParagonAccountSelect?: (event: AccountSelectEvent) => void;
        onParagonFieldChange?: (event: FieldChangeEvent) => void;
      }
    >;
  }
}
export {};
