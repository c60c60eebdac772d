/** The portal's public classes and types, without side effects (see `define.ts`). */
export { ConnectPortal } from './connect-portal/connect-portal.js';
export { AccountList } from './account-list/account-list.js';
export { ApiKeyForm } from './api-key-form/api-key-form.js';
export { WorkflowList } from './workflow-list/workflow-list.js';
export { PortalRuntime, type RuntimeStatus } from './runtime/portal-runtime.js';
export * from './events/events.js';
