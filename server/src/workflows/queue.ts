/**
 * Where queued runs wait for a worker. Both kinds carry only a run's id; the run's row in
 * `workflow_runs` is the truth, and `claimRun` makes a run delivered twice run once.
 *
 * - On PostgreSQL, pg-boss: jobs are rows in the same database, fetched with `SKIP LOCKED`, so
 *   each goes to one worker among every instance, and they outlive a restart.
 * - On SQLite (one instance), an in-process queue with the same interface; runs still queued
 *   when the server stopped are queued again when it starts (`workflows.ts`).
 */
import PgBoss from 'pg-boss';

export interface RunQueue {
  /** Hands a queued run to a worker, at once or after `delayMs`. */
  enqueue(runId: string, delayMs?: number): Promise<void>;
  /** Stops taking runs, and waits for those being worked on. */
  stop(): Promise<void>;
}

export type RunWorker = (runId: string) => Promise<void>;

/** Runs at most `concurrency` at once, in order of arrival. */
export function inProcessQueue(work: RunWorker, concurrency = 4): RunQueue {
  const waiting: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const active = new Set<Promise<void>>();
  let stopped = false;

  function next(): void {
    while (!stopped && active.size < concurrency && waiting.length > 0) {
      const running = work(waiting.shift()!).finally(() => {
        active.delete(running);
        next();
      });
      active.add(running);
    }
  }

  return {
    async enqueue(runId, delayMs = 0) {
      if (stopped) return;
      if (delayMs <= 0) {
        waiting.push(runId);
        return next();
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        waiting.push(runId);
        next();
      }, delayMs);
      timers.add(timer);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...active]);
    },
  };
}

const QUEUE = 'workflow-runs';

/** pg-boss on the server's PostgreSQL database, in its own `pgboss` schema. */
export async function pgBossQueue(connectionString: string, work: RunWorker, concurrency = 4): Promise<RunQueue> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4 });
  // Its own failures (a lost connection it retries) are not the runs': the runs' rows say how they went.
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(QUEUE);
  const workers: string[] = [];
  for (let index = 0; index < concurrency; index++) {
    workers.push(
      await boss.work<{ runId: string }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (job) await work(job.data.runId);
      }),
    );
  }
  return {
    async enqueue(runId, delayMs = 0) {
      await boss.send(QUEUE, { runId }, { startAfter: delayMs > 0 ? Math.ceil(delayMs / 1000) : undefined, retryLimit: 0 });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
