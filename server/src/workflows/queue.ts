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

/**
 * pg-boss on the server's PostgreSQL database, in its own `pgboss` schema. One worker per
 * instance fetches up to `concurrency` jobs at a time and runs them together; it polls every half
 * second when the queue is empty, and fetches again at once after a full batch or when this
 * instance queued a run.
 */
export async function pgBossQueue(connectionString: string, work: RunWorker, concurrency = 8): Promise<RunQueue> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4 });
  // Its own failures (a lost connection it retries) are not the runs': the runs' rows say how they went.
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue(QUEUE);
  const worker: string = await boss.work<{ runId: string }>(QUEUE, { batchSize: concurrency, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    await Promise.all(jobs.map((job) => work(job.data.runId)));
    if (jobs.length === concurrency) boss.notifyWorker(worker);
  });
  return {
    async enqueue(runId, delayMs = 0) {
      await boss.send(QUEUE, { runId }, { startAfter: delayMs > 0 ? Math.ceil(delayMs / 1000) : undefined, retryLimit: 0 });
      if (delayMs <= 0) boss.notifyWorker(worker);
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
