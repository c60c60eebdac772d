/**
 * Which option source a dropdown of an integration's settings uses: the fixed values the config
 * gives, the host's own options (CUSTOM_DROPDOWN, registered through the bridge), or the user's
 * account through a data source on the server (DYNAMIC_ENUM and dynamic combo parts). Until a
 * kind of source is available, its dropdown says so instead of showing an empty list.
 */
import { ConnectError } from '../../../protocol/src/errors.js';
import type { ConnectInput, EnumOption } from '../../../protocol/src/inputs.js';
import type { OptionPart, SettingFieldOptions } from '../field-base/render-field.js';
import { sourceOfValues, type OptionSource } from './option-source.js';

/** A source that answers with an error: a dropdown shows it, with a retry. The message is made when asked, in the language of that moment. */
export const unavailableSource = (message: () => string): OptionSource => ({
  load: () => Promise.reject(new ConnectError('invalid_request', message())),
});

/** The static values of a combo part or field-mapper part, when the config lists them. */
function partValues(input: ConnectInput, part: OptionPart): EnumOption[] | undefined {
  if (input.type === 'COMBO_INPUT' || input.type === 'DYNAMIC_COMBO_INPUT')
    return part === 'dependent' ? input.dependentInput.values : input.mainInput.values;
  if (input.type === 'FIELD_MAPPER') return part === 'object' ? input.objectInput?.values : input.fieldInput.values;
  if (input.type === 'ENUM') return input.values;
  return undefined;
}

export interface OptionSources {
  /** Sources the host app registered, by dropdown key. */
  hostDropdowns: ReadonlyMap<string, OptionSource>;
  /** The integration's data source of that key, read from the account; undefined when there is none (or no account). */
  accountSource?: (sourceKey: string) => OptionSource | undefined;
  /** What a dropdown says when its options cannot be had (from the translation table). */
  messages: { noHostOptions: (title: string) => string; accountOptionsUnavailable: (title: string) => string };
}

/** The source of an input's options (or of one part of a combo input or field mapper). */
export function optionSourceFor(input: ConnectInput, part: OptionPart, { hostDropdowns, accountSource, messages }: OptionSources): OptionSource {
  const values = partValues(input, part);
  if (values) return sourceOfValues(values);
  if (input.type === 'CUSTOM_DROPDOWN') return hostDropdowns.get(input.key) ?? unavailableSource(() => messages.noHostOptions(input.title));
  // A host source of the same key comes first, as Paragon's getFieldOptions tries the app's loaders first.
  const key = sourceKeyOf(input, part);
  const fromAccount = key ? (hostDropdowns.get(key) ?? accountSource?.(key)) : undefined;
  return fromAccount ?? unavailableSource(() => messages.accountOptionsUnavailable(input.title));
}

/** The data source a dynamic dropdown (or one part of a combo input or field mapper) names. */
function sourceKeyOf(input: ConnectInput, part: OptionPart): string | undefined {
  if (input.type === 'DYNAMIC_ENUM') return input.sourceType;
  if (input.type === 'COMBO_INPUT' || input.type === 'DYNAMIC_COMBO_INPUT')
    return (part === 'dependent' ? input.dependentInput : input.mainInput).sourceType;
  if (input.type === 'FIELD_MAPPER') return (part === 'object' ? input.objectInput : input.fieldInput)?.sourceType;
  return undefined;
}

const NO_VALUES: EnumOption[] = [];

/** For a form given no sources: every dropdown that is not a fixed list is empty. */
export const noOptions: SettingFieldOptions['sourceFor'] = () => sourceOfValues(NO_VALUES);
