import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { CustomDropdownInput, DynamicEnumInput, EnumInput, EnumOption, EnumSection } from '../../../protocol/src/inputs.js';
import { FieldBase } from '../field-base/field-base.js';
import { isSection, type OptionSource } from '../runtime/option-source.js';
import { ROW_HEIGHT, selectFieldStyles, VISIBLE_ROWS } from './select-field.styles.js';

/** The inputs a dropdown edits; the combo and mapper fields give theirs the same shape. */
export type SelectInput = EnumInput | DynamicEnumInput | CustomDropdownInput;

/** One row of the list: a section's title, or an option (within a section, or not). */
type Row = { title: string; section: number } | { option: EnumOption; section?: number };

/** Rows drawn beyond those in view, above and below. */
const OVERSCAN = 4;
/** The pause in typing after which a remote source is searched. */
const DEBOUNCE_MS = 200;
const VIEWPORT = VISIBLE_ROWS * ROW_HEIGHT;

const sameParameters = (a?: Readonly<Record<string, string>>, b?: Readonly<Record<string, string>>) =>
  JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/**
 * A searchable dropdown over any option source: a fixed list (ENUM), the host app's options
 * (CUSTOM_DROPDOWN) or the user's account (DYNAMIC_ENUM), and the halves of the combo and
 * mapper fields. An ARIA 1.2 combobox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/):
 * the input filters as the user types; ArrowUp/Down, PageUp/Down, Home and End move through the
 * options, Enter or a click chooses one, Escape closes and restores the input.
 *
 * Options load a page at a time, by cursor: the next page when the list is scrolled (or moved)
 * near its end, or with the "Load more" button. A search of a remote source waits for a pause in
 * typing, and a newer one aborts the older; a late answer to an older one is dropped. Only the
 * rows in view are in the DOM (they are all one height), so 100,000 options filter and scroll
 * within a frame. It shows the chosen option's label once a page holding it has loaded, and the
 * value itself until then. `updateComplete` also waits for options being loaded.
 *
 * @summary Chooses one option from a list that can be long, remote, paged and grouped.
 * @fires paragon-field-change - The user chose an option: its value; or `null` when they cleared an optional one.
 * @csspart field - The label, the control and the help around it.
 * @csspart tooltip - The disclosure with the input's longer help.
 * @csspart popup - The box that opens under the input.
 * @csspart listbox - The scrolling list of options.
 * @csspart option - One option.
 * @csspart clear - The button that clears an optional choice.
 */
export class SelectField extends FieldBase<string, SelectInput> {
  static override styles = [...FieldBase.styles, selectFieldStyles];

  /** Where the options come from; the same object for as long as the options are the same. */
  @property({ attribute: false }) source?: OptionSource;

  /** Passed with every query: what a dependent dropdown depends on (`{ main }`, `{ object }`). */
  @property({ attribute: false }) parameters?: Readonly<Record<string, string>>;

  @state() private open = false;
  /** What the user typed; `null` while the input shows the chosen option. */
  @state() private typed: string | null = null;
  @state() private rows: Row[] = [];
  @state() private loading = false;
  @state() private loadError = '';
  /** The row of the option that Enter would choose (`aria-activedescendant`), or -1. */
  @state() private active = -1;
  /** The list's scroll position, in px: it decides which rows are drawn. */
  @state() private listTop = 0;

  /** The search the rows answer (or will, once loaded). */
  private search = '';
  private cursor: string | null = null;
  /** Whether the rows answer `search` for this source and these parameters. */
  private loaded = false;
  private sectionTitles: string[] = [];
  /** Labels of every option seen, by value: what the input shows for the chosen one. */
  private readonly labels = new Map<string, string>();
  /** Counts queries: only the answer to the latest one is used. */
  private generation = 0;
  private controller?: AbortController;
  private timer?: ReturnType<typeof setTimeout>;
  private retryLoad?: () => void;
  /** Set by "Load more": the next page's first option becomes the active one. */
  private activateNextPage = false;
  /** Resolves when no query is waiting or in flight. */
  private settled?: { promise: Promise<void>; resolve: () => void };

  @query('#control') private control!: HTMLInputElement;
  @query('#listbox') private listbox!: HTMLElement;

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.settled) {
      await this.settled.promise;
      complete = (await super.getUpdateComplete()) && complete;
    }
    return complete;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.forget(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const sourceChanged = changed.has('source');
    if (sourceChanged || (changed.has('parameters') && !sameParameters(changed.get('parameters'), this.parameters))) {
      this.forget(sourceChanged);
      if (this.open) this.find(this.typed ?? '', true);
    }
    // A failure is asked again in a new language: a source the portal cannot have yet says why in it.
    // (`keyof this` cannot name the protected `i18n`, so it is looked up in the plain map.)
    const language = changed as PropertyValues;
    if (language.has('i18n') && language.get('i18n') !== undefined && this.loadError && !this.loading) this.retryLoad?.();
    // The chosen option's label is only known from a page that holds it: load the first one.
    const value = this.shownValue;
    if (value && !this.labels.has(value) && !this.loaded && !this.loading && !this.loadError) this.find('', true);
  }

  protected override updated(): void {
    if (!this.open) return;
    // CSSOM writes, never a style attribute: the portal runs under style-src 'self'.
    this.listbox.style.setProperty('--_total', `${this.rows.length * ROW_HEIGHT}px`);
    this.listbox.style.setProperty('--_offset', `${this.window[0] * ROW_HEIGHT}px`);
    if (Math.abs(this.listbox.scrollTop - this.listTop) >= 1) this.listbox.scrollTop = this.listTop;
  }

  // Loading.

  private busy(): void {
    if (this.settled) return;
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    this.settled = { promise, resolve };
  }

  private idle(): void {
    this.settled?.resolve();
    this.settled = undefined;
  }

  /** Drops the loaded options (and any query on its way), for another source or other parameters. */
  private forget(labelsToo: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller?.abort();
    this.generation++;
    this.rows = [];
    this.cursor = null;
    this.loaded = this.loading = false;
    this.loadError = '';
    this.active = -1;
    this.listTop = 0;
    if (labelsToo) this.labels.clear();
    this.idle();
  }

  /** Loads the first page of `search`: at once from memory, after a pause in typing from elsewhere. */
  private find(search: string, now = false): void {
    this.search = search;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (now || this.source?.local) {
      void this.fetch(true);
      return;
    }
    this.busy();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fetch(true);
    }, DEBOUNCE_MS);
  }

  /** Loads the first page (`reset`) or the next one. */
  private async fetch(reset: boolean): Promise<void> {
    const { source } = this;
    if (!source || (!reset && (this.loading || this.cursor === null))) return;
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const generation = ++this.generation;
    const query = { search: this.search, cursor: reset ? null : this.cursor, parameters: this.parameters };
    this.busy();
    this.loading = true;
    this.loadError = '';
    if (reset) this.cursor = null; // the old search's pages are no longer the ones to follow
    try {
      const page = await source.load(query, controller.signal);
      if (generation !== this.generation) return; // a newer query answers instead
      this.add(page.options, reset);
      this.cursor = page.nextCursor;
      this.loaded = true;
    } catch (error) {
      if (generation !== this.generation) return;
      this.loadError = error instanceof Error ? error.message : String(error);
      this.retryLoad = () => void this.fetch(reset);
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        if (this.timer === undefined) this.idle();
      }
    }
    this.loadMoreIfNearEnd();
  }

  private add(options: (EnumOption | EnumSection)[], reset: boolean): void {
    const rows = reset ? [] : this.rows.slice();
    if (reset) this.sectionTitles = [];
    const addOption = (option: EnumOption, section?: number) => {
      rows.push({ option, section });
      this.labels.set(option.value, option.label);
    };
    for (const item of options) {
      if (!isSection(item)) {
        addOption(item);
        continue;
      }
      // A section a page continues from the previous one gets no second title.
      let section = this.sectionTitles.length - 1;
      if (rows.at(-1)?.section !== section || this.sectionTitles[section] !== item.title) {
        section = this.sectionTitles.push(item.title) - 1;
        rows.push({ title: item.title, section });
      }
      for (const option of item.items) addOption(option, section);
    }
    const from = this.rows.length;
    this.rows = rows;
    if (!reset) {
      if (this.activateNextPage && rows.length > from) this.setActive(this.optionFrom(from, 1));
      this.activateNextPage = false;
      return;
    }
    this.listTop = 0;
    const chosen = rows.findIndex((row) => 'option' in row && row.option.value === this.shownValue);
    this.setActive(this.typed ? this.optionFrom(0, 1) : chosen);
  }

  /** Loads the next page once the rows drawn reach the end of those loaded (never after a failure: that waits for a retry). */
  private loadMoreIfNearEnd(): void {
    if (this.open && !this.loadError && this.window[1] >= this.rows.length) void this.fetch(false);
  }

  /** The rows drawn, `[first, end)`: those in view and OVERSCAN more on each side. */
  private get window(): [number, number] {
    const first = Math.max(0, Math.floor(this.listTop / ROW_HEIGHT) - OVERSCAN);
    return [first, Math.min(this.rows.length, Math.ceil((this.listTop + VIEWPORT) / ROW_HEIGHT) + OVERSCAN)];
  }

  /** The "Load more" button: the page's first option becomes the active one. */
  private loadMore(): void {
    this.control.focus(); // the button goes while the page loads: keep the focus in the field
    this.activateNextPage = true;
    void this.fetch(false);
  }

  // Opening, moving, choosing.

  private show(): void {
    if (this.open || this.isDisabled) return;
    this.open = true;
    this.control.select(); // typing replaces the chosen label
    if (!this.loaded || this.search !== '' || this.loadError) {
      this.find('', true);
      return;
    }
    const chosen = this.rows.findIndex((row) => 'option' in row && row.option.value === this.shownValue);
    this.setActive(chosen);
    this.loadMoreIfNearEnd();
  }

  private hide(): void {
    this.open = false;
    this.typed = null;
    this.active = -1;
  }

  private choose(index: number): void {
    const row = this.rows[index];
    if (!row || !('option' in row)) return;
    this.hide();
    if (row.option.value !== this.shownValue) this.commit(row.option.value);
  }

  /** The first option at or after `index` in `direction` (1 or -1), or -1. */
  private optionFrom(index: number, direction: number): number {
    for (let i = index; i >= 0 && i < this.rows.length; i += direction) if ('option' in this.rows[i]!) return i;
    return -1;
  }

  /** Makes the option at `index` the active one, scrolled into view (with its section's title). */
  private setActive(index: number): void {
    this.active = index;
    if (index < 0) return;
    const top = ('title' in (this.rows[index - 1] ?? {}) ? index - 1 : index) * ROW_HEIGHT;
    const bottom = (index + 1) * ROW_HEIGHT;
    if (top < this.listTop) this.listTop = top;
    else if (bottom > this.listTop + VIEWPORT) this.listTop = bottom - VIEWPORT;
  }

  private move(key: string): void {
    const last = this.rows.length - 1;
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: VISIBLE_ROWS, PageUp: -VISIBLE_ROWS };
    const direction = key === 'End' || (steps[key] ?? 0) > 0 ? 1 : -1;
    const start = key === 'Home' ? 0 : key === 'End' ? last : Math.min(last, Math.max(0, this.active + steps[key]!));
    const found = this.optionFrom(start, key === 'Home' ? 1 : key === 'End' ? -1 : direction);
    this.setActive(found >= 0 ? found : this.optionFrom(start, -direction));
    this.loadMoreIfNearEnd();
  }

  private onKeydown(event: KeyboardEvent): void {
    const { key } = event;
    if (!this.open) {
      if (key === 'ArrowDown' || key === 'ArrowUp') {
        event.preventDefault();
        this.show();
      }
      return;
    }
    if (['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End'].includes(key)) {
      event.preventDefault();
      this.move(key);
    } else if (key === 'Enter') {
      event.preventDefault();
      if (this.active >= 0) this.choose(this.active);
      else if (this.loadError) this.retryLoad?.();
    } else if (key === 'Escape') {
      // Closes the list, not the dialog around the portal.
      event.preventDefault();
      event.stopPropagation();
      this.hide();
    }
  }

  private onInput(): void {
    this.typed = this.control.value;
    this.open = true;
    this.find(this.typed);
  }

  private onFocusOut(event: FocusEvent): void {
    if (!this.renderRoot.contains(event.relatedTarget as Node | null)) this.hide();
  }

  private onScroll(): void {
    this.listTop = this.listbox.scrollTop;
    this.loadMoreIfNearEnd();
  }

  private onListClick(event: Event): void {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    if (option) this.choose(Number(option.dataset.index));
  }

  private clear(): void {
    this.hide();
    this.commit(null);
    this.control.focus();
  }

  // Rendering.

  private renderRow(index: number, chosen: string | undefined) {
    const row = this.rows[index]!;
    if ('title' in row) return html`<div class="row header" aria-hidden="true">${row.title}</div>`;
    const { option } = row;
    const active = index === this.active;
    return html`<div
      class="row option ${active ? 'active' : ''} ${option.value === chosen ? 'chosen' : ''}"
      part="option"
      role="option"
      id="option-${index}"
      data-index=${index}
      aria-selected=${active ? 'true' : 'false'}
    >
      <span>${option.label}</span>${option.subtitle ? html`<span class="option__subtitle">${option.subtitle}</span>` : nothing}
    </div>`;
  }

  /** The rows in view and a few around them; a section's rows in a group named by its title. */
  private renderRows() {
    const chosen = this.shownValue;
    const [first, end] = this.window;
    const drawn = [];
    for (let index = first; index < end;) {
      const { section } = this.rows[index]!;
      if (section === undefined) {
        drawn.push(this.renderRow(index++, chosen));
        continue;
      }
      const group = [];
      while (index < end && this.rows[index]!.section === section) group.push(this.renderRow(index++, chosen));
      drawn.push(html`<div role="group" aria-label=${this.sectionTitles[section]!}>${group}</div>`);
    }
    return drawn;
  }

  private renderPopup() {
    const { t } = this.i18n;
    const status = this.loading
      ? t.loadingOptions
      : this.loadError
        ? t.optionsFailed(this.loadError)
        : this.loaded && this.rows.length === 0
          ? t.noMatches
          : '';
    const retry = () => {
      this.control.focus();
      this.retryLoad?.();
    };
    // eslint-disable-next-line lit-a11y/click-events-have-key-events -- the keys are the combobox input's (aria-activedescendant); a click is the mouse's way to pick
    return html`<div
        class="listbox"
        id="listbox"
        role="listbox"
        part="listbox"
        aria-label=${this.input.title}
        ?hidden=${this.rows.length === 0}
        @scroll=${this.onScroll}
        @click=${this.onListClick}
      >
        <div class="sizer">${this.open ? this.renderRows() : nothing}</div>
      </div>
      <p class="status" role="status">${status}</p>
      <div class="actions">${
        this.loadError
          ? html`<button type="button" @click=${retry}>${t.retry}</button>`
          : this.cursor !== null && !this.loading
            ? html`<button type="button" @click=${this.loadMore}>${t.loadMore}</button>`
            : nothing
      }</div>`;
  }

  override render() {
    const { input } = this;
    const value = this.shownValue;
    const label = value ? (this.labels.get(value) ?? value) : '';
    const clearable = Boolean(value) && !this.isRequired && !this.isDisabled;
    /* eslint-disable lit-a11y/accessible-name -- the combobox is named by FieldBase's <label for="control">, outside this template */
    return this.renderField(html`<div class="combo ${clearable ? 'clearable' : ''}" @focusout=${this.onFocusOut}>
      <input
        id="control"
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-controls="listbox"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-activedescendant=${this.open && this.active >= 0 ? `option-${this.active}` : nothing}
        aria-invalid=${this.invalid}
        aria-describedby=${this.describedBy}
        placeholder=${input.placeholder ?? nothing}
        .value=${live(this.typed ?? label)}
        ?required=${this.isRequired}
        ?disabled=${this.isDisabled}
        @input=${this.onInput}
        @keydown=${this.onKeydown}
        @click=${this.show}
      />
      ${
        clearable
          ? html`<button type="button" class="clear" part="clear" aria-label=${this.i18n.t.clearChoice(input.title)} @click=${this.clear}>
            ×
          </button>`
          : nothing
      }
      <div class="popup" part="popup" ?hidden=${!this.open} @mousedown=${(event: Event) => event.preventDefault()}>
        ${this.renderPopup()}
      </div>
    </div>`);
    /* eslint-enable lit-a11y/accessible-name */
  }
}
