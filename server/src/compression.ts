/**
 * Compression of the answers built in memory (the SDK's JSON, the OAuth pages): brotli or gzip,
 * as the client's `Accept-Encoding` prefers, for bodies worth it. The portal's bundles are not
 * compressed here, per request: the build writes their `.br` and `.gz` beside them once, at the
 * highest levels, and the static route sends those (`preCompressed`, routes/portal.ts).
 *
 * Brotli at quality 4 and gzip at level 6: at those levels 20 KB of JSON takes about 0.15 ms (on
 * the thread pool, not the event loop) and shrinks 6 to 14 times; brotli 11 takes 80 times as
 * long for another 20% (docs/self-hosting.md, "Compression").
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, the headers outweigh what compression saves. */
export const MIN_COMPRESSED_BYTES = 1024;

const COMPRESSIBLE = /^(application\/(json|javascript|problem\+json)|text\/)/;

export type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer with, from an `Accept-Encoding` header: the one of `br` and `gzip` with
 * the highest `q` (brotli on a tie), `*` standing for either; none when both are refused (`q=0`).
 */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (name) weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).reduce<Encoding | undefined>((chosen, name) => {
    if (weightOf(name) <= 0) return chosen;
    return chosen === undefined || weightOf(name) > weightOf(chosen) ? name : chosen;
  }, undefined);
  return best;
}

function addVary(reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary');
  const values = typeof current === 'string' ? current.split(',').map((value) => value.trim()) : [];
  if (!values.some((value) => value.toLowerCase() === name.toLowerCase())) reply.header('Vary', [...values, name].filter(Boolean).join(', '));
}

async function compressPayload(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: files, which come precompressed
  if (reply.hasHeader('content-encoding') || reply.statusCode === 204 || reply.statusCode === 304) return payload;
  if (!COMPRESSIBLE.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  addVary(reply, 'Accept-Encoding');
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  if (body.length < MIN_COMPRESSED_BYTES || request.method === 'HEAD') return payload;
  const encoding = negotiateEncoding(request.headers['accept-encoding']);
  if (!encoding) return payload;
  const compressed =
    encoding === 'br'
      ? await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : await gzipAsync(body, { level: 6 });
  reply.header('Content-Encoding', encoding);
  reply.removeHeader('content-length');
  return compressed;
}

/** Compresses every in-memory answer of `app` that is worth it (see the module comment). */
export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload) => compressPayload(request, reply, payload));
}
