import { html } from 'lit';
import type { BooleanInput } from '../../../protocol/src/inputs.js';
import { FieldBase } from '../field-base/field-base.js';
import { switchStyles } from '../styles/switch.styles.js';
import { toggleFieldStyles } from './toggle-field.styles.js';

/**
 * An on/off setting: a switch (`SWITCH`, a native checkbox with `role="switch"`, so Space flips
 * it) or a plain checkbox (`BOOLEAN_INPUT`). It tells the new value at once.
 *
 * @summary Edits a true/false setting.
 * @fires paragon-field-change - The user flipped it: `true` or `false`.
 * @csspart field - The label, the control and the help around it.
 * @csspart tooltip - The disclosure with the input's longer help.
 */
export class ToggleField extends FieldBase<boolean, BooleanInput> {
  static override styles = [...FieldBase.styles, switchStyles, toggleFieldStyles];

  override render() {
    const isSwitch = this.input.type === 'SWITCH';
    return this.renderField(html`<input
      id="control"
      type="checkbox"
      class=${isSwitch ? 'switch' : 'checkbox'}
      role=${isSwitch ? 'switch' : 'checkbox'}
      .checked=${Boolean(this.shownValue)}
      ?disabled=${this.isDisabled}
      aria-invalid=${this.invalid}
      aria-describedby=${this.describedBy}
      @change=${(event: Event) => this.commit((event.target as HTMLInputElement).checked)}
    />`);
  }
}
