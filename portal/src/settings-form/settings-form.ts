import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConnectError } from '../../../protocol/src/errors.js';
import type { ConnectInput, ConnectInputValue } from '../../../protocol/src/inputs.js';
import type { IntegrationInfo } from '../../../protocol/src/rest.js';
import { i18nContext } from '../context/portal-context.js';
import { RuntimeController } from '../context/runtime-controller.js';
import type { FieldChangeEvent } from '../events/field-change.js';
import { renderSettingField, type SettingFieldOptions } from '../field-base/render-field.js';
import { noOptions } from '../runtime/option-sources.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n, type Message } from '../translations/i18n.js';
import { settingsFormStyles } from './settings-form.styles.js';

/**
 * The settings of one account (its shared settings, or one workflow's), each saved as soon as the
 * user commits it: optimistically through the runtime, with "Saving…" then "Saved" announced,
 * and on a refusal the old value back and the server's reason next to the field.
 *
 * @summary Edits and saves one account's settings.
 * @csspart status - The saving indicator.
 */
export class SettingsForm extends LitElement {
  static override styles = [tokens, settingsFormStyles];

  /** The integration the account belongs to. */
  @property({ attribute: false }) integration!: IntegrationInfo;

  /** The account (credential id) whose settings these are. */
  @property({ attribute: 'credential-id' }) credentialId = '';

  /** The workflow whose settings these are; empty for the account's shared settings. */
  @property({ attribute: 'workflow-id' }) workflowId = '';

  /** The inputs to show. */
  @property({ attribute: false }) inputs: ConnectInput[] = [];

  /** The stored values, by input id. */
  @property({ attribute: false }) values: Record<string, ConnectInputValue> = {};

  /** Where the dropdowns take their options. */
  @property({ attribute: false }) sourceFor: SettingFieldOptions['sourceFor'] | undefined;

  private readonly session = new RuntimeController(this);

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n: I18n = createI18n('en');

  @state() private saving: ReadonlySet<string> = new Set();
  @state() private errors: Readonly<Record<string, Message | undefined>> = {};
  @state() private status: Message | undefined;

  private async onFieldChange(event: FieldChangeEvent): Promise<void> {
    event.stopPropagation();
    const { inputId, value } = event.detail;
    if (!this.session.runtime) return;
    this.saving = new Set([...this.saving, inputId]);
    this.errors = { ...this.errors, [inputId]: undefined };
    this.status = ({ t }) => t.saving;
    const settings = { [inputId]: value };
    try {
      await this.session.runtime.saveSettings(
        this.integration,
        this.credentialId,
        this.workflowId ? { kind: 'workflow', workflowId: this.workflowId, settings } : { kind: 'shared', settings },
      );
      this.status = ({ t }) => t.saved;
    } catch (error) {
      const { code, message } = error as ConnectError;
      // The server's own message stays as it came (in English).
      this.errors = { ...this.errors, [inputId]: code === 'precondition_failed' ? ({ t }) => t.staleSettings : () => message };
      this.status = undefined;
    } finally {
      this.saving = new Set([...this.saving].filter((id) => id !== inputId));
    }
  }

  override render() {
    const visible = this.inputs.filter((input) => !input.hidden);
    if (visible.length === 0) return html`<p class="empty">${this.i18n.t.noSettings}</p>`;
    return html`
      <div class="fields" @paragon-field-change=${this.onFieldChange}>
        ${visible.map((input) =>
          renderSettingField(input, {
            value: this.values[input.id],
            error: this.errors[input.id]?.(this.i18n) || undefined,
            disabled: this.saving.has(input.id),
            sourceFor: this.sourceFor ?? noOptions,
            credentialId: this.credentialId,
          }),
        )}
      </div>
      <p class="status" part="status" role="status">${this.status?.(this.i18n) || nothing}</p>
    `;
  }
}
