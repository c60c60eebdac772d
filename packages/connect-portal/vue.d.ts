/**
 * `<paragon-connect-portal>` in Vue 3 templates (vue-tsc / Volar):
 * `import type {} from '@connect-portal/client/vue'` once in the app, and tell Vue's compiler the
 * tag is a custom element (`compilerOptions.isCustomElement`). Vue sets a bound value as a property
 * when the element has one. There is no `@…` event: the element dispatches no DOM event of its own
 * (see `properties.d.ts`).
 */
import type { DefineComponent } from 'vue';
import type { ConnectPortalProperties } from './properties.js';

declare module 'vue' {
  interface GlobalComponents {
    'paragon-connect-portal': DefineComponent<ConnectPortalProperties>;
  }
}
export {};
