import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { ConnectInput, ConnectInputValue } from '../../../protocol/src/rest.js';
import { CredentialSubmitEvent } from '../events/credential-submit.js';
import { tokens } from '../styles/tokens.styles.js';
import { en } from '../translations/en.js';
import { apiKeyFormStyles } from './api-key-form.styles.js';

/**
 * The form that connects an account with typed credentials (an API key). Required inputs are
 * checked here first, so a blank or whitespace-only key never leaves the browser.
 *
 * @summary Collects an integration's auth inputs.
 * @event paragon-credential-submit - Valid values to connect with; `detail.payload`.
 * @csspart button - The submit button.
 */
export class ApiKeyForm extends LitElement {
  static override styles = [tokens, apiKeyFormStyles];

  /** The integration's auth inputs (`sdkIntegrationConfig.authConfigInputs`). */
  @property({ attribute: false }) inputs: ConnectInput[] = [];

  /** Set while the account is being connected: the button shows progress and is disabled. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** A message from the server about the last attempt. */
  @property({ attribute: false }) serverError = '';

  /** The label of the submit button. */
  @property() label = en.connectButton;

  @state() private errors: Record<string, string> = {};

  @query('form') private form!: HTMLFormElement;

  /** Clears the values and messages, after a successful connection. */
  reset(): void {
    this.form?.reset();
    this.errors = {};
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(this.form);
    const payload: Record<string, ConnectInputValue> = {};
    const errors: Record<string, string> = {};
    for (const input of this.inputs) {
      const value = String(data.get(input.id) ?? '').trim();
      if (value === '' && input.required !== false) errors[input.id] = en.required(input.title);
      else if (value !== '') payload[input.id] = value;
    }
    this.errors = errors;
    const firstInvalid = this.inputs.find((input) => errors[input.id]);
    if (firstInvalid) {
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#${CSS.escape(firstInvalid.id)}`)?.focus());
      return;
    }
    this.dispatchEvent(new CredentialSubmitEvent({ payload }));
  }

  private renderInput(input: ConnectInput) {
    const error = this.errors[input.id];
    const describedBy = [input.subtitle ? `${input.id}-hint` : '', error ? `${input.id}-error` : ''].filter(Boolean).join(' ');
    return html`
      <div class="field">
        <label for=${input.id}>${input.title}</label>
        <input
          id=${input.id}
          name=${input.id}
          type=${input.type === 'PASSWORD' ? 'password' : 'text'}
          autocomplete="off"
          spellcheck="false"
          placeholder=${input.placeholder ?? nothing}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${describedBy || nothing}
        />
        ${input.subtitle ? html`<p class="hint" id="${input.id}-hint">${input.subtitle}</p>` : nothing}
        ${error ? html`<p class="error" id="${input.id}-error">${error}</p>` : nothing}
      </div>
    `;
  }

  override render() {
    return html`
      <form novalidate @submit=${this.submit}>
        ${this.inputs.map((input) => this.renderInput(input))}
        ${this.serverError ? html`<p class="error" role="alert">${this.serverError}</p>` : nothing}
        <button type="submit" part="button" ?disabled=${this.busy}>${this.busy ? en.connecting : this.label}</button>
      </form>
    `;
  }
}
