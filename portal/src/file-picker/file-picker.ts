import type * as LitModule from 'lit';
import type { CSSResultGroup, LitElement as LitElementType, PropertyValues } from 'lit';
import { isAllowedType, type FileItem, type FileListPage, type FilePickerRequest, type FileSelectionResponse } from '../../../protocol/src/files.js';
import type { IntegrationInfo } from '../../../protocol/src/rest.js';
import { FilesSelectEvent, PickerCancelEvent } from '../events/files-select.js';
import type { PortalRuntime } from '../runtime/portal-runtime.js';
import { resolveLocale } from '../translations/i18n.js';
import { PICKER_STRINGS } from './file-picker.strings.js';
import { filePickerStyles } from './file-picker.styles.js';

/** How long typing pauses before the search is sent. */
const SEARCH_DEBOUNCE_MS = 250;

/**
 * What the picker uses of Lit: the portal's own copy, handed over when the picker's file is
 * loaded. A second copy would cost the file 6 KB and, under a CSP with Trusted Types
 * (`trusted-types lit-html`), fail to load: lit-html's policy name may be created only once.
 */
export type Lit = Pick<typeof LitModule, 'LitElement' | 'html' | 'css' | 'nothing'>;

/** `<paragon-file-picker>`'s public properties (see `filePickerElement`). */
export interface FilePicker extends LitElementType {
  /** The portal's runtime: the session the picker's calls go through. */
  runtime?: PortalRuntime;
  /** The integration whose storage is browsed. */
  integration?: Pick<IntegrationInfo, 'type' | 'name'>;
  /** The account browsed (`credential-id`). */
  credentialId: string;
  /** What the host asked for: allowed types, multiple selection, folder selection. */
  options: FilePickerRequest;
  /** The language tag, such as `de` or `ja-JP`; English for a language the portal has no table for. */
  locale: string;
}

/** The `<paragon-file-picker>` class, made with the portal's Lit and its shared styles (the theme's tokens, buttons). */
export function filePickerElement({ LitElement, html, css, nothing }: Lit, sharedStyles: CSSResultGroup): new () => FilePicker {
  /**
   * The file picker of `paragon.ExternalFilePicker`: browses one account's storage through the
   * Connect server (which holds the provider's token), with folders, breadcrumbs, search, a type
   * filter, paging, and single, multiple or folder selection. What the user chooses is read back
   * by the server as that account before it is announced, so `paragon-files-select` carries only
   * the account's own items. Everything a provider says (names, types) is shown as text.
   *
   * The portal loads it the first time a host opens a picker (it is its own file); it takes the
   * portal's runtime, the language tag and the theme's custom properties from the portal around it.
   *
   * @summary Lets a user choose files from a connected storage account.
   * @fires paragon-files-select - The user chose; `detail.files` as the server read them back.
   * @fires paragon-picker-cancel - The user cancelled.
   */
  return class FilePicker extends LitElement {
    static override styles = [sharedStyles, filePickerStyles(css)];

    static override properties = {
      runtime: { attribute: false },
      integration: { attribute: false },
      credentialId: { attribute: 'credential-id' },
      options: { attribute: false },
      locale: {},
      path: { state: true },
      search: { state: true },
      typeFilter: { state: true },
      items: { state: true },
      nextCursor: { state: true },
      loading: { state: true },
      error: { state: true },
      selected: { state: true },
      confirming: { state: true },
    };

    runtime?: PortalRuntime;

    integration?: Pick<IntegrationInfo, 'type' | 'name'>;

    credentialId = '';

    options: FilePickerRequest = {};

    locale = 'en';

    /** The folders from the root to the one shown. */
    private path: FileItem[] = [];
    private search = '';
    /** One of the allowed types, or `''` for all of them. */
    private typeFilter = '';
    private items: FileItem[] = [];
    private nextCursor: string | null = null;
    private loading = false;
    private error = '';
    private selected = new Map<string, FileItem>();
    private confirming = false;

    private query?: AbortController;
    private searchTimer?: ReturnType<typeof setTimeout>;

    private get strings() {
      return PICKER_STRINGS[resolveLocale(this.locale)];
    }

    protected override willUpdate(changed: PropertyValues<this>): void {
      // Another account or integration: start again at its root.
      if (changed.has('credentialId') || changed.has('integration')) {
        this.path = [];
        this.search = '';
        this.selected = new Map();
        void this.load();
      }
    }

    override disconnectedCallback(): void {
      super.disconnectedCallback();
      this.query?.abort();
      clearTimeout(this.searchTimer);
    }

    /** The first page of the folder or search shown, or (`more`) the page after those shown. Drops an answer overtaken by another. */
    private async load(more = false): Promise<void> {
      const { runtime, integration, credentialId } = this;
      if (!runtime || !integration || !credentialId) return;
      this.query?.abort();
      const query = (this.query = new AbortController());
      const params = new URLSearchParams();
      const folder = this.path.at(-1);
      if (folder) params.set('folderId', folder.id);
      if (this.search) params.set('search', this.search);
      if (more && this.nextCursor) params.set('cursor', this.nextCursor);
      this.loading = true;
      this.error = '';
      try {
        const page = await runtime.withClient((client) =>
          client.request<FileListPage>('GET', `/files/${encodeURIComponent(integration.type)}${params.size ? `?${params}` : ''}`, {
            credentialId,
            signal: query.signal,
          }),
        );
        if (query.signal.aborted) return;
        this.items = more ? [...this.items, ...page.items] : page.items;
        this.nextCursor = page.nextCursor;
      } catch (error) {
        if (!query.signal.aborted) this.error = error instanceof Error ? error.message : String(error);
      } finally {
        if (this.query === query) this.loading = false;
      }
    }

    /** Shows a folder: one of the path's (`depth`), or one inside the folder shown. */
    private openFolder(folder: FileItem | undefined, depth = this.path.length): void {
      this.path = folder ? [...this.path.slice(0, depth), folder] : [];
      this.search = '';
      const search = this.renderRoot.querySelector<HTMLInputElement>('input[type="search"]');
      if (search) search.value = '';
      void this.load();
    }

    private onSearchInput(event: Event): void {
      const value = (event.target as HTMLInputElement).value.trim();
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => {
        if (value === this.search) return;
        this.search = value;
        void this.load();
      }, SEARCH_DEBOUNCE_MS);
    }

    private toggle(item: FileItem, checked: boolean): void {
      const selected = this.options.allowMultiSelect ? new Map(this.selected) : new Map<string, FileItem>();
      if (checked) selected.set(item.id, item);
      else selected.delete(item.id);
      this.selected = selected;
    }

    /** Asks the server to read the chosen items back as the account, then announces them. */
    private async confirm(): Promise<void> {
      const { runtime, integration, credentialId } = this;
      if (!runtime || !integration || this.selected.size === 0) return;
      this.confirming = true;
      this.error = '';
      try {
        const { files } = await runtime.withClient((client) =>
          client.request<FileSelectionResponse>('POST', `/files/${encodeURIComponent(integration.type)}/selection`, {
            body: { items: [...this.selected.values()].map(({ id, isFolder }) => ({ id, isFolder })) },
            credentialId,
          }),
        );
        this.dispatchEvent(new FilesSelectEvent({ files }));
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
      } finally {
        this.confirming = false;
      }
    }

    private renderItem(item: FileItem, formats: { size: Intl.NumberFormat; date: Intl.DateTimeFormat }) {
      const s = this.strings;
      const { allowMultiSelect, allowFolderSelect } = this.options;
      const selectable = !item.isFolder || allowFolderSelect;
      const details = [
        item.isFolder ? s.folder : (item.mimeType ?? ''),
        item.size === undefined ? '' : formats.size.format(item.size / 1000),
        item.modifiedTime ? formats.date.format(new Date(item.modifiedTime)) : '',
      ].filter(Boolean);
      return html`<li class=${item.isFolder ? 'folder' : 'file'}>
      ${
        selectable
          ? html`<input
            id=${`item-${item.id}`}
            type=${allowMultiSelect ? 'checkbox' : 'radio'}
            name="selection"
            .checked=${this.selected.has(item.id)}
            @change=${(event: Event) => this.toggle(item, (event.target as HTMLInputElement).checked)}
          />`
          : html`<span class="spacer"></span>`
      }
      ${
        item.isFolder
          ? html`<button type="button" class="link name" aria-label=${s.openFolder(item.name)} @click=${() => this.openFolder(item)}>
            <span aria-hidden="true">▸ </span>${item.name}
          </button>`
          : html`<label class="name" for=${`item-${item.id}`}>${item.name}</label>`
      }
      <span class="details">${details.join(' · ')}</span>
    </li>`;
    }

    private renderList() {
      const s = this.strings;
      const allowed = this.typeFilter ? [this.typeFilter] : this.options.allowedTypes;
      const shown = this.items.filter((item) => isAllowedType(item, allowed));
      // One formatter of each for the whole list, not one per row.
      const formats = {
        size: new Intl.NumberFormat(this.locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }),
        date: new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }),
      };
      const label = this.search ? s.searchResults(this.search) : s.listOf(this.path.at(-1)?.name ?? s.root);
      if (this.error) {
        return html`<p role="alert" class="error">${s.failed(this.error)}</p>
        <button type="button" class="secondary" @click=${() => this.load()}>${s.retry}</button>`;
      }
      if (this.loading && this.items.length === 0) return html`<p role="status">${s.loading}</p>`;
      if (shown.length === 0 && !this.nextCursor) return html`<p class="empty">${this.search ? s.noMatches : s.empty}</p>`;
      return html`<ul aria-label=${label} aria-busy=${this.loading ? 'true' : 'false'}>
        ${shown.map((item) => this.renderItem(item, formats))}
      </ul>
      ${
        this.nextCursor
          ? html`<button type="button" class="secondary more" ?disabled=${this.loading} @click=${() => this.load(true)}>
            ${this.loading ? s.loading : s.loadMore}
          </button>`
          : nothing
      }`;
    }

    override render() {
      const s = this.strings;
      const { allowedTypes = [], allowMultiSelect } = this.options;
      return html`<h2 id="title">${s.title(!!allowMultiSelect)}</h2>
      <p class="account">${this.integration?.name}</p>
      <div class="tools">
        <input type="search" aria-label=${s.search} placeholder=${s.search} maxlength="200" @input=${this.onSearchInput} />
        ${
          allowedTypes.length > 1
            ? html`<label
              >${s.fileType}
              <select @change=${(event: Event) => (this.typeFilter = (event.target as HTMLSelectElement).value)}>
                <option value="">${s.allAllowedTypes}</option>
                ${allowedTypes.map((type) => html`<option value=${type}>${type}</option>`)}
              </select></label
            >`
            : nothing
        }
      </div>
      <nav aria-label=${s.folderPath}>
        <ol>
          <li><button type="button" class="link" ?disabled=${!this.path.length && !this.search} @click=${() => this.openFolder(undefined)}>${s.root}</button></li>
          ${this.path.map(
            (folder, index) =>
              html`<li>
                <button
                  type="button"
                  class="link"
                  aria-current=${index === this.path.length - 1 && !this.search ? 'location' : nothing}
                  @click=${() => this.openFolder(folder, index)}
                >
                  ${folder.name}
                </button>
              </li>`,
          )}
        </ol>
      </nav>
      <div class="list">${this.renderList()}</div>
      <footer>
        <span role="status">${this.selected.size ? s.selected(this.selected.size) : ''}</span>
        <button type="button" class="secondary" @click=${() => this.dispatchEvent(new PickerCancelEvent())}>${s.cancel}</button>
        <button type="button" ?disabled=${this.selected.size === 0 || this.confirming} @click=${() => this.confirm()}>${s.select}</button>
      </footer>`;
    }
  };
}
