/** Assembles the Connect server from its parts; `main.ts` gives it a port. */
import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import type { ConnectConfig } from './config/load.js';
import { frameworkErrorOptions, registerErrorHandlers } from './error-handling.js';
import { registerCompression } from './compression.js';
import { registerJsonParser } from './json-body.js';
import { requestSerializer } from './log-redaction.js';
import { corsHook, registerPreflight } from './routes/cors.js';
import { oauthWindowRoutes } from './oauth/routes.js';
import { createTokenService } from './oauth/tokens.js';
import { createUpstream } from './proxy/upstream.js';
import { webhookRoutes } from './workflows/routes.js';
import { createWorkflowService } from './workflows/workflows.js';
import type { Services } from './routes/context.js';
import { portalRoutes } from './routes/portal.js';
import { sdkRoutes } from './routes/sdk.js';
import { createRateLimiter, DEFAULT_AUTH_FAILURE_LIMIT, DEFAULT_RATE_LIMIT, perMinute, type RateLimitOptions } from './rate-limit.js';
import type { SecretBox } from './secrets/secret-box.js';
import type { Store } from './store/database.js';
import type { TrustProxy } from './trust-proxy.js';

export interface ConnectServerOptions {
  config: ConnectConfig;
  store: Store;
  secrets: SecretBox;
  /** The built portal (`dist/portal`), served under `/portal/`. */
  portalDir: string;
  /** Requests per user per window; defaults to the config's `limits`, else 1,200 a minute. */
  rateLimit?: RateLimitOptions;
  /** Failed authentications per client address per window; defaults to the config's `limits`, else 120 a minute. */
  authFailureLimit?: RateLimitOptions;
  /** Reuse serialized `/me` answers while the user's state is unchanged (default true). */
  cacheUserState?: boolean;
  /** The PostgreSQL URL of `store`, when it is PostgreSQL: queued workflow runs then go through pg-boss there. */
  databaseUrl?: string;
  /** The proxies trusted for `X-Forwarded-*` (`false`: none); defaults to the config's `trustProxy`, else none. */
  trustProxy?: TrustProxy | false;
  logger?: FastifyServerOptions['logger'];
}

export async function buildConnectServer(options: ConnectServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Every logger gets the redacting request serializer: no URL logs a token, a code or a state.
    logger: options.logger ? { ...(options.logger === true ? {} : options.logger), serializers: { req: requestSerializer } } : false,
    // Ids are made here, never taken from the client, and returned as X-Request-Id.
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // Unknown body keys are rejected, not silently dropped, and values are never coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    bodyLimit: 256 * 1024,
    // Past the schemas' own limits (255 characters for an id), so that those answer first, precisely.
    routerOptions: { maxParamLength: 2048 },
    // `request.ip`, `request.protocol` and `request.host` come from `X-Forwarded-*` only when
    // the hop that wrote them is trusted (trust-proxy.ts); the failed sign-in limit counts per `request.ip`.
    trustProxy: options.trustProxy ?? options.config.trustProxy ?? false,
    ...frameworkErrorOptions,
  });
  registerJsonParser(app);
  registerErrorHandlers(app);

  // Set on arrival, so that every answer, errors included, carries them. Answers are about one
  // user and change with every write: no cache keeps them, unless a route says otherwise (the
  // portal's files revalidate, routes/portal.ts).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    reply.header('Cache-Control', 'no-store');
    done();
  });
  registerCompression(app);

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

  const { limits } = options.config;
  const tokens = createTokenService(options);
  const upstream = createUpstream({ ...options, tokens });
  const workflows = await createWorkflowService({ config: options.config, store: options.store, upstream, databaseUrl: options.databaseUrl });
  app.addHook('onClose', async () => {
    await workflows.stop();
    upstream.close();
  });
  const services: Services = {
    ...options,
    rateLimit: createRateLimiter(options.rateLimit ?? perMinute(limits.requestsPerUserPerMinute) ?? DEFAULT_RATE_LIMIT),
    authFailureLimit: createRateLimiter(options.authFailureLimit ?? perMinute(limits.failedSignInsPerAddressPerMinute) ?? DEFAULT_AUTH_FAILURE_LIMIT),
    cacheUserState: options.cacheUserState ?? true,
    tokens,
    upstream,
    workflows,
  };
  app.addHook('onRequest', corsHook(options.config));
  registerPreflight(app, options.config);
  await app.register(async (sdk) => sdkRoutes(sdk, services));
  await app.register(async (scope) => oauthWindowRoutes(scope, services));
  await app.register(async (scope) => webhookRoutes(scope, services));
  await app.register(async (scope) => portalRoutes(scope, options));
  return app;
}
