/**
 * `Idempotency-Key`s of install requests, scoped like everything else by (project, user). Read
 * and written inside the install's own `writeForUser` transaction, so that one key sent with
 * several requests at once makes exactly one credential.
 */
import type { VerifiedUser } from '../tokens.js';
import type { UserTransaction } from './write.js';

export async function findIdempotencyKey(trx: UserTransaction, user: VerifiedUser, key: string) {
  return trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'credential_id'])
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Records what a key produced: a replay of the same request gets this credential. A key whose
 * credential was uninstalled since made a new one, and now points to it.
 */
export async function saveIdempotencyKey(trx: UserTransaction, user: VerifiedUser, key: string, requestHash: string, credentialId: string) {
  await trx
    .insertInto('idempotency_keys')
    .values({
      project_id: user.projectId,
      user_id: user.userId,
      key,
      request_hash: requestHash,
      credential_id: credentialId,
      created_at: new Date().toISOString(),
    })
    .onConflict((conflict) => conflict.columns(['project_id', 'user_id', 'key']).doUpdateSet({ credential_id: credentialId }))
    .execute();
}
