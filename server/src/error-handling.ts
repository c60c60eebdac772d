/**
 * Every refusal has the project's body, `{ error: { code, message, field? } }`: the route
 * handlers' own errors, schema validation, store faults, and the framework's and Node's refusals
 * that happen before any route runs (a malformed URL, an over-long parameter, oversized headers).
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../protocol/src/errors.js';
import { HttpError } from './http-error.js';
import { PATTERN_MEANINGS } from './routes/schemas.js';
import { MissingRowError, storeFaultOf, type StoreFault } from './store/errors.js';

const STORE_FAULTS: Record<StoreFault, () => HttpError> = {
  conflict: () => new HttpError(409, ErrorCode.conflict, 'Another change to the same account was saved first; reload and try again.'),
  full: () => new HttpError(507, ErrorCode.storageFull, "The Connect server's store is full; nothing was written. Try again once space is freed."),
  busy: () => new HttpError(503, ErrorCode.storeBusy, "The Connect server's store is busy; nothing was written. Retry in a moment."),
  unavailable: () =>
    new HttpError(503, ErrorCode.storeUnavailable, "The Connect server's store cannot be reached; nothing was written. Retry in a moment."),
};

/** Fastify's own codes for refusals of a request it could not parse. */
const FRAMEWORK_ERRORS: Record<string, (error: FastifyError) => HttpError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (error) =>
    new HttpError(415, ErrorCode.unsupportedMediaType, `${error.message}. Send JSON with Content-Type: application/json.`),
  FST_ERR_CTP_BODY_TOO_LARGE: () => new HttpError(413, ErrorCode.payloadTooLarge, 'The request body is larger than this server accepts (256 KB).'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => new HttpError(400, ErrorCode.invalidJson, 'The body is empty but Content-Type says JSON.'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new HttpError(400, ErrorCode.invalidRequest, 'Content-Length does not match the body.'),
  FST_ERR_BAD_URL: () => new HttpError(400, ErrorCode.invalidUrl, 'The URL path is not valid percent-encoded UTF-8.'),
  FST_ERR_MAX_PARAM_LENGTH: () => new HttpError(414, ErrorCode.uriTooLong, 'A path parameter of this URL is too long.'),
};

/** The field a schema error is about, as a dotted path such as `payload.API_KEY`. */
function fieldOf(error: FastifyError): string | undefined {
  const first = error.validation?.[0];
  if (!first) return undefined;
  const path = first.instancePath.split('/').filter(Boolean);
  const extra = (first.params as { additionalProperty?: string }).additionalProperty;
  if (extra) path.push(extra);
  return path.join('.') || undefined;
}

export function toHttpError(error: FastifyError): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof MissingRowError) {
    return error.table === 'credential'
      ? new HttpError(404, ErrorCode.credentialNotFound, `You have no credential "${error.id}"; it was disconnected.`)
      : new HttpError(404, ErrorCode.configurationNotFound, `There is no configuration "${error.id}"; it was deleted.`);
  }
  const fault = storeFaultOf(error);
  if (fault) return STORE_FAULTS[fault]();
  if (error.validation) {
    const field = fieldOf(error);
    const { params, message: ajvMessage } = error.validation[0]!;
    const { additionalProperty, pattern } = params as { additionalProperty?: string; pattern?: string };
    const what = (pattern && PATTERN_MEANINGS[pattern]) ?? ajvMessage;
    const message = additionalProperty ? `Unknown field "${field}".` : `${field ?? error.validationContext}: ${what}.`;
    return new HttpError(400, ErrorCode.invalidRequest, message, field);
  }
  const framework = error.code && FRAMEWORK_ERRORS[error.code];
  if (framework) return framework(error);
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new HttpError(400, ErrorCode.invalidJson, `The body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode && error.statusCode < 500) return new HttpError(error.statusCode, ErrorCode.invalidRequest, error.message);
  return new HttpError(500, ErrorCode.internal, 'Internal error; it has been logged.');
}

/**
 * Logs a store fault once, not once per request: a full disk fails every write, and a log of a
 * thousand identical lines hides the one that says why. Repeats within a minute are counted and
 * reported with the next line.
 */
function storeFaultLogger(windowMs = 60_000, clock: () => number = Date.now) {
  const last = new Map<StoreFault, { at: number; suppressed: number }>();
  return (request: FastifyRequest, fault: StoreFault, error: unknown) => {
    const now = clock();
    const seen = last.get(fault);
    if (seen && now - seen.at < windowMs) {
      seen.suppressed += 1;
      return;
    }
    last.set(fault, { at: now, suppressed: 0 });
    request.log.error({ err: error, fault, suppressedSinceLast: seen?.suppressed ?? 0 }, `store fault: ${fault}`);
  };
}

const errorJson = (code: ErrorCode, message: string) => JSON.stringify(new HttpError(0, code, message).toBody());

/** Node's HTTP parser refuses some requests before Fastify sees them; answer those in our shape too. */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', errorJson(ErrorCode.headersTooLarge, 'The request headers are larger than 16 KB.')]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', errorJson(ErrorCode.requestTimeout, 'The request took too long to arrive.')]
        : [400, 'Bad Request', errorJson(ErrorCode.invalidRequest, 'The request is not valid HTTP.')];
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** The Fastify options that route the framework's own refusals through `toHttpError`. */
export const frameworkErrorOptions = {
  frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const httpError = toHttpError(error);
    return reply.code(httpError.status).header('X-Request-Id', request.id).send(httpError.toBody());
  },
  clientErrorHandler,
};

export function registerErrorHandlers(app: FastifyInstance): void {
  const logStoreFault = storeFaultLogger();
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const httpError = toHttpError(error);
    const fault = storeFaultOf(error);
    if (fault && fault !== 'conflict') logStoreFault(request, fault, error);
    else if (httpError.status >= 500) request.log.error({ err: error }, 'request failed');
    if (httpError.status === 503) reply.header('Retry-After', '1');
    return reply.code(httpError.status).send(httpError.toBody());
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send(new HttpError(404, ErrorCode.notFound, `No route ${request.method} ${request.url.split('?')[0]}.`).toBody()),
  );
}
