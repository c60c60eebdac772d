import { provide } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ConnectError } from '../../../protocol/src/errors.js';
import type { FilePickerRequest } from '../../../protocol/src/files.js';
import type { ConnectInput } from '../../../protocol/src/inputs.js';
import type { IntegrationInfo } from '../../../protocol/src/rest.js';
import type { PortEnd } from '../../../protocol/src/port-rpc.js';
import type { OpenRequest, PortalSettings, PortalState, SessionHandOver } from '../../../protocol/src/rpc.js';
import { i18nContext, runtimeContext } from '../context/portal-context.js';
import type { FilesSelectEvent } from '../events/files-select.js';
import type { IntegrationSelectEvent } from '../events/integration-select.js';
import type { SettingFieldOptions } from '../field-base/render-field.js';
import { loadFilePicker } from '../file-picker/load-file-picker.js';
import type { IntegrationView } from '../integration-view/integration-view.js';
import type { HeadlessInstall } from '../runtime/headless-install.js';
import { headlessInstallOf } from '../runtime/load-headless-install.js';
import type { InstallOptions } from '../runtime/install-flow.js';
import type { OptionQuery, OptionSource } from '../runtime/option-source.js';
import { optionSourceFor } from '../runtime/option-sources.js';
import { PortalRuntime } from '../runtime/portal-runtime.js';
import { sdkMethods, type SdkMethodTable } from '../runtime/sdk-methods.js';
import { serveHost, type HostHandle, type PortalController } from '../runtime/serve-host.js';
import { buttonStyles } from '../styles/button.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, loadTranslation, resolveLocale, type I18n } from '../translations/i18n.js';
import { connectPortalStyles } from './connect-portal.styles.js';

/** The `lang` of the closest element around `element` that has one, across shadow roots; the page's if none. */
function inheritedLang(element: Element): string {
  for (let node = element.parentElement ?? hostOf(element); node; node = node.parentElement ?? hostOf(node)) {
    if (node.hasAttribute('lang')) return node.getAttribute('lang')!;
  }
  return document.documentElement.lang;
}

const hostOf = (element: Element): Element | null => (element.getRootNode() as Partial<ShadowRoot>).host ?? null;

/**
 * The Connect Portal: the catalog of integrations, or one integration with the user's accounts,
 * their settings and workflows, and the steps to connect another. The host drives it through
 * the host bridge (`paragon.authenticate`, `paragon.connect`); it owns the session and talks to
 * the server, and provides the runtime and the language to every element inside it.
 *
 * @summary Lets a user connect accounts and manage their settings and workflows.
 * @csspart dialog - The modal `<dialog>` (display="modal").
 * @csspart panel - The portal's content box.
 * @cssproperty --paragon-color-accent - Buttons, switches, links and focus rings.
 * @cssproperty --paragon-color-on-accent - Text on the accent colour.
 * @cssproperty --paragon-color-surface - The background of the portal.
 * @cssproperty --paragon-color-text - Body text.
 * @cssproperty --paragon-color-muted - Secondary text.
 * @cssproperty --paragon-color-border - Borders of fields and rows.
 * @cssproperty --paragon-color-danger - Errors and destructive actions.
 * @cssproperty --paragon-color-success - "Connected" badges.
 * @cssproperty --paragon-font-family - The font.
 * @cssproperty --paragon-radius - Corner radius.
 * @cssproperty --paragon-space - The base spacing unit.
 * @cssproperty --paragon-backdrop - The modal's backdrop.
 */
export class ConnectPortal extends LitElement implements PortalController {
  static override styles = [tokens, buttonStyles, connectPortalStyles];

  /** `modal`: hidden until opened, then shown in a native `<dialog>`. `inline`: rendered in place. */
  @property({ reflect: true }) display: 'modal' | 'inline' = 'modal';

  /** The integration type shown, such as `crm`; empty for the catalog of every integration. */
  @property() integration = '';

  /** The account shown first (its id or `externalId`); the first valid account when empty. */
  @property({ attribute: 'selected-credential-id' }) selectedCredentialId = '';

  /** `light`, `dark`, or `auto` (the user's system setting). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  /**
   * The language of the portal, such as `de`, `de-AT` or `ja`; when empty, the closest `[lang]`
   * around the element, else the page's. A language without a table is shown in English. It can
   * change at any time: everything inside renders again in the new language.
   */
  @property({ reflect: true, converter: { toAttribute: (value: string) => value || null } }) override lang = '';

  /** The session owner. Exposed for tests and headless use; the host talks to it over the bridge. */
  @provide({ context: runtimeContext }) readonly runtime: PortalRuntime;

  @provide({ context: i18nContext })
  @state()
  private i18n: I18n = createI18n('en');

  /** How an account connected from this opening is connected: its type and `externalId` (`connect()`'s options). */
  @state() private newAccount: Pick<InstallOptions, 'accountType' | 'externalId'> = {};

  /**
   * Whether the modal has been opened: until then its (closed) dialog holds nothing, so that a
   * portal signed in ahead of its first `open` does not draw the catalog nobody sees, only to
   * draw the integration `open` asks for instead (a cold `paragon.connect(type)` pays for one view).
   */
  @state() private opened = false;

  /** The file picker this opening shows (`paragon.ExternalFilePicker`), and the account it browses; none for the portal itself. */
  @state() private picker?: { request: FilePickerRequest; credentialId: string };

  /** The keys of the dropdowns the host app gives options for: under `''` for every integration, else by type. */
  private hostDropdownKeys: Record<string, string[]> = {};

  @query('dialog') private dialog?: HTMLDialogElement;

  private hostEnd: PortEnd | undefined;
  /** The headless install, loaded the first time a host starts one. */
  private readonly headlessInstall: () => Promise<HeadlessInstall>;
  private readonly sdkMethods: SdkMethodTable;
  private readonly onRuntimeChange = () => this.requestUpdate();

  constructor(runtime = new PortalRuntime()) {
    super();
    this.runtime = runtime;
    this.headlessInstall = headlessInstallOf(runtime);
    this.sdkMethods = sdkMethods(runtime, this.headlessInstall);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.runtime.addEventListener('change', this.onRuntimeChange);
    // Moved elsewhere in the page, it takes the language around it there.
    if (this.hasUpdated && !this.lang) this.chooseLanguage();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.runtime.removeEventListener('change', this.onRuntimeChange);
    this.hostEnd?.close();
    this.hostEnd = undefined;
  }

  /**
   * Pairs with a host bridge over a private `MessagePort`: handed over by the bridge in element
   * mode, by the framed page's handshake in frame mode. A new port replaces the old one (a bridge
   * that lost its connection pairs again), so one port at a time is live.
   */
  connectHost(port: MessagePort): void {
    this.hostEnd?.close();
    this.hostEnd = serveHost(port, this);
  }

  /** @internal Bridge method: hands the session over. */
  async authenticate(session: SessionHandOver): Promise<PortalState> {
    // Framed, the portal is on the Connect server's origin: REST goes there, whatever the host says.
    const signingIn = this.runtime.authenticate(session, this.framed ? location.origin : session.connectUrl);
    // A page's first date format loads the browser's locale data (30 to 70 ms): framed, a worker
    // has done it (frame.ts); on a host's page, it is done now, while the answers are on their
    // way, rather than in the first view of an integration's accounts once they are here.
    if (!this.framed) this.i18n.date(new Date().toISOString());
    const user = await signingIn;
    return { user, integrations: this.runtime.integrations };
  }

  /** @internal Bridge method: theme, language, headless mode and the host's dropdowns, at any time. */
  configure({ theme, locale, headless, dropdowns }: PortalSettings): void {
    if (theme) this.theme = theme;
    if (locale) this.lang = locale;
    if (headless !== undefined) this.runtime.headless = headless;
    if (dropdowns) {
      this.hostDropdownKeys = dropdowns;
      this.sourceFor = this.optionSources();
    }
  }

  /** The host's dropdowns for an integration's settings: its own, and those for every integration. */
  private hostDropdownsFor(integrationType: string): Map<string, OptionSource> {
    const keysOf = (scope: string) => (Object.hasOwn(this.hostDropdownKeys, scope) ? this.hostDropdownKeys[scope]! : []);
    const load = (key: string) => async (query: OptionQuery) => {
      const host = this.runtime.host;
      if (!host) throw new ConnectError('not_connected', 'No host bridge is connected.');
      return host.loadOptions(key, { search: query.search, cursor: query.cursor }, integrationType);
    };
    return new Map([...keysOf(''), ...keysOf(integrationType)].map((key) => [key, { load: load(key) }]));
  }

  /** @internal Bridge method: an SDK method of the allow-list (runtime/sdk-methods.ts). */
  async sdk(method: string, args: unknown[]): Promise<unknown> {
    if (!Object.hasOwn(this.sdkMethods, method)) throw new ConnectError('invalid_argument', `There is no SDK method "${method}".`);
    return (this.sdkMethods[method as keyof SdkMethodTable] as (...args: unknown[]) => unknown)(...args);
  }

  /**
   * Moves focus into the open dialog unless it is there already. The framed page calls this when
   * the frame gains focus: the bridge shows the frame only after the dialog opened, hidden, where
   * nothing could take focus.
   */
  focusContent(): void {
    if (this.dialog?.open && !this.matches(':focus-within')) this.renderRoot.querySelector<HTMLElement>('dialog .close')?.focus();
  }

  /** @internal Bridge method: the host's sign-in window of a headless install closed. */
  signInClosed(): void {
    void this.headlessInstall().then((install) => install.signInClosed());
  }

  /**
   * @internal Bridge method: shows an integration (or the catalog) and opens the modal at once,
   * with the state held since the last load; the accounts are refreshed once it is on screen.
   */
  async open({ integrationType = '', selectedCredentialId, accountType, externalId, install, filePicker }: OpenRequest): Promise<void> {
    const integration = integrationType ? this.runtime.integration(integrationType) : undefined;
    if (integrationType && !integration) throw new ConnectError('integration_not_found', this.i18n.t.integrationNotFound(integrationType));
    if (install && !integration) throw new ConnectError('invalid_argument', 'install needs an integrationType.');
    if (install) this.runtime.assertInstallable(integration!, { ...install, selectedCredentialId });
    this.picker = undefined;
    this.opened = true;
    if (filePicker) {
      if (!integration!.sdkIntegrationConfig.filePicker)
        throw new ConnectError('invalid_argument', `${integrationType}'s file picker is not supported`);
      const account = () => this.runtime.requireCredential(integrationType, selectedCredentialId);
      // An account connected elsewhere (another tab, the other embedding) since the last load: load again once.
      const { id } = await Promise.resolve()
        .then(account)
        .catch(() => this.runtime.reload().then(account));
      await loadFilePicker();
      this.picker = { request: filePicker, credentialId: id };
    }
    this.integration = integration?.type ?? '';
    this.selectedCredentialId = selectedCredentialId ?? '';
    this.newAccount = { accountType, externalId };
    await this.updateComplete;
    if (install) {
      const view = this.renderRoot.querySelector<IntegrationView>('paragon-integration-view');
      const { oauthTimeout, finish } = install;
      view?.startInstall(
        finish
          ? { pendingCredentialId: selectedCredentialId }
          : selectedCredentialId
            ? { selectedCredentialId, accountType, oauthTimeout }
            : { oauthTimeout },
      );
    }
    this.closeReported = this.display !== 'modal';
    if (this.display === 'modal' && !this.dialog?.open) this.dialog?.showModal();
    this.runtime.emitPortalEvent('onPortalOpen', integration);
    // Another tab or embedding may have changed the accounts since they were loaded: they are
    // reloaded once this opening is on screen, not while it is drawn (a framed modal's first
    // frame comes when the bridge shows it).
    requestAnimationFrame(() => setTimeout(() => void this.runtime.reload().catch(() => undefined)));
  }

  /**
   * @internal Bridge method: closes the modal. `onPortalClose` is reported here, at once: a
   * dialog opened again before its `close` event is dispatched never dispatches it.
   */
  close(): void {
    if (!this.dialog?.open) return;
    this.dialog.close();
    this.reportClosed();
  }

  /** Whether this opening's close was reported: each opening reports one `onPortalClose`. */
  private closeReported = true;

  private reportClosed(): void {
    if (this.closeReported) return;
    this.closeReported = true;
    // A picker closed without a choice (Escape, ×, its Cancel) was cancelled.
    if (this.picker) this.runtime.emitPickerEvent(this.currentIntegration!, this.picker.credentialId);
    this.picker = undefined;
    this.runtime.emitPortalEvent('onPortalClose', this.currentIntegration);
  }

  /** @internal */
  attachHost(host: HostHandle | undefined): void {
    this.runtime.attachHost(host);
  }

  private get framed(): boolean {
    return window.parent !== window && document.querySelector('meta[name="paragon-allowed-origins"]') !== null;
  }

  private get currentIntegration(): IntegrationInfo | undefined {
    return this.integration ? this.runtime.integration(this.integration) : undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.chooseLanguage();
  }

  /** Settles once the language asked for is loaded and shown (or has failed to load). */
  private languageLoaded: Promise<void> = Promise.resolve();

  /** `updateComplete` also waits for a language still loading: then the portal shows it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const rendered = await super.getUpdateComplete();
    await this.languageLoaded;
    return (await super.getUpdateComplete()) && rendered;
  }

  /**
   * Provides the language to everything inside: each consumer of the context renders again. A
   * language whose table is not loaded yet shows in English until it is, then switches.
   */
  private chooseLanguage(): void {
    const requested = this.lang || inheritedLang(this);
    this.i18n = createI18n(requested);
    const locale = resolveLocale(requested);
    if (this.i18n.locale === locale) return;
    this.languageLoaded = loadTranslation(locale).then(
      () => {
        // Unless the language changed again while the table loaded.
        if ((this.lang || inheritedLang(this)) === requested) this.i18n = createI18n(requested);
      },
      (error: unknown) => console.warn(`[paragon-connect-portal] The "${locale}" translation could not be loaded; showing English.`, error),
    );
  }

  /**
   * Where every dropdown of the portal takes its options. Each input's source (per part) is made
   * once, so that a dropdown rendered again keeps its state; a new set of host dropdowns makes a
   * new function, which renders every dropdown again with fresh sources.
   */
  @state() private sourceFor: SettingFieldOptions['sourceFor'] = this.optionSources();

  private optionSources(): SettingFieldOptions['sourceFor'] {
    const sources = new WeakMap<ConnectInput, Map<string, OptionSource>>();
    return (input, part, credentialId) => {
      let byPart = sources.get(input);
      if (!byPart) sources.set(input, (byPart = new Map<string, OptionSource>()));
      // Per account too: a data source answers each account its own options.
      const key = `${part}\u0000${credentialId ?? ''}`;
      let source = byPart.get(key);
      if (!source) {
        // Read when a dropdown asks, so that they follow a change of language.
        const messages = {
          noHostOptions: (title: string) => this.i18n.t.noHostOptions(title),
          accountOptionsUnavailable: (title: string) => this.i18n.t.accountOptionsUnavailable(title),
        };
        const integration = this.currentIntegration;
        const hostDropdowns = this.hostDropdownsFor(integration?.type ?? '');
        // The integration's data source, read from this account through the server: what the user
        // typed and the cursor go to its API, a combo part's main choice as a parameter.
        const accountSource = (sourceKey: string): OptionSource | undefined =>
          integration && credentialId && Object.hasOwn(integration.sdkIntegrationConfig.dataSources, sourceKey)
            ? {
                load: async (query, signal) => {
                  const { output } = await this.runtime.withClient((client) =>
                    client.fieldOptions(integration.type, sourceKey, credentialId, query, signal),
                  );
                  return { options: output.records, nextCursor: output.nextPageCursor };
                },
              }
            : undefined;
        byPart.set(key, (source = optionSourceFor(input, part, { hostDropdowns, accountSource, messages })));
      }
      return source;
    };
  }

  /** The picker's choice goes to the host, and the picker closes without a cancel. */
  private chose(integration: IntegrationInfo, { detail }: FilesSelectEvent): void {
    this.runtime.emitPickerEvent(integration, this.picker!.credentialId, detail.files);
    this.picker = undefined;
    this.close();
  }

  /** The picker's Cancel: a modal closes (which reports the cancel); in place, the integration shows again. */
  private cancelPicker(integration: IntegrationInfo): void {
    if (this.dialog?.open) return this.close();
    this.runtime.emitPickerEvent(integration, this.picker!.credentialId);
    this.picker = undefined;
  }

  /** The dialog closed (Escape, or `close()`): report it, unless it is open again already (a late event). */
  private onDialogClose = () => {
    if (!this.dialog?.open) this.reportClosed();
  };

  private select(integrationType: string): void {
    this.integration = integrationType;
    this.selectedCredentialId = '';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(integrationType ? 'paragon-integration-view' : 'paragon-catalog-view')?.focus(),
    );
  }

  private renderContent() {
    const { t } = this.i18n;
    const { status, error } = this.runtime;
    if (status === 'signed-out') return html`<p class="message" role="status">${t.waitingForHost}</p>`;
    if (status === 'loading') return html`<p class="message" role="status">${t.loading}</p>`;
    if (status === 'session-expired') return html`<p class="message message--error" role="alert">${t.sessionExpired}</p>`;
    if (status === 'failed') return html`<p class="message message--error" role="alert">${t.loadFailed} ${error?.message}</p>`;
    const integration = this.currentIntegration;
    if (this.integration && !integration) return html`<p class="message message--error" role="alert">${t.integrationNotFound(this.integration)}</p>`;
    if (integration && this.picker) {
      const { request, credentialId } = this.picker;
      return html`<paragon-file-picker
        .runtime=${this.runtime}
        .integration=${integration}
        credential-id=${credentialId}
        .options=${request}
        locale=${this.i18n.locale}
        @paragon-files-select=${(event: FilesSelectEvent) => this.chose(integration, event)}
        @paragon-picker-cancel=${() => this.cancelPicker(integration)}
      ></paragon-file-picker>`;
    }
    if (!integration) {
      return html`<h2 id="title" class="catalog-title">${t.catalogTitle}</h2>
        <paragon-catalog-view @paragon-integration-select=${(event: IntegrationSelectEvent) => this.select(event.detail.integrationType)}></paragon-catalog-view>`;
    }
    return html`
      ${this.runtime.integrations.length > 1 ? html`<button type="button" class="link back" @click=${() => this.select('')}>← ${t.back}</button>` : nothing}
      <paragon-integration-view
        .integration=${integration}
        selected-credential-id=${this.selectedCredentialId}
        .newAccount=${this.newAccount}
        .sourceFor=${this.sourceFor}
      ></paragon-integration-view>
    `;
  }

  override render() {
    const { t } = this.i18n;
    // The language of the text, whatever the page's or the one asked for without a table.
    const panel = () => html`<div class="panel" part="panel" lang=${this.i18n.locale}>
      ${this.display === 'modal' ? html`<button class="close" type="button" aria-label=${t.close} @click=${() => this.close()}>×</button>` : nothing}
      ${this.renderContent()}
    </div>`;
    if (this.display === 'inline') return panel();
    // Named by the integration shown: aria-labelledby cannot point into a child's shadow root.
    return html`<dialog part="dialog" lang=${this.i18n.locale} aria-label=${this.currentIntegration?.name ?? t.catalogTitle} @close=${this.onDialogClose}>
      ${this.opened ? panel() : nothing}
    </dialog>`;
  }
}
