/**
 * Which provider account was connected: its id (kept as the credential's `providerId`, so the
 * same account connected twice is caught), a display name, and the values the integration keeps
 * in `providerData` (a Salesforce instance URL...). Read from the OAuth token response, the ID
 * token's claims, or a URL of the provider's API called with the new credentials, as the
 * integration's `accountInfo` says.
 */
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import { HttpError } from '../http-error.js';

export interface AccountInfoConfig {
  url?: string;
  idPath: string;
  namePath?: string;
  providerData?: Record<string, string>;
}

export interface AccountIdentity {
  providerId: string | null;
  providerData: Record<string, string | number | boolean>;
}

/** How long a provider has to answer a server-side call (token exchange, account info). */
export const PROVIDER_TIMEOUT_MS = 10_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path (`team.id`), or `undefined`. */
export function valueAtPath(source: unknown, path: string): unknown {
  // A key that holds dots itself (OData's `@odata.nextLink`) is read whole.
  if (path.includes('.') && isRecord(source) && Object.hasOwn(source, path)) return source[path];
  let node = source;
  for (const key of path.split('.')) node = isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return node;
}

/** The claims of a JWT, unverified: only for an ID token received straight from the token endpoint over TLS. */
function claimsOf(idToken: unknown): Record<string, unknown> {
  if (typeof idToken !== 'string') return {};
  try {
    return JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** What can go into a URL template: the unreserved characters only, so a value cannot change host or path. */
const TEMPLATE_VALUE = /^[A-Za-z0-9._~-]+$/;

/**
 * A URL template (`https://{shop}.myshopify.com/admin/oauth/authorize`) filled from an account's
 * values. Throws a 400 naming the input whose value cannot be placed in a URL.
 */
/** A `{name}` placeholder of a template: URLs, proxy paths, request bodies. */
const PLACEHOLDER = /\{([^}]+)\}/g;

/** The names of the template's placeholders, in order. */
export const placeholdersOf = (template: string) => [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);

/** The template with each placeholder replaced by `valueOf(name)`, which may throw to refuse it. */
export const fillPlaceholders = (template: string, valueOf: (name: string) => string) =>
  template.replace(PLACEHOLDER, (_, name: string) => valueOf(name));

export function fillTemplate(template: string, values: Record<string, ConnectInputValue | undefined>): string {
  return fillPlaceholders(template, (name) => {
    const value = values[name];
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new HttpError(400, ErrorCode.invalidRequest, `A value for "${name}" is needed to connect.`, `preOptions.${name}`);
    }
    if (!TEMPLATE_VALUE.test(String(value))) {
      throw new HttpError(400, ErrorCode.invalidRequest, `"${name}" may hold only letters, digits, ".", "-", "_" and "~".`, `preOptions.${name}`);
    }
    return String(value);
  });
}

/** The HTTP Basic header of a basic-auth account's `username` and `password`. */
export function basicAuthorization(values: Record<string, ConnectInputValue>): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the username and password inputs are text (BASIC_AUTH_INPUTS) or whatever the config made them; they are sent as given
  return `Basic ${Buffer.from(`${String(values.username ?? '')}:${String(values.password ?? '')}`).toString('base64')}`;
}

const scalar = (value: unknown): string | number | boolean | undefined =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;

/**
 * Reads the account's identity. `tokenResponse` is the OAuth token response (absent for basic
 * auth); `authorization` is the header that proves the new credentials to the provider.
 */
export async function readAccountInfo(
  info: AccountInfoConfig | undefined,
  {
    tokenResponse,
    authorization,
    values,
    fetcher = fetch,
  }: {
    tokenResponse?: Record<string, unknown>;
    authorization: string;
    values: Record<string, ConnectInputValue>;
    fetcher?: typeof fetch;
  },
): Promise<AccountIdentity> {
  if (!info) return { providerId: null, providerData: {} };
  let source: unknown = tokenResponse ?? {};
  if (info.url) {
    let response: Response;
    try {
      response = await fetcher(fillTemplate(info.url, values), {
        headers: { Authorization: authorization, Accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
    } catch {
      throw new HttpError(502, ErrorCode.providerUnavailable, 'The provider could not be reached to identify the account; try again.');
    }
    if (response.status === 401 || response.status === 403) {
      throw new HttpError(400, ErrorCode.providerRefused, 'The provider refused these credentials; check them and try again.');
    }
    if (!response.ok)
      throw new HttpError(
        502,
        ErrorCode.providerUnavailable,
        `The provider answered ${response.status} when asked which account this is; try again.`,
      );
    source = await response.json().catch(() => ({}));
  }
  const read = (path: string) =>
    path.startsWith('id_token:') ? valueAtPath(claimsOf(valueAtPath(tokenResponse, 'id_token')), path.slice(9)) : valueAtPath(source, path);
  const id = scalar(read(info.idPath));
  if (id === undefined || id === '') {
    throw new HttpError(502, ErrorCode.providerUnavailable, `The provider did not say which account was connected (no "${info.idPath}").`);
  }
  const providerData: Record<string, string | number | boolean> = {};
  const name = info.namePath && scalar(read(info.namePath));
  if (name !== undefined && name !== '') providerData.name = name;
  for (const [key, path] of Object.entries(info.providerData ?? {})) {
    const value = scalar(read(path));
    if (value !== undefined) providerData[key] = value;
  }
  return { providerId: String(id), providerData };
}
