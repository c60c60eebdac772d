/**
 * OAuth 2.0 Token Exchange (RFC 8693) at the sandbox's token endpoint, as Box offers it to
 * "downscope" a token for its UI elements: a live access token of the calling client goes in, a
 * new one comes out with only the scopes asked for (a subset of the original's), for the same
 * account, living at most `DOWNSCOPED_TTL_SECONDS`. The Connect server uses it to mint the token a
 * vendor's file picker gets (docs/file-picker.md).
 */
import type Provider from 'oidc-provider';
import type { errors as OidcErrors, KoaContextWithOIDC } from 'oidc-provider';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

/** Short: the token is meant for one picker session in a browser. */
export const DOWNSCOPED_TTL_SECONDS = 300;

export function registerTokenExchange(provider: Provider, errors: typeof OidcErrors): void {
  provider.registerGrantType(
    TOKEN_EXCHANGE_GRANT,
    async (ctx: KoaContextWithOIDC) => {
      const oidc = ctx.oidc!;
      const client = oidc.client!;
      const params = oidc.params as Record<string, string | undefined>;
      if (params.subject_token_type !== ACCESS_TOKEN_TYPE) throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
      const subject = params.subject_token ? await provider.AccessToken.find(params.subject_token) : undefined;
      if (!subject || subject.isExpired || subject.clientId !== client.clientId) {
        throw new errors.InvalidGrant('subject_token is not a live access token of this client');
      }
      const held = new Set((subject.scope ?? '').split(' '));
      const wanted = [...new Set((params.scope ?? '').split(' ').filter(Boolean))];
      if (wanted.length === 0 || !wanted.every((scope) => held.has(scope))) {
        throw new errors.InvalidScope("scope must name some of the subject token's scopes, and only those", params.scope ?? '');
      }
      const token = new provider.AccessToken({
        accountId: subject.accountId,
        client,
        grantId: subject.grantId,
        scope: wanted.join(' '),
        expiresIn: Math.min(DOWNSCOPED_TTL_SECONDS, subject.remainingTTL),
      });
      ctx.body = {
        access_token: await token.save(),
        issued_token_type: ACCESS_TOKEN_TYPE,
        token_type: 'Bearer',
        expires_in: token.expiration,
        scope: token.scope,
      };
    },
    ['subject_token', 'subject_token_type', 'scope'],
  );
}
