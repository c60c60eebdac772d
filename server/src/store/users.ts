/** Connected users: one row per (project, user), holding the user metadata the host app sets. */
import { CompiledQuery } from 'kysely';
import type { UserMeta } from '../../../protocol/src/rest.js';
import type { VerifiedUser } from '../tokens.js';
import type { Store } from './database.js';

/** The SQL of `getUserHead` per store, built once: it runs on every `/me`, the hottest request. */
const headQueries = new WeakMap<Store, string>();

/** The user's metadata and state version, or `undefined` for a user who never wrote anything. */
export async function getUserHead(db: Store, user: VerifiedUser): Promise<{ meta: UserMeta; stateVersion: number } | undefined> {
  let sql = headQueries.get(db);
  if (!sql) {
    sql = db.selectFrom('connected_users').select(['meta', 'state_version']).where('project_id', '=', '').where('user_id', '=', '').compile().sql;
    headQueries.set(db, sql);
  }
  const { rows } = await db.executeQuery<{ meta: string; state_version: number }>(CompiledQuery.raw(sql, [user.projectId, user.userId]));
  const row = rows[0];
  return row && { meta: JSON.parse(row.meta) as UserMeta, stateVersion: row.state_version };
}

/**
 * Marks the user's state as changed: every instance's cached `/me` for them is stale from now on.
 * Call it inside the transaction of the write, so the two commit together.
 */
export async function touchUser(trx: Store, user: VerifiedUser): Promise<void> {
  await trx
    .updateTable('connected_users')
    .set((eb) => ({ state_version: eb('state_version', '+', 1) }))
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .execute();
}

/** Merges `meta` into the user's metadata (keys set to `null` are removed) and returns the result. */
export async function mergeUserMeta(db: Store, user: VerifiedUser, meta: UserMeta): Promise<UserMeta> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('connected_users')
      .select('meta')
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .executeTakeFirst();
    const merged: UserMeta = { ...(row ? (JSON.parse(row.meta) as UserMeta) : {}), ...meta };
    for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
    const json = JSON.stringify(merged);
    await trx
      .insertInto('connected_users')
      .values({ project_id: user.projectId, user_id: user.userId, meta: json, created_at: new Date().toISOString() })
      .onConflict((conflict) =>
        conflict.columns(['project_id', 'user_id']).doUpdateSet((eb) => ({ meta: json, state_version: eb('connected_users.state_version', '+', 1) })),
      )
      .execute();
    return merged;
  });
}
