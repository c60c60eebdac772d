import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConnectCredential } from '../../../protocol/src/rest.js';
import { i18nContext } from '../context/portal-context.js';
import { AccountSelectEvent } from '../events/account-select.js';
import { layoutStyles } from '../styles/layout.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n } from '../translations/i18n.js';
import { accountListStyles } from './account-list.styles.js';

/**
 * The name an account is shown by: the host's label (`externalId`), else the provider account's
 * name, else its place in the list.
 */
export function accountName(credential: ConnectCredential, index: number, i18n: I18n): string {
  const name = credential.providerData.name;
  return credential.externalId ?? (typeof name === 'string' && name ? name : i18n.t.accountLabel(index + 1));
}

/**
 * The connected accounts of one integration, as a radio group: each with its name, its status
 * (connected, setup not finished, needs reconnecting) and when it was connected. Picking one
 * selects whose settings and workflows the portal shows.
 *
 * @summary Lists and selects connected accounts.
 * @fires paragon-account-select - The user picked another account; `detail.credentialId`.
 * @csspart account - One account row.
 */
export class AccountList extends LitElement {
  static override styles = [tokens, layoutStyles, accountListStyles];

  /** The integration's credentials, oldest first (`allCredentials`). */
  @property({ attribute: false }) credentials: ConnectCredential[] = [];

  /** The id of the account whose settings are shown. */
  @property({ attribute: 'selected-id' }) selectedId = '';

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n: I18n = createI18n('en');

  override render() {
    const { t } = this.i18n;
    if (this.credentials.length === 0) return html`<p class="empty">${t.noAccounts}</p>`;
    return html`
      <fieldset>
        <legend>${t.connectedAccounts}</legend>
        ${repeat(
          this.credentials,
          (credential) => credential.id,
          (credential, index) => html`
            <label class="account choice" part="account">
              <input
                type="radio"
                name="account"
                .value=${credential.id}
                .checked=${credential.id === this.selectedId}
                @change=${() => this.dispatchEvent(new AccountSelectEvent({ credentialId: credential.id }))}
              />
              <span class="account__text">
                <span class="account__name">${accountName(credential, index, this.i18n)}</span>
                <span class="account__date">${t.accountConnectedOn(this.i18n.date(credential.dateCreated))}</span>
              </span>
              <span class="account__status account__status--${credential.status}">${t.credentialStatus[credential.status]}</span>
            </label>
          `,
        )}
      </fieldset>
    `;
  }
}
