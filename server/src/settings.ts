/**
 * Settings values are checked against the input type of the setting they target (reference
 * §4.8): a NUMBER setting takes a finite number, a SWITCH a boolean, an ENUM one of its values...
 * Unknown setting ids are refused. Every error names the field, as `config.sharedSettings.<id>`.
 */
import { ErrorCode } from '../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../protocol/src/rest.js';
import type { InputConfig } from './config.js';
import { HttpError } from './http-error.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_TEXT = 10_000;

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Why `value` does not fit `input`, or `undefined` when it does. */
function problemWith(input: InputConfig, value: unknown): string | undefined {
  switch (input.type) {
    case 'TEXT_NO_VARS':
    case 'TEXTAREA_NO_VARS':
    case 'PASSWORD':
      if (typeof value !== 'string') return 'must be text';
      return value.length > MAX_TEXT ? `must be at most ${MAX_TEXT} characters` : undefined;
    case 'NUMBER':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'EMAIL':
      return typeof value === 'string' && EMAIL.test(value) ? undefined : 'must be an email address';
    case 'URL':
      return typeof value === 'string' && isHttpUrl(value) ? undefined : 'must be an http or https URL';
    case 'SWITCH':
    case 'BOOLEAN_INPUT':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'ENUM': {
      const allowed = (input.values ?? []).map((option) => option.value);
      return typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of ${allowed.map((v) => `"${v}"`).join(', ')}`;
    }
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
    if (value === null) continue;
    const problem = problemWith(input, value);
    if (problem) throw new HttpError(400, ErrorCode.invalidRequest, `${input.title} ${problem}.`, `${field}.${id}`);
  }
  return values as Record<string, ConnectInputValue | null>;
}

/** `current` with `changes` applied; `null` removes a key. */
export function applySettings(
  current: Record<string, ConnectInputValue>,
  changes: Record<string, ConnectInputValue | null>,
): Record<string, ConnectInputValue> {
  const next: Record<string, ConnectInputValue> = { ...current };
  for (const [id, value] of Object.entries(changes)) {
    if (value === null) delete next[id];
    else next[id] = value;
  }
  return next;
}
