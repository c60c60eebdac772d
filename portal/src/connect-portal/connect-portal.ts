import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { PortMessenger, type Connection, type Messenger } from 'penpal';
import { ConnectError, ErrorCode } from '../../../protocol/src/errors.js';
import type { IntegrationInfo, SDKIntegration } from '../../../protocol/src/rest.js';
import type { ConnectUser, HostMethods, OpenRequest, SessionHandOver } from '../../../protocol/src/rpc.js';
import { accountName } from '../account-list/account-list.js';
import type { ApiKeyForm } from '../api-key-form/api-key-form.js';
import type { AccountSelectEvent } from '../events/account-select.js';
import type { CredentialSubmitEvent } from '../events/credential-submit.js';
import type { WorkflowToggleEvent } from '../events/workflow-toggle.js';
import { PortalRuntime } from '../runtime/portal-runtime.js';
import { serveHost, type PortalController } from '../runtime/serve-host.js';
import { tokens } from '../styles/tokens.styles.js';
import { en } from '../translations/en.js';
import { connectPortalStyles } from './connect-portal.styles.js';

/**
 * The Connect Portal: one integration, its connected accounts, a form to connect another, and
 * the workflows of the selected account. The host drives it through the host bridge
 * (`paragon.authenticate`, `paragon.connect`); it owns the session and talks to the server.
 *
 * @summary Lets a user connect accounts and manage their workflows.
 * @csspart dialog - The modal `<dialog>` (display="modal").
 * @csspart panel - The portal's content box.
 * @cssproperty --paragon-color-accent - Buttons, switches and focus rings.
 * @cssproperty --paragon-color-surface - The background of the portal.
 * @cssproperty --paragon-color-text - Body text.
 * @cssproperty --paragon-font-family - The font.
 * @cssproperty --paragon-radius - Corner radius.
 */
export class ConnectPortal extends LitElement implements PortalController {
  static override styles = [tokens, connectPortalStyles];

  /** `modal`: hidden until opened, then shown in a native `<dialog>`. `inline`: rendered in place. */
  @property({ reflect: true }) display: 'modal' | 'inline' = 'modal';

  /** The integration type shown, such as `crm`; `paragon.connect(type)` sets it. */
  @property() integration = '';

  /** The account whose workflows are shown; the first valid account when empty. */
  @property({ attribute: 'selected-credential-id' }) selectedCredentialId = '';

  /** The session owner. Exposed for tests and headless use; the host talks to it over the bridge. */
  readonly runtime: PortalRuntime;

  @state() private connecting = false;
  @state() private connectError = '';
  @state() private workflowError = '';
  @state() private pendingWorkflows: ReadonlySet<string> = new Set();

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('paragon-api-key-form') private apiKeyForm?: ApiKeyForm;

  private hostConnection: Connection<HostMethods> | undefined;
  private readonly onRuntimeChange = () => this.requestUpdate();

  constructor(runtime = new PortalRuntime()) {
    super();
    this.runtime = runtime;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.runtime.addEventListener('change', this.onRuntimeChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime.removeEventListener('change', this.onRuntimeChange);
    this.hostConnection?.destroy();
    this.hostConnection = undefined;
  }

  /** Pairs with a host bridge over a `MessagePort` (element mode); the bridge calls this. */
  connectHost(port: MessagePort): void {
    this.serve(new PortMessenger({ port }));
  }

  /** Serves the bridge protocol over any penpal messenger (the framed page passes the parent window's). */
  serve(messenger: Messenger): void {
    this.hostConnection?.destroy();
    this.hostConnection = serveHost(messenger, this);
  }

  /** @internal Bridge method: hands the session over. */
  authenticate(session: SessionHandOver): Promise<ConnectUser> {
    // Framed, the portal is on the Connect server's origin: REST goes there, whatever the host says.
    return this.runtime.authenticate(session, this.framed ? location.origin : session.connectUrl);
  }

  /** @internal Bridge method: shows an integration (and opens the modal). */
  async open({ integrationType, selectedCredentialId }: OpenRequest): Promise<void> {
    const integration = this.runtime.integration(integrationType);
    if (!integration) throw new ConnectError(ErrorCode.integrationNotFound, en.integrationNotFound(integrationType));
    this.integration = integrationType;
    this.selectedCredentialId = selectedCredentialId ?? '';
    this.connectError = '';
    this.workflowError = '';
    // Another tab or embedding may have changed the accounts since the session started.
    await this.runtime.reload().catch(() => undefined);
    await this.updateComplete;
    if (this.display === 'modal' && !this.dialog?.open) this.dialog?.showModal();
    this.runtime.emitPortalEvent('onPortalOpen', integration);
  }

  /** @internal Bridge method: closes the modal. */
  close(): void {
    this.dialog?.close();
  }

  /** @internal */
  attachHost(host: HostMethods): void {
    this.runtime.attachHost(host);
  }

  private get framed(): boolean {
    return window.parent !== window && document.querySelector('meta[name="paragon-allowed-origins"]') !== null;
  }

  private get currentIntegration(): IntegrationInfo | undefined {
    return this.runtime.integration(this.integration);
  }

  private get integrationState(): SDKIntegration | undefined {
    const user = this.runtime.user;
    return user.authenticated ? user.integrations[this.integration] : undefined;
  }

  /** The shown account: the chosen one if it still exists, else the first valid one. */
  private get selectedCredential() {
    const credentials = this.integrationState?.allCredentials ?? [];
    return (
      credentials.find((credential) => credential.id === this.selectedCredentialId || credential.externalId === this.selectedCredentialId) ??
      credentials.find((credential) => credential.status === 'VALID')
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('integration')) this.pendingWorkflows = new Set();
  }

  protected override updated(): void {
    // Through the CSSOM, not a style attribute: a strict CSP (style-src 'self') allows only this.
    const brandColor = this.currentIntegration?.brandColor;
    if (brandColor) this.style.setProperty('--_brand', brandColor);
  }

  private onDialogClose = () => {
    const integration = this.currentIntegration;
    if (integration) this.runtime.emitPortalEvent('onPortalClose', integration);
  };

  private async onCredentialSubmit(event: CredentialSubmitEvent): Promise<void> {
    const integration = this.currentIntegration;
    if (!integration || this.connecting) return;
    this.connecting = true;
    this.connectError = '';
    try {
      const credential = await this.runtime.connectAccount(integration, event.detail.payload);
      this.selectedCredentialId = credential.id;
      this.apiKeyForm?.reset();
    } catch (error) {
      this.connectError = (error as Error).message;
    } finally {
      this.connecting = false;
    }
  }

  private async onWorkflowToggle(event: WorkflowToggleEvent): Promise<void> {
    const integration = this.currentIntegration;
    const credential = this.selectedCredential;
    if (!integration || !credential) return;
    const { workflowId, enabled } = event.detail;
    this.workflowError = '';
    this.pendingWorkflows = new Set([...this.pendingWorkflows, workflowId]);
    try {
      await this.runtime.setWorkflowEnabled(integration, credential.id, workflowId, enabled);
    } catch (error) {
      this.workflowError = en.saveFailed((error as Error).message);
    } finally {
      this.pendingWorkflows = new Set([...this.pendingWorkflows].filter((id) => id !== workflowId));
    }
  }

  private renderHeader(integration: IntegrationInfo) {
    const icon = integration.icon
      ? html`<img class="icon" src=${integration.icon} alt="" />`
      : html`<span class="icon icon--letter" aria-hidden="true">${integration.name.charAt(0)}</span>`;
    return html`
      <header>
        ${icon}
        <div class="title">
          <h2 id="title">${integration.name}</h2>
          <p class="description">${integration.configs[0]?.values.description}</p>
        </div>
        ${this.display === 'modal'
          ? html`<button class="close" type="button" aria-label=${en.close} @click=${() => this.close()}>×</button>`
          : nothing}
      </header>
    `;
  }

  private renderIntegration(integration: IntegrationInfo) {
    const state = this.integrationState;
    const credentials = state?.allCredentials ?? [];
    const selected = this.selectedCredential;
    const selectedIndex = selected ? credentials.indexOf(selected) : -1;
    const workflows = Object.values(integration.configs[0]?.values.workflowMeta ?? {});
    const workflowStates = selected?.configurations.find((configuration) => configuration.isDefault)?.workflowSettings ?? {};
    return html`
      ${this.renderHeader(integration)}
      <section aria-label=${en.connectedAccounts}>
        <paragon-account-list
          .credentials=${credentials}
          selected-id=${selected?.id ?? ''}
          @paragon-account-select=${(event: AccountSelectEvent) => (this.selectedCredentialId = event.detail.credentialId)}
        ></paragon-account-list>
      </section>
      <section aria-labelledby="connect-heading">
        <h3 id="connect-heading">${credentials.length ? en.connectAnotherAccount : en.connectAccount}</h3>
        <paragon-api-key-form
          .inputs=${integration.sdkIntegrationConfig.authConfigInputs}
          ?busy=${this.connecting}
          .serverError=${this.connectError}
          @paragon-credential-submit=${this.onCredentialSubmit}
        ></paragon-api-key-form>
      </section>
      <section aria-labelledby="workflows-heading">
        <h3 id="workflows-heading">${selected ? en.workflowsFor(accountName(selected, selectedIndex)) : en.workflows}</h3>
        ${selected ? nothing : html`<p class="message">${en.workflowsNeedAccount}</p>`}
        ${this.workflowError ? html`<p class="message message--error" role="alert">${this.workflowError}</p>` : nothing}
        <paragon-workflow-list
          .workflows=${workflows}
          .states=${workflowStates}
          .pending=${this.pendingWorkflows}
          ?disabled=${!selected}
          @paragon-workflow-toggle=${this.onWorkflowToggle}
        ></paragon-workflow-list>
      </section>
    `;
  }

  private renderContent() {
    const { status, error } = this.runtime;
    if (status === 'signed-out') return html`<p class="message" role="status">${en.waitingForHost}</p>`;
    if (status === 'loading') return html`<p class="message" role="status">${en.loading}</p>`;
    if (status === 'session-expired') return html`<p class="message message--error" role="alert">${en.sessionExpired}</p>`;
    if (status === 'failed') return html`<p class="message message--error" role="alert">${en.loadFailed} ${error?.message}</p>`;
    const integration = this.currentIntegration;
    if (!integration) {
      return this.integration ? html`<p class="message message--error" role="alert">${en.integrationNotFound(this.integration)}</p>` : nothing;
    }
    return this.renderIntegration(integration);
  }

  override render() {
    const panel = html`<div class="panel" part="panel">${this.renderContent()}</div>`;
    if (this.display === 'inline') return panel;
    return html`<dialog part="dialog" aria-labelledby="title" @close=${this.onDialogClose}>${panel}</dialog>`;
  }
}
