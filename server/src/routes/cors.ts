/**
 * CORS for the SDK API: a browser on one of the project's allowed origins (exact match) may
 * call it; any other origin gets no CORS headers, so the browser keeps the response from it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConnectConfig } from '../config.js';

const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'If-Match',
  'X-Paragon-Credential',
  'X-Paragon-Configuration-Id',
  'X-Paragon-SDK-Version',
  'Idempotency-Key',
].join(', ');

export function corsHook(config: ConnectConfig) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const origin = request.headers.origin;
    const { projectId } = request.params as { projectId?: string };
    reply.header('Vary', 'Origin');
    if (origin && projectId && config.projects.get(projectId)?.allowedOrigins.includes(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id');
    }
    done();
  };
}

/** Answers preflight requests; the allowed origin itself was set by `corsHook`. */
export function registerPreflight(app: FastifyInstance): void {
  app.options('/projects/:projectId/sdk/*', async (_request, reply) => {
    reply
      .header('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE')
      .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
      .header('Access-Control-Max-Age', '600')
      .code(204)
      .send();
  });
}
