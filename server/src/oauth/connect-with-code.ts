/**
 * An authorization code becomes a connected account: exchanged on the server with the client
 * secret (and the PKCE verifier when there is one), the provider account identified, its tokens
 * sealed, and the credential created or replaced with an audit row, in one `writeForUser`. The
 * sign-in window's callback and `paragon.completeInstall` (a code the host app obtained itself)
 * both end here.
 */
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import { readAccountInfo } from '../accounts/account-info.js';
import { connectAccount, type ConnectOutcome } from '../accounts/connect.js';
import { sealSecret } from '../accounts/secret.js';
import { findAccountType, postInstallInputsOf, preInstallInputsOf } from '../config/integration.js';
import type { IntegrationConfig, OAuth2AuthConfig, ProjectConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { recordAudit } from '../store/audit.js';
import type { Store } from '../store/database.js';
import { writeForUser } from '../store/write.js';
import type { VerifiedUser } from '../tokens.js';
import { exchangeCode, tokensFrom, type OAuthError } from './broker.js';

export function oauthAuth(integration: IntegrationConfig): OAuth2AuthConfig {
  if (integration.auth.scheme !== 'oauth2') {
    throw new HttpError(
      400,
      ErrorCode.invalidRequest,
      `${integration.name} is not connected through OAuth: send its values to POST /credentials.`,
      'integrationId',
    );
  }
  return integration.auth;
}

/** PASSWORD pre-install values are sealed with the tokens; the others (a shop, a subdomain) go in providerData. */
function splitValues(integration: IntegrationConfig, accountTypeId: string, values: Record<string, ConnectInputValue>) {
  const inputs = preInstallInputsOf(integration, findAccountType(integration, accountTypeId));
  const secret: Record<string, ConnectInputValue> = {};
  const shown: Record<string, string | number | boolean> = {};
  for (const [id, value] of Object.entries(values)) {
    if (inputs.find((input) => input.id === id)?.type === 'PASSWORD') secret[id] = value;
    else if (typeof value !== 'object') shown[id] = value;
  }
  return { secret, shown };
}

export interface CodeToConnect {
  project: ProjectConfig;
  integration: IntegrationConfig;
  accountType: string;
  /** Pre-install values, already checked. */
  values: Record<string, ConnectInputValue>;
  code: string;
  redirectUri: string;
  codeVerifier?: string;
  selectedCredentialId?: string;
  externalId?: string;
  /** How the code arrived, for the audit log: `oauth` (our window) or `completeInstall`. */
  via: string;
  requestId: string;
}

/** Throws `OAuthError` when the provider refuses or cannot be reached, `HttpError` for the rest. */
export async function connectWithCode(store: Store, secrets: SecretBox, user: VerifiedUser, account: CodeToConnect): Promise<ConnectOutcome> {
  const { integration, values, accountType: accountTypeId } = account;
  const auth = oauthAuth(integration);
  const accountType = findAccountType(integration, accountTypeId);
  const tokenRequest = { auth, accountType, client: account.project.oauthClients.get(integration.type)!, values };
  const response = await exchangeCode(tokenRequest, { code: account.code, redirectUri: account.redirectUri, codeVerifier: account.codeVerifier });
  const { secret, shown } = splitValues(integration, accountTypeId, values);
  const tokens = { ...tokensFrom(response), ...(Object.keys(secret).length > 0 ? { values: secret } : {}) };
  const identity = await readAccountInfo(auth.accountInfo, { tokenResponse: response, authorization: `Bearer ${tokens.accessToken}`, values });
  return writeForUser(store, user, async (trx) => {
    const connected = await connectAccount(trx, user, {
      integration,
      accountType: accountTypeId,
      sealedSecret: sealSecret(secrets, tokens),
      fingerprints: [],
      providerId: identity.providerId,
      providerData: { ...shown, ...identity.providerData },
      status: postInstallInputsOf(integration, accountType).length > 0 ? 'PENDING' : 'VALID',
      selectedCredentialId: account.selectedCredentialId,
      externalId: account.externalId,
    });
    await recordAudit(trx, {
      ...user,
      requestId: account.requestId,
      action: account.selectedCredentialId ? 'credential.replace' : 'credential.create',
      target: connected.credentialId,
      outcome: 'ok',
      detail: { integration: integration.type, via: account.via },
    });
    return connected;
  });
}

/** The provider's refusal of a code or its silence, as the API's error. */
export function providerFailure(integration: IntegrationConfig, failure: OAuthError): HttpError {
  return failure.code === 'unreachable'
    ? new HttpError(503, ErrorCode.providerUnavailable, failure.message)
    : new HttpError(
        400,
        ErrorCode.providerRefused,
        `${integration.name} refused the authorization code (${failure.code}); sign in again for a fresh one.`,
        'code',
      );
}
