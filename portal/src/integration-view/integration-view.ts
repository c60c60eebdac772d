import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConnectError } from '../../../protocol/src/errors.js';
import type { ConnectCredential, IntegrationInfo } from '../../../protocol/src/rest.js';
import { accountName } from '../account-list/account-list.js';
import { i18nContext } from '../context/portal-context.js';
import { RuntimeController } from '../context/runtime-controller.js';
import type { AccountSelectEvent } from '../events/account-select.js';
import type { InstallEndEvent } from '../events/install-end.js';
import type { SettingFieldOptions } from '../field-base/render-field.js';
import { brandStyle, renderIcon } from '../integration-icon/integration-icon.js';
import type { InstallFlow, InstallOptions } from '../runtime/install-flow.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n, type Message } from '../translations/i18n.js';
import { integrationViewStyles } from './integration-view.styles.js';

/**
 * One integration for the signed-in user: its connected accounts, a way to connect another, and
 * for the selected account its status and actions (disconnect, reconnect an INVALID one, finish
 * a PENDING one's setup), its settings and its workflows. Connecting runs in place, as an
 * `<paragon-install-flow>`.
 *
 * @summary Manages a user's accounts of one integration.
 * @csspart header - The integration's name, icon and description.
 * @csspart account - The selected account's section.
 */
export class IntegrationView extends LitElement {
  static override styles = [tokens, integrationViewStyles];
  /**
   * `focus()` moves to the first control inside: the portal focuses the view it switches to. (A
   * negative tabindex on the host instead would take everything inside out of the Tab order.)
   */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The integration shown. */
  @property({ attribute: false }) integration!: IntegrationInfo;

  /** The account to show first (its id or `externalId`); the first valid one when empty. */
  @property({ attribute: 'selected-credential-id' }) selectedCredentialId = '';

  /** How a new account is connected from here: its account type (the choice is skipped) and `externalId`. */
  @property({ attribute: false }) newAccount: Pick<InstallOptions, 'accountType' | 'externalId'> = {};

  /** Where dropdowns among settings take their options. */
  @property({ attribute: false }) sourceFor: SettingFieldOptions['sourceFor'] | undefined;

  private readonly session = new RuntimeController(this);

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n: I18n = createI18n('en');

  /** The install in progress, shown instead of the accounts. */
  @state() private flow: InstallFlow | undefined;
  @state() private confirmingDisconnect = false;
  @state() private disconnecting = false;
  @state() private actionError: Message | undefined;

  private get credentials(): ConnectCredential[] {
    return this.session.runtime?.state(this.integration.type)?.allCredentials ?? [];
  }

  /** The shown account: the chosen one if it still exists, else the first valid one, else the first. */
  private get selected(): ConnectCredential | undefined {
    const credentials = this.credentials;
    return (
      credentials.find((credential) => credential.id === this.selectedCredentialId || credential.externalId === this.selectedCredentialId) ??
      credentials.find((credential) => credential.status === 'VALID') ??
      credentials[0]
    );
  }

  /** Starts connecting: a new account (as `newAccount` says), or (with options) reconnecting or finishing one. */
  startInstall(options: InstallOptions = {}): void {
    if (!this.session.runtime) return;
    this.actionError = undefined;
    const adding = !options.selectedCredentialId && !options.pendingCredentialId;
    try {
      this.flow = this.session.runtime.beginInstall(this.integration, adding ? { ...this.newAccount, ...options } : options);
    } catch (error) {
      const { message } = error as ConnectError;
      this.actionError = () => message;
    }
  }

  private onInstallEnd(event: InstallEndEvent): void {
    this.flow = undefined;
    if (event.detail.credentialId) this.selectedCredentialId = event.detail.credentialId;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.connect')?.focus());
  }

  private async disconnect(credential: ConnectCredential): Promise<void> {
    if (!this.session.runtime) return;
    this.disconnecting = true;
    this.actionError = undefined;
    try {
      await this.session.runtime.uninstall(this.integration, credential.id);
      this.confirmingDisconnect = false;
      this.selectedCredentialId = '';
    } catch (error) {
      const { message } = error as ConnectError;
      this.actionError = ({ t }) => t.saveFailed(message);
    } finally {
      this.disconnecting = false;
    }
  }

  private renderHeader() {
    const { integration } = this;
    return html`<header part="header" ${brandStyle(integration.brandColor)}>
      ${renderIcon(integration, this.session.runtime?.connectOrigin)}
      <div class="title">
        <h2 id="integration-title">${integration.name}</h2>
        <p class="description">${integration.configs[0]?.values.description ?? ''}</p>
      </div>
    </header>`;
  }

  private renderAccountActions(credential: ConnectCredential, name: string) {
    const { t } = this.i18n;
    if (this.confirmingDisconnect) {
      return html`<div class="confirm" role="group" aria-labelledby="confirm-text">
        <p id="confirm-text">${t.disconnectConfirm(name)}</p>
        <div class="actions">
          <button type="button" class="danger" ?disabled=${this.disconnecting} @click=${() => this.disconnect(credential)}>
            ${this.disconnecting ? t.disconnecting : t.disconnect}
          </button>
          <button type="button" class="secondary" @click=${() => (this.confirmingDisconnect = false)}>${t.disconnectKeep}</button>
        </div>
      </div>`;
    }
    // Reconnecting signs in again (with this or another account) and keeps settings and workflows.
    return html`<div class="actions">
      <button type="button" class=${credential.status === 'INVALID' ? '' : 'secondary'} @click=${() => this.startInstall({ selectedCredentialId: credential.id })}>
        ${t.reconnect}
      </button>
      ${
        credential.status === 'PENDING'
          ? html`<button type="button" @click=${() => this.startInstall({ pendingCredentialId: credential.id })}>${t.finishSetup}</button>`
          : nothing
      }
      <button type="button" class="secondary" @click=${() => (this.confirmingDisconnect = true)}>${t.disconnect}</button>
    </div>`;
  }

  private renderAccount(credential: ConnectCredential) {
    const { t } = this.i18n;
    const index = this.credentials.indexOf(credential);
    const name = accountName(credential, index, this.i18n);
    const configuration = credential.configurations.find((candidate) => candidate.isDefault);
    const workflows = Object.values(this.integration.configs[0]?.values.workflowMeta ?? {});
    const settings = this.integration.configs[0]?.values.sharedMeta.inputs ?? [];
    const hint = credential.status === 'INVALID' ? t.reconnectHint : credential.status === 'PENDING' ? t.pendingHint : '';
    return html`<section class="account" part="account" aria-labelledby="account-heading">
      <h3 id="account-heading">${name}</h3>
      ${hint ? html`<p class="hint hint--${credential.status}">${hint}</p>` : nothing}
      ${this.renderAccountActions(credential, name)}
      ${this.actionError ? html`<p class="error" role="alert">${this.actionError(this.i18n)}</p>` : nothing}
      ${
        settings.length > 0
          ? html`<h4>${t.accountSettings}</h4>
            <paragon-settings-form
              .integration=${this.integration}
              credential-id=${credential.id}
              .inputs=${settings}
              .values=${configuration?.sharedSettings ?? {}}
              .sourceFor=${this.sourceFor}
            ></paragon-settings-form>`
          : nothing
      }
      <h4 id="workflows-heading">${t.workflowsFor(name)}</h4>
      <paragon-workflow-list
        .integration=${this.integration}
        credential-id=${credential.id}
        .workflows=${workflows}
        .states=${configuration?.workflowSettings ?? {}}
        .sourceFor=${this.sourceFor}
        ?disabled=${credential.status !== 'VALID'}
      ></paragon-workflow-list>
      ${
        workflows.some((workflow) => workflow.trigger)
          ? html`<paragon-task-history credential-id=${credential.id} .workflows=${workflows}></paragon-task-history>`
          : nothing
      }
    </section>`;
  }

  override render() {
    const { t } = this.i18n;
    if (this.flow) {
      return html`${this.renderHeader()}
        <paragon-install-flow .flow=${this.flow} .sourceFor=${this.sourceFor} @paragon-install-end=${this.onInstallEnd}></paragon-install-flow>`;
    }
    const credentials = this.credentials;
    const selected = this.selected;
    return html`
      ${this.renderHeader()}
      <section class="accounts" aria-label=${t.connectedAccounts}>
        <paragon-account-list
          .credentials=${credentials}
          selected-id=${selected?.id ?? ''}
          @paragon-account-select=${(event: AccountSelectEvent) => {
            this.selectedCredentialId = event.detail.credentialId;
            this.confirmingDisconnect = false;
            this.actionError = undefined;
          }}
        ></paragon-account-list>
        <button type="button" class="connect" @click=${() => this.startInstall()}>${credentials.length ? t.connectAnotherAccount : t.connectAccount}</button>
        ${!selected && this.actionError ? html`<p class="error" role="alert">${this.actionError(this.i18n)}</p>` : nothing}
      </section>
      ${selected ? this.renderAccount(selected) : html`<p class="message">${t.workflowsNeedAccount}</p>`}
    `;
  }
}
