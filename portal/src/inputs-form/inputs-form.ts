import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isRequired, type ConnectInput, type ConnectInputValue } from '../../../protocol/src/inputs.js';
import { i18nContext } from '../context/portal-context.js';
import type { FieldChangeEvent } from '../events/field-change.js';
import { InputsSubmitEvent } from '../events/inputs-submit.js';
import { renderSettingField, type SettingFieldOptions } from '../field-base/render-field.js';
import { noOptions } from '../runtime/option-sources.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n } from '../translations/i18n.js';
import { inputsFormStyles } from './inputs-form.styles.js';

/**
 * The values asked while connecting an account (an API key before, a site after), gathered in
 * one form and submitted together. Required values are checked here first, so a blank or
 * whitespace-only key never leaves the browser; the server's own refusal of a value is shown
 * next to its field.
 *
 * @summary Collects the values asked while connecting an account.
 * @fires paragon-inputs-submit - Values that passed the checks; `detail.values`.
 * @csspart submit - The submit button.
 */
export class InputsForm extends LitElement {
  static override styles = [tokens, inputsFormStyles];

  /** The inputs to ask, in order. */
  @property({ attribute: false }) inputs: ConnectInput[] = [];

  /** Set while the values are being sent: the button shows progress and nothing can change. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** The submit button's text. */
  @property() label = '';

  /** The server's refusal: its message, and the field it named (`payload.API_KEY`), if any. */
  @property({ attribute: false }) failure: { message: string; field?: string } | undefined;

  /** Where the dropdowns among the inputs take their options. */
  @property({ attribute: false }) sourceFor: SettingFieldOptions['sourceFor'] | undefined;

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n: I18n = createI18n('en');

  @state() private values: Record<string, ConnectInputValue> = {};
  @state() private missing: ReadonlySet<string> = new Set();

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new set of inputs (the step after) starts empty, even when this element is reused for it.
    if (changed.has('inputs')) {
      this.values = {};
      this.missing = new Set();
    }
  }

  /** The input the server's refusal is about: the last part of its field (`payload.API_KEY` → `API_KEY`). */
  private get failedInput(): string | undefined {
    return this.failure?.field?.split('.').at(-1);
  }

  private onFieldChange(event: FieldChangeEvent): void {
    const { inputId, value } = event.detail;
    const values = { ...this.values };
    if (value === null || (typeof value === 'string' && value.trim() === '')) delete values[inputId];
    else values[inputId] = typeof value === 'string' ? value.trim() : value;
    this.values = values;
    if (this.missing.has(inputId)) this.missing = new Set([...this.missing].filter((id) => id !== inputId));
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const values = { ...this.values };
    for (const input of this.inputs) if (values[input.id] === undefined && input.defaultValue !== undefined) values[input.id] = input.defaultValue;
    this.missing = new Set(this.inputs.filter((input) => isRequired(input) && values[input.id] === undefined).map((input) => input.id));
    const first = this.inputs.find((input) => this.missing.has(input.id));
    if (first) {
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-input="${CSS.escape(first.id)}"] > *`)?.focus());
      return;
    }
    this.dispatchEvent(new InputsSubmitEvent({ values }));
  }

  private errorFor(input: ConnectInput): string | undefined {
    if (this.missing.has(input.id)) return this.i18n.t.required(input.title);
    return this.failedInput === input.id ? this.failure!.message : undefined;
  }

  override render() {
    const { t } = this.i18n;
    const general = this.failure && !this.inputs.some((input) => input.id === this.failedInput) ? this.failure.message : '';
    return html`
      <form novalidate @submit=${this.submit} @paragon-field-change=${this.onFieldChange}>
        ${this.inputs.map(
          (input) =>
            html`<div class="input" data-input=${input.id}>
              ${renderSettingField(input, { value: this.values[input.id], error: this.errorFor(input), disabled: this.busy, sourceFor: this.sourceFor ?? noOptions })}
            </div>`,
        )}
        ${general ? html`<p class="error" role="alert">${general}</p>` : nothing}
        <button type="submit" part="submit" ?disabled=${this.busy}>${this.busy ? t.connecting : this.label || t.continueButton}</button>
      </form>
    `;
  }
}
