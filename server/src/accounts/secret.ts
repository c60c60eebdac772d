/**
 * What a credential keeps sealed (AES-256-GCM, `secrets.ts`): the values an API-key or basic
 * account was connected with, or an OAuth account's tokens. Nothing here is ever sent to a browser.
 */
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import { HttpError } from '../http-error.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { CredentialRow } from '../store/credentials.js';

export interface OAuthTokens {
  kind: 'oauth2';
  accessToken: string;
  refreshToken?: string;
  tokenType: string;
  scope?: string;
  /** ISO time the access token stops working, when the provider said. */
  expiresAt?: string;
  /** Pre-install values that are secrets (PASSWORD inputs); the others are in the credential's providerData. */
  values?: Record<string, ConnectInputValue>;
}

export type StoredSecret = { kind: 'api_key' | 'basic'; values: Record<string, ConnectInputValue> } | OAuthTokens;

/** JSON with sorted keys, so equal objects hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What tells an API key or basic account connected twice: keyed hashes of its install values
 * under each key of the ring, the current one first.
 */
export function installFingerprints(secrets: SecretBox, integrationType: string, values: Record<string, ConnectInputValue>): string[] {
  return secrets.fingerprints(`${integrationType}\u0000${canonicalJson(values)}`);
}

export function sealSecret(secrets: SecretBox, secret: StoredSecret): string {
  return secrets.seal(JSON.stringify(secret));
}

/**
 * Opens a credential's secret; throws on a tampered or unreadable one (fail closed). Credentials
 * stored before secrets had a `kind` hold their install values alone.
 */
export function openSecret(secrets: SecretBox, sealed: string): StoredSecret {
  const parsed = JSON.parse(secrets.open(sealed)) as StoredSecret | Record<string, ConnectInputValue>;
  return 'kind' in parsed && (parsed.kind === 'oauth2' || parsed.kind === 'api_key' || parsed.kind === 'basic')
    ? (parsed as StoredSecret)
    : { kind: 'api_key', values: parsed as Record<string, ConnectInputValue> };
}

/** A credential's secret, or a 500 if it cannot be read: a tampered secret fails closed, and nothing is sent anywhere with it. */
export function openCredentialSecret(secrets: SecretBox, credential: Pick<CredentialRow, 'id' | 'sealed_secret'>): StoredSecret {
  try {
    return openSecret(secrets, credential.sealed_secret);
  } catch {
    throw new HttpError(500, ErrorCode.credentialUnreadable, `The stored secret of credential "${credential.id}" cannot be read.`);
  }
}
