/**
 * One call renders the right field element for any of the 17 input types, so a settings form is
 * `inputs.map((input) => renderSettingField(input, …))`. Hidden inputs render nothing.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ConnectInput, ConnectInputValue } from '../../../protocol/src/inputs.js';
import { sourceOfValues, type OptionSource } from '../runtime/option-source.js';

/** Which options a dropdown asks for: a DYNAMIC_ENUM's or CUSTOM_DROPDOWN's own, or one part of a combo or mapper input. */
export type OptionPart = 'options' | 'main' | 'dependent' | 'object' | 'field';

export interface SettingFieldOptions {
  /** The stored value; absent or `null` shows the input's default. */
  value?: ConnectInputValue | null;
  /** Why the server refused the value. */
  error?: string;
  disabled?: boolean;
  /**
   * The option source of a dropdown whose options are not a fixed list (a data source, the host
   * app's options), for the account the field belongs to. Return the same source for the same
   * input, part and account: a new one starts the dropdown over.
   */
  sourceFor: (input: ConnectInput, part: OptionPart, credentialId?: string) => OptionSource;
  /** The account whose setting this is: a data source reads its options from it. */
  credentialId?: string;
}

export function renderSettingField(input: ConnectInput, options: SettingFieldOptions): TemplateResult | typeof nothing {
  if (input.hidden) return nothing;
  const { error = '', disabled = false, credentialId } = options;
  const sourceFor = (input: ConnectInput, part: OptionPart) => options.sourceFor(input, part, credentialId);
  const value = options.value ?? undefined;
  switch (input.type) {
    case 'TEXT_NO_VARS':
    case 'TEXTAREA_NO_VARS':
    case 'EMAIL':
    case 'URL':
    case 'PASSWORD':
    case 'NUMBER':
      return html`<paragon-text-field .input=${input} .value=${value} .error=${error} .disabled=${disabled}></paragon-text-field>`;
    case 'BOOLEAN_INPUT':
    case 'SWITCH':
      return html`<paragon-toggle-field .input=${input} .value=${value} .error=${error} .disabled=${disabled}></paragon-toggle-field>`;
    case 'ENUM':
    case 'DYNAMIC_ENUM':
    case 'CUSTOM_DROPDOWN': {
      const source = input.type === 'ENUM' ? sourceOfValues(input.values) : sourceFor(input, 'options');
      return html`<paragon-select-field .input=${input} .value=${value} .error=${error} .disabled=${disabled} .source=${source}></paragon-select-field>`;
    }
    case 'COMBO_INPUT':
    case 'DYNAMIC_COMBO_INPUT':
      return html`<paragon-combo-field
        .input=${input}
        .value=${value}
        .error=${error}
        .disabled=${disabled}
        .sourceFor=${(part: 'main' | 'dependent') => sourceFor(input, part)}
      ></paragon-combo-field>`;
    case 'FIELD_MAPPER':
      return html`<paragon-field-mapper
        .input=${input}
        .value=${value}
        .error=${error}
        .disabled=${disabled}
        .sourceFor=${(part: 'object' | 'field') => sourceFor(input, part)}
      ></paragon-field-mapper>`;
    case 'COPYABLE_BUTTON_INPUT':
      return html`<paragon-copy-field .input=${input} .error=${error} .disabled=${disabled}></paragon-copy-field>`;
    case 'PERMISSION':
      return html`<paragon-permission-field .input=${input} .value=${value} .error=${error} .disabled=${disabled}></paragon-permission-field>`;
    case 'FILE':
      return html`<paragon-file-field .input=${input} .value=${value} .error=${error} .disabled=${disabled}></paragon-file-field>`;
  }
}
