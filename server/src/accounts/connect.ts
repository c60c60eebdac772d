/**
 * Connecting an account, whatever its scheme: a new credential, or (with `selectedCredentialId`)
 * a new underlying account for an existing one, which keeps its settings and workflows. The same
 * account twice is caught here: the same install values (an API key) are the same credential,
 * answered again; the same provider account (by `providerId`) under another credential is
 * refused, naming the credential that has it. Runs inside the caller's `writeForUser`, so the
 * check and the write are one step.
 */
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { CredentialStatus } from '../../../protocol/src/rest.js';
import type { IntegrationConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import { initialSettings } from '../present.js';
import { createCredential, findCredential, findSameAccount, updateCredential, type CredentialRow } from '../store/credentials.js';
import { MissingRowError } from '../store/errors.js';
import type { UserTransaction } from '../store/write.js';
import type { VerifiedUser } from '../tokens.js';

export interface AccountToConnect {
  integration: IntegrationConfig;
  accountType: string;
  sealedSecret: string;
  /**
   * API key and basic accounts: keyed hashes of the install values under each key of the ring,
   * the current one first (the one stored); none for an OAuth account.
   */
  fingerprints: readonly string[];
  /** The provider's id of the account, when the provider told it. */
  providerId: string | null;
  providerData: Record<string, string | number | boolean>;
  status: CredentialStatus;
  /** Replace this credential's account instead of adding one. */
  selectedCredentialId?: string;
  /** A label from the host app for a new credential. */
  externalId?: string;
}

export interface ConnectOutcome {
  credentialId: string;
  /** `false` when the account was already connected (the same install values), or replaced one. */
  created: boolean;
}

/** How a credential is named to its user: its label, else the provider account's name, else its id. */
export function describeCredential(credential: CredentialRow): string {
  const providerName = (JSON.parse(credential.provider_data) as { name?: unknown }).name;
  return credential.external_id ?? (typeof providerName === 'string' ? providerName : credential.id);
}

function alreadyConnected(integration: IntegrationConfig, twin: CredentialRow): HttpError {
  return new HttpError(
    409,
    ErrorCode.accountAlreadyConnected,
    `This ${integration.name} account is already connected as "${describeCredential(twin)}" (credential ${twin.id}); reconnect that one instead.`,
  );
}

export async function connectAccount(trx: UserTransaction, user: VerifiedUser, account: AccountToConnect): Promise<ConnectOutcome> {
  const { integration } = account;
  const twin = await findSameAccount(trx, user, integration.type, account);
  // The one stored: made under the current key.
  const fingerprint = account.fingerprints[0] ?? null;
  const columns = {
    status: account.status,
    sealed_secret: account.sealedSecret,
    secret_fingerprint: fingerprint,
    provider_id: account.providerId,
    provider_data: JSON.stringify(account.providerData),
    account_type: account.accountType,
  };

  if (account.selectedCredentialId) {
    const target = await findCredential(trx, user, account.selectedCredentialId);
    if (!target) throw new MissingRowError('credential', account.selectedCredentialId);
    if (target.integration_type !== integration.type) {
      throw new HttpError(400, ErrorCode.invalidRequest, `Credential "${target.id}" is not a ${integration.name} account.`, 'selectedCredentialId');
    }
    if (twin && twin.id !== target.id) throw alreadyConnected(integration, twin);
    await updateCredential(trx, user, target.id, columns);
    return { credentialId: target.id, created: false };
  }

  if (twin?.secret_fingerprint && account.fingerprints.includes(twin.secret_fingerprint)) return { credentialId: twin.id, created: false };
  if (twin) throw alreadyConnected(integration, twin);
  const credentialId = await createCredential(trx, user, {
    integrationType: integration.type,
    accountType: account.accountType,
    status: account.status,
    sealedSecret: account.sealedSecret,
    fingerprint,
    providerId: account.providerId,
    providerData: account.providerData,
    externalId: account.externalId,
    ...initialSettings(integration),
  });
  return { credentialId, created: true };
}
