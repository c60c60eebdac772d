/**
 * The one way to write a user's state. Every write runs in a transaction that first claims the
 * user's row in `connected_users` (creating it on the user's first write): on PostgreSQL with a
 * row lock (`SELECT … FOR UPDATE`), on SQLite with the database write lock (`BEGIN IMMEDIATE`,
 * see database.ts). Until it commits, no other writer of that user, on any instance, can start,
 * so every read-modify-write inside is atomic: what it reads is what it overwrites. Different
 * users never wait for each other on PostgreSQL.
 *
 * Because the user's row is always the first lock taken, two writers of one user cannot
 * deadlock; a deadlock or serialization failure can still come from outside (an operator's
 * query), and is retried, since the transaction wrote nothing.
 *
 * Within one instance, a user's writers also queue in memory before they open a transaction, so
 * that a burst from one user waits here instead of holding pooled connections that other users'
 * requests need while it waits for the row lock.
 */
import { PostgresAdapter, type Transaction } from 'kysely';
import type { VerifiedUser } from '../tokens.js';
import type { Store } from './database.js';
import { isRetryable } from './errors.js';
import type { Database } from './schema.js';

declare const claimed: unique symbol;

/**
 * A transaction that holds its user's lock. Only `writeForUser` makes one, and every function
 * that writes takes one, so no write can skip the lock.
 */
export type UserTransaction = Transaction<Database> & { readonly [claimed]: true };

const ATTEMPTS = 5;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, attempt * 10 + Math.random() * 20));

export const isPostgres = (db: Store): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

async function claimUser(trx: Transaction<Database>, user: VerifiedUser): Promise<void> {
  await trx
    .insertInto('connected_users')
    .values({ project_id: user.projectId, user_id: user.userId, meta: '{}', created_at: new Date().toISOString() })
    .onConflict((conflict) => conflict.columns(['project_id', 'user_id']).doNothing())
    .execute();
  if (isPostgres(trx)) {
    await trx
      .selectFrom('connected_users')
      .select('state_version')
      .where('project_id', '=', user.projectId)
      .where('user_id', '=', user.userId)
      .forUpdate()
      .execute();
  }
}

/** Each store's queue tails by user: the promise the next writer of that user waits for. */
const queues = new WeakMap<Store, Map<string, Promise<unknown>>>();

/** Runs `task` after every earlier task queued under `key` on `db` has settled. */
function inTurn<T>(db: Store, key: string, task: () => Promise<T>): Promise<T> {
  let tails = queues.get(db);
  if (!tails) queues.set(db, (tails = new Map<string, Promise<unknown>>()));
  const run = (tails.get(key) ?? Promise.resolve()).then(task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

/** Runs `work` atomically for `user`: all of it commits, or none of it does (an error thrown inside rolls back). */
export function writeForUser<T>(db: Store, user: VerifiedUser, work: (trx: UserTransaction) => Promise<T>): Promise<T> {
  return inTurn(db, `${user.projectId}\u0000${user.userId}`, () => runWrite(db, user, work));
}

/** How many writes this process has started and ended on each store, counted twice each. */
const writesHere = new WeakMap<Store, number>();

/**
 * A number that moves when a write of this process starts and again when it has ended (committed
 * or not), before the writer hears back: a reader that saw the same number before and after
 * reading knows no write of this process landed in between, and one that saw it before a write
 * ended sees it move. Other processes' writes are not counted (`changesElsewhere` tells of those).
 */
export const writesInThisProcess = (db: Store): number => writesHere.get(db) ?? 0;

const countWrite = (db: Store) => writesHere.set(db, writesInThisProcess(db) + 1);

async function runWrite<T>(db: Store, user: VerifiedUser, work: (trx: UserTransaction) => Promise<T>): Promise<T> {
  countWrite(db);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await db.transaction().execute(async (trx) => {
          await claimUser(trx, user);
          return work(trx as UserTransaction);
        });
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
        await pause(attempt);
      }
    }
  } finally {
    countWrite(db);
  }
}

/**
 * Marks the user's state as changed: every instance's cached `/me` for them is stale from now on.
 * Called by each write that changed something, inside its transaction, so both commit together.
 */
export async function touchUser(trx: UserTransaction, user: VerifiedUser): Promise<void> {
  await trx
    .updateTable('connected_users')
    .set((eb) => ({ state_version: eb('state_version', '+', 1) }))
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .execute();
}
