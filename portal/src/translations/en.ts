import type { CredentialStatus, WorkflowRun } from '../../../protocol/src/rest.js';

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

  /** The catalog of integrations. */
  catalogTitle: string;
  searchIntegrations: string;
  noIntegrationsMatch: (search: string) => string;
  accountsConnected: (count: number) => string;
  back: string;
  /** The selected account. */
  accountConnectedOn: (date: string) => string;
  accountSettings: string;
  disconnect: string;
  disconnectConfirm: (account: string) => string;
  disconnectKeep: string;
  disconnecting: string;
  reconnect: string;
  reconnectHint: string;
  finishSetup: string;
  pendingHint: string;
  noSettings: string;
  saving: string;
  saved: string;
  staleSettings: string;
  workflowSettings: (workflow: string) => string;
  workflowNeedsSettings: (workflow: string, missing: string) => string;
  /** Connecting an account, step by step. */
  chooseAccountType: string;
  continueButton: string;
  cancel: string;
  instructionsDone: string;
  signInWith: (integration: string) => string;
  signInWaiting: (integration: string) => string;
  signInWindowClosed: string;
  signInAgain: string;
  popupBlocked: string;
  tryAgain: string;
  finishSetupTitle: string;
  connectedTitle: (integration: string) => string;
  done: string;
  stepOf: (step: number, total: number) => string;
  noHostOptions: (title: string) => string;
  accountOptionsUnavailable: (title: string) => string;
  /** The tooltip of the mark after a required field's title. */
  requiredMark: string;
  /** The disclosure that shows an input's longer help. */
  moreAbout: (title: string) => string;
  /** The default text of an input's documentation link. */
  documentation: string;

  // Checks a field makes before it tells a value (the server makes them too). Numbers come formatted.
  tooLong: (title: string, max: string) => string;
  notAnEmail: (title: string) => string;
  notAUrl: (title: string) => string;
  notInFormat: (title: string) => string;
  notANumber: (title: string) => string;
  tooSmall: (title: string, min: string) => string;
  tooLarge: (title: string, max: string) => string;
  notWhole: (title: string) => string;
  notAStep: (title: string, step: string) => string;
  /** The password field's toggle, while the password is hidden / shown. */
  showPassword: string;
  hidePassword: string;

  // Dropdowns.
  loadingOptions: string;
  noMatches: string;
  optionsFailed: (message: string) => string;
  retry: string;
  loadMore: string;
  /** The button that empties a dropdown that is not required. */
  clearChoice: (title: string) => string;
  /** A field mapper row that maps to nothing. */
  notMapped: string;

  // Copy, file.
  copy: string;
  copied: string;
  copyFailed: string;
  fileTooLarge: (title: string, maxKb: string) => string;
  fileTypeRefused: (title: string, types: string) => string;
  fileUnreadable: (title: string) => string;
  fileSize: (bytes: string) => string;
  removeFile: string;

  // Task history.
  taskHistory: string;
  refresh: string;
  loadingRuns: string;
  noRuns: string;
  runsFailed: (message: string) => string;
  runStatus: Record<WorkflowRun['status'], string>;
  runTrigger: Record<WorkflowRun['trigger'], string>;
  /** "Succeeded after 2 attempts", when a run took more than one. */
  runAttempts: (count: number) => string;
  /** How long a run took, already formatted as a number. */
  runDuration: (milliseconds: string) => string;
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

  catalogTitle: 'Integrations',
  searchIntegrations: 'Search integrations',
  noIntegrationsMatch: (search) => `No integration matches “${search}”.`,
  accountsConnected: (count) => (count === 1 ? '1 account connected' : `${count} accounts connected`),
  back: 'All integrations',
  accountConnectedOn: (date) => `Connected ${date}`,
  accountSettings: 'Settings',
  disconnect: 'Disconnect',
  disconnectConfirm: (account) => `Disconnect ${account}? Its settings and workflows are removed.`,
  disconnectKeep: 'Keep it',
  disconnecting: 'Disconnecting…',
  reconnect: 'Reconnect',
  reconnectHint: 'This account is no longer authorized. Reconnect it to keep its settings and workflows.',
  finishSetup: 'Finish setup',
  pendingHint: 'This account needs a few more details before it can be used.',
  noSettings: 'This integration has no settings.',
  saving: 'Saving…',
  saved: 'Saved',
  staleSettings: 'These settings were changed elsewhere. Reload to see the latest.',
  workflowSettings: (workflow) => `Settings of ${workflow}`,
  workflowNeedsSettings: (workflow, missing) => `Set ${missing} before turning on ${workflow}.`,
  chooseAccountType: 'Which kind of account?',
  continueButton: 'Continue',
  cancel: 'Cancel',
  instructionsDone: 'I have done this',
  signInWith: (integration) => `Sign in with ${integration}`,
  signInWaiting: (integration) => `Waiting for you to finish signing in to ${integration}…`,
  signInWindowClosed: 'The sign-in window looks closed. If you closed it, open it again; this keeps waiting until the sign-in ends.',
  signInAgain: 'Open the sign-in window again',
  popupBlocked: 'The browser blocked the sign-in window. Allow pop-ups for this site, then try again.',
  tryAgain: 'Try again',
  finishSetupTitle: 'A few more details',
  connectedTitle: (integration) => `${integration} is connected.`,
  done: 'Done',
  stepOf: (step, total) => `Step ${step} of ${total}`,
  noHostOptions: (title) => `The app has given no options for “${title}”.`,
  accountOptionsUnavailable: (title) => `The options for “${title}” come from your account, and cannot be loaded yet.`,
  requiredMark: 'Required',
  moreAbout: (title) => `More about ${title}`,
  documentation: 'Documentation',

  tooLong: (title, max) => `${title} must be at most ${max} characters.`,
  notAnEmail: (title) => `${title} must be an email address, such as name@example.com.`,
  notAUrl: (title) => `${title} must be a web address starting with https:// or http://.`,
  notInFormat: (title) => `${title} is not in the expected format.`,
  notANumber: (title) => `${title} must be a number.`,
  tooSmall: (title, min) => `${title} must be at least ${min}.`,
  tooLarge: (title, max) => `${title} must be at most ${max}.`,
  notWhole: (title) => `${title} must be a whole number.`,
  notAStep: (title, step) => `${title} must be a multiple of ${step}.`,
  showPassword: 'Show password',
  hidePassword: 'Hide password',

  loadingOptions: 'Loading options…',
  noMatches: 'No matches',
  optionsFailed: (message) => `The options could not be loaded: ${message}`,
  retry: 'Try again',
  loadMore: 'Load more',
  clearChoice: (title) => `Clear ${title}`,
  notMapped: 'Not mapped',

  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy. Select the text and copy it instead.',
  fileTooLarge: (title, maxKb) => `${title} must be a file of at most ${maxKb} KB.`,
  fileTypeRefused: (title, types) => `${title} must be one of these types: ${types}.`,
  fileUnreadable: (title) => `${title} could not be read.`,
  fileSize: (bytes) => `${bytes} bytes`,
  removeFile: 'Remove',
  taskHistory: 'Recent runs',
  loadingRuns: 'Loading runs…',
  refresh: 'Refresh',
  noRuns: 'No workflow has run for this account yet.',
  runsFailed: (message) => `The runs could not be loaded: ${message}`,
  runStatus: { queued: 'Waiting', running: 'Running', succeeded: 'Succeeded', failed: 'Failed', dead: 'Failed, no retries left' },
  runTrigger: {
    request: 'On request',
    event: 'On an app event',
    schedule: 'On schedule',
    integrationEnabled: 'When turned on',
    webhook: 'By webhook',
  },
  runAttempts: (count) => `${count} attempts`,
  runDuration: (milliseconds) => `${milliseconds} ms`,
};
