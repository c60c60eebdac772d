/**
 * OAuth 2.0 against a provider, server to server: the authorization URL the sign-in window is
 * sent to (code flow, PKCE S256 unless the integration turns it off), the code exchange and the
 * refresh, with the client secret that never leaves this server. The provider's answers become
 * `OAuthTokens` to seal; its refusals become `OAuthError`s that keep its error code.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import { fillTemplate, PROVIDER_TIMEOUT_MS } from '../accounts/account-info.js';
import type { OAuthTokens } from '../accounts/secret.js';
import type { AccountTypeConfig, OAuth2AuthConfig, OAuthClient } from '../config/load.js';

/** A provider's refusal (`invalid_grant`, `access_denied`...), or `unreachable` when it did not answer usably. */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** The provider refused the grant itself: the account must be connected again. */
  get grantRevoked(): boolean {
    return this.code === 'invalid_grant' || this.code === 'unauthorized_client' || this.code === 'invalid_client';
  }
}

/** 128 random bits, URL-safe: states, flow ids, PKCE verifiers. */
export const randomToken = (bytes = 16) => randomBytes(bytes).toString('base64url');

export const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The provider's endpoints and scopes for an account type (which may override the integration's). */
export function endpointsFor(auth: OAuth2AuthConfig, accountType: AccountTypeConfig | undefined) {
  return {
    authorizationUrl: accountType?.authorizationUrl ?? auth.authorizationUrl,
    tokenUrl: accountType?.tokenUrl ?? auth.tokenUrl,
    scopes: accountType?.scopes ?? auth.scopes,
    authorizationParams: { ...auth.authorizationParams, ...accountType?.authorizationParams },
  };
}

export interface AuthorizationRequest {
  auth: OAuth2AuthConfig;
  accountType: AccountTypeConfig | undefined;
  client: OAuthClient;
  redirectUri: string;
  state: string;
  codeVerifier: string;
  values: Record<string, ConnectInputValue>;
}

/** Where the sign-in window goes: the provider's authorization URL with every parameter of this flow. */
export function authorizationUrl({ auth, accountType, client, redirectUri, state, codeVerifier, values }: AuthorizationRequest): string {
  const endpoints = endpointsFor(auth, accountType);
  const url = new URL(fillTemplate(endpoints.authorizationUrl, values));
  for (const [name, value] of Object.entries(endpoints.authorizationParams)) url.searchParams.set(name, value);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  if (endpoints.scopes.length > 0) url.searchParams.set('scope', endpoints.scopes.join(auth.scopeSeparator ?? ' '));
  if (auth.pkce !== false) {
    url.searchParams.set('code_challenge', sha256(codeVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
  }
  return url.href;
}

export interface TokenRequest {
  auth: OAuth2AuthConfig;
  accountType: AccountTypeConfig | undefined;
  client: OAuthClient;
  values: Record<string, ConnectInputValue>;
  fetcher?: typeof fetch;
}

/** POSTs a grant to the token endpoint; answers the JSON, or throws `OAuthError`. */
async function requestToken(
  { auth, accountType, client, values, fetcher = fetch }: TokenRequest,
  grant: Record<string, string>,
): Promise<Record<string, unknown>> {
  const body = new URLSearchParams({ ...auth.tokenParams, ...grant });
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  if (auth.tokenAuthMethod === 'client_secret_basic') {
    const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
    headers.Authorization = `Basic ${Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`).toString('base64')}`;
  } else {
    body.set('client_id', client.clientId);
    body.set('client_secret', client.clientSecret);
  }
  let response: Response;
  try {
    response = await fetcher(fillTemplate(endpointsFor(auth, accountType).tokenUrl, values), {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
  } catch {
    throw new OAuthError('unreachable', 'The provider could not be reached; try again.');
  }
  const text = await response.text();
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A few providers answer form-encoded whatever Accept says.
    payload = Object.fromEntries(new URLSearchParams(text));
  }
  // Some providers (Slack) answer 200 with `ok: false` and an `error`.
  if (!response.ok || typeof payload.error === 'string' || typeof payload.access_token !== 'string') {
    const code = typeof payload.error === 'string' ? payload.error : response.status >= 500 ? 'unreachable' : 'invalid_response';
    const description = typeof payload.error_description === 'string' ? `: ${payload.error_description}` : '';
    throw new OAuthError(code, `The provider refused the token request (${code}${description}).`);
  }
  return payload;
}

/** The sealed shape of a token response; `previous` keeps a refresh token the provider did not rotate. */
export function tokensFrom(response: Record<string, unknown>, previous?: OAuthTokens, now = Date.now()): OAuthTokens {
  const expiresIn = Number(response.expires_in);
  return {
    kind: 'oauth2',
    accessToken: response.access_token as string,
    refreshToken: typeof response.refresh_token === 'string' ? response.refresh_token : previous?.refreshToken,
    tokenType: typeof response.token_type === 'string' ? response.token_type : 'Bearer',
    scope: typeof response.scope === 'string' ? response.scope : previous?.scope,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(now + expiresIn * 1000).toISOString() : undefined,
    values: previous?.values,
  };
}

export function exchangeCode(
  request: TokenRequest,
  { code, redirectUri, codeVerifier }: { code: string; redirectUri: string; codeVerifier?: string },
) {
  return requestToken(request, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    // Ours, or the host app's for a code it obtained itself (`completeInstall`).
    ...(request.auth.pkce !== false && codeVerifier ? { code_verifier: codeVerifier } : {}),
  });
}

export function refreshGrant(request: TokenRequest, refreshToken: string) {
  return requestToken(request, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/**
 * OAuth 2.0 Token Exchange (RFC 8693), as Box offers it to "downscope": the account's working token
 * for a new one of only `scopes`, for a browser that must hold one (a vendor's file picker).
 */
export function exchangeTokenGrant(request: TokenRequest, subjectToken: string, scopes: readonly string[]) {
  return requestToken(request, {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: subjectToken,
    subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    scope: scopes.join(' '),
  });
}
