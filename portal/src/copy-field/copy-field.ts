import { html } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { CopyableButtonInput } from '../../../protocol/src/inputs.js';
import { FieldBase } from '../field-base/field-base.js';
import { copyFieldStyles } from './copy-field.styles.js';

/**
 * A value for the user to copy (`COPYABLE_BUTTON_INPUT`: a webhook URL, an account id): shown
 * read-only, with a Copy button. The outcome is announced politely: "Copied", or that the
 * browser would not copy, with the text selected so the user can copy it themselves. The user
 * sets nothing, so it never tells a value.
 *
 * @summary Shows a value with a button that copies it.
 * @csspart field - The label, the value and the help around it.
 * @csspart tooltip - The disclosure with the input's longer help.
 * @csspart button - The Copy button.
 */
export class CopyField extends FieldBase<never, CopyableButtonInput> {
  static override styles = [...FieldBase.styles, copyFieldStyles];

  @state() private outcome: '' | 'copied' | 'failed' = '';

  @query('#control') private control!: HTMLInputElement;

  /** There is nothing to fill in. */
  protected override get isRequired(): boolean {
    return false;
  }

  private async copy(): Promise<void> {
    this.outcome = ''; // a second copy is announced again
    await this.updateComplete;
    try {
      await navigator.clipboard.writeText(this.input.copyText);
      this.outcome = 'copied';
    } catch {
      this.outcome = 'failed';
      this.control.focus();
      this.control.select();
    }
  }

  override render() {
    const { t } = this.i18n;
    return this.renderField(html`<div class="row">
        <input
          id="control"
          type="text"
          readonly
          spellcheck="false"
          .value=${this.input.copyText}
          aria-invalid=${this.invalid}
          aria-describedby=${this.describedBy}
          @focus=${() => this.control.select()}
        />
        <button type="button" part="button" ?disabled=${this.disabled} @click=${this.copy}>${t.copy}</button>
      </div>
      <p class="outcome ${this.outcome}" role="status">${this.outcome === 'copied' ? t.copied : this.outcome === 'failed' ? t.copyFailed : ''}</p>`);
  }
}
