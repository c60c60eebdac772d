export { AccountSelectEvent } from './account-select.js';
export { WorkflowToggleEvent } from './workflow-toggle.js';
export { FieldChangeEvent } from './field-change.js';
export { InputsSubmitEvent } from './inputs-submit.js';
export { InstallEndEvent } from './install-end.js';
export { IntegrationSelectEvent } from './integration-select.js';
