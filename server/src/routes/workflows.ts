/**
 * `POST` / `DELETE /workflows/:workflowId`: turn a workflow on or off for one account (the
 * credential named by `X-Paragon-Credential`, else the first VALID one) and one configuration
 * (`X-Paragon-Configuration-Id`, else the default). Desired-state: repeating a call answers 200
 * and writes nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { isRequired, type ConnectInput } from '../../../protocol/src/inputs.js';
import type { WorkflowState, WorkflowStateResponse } from '../../../protocol/src/rest.js';
import { HttpError } from '../http-error.js';
import { findCredential, updateConfiguration } from '../store/credentials.js';
import { MissingRowError } from '../store/errors.js';
import { writeForUser } from '../store/write.js';
import { audit, resolveConfiguration, resolveCredential, type Services } from './context.js';
import { SelectionHeaders, WorkflowParams } from './schemas.js';

/** The required settings of a workflow that have no value (none stored, no default). */
function missingSettings(workflow: { inputs?: ConnectInput[] }, state: WorkflowState): ConnectInput[] {
  return (workflow.inputs ?? []).filter((input) => isRequired(input) && state.settings[input.id] === undefined && input.defaultValue === undefined);
}

export async function workflowRoutes(app: FastifyInstance, { store, workflows }: Services): Promise<void> {
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
        const workflow = integration?.workflows?.find((candidate) => candidate.id === workflowId);
        if (!integration || !workflow) throw new HttpError(404, ErrorCode.workflowNotFound, `There is no workflow "${workflowId}" in this project.`);
        const { credential } = await resolveCredential(store, request, action, integration);
        const configuration = await resolveConfiguration(store, request, action, credential.id);
        const changed = await writeForUser(store, user, async (trx) => {
          // Read again under the lock: the account may have been disconnected or invalidated meanwhile.
          const current = await findCredential(trx, user, credential.id);
          if (!current) throw new MissingRowError('credential', credential.id);
          if (enabled && current.status !== 'VALID') {
            throw new HttpError(409, ErrorCode.conflict, `Credential "${credential.id}" is ${current.status}; finish connecting it first.`);
          }
          const outcome = await updateConfiguration(trx, user, configuration.id, undefined, (row) => {
            const settings = JSON.parse(row.workflow_settings) as Record<string, WorkflowState>;
            const state = settings[workflowId] ?? { enabled: false, settings: {} };
            if (state.enabled === enabled) return null;
            // A workflow runs with its required settings, so it is not turned on without them.
            const missing = enabled ? missingSettings(workflow, state) : [];
            if (missing.length > 0) {
              throw new HttpError(
                409,
                ErrorCode.preconditionFailed,
                `"${workflow.description}" needs ${missing.map((input) => input.title).join(', ')} first.`,
                `workflowSettings.${workflowId}.${missing[0]!.id}`,
              );
            }
            return { workflow_settings: JSON.stringify({ ...settings, [workflowId]: { ...state, enabled } }) };
          });
          if (outcome.status === 'updated') {
            await audit(trx, request, { action, target: credential.id, outcome: 'ok', detail: { workflowId, configuration: configuration.id } });
          }
          return outcome.status === 'updated';
        });
        // Turned on just now (not again) in the default configuration: its integrationEnabled trigger fires once.
        if (changed && enabled && configuration.is_default && workflow.trigger?.type === 'integrationEnabled') {
          await workflows.queue(user, workflowId, credential, 'integrationEnabled', { enabledAt: new Date().toISOString() });
        }
        return { workflowId, credentialId: credential.id, enabled };
      },
    });
  }
}
