/**
 * Connecting one account, step by step, the same way for the portal's own screens and for a host
 * that renders its own (`paragon.installFlow`): choose the account type → read the instructions →
 * give the values asked before connecting → sign in with the provider (OAuth) → answer what is
 * asked after → done. `nextStage` says which step comes next from what was done so far (as
 * Paragon's `installFlow.next()` does); `InstallFlow` performs each step against the server.
 *
 * The OAuth step never depends on the sign-in window talking back: the window is only pointed at
 * the server's start page; the outcome is read from the server (a long poll), so the step ends
 * even when the provider severs the window's opener or the browser partitions storage. A window
 * closed early is noticed and reported, but the step keeps listening (a severed opener looks
 * closed too) until the sign-in ends, times out, or is cancelled.
 */
import { ConnectError } from '../../../protocol/src/errors.js';
import type { ConnectInput, ConnectInputValue } from '../../../protocol/src/inputs.js';
import type { AccountType, ConnectCredential, IntegrationInfo, OAuthFlowState } from '../../../protocol/src/rest.js';
import type { InstallStage, InstallStageName } from '../../../protocol/src/rpc.js';
import type { RestClient } from './rest-client.js';

export type { InstallStage } from '../../../protocol/src/rpc.js';
type StageName = InstallStageName;

export interface InstallOptions {
  /** Skip the account-type choice. */
  accountType?: string;
  /** Replace (or reconnect) this account instead of adding one. */
  selectedCredentialId?: string;
  /** A label for the new account. */
  externalId?: string;
  /** Finish this PENDING account's post-install step. */
  pendingCredentialId?: string;
  /** Give up on the sign-in window after this many ms (`OAuthTimeoutError`). */
  oauthTimeout?: number;
}

/** What was done so far. */
export interface InstallProgress {
  accountType?: AccountType;
  instructionsDone?: boolean;
  preOptions?: Record<string, ConnectInputValue>;
  credential?: ConnectCredential;
  postOptionsDone?: boolean;
}

const isOAuth = (integration: IntegrationInfo) => integration.authenticationType === 'oauth';

/** The inputs asked before connecting, for the chosen account type. */
export function preInstallInputs(integration: IntegrationInfo, accountType: AccountType | undefined): ConnectInput[] {
  const config = integration.sdkIntegrationConfig;
  return [...(isOAuth(integration) ? config.oauthInputs : config.authConfigInputs), ...(accountType?.endUserSuppliedValues ?? [])];
}

/**
 * The name of the step while no account exists (`nextStage` adds what it shows): the account type,
 * the instructions, the values asked first, then the provider's sign-in (`oauth`); `undefined` when
 * the values given connect the account without a sign-in. The host bridge asks this alone, to open
 * the sign-in window in the host's click, so it carries no stage's content.
 */
export function stepBeforeAccount(integration: IntegrationInfo, progress: InstallProgress): InstallStageName | undefined {
  const config = integration.sdkIntegrationConfig;
  if (!progress.accountType && config.accountTypes.length > 1) return 'accountType';
  if (config.instructions && !progress.instructionsDone) return 'instruction';
  const inputs = preInstallInputs(integration, progress.accountType ?? config.accountTypes[0]);
  if (inputs.length > 0 && !progress.preOptions) return 'preOptions';
  return isOAuth(integration) || inputs.length === 0 ? 'oauth' : undefined;
}

/** The step after `progress`, as a pure function of the integration and what was done. */
export function nextStage(integration: IntegrationInfo, progress: InstallProgress): InstallStage {
  const config = integration.sdkIntegrationConfig;
  const step = progress.credential ? undefined : stepBeforeAccount(integration, progress);
  if (step === 'accountType') return { stage: step, options: config.accountTypes };
  if (step === 'instruction') return { stage: step, ...config.instructions! };
  if (step === 'preOptions') return { stage: step, options: preInstallInputs(integration, progress.accountType ?? config.accountTypes[0]) };
  if (step === 'oauth') return { stage: step };
  const skip = progress.accountType?.skipPostOAuthInputs;
  if (progress.credential?.status === 'PENDING' && !skip && !progress.postOptionsDone)
    return { stage: 'postOptions', options: config.postOauthInputs };
  return { stage: 'done' };
}

/**
 * The window the provider's sign-in runs in, as the flow needs it: pointed at the server's start
 * page, watched for being closed, closed at the end. A pop-up of this page (`popupWindow`), or,
 * for a headless install driven from the host page, the host bridge's pop-up over the bridge.
 */
export interface SignInWindow {
  navigate(url: string): void;
  readonly closed: boolean;
  close(): void;
}

/** A pop-up window this page opened (in the user's click), as a `SignInWindow`; `null` when it was blocked. */
export function popupWindow(popup: Window | null): SignInWindow | null {
  return (
    popup && {
      navigate: (url) => (popup.location.href = url),
      get closed() {
        return popup.closed;
      },
      close: () => popup.close(),
    }
  );
}

/** How the OAuth step stands while the sign-in window is open. */
export interface SignInState {
  flowId: string;
  /** The window looks closed (closed by the user, or severed from us by the provider's page). */
  windowClosed: boolean;
}

const LONG_POLL_SECONDS = 25;

/**
 * One account being connected. Calls that move the flow answer once the next stage is known;
 * `stage`, `busy`, `signIn` and `error` can be read at any time, and every change is announced
 * with a `change` event.
 */
export class InstallFlow extends EventTarget {
  readonly progress: InstallProgress = { instructionsDone: false, postOptionsDone: false };
  stage: InstallStage;
  busy = false;
  signIn: SignInState | undefined;
  /** Why the last step failed, for the stage it failed in. */
  error: ConnectError | undefined;
  private readonly aborted = new AbortController();
  /** The step in progress, so that a retry waits for it to settle. */
  private running: Promise<void> | undefined;

  constructor(
    private readonly client: RestClient,
    readonly integration: IntegrationInfo,
    readonly options: InstallOptions = {},
    /** Called with the account once it is VALID: the runtime reloads the user and tells the host. */
    private readonly onConnected: (credential: ConnectCredential) => Promise<void>,
    pending?: ConnectCredential,
  ) {
    super();
    const types = integration.sdkIntegrationConfig.accountTypes;
    if (options.accountType !== undefined) {
      const chosen = types.find((type) => type.id === options.accountType);
      if (!chosen) throw new ConnectError('invalid_argument', `${integration.name} has no account type "${options.accountType}".`);
      this.progress.accountType = chosen;
    } else if (types.length === 1) {
      this.progress.accountType = types[0];
    }
    if (pending) this.progress.credential = pending;
    this.stage = nextStage(integration, this.progress);
  }

  get ended(): boolean {
    return this.aborted.signal.aborted || this.stage.stage === 'done';
  }

  /** Runs one step: busy meanwhile, the next stage after, or the error kept for the stage it failed in. */
  private step(expected: StageName, work: () => Promise<void>): Promise<void> {
    if (this.ended) return Promise.reject(new ConnectError('no_active_install_flow', 'This install flow has ended; start a new one.'));
    if (this.busy || this.stage.stage !== expected) {
      const where = this.busy ? `busy with "${this.stage.stage}"` : `at "${this.stage.stage}"`;
      return Promise.reject(new ConnectError('invalid_argument', `The install flow is ${where}, not ready for "${expected}".`));
    }
    this.busy = true;
    this.error = undefined;
    this.changed();
    this.running = (async () => {
      try {
        await work();
        this.stage = nextStage(this.integration, this.progress);
        if (this.stage.stage === 'done' && this.progress.credential) await this.onConnected(this.progress.credential);
      } catch (error) {
        this.error = this.aborted.signal.aborted
          ? new ConnectError('oauth_cancelled', 'The install was cancelled.')
          : error instanceof ConnectError
            ? error
            : new ConnectError('internal_error', String(error));
        throw this.error;
      } finally {
        this.busy = false;
        this.changed();
      }
    })();
    return this.running;
  }

  setAccountType(accountTypeId: string): Promise<void> {
    return this.step('accountType', async () => {
      const chosen = this.integration.sdkIntegrationConfig.accountTypes.find((type) => type.id === accountTypeId);
      if (!chosen) throw new ConnectError('invalid_argument', `${this.integration.name} has no account type "${accountTypeId}".`);
      this.progress.accountType = chosen;
    });
  }

  finishInstructions(): Promise<void> {
    return this.step('instruction', async () => {
      this.progress.instructionsDone = true;
    });
  }

  /** The values asked before connecting. Without OAuth, this connects the account. */
  setPreOptions(values: Record<string, ConnectInputValue>): Promise<void> {
    return this.step('preOptions', async () => {
      if (isOAuth(this.integration)) {
        this.progress.preOptions = values;
        return;
      }
      this.progress.credential = await this.client.createCredential({
        integrationId: this.integration.id,
        payload: values,
        installOptions: {
          ...(this.options.selectedCredentialId ? { selectedCredentialId: this.options.selectedCredentialId } : {}),
          ...(this.options.externalId ? { externalId: this.options.externalId } : {}),
          ...(this.progress.accountType ? { accountType: this.progress.accountType.id } : {}),
        },
      });
      this.progress.preOptions = values;
    });
  }

  /**
   * Signs in with the provider in `popup`, a window the caller opened in the user's click
   * (`about:blank`; opened any later, browsers block it). `null` means it was blocked.
   */
  startOAuth(popup: SignInWindow | null): Promise<void> {
    return this.step('oauth', async () => {
      if (!popup) throw new ConnectError('popup_blocked', 'The browser blocked the sign-in window; allow pop-ups for this site and try again.');
      let flow: OAuthFlowState;
      try {
        flow = await this.client.createOAuthFlow({
          integrationId: this.integration.id,
          ...(this.progress.accountType ? { accountType: this.progress.accountType.id } : {}),
          ...(this.progress.preOptions ? { preOptions: this.progress.preOptions } : {}),
          installOptions: {
            ...(this.options.selectedCredentialId ? { selectedCredentialId: this.options.selectedCredentialId } : {}),
            ...(this.options.externalId ? { externalId: this.options.externalId } : {}),
          },
        });
        popup.navigate(flow.startUrl!);
        await this.awaitSignIn(flow.id, () => popup.closed);
      } finally {
        // The callback page closes itself after a sign-in; this closes it after anything else.
        if (!popup.closed) popup.close();
      }
    });
  }

  /**
   * Starts the sign-in, or starts it again in a new window after the first was closed or failed:
   * an earlier sign-in still open on the server is cancelled first.
   */
  async retryOAuth(popup: SignInWindow | null): Promise<void> {
    const { signIn } = this;
    if (signIn) await this.client.cancelOAuthFlow(signIn.flowId).catch(() => undefined);
    await this.running?.catch(() => undefined);
    return this.startOAuth(popup);
  }

  /**
   * Reads the flow's outcome from the server until it ends. `isWindowClosed` is checked between
   * polls only to tell the user; it never ends the wait on its own.
   */
  private async awaitSignIn(flowId: string, isWindowClosed: () => boolean): Promise<void> {
    this.signIn = { flowId, windowClosed: false };
    this.changed();
    const deadline = this.options.oauthTimeout ? Date.now() + this.options.oauthTimeout : Infinity;
    const watcher = setInterval(() => {
      if (this.signIn && !this.signIn.windowClosed && isWindowClosed()) {
        this.signIn = { ...this.signIn, windowClosed: true };
        this.changed();
      }
    }, 500);
    try {
      for (;;) {
        const wait = Math.max(1, Math.min(LONG_POLL_SECONDS, Math.floor((deadline - Date.now()) / 1000)));
        const flow = await this.client.getOAuthFlow(flowId, wait, this.aborted.signal);
        if (flow.status === 'completed') {
          this.progress.credential = await this.client.getCredential(flow.credentialId!);
          return;
        }
        if (flow.status === 'failed' || flow.status === 'cancelled') {
          throw new ConnectError(flow.error?.code ?? 'internal_error', flow.error?.message ?? 'The sign-in did not complete.');
        }
        if (Date.now() >= deadline) {
          await this.client.cancelOAuthFlow(flowId).catch(() => undefined);
          throw new ConnectError('oauth_timeout', 'The sign-in took longer than allowed; try again.');
        }
      }
    } finally {
      clearInterval(watcher);
      this.signIn = undefined;
    }
  }

  /** The values asked after connecting; they finish the account's setup. */
  setPostOptions(values: Record<string, ConnectInputValue>): Promise<void> {
    return this.step('postOptions', async () => {
      this.progress.credential = await this.client.completeSetup(this.progress.credential!.id, values);
      this.progress.postOptionsDone = true;
    });
  }

  /**
   * Stops the flow: a sign-in in progress is cancelled on the server, and an account this flow
   * created but did not finish (PENDING) is removed, as Paragon's `installFlow.cancel()` does.
   */
  async cancel(): Promise<void> {
    if (this.ended) return;
    const { signIn } = this;
    this.aborted.abort();
    if (signIn) await this.client.cancelOAuthFlow(signIn.flowId).catch(() => undefined);
    const credential = this.progress.credential;
    if (credential?.status === 'PENDING' && !this.options.pendingCredentialId) {
      await this.client.uninstall(this.integration.id, credential.id).catch(() => undefined);
    }
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}
