/**
 * The store's tables, as Kysely sees them. One schema for SQLite and PostgreSQL: ids are text
 * UUIDs, JSON is stored as text, booleans as 0/1 integers and times as ISO-8601 text, so both
 * dialects return the same row shapes. Every row carries `project_id` and `user_id`: each query
 * filters on both (taken from the verified user token) and never on an id alone.
 */
import type { Generated } from 'kysely';
import type { ErrorCode } from '../../../protocol/src/errors.js';

export interface ConnectedUserTable {
  project_id: string;
  user_id: string;
  meta: string;
  /** Grows by one with every write to the user's state, so any instance can tell a cached `/me` is stale. */
  state_version: Generated<number>;
  created_at: string;
}

export interface CredentialTable {
  id: string;
  project_id: string;
  user_id: string;
  integration_type: string;
  status: 'PENDING' | 'VALID' | 'INVALID';
  provider_id: string | null;
  provider_data: string;
  external_id: string | null;
  /** The API key or provider tokens, sealed with AES-256-GCM; never leaves the server. */
  sealed_secret: string;
  /** A keyed hash of the install payload: the same account connected twice is one credential. */
  secret_fingerprint: string | null;
  /** The account type chosen at install (`default` when the integration has none). */
  account_type: string | null;
  /** When an OAuth token was last refreshed. */
  refreshed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConfigurationTable {
  id: string;
  credential_id: string;
  project_id: string;
  user_id: string;
  is_default: number;
  external_id: string | null;
  shared_settings: string;
  workflow_settings: string;
  config_meta: string;
  /** Grows by one on every write; the ETag of version-checked settings writes. */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Every write, and every request refused for naming something that is not the caller's. */
export interface AuditLogTable {
  id: string;
  project_id: string;
  user_id: string | null;
  request_id: string;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied';
  detail: string;
  created_at: string;
}

/** `Idempotency-Key` of install requests: a replay gets the first answer, a changed body a 422. */
export interface IdempotencyKeyTable {
  project_id: string;
  user_id: string;
  key: string;
  request_hash: string;
  credential_id: string;
  created_at: string;
}

/** An OAuth sign-in in progress: created by the portal, started once in the sign-in window, used once at the callback. */
export interface OAuthFlowTable {
  /** Random, 128 bits: the portal polls it, and the sign-in window opens `/oauth/start/<id>` once. */
  id: string;
  project_id: string;
  user_id: string;
  integration_type: string;
  account_type: string;
  /** SHA-256 of the `state` sent to the provider (the state itself is never stored). */
  state_hash: string;
  /** The PKCE verifier, sealed. */
  sealed_verifier: string;
  /** The pre-install values (they may hold secrets), sealed. */
  sealed_values: string;
  /** `selectedCredentialId`, `externalId`, `allowMultipleCredentials`, as JSON. */
  install_options: string;
  /** The redirect URI sent to the provider; the code exchange must send it again. */
  redirect_uri: string;
  /** The `oauthMetaKeyId` of Paragon's SDK, which polls by it. */
  meta_key: string | null;
  status: OAuthFlowStatus;
  credential_id: string | null;
  /** Written only from `ErrorCode`s. */
  error_code: ErrorCode | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
  expires_at: string;
}

export type OAuthFlowStatus = 'created' | 'started' | 'exchanging' | 'completed' | 'failed' | 'cancelled';

/** One run of a workflow for one account: the task history. */
export interface WorkflowRunTable {
  id: string;
  project_id: string;
  user_id: string;
  credential_id: string;
  integration_type: string;
  workflow_id: string;
  trigger: WorkflowTriggerKind;
  status: WorkflowRunStatus;
  /** Attempts started so far; a queued run is retried until its workflow's `retries` are spent. */
  attempts: number;
  /** What started it (the request's body and query, the event's payload), as JSON, bounded. */
  input: string;
  /** What the run returned, as JSON, bounded; null until it succeeds. */
  output: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
}

export type WorkflowTriggerKind = 'request' | 'event' | 'schedule' | 'integrationEnabled' | 'webhook';
/** `dead`: failed, and no attempt is left. */
export type WorkflowRunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'dead';

export interface Database {
  connected_users: ConnectedUserTable;
  credentials: CredentialTable;
  credential_configurations: ConfigurationTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeyTable;
  oauth_flows: OAuthFlowTable;
  workflow_runs: WorkflowRunTable;
}
