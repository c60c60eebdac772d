export { AccountSelectEvent } from './account-select.js';
export { CredentialSubmitEvent } from './credential-submit.js';
export { WorkflowToggleEvent } from './workflow-toggle.js';
