/** The few node:http helpers the sandbox provider's own routes share. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request that the route refuses with this status and OAuth-style error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

const BODY_LIMIT = 64 * 1024;

/** The request body as text; bodies over 64 KB are refused rather than buffered. */
export async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += chunk;
    if (body.length > BODY_LIMIT) throw new HttpError(413, 'invalid_request', 'The body is too large.');
  }
  return body;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

export function sendError(response: ServerResponse, error: HttpError): void {
  sendJson(response, error.status, { error: error.code, error_description: error.description }, error.headers);
}
