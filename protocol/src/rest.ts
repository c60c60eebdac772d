/**
 * REST payloads of the Connect server, shaped like the Paragon Connect API
 * (`../shared/reference/paragon-sdk.md` §4 and §5) so the published SDK can talk to it.
 */

/** The header that names which of a user's credentials a call targets. */
export const CREDENTIAL_HEADER = 'X-Paragon-Credential';

/**
 * Set on every answer the proxy passes through from an integration's API, to its status: an
 * answer without it is the Connect server's own (a refused path, an unknown account).
 */
export const UPSTREAM_STATUS_HEADER = 'X-Connect-Upstream-Status';

/** `paragon.request`'s options as they cross to the portal. */
export interface ProxyRequestInit {
  method?: string;
  /** An object is sent as JSON; a string or bytes as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  selectedCredentialId?: string;
}

export type CredentialStatus = 'PENDING' | 'VALID' | 'INVALID';

import type { ErrorCode } from './errors.js';
import type { ConnectInput, ConnectInputValue } from './inputs.js';

export type { ConnectInput, ConnectInputType, ConnectInputValue } from './inputs.js';

export interface WorkflowState {
  enabled: boolean;
  settings: Record<string, ConnectInputValue>;
}

/** One set of settings and workflow enablement for a credential ("configuration"). */
export interface CredentialConfiguration {
  id: string;
  connectCredentialId: string;
  isDefault: boolean;
  externalId?: string;
  sharedSettings: Record<string, ConnectInputValue>;
  workflowSettings: Record<string, WorkflowState>;
  configMeta: Record<string, unknown>;
  dateCreated: string;
  dateUpdated: string;
}

/** One connected account. Secrets (API keys, provider tokens) never appear here. */
export interface ConnectCredential {
  id: string;
  projectId: string;
  integrationId: string;
  personaId: string;
  status: CredentialStatus;
  isPreviewCredential: false;
  providerId: string | null;
  providerData: Record<string, string | number | boolean>;
  externalId?: string;
  configurations: CredentialConfiguration[];
  /** Deprecated in Paragon, kept for REST clients of its credential list (not in `/me`): the default configuration. */
  config?: {
    sharedSettings: Record<string, ConnectInputValue>;
    workflowSettings: Record<string, WorkflowState>;
    configuredWorkflows: Record<string, WorkflowState>;
  };
  dateCreated: string;
  dateUpdated: string;
  dateDeleted: null;
}

/**
 * The state of one integration for the signed-in user, as `GET /me` sends it. Like Paragon's
 * server it leaves out `allConfigurations`, which only repeats the configurations inside
 * `allCredentials`: the client derives it (see `SDKIntegration`).
 */
export interface SDKIntegrationState {
  /** True when the selected credential is VALID. */
  enabled: boolean;
  credentialId?: string;
  credentialConfigId?: string;
  credentialStatus?: CredentialStatus;
  providerId?: string | null;
  providerData?: Record<string, string | number | boolean>;
  allCredentials: ConnectCredential[];
  sharedSettings?: Record<string, ConnectInputValue>;
  workflowSettings?: Record<string, WorkflowState>;
  configMeta?: Record<string, unknown>;
  /** The `externalId` of the selected configuration. */
  externalId?: string;
}

/** `user.integrations[type]` as `paragon.getUser()` shows it: with every account's configurations. */
export interface SDKIntegration extends SDKIntegrationState {
  allConfigurations: CredentialConfiguration[];
}

/** `allConfigurations`, derived from the accounts as Paragon's SDK does. */
export function withAllConfigurations(state: SDKIntegrationState): SDKIntegration {
  return { ...state, allConfigurations: state.allCredentials.flatMap((credential) => credential.configurations) };
}

export type UserMeta = Record<string, unknown>;

/** `GET /projects/:projectId/sdk/me` */
export interface MeResponse {
  integrations: Record<string, SDKIntegrationState>;
  meta: UserMeta;
  resources: never[];
  project: { id: string; accessibleFeatures: string[] };
}

export interface WorkflowMeta {
  id: string;
  description: string;
  infoText?: string;
  defaultEnabled?: boolean;
  hidden?: boolean;
  order?: number;
  inputs: ConnectInput[];
  /** What starts its runs, for a workflow with code (not in Paragon's SDK); absent for a switch only. */
  trigger?: 'request' | 'event' | 'schedule' | 'integrationEnabled' | 'webhook';
}

/** The per-integration portal configuration (Paragon's `ModalConfig`). */
export interface ModalConfig {
  accentColor?: string;
  description?: string;
  overview?: string;
  workflowMeta: Record<string, WorkflowMeta>;
  sharedMeta: { inputs: ConnectInput[] };
}

/** How an account connects, in Paragon's words (`oauth` is OAuth 2.0 authorization code). */
export type AuthenticationType = 'oauth' | 'basic' | 'api_key';

/** A kind of account an integration offers (Salesforce production or sandbox), chosen before connecting. */
export interface AccountType {
  id: string;
  scheme: AuthenticationType;
  label: string;
  description?: string;
  /** Inputs asked of this account type only, before connecting (Paragon's name). */
  endUserSuppliedValues?: ConnectInput[];
  skipPostOAuthInputs?: boolean;
}

/** A step shown before connecting: plain text (never HTML) and its buttons. */
export interface InstallInstructions {
  content: string;
  ctas: ({ type: 'link'; label: string; href: string } | { type: 'copyButton'; label: string; copyText: string })[];
}

/** `GET /projects/:projectId/sdk/integrations` returns an array of these. */
export interface IntegrationInfo {
  id: string;
  type: string;
  name: string;
  icon?: string;
  brandColor: string;
  projectId: string;
  isActive: boolean;
  authenticationType: AuthenticationType;
  configs: { values: ModalConfig }[];
  workflows: { id: string; description: string; integrationId: string }[];
  hasCredential: boolean;
  needPreOauthInputs: boolean;
  sdkIntegrationConfig: {
    /** Inputs of an API-key or basic account, collected before the credential is created (the key itself...). */
    authConfigInputs: ConnectInput[];
    /** Inputs collected before an OAuth sign-in (a shop name, a subdomain). */
    oauthInputs: ConnectInput[];
    /** Inputs collected after connecting; the credential is PENDING until they are. */
    postOauthInputs: ConnectInput[];
    accountTypes: AccountType[];
    /** Shown before connecting, when the integration needs a step outside (install a package). */
    instructions?: InstallInstructions;
    /** The integration's data sources, by key (what a `DYNAMIC_ENUM`'s `sourceType` names), as Paragon describes a dynamic one. */
    dataSources: Record<string, DataSourceDescriptor>;
    /** The integration lists the account's files (`files` in the config): `paragon.ExternalFilePicker` works for it. Ours, not Paragon's. */
    filePicker?: true;
  };
}

export interface DataSourceDescriptor {
  type: 'DYNAMIC_DATA_SOURCE';
  /** The source's key: what `getFieldOptions({ action })` and `POST /sdk/actions` name. */
  cacheKey: string;
  title: string;
  refreshDependencies: string[];
}

/** `POST /projects/:projectId/sdk/credentials` */
export interface CreateCredentialRequest {
  integrationId: string;
  /** Values of the integration's `authConfigInputs`, keyed by input id (an OAuth integration's pre-install values with `code`). */
  payload?: Record<string, ConnectInputValue>;
  /** `completeInstall`: an authorization code the host app obtained, exchanged by the server. */
  code?: string;
  /** The redirect URI that code was issued for; the server's `/oauth/callback` when absent. */
  redirectUrl?: string;
  /** The PKCE verifier of the host app's own authorization request, if it sent a challenge. */
  codeVerifier?: string;
  integrationOptions?: { installOptions?: CreateCredentialRequest['installOptions'] };
  config?: Record<string, never>;
  installOptions?: {
    /** A label from the host's own system for the new credential. */
    externalId?: string;
    allowMultipleCredentials?: boolean;
    /** Replace this credential's underlying account, keeping its settings and workflows. */
    selectedCredentialId?: string;
    accountType?: string;
  };
}

/** A change to one workflow of a configuration: its switch, and settings to merge (`null` clears one). */
export interface WorkflowChange {
  enabled?: boolean;
  settings?: Record<string, ConnectInputValue | null>;
}

/** `PATCH /projects/:projectId/sdk/credentials/:credentialId` */
export interface UpdateCredentialRequest {
  config: {
    /** Merged into the configuration's shared settings; `null` clears one. */
    sharedSettings?: Record<string, ConnectInputValue | null>;
    /** Merged into the entry of each workflow named; workflows not named keep theirs. */
    workflowSettings?: Record<string, WorkflowChange>;
    /** Paragon's older name for `workflowSettings`. */
    configuredWorkflows?: Record<string, WorkflowChange>;
  };
}

/** `GET /metadata` items and `GET /integrations/:integrationType`. */
export interface IntegrationMetadata {
  type: string;
  name: string;
  icon?: string;
  brandColor: string;
  shortDescription: string;
  longDescription: string;
  availableUserSettings: ConnectInput[];
  availableWorkflows: WorkflowMeta[];
  hiddenWorkflows: WorkflowMeta[];
}

/** `POST|DELETE /projects/:projectId/sdk/workflows/:workflowId` */
/** One run of a workflow for one account, in its task history. */
export interface WorkflowRun {
  id: string;
  workflowId: string;
  credentialId: string;
  trigger: 'request' | 'event' | 'schedule' | 'integrationEnabled' | 'webhook';
  /** `dead`: it failed and no attempt is left; `queued` again between attempts. */
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'dead';
  attempts: number;
  error?: string;
  dateCreated: string;
  dateStarted?: string;
  dateEnded?: string;
  durationMs?: number;
}

/** `GET /projects/:projectId/sdk/credentials/:credentialId/runs`, newest first. */
export interface WorkflowRunsResponse {
  runs: WorkflowRun[];
  /** Give it as `before` for the next page; null on the last. */
  nextCursor: string | null;
}

export interface WorkflowStateResponse {
  workflowId: string;
  credentialId: string;
  enabled: boolean;
}

export type OAuthFlowStatus = 'created' | 'started' | 'exchanging' | 'completed' | 'failed' | 'cancelled';

/** `POST /projects/:projectId/sdk/oauth/flows`: start connecting an OAuth account. */
export interface CreateOAuthFlowRequest {
  integrationId: string;
  accountType?: string;
  /** Values asked before the sign-in (a shop name, a subdomain). */
  preOptions?: Record<string, ConnectInputValue>;
  installOptions?: { selectedCredentialId?: string; externalId?: string };
}

/** An OAuth sign-in, as `POST …/oauth/flows` and `GET …/oauth/flows/:id?wait=25` answer it. */
export interface OAuthFlowState {
  id: string;
  integrationType: string;
  status: OAuthFlowStatus;
  /** Open this in the sign-in window (once), while the flow is `created`. */
  startUrl?: string;
  credentialId?: string;
  error?: { code: ErrorCode; message: string };
  expiresAt: string;
}

/** Every error the server answers with. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}
