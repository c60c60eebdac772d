/**
 * Credential and configuration rows. Every function takes the verified `(projectId, userId)`
 * and filters on it, so an id that belongs to someone else is simply not found.
 */
import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type Selectable, type Updateable } from 'kysely';
import type { CredentialStatus, WorkflowState } from '../../../protocol/src/rest.js';
import type { VerifiedUser } from '../tokens.js';
import { ROWS_AS_ARRAYS, type Store } from './database.js';
import { MissingRowError } from './errors.js';
import { touchUser, type UserTransaction } from './write.js';
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
  accountType: string;
  status: CredentialStatus;
  sealedSecret: string;
  /** API key and basic accounts: a keyed hash of the install values. */
  fingerprint: string | null;
  /** OAuth and verified basic accounts: the provider's id of the account. */
  providerId: string | null;
  providerData: Record<string, string | number | boolean>;
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

/**
 * What `/me` reads of one credential and one of its configurations, as an array in this order:
 * a credential without any configuration comes once, with the configuration's columns null.
 * `configuration_settings` is the configuration's three stored JSON columns already joined as
 * `"sharedSettings":…,"workflowSettings":…,"configMeta":…`. The secret is not read.
 */
export type MeRow = [
  id: string,
  integration_type: string,
  status: CredentialRow['status'],
  provider_id: string | null,
  provider_data: string,
  external_id: string | null,
  created_at: string,
  updated_at: string,
  configuration_id: string | null,
  is_default: number | null,
  configuration_external_id: string | null,
  configuration_settings: string | null,
  configuration_created_at: string | null,
  configuration_updated_at: string | null,
];

/** The SQL of `listMeRows` per store, built once: Kysely would otherwise build and compile it on every `/me`. */
const meQueries = new WeakMap<Store, string>();

/**
 * Every credential of the user joined to its configurations, in one statement, ordered as
 * `listCredentials` orders them (credentials oldest first; the default configuration first).
 * SQLite answers with arrays (`ROWS_AS_ARRAYS`), PostgreSQL with objects made arrays here.
 */
export async function listMeRows(db: Store, user: VerifiedUser): Promise<MeRow[]> {
  let query = meQueries.get(db);
  if (!query) {
    query =
      ROWS_AS_ARRAYS +
      db
        .selectFrom('credentials as c')
        .leftJoin('credential_configurations as g', (join) =>
          join.onRef('g.credential_id', '=', 'c.id').onRef('g.project_id', '=', 'c.project_id').onRef('g.user_id', '=', 'c.user_id'),
        )
        .select([
          'c.id',
          'c.integration_type',
          'c.status',
          'c.provider_id',
          'c.provider_data',
          'c.external_id',
          'c.created_at',
          'c.updated_at',
          'g.id as configuration_id',
          'g.is_default',
          'g.external_id as configuration_external_id',
          // Null when the credential has no configuration: `||` with a null is null in both stores.
          sql<
            string | null
          >`'"sharedSettings":' || g.shared_settings || ',"workflowSettings":' || g.workflow_settings || ',"configMeta":' || g.config_meta`.as(
            'configuration_settings',
          ),
          'g.created_at as configuration_created_at',
          'g.updated_at as configuration_updated_at',
        ])
        .where('c.project_id', '=', '')
        .where('c.user_id', '=', '')
        .orderBy('c.created_at')
        .orderBy('c.id')
        .orderBy('g.is_default', 'desc')
        .orderBy('g.created_at')
        .orderBy('g.id')
        .compile().sql;
    meQueries.set(db, query);
  }
  const { rows } = await db.executeQuery<MeRow | Record<string, unknown>>(CompiledQuery.raw(query, [user.projectId, user.userId]));
  return rows.map((row) => (Array.isArray(row) ? row : (Object.values(row) as MeRow)));
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

/**
 * The user's credential of this very account, if they connected it already: the same provider
 * account (`providerId`), or the same install values (any of `fingerprints`, made under each key of the ring).
 */
export async function findSameAccount(
  db: Store,
  user: VerifiedUser,
  integrationType: string,
  { providerId, fingerprints }: { providerId: string | null; fingerprints: readonly string[] },
): Promise<CredentialRow | undefined> {
  if (providerId === null && fingerprints.length === 0) return undefined;
  return credentialsOf(db, user)
    .where('integration_type', '=', integrationType)
    .where((where) =>
      where.or([
        ...(providerId === null ? [] : [where('provider_id', '=', providerId)]),
        ...(fingerprints.length === 0 ? [] : [where('secret_fingerprint', 'in', fingerprints)]),
      ]),
    )
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Creates a credential with its default configuration. */
export async function createCredential(trx: UserTransaction, user: VerifiedUser, input: NewCredential): Promise<string> {
  const id = randomUUID();
  const timestamp = now();
  await trx
    .insertInto('credentials')
    .values({
      id,
      ...mine(user),
      integration_type: input.integrationType,
      status: input.status,
      provider_id: input.providerId,
      provider_data: JSON.stringify(input.providerData),
      account_type: input.accountType,
      external_id: input.externalId ?? null,
      sealed_secret: input.sealedSecret,
      secret_fingerprint: input.fingerprint,
      created_at: timestamp,
      updated_at: timestamp,
    })
    .execute();
  await trx
    .insertInto('credential_configurations')
    .values(newConfiguration(user, id, true, input, timestamp))
    .execute();
  await touchUser(trx, user);
  return id;
}

function newConfiguration(
  user: VerifiedUser,
  credentialId: string,
  isDefault: boolean,
  settings: InitialSettings,
  timestamp: string,
  externalId?: string,
) {
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

/** Throws `MissingRowError` unless the statement changed a row: what it wrote to was deleted meanwhile. */
function requireChanged(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }, table: MissingRowError['table'], id: string): void {
  if (Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0) === 0) throw new MissingRowError(table, id);
}

/** Updates a credential's own columns (status, secret, provider data); its configurations stay as they are. */
export async function updateCredential(
  trx: UserTransaction,
  user: VerifiedUser,
  credentialId: string,
  change: Pick<
    Updateable<CredentialTable>,
    'status' | 'sealed_secret' | 'secret_fingerprint' | 'provider_id' | 'provider_data' | 'account_type' | 'refreshed_at'
  >,
): Promise<void> {
  const result = await trx
    .updateTable('credentials')
    .set({ ...change, updated_at: now() })
    .where('id', '=', credentialId)
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
  requireChanged(result, 'credential', credentialId);
  await touchUser(trx, user);
}

/** Deletes a credential and its configurations (explicitly, not trusting the cascade alone): its workflows stop, its settings go. */
export async function deleteCredential(trx: UserTransaction, user: VerifiedUser, credentialId: string): Promise<void> {
  await trx
    .deleteFrom('credential_configurations')
    .where('credential_id', '=', credentialId)
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .execute();
  const result = await trx
    .deleteFrom('credentials')
    .where('id', '=', credentialId)
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
  requireChanged(result, 'credential', credentialId);
  await touchUser(trx, user);
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
  trx: UserTransaction,
  user: VerifiedUser,
  credentialId: string,
  settings: InitialSettings,
  externalId?: string,
): Promise<ConfigurationRow> {
  if (!(await findCredential(trx, user, credentialId))) throw new MissingRowError('credential', credentialId);
  const row = newConfiguration(user, credentialId, false, settings, now(), externalId);
  await trx.insertInto('credential_configurations').values(row).execute();
  await touchUser(trx, user);
  return (await findConfiguration(trx, user, credentialId, row.id))!;
}

export async function deleteConfiguration(trx: UserTransaction, user: VerifiedUser, configurationId: string): Promise<void> {
  const result = await trx
    .deleteFrom('credential_configurations')
    .where('id', '=', configurationId)
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .where('is_default', '=', 0)
    .executeTakeFirst();
  requireChanged(result, 'configuration', configurationId);
  await touchUser(trx, user);
}

export type ConfigurationChange = Pick<Updateable<ConfigurationTable>, 'shared_settings' | 'workflow_settings' | 'config_meta'>;

export type UpdateOutcome = { status: 'updated' | 'unchanged' | 'stale'; row: ConfigurationRow };

/**
 * A version-checked read-modify-write of one configuration, under the user's lock. `change`
 * computes the new columns from the current row (or `null` for no change; it may throw to refuse
 * the write). With `expectedVersion` (from `If-Match`), a row at another version is `stale` and
 * untouched; without it, the write applies to whatever is current, so concurrent partial updates
 * all land and none is ever refused as stale.
 */
export async function updateConfiguration(
  trx: UserTransaction,
  user: VerifiedUser,
  configurationId: string,
  expectedVersion: number | undefined,
  change: (row: ConfigurationRow) => ConfigurationChange | null,
): Promise<UpdateOutcome> {
  const row = await configurationsOf(trx, user).where('id', '=', configurationId).executeTakeFirst();
  if (!row) throw new MissingRowError('configuration', configurationId);
  if (expectedVersion !== undefined && row.version !== expectedVersion) return { status: 'stale', row };
  const next = change(row);
  if (!next) return { status: 'unchanged', row };
  const updated_at = now();
  await trx
    .updateTable('credential_configurations')
    .set({ ...next, version: row.version + 1, updated_at })
    .where('id', '=', configurationId)
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .execute();
  await touchUser(trx, user);
  return { status: 'updated', row: { ...row, ...(next as Partial<ConfigurationRow>), version: row.version + 1, updated_at } };
}
