/** Connected users: one row per (project, user), holding the user metadata the host app sets. */
import { CompiledQuery } from 'kysely';
import type { UserMeta } from '../../../protocol/src/rest.js';
import type { VerifiedUser } from '../tokens.js';
import { changesElsewhere, type Store } from './database.js';
import { touchUser, writesInThisProcess, type UserTransaction } from './write.js';

/** The SQL of `getUserHead` per store, built once: it runs on every `/me`, the hottest request. */
const headQueries = new WeakMap<Store, string>();

const versionQueries = new WeakMap<Store, string>();

/**
 * The user's state version alone, or `undefined` for a user who never wrote anything: what `/me`
 * needs to tell whether its cached answer is current, without reading and parsing the metadata.
 */
export async function getUserStateVersion(db: Store, user: VerifiedUser): Promise<number | undefined> {
  let sql = versionQueries.get(db);
  if (!sql) {
    sql = db.selectFrom('connected_users').select(['state_version']).where('project_id', '=', '').where('user_id', '=', '').compile().sql;
    versionQueries.set(db, sql);
  }
  const { rows } = await db.executeQuery<{ state_version: number }>(CompiledQuery.raw(sql, [user.projectId, user.userId]));
  return rows[0]?.state_version;
}

/**
 * A mark of every change to any user's state, where the store has one to take without reading a
 * table (SQLite: this process's writes and other connections' commits), else `undefined`
 * (PostgreSQL). While two readings of it are equal, no write landed between them; a reader that
 * takes it before reading data learns of any write that lands after.
 */
export function changeMark(db: Store): string | undefined {
  const elsewhere = changesElsewhere(db);
  return elsewhere === undefined ? undefined : `${writesInThisProcess(db)}:${elsewhere}`;
}

/**
 * The user's metadata (as stored: JSON text, which `/me` splices into its answer without parsing
 * it) and state version, or `undefined` for a user who never wrote anything.
 */
export async function getUserHead(db: Store, user: VerifiedUser): Promise<{ metaJson: string; stateVersion: number } | undefined> {
  let sql = headQueries.get(db);
  if (!sql) {
    sql = db.selectFrom('connected_users').select(['meta', 'state_version']).where('project_id', '=', '').where('user_id', '=', '').compile().sql;
    headQueries.set(db, sql);
  }
  const { rows } = await db.executeQuery<{ meta: string; state_version: number }>(CompiledQuery.raw(sql, [user.projectId, user.userId]));
  const row = rows[0];
  return row && { metaJson: row.meta, stateVersion: row.state_version };
}

/** The user's metadata as stored, read under the user's lock so that a merge cannot lose a concurrent one. */
export async function readUserMeta(trx: UserTransaction, user: VerifiedUser): Promise<UserMeta> {
  const row = await trx
    .selectFrom('connected_users')
    .select('meta')
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.meta) as UserMeta;
}

/** Stores the user's metadata (already serialized and size-checked by the caller). */
export async function writeUserMeta(trx: UserTransaction, user: VerifiedUser, json: string): Promise<void> {
  await trx.updateTable('connected_users').set({ meta: json }).where('project_id', '=', user.projectId).where('user_id', '=', user.userId).execute();
  await touchUser(trx, user);
}
