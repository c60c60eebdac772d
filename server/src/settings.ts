/**
 * Settings values are checked against the input they target (`protocol/src/inputs.ts` gives each
 * type's value): a NUMBER takes a finite number within its bounds, a SWITCH a boolean, an ENUM
 * one of its values, a FIELD_MAPPER a mapping of its application fields, a FILE a small base64
 * file of an accepted type... Unknown setting ids are refused. Every error names the field, as
 * `config.sharedSettings.<id>`. The config loader checks each input's `defaultValue` the same way.
 */
import { ErrorCode } from '../../protocol/src/errors.js';
import {
  acceptsFile,
  fitsStep,
  isEmailAddress,
  isHttpUrl,
  matchesPattern,
  MAX_FILE_BYTES,
  MAX_TEXT_LENGTH,
  type ConnectInputValue,
} from '../../protocol/src/inputs.js';
import type { InputConfig } from './config/schema.js';
import { HttpError } from './http-error.js';

const MAX_CHOICE = 1000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');

function textProblem(input: Extract<InputConfig, { type: 'TEXT_NO_VARS' | 'TEXTAREA_NO_VARS' | 'EMAIL' | 'URL' | 'PASSWORD' }>, value: unknown) {
  if (typeof value !== 'string') return 'must be text';
  const max = input.maxLength ?? MAX_TEXT_LENGTH;
  if (value.length > max) return `must be at most ${max} characters`;
  if (input.type === 'EMAIL' && !isEmailAddress(value)) return 'must be an email address';
  if (input.type === 'URL' && !isHttpUrl(value)) return 'must be an http or https URL';
  if (input.pattern !== undefined && value !== '' && !matchesPattern(input.pattern, value)) return 'is not in the expected format';
  return undefined;
}

function numberProblem(input: Extract<InputConfig, { type: 'NUMBER' }>, value: unknown) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (input.min !== undefined && value < input.min) return `must be at least ${input.min}`;
  if (input.max !== undefined && value > input.max) return `must be at most ${input.max}`;
  if (input.step !== undefined && !fitsStep(value, input.step, input.min)) {
    return input.step === 1 ? 'must be a whole number' : `must be a multiple of ${input.step}`;
  }
  return undefined;
}

/** A choice: a short string, and one of the list's values when the options are a fixed list. */
function choiceProblem(value: unknown, values?: readonly { value: string }[]): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CHOICE) return 'must be one of the options';
  if (values && !values.some((option) => option.value === value)) return `must be one of ${quoted(values.map((option) => option.value))}`;
  return undefined;
}

function comboProblem(input: Extract<InputConfig, { type: 'COMBO_INPUT' | 'DYNAMIC_COMBO_INPUT' }>, value: unknown) {
  if (!isRecord(value)) return 'must be an object with mainInput and dependentInput';
  const unknown = Object.keys(value).filter((key) => key !== 'mainInput' && key !== 'dependentInput');
  if (unknown.length > 0) return `has unknown keys ${quoted(unknown)}`;
  for (const [key, part] of [
    ['mainInput', input.mainInput],
    ['dependentInput', input.dependentInput],
  ] as const) {
    if (value[key] === undefined) continue;
    const problem = choiceProblem(value[key], part.values);
    if (problem) return `${key} ${problem}`;
  }
  return undefined;
}

function fieldMapperProblem(input: Extract<InputConfig, { type: 'FIELD_MAPPER' }>, value: unknown) {
  if (!isRecord(value) || !isRecord(value.fieldMappings)) return 'must be an object with fieldMappings';
  const unknown = Object.keys(value).filter((key) => key !== 'objectMapping' && key !== 'fieldMappings');
  if (unknown.length > 0) return `has unknown keys ${quoted(unknown)}`;
  if (value.objectMapping !== undefined) {
    const problem = choiceProblem(value.objectMapping, input.objectInput?.values);
    if (problem) return `objectMapping ${problem}`;
  }
  for (const [field, mapped] of Object.entries(value.fieldMappings)) {
    if (!input.applicationFields.includes(field)) return `maps "${field}", which is not one of ${quoted(input.applicationFields)}`;
    const problem = choiceProblem(mapped, input.fieldInput.values);
    if (problem) return `fieldMappings.${field} ${problem}`;
  }
  return undefined;
}

function permissionProblem(input: Extract<InputConfig, { type: 'PERMISSION' }>, value: unknown) {
  if (!Array.isArray(value) || value.some((scope) => typeof scope !== 'string')) return 'must be a list of scope names';
  const scopes = value as string[];
  const names = input.scopes.map((scope) => scope.name);
  const unknown = scopes.filter((scope) => !names.includes(scope));
  if (unknown.length > 0) return `names unknown scopes ${quoted(unknown)}`;
  if (new Set(scopes).size !== scopes.length) return 'names a scope twice';
  const missing = input.scopes.filter((scope) => scope.required && !scopes.includes(scope.name)).map((scope) => scope.name);
  return missing.length > 0 ? `must include the required scopes ${quoted(missing)}` : undefined;
}

function fileProblem(input: Extract<InputConfig, { type: 'FILE' }>, value: unknown) {
  if (!isRecord(value)) return 'must be a file: { name, mimeType, size, content }';
  const { name, mimeType, size, content } = value;
  const unknown = Object.keys(value).filter((key) => !['name', 'mimeType', 'size', 'content'].includes(key));
  if (unknown.length > 0) return `has unknown keys ${quoted(unknown)}`;
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) return 'must have a name of 1 to 255 characters';
  if (typeof mimeType !== 'string' || mimeType.length > 255) return 'must have a MIME type';
  if (typeof content !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(content)) return 'must have base64 content';
  const bytes = Buffer.from(content, 'base64').length;
  if (bytes > MAX_FILE_BYTES) return `must be at most ${MAX_FILE_BYTES / 1024} KB`;
  if (size !== bytes) return 'has a size that does not match its content';
  if (!acceptsFile(input.accept, name, mimeType)) return `must be one of these types: ${input.accept!.join(', ')}`;
  return undefined;
}

/** Why `value` does not fit `input`, or `undefined` when it does. */
export function problemWith(input: InputConfig, value: unknown): string | undefined {
  switch (input.type) {
    case 'TEXT_NO_VARS':
    case 'TEXTAREA_NO_VARS':
    case 'EMAIL':
    case 'URL':
    case 'PASSWORD':
      return textProblem(input, value);
    case 'NUMBER':
      return numberProblem(input, value);
    case 'BOOLEAN_INPUT':
    case 'SWITCH':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'ENUM':
      return choiceProblem(value, input.values);
    case 'DYNAMIC_ENUM':
    case 'CUSTOM_DROPDOWN':
      return choiceProblem(value);
    case 'COMBO_INPUT':
    case 'DYNAMIC_COMBO_INPUT':
      return comboProblem(input, value);
    case 'FIELD_MAPPER':
      return fieldMapperProblem(input, value);
    case 'COPYABLE_BUTTON_INPUT':
      return 'is shown to copy; it holds no value';
    case 'PERMISSION':
      return permissionProblem(input, value);
    case 'FILE':
      return fileProblem(input, value);
  }
}

/**
 * Checks a settings object against the inputs it may set. `null` clears a setting. Returns the
 * values typed; throws a 400 naming the first field at fault.
 */
export function validateSettings(
  inputs: readonly InputConfig[],
  values: Record<string, unknown>,
  field: string,
): Record<string, ConnectInputValue | null> {
  for (const [id, value] of Object.entries(values)) {
    const input = inputs.find((candidate) => candidate.id === id);
    if (!input) throw new HttpError(400, ErrorCode.invalidRequest, `There is no setting "${id}".`, `${field}.${id}`);
    if (input.readOnly) throw new HttpError(400, ErrorCode.invalidRequest, `${input.title} is read-only.`, `${field}.${id}`);
    if (value === null) continue;
    const problem = problemWith(input, value);
    if (problem) throw new HttpError(400, ErrorCode.invalidRequest, `${input.title} ${problem}.`, `${field}.${id}`);
  }
  return values as Record<string, ConnectInputValue | null>;
}

/**
 * The values an account is connected with (before or after connecting): no unknown keys, text
 * trimmed, defaults filled in, required ones present, each of its input's type. Returns them;
 * throws a 400 naming the first field at fault (`payload.API_KEY`).
 */
export function validateInstallValues(
  inputs: readonly InputConfig[],
  payload: Record<string, unknown>,
  integrationName: string,
  field: string,
): Record<string, ConnectInputValue> {
  const values: Record<string, ConnectInputValue> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!inputs.some((input) => input.id === key)) {
      throw new HttpError(400, ErrorCode.invalidRequest, `"${key}" is not asked when connecting ${integrationName}.`, `${field}.${key}`);
    }
    values[key] = (typeof value === 'string' ? value.trim() : value) as ConnectInputValue;
  }
  for (const input of inputs) {
    if ((values[input.id] === undefined || values[input.id] === '') && input.defaultValue !== undefined) values[input.id] = input.defaultValue;
    const missing = values[input.id] === undefined || values[input.id] === '';
    if (missing) delete values[input.id];
    if (missing && input.required !== false && input.type !== 'COPYABLE_BUTTON_INPUT') {
      throw new HttpError(400, ErrorCode.invalidRequest, `${input.title} is required.`, `${field}.${input.id}`);
    }
  }
  validateSettings(inputs, values, field);
  return values;
}

/**
 * `current` with `changes` applied: a value replaces the stored one, `null` removes the key, a key
 * left out is kept. Settings, user metadata and configuration metadata all merge this way.
 */
export function mergeChanges<V>(current: Readonly<Record<string, V>>, changes: Readonly<Record<string, V | null>>): Record<string, V> {
  const next: Record<string, V> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
