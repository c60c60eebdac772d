/**
 * Calls an integration's API as one of the user's accounts. Everything that reaches a third-party
 * API goes through here: `paragon.request` (the proxy route), workflow code (`ctx.request`) and
 * data sources. It finds where the account's API is (`target.ts`), signs the request with the
 * account's stored token or key (never the caller's), and repeats it only when that is safe:
 *
 * - 401 on an OAuth account: the token is refreshed once (single flight) and the call made again.
 * - A network error, a 5xx or a 429: retried with full-jitter backoff, honouring `Retry-After`,
 *   but only for GET, HEAD, OPTIONS, PUT and DELETE, or a request carrying an `Idempotency-Key`:
 *   repeating a plain POST could do its work twice.
 * - No answer within the integration's timeout: a 504 `upstream_timeout`, never repeated.
 * - A redirect is not followed (it could lead the token to another host): a 502.
 *
 * Request bodies are buffered (they must be sent again on a retry, and are bounded by the route);
 * response bodies are streamed to the caller as they arrive.
 */
import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import { basicAuthorization } from '../accounts/account-info.js';
import { openCredentialSecret } from '../accounts/secret.js';
import type { ApiConfig, ConnectConfig, IntegrationConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import type { TokenService } from '../oauth/tokens.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { findCredential, type CredentialRow } from '../store/credentials.js';
import type { Store } from '../store/database.js';
import type { VerifiedUser } from '../tokens.js';
import { publicOnlyLookup, type Lookup } from './address-guard.js';
import { returnedResponseHeaders } from './headers.js';
import { apiBase, proxyUrl } from './target.js';

export interface UpstreamCall {
  method: string;
  /** Relative to the integration's API base URL: `v2/users?limit=10`. */
  path: string;
  /** Headers for the API, already allowed (`forwardedRequestHeaders`); authorization is added here. */
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface UpstreamResponse {
  status: number;
  /** The API's headers that may reach the caller (`returnedResponseHeaders`). */
  headers: OutgoingHttpHeaders;
  /** The body as it arrives; read it or destroy it. */
  body: Readable;
}

export interface UpstreamResult {
  status: number;
  headers: OutgoingHttpHeaders;
  /** Parsed JSON when the API says it is JSON, else the text. */
  data: unknown;
}

/**
 * The account a call is made with: its id (or `ext:` external id), read here in the user's scope,
 * or its row when the caller has just read it in that scope (the proxy, data-source and file
 * routes), saving a query per call: a file selection's every item was one.
 */
export type UpstreamAccount = string | CredentialRow;

export interface Upstream {
  /** The API's answer, whatever its status, with its body streaming. */
  open(user: VerifiedUser, account: UpstreamAccount, call: UpstreamCall): Promise<UpstreamResponse>;
  /** The API's answer read whole (at most 10 MB); a status of 400 or more throws an `UpstreamError`. */
  request(user: VerifiedUser, account: UpstreamAccount, call: UpstreamCall): Promise<UpstreamResult>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

/** The API answered with an error: a 502 to our caller, carrying the API's own status and (redacted) body. */
export class UpstreamError extends HttpError {
  constructor(
    readonly upstreamStatus: number,
    readonly upstreamBody: unknown,
  ) {
    super(502, ErrorCode.proxyRequestFailed, `The integration's API answered ${upstreamStatus}.`);
  }
}

export interface UpstreamOptions {
  config: ConnectConfig;
  store: Store;
  secrets: SecretBox;
  tokens: TokenService;
  /** DNS for per-account hosts; the machine's unless a test gives another. Always vetted by `publicOnlyLookup`. */
  resolve?: Parameters<typeof publicOnlyLookup>[0];
  /** Waits between attempts; a test may make them instant. */
  sleep?: (ms: number) => Promise<void>;
}

/** Methods whose repetition does no more than their first run (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const BACKOFF_BASE_MS = 250;
/** A `Retry-After` longer than this is not waited for: the 429 goes back to the caller. */
const MAX_RETRY_AFTER_MS = 30_000;
export const MAX_ERROR_BODY_BYTES = 1024 * 1024;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class TimeoutSignal extends Error {}

/** Milliseconds a `Retry-After` (seconds or an HTTP date) asks for, or undefined. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** An input's value as header text: a list or an object (a combo input) as its JSON. */
const headerText = (value: ConnectInputValue | undefined) =>
  value === undefined ? '' : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

/** The header templates of an API-key or basic account, filled from its values. */
function keyHeaders(
  api: ApiConfig,
  scheme: string,
  values: Record<string, ConnectInputValue>,
  firstInput: string | undefined,
): Record<string, string> {
  if (!api.headers) {
    if (scheme === 'basic') return { authorization: basicAuthorization(values) };
    return firstInput && values[firstInput] !== undefined ? { authorization: `Bearer ${headerText(values[firstInput])}` } : {};
  }
  const filled: Record<string, string> = {};
  for (const [name, template] of Object.entries(api.headers)) {
    const value = template.replace(/\{([^}]+)\}/g, (_, key: string) => headerText(values[key]));
    if (/[\r\n\0]/.test(value)) throw new HttpError(500, ErrorCode.credentialUnreadable, `A stored value cannot be sent in header "${name}".`);
    filled[name.toLowerCase()] = value;
  }
  return filled;
}

async function readAll(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new HttpError(502, ErrorCode.proxyRequestFailed, `The integration's API answered with more than ${limit} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(bytes: Buffer, contentType: unknown): unknown {
  const text = bytes.toString('utf8');
  if (typeof contentType === 'string' && /[/+]json\b/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Every secret the request carried, in any string of `value`, replaced by `[REDACTED]`: an API that echoes it leaks nothing into logs or task history. */
function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return secrets.reduce((text, secret) => (secret.length >= 4 ? text.split(secret).join('[REDACTED]') : text), value);
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, secrets)]));
  return value;
}

interface Prepared {
  url: URL;
  integration: IntegrationConfig;
  lookup?: Lookup;
  /** Authorization headers; for OAuth, made again after a refresh. */
  authorize(rejectedToken?: string): Promise<{ headers: Record<string, string>; token?: string }>;
  secretValues: string[];
}

export function createUpstream({ config, store, secrets, tokens, resolve, sleep = defaultSleep }: UpstreamOptions): Upstream {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  const guardedLookup = publicOnlyLookup(resolve);

  async function prepare(user: VerifiedUser, account: UpstreamAccount, path: string): Promise<Prepared> {
    const credential = typeof account === 'string' ? await findCredential(store, user, account) : account;
    if (!credential) throw new HttpError(404, ErrorCode.credentialNotFound, `You have no credential "${account as string}".`);
    const credentialId = credential.id;
    const integration = config.projects.get(user.projectId)?.integrations.find((candidate) => candidate.type === credential.integration_type);
    if (!integration)
      throw new HttpError(404, ErrorCode.integrationNotFound, `Credential "${credentialId}" belongs to no integration of this project.`);
    const { api, auth } = integration;
    if (!api)
      throw new HttpError(
        404,
        ErrorCode.proxyNotConfigured,
        `${integration.name} has no API configured for requests (its "api" in the project config).`,
      );
    if (credential.status === 'INVALID')
      throw new HttpError(409, ErrorCode.credentialInvalid, `Credential "${credentialId}" is no longer authorized; reconnect it.`);
    const secret = openCredentialSecret(secrets, credential);
    const values: Record<string, ConnectInputValue> = {
      ...(JSON.parse(credential.provider_data) as Record<string, ConnectInputValue>),
      ...secret.values,
    };
    const base = apiBase(api, values);
    const url = proxyUrl(base, path);
    const perAccount = api.baseUrl.includes('{') && !api.allowPrivateNetworks;
    if (secret.kind === 'oauth2') {
      return {
        url,
        integration,
        lookup: perAccount ? guardedLookup : undefined,
        secretValues: [],
        async authorize(rejectedToken) {
          const token = await tokens.accessToken(user, credential.id, { rejectedToken });
          return { headers: { authorization: `Bearer ${token}` }, token };
        },
      };
    }
    const firstInput = auth.scheme === 'api_key' ? auth.inputs[0]?.id : undefined;
    const headers = keyHeaders(api, auth.scheme, secret.values, firstInput);
    return {
      url,
      integration,
      lookup: perAccount ? guardedLookup : undefined,
      // The values, and the headers made of them (a basic account's base64 among them).
      secretValues: [...Object.values(secret.values).map(headerText), ...Object.values(headers)],
      authorize: async () => ({ headers }),
    };
  }

  /** One attempt: the API's response head, or a thrown network error or `TimeoutSignal`. */
  function attempt(target: Prepared, call: UpstreamCall, headers: Record<string, string>, timeoutMs: number): Promise<IncomingMessage> {
    return new Promise((resolvePromise, reject) => {
      const secure = target.url.protocol === 'https:';
      const request = (secure ? https : http).request(target.url, {
        method: call.method,
        headers: { ...headers, ...(call.body && { 'content-length': String(call.body.length) }) },
        agent: secure ? agents.https : agents.http,
        ...(target.lookup && { lookup: target.lookup as never }),
      });
      // A socket idle this long, before the answer or while its body streams, ends the attempt.
      // (The request's timeout, not the socket's: Node removes it when a kept-alive socket is freed.)
      request.setTimeout(timeoutMs, () => request.destroy(new TimeoutSignal()));
      request.on('response', resolvePromise);
      request.on('error', reject);
      request.end(call.body);
    });
  }

  /** The API's answer, and the secrets the request carried (to redact from what is kept of it). */
  async function send(user: VerifiedUser, account: UpstreamAccount, call: UpstreamCall): Promise<{ response: UpstreamResponse; sent: string[] }> {
    const target = await prepare(user, account, call.path);
    const api = target.integration.api!;
    const method = call.method.toUpperCase();
    const repeatable = IDEMPOTENT.has(method) || Object.keys(call.headers ?? {}).some((name) => name.toLowerCase() === 'idempotency-key');
    const timeoutMs = (api.timeoutSeconds ?? 30) * 1000;
    const maxAttempts = 1 + (repeatable ? (api.retries ?? 2) : 0);
    let auth = await target.authorize();
    let refreshed = false;
    for (let attemptNumber = 1; ; attemptNumber++) {
      let response: IncomingMessage;
      try {
        response = await attempt(target, { ...call, method }, { ...call.headers, ...auth.headers }, timeoutMs);
      } catch (error) {
        if (error instanceof HttpError) throw error; // refused by the address guard: nothing was sent
        if (error instanceof TimeoutSignal) {
          throw new HttpError(
            504,
            ErrorCode.upstreamTimeout,
            `${target.integration.name}'s API did not answer within ${api.timeoutSeconds ?? 30} s.`,
          );
        }
        if (attemptNumber < maxAttempts) {
          await sleep(backoff(attemptNumber));
          continue;
        }
        throw new HttpError(
          502,
          ErrorCode.upstreamUnreachable,
          `${target.integration.name}'s API could not be reached (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
        );
      }
      const status = response.statusCode ?? 502;
      if (status === 401 && auth.token && !refreshed) {
        response.resume();
        refreshed = true;
        auth = await target.authorize(auth.token);
        attemptNumber--; // the retry after a refresh is not one of the backoff attempts
        continue;
      }
      if (status >= 300 && status < 400 && status !== 304) {
        response.resume();
        throw new HttpError(
          502,
          ErrorCode.proxyRequestFailed,
          `${target.integration.name}'s API redirected the request (${status}); the proxy does not follow redirects.`,
        );
      }
      if (RETRYABLE_STATUS.has(status) && attemptNumber < maxAttempts) {
        const asked = retryAfterMs(response.headers['retry-after']);
        if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) {
          response.resume();
          await sleep(Math.max(asked ?? 0, backoff(attemptNumber)));
          continue;
        }
      }
      const sent = [...target.secretValues, ...(auth.token ? [auth.token] : [])];
      return { response: { status, headers: returnedResponseHeaders(response.headers), body: response }, sent };
    }
  }

  return {
    open: async (user, account, call) => (await send(user, account, call)).response,
    async request(user, account, call) {
      const { response, sent } = await send(user, account, call);
      const bytes = await readAll(response.body, response.status >= 400 ? MAX_ERROR_BODY_BYTES : 10 * MAX_ERROR_BODY_BYTES);
      const data = parseBody(bytes, response.headers['content-type']);
      if (response.status < 400) return { status: response.status, headers: response.headers, data };
      throw new UpstreamError(response.status, redact(data, sent));
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): a random wait below a doubling ceiling. */
function backoff(attemptNumber: number): number {
  return Math.random() * BACKOFF_BASE_MS * 2 ** (attemptNumber - 1);
}
