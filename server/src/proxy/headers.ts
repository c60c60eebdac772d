/**
 * Which headers cross the proxy. Both directions are allow-lists: the caller cannot set
 * `Authorization`, `Host`, `Cookie` or forwarding headers upstream (the server sets the
 * account's own authorization), and the API cannot set cookies or CORS headers on our answer.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { HttpError } from '../http-error.js';

/** What a caller may send through, besides the integration's `api.forwardHeaders`. */
const REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'idempotency-key', 'if-match', 'if-none-match', 'if-modified-since', 'prefer'];

/** What comes back from the API: the body's description, caching, paging and rate limits. */
const RESPONSE_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'content-disposition',
  'content-language',
  'cache-control',
  'etag',
  'last-modified',
  'link',
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]);

const CRLF = /[\r\n\0]/;

/**
 * The caller's headers that may go upstream. A value with CR or LF is refused outright (400)
 * rather than dropped, since it can only be an attempt to smuggle a header.
 */
export function forwardedRequestHeaders(
  headers: Record<string, string | string[] | undefined>,
  extra: readonly string[] = [],
): Record<string, string> {
  const allowed = new Set([...REQUEST_HEADERS, ...extra.map((name) => name.toLowerCase())]);
  const forwarded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (CRLF.test(text)) throw new HttpError(400, ErrorCode.invalidRequest, `Header "${name}" holds a line break.`, `headers.${name}`);
    const lower = name.toLowerCase();
    if (allowed.has(lower)) forwarded[lower] = text;
  }
  return forwarded;
}

/** The API's headers that may reach the caller. */
export function returnedResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const returned: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (RESPONSE_HEADERS.has(name) && value !== undefined) returned[name] = value;
  return returned;
}
