/**
 * The portal runtime: the one owner of the session (user token, user state, integrations).
 * Elements render what it holds and call its methods; they never fetch on their own. Every
 * change is announced with a `change` event, pushed to the host as the new user state, and, where
 * Paragon has one, fired as an SDK event.
 */
import { ConnectError, isSessionError } from '../../../protocol/src/errors.js';
import { withAllConfigurations, type ConnectCredential, type ConnectInputValue, type IntegrationInfo, type MeResponse } from '../../../protocol/src/rest.js';
import type { AuthenticatedConnectUser, ConnectUser, HostMethods, SdkEvent, SessionHandOver } from '../../../protocol/src/rpc.js';
import { RestClient, type Fetch } from './rest-client.js';

export type RuntimeStatus = 'signed-out' | 'loading' | 'ready' | 'session-expired' | 'failed';

type EventWithoutSeq = SdkEvent extends infer E ? (E extends SdkEvent ? Omit<E, 'seq'> : never) : never;

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

export class PortalRuntime extends EventTarget {
  status: RuntimeStatus = 'signed-out';
  /** Why the runtime is `failed` or `session-expired`. */
  error: ConnectError | undefined;
  user: ConnectUser = { authenticated: false };
  integrations: IntegrationInfo[] = [];

  private client: RestClient | undefined;
  private host: Partial<HostMethods> = {};
  private seq = 0;

  constructor(private readonly fetcher: Fetch = (...args) => fetch(...args)) {
    super();
  }

  /** Where events and user-state pushes go (the host bridge, once it has connected). */
  attachHost(host: Partial<HostMethods>): void {
    this.host = host;
  }

  integration(type: string): IntegrationInfo | undefined {
    return this.integrations.find((integration) => integration.type === type);
  }

  /** Starts a session; resolves with the user state, or rejects with the server's reason. */
  async authenticate(session: SessionHandOver, baseUrl = session.connectUrl): Promise<ConnectUser> {
    this.client = new RestClient({ baseUrl, projectId: session.projectId, token: session.token }, this.fetcher);
    this.setStatus('loading');
    try {
      const [me, integrations] = await Promise.all([this.client.getMe(), this.client.getIntegrations()]);
      this.integrations = integrations;
      this.applyMe(session.projectId, subjectOf(session.token), me);
      this.setStatus('ready');
      return this.user;
    } catch (error) {
      throw this.fail(error);
    }
  }

  /** Connects a new account with the values of the integration's auth inputs (an API key). */
  async connectAccount(integration: IntegrationInfo, payload: Record<string, ConnectInputValue>): Promise<ConnectCredential> {
    const client = this.requireClient();
    try {
      const credential = await client.createCredential({ integrationId: integration.id, payload });
      await this.refresh();
      this.emit({
        name: 'onIntegrationInstall',
        payload: { integrationId: integration.id, integrationType: integration.type, credentialId: credential.id, credential },
      });
      return credential;
    } catch (error) {
      throw this.fail(error);
    }
  }

  /** Turns a workflow on or off for one account; the switch moves at once and moves back on failure. */
  async setWorkflowEnabled(integration: IntegrationInfo, credentialId: string, workflowId: string, enabled: boolean): Promise<void> {
    const client = this.requireClient();
    const before = this.user;
    this.user = withWorkflowState(before, integration.type, credentialId, workflowId, enabled);
    this.changed();
    try {
      await client.setWorkflowEnabled(workflowId, credentialId, enabled);
    } catch (error) {
      this.user = before;
      this.changed();
      throw this.fail(error);
    }
    this.host.setUser?.(this.user);
    this.emit({
      name: 'onWorkflowChange',
      payload: {
        integrationId: integration.id,
        integrationType: integration.type,
        credentialId,
        workflowId,
        workflowStateChange: { enabled },
      },
    });
  }

  /** Fires `onPortalOpen` / `onPortalClose` for an integration. */
  emitPortalEvent(name: 'onPortalOpen' | 'onPortalClose', integration: IntegrationInfo): void {
    this.emit({ name, payload: { integrationId: integration.id, integrationType: integration.type } });
  }

  /** Reloads the user's accounts and settings from the server. */
  async reload(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      throw this.fail(error);
    }
  }

  private async refresh(): Promise<void> {
    const user = this.user as AuthenticatedConnectUser;
    this.applyMe(user.projectId, user.userId, await this.requireClient().getMe());
  }

  private applyMe(projectId: string, userId: string, me: MeResponse): void {
    const integrations = Object.fromEntries(Object.entries(me.integrations).map(([type, state]) => [type, withAllConfigurations(state)]));
    this.user = { authenticated: true, projectId, userId, meta: me.meta, integrations };
    this.host.setUser?.(this.user);
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
      this.host.setUser?.(this.user);
      this.error = connectError;
      this.setStatus('session-expired');
    } else if (this.status === 'loading') {
      this.error = connectError;
      this.setStatus('failed');
    }
    return connectError;
  }

  private emit(event: EventWithoutSeq): void {
    this.host.emit?.({ ...event, seq: ++this.seq } as SdkEvent);
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

/** A copy of `user` with one workflow of one credential's default configuration set. */
function withWorkflowState(user: ConnectUser, type: string, credentialId: string, workflowId: string, enabled: boolean): ConnectUser {
  if (!user.authenticated) return user;
  const state = user.integrations[type];
  if (!state) return user;
  const allCredentials = state.allCredentials.map((credential) =>
    credential.id !== credentialId
      ? credential
      : {
          ...credential,
          configurations: credential.configurations.map((configuration) =>
            !configuration.isDefault
              ? configuration
              : {
                  ...configuration,
                  workflowSettings: {
                    ...configuration.workflowSettings,
                    [workflowId]: { ...(configuration.workflowSettings[workflowId] ?? { settings: {} }), enabled },
                  },
                },
          ),
        },
  );
  return { ...user, integrations: { ...user.integrations, [type]: withAllConfigurations({ ...state, allCredentials }) } };
}
