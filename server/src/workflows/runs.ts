/**
 * The task history: one row per workflow run, written as the run moves (`queued` → `running` →
 * `succeeded`, or `failed` and queued again while attempts are left, or `dead`). Each change is
 * one statement, committed before anyone is told about it; every read is scoped by the project
 * and user a token proved. A run's input and output are kept as JSON, bounded.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Store } from '../store/database.js';
import type { WorkflowRunStatus, WorkflowRunTable, WorkflowTriggerKind } from '../store/schema.js';
import type { VerifiedUser } from '../tokens.js';

export type RunRow = Selectable<WorkflowRunTable>;

/** What is kept of a run's input or output, and of its error message. */
export const MAX_KEPT_JSON_BYTES = 64 * 1024;
const MAX_ERROR_CHARS = 2000;

const now = () => new Date().toISOString();

/** JSON of `value`, or a note saying how large it was when it is past the bound. */
export function keptJson(value: unknown): string {
  const json = JSON.stringify(value ?? null);
  const bytes = Buffer.byteLength(json);
  return bytes <= MAX_KEPT_JSON_BYTES ? json : JSON.stringify({ truncated: true, bytes });
}

export interface NewRun {
  /** Given for a schedule's tick, the same on every instance: only the first insert makes the run. */
  id?: string;
  credentialId: string;
  integrationType: string;
  workflowId: string;
  trigger: WorkflowTriggerKind;
  input: unknown;
  status: Extract<WorkflowRunStatus, 'queued' | 'running'>;
}

/** The new run's row; for a run with a given id that another instance made first, undefined. */
export async function createRun<Run extends NewRun>(
  db: Store,
  user: VerifiedUser,
  run: Run,
): Promise<Run['id'] extends string ? RunRow | undefined : RunRow> {
  const row: RunRow = {
    id: run.id ?? randomUUID(),
    project_id: user.projectId,
    user_id: user.userId,
    credential_id: run.credentialId,
    integration_type: run.integrationType,
    workflow_id: run.workflowId,
    trigger: run.trigger,
    status: run.status,
    attempts: run.status === 'running' ? 1 : 0,
    input: keptJson(run.input),
    output: null,
    error: null,
    created_at: now(),
    started_at: run.status === 'running' ? now() : null,
    ended_at: null,
    duration_ms: null,
  };
  const inserted = await db
    .insertInto('workflow_runs')
    .values(row)
    .onConflict((conflict) => conflict.column('id').doNothing())
    .executeTakeFirst();
  return (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? row : undefined) as RunRow;
}

/**
 * Marks a queued run as running, counting the attempt; answers it, or undefined when it is not
 * queued (another worker took it, or it ended): a job delivered twice runs once.
 */
export async function claimRun(db: Store, runId: string): Promise<RunRow | undefined> {
  const claimed = await db
    .updateTable('workflow_runs')
    .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), started_at: now(), error: null }))
    .where('id', '=', runId)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return undefined;
  return db.selectFrom('workflow_runs').selectAll().where('id', '=', runId).executeTakeFirst();
}

export type RunOutcome = { ok: true; output: unknown } | { ok: false; error: string };

/** Records how a running run ended: `succeeded`, `failed` (to be queued again) or `dead`. */
export async function finishRun(db: Store, run: RunRow, outcome: RunOutcome, retry: boolean): Promise<void> {
  const endedAt = now();
  await db
    .updateTable('workflow_runs')
    .set({
      status: outcome.ok ? 'succeeded' : retry ? 'queued' : run.trigger === 'request' ? 'failed' : 'dead',
      output: outcome.ok ? keptJson(outcome.output) : null,
      error: outcome.ok ? null : outcome.error.slice(0, MAX_ERROR_CHARS),
      ended_at: endedAt,
      duration_ms: Date.parse(endedAt) - Date.parse(run.started_at ?? endedAt),
    })
    .where('id', '=', run.id)
    .where('status', '=', 'running')
    .execute();
}

/**
 * Where a page of runs ended: the last run's creation time and id. Both, because runs made in the
 * same millisecond (an event's runs for several accounts, one tick's) share a time, and a cursor
 * of the time alone would skip those of them past the page's end.
 */
export const runCursor = (run: RunRow): string => `${run.created_at}~${run.id}`;

/** A page of an account's runs, newest first; `before` is the `runCursor` of the last one seen (or its time alone). */
export function listRuns(db: Store, user: VerifiedUser, credentialId: string, { limit, before }: { limit: number; before?: string }) {
  let query = db
    .selectFrom('workflow_runs')
    .selectAll()
    .where('project_id', '=', user.projectId)
    .where('user_id', '=', user.userId)
    .where('credential_id', '=', credentialId);
  if (before) {
    const [createdAt, id] = before.split('~') as [string, string | undefined];
    query =
      id === undefined
        ? query.where('created_at', '<', createdAt)
        : query.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
