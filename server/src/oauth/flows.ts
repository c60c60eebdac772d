/**
 * OAuth flows in the store. A flow moves one way: `created` (the portal asked for it) →
 * `started` (its sign-in window opened `/oauth/start`, once) → `exchanging` (the provider came
 * back to the callback, once) → `completed` or `failed`; or `cancelled` at any point before it
 * ends. Each move is one conditional update, so two requests can never both make the same one:
 * a state is used once, however many callbacks arrive, on however many instances.
 */
import type { Selectable } from 'kysely';
import type { Store } from '../store/database.js';
import type { OAuthFlowStatus, OAuthFlowTable } from '../store/schema.js';
import type { VerifiedUser } from '../tokens.js';

export type OAuthFlowRow = Selectable<OAuthFlowTable>;

/** How long a sign-in may take from the portal's request to the provider's callback. */
export const FLOW_LIFETIME_MS = 15 * 60_000;

/** Ended flows are kept this long (the portal or Paragon's SDK may still ask how they ended), then swept. */
const ENDED_FLOW_RETENTION_MS = 24 * 3600_000;

export const isEnded = (status: OAuthFlowStatus) => status === 'completed' || status === 'failed' || status === 'cancelled';

const now = () => new Date().toISOString();

export type NewFlow = Omit<OAuthFlowRow, 'status' | 'credential_id' | 'error_code' | 'error_message' | 'created_at' | 'updated_at' | 'expires_at'>;

export async function createFlow(db: Store, flow: NewFlow): Promise<OAuthFlowRow> {
  const created = new Date();
  const row: OAuthFlowRow = {
    ...flow,
    status: 'created',
    credential_id: null,
    error_code: null,
    error_message: null,
    created_at: created.toISOString(),
    updated_at: created.toISOString(),
    expires_at: new Date(created.getTime() + FLOW_LIFETIME_MS).toISOString(),
  };
  await db.insertInto('oauth_flows').values(row).execute();
  // Each new flow sweeps what has long ended, so the table holds only recent flows.
  await db
    .deleteFrom('oauth_flows')
    .where('expires_at', '<', new Date(created.getTime() - ENDED_FLOW_RETENTION_MS).toISOString())
    .execute();
  return row;
}

/** The user's flow by its id, or by Paragon's `oauthMetaKeyId`. */
export function findUserFlow(db: Store, user: VerifiedUser, { id, metaKey }: { id?: string; metaKey?: string }): Promise<OAuthFlowRow | undefined> {
  let query = db.selectFrom('oauth_flows').selectAll().where('project_id', '=', user.projectId).where('user_id', '=', user.userId);
  query = id !== undefined ? query.where('id', '=', id) : query.where('meta_key', '=', metaKey ?? '');
  return query.orderBy('created_at', 'desc').executeTakeFirst();
}

export function findFlow(db: Store, id: string): Promise<OAuthFlowRow | undefined> {
  return db.selectFrom('oauth_flows').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findFlowByState(db: Store, stateHash: string): Promise<OAuthFlowRow | undefined> {
  return db.selectFrom('oauth_flows').selectAll().where('state_hash', '=', stateHash).executeTakeFirst();
}

/** Moves a flow from `from` to `to` if it is still in `from` and not expired; true if this call made the move. */
export async function moveFlow(
  db: Store,
  id: string,
  from: OAuthFlowStatus[],
  to: OAuthFlowStatus,
  outcome: Partial<Pick<OAuthFlowRow, 'credential_id' | 'error_code' | 'error_message'>> = {},
): Promise<boolean> {
  const timestamp = now();
  let query = db
    .updateTable('oauth_flows')
    .set({ status: to, updated_at: timestamp, ...outcome })
    .where('id', '=', id)
    .where('status', 'in', from);
  // An expired flow can still be ended (failed, cancelled), but not moved forward.
  if (!isEnded(to)) query = query.where('expires_at', '>', timestamp);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
