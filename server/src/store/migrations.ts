/** Schema migrations, applied in name order on start; the same for SQLite and PostgreSQL. */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('connected_users')
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('meta', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('connected_users_pk', ['project_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('credentials')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('integration_type', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('provider_id', 'text')
        .addColumn('provider_data', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('external_id', 'text')
        .addColumn('sealed_secret', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addForeignKeyConstraint('credentials_user_fk', ['project_id', 'user_id'], 'connected_users', ['project_id', 'user_id'])
        .execute();
      await db.schema.createIndex('credentials_by_user').on('credentials').columns(['project_id', 'user_id', 'integration_type']).execute();

      await db.schema
        .createTable('credential_configurations')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('credential_id', 'text', (column) => column.notNull().references('credentials.id').onDelete('cascade'))
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('is_default', 'integer', (column) => column.notNull())
        .addColumn('external_id', 'text')
        .addColumn('shared_settings', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('workflow_settings', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('version', 'integer', (column) => column.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createIndex('configurations_by_credential')
        .on('credential_configurations')
        .columns(['project_id', 'user_id', 'credential_id'])
        .execute();
    },
  },
  '0002-accounts-audit-idempotency': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('credentials').addColumn('secret_fingerprint', 'text').execute();
      // NULLs are distinct in both SQLite and PostgreSQL, so credentials without one never clash.
      await db.schema
        .createIndex('credentials_one_per_account')
        .on('credentials')
        .columns(['project_id', 'user_id', 'integration_type', 'secret_fingerprint'])
        .unique()
        .execute();
      await db.schema
        .alterTable('credential_configurations')
        .addColumn('config_meta', 'text', (column) => column.notNull().defaultTo('{}'))
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text')
        .addColumn('request_id', 'text', (column) => column.notNull())
        .addColumn('action', 'text', (column) => column.notNull())
        .addColumn('target', 'text')
        .addColumn('outcome', 'text', (column) => column.notNull())
        .addColumn('detail', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('audit_by_user').on('audit_log').columns(['project_id', 'user_id', 'created_at']).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('key', 'text', (column) => column.notNull())
        .addColumn('request_hash', 'text', (column) => column.notNull())
        .addColumn('credential_id', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['project_id', 'user_id', 'key'])
        .execute();
    },
  },
  '0003-user-state-version': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('connected_users')
        .addColumn('state_version', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
    },
  },
  '0004-oauth': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('credentials').addColumn('account_type', 'text').execute();
      await db.schema.alterTable('credentials').addColumn('refreshed_at', 'text').execute();
      // One credential per provider account and integration, for a user; NULLs (API keys) never clash.
      await db.schema
        .createIndex('credentials_one_per_provider_account')
        .on('credentials')
        .columns(['project_id', 'user_id', 'integration_type', 'provider_id'])
        .unique()
        .execute();

      await db.schema
        .createTable('oauth_flows')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('integration_type', 'text', (column) => column.notNull())
        .addColumn('account_type', 'text', (column) => column.notNull())
        .addColumn('state_hash', 'text', (column) => column.notNull().unique())
        .addColumn('sealed_verifier', 'text', (column) => column.notNull())
        .addColumn('sealed_values', 'text', (column) => column.notNull())
        .addColumn('install_options', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('redirect_uri', 'text', (column) => column.notNull())
        .addColumn('meta_key', 'text')
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('credential_id', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('updated_at', 'text', (column) => column.notNull())
        .addColumn('expires_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('oauth_flows_by_user').on('oauth_flows').columns(['project_id', 'user_id', 'meta_key']).execute();
      await db.schema.createIndex('oauth_flows_by_expiry').on('oauth_flows').columns(['expires_at']).execute();
    },
  },
  '0005-workflow-runs': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('workflow_runs')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('project_id', 'text', (column) => column.notNull())
        .addColumn('user_id', 'text', (column) => column.notNull())
        .addColumn('credential_id', 'text', (column) => column.notNull())
        .addColumn('integration_type', 'text', (column) => column.notNull())
        .addColumn('workflow_id', 'text', (column) => column.notNull())
        .addColumn('trigger', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('input', 'text', (column) => column.notNull().defaultTo('{}'))
        .addColumn('output', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('started_at', 'text')
        .addColumn('ended_at', 'text')
        .addColumn('duration_ms', 'integer')
        .execute();
      // An account's history, newest first; runs outlive a disconnected account, so no foreign key.
      await db.schema
        .createIndex('workflow_runs_by_credential')
        .on('workflow_runs')
        .columns(['project_id', 'user_id', 'credential_id', 'created_at'])
        .execute();
    },
  },
  '0006-workflow-runs-by-status': {
    async up(db: Kysely<unknown>) {
      // Each instance looks for runs left running by one that stopped; this keeps that a short read.
      await db.schema.createIndex('workflow_runs_by_status').on('workflow_runs').columns(['status', 'started_at']).execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(error as Error).message}`);
  }
}
