/**
 * Credential and configuration rows. Every function takes the verified `(projectId, userId)`
 * and filters on it, so an id that belongs to someone else is simply not found.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import type { CredentialStatus, WorkflowState } from '../../../protocol/src/rest.js';
import type { VerifiedUser } from '../tokens.js';
import type { Store } from './database.js';
import { isUniqueViolation } from './errors.js';
import { touchUser } from './users.js';
import type { ConfigurationTable, CredentialTable } from './schema.js';

export type CredentialRow = Selectable<CredentialTable>;
export type ConfigurationRow = Selectable<ConfigurationTable>;

export interface CredentialWithConfigurations {
  credential: CredentialRow;
  configurations: ConfigurationRow[];
}

export interface InitialSettings {
  sharedSettings: Record<string, unknown>;
  workflowSettings: Record<string, WorkflowState>;
}

export interface NewCredential extends InitialSettings {
  integrationType: string;
  status: CredentialStatus;
  sealedSecret: string;
  fingerprint: string;
  externalId?: string;
}

const now = () => new Date().toISOString();

const mine = (user: VerifiedUser) => ({ project_id: user.projectId, user_id: user.userId });

/** The user's credentials: every credential read starts here, so none can leave out the scope. */
const credentialsOf = (db: Store, user: VerifiedUser) =>
  db.selectFrom('credentials').selectAll().where('project_id', '=', user.projectId).where('user_id', '=', user.userId);

/** The user's configurations, likewise. */
const configurationsOf = (db: Store, user: VerifiedUser) =>
  db.selectFrom('credential_configurations').selectAll().where('project_id', '=', user.projectId).where('user_id', '=', user.userId);

async function withConfigurations(db: Store, user: VerifiedUser, credentials: CredentialRow[]): Promise<CredentialWithConfigurations[]> {
  if (credentials.length === 0) return [];
  const configurations = await configurationsOf(db, user)
    .where(
      'credential_id',
      'in',
      credentials.map((credential) => credential.id),
    )
    .orderBy('is_default', 'desc')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return credentials.map((credential) => ({
    credential,
    configurations: configurations.filter((configuration) => configuration.credential_id === credential.id),
  }));
}

/** The user's credentials (of one integration, if given) with their configurations, oldest first. */
export async function listCredentials(db: Store, user: VerifiedUser, integrationType?: string): Promise<CredentialWithConfigurations[]> {
  let query = credentialsOf(db, user);
  if (integrationType) query = query.where('integration_type', '=', integrationType);
  return withConfigurations(db, user, await query.orderBy('created_at').orderBy('id').execute());
}

/** The user's credential with this id or `externalId` (also written `ext:<externalId>`), if it is theirs. */
export async function findCredential(db: Store, user: VerifiedUser, idOrExternalId: string): Promise<CredentialRow | undefined> {
  const externalId = idOrExternalId.startsWith('ext:') ? idOrExternalId.slice(4) : idOrExternalId;
  return credentialsOf(db, user)
    .where((where) => where.or([where('id', '=', idOrExternalId), where('external_id', '=', externalId)]))
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function getCredential(db: Store, user: VerifiedUser, idOrExternalId: string): Promise<CredentialWithConfigurations | undefined> {
  const credential = await findCredential(db, user, idOrExternalId);
  return credential ? (await withConfigurations(db, user, [credential]))[0] : undefined;
}

/** The user's first VALID credential of an integration: the default when no credential is named. */
export async function findFirstValidCredential(db: Store, user: VerifiedUser, integrationType: string): Promise<CredentialRow | undefined> {
  return credentialsOf(db, user)
    .where('integration_type', '=', integrationType)
    .where('status', '=', 'VALID')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

async function findByFingerprint(db: Store, user: VerifiedUser, integrationType: string, fingerprint: string) {
  return credentialsOf(db, user)
    .where('integration_type', '=', integrationType)
    .where('secret_fingerprint', '=', fingerprint)
    .executeTakeFirst();
}

/**
 * Creates a credential with its default configuration, in one transaction. Idempotent: if the
 * user already connected this very account (same fingerprint), even in a concurrent request,
 * that credential is returned and nothing is written.
 */
export async function createCredential(db: Store, user: VerifiedUser, input: NewCredential): Promise<{ id: string; created: boolean }> {
  const existing = await findByFingerprint(db, user, input.integrationType, input.fingerprint);
  if (existing) return { id: existing.id, created: false };
  const id = randomUUID();
  const timestamp = now();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('connected_users')
        .values({ ...mine(user), meta: '{}', created_at: timestamp })
        .onConflict((conflict) => conflict.columns(['project_id', 'user_id']).doNothing())
        .execute();
      await trx
        .insertInto('credentials')
        .values({
          id,
          ...mine(user),
          integration_type: input.integrationType,
          status: input.status,
          provider_id: null,
          provider_data: '{}',
          external_id: input.externalId ?? null,
          sealed_secret: input.sealedSecret,
          secret_fingerprint: input.fingerprint,
          created_at: timestamp,
          updated_at: timestamp,
        })
        .execute();
      await trx.insertInto('credential_configurations').values(newConfiguration(user, id, true, input, timestamp)).execute();
      await touchUser(trx, user);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findByFingerprint(db, user, input.integrationType, input.fingerprint);
    if (!winner) throw error;
    return { id: winner.id, created: false };
  }
  return { id, created: true };
}

function newConfiguration(user: VerifiedUser, credentialId: string, isDefault: boolean, settings: InitialSettings, timestamp: string, externalId?: string) {
  return {
    id: randomUUID(),
    credential_id: credentialId,
    ...mine(user),
    is_default: isDefault ? 1 : 0,
    external_id: externalId ?? null,
    shared_settings: JSON.stringify(settings.sharedSettings),
    workflow_settings: JSON.stringify(settings.workflowSettings),
    config_meta: '{}',
    created_at: timestamp,
    updated_at: timestamp,
  };
}

/** Updates a credential's own columns (status, secret, provider data); its configurations stay as they are. */
export async function updateCredential(
  db: Store,
  user: VerifiedUser,
  credentialId: string,
  change: Pick<Updateable<CredentialTable>, 'status' | 'sealed_secret' | 'secret_fingerprint' | 'provider_data'>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('credentials')
      .set({ ...change, updated_at: now() })
      .where('id', '=', credentialId)
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .execute();
    await touchUser(trx, user);
  });
}

/** Deletes a credential and its configurations (explicitly, not trusting the cascade alone): its workflows stop, its settings go. */
export async function deleteCredential(db: Store, user: VerifiedUser, credentialId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('credential_configurations')
      .where('credential_id', '=', credentialId)
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .execute();
    await trx
      .deleteFrom('credentials')
      .where('id', '=', credentialId)
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .execute();
    await touchUser(trx, user);
  });
}

/** A configuration of the user's credential: the one named (by id or `externalId`), else the default one. */
export async function findConfiguration(
  db: Store,
  user: VerifiedUser,
  credentialId: string,
  configurationId?: string,
): Promise<ConfigurationRow | undefined> {
  let query = configurationsOf(db, user).where('credential_id', '=', credentialId);
  if (configurationId) {
    const externalId = configurationId.startsWith('ext:') ? configurationId.slice(4) : configurationId;
    query = query.where((where) => where.or([where('id', '=', configurationId), where('external_id', '=', externalId)]));
  } else {
    query = query.where('is_default', '=', 1);
  }
  return query.executeTakeFirst();
}

export async function createConfiguration(
  db: Store,
  user: VerifiedUser,
  credentialId: string,
  settings: InitialSettings,
  externalId?: string,
): Promise<ConfigurationRow> {
  const row = newConfiguration(user, credentialId, false, settings, now(), externalId);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('credential_configurations').values(row).execute();
    await touchUser(trx, user);
  });
  return (await findConfiguration(db, user, credentialId, row.id))!;
}

export async function deleteConfiguration(db: Store, user: VerifiedUser, configurationId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('credential_configurations')
      .where('id', '=', configurationId)
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .where('is_default', '=', 0)
      .execute();
    await touchUser(trx, user);
  });
}

export type ConfigurationChange = Pick<Updateable<ConfigurationTable>, 'shared_settings' | 'workflow_settings' | 'config_meta'>;

export type UpdateOutcome = { status: 'updated' | 'unchanged'; row: ConfigurationRow } | { status: 'stale'; row: ConfigurationRow };

/**
 * A version-checked read-modify-write of one configuration. `change` computes the new columns
 * from the current row (or `null` for no change). With `expectedVersion` (from `If-Match`), a row
 * at another version is `stale` and untouched; without it, a write that loses a race is retried
 * on the fresh row, so concurrent partial updates never overwrite each other.
 */
export async function updateConfiguration(
  db: Store,
  user: VerifiedUser,
  configurationId: string,
  expectedVersion: number | undefined,
  change: (row: ConfigurationRow) => ConfigurationChange | null,
): Promise<UpdateOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    const row = await configurationsOf(db, user).where('id', '=', configurationId).executeTakeFirstOrThrow();
    if (expectedVersion !== undefined && row.version !== expectedVersion) return { status: 'stale', row };
    const next = change(row);
    if (!next) return { status: 'unchanged', row };
    const updated = await db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('credential_configurations')
        .set({ ...next, version: row.version + 1, updated_at: now() })
        .where('id', '=', configurationId)
        .where('project_id', '=', user.projectId)
        .where('user_id', '=', user.userId)
        .where('version', '=', row.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await touchUser(trx, user);
      return true;
    });
    if (updated) {
      return { status: 'updated', row: { ...row, ...(next as Partial<ConfigurationRow>), version: row.version + 1 } };
    }
    if (expectedVersion !== undefined || attempt >= 5) return { status: 'stale', row };
  }
}
