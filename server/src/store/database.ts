/**
 * Opens the store: the embedded SQLite file by default, PostgreSQL when a `DATABASE_URL` is
 * given. One schema and one set of migrations serve both (see schema.ts for the conventions).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';

export type Store = Kysely<Database>;

export interface StoreOptions {
  /** Folder of the SQLite file `connect.sqlite`, used when there is no `databaseUrl`. */
  dataDir: string;
  /** A PostgreSQL connection string (`postgres://user@host:5432/db`). */
  databaseUrl?: string;
}

/** Which store a set of options opens, for logs: never the password. */
export function describeStore({ dataDir, databaseUrl }: StoreOptions): string {
  if (!databaseUrl) return `SQLite ${join(dataDir, 'connect.sqlite')}`;
  const url = new URL(databaseUrl);
  return `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
}

/** Opens (creating on first start) the store and migrates it to the latest schema. */
export async function openStore({ dataDir, databaseUrl }: StoreOptions): Promise<Store> {
  let db: Store;
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    // An idle connection closed by the server (restart, failover, DROP ... WITH (FORCE)) is
    // dropped from the pool and replaced on the next query; without a listener, Node would
    // treat the event as an uncaught error and stop the whole server.
    pool.on('error', () => undefined);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    await mkdir(dataDir, { recursive: true });
    const sqlite = new SQLite(join(dataDir, 'connect.sqlite'));
    // WAL lets readers proceed while a write commits; foreign keys are off in SQLite by default.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  await migrateToLatest(db as Kysely<unknown>);
  return db;
}
