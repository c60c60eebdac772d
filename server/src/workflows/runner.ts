/**
 * Runs one workflow run: imports the workflow's module (once; a module that fails to load fails
 * its runs, nothing else), gives its default export a `ctx` for the run's account, and settles
 * within the workflow's timeout. Whatever the module does (throws, hangs, returns something
 * that is not JSON), the outcome is a `RunOutcome` with a message: it never throws past here.
 */
import { pathToFileURL } from 'node:url';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import type { WorkflowState } from '../../../protocol/src/rest.js';
import type { ConnectConfig, IntegrationConfig, WorkflowConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import type { Upstream } from '../proxy/upstream.js';
import { findConfiguration } from '../store/credentials.js';
import type { Store } from '../store/database.js';
import type { WorkflowTriggerKind } from '../store/schema.js';
import type { VerifiedUser } from '../tokens.js';
import type { RunOutcome, RunRow } from './runs.js';

/** What a workflow's `run(ctx)` is given. */
export interface WorkflowContext {
  /** What started the run: the request's `{ body, query, headers }`, the event's payload, the webhook's request, the tick's time. */
  trigger: { type: WorkflowTriggerKind; payload: unknown };
  runId: string;
  credentialId: string;
  userId: string;
  integration: { id: string; type: string; name: string };
  workflow: { id: string };
  /** The account's integration settings (its default configuration). */
  settings: Record<string, ConnectInputValue>;
  /** This workflow's settings for the account. */
  workflowSettings: Record<string, ConnectInputValue>;
  /**
   * Calls the integration's API as the account, through the proxy's rules: `path` is relative to
   * the integration's `api.baseUrl`; an object body is sent as JSON. Answers the parsed body;
   * an error answer throws, with the API's status and body.
   */
  request(method: string, path: string, body?: unknown): Promise<unknown>;
  /** Aborted when the run's time is up: pass it on to anything long. */
  signal: AbortSignal;
}

export type WorkflowModule = (ctx: WorkflowContext) => unknown;

export interface RunnerOptions {
  config: ConnectConfig;
  store: Store;
  upstream: Upstream;
}

export interface WorkflowRunner {
  /** The outcome of `run`, never a thrown error. */
  execute(run: RunRow): Promise<RunOutcome>;
}

/** The workflow a run belongs to, with its integration; undefined once it is gone from the config. */
export function findWorkflow(
  config: ConnectConfig,
  projectId: string,
  workflowId: string,
): { integration: IntegrationConfig; workflow: WorkflowConfig } | undefined {
  for (const integration of config.projects.get(projectId)?.integrations ?? []) {
    const workflow = integration.workflows?.find((candidate) => candidate.id === workflowId);
    if (workflow) return { integration, workflow };
  }
  return undefined;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message || error.name : `threw ${String(error)}`);

export function createWorkflowRunner({ config, store, upstream }: RunnerOptions): WorkflowRunner {
  const modules = new Map<string, Promise<WorkflowModule>>();

  function load(path: string): Promise<WorkflowModule> {
    let loaded = modules.get(path);
    if (!loaded) {
      loaded = import(pathToFileURL(path).href).then((module: { default?: unknown }) => {
        if (typeof module.default !== 'function') throw new Error(`${path} has no default export function run(ctx)`);
        return module.default as WorkflowModule;
      });
      // A module that failed to load is tried again at the next run (it may have been fixed).
      loaded.catch(() => modules.delete(path));
      modules.set(path, loaded);
    }
    return loaded;
  }

  async function context(run: RunRow, integration: IntegrationConfig, signal: AbortSignal): Promise<WorkflowContext> {
    const user: VerifiedUser = { projectId: run.project_id, userId: run.user_id };
    const configuration = await findConfiguration(store, user, run.credential_id);
    const workflows = JSON.parse(configuration?.workflow_settings ?? '{}') as Record<string, WorkflowState>;
    return {
      trigger: { type: run.trigger, payload: JSON.parse(run.input) as unknown },
      runId: run.id,
      credentialId: run.credential_id,
      userId: run.user_id,
      integration: { id: integration.id, type: integration.type, name: integration.name },
      workflow: { id: run.workflow_id },
      settings: JSON.parse(configuration?.shared_settings ?? '{}') as Record<string, ConnectInputValue>,
      workflowSettings: workflows[run.workflow_id]?.settings ?? {},
      async request(method, path, body) {
        if (signal.aborted) throw new Error('The run ran out of time.');
        const json = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
        const headers: Record<string, string> = {
          accept: 'application/json',
          ...(json && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        };
        return (await upstream.request(user, run.credential_id, { method, path: path.replace(/^\//, ''), headers, body: json })).data;
      },
      signal,
    };
  }

  return {
    async execute(run) {
      const found = findWorkflow(config, run.project_id, run.workflow_id);
      const path = config.projects.get(run.project_id)?.workflowModules.get(run.workflow_id);
      if (!found || !path) return { ok: false, error: `Workflow "${run.workflow_id}" has no code to run in this project's config.` };
      const seconds = found.workflow.timeoutSeconds ?? 30;
      const abort = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort();
          reject(new Error(`The run did not finish within ${seconds} s.`));
        }, seconds * 1000);
      });
      try {
        const work = (async () => (await load(path))(await context(run, found.integration, abort.signal)))();
        const output = await Promise.race([work, timeout]);
        // What is kept and answered must be JSON: a value that is not (a BigInt, a cycle) fails the run here.
        try {
          JSON.stringify(output ?? null);
        } catch (error) {
          return { ok: false, error: `The workflow returned a value that is not JSON (${messageOf(error)}).` };
        }
        return { ok: true, output: output ?? null };
      } catch (error) {
        if (error instanceof HttpError) return { ok: false, error: error.message };
        return { ok: false, error: messageOf(error) };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
