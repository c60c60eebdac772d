/**
 * The typed surface of the `paragon` object: Paragon's SDK API (`@useparagon/connect` 2.4,
 * `../shared/reference/paragon-sdk.md` §3) as this bridge serves it. Types only; `paragon.ts`
 * builds the object.
 */
import type { ConnectInput, ConnectInputValue, EnumOption } from '../../protocol/src/inputs.js';
import type { AccountType, ConnectCredential, CredentialConfiguration, DataSourceDescriptor, IntegrationInfo } from '../../protocol/src/rest.js';
import type { Embedding } from './embedding.js';
import type { FileDescriptor, FilePickerRequest, VendorPickerToken } from '../../protocol/src/files.js';
import type { ConnectUser, InstallStage, IntegrationInstallEvent, SdkEventName, SdkEventPayloads } from '../../protocol/src/rpc.js';

export type { ConnectUser, FileDescriptor, IntegrationInstallEvent, SdkEventName, SdkEventPayloads, VendorPickerToken };

export interface CompleteInstallOptions {
  /** The code the provider sent to the app's redirect URI. */
  authorizationCode: string;
  /** `false`: the portal is not opened on the integration after the install. */
  showPortalAfterInstall?: boolean;
  /** The redirect URI the code was issued for; the Connect server's `/oauth/callback` when absent. */
  redirectUrl?: string;
  /** The PKCE verifier, if the app's authorization request sent a challenge (not in Paragon's SDK). */
  codeVerifier?: string;
  integrationOptions?: {
    installOptions?: { externalId?: string; selectedCredentialId?: string; allowMultipleCredentials?: boolean; accountType?: string };
  };
}

export interface ParagonOptions {
  /** Origin of the Connect server, such as `https://connect.example.com` (or set it with `configureGlobal`). */
  connectUrl?: string;
  /**
   * Where the portal lives: `frameEmbedding()` (the default), a modal cross-origin iframe;
   * `frameEmbedding({ container })`, that iframe inline in `container`, as tall as its content;
   * `elementEmbedding(element)` (from `./element`), an in-page `<paragon-connect-portal>`.
   */
  embedding?: Embedding;
}

export type EventListener<K extends SdkEventName = SdkEventName> = (payload: SdkEventPayloads[K], user: ConnectUser) => void;

/** Which account (and which of its configurations) a call is about; by id, `externalId` or `ext:<externalId>`. */
export interface CredentialOptions {
  /** The account; the user's first VALID one of the integration when absent. */
  selectedCredentialId?: string;
  /** The account's configuration; its default one when absent. */
  selectedConfigurationId?: string;
}

/** A dropdown's options given by the host app: a list, or a loader of pages. */
export type DropdownSource =
  EnumOption[] | { loadOptions(cursor?: string, search?: string): Promise<{ options: EnumOption[]; nextPageCursor?: string | null }> };

/** The host app's own dropdown options (`setDataSources`); each registration replaces the previous one. */
export interface DataSources {
  /** For every integration, by dropdown key. */
  dropdowns?: Record<string, DropdownSource>;
  /** For one integration, by its type; over the global ones. */
  integrations?: Record<string, { dropdowns?: Record<string, DropdownSource> }>;
}

/** Callbacks of one `connect()`; unlike Paragon's, they stay while that portal is open. */
export interface ConnectCallbacks {
  /** The portal opened. */
  onOpen?: EventListener<'onPortalOpen'>;
  /** The portal closed; the promise of `connect()` resolves then. */
  onClose?: EventListener<'onPortalClose'>;
  /** An account of the portal's integration was connected while it is open. */
  onInstall?: EventListener<'onIntegrationInstall'>;
  /** Paragon's fallback for `onInstall`. */
  onSuccess?: EventListener<'onIntegrationInstall'>;
  /** An account of the portal's integration was disconnected while it is open. */
  onUninstall?: EventListener<'onIntegrationUninstall'>;
  /** A workflow of the portal's integration was turned on or off while it is open. */
  onWorkflowChange?: EventListener<'onWorkflowChange'>;
  /** Settings of the portal's integration were saved while it is open. */
  onSettingsChange?: EventListener<'onSettingsChange'>;
  /** The portal could not open, or (`installIntegration`) the account could not be connected; the promise rejects with it too. */
  onError?: (error: Error) => void;
}

export interface ConnectParams extends ConnectCallbacks {
  /** The account to show first (its id or `externalId`). */
  selectedCredentialId?: string;
  /** An account connected from this portal is of this type: the choice of account type is skipped. */
  accountType?: string;
  /** An account connected from this portal carries this id from your own system (see `getUser()`). */
  externalId?: string;
  /** Options of the CUSTOM_DROPDOWN inputs, by key, for this portal. */
  dropdowns?: Record<string, DropdownSource>;
}

/**
 * `new paragon.ExternalFilePicker(type, options)`: Paragon's `FilePickerOptions`. The picker is
 * ours, in the portal: it browses the account through the Connect server, so no provider token
 * reaches this page.
 */
export interface FilePickerOptions extends FilePickerRequest {
  /** The account to browse (its id or `externalId`); the user's first VALID one when absent. */
  selectedCredentialId?: string;
  /** The picker opened. */
  onOpen?: EventListener<'onPortalOpen'>;
  /** The picker closed, after `onFileSelect` or `onCancel`. */
  onClose?: EventListener<'onPortalClose'>;
  /** The user chose these: each checked by the server to be the account's own. */
  onFileSelect?: (files: FileDescriptor[]) => void;
  /** The user closed the picker without choosing. */
  onCancel?: () => void;
  /** The picker could not open (no account of the integration, the portal unreachable). */
  onError?: (error: Error) => void;
}

/** `picker.init(options)`: Paragon's vendor keys (`developerKey`, `appId`, `folderId`) are not needed by our picker and are ignored. */
export interface FilePickerInitOptions {
  /** The account to browse, over the constructor's; the user's first VALID one when neither names one. */
  selectedCredentialId?: string;
  /**
   * Use the vendor's own picker (Box Content Picker...) instead of ours: `init` gets a token of
   * only the scopes the integration's `files.vendorPicker` names, short-lived, from the provider,
   * and `getInstance()` answers it; `open()` then does nothing (answers `false`), and the host opens
   * the vendor's picker with that token. It is in this page: see docs/file-picker.md.
   */
  vendor?: boolean;
  /** Paragon's Google Picker key: accepted and ignored (our picker needs none). */
  developerKey?: string;
  /** Paragon's Google Picker app id: accepted and ignored. */
  appId?: string;
  /** Paragon's Box start folder: accepted and ignored (our picker starts at the root). */
  folderId?: string;
}

export interface FilePicker {
  /** Resolves `true` once the picker can open. */
  init(options?: FilePickerInitOptions): Promise<boolean>;
  /** Opens the picker; `false` before `init`. */
  open(): boolean;
  /** With `init({ vendor: true })`, the vendor picker's token; else `null` (our picker has no vendor object). */
  getInstance(): VendorPickerToken | null;
}

export interface InstallIntegrationOptions extends Omit<ConnectCallbacks, 'onOpen' | 'onClose'> {
  /** Connect another account when one is connected already. */
  allowMultipleCredentials?: boolean;
  /** Replace this account (its settings and workflows stay). */
  selectedCredentialId?: string;
  /** A label from your own system for the new account. */
  externalId?: string;
  accountType?: string;
  /** Give up on the sign-in window after this many ms. */
  oauthTimeout?: number;
}

/** A step of `installFlow`, as `onNext` receives it (Paragon's `InstallFlowStage`). */
export type InstallFlowStage = InstallStage & {
  done: boolean;
  /** The instruction step's button: finishes it. */
  finish?: { type: 'finishButton'; label: string; onClick(): Promise<void> };
};

export interface InstallFlowStartOptions extends Omit<
  InstallIntegrationOptions,
  'onSuccess' | 'onInstall' | 'onUninstall' | 'onWorkflowChange' | 'onSettingsChange' | 'onError'
> {
  onNext?(stage: InstallFlowStage): void;
  onComplete?(event: IntegrationInstallEvent): void;
  onError?(error: Error, context: { stage: Exclude<InstallStage['stage'], 'done'> } | null): void;
}

export interface InstallFlow {
  start(integrationType: string, options?: InstallFlowStartOptions): void;
  setAccountType(accountTypeId: string): Promise<void>;
  setPreOptions(values: Record<string, ConnectInputValue>): Promise<void>;
  setPostOptions(values: Record<string, ConnectInputValue>): Promise<void>;
  cancel(): Promise<void>;
  /** The step the flow is at. */
  next(): InstallFlowStage | undefined;
  getAccountTypeValue(): string | null;
  getPreOptionsValue(): Record<string, ConnectInputValue> | null;
  getPostOptionsValue(): Record<string, ConnectInputValue> | null;
}

export interface IntegrationMetadata {
  type: string;
  name: string;
  icon?: string;
  brandColor: string;
}

export interface IntegrationConfig {
  shortDescription: string;
  longDescription: string;
  availableUserSettings: ConnectInput[];
  availableWorkflows: unknown[];
  hiddenWorkflows: unknown[];
}

export interface Paragon {
  /** Points the SDK at a Connect server: an origin (`https://connect.example.com`) or, as in Paragon, a bare host name. */
  configureGlobal(options: { host: string }): void;
  /**
   * Starts the session with a user token (RS256 JWT) your backend signed; `metadata` is saved on the user.
   * Called again for the same user (with a fresh token, or to pick up a change made elsewhere, such as
   * in a second embedding on the page), it reloads the user's state behind what the portal shows, with
   * no loading screen in between.
   */
  authenticate(projectId: string, userToken: string, options?: { metadata?: Record<string, unknown> }): Promise<void>;
  /** The signed-in user and every integration's accounts (`allCredentials`); never the token. Synchronous. */
  getUser(): ConnectUser;
  /** Saves `meta` as the signed-in user's metadata on the server; resolves with the user reloaded. */
  setUserMetadata(meta: Record<string, unknown>): Promise<ConnectUser>;
  /** Headless: the portal is never shown; render your own UI with `installFlow` and the helpers. */
  setHeadless(headless: boolean): void;
  /** The portal's theme and language, at any time. */
  setAppearance(appearance: { theme?: 'light' | 'dark' | 'auto'; locale?: string }): Promise<void>;
  /** The version of this bridge (`0.1.0`). */
  getVersion(): string;
  /** Calls `listener` on every SDK event of that name, from any portal; answers a function that unsubscribes it. Throws on an unknown event name. */
  subscribe<K extends SdkEventName>(event: K, listener: EventListener<K>): () => boolean;
  /** Stops calling `listener` on that event; `false` if it was not subscribed. */
  unsubscribe<K extends SdkEventName>(event: K, listener: EventListener<K>): boolean;
  /** Opens the portal on an integration (or the catalog, without one). Resolves when it closes, with the install if an account was connected. */
  connect(integrationType?: string, params?: ConnectParams): Promise<IntegrationInstallEvent | undefined>;
  /** Closes the open portal, if any; `connect()`'s promise resolves then. */
  closePortal(): Promise<void>;
  /** Connects an account without the portal's catalog: the sign-in window at once for OAuth, else the portal's steps. */
  installIntegration(integrationType: string, options?: InstallIntegrationOptions): Promise<IntegrationInstallEvent | undefined>;
  /** Disconnects an account of the integration (the selected one, else the first valid one), with its settings and workflows. */
  uninstallIntegration(integrationType: string, options?: CredentialOptions): Promise<void>;
  /**
   * Connects an account from an authorization code the app obtained itself (a marketplace install):
   * the server exchanges it. Opens the portal on the integration after, unless `showPortalAfterInstall` is false.
   */
  completeInstall(integrationType: string, options: CompleteInstallOptions): Promise<void>;
  /** Turns a workflow on for an account of its integration. */
  enableWorkflow(workflowId: string, options?: CredentialOptions): Promise<void>;
  /** Turns a workflow off for an account of its integration. */
  disableWorkflow(workflowId: string, options?: CredentialOptions): Promise<void>;
  /** Turns several workflows on or off (by id), one after another; the failures are collected in `errors`, not thrown. */
  updateWorkflowState(
    changes: Record<string, boolean>,
    options?: CredentialOptions,
  ): Promise<{ user: ConnectUser; errors: { workflowId: string; message: string }[] }>;
  /** Triggers a request workflow as the account; resolves with its answer. */
  workflow(
    workflowId: string,
    request?: { body?: unknown; headers?: Record<string, string>; query?: Record<string, string> } & CredentialOptions,
  ): Promise<unknown>;
  /** Sends an app event: runs every workflow listening to `name`, for each account that turned it on. */
  event(name: string, payload: Record<string, unknown>, options?: CredentialOptions): Promise<void>;
  /** Calls the integration's API at `path` as the account, through the Connect server (see docs/proxy.md); the provider token never reaches the page. */
  request<T = unknown>(
    integrationType: string,
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> } & CredentialOptions,
  ): Promise<T>;
  /** The integration with the account's credential; its secrets never leave the server (`includeAccountAuth` is ignored). */
  getIntegrationAccount(
    integrationType: string,
    options?: CredentialOptions & { includeAccountAuth?: boolean },
  ): Promise<IntegrationInfo & { credential: ConnectCredential }>;
  /** Adds a configuration (a separate set of settings and workflows) to an account. */
  createConfiguration(options: { credentialId: string; externalId?: string }): Promise<CredentialConfiguration>;
  /** Saves `meta` on a configuration of an account. */
  updateConfiguration(options: { id: string; credentialId: string; meta: Record<string, unknown> }): Promise<CredentialConfiguration>;
  /** Deletes a configuration of an account. */
  destroyConfiguration(options: { id: string; credentialId: string }): Promise<void>;
  /** Saves the integration's user settings (by input id; `null` clears one) for the account; resolves with the user as saved. */
  updateIntegrationUserSettings(
    integrationType: string,
    settings: Record<string, ConnectInputValue | null>,
    options?: CredentialOptions,
  ): Promise<{ userState: ConnectUser; errors: string[] }>;
  /** Saves a workflow's user settings (by input id; `null` clears one) for the account; resolves with the user as saved. */
  updateWorkflowUserSettings(
    integrationType: string,
    workflowId: string,
    settings: Record<string, ConnectInputValue | null>,
    options?: CredentialOptions,
  ): Promise<{ userState: ConnectUser; errors: string[] }>;
  /** The integration's descriptions, user settings and workflows (the hidden ones apart), as the project configures them. Synchronous. */
  getIntegrationConfig(integrationType: string): IntegrationConfig;
  /** Every integration's type, name, icon and brand color; or one integration's, given its type. Synchronous. */
  getIntegrationMetadata(): IntegrationMetadata[];
  getIntegrationMetadata(integrationType: string): IntegrationMetadata;
  /** The integration's id on the Connect server, from its type. Synchronous. */
  getIntegrationId(integrationType: string): string;
  /** The account types the integration offers (for `installIntegration({ accountType })`). Synchronous. */
  getAccountTypeOptions(integrationType: string): AccountType[];
  /** The inputs asked before the sign-in, for that account type (`default` when absent). Synchronous. */
  getPreOptions(integrationType: string, accountTypeId?: string): ConnectInput[];
  /** The inputs asked after the sign-in. Synchronous. */
  getPostOptions(integrationType: string): ConnectInput[];
  /**
   * A page of a data source's options, read from the account: `action` (or `source.cacheKey`, or
   * `sourceType`) names the integration's data source; `parameters` give the values of the
   * dropdowns it depends on.
   */
  getFieldOptions(
    options: {
      integration: string;
      action?: string;
      source?: { cacheKey: string };
      sourceType?: string;
      search?: string;
      cursor?: string | number | false;
      parameters?: { key: string; source: { type?: string; value?: unknown } }[];
    } & CredentialOptions,
  ): Promise<{ data: EnumOption[]; nestedData: never[]; nextPageCursor: string | null }>;
  /** The integration's data source of that key, as Paragon describes it, or undefined. */
  getDataSourceOptions(integrationType: string, sourceKey: string): Promise<DataSourceDescriptor | undefined>;
  /** `{ kind: 'single', source }` when the input's `sourceType` names one of the integration's data sources, else null. */
  getSourcesForInput(integrationType: string, input: ConnectInput): { kind: 'single'; source: DataSourceDescriptor } | null;
  /** Options of CUSTOM_DROPDOWN inputs, by key, for every portal (`connect({ dropdowns })` adds to them for one). */
  setDataSources(sources: DataSources): void;
  /** The account's own URL for a webhook-triggered workflow: it carries a token, so the server makes it. */
  getCustomWebhookUserManualUrl(workflowId: string, credentialId?: string): Promise<string>;
  /** Headless connection of an account, step by step (Paragon's `installFlow`): `start`, then the `set...` of each stage `onNext` names. */
  installFlow: InstallFlow;
  /**
   * A file picker for an integration whose config has `files` (with or without `new`). Throws
   * `UserNotAuthenticatedError` before `authenticate`, and `"<type>'s file picker is not supported"`
   * for any other integration.
   */
  ExternalFilePicker: {
    new (integrationType: string, options?: FilePickerOptions): FilePicker;
    (integrationType: string, options?: FilePickerOptions): FilePicker;
  };
  /** Removes the portal, its frame and every listener; a later `authenticate` starts afresh. */
  destroy(): Promise<void>;
}
