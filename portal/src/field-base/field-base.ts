import { consume } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConnectInput, ConnectInputValue } from '../../../protocol/src/inputs.js';
import { i18nContext } from '../context/portal-context.js';
import { FieldChangeEvent } from '../events/field-change.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n, type Message } from '../translations/i18n.js';
import { fieldBaseStyles } from './field-base.styles.js';

/** An https link, or `undefined`: links from integration metadata never run script (`javascript:`) or load data (`data:`). */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What every setting field shares: the input it edits, its value, an error to show, and the
 * chrome around the control (label, required mark, subtitle, tooltip, documentation link, error),
 * wired for assistive technology: the control is labelled by the title, described by the hint
 * and the error, and marked invalid while there is one. A field only edits; it tells its value
 * with a `paragon-field-change` event, and whoever holds the settings saves them.
 *
 * Everything shown comes from integration metadata and is rendered as text, never as HTML.
 */
export abstract class FieldBase<V extends ConnectInputValue = ConnectInputValue, I extends ConnectInput = ConnectInput> extends LitElement {
  static override styles = [tokens, fieldBaseStyles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The input this field edits. */
  @property({ attribute: false }) input!: I;

  /** The stored value; when absent the field shows the input's default. */
  @property({ attribute: false }) value: V | undefined;

  /** Why the value was refused (by the server, or a check here); shown under the control. */
  @property() error = '';

  /** Disables the control (while a save is in flight, or without an account). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  @consume({ context: i18nContext, subscribe: true })
  @state()
  protected i18n: I18n = createI18n('en');

  /** The value shown: the stored one, else the input's default. */
  protected get shownValue(): V | undefined {
    return this.value ?? (this.input.defaultValue as V | undefined);
  }

  protected get isRequired(): boolean {
    return this.input.required !== false;
  }

  protected get isDisabled(): boolean {
    return this.disabled || Boolean(this.input.readOnly);
  }

  /**
   * Why the field refused what the user entered, from its own checks (the same the server
   * makes); shown instead of `error` until the user enters a value that passes.
   */
  @state() protected problem: Message | undefined;

  /** The message shown under the control: the field's own refusal, else the owner's `error`. */
  protected get message(): string {
    return this.problem?.(this.i18n) || this.error;
  }

  /** `"true"` while a message is shown, for `aria-invalid`. */
  protected get invalid(): 'true' | 'false' {
    return this.message ? 'true' : 'false';
  }

  /**
   * Keeps and tells a new value (`null`: cleared). The field shows it from then on, until its
   * owner sets another.
   */
  protected commit(value: V | null): void {
    this.problem = undefined;
    this.value = value ?? undefined;
    this.dispatchEvent(new FieldChangeEvent({ inputId: this.input.id, value }));
  }

  /** The ids that describe the control: its subtitle and its message, when shown. */
  protected get describedBy(): string | typeof nothing {
    const ids = [this.input.subtitle ? 'hint' : '', this.message ? 'error' : ''].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : nothing;
  }

  private renderTitle() {
    const { t } = this.i18n;
    return html`${this.input.title}${this.isRequired ? html`<span class="required" title=${t.requiredMark}> *</span>` : nothing}`;
  }

  private renderHelp() {
    const { input } = this;
    const { t } = this.i18n;
    const href = safeHref(input.documentationLink);
    return html`
      ${input.subtitle ? html`<p class="hint" id="hint">${input.subtitle}</p>` : nothing}
      ${
        input.tooltip
          ? html`<details class="tooltip" part="tooltip">
            <summary>${t.moreAbout(input.title)}</summary>
            <p>${input.tooltip}</p>
          </details>`
          : nothing
      }
      ${
        href
          ? html`<a class="docs" href=${href} target="_blank" rel="noopener noreferrer">${input.documentationLinkLabel ?? t.documentation}</a>`
          : nothing
      }
      ${this.message ? html`<p class="error" id="error" role="alert">${this.message}</p>` : nothing}
    `;
  }

  /**
   * The field around a control labelled `for="control"`; `group` wraps several controls (radio
   * buttons, checkboxes) in a fieldset whose legend is the title.
   */
  protected renderField(control: TemplateResult, { group = false } = {}): TemplateResult | typeof nothing {
    if (this.input.hidden) return nothing;
    if (group) {
      return html`<fieldset class="field" part="field" aria-describedby=${this.describedBy}>
        <legend class="label">${this.renderTitle()}</legend>
        ${control} ${this.renderHelp()}
      </fieldset>`;
    }
    return html`<div class="field" part="field">
      <label class="label" for="control">${this.renderTitle()}</label>
      ${control} ${this.renderHelp()}
    </div>`;
  }
}
