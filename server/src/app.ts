/** Assembles the Connect server from its parts; `main.ts` gives it a port. */
import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { ErrorCode } from '../../protocol/src/errors.js';
import type { ConnectConfig } from './config.js';
import { HttpError } from './http-error.js';
import { corsHook, registerPreflight } from './routes/cors.js';
import { portalRoutes } from './routes/portal.js';
import { sdkRoutes } from './routes/sdk.js';
import { createRateLimiter, DEFAULT_AUTH_FAILURE_LIMIT, DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rate-limit.js';
import type { SecretBox } from './secrets.js';
import type { Store } from './store/database.js';

export interface ConnectServerOptions {
  config: ConnectConfig;
  store: Store;
  secrets: SecretBox;
  /** The built portal (`dist/portal`), served under `/portal/`. */
  portalDir: string;
  /** Requests per user per window; defaults to 1,200 a minute. */
  rateLimit?: RateLimitOptions;
  /** Failed authentications per client address per window; defaults to 120 a minute. */
  authFailureLimit?: RateLimitOptions;
  /** Reuse serialized `/me` answers while the user's state is unchanged (default true). */
  cacheUserState?: boolean;
  logger?: FastifyServerOptions['logger'];
}

/** The field a schema error is about, as a dotted path such as `payload.API_KEY`. */
function fieldOf(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const path = first.instancePath.split('/').filter(Boolean);
  const extra = (first.params as { additionalProperty?: string }).additionalProperty;
  if (extra) path.push(extra);
  return path.join('.') || undefined;
}

function toHttpError(error: FastifyError): HttpError {
  if (error instanceof HttpError) return error;
  if (error.validation) {
    const field = fieldOf(error);
    const additional = (error.validation[0]?.params as { additionalProperty?: string }).additionalProperty;
    const message = additional ? `Unknown field "${field}".` : `${field ?? error.validationContext}: ${error.validation[0]?.message}.`;
    return new HttpError(400, ErrorCode.invalidRequest, message, field);
  }
  if (error.statusCode && error.statusCode < 500) return new HttpError(error.statusCode, ErrorCode.invalidRequest, error.message);
  return new HttpError(500, ErrorCode.internal, 'Internal error; it has been logged.');
}

export async function buildConnectServer(options: ConnectServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Ids are made here, never taken from the client, and returned as X-Request-Id.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Unknown body keys are rejected, not silently dropped, and values are never coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    bodyLimit: 256 * 1024,
  });

  // Paragon's SDK sends POST and DELETE with `Content-Type: application/json` and no body
  // (enable/disable a workflow, uninstall). Read an empty body as no body; anything else goes
  // through Fastify's own parser, which refuses __proto__ and constructor.prototype keys.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    body === '' ? done(null, undefined) : parseJson(request, body as string, done),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const httpError = toHttpError(error);
    if (httpError.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(httpError.status).send(httpError.toBody());
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(new HttpError(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`).toBody()),
  );

  // Set on arrival, so that every answer, errors included, carries it.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Connect Portal API', version: '1', description: 'The Paragon-compatible SDK API of a Connect server.' },
      components: { securitySchemes: { userToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ userToken: [] }],
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/healthz', { schema: { hide: true } }, async () => {
    await sql`select 1`.execute(options.store);
    return { status: 'ok' };
  });

  await app.register(async (scope) => {
    scope.addHook('onRequest', corsHook(options.config));
    registerPreflight(scope);
    const services = {
      ...options,
      rateLimit: createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT),
      authFailureLimit: createRateLimiter(options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT),
      cacheUserState: options.cacheUserState ?? true,
    };
    await scope.register(async (sdk) => sdkRoutes(sdk, services));
  });
  await app.register(async (scope) => portalRoutes(scope, options));
  return app;
}
