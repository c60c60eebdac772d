/**
 * How request bodies are read: JSON only (any other content type is a 415). Fastify's own parser refuses `__proto__` and
 * `constructor.prototype` keys; on top of it, an empty body reads as no body (Paragon's SDK sends
 * `Content-Type: application/json` with none), and a body nested deeper than `MAX_JSON_DEPTH` is a
 * 400 naming its field, before anything recursive (validation, `JSON.stringify`, the store) can
 * overflow the stack on it.
 */
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../../protocol/src/errors.js';
import { HttpError } from './http-error.js';

/** Objects and arrays may nest this many levels deep, the body itself counting as the first. */
export const MAX_JSON_DEPTH = 32;

/**
 * The key path to the first object or array nested deeper than `maxDepth`, or `undefined`.
 * Iterative, with an explicit stack: a hostile body cannot overflow the call stack here.
 */
export function pathTooDeep(value: unknown, maxDepth = MAX_JSON_DEPTH): string[] | undefined {
  const pending: { node: unknown; path: string[] }[] = [{ node: value, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= maxDepth) return path;
    for (const [key, child] of Object.entries(node)) pending.push({ node: child, path: [...path, key] });
  }
  return undefined;
}

function tooDeep(path: string[]): HttpError {
  const shown = path.length > 4 ? `${path.slice(0, 4).join('.')}…` : path.join('.');
  return new HttpError(
    400,
    ErrorCode.invalidRequest,
    `${path[0]} is nested deeper than ${MAX_JSON_DEPTH} levels (at ${shown}); send flatter JSON.`,
    path[0],
  );
}

export function registerJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    // The default parser answers through the callback and returns nothing; its type also allows
    // the promise-returning kind of parser, hence the `void`.
    void parseJson(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      const path = pathTooDeep(value);
      return path ? done(tooDeep(path), undefined) : done(null, value);
    });
  });
}
