import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConnectCredential } from '../../../protocol/src/rest.js';
import { AccountSelectEvent } from '../events/account-select.js';
import { tokens } from '../styles/tokens.styles.js';
import { en } from '../translations/en.js';
import { accountListStyles } from './account-list.styles.js';

/** The name an account is shown by: its `externalId`, else its place in the list. */
export function accountName(credential: ConnectCredential, index: number): string {
  return credential.externalId ?? en.accountLabel(index + 1);
}

/**
 * The connected accounts of one integration, as a radio group: picking one selects whose
 * settings and workflows the portal shows.
 *
 * @summary Lists and selects connected accounts.
 * @event paragon-account-select - The user picked another account; `detail.credentialId`.
 * @csspart account - One account row.
 */
export class AccountList extends LitElement {
  static override styles = [tokens, accountListStyles];

  /** The integration's credentials, oldest first (`allCredentials`). */
  @property({ attribute: false }) credentials: ConnectCredential[] = [];

  /** The id of the account whose settings are shown. */
  @property({ attribute: 'selected-id' }) selectedId = '';

  override render() {
    if (this.credentials.length === 0) return html`<p class="empty">${en.noAccounts}</p>`;
    return html`
      <fieldset>
        <legend>${en.connectedAccounts}</legend>
        ${repeat(
          this.credentials,
          (credential) => credential.id,
          (credential, index) => html`
            <label class="account" part="account">
              <input
                type="radio"
                name="account"
                .value=${credential.id}
                .checked=${credential.id === this.selectedId}
                @change=${() => this.dispatchEvent(new AccountSelectEvent({ credentialId: credential.id }))}
              />
              <span class="account__name">${accountName(credential, index)}</span>
              <span class="account__status account__status--${credential.status}">${en.credentialStatus[credential.status]}</span>
            </label>
          `,
        )}
      </fieldset>
    `;
  }
}
