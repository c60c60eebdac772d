/**
 * The RPC contract between the host bridge (in the host page) and the portal runtime
 * (in `<paragon-connect-portal>`, in-page or in a cross-origin iframe), carried by `port-rpc.ts`.
 *
 * It is a fixed, versioned allow-list, not generic RPC: each side exposes exactly the methods
 * typed here and validates every argument on receipt; errors cross as `{ name, code, message }`,
 * never with a stack.
 */
import { ConnectError, type SerializedError } from './errors.js';
import { parseFilePickerRequest, type FileDescriptor, type FilePickerRequest } from './files.js';
import type { ConnectInput, ConnectInputValue, EnumOption } from './inputs.js';
import type { AccountType, ConnectCredential, InstallInstructions, IntegrationInfo, SDKIntegration, UserMeta } from './rest.js';

/** How long the bridge waits for the portal to answer the handshake. */
export const HANDSHAKE_TIMEOUT_MS = 15_000;

/** Paragon's global event names, in `paragon.subscribe(name, listener)`. */
export const SDK_EVENTS = [
  'onIntegrationInstall',
  'onIntegrationUninstall',
  'onWorkflowChange',
  'onPortalOpen',
  'onPortalClose',
  /** Not in Paragon's SDK: an account's settings were saved. */
  'onSettingsChange',
] as const;

export type SdkEventName = (typeof SDK_EVENTS)[number];

/** The file picker's own events: `FilePickerOptions` callbacks of the picker that opened, never global. */
export const PICKER_EVENTS = ['onFileSelect', 'onCancel'] as const;

export type PickerEventName = (typeof PICKER_EVENTS)[number];

export interface IntegrationEvent {
  /** Empty in the open and close events of the catalog. */
  integrationId: string;
  integrationType: string;
}

export interface IntegrationInstallEvent extends IntegrationEvent {
  credentialId: string;
  credential?: ConnectCredential;
}

export interface WorkflowChangeEvent extends IntegrationEvent {
  credentialId: string;
  workflowId: string;
  /** What changed: the switch, or the workflow's settings (the new values). */
  workflowStateChange: { enabled?: boolean; settings?: Record<string, ConnectInputValue | null> };
}

/** An account's shared settings were saved; `settings` holds the new values (`null`: cleared). */
export interface SettingsChangeEvent extends IntegrationEvent {
  credentialId: string;
  configurationId: string;
  settings: Record<string, ConnectInputValue | null>;
}

export interface SdkEventPayloads {
  onIntegrationInstall: IntegrationInstallEvent;
  onIntegrationUninstall: IntegrationInstallEvent;
  onWorkflowChange: WorkflowChangeEvent;
  onPortalOpen: IntegrationEvent;
  onPortalClose: IntegrationEvent;
  onSettingsChange: SettingsChangeEvent;
  onFileSelect: FileSelectEvent;
  onCancel: IntegrationEvent;
}

/** The user chose `files` in the file picker. */
export interface FileSelectEvent extends IntegrationEvent {
  credentialId: string;
  files: FileDescriptor[];
}

/** An event the portal fires; `seq` grows by one per event so a host can spot gaps or repeats. */
export type SdkEvent = {
  [K in keyof SdkEventPayloads]: { name: K; payload: SdkEventPayloads[K]; seq: number };
}[keyof SdkEventPayloads];

export interface AuthenticatedConnectUser {
  authenticated: true;
  projectId: string;
  userId: string;
  meta: UserMeta;
  integrations: Record<string, SDKIntegration>;
}

/** What `paragon.getUser()` returns. Unlike Paragon's, it never carries the user token. */
export type ConnectUser = { authenticated: false } | AuthenticatedConnectUser;

/** The session the host hands to the portal; the token goes nowhere but the Connect server. */
export interface SessionHandOver {
  projectId: string;
  token: string;
  /** Origin of the Connect server; the framed portal ignores it and uses its own origin. */
  connectUrl: string;
}

export interface OpenRequest {
  /** The integration to show; absent for the catalog of every integration. */
  integrationType?: string;
  selectedCredentialId?: string;
  /** A new account connected from this opening is of this type (the choice is skipped)... */
  accountType?: string;
  /** ...and carries this id from the host's own system. */
  externalId?: string;
  /**
   * Open straight on connecting an account (`installIntegration` of an integration with steps
   * before or after its sign-in): a new one (a second only with `allowMultipleCredentials`), a
   * replacement of `selectedCredentialId`, or (`finish`) the last step of that PENDING account.
   */
  install?: { allowMultipleCredentials?: boolean; oauthTimeout?: number; finish?: boolean };
  /** Open the file picker of `integrationType` on the account `selectedCredentialId` (else the first VALID one). */
  filePicker?: FilePickerRequest;
}

/** What the portal pushes to the host after every change: the user, and the integrations for the synchronous helpers. */
export interface PortalState {
  user: ConnectUser;
  integrations: IntegrationInfo[];
}

/** How the portal looks and behaves, settable at any time over the bridge. */
export interface PortalSettings {
  theme?: 'light' | 'dark' | 'auto';
  /** A language tag, such as `de` or `ja-JP`. */
  locale?: string;
  /** Load the runtime without showing it: the host renders its own UI (`paragon.setHeadless`). */
  headless?: boolean;
  /**
   * Keys of the dropdowns whose options the host app gives (`setDataSources`, `connect({ dropdowns })`):
   * under `''` for every integration, under an integration's type for that one only.
   */
  dropdowns?: Record<string, string[]>;
}

/** A step of connecting an account (Paragon's `InstallFlowStage`, without its functions). */
export type InstallStage =
  | { stage: 'accountType'; options: AccountType[] }
  | { stage: 'instruction'; content: string; ctas: InstallInstructions['ctas'] }
  | { stage: 'preOptions'; options: ConnectInput[] }
  | { stage: 'oauth' }
  /** `credentialId`: the account, connected and PENDING until these are given. */
  | { stage: 'postOptions'; options: ConnectInput[]; credentialId?: string }
  | { stage: 'done' };

export type InstallStageName = InstallStage['stage'];

/** Progress of a headless install (`paragon.installFlow`): a new stage, the account connected, or an error in a stage. */
export type InstallFlowUpdate = { stage: InstallStage } | { complete: IntegrationInstallEvent } | { error: SerializedError; stage: InstallStageName };

/**
 * The portal's methods, called by the host bridge. The SDK's own methods (`setUserMetadata`,
 * `enableWorkflow`, `installFlow.start`...) all go through `sdk(name, args)`: the portal keeps the
 * allow-list of names and checks every argument (portal/src/runtime/sdk-methods.ts).
 */
export interface PortalMethods {
  authenticate(session: SessionHandOver): PortalState;
  open(request: OpenRequest): null;
  close(): null;
  configure(settings: PortalSettings): null;
  sdk(method: string, args: unknown[]): unknown;
  /** The host's sign-in window (of a headless install) was closed, or looks closed. */
  signInClosed(): null;
}

/** The host bridge's methods, called by the portal. */
export interface HostMethods {
  /** The portal serves this port and is ready for calls. */
  ready(): void;
  emit(event: SdkEvent): void;
  setState(state: PortalState): void;
  /** One page of a host-given dropdown's options, for a dropdown of that integration. */
  loadOptions(
    key: string,
    query: { search: string; cursor: string | null },
    integrationType: string,
  ): { options: EnumOption[]; nextCursor: string | null };
  /** Drives the host's sign-in window of a headless install: point it at a URL, or close it. */
  signIn(action: 'navigate' | 'close', url?: string): void;
  installFlow(update: InstallFlowUpdate): void;
  /** The portal's content height, for an inline frame that follows it. */
  resize(height: number): void;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isShortString = (value: unknown, max = 256): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

function invalid(message: string): never {
  throw new ConnectError('invalid_argument', message);
}

export function parseSessionHandOver(value: unknown): SessionHandOver {
  if (!isRecord(value)) invalid('authenticate expects { projectId, token, connectUrl }.');
  const { projectId, token, connectUrl } = value;
  if (!isShortString(projectId)) invalid('projectId must be a non-empty string of at most 256 characters.');
  if (!isShortString(token, 16_384)) invalid('token must be a non-empty string (a signed user token).');
  if (typeof connectUrl !== 'string' || !/^https?:\/\/[^/]+$/.test(connectUrl)) {
    invalid('connectUrl must be an origin such as https://connect.example.com.');
  }
  return { projectId, token, connectUrl };
}

/** `value[key]` when it is absent or a short string; else an `invalid_argument` naming it. */
function optionalString(value: Record<string, unknown>, key: string): string | undefined {
  const field = value[key];
  if (field !== undefined && !isShortString(field)) invalid(`${key} must be a non-empty string when given.`);
  return field as string | undefined;
}

export function parseOpenRequest(value: unknown): OpenRequest {
  if (!isRecord(value)) invalid('open expects { integrationType?, selectedCredentialId?, accountType?, externalId?, install?, filePicker? }.');
  const request: OpenRequest = {
    integrationType: optionalString(value, 'integrationType'),
    selectedCredentialId: optionalString(value, 'selectedCredentialId'),
    accountType: optionalString(value, 'accountType'),
    externalId: optionalString(value, 'externalId'),
  };
  if (value.install !== undefined) {
    if (!isRecord(value.install)) invalid('install must be an object when given.');
    const { allowMultipleCredentials, oauthTimeout, finish } = value.install;
    for (const [name, flag] of Object.entries({ allowMultipleCredentials, finish })) {
      if (flag !== undefined && typeof flag !== 'boolean') invalid(`install.${name} must be true or false.`);
    }
    if (oauthTimeout !== undefined && !(typeof oauthTimeout === 'number' && oauthTimeout > 0))
      invalid('install.oauthTimeout must be a number of milliseconds.');
    if (finish && !request.selectedCredentialId) invalid('install.finish needs the selectedCredentialId of the account to finish.');
    request.install = {
      allowMultipleCredentials: allowMultipleCredentials as boolean | undefined,
      oauthTimeout,
      finish: finish as boolean | undefined,
    };
  }
  if (value.filePicker !== undefined) {
    if (!request.integrationType) invalid('filePicker needs the integrationType whose files to browse.');
    request.filePicker = parseFilePickerRequest(value.filePicker);
  }
  return request;
}

export function parsePortalSettings(value: unknown): PortalSettings {
  if (!isRecord(value)) invalid('configure expects { theme?, locale?, headless?, dropdowns? }.');
  const { theme, headless, dropdowns } = value;
  if (theme !== undefined && theme !== 'light' && theme !== 'dark' && theme !== 'auto') invalid('theme must be "light", "dark" or "auto".');
  if (headless !== undefined && typeof headless !== 'boolean') invalid('headless must be true or false.');
  const keyLists = isRecord(dropdowns) ? Object.values(dropdowns) : [];
  const isKeyList = (keys: unknown) => Array.isArray(keys) && keys.length <= 500 && keys.every((key) => isShortString(key));
  if (dropdowns !== undefined && (!isRecord(dropdowns) || keyLists.length > 500 || !keyLists.every(isKeyList))) {
    invalid('dropdowns must map "" or an integration type to a list of dropdown keys.');
  }
  return { theme, locale: optionalString(value, 'locale'), headless, dropdowns: dropdowns as Record<string, string[]> | undefined };
}

export const isSdkEventName = (name: unknown): name is SdkEventName => (SDK_EVENTS as readonly unknown[]).includes(name);

/*
 * What the host bridge receives comes on a private port whose other end only the portal holds
 * (a window of another origin cannot post on it), so these checks guard against a portal of
 * another version rather than an attacker: the bridge uses nothing that fails them.
 */

/** An event the bridge can dispatch, or `null`: a known name with an object payload. */
export const parseSdkEvent = (value: unknown): SdkEvent | null =>
  isRecord(value) && (isSdkEventName(value.name) || (PICKER_EVENTS as readonly unknown[]).includes(value.name)) && isRecord(value.payload)
    ? (value as SdkEvent)
    : null;

/** A state push the bridge can keep, or `null`: a user that says whether it is signed in, and the integrations. */
export const parsePortalState = (value: unknown): PortalState | null =>
  isRecord(value) && isRecord(value.user) && typeof value.user.authenticated === 'boolean' && Array.isArray(value.integrations)
    ? (value as unknown as PortalState)
    : null;
