/**
 * Inputs: the user settings of an integration and its workflows, and the values asked while
 * connecting an account (before and after OAuth). Seventeen types, as Paragon's portal has
 * (`../shared/reference/paragon-sdk.md` §4.8), each with the value type it stores. The server
 * validates values against these definitions; the portal renders them; the host can read them
 * through `getIntegrationConfig` and render its own.
 */

/** Every input type, with the value it stores. */
export interface InputValues {
  TEXT_NO_VARS: string;
  TEXTAREA_NO_VARS: string;
  NUMBER: number;
  EMAIL: string;
  URL: string;
  PASSWORD: string;
  BOOLEAN_INPUT: boolean;
  SWITCH: boolean;
  ENUM: string;
  DYNAMIC_ENUM: string;
  CUSTOM_DROPDOWN: string;
  COMBO_INPUT: ComboInputValue;
  DYNAMIC_COMBO_INPUT: ComboInputValue;
  FIELD_MAPPER: FieldMappingValue;
  /** Shows a value to copy (a webhook URL, an id); the user sets nothing. */
  COPYABLE_BUTTON_INPUT: never;
  /** The scopes the user grants, by name. */
  PERMISSION: string[];
  FILE: FileValue;
}

export type ConnectInputType = keyof InputValues;

export const INPUT_TYPES = [
  'TEXT_NO_VARS',
  'TEXTAREA_NO_VARS',
  'NUMBER',
  'EMAIL',
  'URL',
  'PASSWORD',
  'BOOLEAN_INPUT',
  'SWITCH',
  'ENUM',
  'DYNAMIC_ENUM',
  'CUSTOM_DROPDOWN',
  'COMBO_INPUT',
  'DYNAMIC_COMBO_INPUT',
  'FIELD_MAPPER',
  'COPYABLE_BUTTON_INPUT',
  'PERMISSION',
  'FILE',
] as const satisfies readonly ConnectInputType[];

/** Two dependent choices: a main one (a spreadsheet, an object) and one within it (a sheet, a field). */
export interface ComboInputValue {
  mainInput?: string;
  dependentInput?: string;
}

/** Which field of the integration each of the app's fields maps to, for one object. */
export interface FieldMappingValue {
  /** The integration's object (a Salesforce object, a HubSpot list...). */
  objectMapping?: string;
  /** App field label → integration field value. */
  fieldMappings: Record<string, string>;
}

/** A small file the user uploads as a setting (a certificate, a CSV template), stored with the settings. */
export interface FileValue {
  name: string;
  mimeType: string;
  /** Bytes, at most `MAX_FILE_BYTES`. */
  size: number;
  /** The content, base64. */
  content: string;
}

/** A text setting holds at most this many characters, unless its input says fewer (`maxLength`). */
export const MAX_TEXT_LENGTH = 10_000;

/** A FILE setting holds at most this many bytes (it is stored inside the settings). */
export const MAX_FILE_BYTES = 64 * 1024;

/** Any stored value. */
export type ConnectInputValue = InputValues[ConnectInputType];

/** One choice of a dropdown. */
export interface EnumOption {
  value: string;
  label: string;
  subtitle?: string;
}

/** A titled group of choices. */
export interface EnumSection {
  title: string;
  items: EnumOption[];
}

/** What every input has. */
export interface BaseInput<T extends ConnectInputType> {
  id: string;
  type: T;
  title: string;
  subtitle?: string;
  /** Longer help, shown on demand. */
  tooltip?: string;
  placeholder?: string;
  /** Required unless `false`, as in Paragon. */
  required?: boolean;
  defaultValue?: InputValues[T];
  /** Shown, not editable. */
  readOnly?: boolean;
  /** Not shown (its default still applies). */
  hidden?: boolean;
  /** An https link to documentation about this input. */
  documentationLink?: string;
  documentationLinkLabel?: string;
}

export interface TextInput extends BaseInput<'TEXT_NO_VARS' | 'TEXTAREA_NO_VARS' | 'EMAIL' | 'URL' | 'PASSWORD'> {
  maxLength?: number;
  /** A regular expression (`u` flag) the whole value must match: a subdomain, a shop name. */
  pattern?: string;
}

export interface NumberInput extends BaseInput<'NUMBER'> {
  min?: number;
  max?: number;
  /** 1 for whole numbers; absent for any number. */
  step?: number;
}

export type BooleanInput = BaseInput<'BOOLEAN_INPUT' | 'SWITCH'>;

export interface EnumInput extends BaseInput<'ENUM'> {
  values: EnumOption[];
}

/** Options loaded from the user's account through the integration's data source `sourceType`. */
export interface DynamicEnumInput extends BaseInput<'DYNAMIC_ENUM'> {
  sourceType: string;
}

/** Options given by the host app under `key` (`paragon.connect(type, { dropdowns: { [key]: … } })` or `setDataSources`). */
export interface CustomDropdownInput extends BaseInput<'CUSTOM_DROPDOWN'> {
  key: string;
}

/** Where one half of a combo input takes its options from: a list, or a data source. */
export interface ComboPart {
  title: string;
  values?: EnumOption[];
  sourceType?: string;
}

export interface ComboInput extends BaseInput<'COMBO_INPUT' | 'DYNAMIC_COMBO_INPUT'> {
  mainInput: ComboPart;
  /** A data source's options depend on the main choice, passed to it as the `main` parameter. */
  dependentInput: ComboPart;
}

export interface FieldMapperInput extends BaseInput<'FIELD_MAPPER'> {
  /** The app's fields the user maps, by label. */
  applicationFields: string[];
  /** The integration's objects to map (a list or a data source); absent when there is one object. */
  objectInput?: ComboPart;
  /** The integration's fields (of the chosen object, passed as the `object` parameter). */
  fieldInput: ComboPart;
}

export interface CopyableButtonInput extends BaseInput<'COPYABLE_BUTTON_INPUT'> {
  /** What the button copies. */
  copyText: string;
}

export interface PermissionScope {
  name: string;
  label?: string;
  description: string;
  /** Always granted; shown checked and disabled. */
  required?: boolean;
}

export interface PermissionInput extends BaseInput<'PERMISSION'> {
  scopes: PermissionScope[];
}

export interface FileInput extends BaseInput<'FILE'> {
  /** MIME types (`text/csv`) or extensions (`.pem`) accepted; any when absent. */
  accept?: string[];
}

/** An input, as the config declares it and the API serves it. */
export type ConnectInput =
  | TextInput
  | NumberInput
  | BooleanInput
  | EnumInput
  | DynamicEnumInput
  | CustomDropdownInput
  | ComboInput
  | FieldMapperInput
  | CopyableButtonInput
  | PermissionInput
  | FileInput;

/** The input of one type, for narrowing: `InputOf<'ENUM'>` is `EnumInput`. */
export type InputOf<T extends ConnectInputType> = Extract<ConnectInput, { type: T }>;

/** Inputs whose value is read-only by nature: nothing to store. */
export const isDisplayOnly = (input: ConnectInput): boolean => input.type === 'COPYABLE_BUTTON_INPUT';

/** Whether the input must have a value before the settings count as complete. */
export const isRequired = (input: ConnectInput): boolean => input.required !== false && !isDisplayOnly(input) && !input.hidden;

// The shape checks of text values, made the same way by the server and by the portal's fields.

/** Something `@` something `.` something, without spaces. */
export const isEmailAddress = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

export function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Whether the whole value matches a text input's `pattern` (with the `u` flag). */
export const matchesPattern = (pattern: string, value: string): boolean => new RegExp(`^(?:${pattern})$`, 'u').test(value);

/** Whether a number is `min` plus a whole number of `step`s (within rounding). */
export function fitsStep(value: number, step: number, min = 0): boolean {
  const steps = (value - min) / step;
  return Math.abs(steps - Math.round(steps)) <= 1e-9;
}

/** Whether a FILE input's `accept` list takes a file: by extension (`.pem`) or exact MIME type (`text/csv`); any when absent. */
export const acceptsFile = (accept: readonly string[] | undefined, name: string, mimeType: string): boolean =>
  !accept || accept.some((type) => (type.startsWith('.') ? name.toLowerCase().endsWith(type.toLowerCase()) : type === mimeType));
