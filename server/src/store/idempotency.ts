/** `Idempotency-Key`s of install requests, scoped like everything else by (project, user). */
import type { VerifiedUser } from '../tokens.js';
import type { Store } from './database.js';
import { isUniqueViolation } from './errors.js';

export async function findIdempotencyKey(db: Store, user: VerifiedUser, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'credential_id'])
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Records what a key produced; a concurrent twin that recorded first wins, and that is fine. */
export async function saveIdempotencyKey(db: Store, user: VerifiedUser, key: string, requestHash: string, credentialId: string) {
  try {
    await db
      .insertInto('idempotency_keys')
      .values({
        project_id: user.projectId,
        user_id: user.userId,
        key,
        request_hash: requestHash,
        credential_id: credentialId,
        created_at: new Date().toISOString(),
      })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
