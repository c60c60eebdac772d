import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { IntegrationInfo } from '../../../protocol/src/rest.js';
import { i18nContext } from '../context/portal-context.js';
import { RuntimeController } from '../context/runtime-controller.js';
import { IntegrationSelectEvent } from '../events/integration-select.js';
import { layoutStyles } from '../styles/layout.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n } from '../translations/i18n.js';
import { catalogViewStyles } from './catalog-view.styles.js';
import { brandStyle, renderIcon } from '../integration-icon/integration-icon.js';

/**
 * Every active integration of the project, searchable by name and description, each with how
 * many of the user's accounts are connected. Opening one fires `paragon-integration-select`.
 *
 * @summary Lists the integrations a user can connect.
 * @fires paragon-integration-select - The user opened an integration; `detail.integrationType`.
 * @csspart integration - One integration's button.
 */
export class CatalogView extends LitElement {
  static override styles = [tokens, layoutStyles, catalogViewStyles];
  /**
   * `focus()` moves to the first control inside: the portal focuses the view it switches to. (A
   * negative tabindex on the host instead would take everything inside out of the Tab order.)
   */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  private readonly session = new RuntimeController(this);

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n: I18n = createI18n('en');

  @state() private search = '';

  private get shownIntegrations(): IntegrationInfo[] {
    const needle = this.search.trim().toLowerCase();
    const active = (this.session.runtime?.integrations ?? []).filter((integration) => integration.isActive);
    if (!needle) return active;
    return active.filter((integration) => `${integration.name} ${integration.configs[0]?.values.description ?? ''}`.toLowerCase().includes(needle));
  }

  private renderIntegration(integration: IntegrationInfo) {
    const { t } = this.i18n;
    const count = this.session.runtime?.state(integration.type)?.allCredentials.length ?? 0;
    return html`<li>
      <button
        type="button"
        class="integration"
        part="integration"
        ${brandStyle(integration.brandColor)}
        @click=${() => this.dispatchEvent(new IntegrationSelectEvent({ integrationType: integration.type }))}
      >
        ${renderIcon(integration, this.session.runtime?.connectOrigin)}
        <span class="integration__text">
          <span class="integration__name">${integration.name}</span>
          <span class="integration__description">${integration.configs[0]?.values.description ?? ''}</span>
        </span>
        ${count > 0 ? html`<span class="badge">${t.accountsConnected(count)}</span>` : nothing}
      </button>
    </li>`;
  }

  override render() {
    const { t } = this.i18n;
    const shown = this.shownIntegrations;
    return html`
      <label class="search">
        <span class="sr-only">${t.searchIntegrations}</span>
        <input type="search" placeholder=${t.searchIntegrations} .value=${this.search} @input=${(event: Event) => (this.search = (event.target as HTMLInputElement).value)} />
      </label>
      ${
        shown.length === 0
          ? html`<p class="empty" role="status">${t.noIntegrationsMatch(this.search)}</p>`
          : html`<ul class="stack">
            ${repeat(
              shown,
              (integration) => integration.type,
              (integration) => this.renderIntegration(integration),
            )}
          </ul>`
      }
    `;
  }
}
