/**
 * The workflow API, on Paragon's paths:
 *
 * - `POST /projects/:pid/sdk/triggers/:workflowId` (`paragon.workflow`): runs a `request`
 *   workflow for the account (`X-Paragon-Credential`, else the first VALID one) and answers what
 *   it returned.
 * - `POST /v2/projects/:pid/sdk/events/trigger` `{ name, payload }` (`paragon.event`): queues a run
 *   of every workflow listening to the event, per account that turned it on.
 * - `GET /projects/:pid/sdk/credentials/:credentialId/runs`: an account's task history.
 * - `GET /projects/:pid/sdk/workflows/:workflowId/webhook-url`: the account's own URL for a
 *   `webhook` workflow; `POST /triggers/connect/:pid/:integrationId/custom-triggers/:workflowId`
 *   is where it points. The URL carries a token (a keyed hash of project, account and workflow):
 *   a wrong one is a 404, and nothing runs.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { WorkflowRun, WorkflowRunsResponse } from '../../../protocol/src/rest.js';
import type { IntegrationConfig, WorkflowConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import { publicOrigin } from '../oauth/routes.js';
import { findProject, namedCredential, requireCredential, resolveCredential, type Services } from '../routes/context.js';
import { Id, ProjectParams } from '../routes/schemas.js';
import { findWorkflow } from './runner.js';
import { listRuns, runCursor, type RunRow } from './runs.js';
import { isEnabled } from './workflows.js';

const WorkflowParams = Type.Object({ projectId: ProjectParams.properties.projectId, workflowId: Id });
const RunsParams = Type.Object({ projectId: ProjectParams.properties.projectId, credentialId: Id });
const RunsQuery = Type.Object(
  {
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]?$|^100$' })),
    before: Type.Optional(Type.String({ maxLength: 100, pattern: '^[^~]{1,40}(~[^~]{1,50})?$' })),
  },
  { additionalProperties: false },
);
const EventBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), payload: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  { additionalProperties: false },
);
const WebhookParams = Type.Object({ projectId: ProjectParams.properties.projectId, integrationId: Id, workflowId: Id });
const WebhookQuery = Type.Object({ id: Id, token: Type.String({ maxLength: 100 }) }, { additionalProperties: true });

export function presentRun(run: RunRow): WorkflowRun {
  return {
    id: run.id,
    workflowId: run.workflow_id,
    credentialId: run.credential_id,
    trigger: run.trigger,
    status: run.status,
    attempts: run.attempts,
    ...(run.error ? { error: run.error } : {}),
    dateCreated: run.created_at,
    ...(run.started_at ? { dateStarted: run.started_at } : {}),
    ...(run.ended_at ? { dateEnded: run.ended_at } : {}),
    ...(run.duration_ms !== null ? { durationMs: run.duration_ms } : {}),
  };
}

/** What the token of an account's webhook URL for a workflow is a keyed hash of. */
const webhookText = (projectId: string, credentialId: string, workflowId: string) =>
  `webhook\u0000${projectId}\u0000${credentialId}\u0000${workflowId}`;

/** The workflow, which must be started by `kind`. */
function requireTriggered(
  services: Services,
  projectId: string,
  workflowId: string,
  kind: string,
): { integration: IntegrationConfig; workflow: WorkflowConfig } {
  const found = findWorkflow(services.config, projectId, workflowId);
  if (!found) throw new HttpError(404, ErrorCode.workflowNotFound, `There is no workflow "${workflowId}" in this project.`);
  const trigger = found.workflow.trigger?.type;
  if (trigger !== kind) {
    const why = trigger
      ? `is started by its "${trigger}" trigger, not by ${kind === 'request' ? 'a request' : `a ${kind}`}`
      : 'has no trigger: it is a switch, and runs no code';
    throw new HttpError(400, ErrorCode.invalidRequest, `Workflow "${workflowId}" ${why}.`);
  }
  return found;
}

/** Routes that verify the user token: registered in the SDK scope. */
export function workflowRunRoutes(app: FastifyInstance, services: Services): void {
  const { store, secrets } = services;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post('/projects/:projectId/sdk/triggers/:workflowId', { schema: { params: WorkflowParams } }, async (request) => {
    const { user } = request.sdk;
    const { integration, workflow } = requireTriggered(services, user.projectId, request.params.workflowId, 'request');
    const { credential } = await resolveCredential(store, request, 'workflow.trigger', integration);
    if (!(await isEnabled(store, user, credential.id, workflow.id))) {
      throw new HttpError(409, ErrorCode.workflowNotEnabled, `Workflow "${workflow.id}" is not turned on for credential "${credential.id}".`);
    }
    const { output } = await services.workflows.runRequest(user, workflow.id, credential, { body: request.body ?? null, query: request.query ?? {} });
    return output;
  });

  api.post('/v2/projects/:projectId/sdk/events/trigger', { schema: { params: ProjectParams, body: EventBody } }, async (request) => {
    // An event is not about one integration: the account named may be of any, but must be the caller's.
    const named = await namedCredential(store, request, 'workflow.event');
    const runs = await services.workflows.event(request.sdk.user, request.body.name, request.body.payload ?? {}, named?.credential.id);
    return { runs };
  });

  api.get(
    '/projects/:projectId/sdk/credentials/:credentialId/runs',
    { schema: { params: RunsParams, querystring: RunsQuery } },
    async (request): Promise<WorkflowRunsResponse> => {
      const { credential } = await requireCredential(store, request, 'workflow.runs', request.params.credentialId);
      const limit = Number(request.query.limit ?? 20);
      const rows = await listRuns(store, request.sdk.user, credential.id, { limit: limit + 1, before: request.query.before });
      const page = rows.slice(0, limit);
      return { runs: page.map(presentRun), nextCursor: rows.length > limit ? runCursor(page.at(-1)!) : null };
    },
  );

  api.get('/projects/:projectId/sdk/workflows/:workflowId/webhook-url', { schema: { params: WorkflowParams } }, async (request) => {
    const { user } = request.sdk;
    const { integration, workflow } = requireTriggered(services, user.projectId, request.params.workflowId, 'webhook');
    const { credential } = await resolveCredential(store, request, 'workflow.webhook', integration);
    const token = secrets.fingerprint(webhookText(user.projectId, credential.id, workflow.id));
    const query = new URLSearchParams({ id: credential.id, token });
    return { url: `${publicOrigin(services, request)}/triggers/connect/${user.projectId}/${integration.id}/custom-triggers/${workflow.id}?${query}` };
  });
}

/** The inbound webhook: no user token, the URL's own token instead. */
export function webhookRoutes(app: FastifyInstance, services: Services): void {
  const { store, secrets } = services;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post(
    '/triggers/connect/:projectId/:integrationId/custom-triggers/:workflowId',
    { schema: { params: WebhookParams, querystring: WebhookQuery } },
    async (
      request: FastifyRequest<{
        Params: { projectId: string; integrationId: string; workflowId: string };
        Querystring: { id: string; token: string };
      }>,
      reply,
    ) => {
      const { projectId, integrationId, workflowId } = request.params;
      const { id: credentialId, token } = request.query;
      const notFound = new HttpError(404, ErrorCode.notFound, 'There is no webhook at this URL.');
      findProject(services.config, projectId);
      // Checked before any lookup: a wrong token learns nothing, and costs nothing. A URL given
      // out before the secret key changed keeps working while the old key is in the ring.
      if (!secrets.matches(webhookText(projectId, credentialId, workflowId), token)) throw notFound;
      const found = findWorkflow(services.config, projectId, workflowId);
      if (
        !found ||
        found.workflow.trigger?.type !== 'webhook' ||
        (found.integration.id !== integrationId && found.integration.type !== integrationId)
      )
        throw notFound;
      const credential = await store
        .selectFrom('credentials')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('id', '=', credentialId)
        .executeTakeFirst();
      if (!credential || credential.status !== 'VALID') throw notFound;
      const user = { projectId, userId: credential.user_id };
      const { id: _id, token: _token, ...query } = request.query as Record<string, string>;
      const runId = await services.workflows.queue(user, workflowId, credential, 'webhook', { body: request.body ?? null, query });
      if (!runId) throw new HttpError(409, ErrorCode.workflowNotEnabled, `Workflow "${workflowId}" is not turned on for this account.`);
      return reply.code(202).send({ runId });
    },
  );
}
