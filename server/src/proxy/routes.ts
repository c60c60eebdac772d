/**
 * `GET|POST|PUT|PATCH|DELETE /projects/:projectId/sdk/proxy/:integrationType/<path>`: the
 * Connect API proxy of `paragon.request`. The account is the one named by
 * `X-Paragon-Credential`, else the user's first VALID one of that integration; the request goes to
 * that account's API with its own token, and the API's answer (status, allowed headers, body)
 * streams back as it is, so the SDK sees the API's own errors.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { UPSTREAM_STATUS_HEADER } from '../../../protocol/src/rest.js';
import { HttpError } from '../http-error.js';
import { header, requireIntegration, resolveCredential, type Services } from '../routes/context.js';
import { forwardedRequestHeaders } from './headers.js';

/** Bodies the proxy accepts: larger than the JSON API's, since files pass through it. */
export const MAX_PROXY_BODY_BYTES = 10 * 1024 * 1024;

const PREFIX = '/sdk/proxy/';

/**
 * The path after `/proxy/<integration>/`, exactly as the client sent it: Fastify's wildcard is
 * decoded, and decoding first would let `%2e%2e` pass as a name and climb out of the base.
 */
function rawPathOf(url: string): string {
  const afterPrefix = url.slice(url.indexOf(PREFIX) + PREFIX.length);
  const slash = afterPrefix.indexOf('/');
  return slash === -1 ? '' : afterPrefix.slice(slash + 1);
}

/** `Content-Type: auto` (Paragon's SDK): JSON when the body is JSON, else bytes. */
function inferredContentType(body: Buffer | undefined): string | undefined {
  if (!body || body.length === 0) return undefined;
  try {
    JSON.parse(body.toString('utf8'));
    return 'application/json';
  } catch {
    return 'application/octet-stream';
  }
}

/** Reads a body of any type as bytes, refusing more than `MAX_PROXY_BODY_BYTES` with a precise 413. */
function readRawBody(_request: FastifyRequest, payload: NodeJS.ReadableStream, done: (error: Error | null, body?: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (error: Error | null, body?: Buffer) => {
    if (finished) return;
    finished = true;
    done(error, body);
  };
  payload.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_PROXY_BODY_BYTES) {
      finish(new HttpError(413, ErrorCode.payloadTooLarge, `A proxied request body may be at most ${MAX_PROXY_BODY_BYTES / 1024 / 1024} MB.`));
      return;
    }
    chunks.push(chunk);
  });
  payload.on('end', () => finish(null, Buffer.concat(chunks)));
  payload.on('error', (error: Error) => finish(error));
}

export async function proxyRoutes(app: FastifyInstance, { store, upstream }: Services): Promise<void> {
  // In this scope only: bodies pass through as bytes, whatever their type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', readRawBody);
  // `Content-Type: auto` is no media type, and Fastify would refuse it before any parser: it is
  // noted here and read as bytes, and the route names the type once it has the body.
  const inferType = new WeakSet<FastifyRequest>();
  app.addHook('onRequest', async (request) => {
    if (request.headers['content-type'] !== 'auto') return;
    inferType.add(request);
    request.headers['content-type'] = 'application/octet-stream';
  });

  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/projects/:projectId/sdk/proxy/:integrationType/*',
    schema: { hide: true },
    handler: async (request, reply) => {
      const { project, user } = request.sdk;
      const { integrationType } = request.params as { integrationType: string };
      // Paragon's ActionKit accepts a whole URL in this header; here a request never names its host.
      if (header(request, 'x-paragon-proxy-url')) {
        throw new HttpError(
          400,
          ErrorCode.invalidPath,
          "X-Paragon-Proxy-Url is not accepted: give a path under the integration's API.",
          'X-Paragon-Proxy-Url',
        );
      }
      const integration = requireIntegration(project, integrationType);
      if (!integration.api) {
        throw new HttpError(
          404,
          ErrorCode.proxyNotConfigured,
          `${integration.name} has no API configured for requests (its "api" in the project config).`,
        );
      }
      const headers = forwardedRequestHeaders(request.headers, integration.api.forwardHeaders);
      const body = request.body instanceof Buffer && request.body.length > 0 ? request.body : undefined;
      if (inferType.has(request)) {
        delete headers['content-type'];
        const inferred = inferredContentType(body);
        if (inferred) headers['content-type'] = inferred;
      }
      const path = rawPathOf(request.url);
      const { credential } = await resolveCredential(store, request, 'proxy', integration);
      const response = await upstream.open(user, credential, { method: request.method, path, headers, body });
      return reply
        .code(response.status)
        .headers({ ...response.headers, [UPSTREAM_STATUS_HEADER]: String(response.status) })
        .send(response.body);
    },
  });
}
