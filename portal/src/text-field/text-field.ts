import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import {
  fitsStep,
  isEmailAddress,
  isHttpUrl,
  matchesPattern,
  MAX_TEXT_LENGTH,
  type NumberInput,
  type TextInput,
} from '../../../protocol/src/inputs.js';
import { FieldBase } from '../field-base/field-base.js';
import type { Message } from '../translations/i18n.js';
import { textFieldStyles } from './text-field.styles.js';

const INPUT_TYPES = { TEXT_NO_VARS: 'text', EMAIL: 'email', URL: 'url', PASSWORD: 'password', NUMBER: 'number' } as const;

/**
 * A text setting: one line (`TEXT_NO_VARS`), several (`TEXTAREA_NO_VARS`), an email address, a
 * web address, a password (with a button that shows it), or a number. It tells the value when the
 * user commits it (leaves the field or presses Enter), not on every keystroke, and only once it
 * passes the checks the server makes too: required, `maxLength`, the email or URL shape,
 * `pattern`, and a number's `min`, `max` and `step`. Otherwise it says precisely what is wrong.
 * An empty optional field tells `null`.
 *
 * @summary Edits a text, password or number setting.
 * @fires paragon-field-change - The user committed a value: a string, a number (NUMBER), or `null` when emptied.
 * @csspart field - The label, the control and the help around it.
 * @csspart tooltip - The disclosure with the input's longer help.
 * @csspart reveal - The button that shows or hides a password.
 */
export class TextField extends FieldBase<string | number, TextInput | NumberInput> {
  static override styles = [...FieldBase.styles, textFieldStyles];

  /** Whether a password is shown in clear. */
  @state() private revealed = false;

  /** Why `text` cannot be the value (put in words when shown); `undefined` when it can. */
  private problemWith(text: string, control: HTMLInputElement | HTMLTextAreaElement): Message | undefined {
    const { input } = this;
    const { title } = input;
    if (input.type === 'NUMBER') {
      const value = Number(text);
      const { min, max, step } = input;
      if ((control as HTMLInputElement).validity.badInput || !Number.isFinite(value)) return ({ t }) => t.notANumber(title);
      if (min !== undefined && value < min) return ({ t, number }) => t.tooSmall(title, number(min));
      if (max !== undefined && value > max) return ({ t, number }) => t.tooLarge(title, number(max));
      if (step !== undefined && !fitsStep(value, step, min)) {
        return step === 1 ? ({ t }) => t.notWhole(title) : ({ t, number }) => t.notAStep(title, number(step));
      }
      return undefined;
    }
    const max = input.maxLength ?? MAX_TEXT_LENGTH;
    if (text.length > max) return ({ t, number }) => t.tooLong(title, number(max));
    if (input.type === 'EMAIL' && !isEmailAddress(text)) return ({ t }) => t.notAnEmail(title);
    if (input.type === 'URL' && !isHttpUrl(text)) return ({ t }) => t.notAUrl(title);
    if (input.pattern !== undefined && !matchesPattern(input.pattern, text)) return ({ t }) => t.notInFormat(title);
    return undefined;
  }

  private onChange(event: Event): void {
    const control = event.target as HTMLInputElement | HTMLTextAreaElement;
    // Chromium already trims email and URL inputs; a number's surrounding spaces mean nothing.
    const text = this.input.type === 'NUMBER' ? control.value.trim() : control.value;
    const badNumber = this.input.type === 'NUMBER' && (control as HTMLInputElement).validity.badInput;
    if (text.trim() === '' && !badNumber) {
      const { title } = this.input;
      if (this.isRequired) this.problem = ({ t }) => t.required(title);
      else this.commit(null);
      return;
    }
    const problem = this.problemWith(text, control);
    if (problem) this.problem = problem;
    else this.commit(this.input.type === 'NUMBER' ? Number(text) : text);
  }

  /** Text a number input cannot read ("1e") fires no `change`, as its value stays empty: say so on leaving or Enter. */
  private onNumberCommit(event: FocusEvent | KeyboardEvent): void {
    const control = event.target as HTMLInputElement;
    if (event instanceof KeyboardEvent && event.key !== 'Enter') return;
    const { title } = this.input;
    if (control.validity.badInput) this.problem = ({ t }) => t.notANumber(title);
  }

  override render() {
    const { input } = this;
    const { t } = this.i18n;
    const shown = this.shownValue;
    const text = shown === undefined || shown === null ? '' : String(shown);
    // `.value` is only written when the value given changes, so a refused entry stays as typed.
    if (input.type === 'TEXTAREA_NO_VARS') {
      return this.renderField(html`<textarea
        id="control"
        .value=${text}
        placeholder=${input.placeholder ?? nothing}
        ?required=${this.isRequired}
        ?disabled=${this.disabled}
        ?readonly=${input.readOnly}
        aria-invalid=${this.invalid}
        aria-describedby=${this.describedBy}
        @change=${this.onChange}
      ></textarea>`);
    }
    const type = input.type === 'PASSWORD' && this.revealed ? 'text' : INPUT_TYPES[input.type];
    const number = input.type === 'NUMBER' ? input : undefined;
    const control = html`<input
      id="control"
      type=${type}
      .value=${text}
      placeholder=${input.placeholder ?? nothing}
      min=${number?.min ?? nothing}
      max=${number?.max ?? nothing}
      step=${number ? (number.step ?? 'any') : nothing}
      autocomplete="off"
      spellcheck="false"
      ?required=${this.isRequired}
      ?disabled=${this.disabled}
      ?readonly=${input.readOnly}
      aria-invalid=${this.invalid}
      aria-describedby=${this.describedBy}
      @change=${this.onChange}
      @blur=${number ? this.onNumberCommit : nothing}
      @keydown=${number ? this.onNumberCommit : nothing}
    />`;
    if (input.type !== 'PASSWORD') return this.renderField(control);
    return this.renderField(html`<div class="password">
      ${control}
      <button
        type="button"
        part="reveal"
        aria-controls="control"
        ?disabled=${this.disabled}
        @click=${() => (this.revealed = !this.revealed)}
      >
        ${this.revealed ? t.hidePassword : t.showPassword}
      </button>
    </div>`);
  }
}
