/**
 * Where a proxied request goes: the integration's API base URL (per account when it has
 * placeholders) joined with a path the caller gives. The path is relative and checked before
 * it is joined, never resolved with `new URL(path, base)`, which lets `//evil.test` or an
 * absolute URL replace the host; then the joined URL is checked to still be under the base.
 */
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import { fillTemplate } from '../accounts/account-info.js';
import type { ApiConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import { assertPublicHost } from './address-guard.js';

const invalidPath = (path: string, why: string) =>
  new HttpError(400, ErrorCode.invalidPath, `The proxy path "${path.slice(0, 200)}" ${why}; give a path under the integration's API.`, 'path');

/** Control characters, whitespace, backslashes and fragments, raw anywhere. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const FORBIDDEN = /[\u0000-\u0020\u007f\\#]/;
/** In the path, also percent-encoded (`%0d%0a`, `%5c`): nothing the API might decode into a line break or a `\`. */
const FORBIDDEN_IN_PATH = /%(?:[01][0-9a-f]|7f|5c)/i;

/** Each segment decoded: `..`, `.`, an encoded `/` or an undecodable escape cannot pass. */
function checkSegments(pathname: string, path: string): void {
  for (const segment of pathname.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw invalidPath(path, 'holds a malformed %-escape');
    }
    if (decoded === '.' || decoded === '..') throw invalidPath(path, 'climbs out of the API base path');
    if (decoded.includes('/')) throw invalidPath(path, 'hides a "/" in a %-escape');
  }
}

/**
 * The URL of `path` (relative: `v2/users?limit=10`, no leading `/`) under `base`, or a 400
 * `invalid_path` for anything that could leave it.
 */
export function proxyUrl(base: URL, path: string): URL {
  if (path.length > 4096) throw invalidPath(path, 'is too long');
  if (path.startsWith('/')) throw invalidPath(path, 'starts with "//"');
  if (path.includes('://')) throw invalidPath(path, 'is an absolute URL');
  if (FORBIDDEN.test(path)) throw invalidPath(path, 'holds a control character, a space, a backslash or a "#"');
  const [pathname = ''] = path.split('?', 1);
  if (FORBIDDEN_IN_PATH.test(pathname)) throw invalidPath(path, 'holds an encoded control character or backslash');
  checkSegments(pathname, path);
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  const url = new URL(`${base.origin}${basePath}${path}`);
  if (url.origin !== base.origin || !url.pathname.startsWith(basePath)) throw invalidPath(path, 'leaves the API base');
  return url;
}

/** `host` matches `pattern`: equal, or for `*.example.com` any name below it. */
const hostMatches = (host: string, pattern: string) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern);

const refusedHost = (host: string) => new HttpError(400, ErrorCode.invalidUrl, `The account's API host "${host}" is not one the integration allows.`);

/**
 * The account's API base URL. A fixed one is the operator's and trusted as written; one filled
 * from the account's values must land on an allowed host, and on a public address unless the
 * integration allows private networks.
 */
export function apiBase(api: ApiConfig, values: Record<string, ConnectInputValue | undefined>): URL {
  if (!api.baseUrl.includes('{')) return new URL(api.baseUrl);
  const origin = /^\{([A-Za-z0-9_]+)\}/.exec(api.baseUrl);
  let filled: string;
  if (origin) {
    // A whole origin from the account (Salesforce's instance_url): https, nothing but scheme and host.
    const value = values[origin[1]!];
    let url: URL | undefined;
    try {
      url = typeof value === 'string' ? new URL(value) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== 'https:' || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search) {
      throw new HttpError(400, ErrorCode.invalidUrl, `The account's "${origin[1]}" is not an https origin.`);
    }
    filled = url.origin + fillTemplate(api.baseUrl.slice(origin[0].length), values);
  } else {
    filled = fillTemplate(api.baseUrl, values);
  }
  const url = new URL(filled);
  if (!(api.allowedHosts ?? []).some((pattern) => hostMatches(url.hostname, pattern))) throw refusedHost(url.hostname);
  if (!api.allowPrivateNetworks) assertPublicHost(url.hostname);
  return url;
}
