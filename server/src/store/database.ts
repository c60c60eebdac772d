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

/** A statement that does nothing: the `rollback` of a transaction SQLite already rolled back. */
const NOTHING_TO_ROLL_BACK = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

/**
 * The connection Kysely drives, with three changes to how it talks to better-sqlite3:
 *
 * - Statements are prepared once and reused by their SQL text: Kysely asks for every query
 *   anew, and preparing costs more than running these small queries. The set is bounded (the
 *   queries are fixed; only `in (...)` lists vary in length).
 * - A query whose SQL starts with `ROWS_AS_ARRAYS` gets its rows as arrays of column values:
 *   better-sqlite3 builds them in half the time of one object per row, which `/me` notices.
 * - Transactions begin `IMMEDIATE`: they all write, and a deferred one that must upgrade its read
 *   lock while another process writes fails at once with SQLITE_BUSY, without waiting out the
 *   busy timeout.
 * - After an error that already ended the transaction (SQLITE_FULL, some I/O errors), Kysely's
 *   `rollback` would fail with "cannot rollback - no transaction is active" and hide the real
 *   cause; it becomes a no-op, so the real error is what reaches the caller.
 */
export const ROWS_AS_ARRAYS = '/* rows as arrays */ ';

function kyselyConnection(sqlite: SQLite.Database, capacity = 256): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      if (sql === 'rollback' && !sqlite.inTransaction) return NOTHING_TO_ROLL_BACK;
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= capacity) statements.clear();
        statement = sqlite.prepare(sql === 'begin' ? 'begin immediate' : sql);
        if (sql.startsWith(ROWS_AS_ARRAYS)) statement.raw(true);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Each SQLite store's `PRAGMA data_version`, prepared on its own connection when the store opens:
 * the one read that must not wait its turn behind Kysely (`changesElsewhere`).
 */
const dataVersions = new WeakMap<Store, SQLite.Statement<[], number>>();

/**
 * SQLite's `PRAGMA data_version`: a number that changes whenever another connection (another
 * instance, an operator's tool) has committed to the file since this connection last looked; this
 * process's own commits leave it as it is. `undefined` on PostgreSQL, which has no such number.
 * A third of the cost of the smallest query: no table is read.
 */
export function changesElsewhere(db: Store): number | undefined {
  return dataVersions.get(db)?.get();
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
    // WAL lets readers proceed while a write commits; foreign keys are off in SQLite by default;
    // a writer in another process (a second instance, a backup) is waited for, up to 5 s.
    // `synchronous = FULL`: a commit is on disk before the write is acknowledged.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: kyselyConnection(sqlite) }) });
    dataVersions.set(db, sqlite.prepare<[], number>('pragma data_version').pluck());
  }
  await migrateToLatest(db as Kysely<unknown>);
  return db;
}
