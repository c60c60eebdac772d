/**
 * Connecting an account driven from the host page (`paragon.installFlow`, `installIntegration`):
 * the same `InstallFlow` as the portal's own screens, with the host's UI in place of ours. The
 * one thing the portal cannot do for the host is open the sign-in window: a browser allows that
 * only in the host page's own click. So the host bridge opens it (when the step it is asked for
 * leads to the sign-in) and says so; the flow then drives that window over the bridge
 * (`signIn('navigate', url)`), learns it closed from `signInClosed()`, and reads the outcome from
 * the server as always. Stages the flow reaches after the sign-in, and its errors, are reported
 * with `installFlow(update)`.
 *
 * Headless installs are rare, so this is its own file (`dist/portal/headless-install.<hash>.js`),
 * loaded the first time a host starts one (`load-headless-install.ts`). It imports types only: the
 * errors it throws are the bundle's own `ConnectError`, handed over, so that the bridge's
 * serializer knows them.
 */
import type * as Errors from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import type { InstallStage } from '../../../protocol/src/rpc.js';
import type { InstallFlow, InstallOptions, SignInWindow } from './install-flow.js';
import type { PortalRuntime } from './portal-runtime.js';

export interface HeadlessStartOptions extends InstallOptions {
  /** Connect another account even though one is connected already. */
  allowMultipleCredentials?: boolean;
}

/** What the file uses of the bundle's error module. */
export type ErrorKit = Pick<typeof Errors, 'ConnectError' | 'serializeError'>;

export class HeadlessInstall {
  private flow: InstallFlow | undefined;
  private windowClosed = false;

  constructor(
    private readonly runtime: PortalRuntime,
    private readonly errors: ErrorKit,
  ) {}

  private get host() {
    const host = this.runtime.host;
    if (!host) throw new this.errors.ConnectError('not_connected', 'No host bridge is connected.');
    return host;
  }

  /** The host's sign-in window, driven over the bridge. */
  private signInWindow(): SignInWindow {
    const closed = () => this.windowClosed;
    return {
      navigate: (url) => this.host.signIn('navigate', url),
      get closed() {
        return closed();
      },
      close: () => this.host.signIn('close'),
    };
  }

  private requireFlow(): InstallFlow {
    if (!this.flow || this.flow.ended)
      throw new this.errors.ConnectError('no_active_install_flow', 'There is no install flow in progress; call installFlow.start first.');
    return this.flow;
  }

  /**
   * After a step: the stage reached, with the sign-in started in the host's window when it is
   * the OAuth stage (or `OAuthBlockedError` when the host could not open one).
   */
  private async after(flow: InstallFlow, windowOpened: boolean): Promise<InstallStage> {
    if (flow.stage.stage === 'done') this.report(flow, false);
    if (flow.stage.stage !== 'oauth') return flow.stage;
    if (!windowOpened)
      throw new this.errors.ConnectError(
        'popup_blocked',
        'The browser blocked the sign-in window; call this step in a click handler, and allow pop-ups.',
      );
    this.windowClosed = false;
    flow.startOAuth(this.signInWindow()).then(
      () => this.report(flow, true),
      (error: unknown) => {
        if (flow === this.flow) this.runtime.host?.installFlow({ error: this.errors.serializeError(error), stage: 'oauth' });
      },
    );
    return flow.stage;
  }

  /**
   * Tells the host what the flow reached without being asked (`withStage`: the stage after the
   * sign-in), and the account once connected.
   */
  private report(flow: InstallFlow, withStage: boolean): void {
    if (flow !== this.flow) return;
    const credential = flow.progress.credential;
    if (withStage)
      this.runtime.host?.installFlow({ stage: flow.stage.stage === 'postOptions' ? { ...flow.stage, credentialId: credential?.id } : flow.stage });
    if (flow.stage.stage === 'done' && credential) {
      const { integration } = flow;
      this.runtime.host?.installFlow({
        complete: { integrationId: integration.id, integrationType: integration.type, credentialId: credential.id, credential },
      });
    }
  }

  /** Starts connecting an account; `headlessOnly` (Paragon's `installFlow.start`) refuses outside headless mode. */
  async start(type: string, options: HeadlessStartOptions, windowOpened: boolean, { headlessOnly = true } = {}): Promise<InstallStage> {
    if (headlessOnly && !this.runtime.headless) {
      throw new this.errors.ConnectError('headless_mode_not_enabled', 'installFlow needs headless mode: call paragon.setHeadless(true) first.');
    }
    const integration = this.runtime.requireIntegration(type);
    this.runtime.assertInstallable(integration, options);
    await this.flow?.cancel();
    this.flow = this.runtime.beginInstall(integration, options);
    return this.after(this.flow, windowOpened);
  }

  async setAccountType(accountTypeId: string, windowOpened: boolean): Promise<InstallStage> {
    const flow = this.requireFlow();
    await flow.setAccountType(accountTypeId);
    return this.after(flow, windowOpened);
  }

  async finishInstructions(windowOpened: boolean): Promise<InstallStage> {
    const flow = this.requireFlow();
    await flow.finishInstructions();
    return this.after(flow, windowOpened);
  }

  async setPreOptions(values: Record<string, ConnectInputValue>, windowOpened: boolean): Promise<InstallStage> {
    const flow = this.requireFlow();
    await flow.setPreOptions(values);
    return this.after(flow, windowOpened);
  }

  async setPostOptions(values: Record<string, ConnectInputValue>): Promise<InstallStage> {
    const flow = this.requireFlow();
    await flow.setPostOptions(values);
    this.report(flow, false);
    return flow.stage;
  }

  async cancel(): Promise<void> {
    const flow = this.flow;
    this.flow = undefined;
    await flow?.cancel();
  }

  /** The host's sign-in window closed (or looks closed): noticed, and the flow keeps listening to the server. */
  signInClosed(): void {
    this.windowClosed = true;
  }
}
