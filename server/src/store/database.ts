/** Opens the store: the embedded SQLite file by default (PostgreSQL comes with `DATABASE_URL`). */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';

export type Store = Kysely<Database>;

/** Opens (creating on first start) `<dataDir>/connect.sqlite` and migrates it. */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  await mkdir(dataDir, { recursive: true });
  const sqlite = new SQLite(join(dataDir, 'connect.sqlite'));
  // WAL lets readers proceed while a write commits; foreign keys are off in SQLite by default.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db as Kysely<unknown>);
  return db;
}
