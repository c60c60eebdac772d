/**
 * Workflows that run. Each trigger makes runs for the accounts that turned the workflow on:
 *
 * - `request` (`paragon.workflow`): one run, now, for the account named; its caller gets what it
 *   returned. Never retried: the caller is waiting, and may call again.
 * - `event` (`paragon.event`), `integrationEnabled`, `webhook`, `schedule`: runs queued (one per
 *   account), worked through `queue.ts`, retried with backoff until the workflow's `retries` are
 *   spent, then `dead`. A schedule's tick is one run per account across every instance: its id is
 *   derived from the workflow, account and tick, and only the instance that inserts it queues it.
 *
 * Every run is a row in the task history (`runs.ts`) before anything runs it.
 */
import { createHash } from 'node:crypto';
import cronParser from 'cron-parser';
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { WorkflowState } from '../../../protocol/src/rest.js';
import type { ConnectConfig, IntegrationConfig, WorkflowConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import type { Upstream } from '../proxy/upstream.js';
import { findConfiguration, listCredentials, type CredentialRow } from '../store/credentials.js';
import type { Store } from '../store/database.js';
import type { WorkflowTriggerKind } from '../store/schema.js';
import type { VerifiedUser } from '../tokens.js';
import { inProcessQueue, pgBossQueue, type RunQueue } from './queue.js';
import { createWorkflowRunner, findWorkflow } from './runner.js';
import { claimRun, createRun, finishRun, type RunRow } from './runs.js';

const { parseExpression } = cronParser;

export interface WorkflowService {
  /** Runs a `request` workflow for the account now; answers the run's id and what it returned. */
  runRequest(user: VerifiedUser, workflowId: string, credential: CredentialRow, payload: unknown): Promise<{ runId: string; output: unknown }>;
  /** Queues one run of the workflow for the account, if it is turned on there; answers its id. */
  queue(user: VerifiedUser, workflowId: string, credential: CredentialRow, trigger: WorkflowTriggerKind, input: unknown): Promise<string | undefined>;
  /** `paragon.event`: a run of every workflow listening to `name`, for each of the user's accounts (or the one of id `credentialId`) that turned it on. */
  event(user: VerifiedUser, name: string, payload: unknown, credentialId?: string): Promise<string[]>;
  stop(): Promise<void>;
}

export interface WorkflowServiceOptions {
  config: ConnectConfig;
  store: Store;
  upstream: Upstream;
  /** PostgreSQL's URL when the store is PostgreSQL: queued runs then go through pg-boss. */
  databaseUrl?: string;
}

const MAX_BACKOFF_MS = 60_000;
/**
 * How long past its workflow's timeout a run still `running` is taken to have been cut off (its
 * instance stopped mid-run): the runner itself ends every run at its timeout, and this margin
 * covers the write of its end and clock skew between instances.
 */
const CUT_OFF_GRACE_MS = 60_000;
/** How often each instance on PostgreSQL looks for runs cut off by another instance's stop. */
const SWEEP_EVERY_MS = 60_000;
const CUT_OFF_ERROR = 'The server running it stopped before the run finished.';
/** How long before a tick each instance arms its timer again: long waits drift, and `setTimeout` caps at 24.8 days. */
const MAX_TIMER_MS = 60 * 60_000;

/** Whether the workflow is turned on in the account's default configuration. */
export async function isEnabled(store: Store, user: VerifiedUser, credentialId: string, workflowId: string): Promise<boolean> {
  const configuration = await findConfiguration(store, user, credentialId);
  const settings = JSON.parse(configuration?.workflow_settings ?? '{}') as Record<string, WorkflowState>;
  return settings[workflowId]?.enabled === true;
}

/** A stable id for the run of one tick of a schedule for one account, the same on every instance. */
function tickRunId(projectId: string, workflowId: string, credentialId: string, tick: string): string {
  const hex = createHash('sha256').update(`${projectId}\u0000${workflowId}\u0000${credentialId}\u0000${tick}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function createWorkflowService({ config, store, upstream, databaseUrl }: WorkflowServiceOptions): Promise<WorkflowService> {
  const runner = createWorkflowRunner({ config, store, upstream });
  const timers = new Set<NodeJS.Timeout>();
  let queue: RunQueue | undefined;

  async function work(runId: string): Promise<void> {
    const run = await claimRun(store, runId);
    if (!run) return; // delivered twice, or ended meanwhile
    const user = { projectId: run.project_id, userId: run.user_id };
    const found = findWorkflow(config, run.project_id, run.workflow_id);
    const enabled = await isEnabled(store, user, run.credential_id, run.workflow_id);
    const outcome = enabled
      ? await runner.execute(run)
      : { ok: false as const, error: 'The workflow was turned off for this account before the run started.' };
    const retry = enabled && !outcome.ok && run.attempts <= (found?.workflow.retries ?? 2);
    await finishRun(store, run, outcome, retry);
    if (retry) await queue?.enqueue(run.id, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (run.attempts - 1)));
  }

  const hasQueuedTriggers = [...config.projects.values()].some((project) =>
    project.integrations.some((integration) => integration.workflows?.some((workflow) => workflow.trigger && workflow.trigger.type !== 'request')),
  );
  if (hasQueuedTriggers) {
    queue = databaseUrl ? await pgBossQueue(databaseUrl, work) : inProcessQueue(work);
    if (!databaseUrl) {
      // One instance: what was queued when it last stopped is queued again (pg-boss keeps its own jobs).
      const left = await store.selectFrom('workflow_runs').select('id').where('status', '=', 'queued').orderBy('created_at').execute();
      for (const { id } of left) await queue.enqueue(id);
    }
  }

  /**
   * Runs left `running` by an instance that stopped mid-run (a crash, a kill): a queued trigger's
   * run is queued again while attempts are left, else `dead`; a request's run `failed` (its caller
   * is gone, and may call again). Each change holds only if the row is still as read, so when
   * several instances sweep at once, one of them recovers each run. `all`: on SQLite at start,
   * when no other instance can be running anything.
   */
  async function recoverCutOff(all: boolean): Promise<void> {
    let query = store.selectFrom('workflow_runs').selectAll().where('status', '=', 'running');
    if (!all) query = query.where('started_at', '<', new Date(Date.now() - CUT_OFF_GRACE_MS).toISOString());
    for (const run of await query.orderBy('created_at').limit(500).execute()) {
      const found = findWorkflow(config, run.project_id, run.workflow_id);
      const timeoutMs = (found?.workflow.timeoutSeconds ?? 30) * 1000;
      if (!all && Date.parse(run.started_at ?? '') + timeoutMs + CUT_OFF_GRACE_MS > Date.now()) continue;
      const again = run.trigger !== 'request' && queue !== undefined && found !== undefined && run.attempts <= (found.workflow.retries ?? 2);
      const changed = await store
        .updateTable('workflow_runs')
        .set(
          again
            ? { status: 'queued' }
            : { status: run.trigger === 'request' ? 'failed' : 'dead', error: CUT_OFF_ERROR, ended_at: new Date().toISOString() },
        )
        .where('id', '=', run.id)
        .where('status', '=', 'running')
        .where('attempts', '=', run.attempts)
        .executeTakeFirst();
      if (again && Number(changed.numUpdatedRows) > 0) await queue!.enqueue(run.id);
    }
  }
  await recoverCutOff(!databaseUrl);
  if (databaseUrl) {
    const sweep = setInterval(() => void recoverCutOff(false).catch(() => undefined), SWEEP_EVERY_MS);
    sweep.unref();
    timers.add(sweep);
  }

  async function queueRun(
    user: VerifiedUser,
    integration: IntegrationConfig,
    workflow: WorkflowConfig,
    credentialId: string,
    trigger: WorkflowTriggerKind,
    input: unknown,
    id?: string,
  ) {
    if (!queue) throw new HttpError(500, ErrorCode.internal, 'No queue is running for workflows.');
    const run = await createRun(store, user, {
      id,
      credentialId,
      integrationType: integration.type,
      workflowId: workflow.id,
      trigger,
      input,
      status: 'queued',
    });
    if (run) await queue.enqueue(run.id);
    return run?.id;
  }

  /** Arms the next tick of a schedule; at each, one run per account that turned the workflow on. */
  function schedule(projectId: string, integration: IntegrationConfig, workflow: WorkflowConfig, cron: string): void {
    const next = parseExpression(cron, { utc: true, currentDate: new Date() }).next().toDate();
    const wait = next.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (wait <= MAX_TIMER_MS) void tick(projectId, integration, workflow, next.toISOString()).catch(() => undefined);
        schedule(projectId, integration, workflow, cron);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    timers.add(timer);
  }

  async function tick(projectId: string, integration: IntegrationConfig, workflow: WorkflowConfig, at: string): Promise<void> {
    const rows = await store
      .selectFrom('credentials')
      .select(['id', 'user_id'])
      .where('project_id', '=', projectId)
      .where('integration_type', '=', integration.type)
      .where('status', '=', 'VALID')
      .execute();
    for (const row of rows) {
      const user = { projectId, userId: row.user_id };
      if (!(await isEnabled(store, user, row.id, workflow.id))) continue;
      await queueRun(user, integration, workflow, row.id, 'schedule', { at }, tickRunId(projectId, workflow.id, row.id, at));
    }
  }

  for (const project of config.projects.values()) {
    for (const integration of project.integrations) {
      for (const workflow of integration.workflows ?? []) {
        if (workflow.trigger?.type === 'schedule') schedule(project.id, integration, workflow, workflow.trigger.cron);
      }
    }
  }

  return {
    async runRequest(user, workflowId, credential, payload) {
      const run = await createRun(store, user, {
        credentialId: credential.id,
        integrationType: credential.integration_type,
        workflowId,
        trigger: 'request',
        input: payload,
        status: 'running',
      });
      const outcome = await runner.execute(run);
      await finishRun(store, run, outcome, false);
      if (!outcome.ok) throw new HttpError(502, ErrorCode.workflowFailed, `The workflow failed: ${outcome.error}`);
      return { runId: run.id, output: outcome.output };
    },

    async queue(user, workflowId, credential, trigger, input) {
      const found = findWorkflow(config, user.projectId, workflowId);
      if (!found || !(await isEnabled(store, user, credential.id, workflowId))) return undefined;
      return queueRun(user, found.integration, found.workflow, credential.id, trigger, input);
    },

    async event(user, name, payload, credentialId) {
      const runs: string[] = [];
      for (const integration of config.projects.get(user.projectId)?.integrations ?? []) {
        const listening = (integration.workflows ?? []).filter((workflow) => workflow.trigger?.type === 'event' && workflow.trigger.event === name);
        if (listening.length === 0) continue;
        for (const { credential } of await listCredentials(store, user, integration.type)) {
          if (credential.status !== 'VALID' || (credentialId !== undefined && credential.id !== credentialId)) continue;
          for (const workflow of listening) {
            if (!(await isEnabled(store, user, credential.id, workflow.id))) continue;
            const id = await queueRun(user, integration, workflow, credential.id, 'event', { name, payload });
            if (id) runs.push(id);
          }
        }
      }
      return runs;
    },

    async stop() {
      for (const timer of timers) clearTimeout(timer);
      await queue?.stop();
    },
  };
}

export type { RunRow };
