import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { FieldMapperInput, FieldMappingValue } from '../../../protocol/src/inputs.js';
import { partInput, partSource } from '../combo-field/combo-field.js';
import type { FieldChangeEvent } from '../events/field-change.js';
import { FieldBase } from '../field-base/field-base.js';
import type { OptionSource } from '../runtime/option-source.js';
import type { SelectInput } from '../select-field/select-field.js';
import { fieldMapperStyles } from './field-mapper.styles.js';

/**
 * Maps the app's fields to the integration's (`FIELD_MAPPER`): first, when the input has an
 * `objectInput`, the integration's object (a Salesforce object, a HubSpot list); then one row per
 * application field, each a `<paragon-select-field>` of the integration's fields, asked for with
 * `parameters: { object }`. A row can be left unmapped or cleared; changing the object clears
 * every row, as the fields were the old object's.
 *
 * @summary Maps the app's fields to an integration object's fields.
 * @fires paragon-field-change - The user changed the object or a row: `{ objectMapping?, fieldMappings }`, or `null` when they cleared the object.
 * @csspart field - The fieldset around the mapping, with the title as its legend.
 * @csspart tooltip - The disclosure with the input's longer help.
 */
export class FieldMapper extends FieldBase<FieldMappingValue, FieldMapperInput> {
  static override styles = [...FieldBase.styles, fieldMapperStyles];

  /**
   * Where the objects (`'object'`) and the fields (`'field'`) come from when the input names a
   * data source (`sourceType`) rather than a list (`values`, used as it is). Return the same
   * source for the same part.
   */
  @property({ attribute: false }) sourceFor?: (part: 'object' | 'field') => OptionSource;

  private parts!: { object?: SelectInput; rows: SelectInput[] };

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('input') || changed.has('i18n')) {
      const { input } = this;
      this.parts = {
        object: input.objectInput && partInput(input, 'objectMapping', input.objectInput.title),
        rows: input.applicationFields.map((label, index) =>
          partInput(input, `fieldMappings.${index}`, label, { required: false, placeholder: this.i18n.t.notMapped }),
        ),
      };
    }
  }

  private onObject(event: FieldChangeEvent): void {
    event.stopPropagation();
    const object = event.detail.value as string | null;
    this.commit(object === null ? null : { objectMapping: object, fieldMappings: {} });
  }

  private onRow(event: FieldChangeEvent, label: string): void {
    event.stopPropagation();
    const { objectMapping, fieldMappings = {} } = this.shownValue ?? {};
    const mapped = { ...fieldMappings };
    if (event.detail.value === null) delete mapped[label];
    else mapped[label] = event.detail.value as string;
    this.commit(objectMapping === undefined ? { fieldMappings: mapped } : { objectMapping, fieldMappings: mapped });
  }

  override render() {
    const { input, parts } = this;
    const { objectMapping: object, fieldMappings = {} } = this.shownValue ?? {};
    const waiting = Boolean(input.objectInput) && object === undefined;
    const fieldSource = partSource(input.fieldInput, 'field', this.sourceFor);
    return this.renderField(
      html`${
        parts.object
          ? html`<paragon-select-field
              class="object"
              .input=${parts.object}
              .value=${object}
              .source=${partSource(input.objectInput!, 'object', this.sourceFor)}
              .disabled=${this.disabled}
              @paragon-field-change=${this.onObject}
            ></paragon-select-field>`
          : nothing
      }
        <div class="rows">
          ${input.applicationFields.map(
            (label, index) => html`<paragon-select-field
              class="row"
              .input=${parts.rows[index]!}
              .value=${fieldMappings[label]}
              .source=${fieldSource}
              .parameters=${object === undefined ? undefined : { object }}
              .disabled=${this.disabled || waiting}
              @paragon-field-change=${(event: FieldChangeEvent) => this.onRow(event, label)}
            ></paragon-select-field>`,
          )}
        </div>`,
      { group: true },
    );
  }
}
