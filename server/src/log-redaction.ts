/**
 * What the request log may say of a request. URLs carry secrets in some query parameters:
 * Paragon's SDK puts the user token in `userToken`, OAuth puts a `code` and a `state` in the
 * callback. Their values never reach a log line; everything else of the URL does, to debug by.
 */
import type { FastifyRequest } from 'fastify';

const SECRET_PARAMETERS = new Set([
  'usertoken',
  'token',
  'code',
  'state',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'password',
  'api_key',
]);

/** The URL with the value of every secret query parameter replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const parameters = url
    .slice(query + 1)
    .split('&')
    .map((parameter) => {
      const [name = ''] = parameter.split('=', 1);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed name is logged as it came, its value still redacted below if it looks secret.
      }
      return SECRET_PARAMETERS.has(decoded.toLowerCase()) ? `${name}=[redacted]` : parameter;
    });
  return `${url.slice(0, query)}?${parameters.join('&')}`;
}

/** Fastify's request log serializer, with the URL redacted. */
export function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
