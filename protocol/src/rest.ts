/**
 * REST payloads of the Connect server, shaped like the Paragon Connect API
 * (`../shared/reference/paragon-sdk.md` §4 and §5) so the published SDK can talk to it.
 */

/** The header that names which of a user's credentials a call targets. */
export const CREDENTIAL_HEADER = 'X-Paragon-Credential';

export type CredentialStatus = 'PENDING' | 'VALID' | 'INVALID';

/** A user-setting or install-input value; the subset the portal supports so far. */
export type ConnectInputValue = string | number | boolean;

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

/** The input types the portal renders so far (reference §4.8 names them all). */
export type ConnectInputType =
  | 'TEXT_NO_VARS'
  | 'TEXTAREA_NO_VARS'
  | 'PASSWORD'
  | 'NUMBER'
  | 'EMAIL'
  | 'URL'
  | 'SWITCH'
  | 'BOOLEAN_INPUT'
  | 'ENUM';

export interface ConnectInput {
  id: string;
  type: ConnectInputType;
  title: string;
  subtitle?: string;
  placeholder?: string;
  required?: boolean;
  defaultValue?: ConnectInputValue;
  values?: { value: string; label: string }[];
}

export interface WorkflowMeta {
  id: string;
  description: string;
  infoText?: string;
  defaultEnabled?: boolean;
  hidden?: boolean;
  order?: number;
  inputs: ConnectInput[];
}

/** The per-integration portal configuration (Paragon's `ModalConfig`). */
export interface ModalConfig {
  accentColor?: string;
  description?: string;
  overview?: string;
  workflowMeta: Record<string, WorkflowMeta>;
  sharedMeta: { inputs: ConnectInput[] };
}

export type AuthenticationType = 'oauth' | 'basic' | 'api_key';

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
    /** Inputs collected before the credential is created (an API key, a subdomain...). */
    authConfigInputs: ConnectInput[];
    oauthInputs: ConnectInput[];
    postOauthInputs: ConnectInput[];
    accountTypes: { id: string; scheme: AuthenticationType }[];
    dataSources: Record<string, never>;
  };
}

/** `POST /projects/:projectId/sdk/credentials` */
export interface CreateCredentialRequest {
  integrationId: string;
  /** Values of the integration's `authConfigInputs`, keyed by input id. */
  payload: Record<string, ConnectInputValue>;
  config?: Record<string, never>;
  installOptions?: {
    /** A label from the host's own system for the new credential. */
    externalId?: string;
    allowMultipleCredentials?: boolean;
    /** Replace this credential's underlying account, keeping its settings and workflows. */
    selectedCredentialId?: string;
  };
}

/** `PATCH /projects/:projectId/sdk/credentials/:credentialId` */
export interface UpdateCredentialRequest {
  config: {
    /** Replaces the configuration's shared settings. */
    sharedSettings?: Record<string, ConnectInputValue>;
    /** Replaces the entry of each workflow named; workflows not named keep theirs. */
    workflowSettings?: Record<string, Partial<WorkflowState>>;
    /** Paragon's older name for `workflowSettings`. */
    configuredWorkflows?: Record<string, Partial<WorkflowState>>;
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
export interface WorkflowStateResponse {
  workflowId: string;
  credentialId: string;
  enabled: boolean;
}

/** Every error the server answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}
