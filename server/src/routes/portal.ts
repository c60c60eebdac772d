/**
 * The portal's assets and the framed page `/portal/frame?projectId=...`. The framed page may be
 * embedded only by the project's allowed origins (`frame-ancestors`), runs under a strict CSP,
 * and learns which parent origins to trust from the server, never from its own URL.
 */
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ConnectConfig } from '../config/load.js';
import { findProject } from './context.js';

export interface PortalRouteOptions {
  config: ConnectConfig;
  /** The folder of the built portal bundle (`dist/portal`). */
  portalDir: string;
}

const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (char) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[char]!);

export function framePolicy(allowedOrigins: string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self'",
    `frame-ancestors ${allowedOrigins.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

/** `display`: `modal` covers the host page; `inline` sits in it, as tall as its content. */
function framePage(projectId: string, allowedOrigins: string[], display: 'modal' | 'inline'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="paragon-project-id" content="${escapeAttribute(projectId)}">
<meta name="paragon-allowed-origins" content="${escapeAttribute(allowedOrigins.join(' '))}">
<title>Connect Portal</title>
<script type="module" src="/portal/frame.js"></script>
</head>
<body>
<paragon-connect-portal display="${display}"></paragon-connect-portal>
</body>
</html>
`;
}

export async function portalRoutes(app: FastifyInstance, { config, portalDir }: PortalRouteOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/portal/frame',
    {
      schema: {
        querystring: Type.Object({
          projectId: Type.String({ minLength: 1, maxLength: 128 }),
          display: Type.Optional(Type.Union([Type.Literal('modal'), Type.Literal('inline')])),
        }),
      },
    },
    async (request, reply) => {
      const project = findProject(config, request.query.projectId);
      return reply
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Content-Security-Policy', framePolicy(project.allowedOrigins))
        .header('Cache-Control', 'no-store')
        .header('Referrer-Policy', 'no-referrer')
        .header('X-Content-Type-Options', 'nosniff')
        .send(framePage(project.id, project.allowedOrigins, request.query.display ?? 'modal'));
    },
  );

  // The portal bundle loads a language's table (`locales/<tag>.js`) as a module: a page of another
  // origin may read it only with CORS, granted to the origins some project allows, exactly.
  const embedders = new Set([...config.projects.values()].flatMap((project) => project.allowedOrigins));
  // Every file here is loaded by a fixed URL (`/portal/frame.js`, a `<script src>` on host pages),
  // so a cache must ask again each time (`no-cache`), and gets a 304 from the ETag while the
  // file is unchanged. The framed page, built per request, sets `no-store` over this.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/portal/')) return;
    reply.header('Cache-Control', 'no-cache');
    reply.header('Vary', 'Origin, Accept-Encoding');
    const origin = request.headers.origin;
    if (origin && embedders.has(origin)) reply.header('Access-Control-Allow-Origin', origin);
  });

  await app.register(fastifyStatic, {
    root: portalDir,
    prefix: '/portal/',
    decorateReply: false,
    index: false,
    // Cache-Control is the hook's above; the ETag stays (send's default).
    cacheControl: false,
    // The build writes `<file>.br` and `<file>.gz` (scripts/precompress.ts): sent as the client
    // accepts, with their own ETags; without them, the file as it is.
    preCompressed: true,
    setHeaders(response) {
      // The element bundle is loaded by <script> tags on host pages of other origins.
      response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      response.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
}
