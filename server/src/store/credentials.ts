/**
 * Credential and configuration rows. Every function takes the verified `(projectId, userId)`
 * and filters on it, so an id that belongs to someone else is simply not found.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { WorkflowState } from '../../../protocol/src/rest.js';
import type { VerifiedUser } from '../tokens.js';
import type { Store } from './database.js';
import type { ConfigurationTable, CredentialTable } from './schema.js';

export type CredentialRow = Selectable<CredentialTable>;
export type ConfigurationRow = Selectable<ConfigurationTable>;

export interface CredentialWithConfigurations {
  credential: CredentialRow;
  configurations: ConfigurationRow[];
}

export interface NewCredential {
  integrationType: string;
  sealedSecret: string;
  externalId?: string;
  sharedSettings: Record<string, unknown>;
  workflowSettings: Record<string, WorkflowState>;
}

const now = () => new Date().toISOString();

/** All of a user's credentials with their configurations, oldest first. */
export async function listCredentials(db: Store, user: VerifiedUser): Promise<CredentialWithConfigurations[]> {
  const [credentials, configurations] = await Promise.all([
    db
      .selectFrom('credentials')
      .selectAll()
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('credential_configurations')
      .selectAll()
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .orderBy('is_default', 'desc')
      .orderBy('created_at')
      .execute(),
  ]);
  return credentials.map((credential) => ({
    credential,
    configurations: configurations.filter((configuration) => configuration.credential_id === credential.id),
  }));
}

/** Creates a VALID credential with its default configuration, in one transaction. */
export async function createCredential(db: Store, user: VerifiedUser, input: NewCredential): Promise<string> {
  const id = randomUUID();
  const timestamp = now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('connected_users')
      .values({ project_id: user.projectId, user_id: user.userId, meta: '{}', created_at: timestamp })
      .onConflict((conflict) => conflict.columns(['project_id', 'user_id']).doNothing())
      .execute();
    await trx
      .insertInto('credentials')
      .values({
        id,
        project_id: user.projectId,
        user_id: user.userId,
        integration_type: input.integrationType,
        status: 'VALID',
        provider_id: null,
        provider_data: '{}',
        external_id: input.externalId ?? null,
        sealed_secret: input.sealedSecret,
        created_at: timestamp,
        updated_at: timestamp,
      })
      .execute();
    await trx
      .insertInto('credential_configurations')
      .values({
        id: randomUUID(),
        credential_id: id,
        project_id: user.projectId,
        user_id: user.userId,
        is_default: 1,
        external_id: null,
        shared_settings: JSON.stringify(input.sharedSettings),
        workflow_settings: JSON.stringify(input.workflowSettings),
        created_at: timestamp,
        updated_at: timestamp,
      })
      .execute();
  });
  return id;
}

/** The user's credential with this id or `externalId`, if it is theirs. */
export async function findCredential(db: Store, user: VerifiedUser, idOrExternalId: string): Promise<CredentialRow | undefined> {
  return db
    .selectFrom('credentials')
    .selectAll()
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .where((where) => where.or([where('id', '=', idOrExternalId), where('external_id', '=', idOrExternalId)]))
    .orderBy('created_at')
    .executeTakeFirst();
}

/** The user's first VALID credential of an integration: the default when no credential is named. */
export async function findFirstValidCredential(
  db: Store,
  user: VerifiedUser,
  integrationType: string,
): Promise<CredentialRow | undefined> {
  return db
    .selectFrom('credentials')
    .selectAll()
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .where('integration_type', '=', integrationType)
    .where('status', '=', 'VALID')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * Sets one workflow's enablement in the credential's default configuration. Desired-state:
 * asking for the state it already has changes nothing and bumps no version.
 */
export async function setWorkflowEnabled(
  db: Store,
  user: VerifiedUser,
  credentialId: string,
  workflowId: string,
  enabled: boolean,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const configuration = await trx
      .selectFrom('credential_configurations')
      .select(['id', 'workflow_settings'])
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .where('credential_id', '=', credentialId)
      .where('is_default', '=', 1)
      .executeTakeFirstOrThrow();
    const settings = JSON.parse(configuration.workflow_settings) as Record<string, WorkflowState>;
    const current = settings[workflowId] ?? { enabled: false, settings: {} };
    if (current.enabled === enabled) return;
    settings[workflowId] = { ...current, enabled };
    await trx
      .updateTable('credential_configurations')
      .set((eb) => ({ workflow_settings: JSON.stringify(settings), version: eb('version', '+', 1), updated_at: now() }))
      .where('id', '=', configuration.id)
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .execute();
  });
}
