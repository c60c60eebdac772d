import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ComboInput, ComboInputValue, ComboPart, FieldMapperInput } from '../../../protocol/src/inputs.js';
import type { FieldChangeEvent } from '../events/field-change.js';
import { FieldBase } from '../field-base/field-base.js';
import { sourceOfValues, type OptionSource } from '../runtime/option-source.js';
import type { SelectInput } from '../select-field/select-field.js';
import { comboFieldStyles } from './combo-field.styles.js';

/** The dropdown input of one part of a combo or mapper field: required and read-only as the whole is. */
export function partInput(
  whole: ComboInput | FieldMapperInput,
  key: string,
  title: string,
  extra: { placeholder?: string; required?: boolean } = {},
): SelectInput {
  return { id: `${whole.id}.${key}`, type: 'DYNAMIC_ENUM', sourceType: '', title, required: whole.required, readOnly: whole.readOnly, ...extra };
}

/** A part's options: its own list when it has one, else its data source through `sourceFor`. */
export function partSource<P extends string>(part: ComboPart, name: P, sourceFor: ((part: P) => OptionSource) | undefined) {
  return part.values ? sourceOfValues(part.values) : sourceFor?.(name);
}

/**
 * Two dependent choices (`COMBO_INPUT`, `DYNAMIC_COMBO_INPUT`): a main one (a spreadsheet, an
 * object) and one within it (a sheet, a field), each a `<paragon-select-field>`. The dependent
 * one is asked for its options with `parameters: { main }`, and waits until a main choice is
 * made; changing the main choice clears it.
 *
 * @summary Chooses a main option and one that depends on it.
 * @fires paragon-field-change - The user changed a choice: `{ mainInput, dependentInput? }`, or `null` when they cleared the main one.
 * @csspart field - The fieldset around both choices, with the title as its legend.
 * @csspart tooltip - The disclosure with the input's longer help.
 */
export class ComboField extends FieldBase<ComboInputValue, ComboInput> {
  static override styles = [...FieldBase.styles, comboFieldStyles];

  /**
   * Where a part's options come from when the input names a data source (`sourceType`) rather
   * than a list (`values`, used as it is). Return the same source for the same part.
   */
  @property({ attribute: false }) sourceFor?: (part: 'main' | 'dependent') => OptionSource;

  private parts!: { main: SelectInput; dependent: SelectInput };

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('input')) {
      const { input } = this;
      this.parts = {
        main: partInput(input, 'mainInput', input.mainInput.title),
        dependent: partInput(input, 'dependentInput', input.dependentInput.title),
      };
    }
  }

  /** Tells the whole value for one part's change, which never leaves the combo on its own. */
  private onPart(event: FieldChangeEvent, part: 'main' | 'dependent'): void {
    event.stopPropagation();
    const chosen = event.detail.value as string | null;
    const main = this.shownValue?.mainInput;
    if (part === 'main') this.commit(chosen === null ? null : { mainInput: chosen });
    else if (main !== undefined) this.commit(chosen === null ? { mainInput: main } : { mainInput: main, dependentInput: chosen });
  }

  override render() {
    const { input } = this;
    const { mainInput: main, dependentInput: dependent } = this.shownValue ?? {};
    return this.renderField(
      html`<div class="parts">
        <paragon-select-field
          .input=${this.parts.main}
          .value=${main}
          .source=${partSource(input.mainInput, 'main', this.sourceFor)}
          .disabled=${this.disabled}
          @paragon-field-change=${(event: FieldChangeEvent) => this.onPart(event, 'main')}
        ></paragon-select-field>
        <paragon-select-field
          .input=${this.parts.dependent}
          .value=${dependent}
          .source=${partSource(input.dependentInput, 'dependent', this.sourceFor)}
          .parameters=${main === undefined ? undefined : { main }}
          .disabled=${this.disabled || main === undefined}
          @paragon-field-change=${(event: FieldChangeEvent) => this.onPart(event, 'dependent')}
        ></paragon-select-field>
      </div>`,
      { group: true },
    );
  }
}
