/**
 * Opens the store: the embedded SQLite file by default, PostgreSQL when a `DATABASE_URL` is
 * given. One schema and one set of migrations serve both (see schema.ts for the conventions).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
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

/**
 * Kysely asks better-sqlite3 to prepare every query anew; preparing costs more than running
 * these small queries. Statements are reused by their SQL text (a bounded set: the queries are
 * fixed, only `in (...)` lists vary in length).
 */
function withStatementCache(sqlite: SQLite.Database, capacity = 256): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= capacity) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
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
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  }
  await migrateToLatest(db as Kysely<unknown>);
  return db;
}
