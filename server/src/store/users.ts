/** Connected users: one row per (project, user), holding the user metadata the host app sets. */
import type { UserMeta } from '../../../protocol/src/rest.js';
import type { VerifiedUser } from '../tokens.js';
import type { Store } from './database.js';

export async function getUserMeta(db: Store, user: VerifiedUser): Promise<UserMeta> {
  const row = await db
    .selectFrom('connected_users')
    .select('meta')
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.meta) as UserMeta) : {};
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
      .onConflict((conflict) => conflict.columns(['project_id', 'user_id']).doUpdateSet({ meta: json }))
      .execute();
    return merged;
  });
}
