/**
 * Registers the portal's elements. The only module with side effects: import it (or load the
 * bundle with a `<script>` tag) to use `<paragon-connect-portal>`.
 */
import { AccountList } from './account-list/account-list.js';
import { ApiKeyForm } from './api-key-form/api-key-form.js';
import { ConnectPortal } from './connect-portal/connect-portal.js';
import { WorkflowList } from './workflow-list/workflow-list.js';

const elements = {
  'paragon-connect-portal': ConnectPortal,
  'paragon-account-list': AccountList,
  'paragon-api-key-form': ApiKeyForm,
  'paragon-workflow-list': WorkflowList,
} as const;

for (const [tag, element] of Object.entries(elements)) {
  // A page may load the bundle twice (a script tag and an import); the first definition wins.
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'paragon-connect-portal': ConnectPortal;
    'paragon-account-list': AccountList;
    'paragon-api-key-form': ApiKeyForm;
    'paragon-workflow-list': WorkflowList;
  }
}

export * from './index.js';
