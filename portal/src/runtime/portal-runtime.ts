/**
 * The portal runtime: the one owner of the session (user token, user state, integrations).
 * Elements render what it holds and call its methods; they never fetch on their own. Every
 * change is announced with a `change` event, pushed to the host as the new user state, and, where
 * Paragon has one, fired as an SDK event carrying the account's credential id.
 *
 * Writes are optimistic: the state changes at once, the server is asked, and on a refusal the
 * state goes back and the error (with the field it is about, when the server named one) is
 * thrown to the element that asked.
 */
import { ConnectError, isSessionError } from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import type { FileDescriptor } from '../../../protocol/src/files.js';
import {
  withAllConfigurations,
  type ConnectCredential,
  type CreateCredentialRequest,
  type CredentialConfiguration,
  type IntegrationInfo,
  type MeResponse,
  type SDKIntegration,
} from '../../../protocol/src/rest.js';
import type { AuthenticatedConnectUser, ConnectUser, SdkEvent, SessionHandOver } from '../../../protocol/src/rpc.js';
import type { HostHandle } from './serve-host.js';
import { InstallFlow, type InstallOptions } from './install-flow.js';
import { RestClient, type Fetch } from './rest-client.js';

export type RuntimeStatus = 'signed-out' | 'loading' | 'ready' | 'session-expired' | 'failed';

type EventWithoutSeq = SdkEvent extends infer E ? (E extends SdkEvent ? Omit<E, 'seq'> : never) : never;

/** A change to one configuration: shared settings, or one workflow's switch or settings. */
export type SettingsChange =
  | { kind: 'shared'; settings: Record<string, ConnectInputValue | null> }
  | { kind: 'workflow'; workflowId: string; enabled?: boolean; settings?: Record<string, ConnectInputValue | null> };

/** The `sub` of a JWT, read without verifying it: the server verifies, this is only for display. */
function subjectOf(token: string): string {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const sub = (JSON.parse(atob(payload)) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : '';
  } catch {
    return '';
  }
}

/** The origin of an http(s) URL; `undefined` for anything else, whose origin (`null`) names no server. */
function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** `values` with `changes` applied: a value replaces, `null` removes (as the server merges). */
function merged<V>(values: Record<string, V>, changes: Record<string, V | null>): Record<string, V> {
  const next = { ...values };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

/** A configuration with a change applied, as the server will store it. */
function applyChange(configuration: CredentialConfiguration, change: SettingsChange): CredentialConfiguration {
  if (change.kind === 'shared') return { ...configuration, sharedSettings: merged(configuration.sharedSettings, change.settings) };
  const before = configuration.workflowSettings[change.workflowId] ?? { enabled: false, settings: {} };
  return {
    ...configuration,
    workflowSettings: {
      ...configuration.workflowSettings,
      [change.workflowId]: {
        enabled: change.enabled ?? before.enabled,
        settings: change.settings ? merged(before.settings, change.settings) : before.settings,
      },
    },
  };
}

export class PortalRuntime extends EventTarget {
  status: RuntimeStatus = 'signed-out';
  /** Why the runtime is `failed` or `session-expired`. */
  error: ConnectError | undefined;
  user: ConnectUser = { authenticated: false };
  integrations: IntegrationInfo[] = [];

  private client: RestClient | undefined;
  /**
   * The Connect server's origin, once a session has started: where the REST calls go, and the
   * only origin the portal loads integration icons from (integration-icon.ts).
   */
  connectOrigin: string | undefined;
  /** The host bridge, once paired; events and state pushes go to it. */
  host: HostHandle | undefined;
  /** Headless (`paragon.setHeadless(true)`): the host renders its own UI and may drive `installFlow`. */
  headless = false;
  private seq = 0;

  constructor(private readonly fetcher: Fetch = (...args) => fetch(...args)) {
    super();
  }

  /** Where events and state pushes go (the host bridge, once it has connected; `undefined` once it left). */
  attachHost(host: HostHandle | undefined): void {
    this.host = host;
    if (host && this.user.authenticated) this.pushState();
  }

  /** Tells the host the user's state and the integrations, for `getUser()` and the synchronous helpers. */
  private pushState(): void {
    this.host?.setState({ user: this.user, integrations: this.integrations });
  }

  integration(type: string): IntegrationInfo | undefined {
    return this.integrations.find((integration) => integration.type === type || integration.id === type);
  }

  /** The user's state of one integration (its accounts), if signed in. */
  state(type: string): SDKIntegration | undefined {
    return this.user.authenticated ? this.user.integrations[type] : undefined;
  }

  /**
   * Starts a session; resolves with the user state, or rejects with the server's reason. The same
   * user signing in again (a host with a fresh token, or one asking for the latest state after a
   * change made elsewhere) keeps what is shown while it loads, and sees it refreshed.
   */
  async authenticate(session: SessionHandOver, baseUrl = session.connectUrl): Promise<ConnectUser> {
    const { user } = this;
    const userId = subjectOf(session.token);
    const sameUser = this.status === 'ready' && user.authenticated && user.projectId === session.projectId && user.userId === userId;
    this.client = new RestClient({ baseUrl, projectId: session.projectId, token: session.token }, this.fetcher);
    this.connectOrigin = httpOrigin(baseUrl);
    if (!sameUser) this.setStatus('loading');
    try {
      const [me, integrations] = await Promise.all([this.client.getMe(), this.client.getIntegrations()]);
      this.integrations = integrations;
      this.applyMe(session.projectId, userId, me);
      this.setStatus('ready');
      return this.user;
    } catch (error) {
      throw this.fail(error);
    }
  }

  /** Reloads the user's accounts and settings from the server. */
  async reload(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      throw this.fail(error);
    }
  }

  /**
   * Refuses to connect a second account of an integration unless asked to (or replacing one), as
   * Paragon's `installIntegration` and `installFlow.start` do.
   */
  assertInstallable(
    integration: IntegrationInfo,
    { allowMultipleCredentials = false, selectedCredentialId }: { allowMultipleCredentials?: boolean; selectedCredentialId?: string },
  ): void {
    if (allowMultipleCredentials || selectedCredentialId || !this.state(integration.type)?.allCredentials.length) return;
    throw new ConnectError(
      'integration_already_installed',
      `${integration.name} is already connected; pass allowMultipleCredentials: true to connect another account.`,
    );
  }

  /**
   * Starts connecting an account of `integration`. The flow reports its own progress; once the
   * account is VALID the user state reloads and the host hears `onIntegrationInstall`.
   */
  beginInstall(integration: IntegrationInfo, options: InstallOptions = {}): InstallFlow {
    const client = this.requireClient();
    const pending = options.pendingCredentialId
      ? this.state(integration.type)?.allCredentials.find((credential) => credential.id === options.pendingCredentialId)
      : undefined;
    if (options.pendingCredentialId && pending?.status !== 'PENDING') {
      throw new ConnectError('invalid_argument', `Credential "${options.pendingCredentialId}" has no setup step left.`);
    }
    return new InstallFlow(client, integration, options, (credential) => this.announceInstall(integration, credential), pending);
  }

  /** `paragon.completeInstall`: the server exchanges a code the host app obtained; the host hears `onIntegrationInstall`. */
  async completeInstall(integration: IntegrationInfo, request: Omit<CreateCredentialRequest, 'integrationId'>): Promise<ConnectCredential> {
    const credential = await this.withClient((client) => client.createCredential({ integrationId: integration.id, ...request }));
    await this.announceInstall(integration, credential);
    return credential;
  }

  private async announceInstall(integration: IntegrationInfo, credential: ConnectCredential): Promise<void> {
    await this.reload();
    this.emit({
      name: 'onIntegrationInstall',
      payload: { integrationId: integration.id, integrationType: integration.type, credentialId: credential.id, credential },
    });
  }

  /** Disconnects one account; its settings and workflows go with it. */
  async uninstall(integration: IntegrationInfo, credentialId: string): Promise<void> {
    const client = this.requireClient();
    try {
      await client.uninstall(integration.id, credentialId);
      await this.refresh();
    } catch (error) {
      throw this.fail(error);
    }
    this.emit({ name: 'onIntegrationUninstall', payload: { integrationId: integration.id, integrationType: integration.type, credentialId } });
  }

  /**
   * Saves a change to one account's settings (its default configuration, or `configurationId`):
   * shown at once, taken back if the server refuses it.
   */
  async saveSettings(integration: IntegrationInfo, credentialId: string, change: SettingsChange, configurationId?: string): Promise<void> {
    const client = this.requireClient();
    const before = this.user;
    const configuration = this.configurationOf(integration.type, credentialId, configurationId);
    this.user = this.withConfiguration(integration.type, credentialId, applyChange(configuration, change));
    this.changed();
    try {
      if (change.kind === 'workflow' && change.enabled !== undefined && !change.settings) {
        await client.setWorkflowEnabled(change.workflowId, credentialId, change.enabled, configurationId);
      } else {
        const config =
          change.kind === 'shared'
            ? { sharedSettings: change.settings }
            : {
                workflowSettings: {
                  [change.workflowId]: {
                    ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
                    ...(change.settings ? { settings: change.settings } : {}),
                  },
                },
              };
        const saved = await client.updateCredential(credentialId, { config }, configurationId);
        this.user = this.withCredential(integration.type, saved);
      }
    } catch (error) {
      this.user = before;
      this.changed();
      throw this.fail(error);
    }
    this.pushState();
    this.changed();
    const ids = { integrationId: integration.id, integrationType: integration.type, credentialId };
    if (change.kind === 'shared') {
      this.emit({ name: 'onSettingsChange', payload: { ...ids, configurationId: configuration.id, settings: change.settings } });
    } else {
      const { enabled, settings } = change;
      this.emit({
        name: 'onWorkflowChange',
        payload: {
          ...ids,
          workflowId: change.workflowId,
          workflowStateChange: { ...(enabled !== undefined ? { enabled } : {}), ...(settings ? { settings } : {}) },
        },
      });
    }
  }

  /** Turns a workflow on or off for one account; the switch moves at once and moves back on failure. */
  setWorkflowEnabled(integration: IntegrationInfo, credentialId: string, workflowId: string, enabled: boolean): Promise<void> {
    return this.saveSettings(integration, credentialId, { kind: 'workflow', workflowId, enabled });
  }

  /** The integration of that type (or id), or `IntegrationNotFoundError`. */
  requireIntegration(type: string): IntegrationInfo {
    const integration = this.integration(type);
    if (!integration) throw new ConnectError('integration_not_found', `There is no integration "${type}" in this project.`);
    return integration;
  }

  /**
   * The account a call targets: the one named (by id or `externalId`, also as `ext:<externalId>`),
   * else the first VALID one, as in Paragon; `IntegrationNotInstalledError` when there is none.
   */
  requireCredential(type: string, selectedCredentialId?: string): ConnectCredential {
    const credentials = this.state(type)?.allCredentials ?? [];
    const externalId = selectedCredentialId?.replace(/^ext:/, '');
    const credential = selectedCredentialId
      ? credentials.find((candidate) => candidate.id === selectedCredentialId || candidate.externalId === externalId)
      : (credentials.find((candidate) => candidate.status === 'VALID') ?? credentials[0]);
    if (!credential) {
      const which = selectedCredentialId ? `no account "${selectedCredentialId}" of ${type}` : `no ${type} account connected`;
      throw new ConnectError('integration_not_installed', `The user has ${which}.`);
    }
    return credential;
  }

  /** Merges `meta` into the user's metadata (`null` removes a key) and answers the user. */
  async setUserMetadata(meta: Record<string, unknown>): Promise<ConnectUser> {
    const user = this.user as AuthenticatedConnectUser;
    try {
      this.applyMe(user.projectId, user.userId, await this.requireClient().patchMe(meta));
    } catch (error) {
      throw this.fail(error);
    }
    return this.user;
  }

  /** Runs a call of the REST client, turning a rejected token into the end of the session. */
  async withClient<T>(work: (client: RestClient) => Promise<T>): Promise<T> {
    try {
      return await work(this.requireClient());
    } catch (error) {
      throw this.fail(error);
    }
  }

  /** The file picker's outcome for the host: `onFileSelect` with what the user chose, or (no `files`) `onCancel`. */
  emitPickerEvent(integration: IntegrationInfo, credentialId: string, files?: FileDescriptor[]): void {
    const ids = { integrationId: integration.id, integrationType: integration.type };
    this.emit(files ? { name: 'onFileSelect', payload: { ...ids, credentialId, files } } : { name: 'onCancel', payload: ids });
  }

  /** Fires `onPortalOpen` / `onPortalClose` for an integration, or with empty ids for the catalog. */
  emitPortalEvent(name: 'onPortalOpen' | 'onPortalClose', integration: IntegrationInfo | undefined): void {
    this.emit({ name, payload: { integrationId: integration?.id ?? '', integrationType: integration?.type ?? '' } });
  }

  private configurationOf(type: string, credentialId: string, configurationId?: string): CredentialConfiguration {
    const credential = this.state(type)?.allCredentials.find((candidate) => candidate.id === credentialId);
    const configuration = credential?.configurations.find((candidate) => (configurationId ? candidate.id === configurationId : candidate.isDefault));
    if (!configuration) throw new ConnectError('credential_not_found', `There is no account "${credentialId}" to save settings to.`);
    return configuration;
  }

  /** The user state with one configuration replaced. */
  private withConfiguration(type: string, credentialId: string, configuration: CredentialConfiguration): ConnectUser {
    const credential = this.state(type)!.allCredentials.find((candidate) => candidate.id === credentialId)!;
    return this.withCredential(type, {
      ...credential,
      configurations: credential.configurations.map((candidate) => (candidate.id === configuration.id ? configuration : candidate)),
    });
  }

  /** The user state with one credential replaced, and the integration's summary fields kept in step. */
  private withCredential(type: string, credential: ConnectCredential): ConnectUser {
    const user = this.user as AuthenticatedConnectUser;
    const state = user.integrations[type]!;
    const allCredentials = state.allCredentials.map((candidate) =>
      candidate.id === credential.id ? { ...credential, config: undefined } : candidate,
    );
    const selected = state.credentialId === credential.id ? credential.configurations.find((configuration) => configuration.isDefault) : undefined;
    const summary = selected ? { sharedSettings: selected.sharedSettings, workflowSettings: selected.workflowSettings } : {};
    return { ...user, integrations: { ...user.integrations, [type]: withAllConfigurations({ ...state, ...summary, allCredentials }) } };
  }

  private async refresh(): Promise<void> {
    const user = this.user as AuthenticatedConnectUser;
    this.applyMe(user.projectId, user.userId, await this.requireClient().getMe());
  }

  private applyMe(projectId: string, userId: string, me: MeResponse): void {
    const integrations = Object.fromEntries(Object.entries(me.integrations).map(([type, state]) => [type, withAllConfigurations(state)]));
    this.user = { authenticated: true, projectId, userId, meta: me.meta, integrations };
    this.pushState();
    this.changed();
  }

  private requireClient(): RestClient {
    if (!this.client || this.status !== 'ready') {
      throw new ConnectError('not_authenticated', 'The portal has no session; the host must call paragon.authenticate first.');
    }
    return this.client;
  }

  /** Records a failure; a rejected token ends the session. Returns the error to rethrow. */
  private fail(error: unknown): ConnectError {
    const connectError = error instanceof ConnectError ? error : new ConnectError('internal_error', String(error));
    if (isSessionError(connectError.code)) {
      this.client = undefined;
      this.user = { authenticated: false };
      this.pushState();
      this.error = connectError;
      this.setStatus('session-expired');
    } else if (this.status === 'loading') {
      this.error = connectError;
      this.setStatus('failed');
    }
    return connectError;
  }

  private emit(event: EventWithoutSeq): void {
    this.host?.emit({ ...event, seq: ++this.seq } as SdkEvent);
  }

  private setStatus(status: RuntimeStatus): void {
    this.status = status;
    if (status !== 'failed' && status !== 'session-expired') this.error = undefined;
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
