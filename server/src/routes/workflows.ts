/**
 * `POST` / `DELETE /workflows/:workflowId`: turn a workflow on or off for one account (the
 * credential named by `X-Paragon-Credential`, else the first VALID one) and one configuration
 * (`X-Paragon-Configuration-Id`, else the default). Desired-state: repeating a call answers 200
 * and writes nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { WorkflowState, WorkflowStateResponse } from '../../../protocol/src/rest.js';
import { HttpError } from '../http-error.js';
import { updateConfiguration } from '../store/credentials.js';
import { audit, resolveConfiguration, resolveCredential, type Services } from './context.js';
import { SelectionHeaders, WorkflowParams } from './schemas.js';

export async function workflowRoutes(app: FastifyInstance, { store }: Services): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  for (const [method, enabled] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    const action = enabled ? 'workflow.enable' : 'workflow.disable';
    api.route({
      method,
      url: '/projects/:projectId/sdk/workflows/:workflowId',
      schema: { params: WorkflowParams, headers: SelectionHeaders },
      handler: async (request): Promise<WorkflowStateResponse> => {
        const { project, user } = request.sdk;
        const { workflowId } = request.params;
        const integration = project.integrations.find((candidate) => candidate.workflows?.some((workflow) => workflow.id === workflowId));
        if (!integration) throw new HttpError(404, ErrorCode.workflowNotFound, `There is no workflow "${workflowId}" in this project.`);
        const { credential } = await resolveCredential(store, request, action, integration);
        if (enabled && credential.status !== 'VALID') {
          throw new HttpError(409, ErrorCode.conflict, `Credential "${credential.id}" is ${credential.status}; finish connecting it first.`);
        }
        const configuration = await resolveConfiguration(store, request, action, credential.id);
        const outcome = await updateConfiguration(store, user, configuration.id, undefined, (row) => {
          const settings = JSON.parse(row.workflow_settings) as Record<string, WorkflowState>;
          const current = settings[workflowId] ?? { enabled: false, settings: {} };
          if (current.enabled === enabled) return null;
          return { workflow_settings: JSON.stringify({ ...settings, [workflowId]: { ...current, enabled } }) };
        });
        if (outcome.status === 'stale') throw new HttpError(409, ErrorCode.conflict, 'The configuration is being changed by another request; retry.');
        if (outcome.status === 'updated') {
          await audit(store, request, { action, target: credential.id, outcome: 'ok', detail: { workflowId, configuration: configuration.id } });
        }
        return { workflowId, credentialId: credential.id, enabled };
      },
    });
  }
}
