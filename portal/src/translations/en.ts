import type { CredentialStatus } from '../../../protocol/src/rest.js';

/** Every string the portal shows; a locale is one object of this shape. */
export interface Translation {
  waitingForHost: string;
  loading: string;
  sessionExpired: string;
  loadFailed: string;
  integrationNotFound: (type: string) => string;
  close: string;
  connectedAccounts: string;
  noAccounts: string;
  accountLabel: (position: number) => string;
  credentialStatus: Record<CredentialStatus, string>;
  connectAccount: string;
  connectAnotherAccount: string;
  connectButton: string;
  connecting: string;
  required: (title: string) => string;
  workflows: string;
  workflowsFor: (account: string) => string;
  workflowsNeedAccount: string;
  noWorkflows: string;
  saveFailed: (message: string) => string;
}

export const en: Translation = {
  waitingForHost: 'Waiting for the app to sign you in…',
  loading: 'Loading your integrations…',
  sessionExpired: 'Your session has expired. Reload the page to sign in again.',
  loadFailed: 'Your integrations could not be loaded.',
  integrationNotFound: (type) => `There is no integration named “${type}”.`,
  close: 'Close',
  connectedAccounts: 'Connected accounts',
  noAccounts: 'No account is connected yet.',
  accountLabel: (position) => `Account ${position}`,
  credentialStatus: { VALID: 'Connected', PENDING: 'Setup not finished', INVALID: 'Needs reconnecting' },
  connectAccount: 'Connect an account',
  connectAnotherAccount: 'Connect another account',
  connectButton: 'Connect account',
  connecting: 'Connecting…',
  required: (title) => `${title} is required.`,
  workflows: 'Workflows',
  workflowsFor: (account) => `Workflows for ${account}`,
  workflowsNeedAccount: 'Connect an account to turn workflows on.',
  noWorkflows: 'This integration has no workflows.',
  saveFailed: (message) => `Could not save: ${message}`,
};
