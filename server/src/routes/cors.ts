/**
 * CORS for the SDK API (`/projects/:projectId/sdk/…` and `/v2/projects/:projectId/sdk/…`): a
 * browser on one of the project's allowed origins (exact match) may call it; any other origin
 * gets no CORS headers, so the browser keeps the response from it. Set on arrival, for every
 * answer under those paths, errors and unknown paths included: a caller always sees the real
 * error, never a bare "Failed to fetch".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UPSTREAM_STATUS_HEADER } from '../../../protocol/src/rest.js';
import type { ConnectConfig } from '../config/load.js';

const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'If-Match',
  'X-Paragon-Credential',
  'X-Paragon-Configuration-Id',
  'X-Paragon-SDK-Version',
  'Idempotency-Key',
  // What the proxy passes on to an integration's API (proxy/headers.ts).
  'Accept-Language',
  'If-None-Match',
  'If-Modified-Since',
  'Prefer',
];

/** Beside the CORS-safelisted ones: ours, and those an integration's API answers the proxy with. */
const EXPOSED_HEADERS = [
  'ETag',
  'Retry-After',
  'X-Request-Id',
  UPSTREAM_STATUS_HEADER,
  'Link',
  'Content-Disposition',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
].join(', ');

const SDK_PATH = /^\/(?:v2\/)?projects\/([^/?#]+)\/sdk(?:[/?#]|$)/;
const PROXY_PATH = /^\/projects\/[^/?#]+\/sdk\/proxy\/([^/?#]+)/;

function projectIdOf(url: string): string | undefined {
  const encoded = SDK_PATH.exec(url)?.[1];
  try {
    return encoded === undefined ? undefined : decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

export function corsHook(config: ConnectConfig) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    const projectId = projectIdOf(request.url);
    if (projectId === undefined) return done();
    const origin = request.headers.origin;
    reply.header('Vary', 'Origin');
    if (origin && config.projects.get(projectId)?.allowedOrigins.includes(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    done();
  };
}

/** The headers a request to `url` may carry: ours, and for the proxy the integration's own `api.forwardHeaders`. */
function allowedHeadersFor(config: ConnectConfig, url: string): string {
  const integrationType = PROXY_PATH.exec(url)?.[1];
  const project = config.projects.get(projectIdOf(url) ?? '');
  const integration = integrationType
    ? project?.integrations.find((candidate) => candidate.type === integrationType || candidate.id === integrationType)
    : undefined;
  return [...ALLOWED_HEADERS, ...(integration?.api?.forwardHeaders ?? [])].join(', ');
}

/** Answers preflight requests; the allowed origin itself was set by `corsHook`. */
export function registerPreflight(app: FastifyInstance, config: ConnectConfig): void {
  for (const path of ['/projects/:projectId/sdk/*', '/v2/projects/:projectId/sdk/*']) {
    app.options(path, async (request, reply) => {
      reply
        .header('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE')
        .header('Access-Control-Allow-Headers', allowedHeadersFor(config, request.url))
        .header('Access-Control-Max-Age', '600')
        .code(204)
        .send();
    });
  }
}
