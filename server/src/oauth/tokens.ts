/**
 * Fresh access tokens for OAuth accounts: refreshed a minute before they expire, or at once when
 * a provider has refused one (`rejectedToken`, after a 401). A refresh is single-flight per
 * credential: concurrent callers in this process share one; on PostgreSQL, other instances wait
 * for the user's row lock and then find the new token already stored (providers that rotate
 * refresh tokens revoke the whole grant when one is used twice). The new tokens are stored before
 * anyone uses them. A refresh the provider refuses (`invalid_grant`) makes the credential INVALID:
 * the portal then offers to reconnect it.
 *
 * On SQLite the refresh is not made under the store's lock, which would stop every other request
 * of the instance while the provider answers; SQLite serves one instance, and the in-process
 * single flight covers it.
 */
import { ErrorCode } from '../../../protocol/src/errors.js';
import { openCredentialSecret, sealSecret, type OAuthTokens } from '../accounts/secret.js';
import { findAccountType } from '../config/integration.js';
import type { ConnectConfig, ProjectConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { findCredential, updateCredential, type CredentialRow } from '../store/credentials.js';
import type { Store } from '../store/database.js';
import { MissingRowError } from '../store/errors.js';
import { isPostgres, writeForUser, type UserTransaction } from '../store/write.js';
import type { VerifiedUser } from '../tokens.js';
import { exchangeTokenGrant, OAuthError, refreshGrant, tokensFrom, type TokenRequest } from './broker.js';

/** Refresh this long before the provider's expiry, so a token does not expire on its way. */
const REFRESH_MARGIN_MS = 60_000;

export interface TokenServiceOptions {
  config: ConnectConfig;
  store: Store;
  secrets: SecretBox;
  fetcher?: typeof fetch;
  clock?: () => number;
}

export interface TokenService {
  /**
   * A working access token of the user's OAuth credential, refreshed if it expired, or if it is
   * `rejectedToken` (the one the provider just answered 401 to; a token already refreshed since
   * is answered as it is).
   */
  accessToken(user: VerifiedUser, credentialId: string, options?: { rejectedToken?: string }): Promise<string>;
  /**
   * A new token of only `scopes`, exchanged at the provider for the account's working one (RFC
   * 8693): for a browser that must hold a token, so it is never stored and lives as briefly as
   * the provider makes it.
   */
  narrowed(user: VerifiedUser, credentialId: string, scopes: readonly string[]): Promise<NarrowedToken>;
}

export interface NarrowedToken {
  accessToken: string;
  /** ISO 8601, when the provider says. */
  expiresAt?: string;
  scopes: string[];
}

const invalid = (credentialId: string) =>
  new HttpError(409, ErrorCode.credentialInvalid, `Credential "${credentialId}" is no longer authorized by the provider; reconnect it.`);

export function createTokenService({ config, store, secrets, fetcher = fetch, clock = Date.now }: TokenServiceOptions): TokenService {
  const inFlight = new Map<string, Promise<string>>();

  function tokensOf(credential: CredentialRow): OAuthTokens {
    const secret = openCredentialSecret(secrets, credential);
    if (secret.kind !== 'oauth2') throw new HttpError(400, ErrorCode.invalidRequest, `Credential "${credential.id}" is not an OAuth account.`);
    return secret;
  }

  const isFresh = (tokens: OAuthTokens) => tokens.expiresAt === undefined || Date.parse(tokens.expiresAt) - REFRESH_MARGIN_MS > clock();

  async function readCredential(db: Store, user: VerifiedUser, credentialId: string): Promise<CredentialRow> {
    const credential = await findCredential(db, user, credentialId);
    if (!credential) throw new MissingRowError('credential', credentialId);
    if (credential.status === 'INVALID') throw invalid(credentialId);
    return credential;
  }

  /** What a grant at the account's token endpoint needs: its integration's auth, its OAuth client, its values. */
  function tokenRequestFor(user: VerifiedUser, credential: CredentialRow, tokens: OAuthTokens): TokenRequest {
    const project = config.projects.get(user.projectId) as ProjectConfig;
    const integration = project.integrations.find((candidate) => candidate.type === credential.integration_type);
    const client = project.oauthClients.get(credential.integration_type);
    if (!integration || integration.auth.scheme !== 'oauth2' || !client) throw invalid(credential.id);
    const values = { ...(JSON.parse(credential.provider_data) as Record<string, string>), ...tokens.values };
    return { auth: integration.auth, accountType: findAccountType(integration, credential.account_type ?? undefined), client, values, fetcher };
  }

  /**
   * Refreshes unless someone did since `stale` was read; `persist` stores the outcome (inside the
   * caller's transaction on PostgreSQL, in one of its own on SQLite). Answers the new token, or
   * `revoked` once the credential is stored as INVALID (not thrown, which would roll that back).
   */
  async function refresh(
    user: VerifiedUser,
    credential: CredentialRow,
    stale: string,
    persist: (write: (trx: UserTransaction) => Promise<void>) => Promise<void>,
  ): Promise<{ accessToken: string } | 'revoked'> {
    const tokens = tokensOf(credential);
    if (tokens.accessToken !== stale && isFresh(tokens)) return { accessToken: tokens.accessToken };
    const request = tokenRequestFor(user, credential, tokens);
    const revoked = async () => {
      await persist((trx) => updateCredential(trx, user, credential.id, { status: 'INVALID' }));
      return 'revoked' as const;
    };
    if (!tokens.refreshToken) return revoked();
    let response;
    try {
      response = await refreshGrant(request, tokens.refreshToken);
    } catch (error) {
      if (error instanceof OAuthError && error.grantRevoked) return revoked();
      throw new HttpError(
        503,
        ErrorCode.providerUnavailable,
        `The provider did not refresh the account's token (${(error as Error).message}); try again.`,
      );
    }
    const fresh = tokensFrom(response, tokens, clock());
    await persist((trx) =>
      updateCredential(trx, user, credential.id, { sealed_secret: sealSecret(secrets, fresh), refreshed_at: new Date(clock()).toISOString() }),
    );
    return { accessToken: fresh.accessToken };
  }

  async function refreshSingleFlight(user: VerifiedUser, credentialId: string, stale: string): Promise<string> {
    const outcome = isPostgres(store)
      ? // Under the user's row lock: an instance that waited here reads the token the first one stored.
        await writeForUser(store, user, async (trx) => refresh(user, await readCredential(trx, user, credentialId), stale, (write) => write(trx)))
      : await refresh(user, await readCredential(store, user, credentialId), stale, (write) => writeForUser(store, user, write));
    if (outcome === 'revoked') throw invalid(credentialId);
    return outcome.accessToken;
  }

  const service: TokenService = {
    async accessToken(user, credentialId, { rejectedToken } = {}) {
      const tokens = tokensOf(await readCredential(store, user, credentialId));
      if (tokens.accessToken !== rejectedToken && isFresh(tokens)) return tokens.accessToken;
      const key = `${user.projectId}\u0000${user.userId}\u0000${credentialId}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = refreshSingleFlight(user, credentialId, tokens.accessToken).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },

    async narrowed(user, credentialId, scopes) {
      const subjectToken = await service.accessToken(user, credentialId);
      const credential = await readCredential(store, user, credentialId);
      let response;
      try {
        response = await exchangeTokenGrant(tokenRequestFor(user, credential, tokensOf(credential)), subjectToken, scopes);
      } catch (error) {
        throw new HttpError(502, ErrorCode.providerRefused, `The provider did not narrow the account's token (${(error as Error).message}).`);
      }
      const { accessToken, expiresAt, scope } = tokensFrom(response, undefined, clock());
      return { accessToken, ...(expiresAt && { expiresAt }), scopes: scope ? scope.split(' ') : [...scopes] };
    },
  };
  return service;
}
