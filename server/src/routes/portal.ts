/**
 * The portal's assets and the framed page `/portal/frame?projectId=...`. The framed page may be
 * embedded only by the project's allowed origins (`frame-ancestors`), runs under a strict CSP,
 * and learns which parent origins to trust from the server, never from its own URL.
 *
 * Host pages load the entry bundles by fixed names, revalidated on every use; everything else is
 * named by its content (server/src/portal-files.ts) and may be kept for good.
 */
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { LOCALE_DATA_POLICY } from '../../../protocol/src/frame-page.js';
import type { ConnectConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import { CONTENT_NAMED, frameScriptOf, MANIFEST_FILE } from '../portal-files.js';
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
    // lit-html's, and the one that starts the worker loading the browser's locale data (frame.ts).
    `trusted-types lit-html ${LOCALE_DATA_POLICY}`,
  ].join('; ');
}

/** `display`: `modal` covers the host page; `inline` sits in it, as tall as its content. */
function framePage(projectId: string, allowedOrigins: string[], display: 'modal' | 'inline', script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="paragon-project-id" content="${escapeAttribute(projectId)}">
<meta name="paragon-allowed-origins" content="${escapeAttribute(allowedOrigins.join(' '))}">
<title>Connect Portal</title>
<script type="module" src="/portal/${script}"></script>
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
      // Read on each request (a few hundred bytes), so that a build under a running server, or a
      // deploy that replaces the folder, is served at once, never a page naming removed files.
      const script = await frameScriptOf(portalDir);
      if (!script) throw new HttpError(503, ErrorCode.notAvailable, 'This Connect server has no built portal: run `npm run build`.');
      return reply
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Content-Security-Policy', framePolicy(project.allowedOrigins))
        .header('Cache-Control', 'no-store')
        .header('Referrer-Policy', 'no-referrer')
        .header('X-Content-Type-Options', 'nosniff')
        .send(framePage(project.id, project.allowedOrigins, request.query.display ?? 'modal', script));
    },
  );

  // The portal bundle loads a language's table (`locales/<tag>.js`) as a module: a page of another
  // origin may read it only with CORS, granted to the origins some project allows, exactly.
  const embedders = new Set([...config.projects.values()].flatMap((project) => project.allowedOrigins));
  // An entry bundle is loaded by a fixed URL (`<script src=".../paragon-connect-portal.iife.js">` on
  // host pages), so a cache must ask again each time (`no-cache`), and gets a 304 from the ETag
  // while the file is unchanged. The framed page, built per request, sets `no-store` over this.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/portal/')) return;
    reply.header('Cache-Control', 'no-cache');
    reply.header('Vary', 'Origin, Accept-Encoding');
    const origin = request.headers.origin;
    if (origin && embedders.has(origin)) reply.header('Access-Control-Allow-Origin', origin);
  });
  // A content-named file never changes under its name: kept for a year, never asked again. Only a
  // file found: a 404 for such a name (a page of a newer deploy asking an older instance) must not
  // be kept, or the name would stay broken in caches after the instance has it.
  app.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?', 1)[0]!;
    if (path.startsWith('/portal/') && CONTENT_NAMED.test(path) && (reply.statusCode === 200 || reply.statusCode === 304)) {
      reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    }
    return payload;
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
    // The build's list of names is the server's own (`/portal/manifest.json` and any copy of it).
    allowedPath: (pathname) => !pathname.startsWith(`/${MANIFEST_FILE}`),
    setHeaders(response) {
      // The element bundle is loaded by <script> tags on host pages of other origins.
      response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      response.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
}
