/**
 * What can go wrong in the store, in words the API can answer with. Driver errors differ between
 * SQLite and PostgreSQL; `storeFaultOf` gives both one vocabulary, so a full disk or a lock held
 * too long is a precise 5xx on either, and a constraint violation the same 409.
 */

/** A row the write needed was removed by a concurrent request (or was never the caller's). */
export class MissingRowError extends Error {
  override readonly name = 'MissingRowError';
  constructor(
    readonly table: 'credential' | 'configuration',
    readonly id: string,
  ) {
    super(`The ${table} "${id}" does not exist (any more).`);
  }
}

export type StoreFault =
  /** A unique or foreign-key constraint refused the write: another request got there first. */
  | 'conflict'
  /** The database file or disk is full; nothing was written. */
  | 'full'
  /** Another writer held the lock past the busy timeout, or a transaction was chosen as a deadlock victim. */
  | 'busy'
  /** The store cannot be reached or refuses writes (connection lost, read-only file, I/O error). */
  | 'unavailable';

/** The driver's error code: `SQLITE_*` from better-sqlite3, a SQLSTATE from PostgreSQL, `E*` from the socket. */
const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : '';
};

/** Which fault a driver error is, or `undefined` for anything else (a bug: answer 500). */
export function storeFaultOf(error: unknown): StoreFault | undefined {
  const code = codeOf(error);
  if (code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
    return 'conflict';
  if (code === '23505' || code === '23503') return 'conflict';
  if (code === 'SQLITE_FULL' || code === '53100') return 'full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '40P01' || code === '40001' || code === '55P03') return 'busy';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'unavailable';
  if (code.startsWith('08') || code.startsWith('57P') || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return 'unavailable';
  return undefined;
}

/** A deadlock or serialization failure on PostgreSQL: the transaction did nothing and may simply run again. */
export function isRetryable(error: unknown): boolean {
  return ['40P01', '40001'].includes(codeOf(error));
}
