/**
 * The sandbox provider: a real OAuth 2.0 / OpenID Connect provider (oidc-provider) and a small
 * REST API behind its access tokens, standing in for the third-party SaaS whose accounts end
 * users connect. The Connect server is its confidential client; the demo, the end-to-end tests
 * and the server tests each start one.
 *
 * OAuth, at `http://127.0.0.1:<port>` (the issuer; discovery at `/.well-known/openid-configuration`):
 * - authorization code with PKCE (S256 only, always required) at `/auth`, then `/token` with the
 *   client secret, in the body (`client_secret_post`) or as HTTP Basic (`client_secret_basic`);
 * - every code exchange also issues a refresh token, whatever the scopes; refresh tokens rotate:
 *   a used one answers `invalid_grant`, and reusing one revokes the whole grant (reuse detection);
 * - access tokens are opaque, valid `accessTokenTtlSeconds`; `/token/revocation` revokes tokens;
 * - scopes: `SANDBOX_SCOPES` below; `/me` is the OIDC userinfo endpoint, `/jwks` the keys.
 *
 * Every authorization shows our own sign-in page (`pages.ts`), then the consent page, within one
 * interaction; no sign-in outlives it, so the next authorization in the same browser asks again
 * and may pick another test user (`users.ts`). The REST API is `api.ts`.
 *
 * With `control: true`, tests in another process drive the same operations as the returned object:
 * `GET /__control/stats`, `POST /__control/reset`, `POST /__control/revoke?user=alice` (every
 * grant and token of alice: her next refresh is `invalid_grant`, her next API call 401) and
 * `POST /__control/expire-access-tokens?user=alice` (her access tokens only, to force a refresh).
 *
 * All state lives in memory and dies with the provider. Nothing here logs a token or a password.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as OidcProvider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { createApi } from './api.js';
import { HttpError, readBody, sendError, sendJson } from './http.js';
import { consentPage, errorPage, loginPage, pagePolicy, STYLESHEET, STYLESHEET_PATH } from './pages.js';
import { MemoryStore } from './store.js';
import { registerTokenExchange, TOKEN_EXCHANGE_GRANT } from './token-exchange.js';
import { checkCredentials, userById, userByLogin, type SandboxUser } from './users.js';

/** The scopes a client may ask for, with what the consent page says of each. */
export const SANDBOX_SCOPES: Readonly<Record<string, string>> = {
  openid: 'confirm who you are',
  profile: 'see your name',
  email: 'see your email address',
  offline_access: 'keep access when you are away',
  'contacts.read': 'read your contacts, pipelines and fields',
  'contacts.write': 'create contacts',
  'files.read': 'browse and read your files',
};

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface SandboxProviderOptions {
  /** 0 for any free port. */
  port: number;
  /** Default '127.0.0.1'; also the issuer's host. */
  host?: string;
  clients: SandboxClient[];
  /** Default 3600; tests use a few seconds to force refreshes. */
  accessTokenTtlSeconds?: number;
  /** Serve the `/__control/` test endpoints (default false). */
  control?: boolean;
}

export interface SandboxStats {
  /** Token endpoint requests per grant type, answered or refused. */
  tokenRequests: { authorization_code: number; refresh_token: number };
  /** REST API requests (`/api/`, `/basic-api/`), answered or refused. */
  apiRequests: number;
  /** REST API requests per test user's login, once the caller is known. */
  apiRequestsByUser: Record<string, number>;
}

export interface SandboxProvider {
  /** The issuer origin, such as http://127.0.0.1:4300. */
  url: string;
  close(): Promise<void>;
  stats(): SandboxStats;
  resetStats(): void;
  /** Revokes every grant, refresh token and access token of this test user. */
  revokeUser(login: string): Promise<void>;
  /** Makes this test user's access tokens invalid, keeping the refresh tokens. */
  expireAccessTokens(login: string): Promise<void>;
}

const REFRESH_TOKEN_TTL = 14 * 24 * 3600;

let loadingProvider: Promise<typeof OidcProvider> | undefined;

/**
 * oidc-provider, imported on first start rather than with this module. Its import warns that
 * Node 20 is not a runtime it supports; it works there (this project's floor is Node 20.19), so
 * that one warning is dropped, and any other passes through.
 */
function loadProvider(): Promise<typeof OidcProvider> {
  loadingProvider ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!String(args[0]).includes('Unsupported runtime')) warn(...args);
    };
    try {
      return await import('oidc-provider');
    } finally {
      console.warn = warn;
    }
  })();
  return loadingProvider;
}

const emptyStats = (): SandboxStats => ({ tokenRequests: { authorization_code: 0, refresh_token: 0 }, apiRequests: 0, apiRequestsByUser: {} });

function requireUser(login: string): SandboxUser {
  const user = userByLogin(login);
  if (!user) throw new HttpError(404, 'not_found', `No test user "${login}".`);
  return user;
}

/**
 * Sends a page; with `severOpener` under `Cross-Origin-Opener-Policy: same-origin`, as some real
 * providers' sign-in pages are: the window's opener then loses its handle to it (it looks closed).
 */
function sendPage(response: ServerResponse, status: number, html: string, formTargets: readonly string[] = [], severOpener = false): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': pagePolicy(formTargets),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(severOpener ? { 'Cross-Origin-Opener-Policy': 'same-origin' } : {}),
  });
  response.end(html);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(303, { Location: location, 'Cache-Control': 'no-store' }).end();
}

function configuration(options: SandboxProviderOptions, store: MemoryStore): Configuration {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      grant_types: ['authorization_code', 'refresh_token', TOKEN_EXCHANGE_GRANT],
      response_types: ['code'],
      // The other secret method, client_secret_post, is accepted as well.
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    adapter: (model) => store.adapterFor(model),
    findAccount: async (_ctx, sub) => {
      const user = userById(sub);
      return user && { accountId: user.id, claims: () => ({ sub: user.id, name: user.name, email: user.email, email_verified: true }) };
    },
    responseTypes: ['code'],
    // `sandbox_coop=1` on the authorization request serves the sign-in pages with COOP same-origin.
    extraParams: ['sandbox_coop'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    scopes: Object.keys(SANDBOX_SCOPES),
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    jwks: { keys: [{ ...signingKey, kid: 'sandbox', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: false },
      dPoP: { enabled: false },
      // Off, so that one opaque access token carries every granted scope, as most SaaS APIs do.
      resourceIndicators: { enabled: false },
    },
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    // Tokens must outlive the sign-in session, which ends as soon as the authorization does.
    expiresWithSession: async () => false,
    // The Connect server calls /token from its server; no browser needs CORS here.
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 3600,
      RefreshToken: REFRESH_TOKEN_TTL,
      Grant: REFRESH_TOKEN_TTL,
    },
    renderError: async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', pagePolicy());
      ctx.body = errorPage('Something went wrong', `${out.error}: ${out.error_description ?? ''}`);
    },
  };
}

export async function startSandboxProvider(options: SandboxProviderOptions): Promise<SandboxProvider> {
  // oidc-provider checks clients only when one is used; a typo should stop the start instead.
  for (const { clientId, redirectUris } of options.clients) {
    if (redirectUris.length === 0 || !redirectUris.every((uri) => URL.canParse(uri))) {
      throw new Error(`Sandbox client ${clientId}: redirectUris must be one or more absolute URLs.`);
    }
  }
  const { default: Provider, errors } = await loadProvider();
  const host = options.host ?? '127.0.0.1';
  // The issuer names the port, so listen first (port 0 picks one), then build the provider.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, resolve);
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  const store = new MemoryStore();
  const provider = new Provider(issuer, configuration(options, store));
  registerTokenExchange(provider, errors);
  let stats = emptyStats();

  const countTokenRequest = (ctx: KoaContextWithOIDC) => {
    const grantType = ctx.oidc?.params?.grant_type;
    if (grantType === 'authorization_code' || grantType === 'refresh_token') stats.tokenRequests[grantType]++;
  };
  provider.on('grant.success', countTokenRequest);
  provider.on('grant.error', countTokenRequest);

  // Each authorization signs in afresh: the session that a finished authorization leaves behind
  // is ended at once, so the next one shows the sign-in page again, where another user may sign in.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route === 'resume') await ctx.oidc.session?.destroy();
  });

  const sandbox: SandboxProvider = {
    url: issuer,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    revokeUser: async (login) => {
      const { id } = requireUser(login);
      store.deleteWhere(['Grant', 'AuthorizationCode', 'RefreshToken', 'AccessToken', 'Session'], (payload) => payload.accountId === id);
    },
    expireAccessTokens: async (login) => {
      const { id } = requireUser(login);
      store.deleteWhere(['AccessToken'], (payload) => payload.accountId === id);
    },
  };

  const api = createApi({
    findAccessToken: (token) => provider.AccessToken.find(token),
    onRequest: (login) => {
      stats.apiRequests++;
      if (login) stats.apiRequestsByUser[login] = (stats.apiRequestsByUser[login] ?? 0) + 1;
    },
  });

  /**
   * Our sign-in and consent steps, both within the one interaction oidc-provider started. The forms
   * carry no CSRF token: the interaction cookie is SameSite=Lax, so a form posted from another
   * site arrives without it and finds no interaction.
   */
  async function interaction(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const [, uid, step] = /^\/interaction\/([\w-]+)(?:\/(login|consent))?$/.exec(url.pathname) ?? [];
    let details;
    try {
      details = await provider.interactionDetails(request, response);
    } catch {
      return sendPage(response, 400, errorPage('Sign-in expired', 'This sign-in request is unknown or has expired. Start again from the app.'));
    }
    if (!uid || details.uid !== uid) return sendPage(response, 404, errorPage('Not found', 'There is no such page.'));
    const clientId = String(details.params.client_id);
    const formTargets = options.clients.find((client) => client.clientId === clientId)?.redirectUris.map((uri) => new URL(uri).origin) ?? [];
    const here = `/interaction/${uid}`;
    const severOpener = details.params.sandbox_coop === '1';
    const login = details.result?.login;
    const user = login && userById(login.accountId);
    const scopes = (typeof details.params.scope === 'string' ? details.params.scope : '')
      .split(' ')
      .filter((scope) => Object.hasOwn(SANDBOX_SCOPES, scope));

    if (request.method === 'GET' && !step) {
      const page = user
        ? consentPage({ action: `${here}/consent`, clientId, user, scopes: scopes.map((name) => ({ name, description: SANDBOX_SCOPES[name]! })) })
        : loginPage({ action: `${here}/login`, clientId });
      return sendPage(response, 200, page, formTargets, severOpener);
    }
    if (request.method !== 'POST' || !step) return sendPage(response, 405, errorPage('Not allowed', 'This page only takes its own form.'));
    const form = new URLSearchParams(await readBody(request));

    if (step === 'login') {
      const signedIn = checkCredentials(form.get('login') ?? '', form.get('password') ?? '');
      if (!signedIn) {
        return sendPage(
          response,
          200,
          loginPage({ action: `${here}/login`, clientId, login: form.get('login') ?? '', failed: true }),
          formTargets,
          severOpener,
        );
      }
      // Kept in the interaction only; the session gets it when consent finishes the interaction.
      await provider.interactionResult(request, response, { login: { accountId: signedIn.id, remember: false } }, { mergeWithLastSubmission: false });
      return redirect(response, here);
    }
    if (!login) return redirect(response, here);
    if (form.get('decision') !== 'allow') {
      const denied = { error: 'access_denied', error_description: 'The user denied the request.' };
      return provider.interactionFinished(request, response, denied, { mergeWithLastSubmission: false });
    }
    const grant = new provider.Grant({ accountId: login.accountId, clientId });
    grant.addOIDCScope(scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(request, response, { login, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  async function control(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const route = `${request.method} ${url.pathname}`;
    const login = url.searchParams.get('user') ?? '';
    if (route === 'GET /__control/stats') return sendJson(response, 200, sandbox.stats());
    if (route === 'POST /__control/reset') sandbox.resetStats();
    else if (route === 'POST /__control/revoke') await sandbox.revokeUser(login);
    else if (route === 'POST /__control/expire-access-tokens') await sandbox.expireAccessTokens(login);
    else throw new HttpError(404, 'not_found', `No route ${route}.`);
    response.writeHead(204, { 'Cache-Control': 'no-store' }).end();
  }

  const oidc = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    const path = url.pathname;
    let handling: Promise<void> | undefined;
    if (path.startsWith('/api/') || path.startsWith('/basic-api/')) handling = api(request, response, url);
    else if (path.startsWith('/interaction/')) handling = interaction(request, response, url);
    else if (options.control && path.startsWith('/__control/')) handling = control(request, response, url);
    else if (path === STYLESHEET_PATH) response.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8' }).end(STYLESHEET);
    else oidc(request, response);
    handling?.catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(response, error);
      console.error('sandbox provider:', error);
      if (!response.headersSent) sendJson(response, 500, { error: 'server_error', error_description: 'Internal error; it has been logged.' });
      else response.destroy();
    });
  });

  return sandbox;
}
