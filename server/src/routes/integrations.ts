/**
 * Integrations: the list with the user's state (`GET /integrations`), their metadata
 * (`GET /metadata`, `GET /integrations/:type`) and uninstalling one account
 * (`DELETE /integrations/:integrationId`, the account chosen by `X-Paragon-Credential`).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { presentIntegration, presentMetadata } from '../present.js';
import { deleteCredential, listCredentials } from '../store/credentials.js';
import { writeForUser } from '../store/write.js';
import { audit, requireIntegration, resolveCredential, type Services } from './context.js';
import { IntegrationParams, ProjectParams, SelectionHeaders } from './schemas.js';

export async function integrationRoutes(app: FastifyInstance, { store }: Services): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/projects/:projectId/sdk/integrations', { schema: { params: ProjectParams } }, async (request) => {
    const { project, user } = request.sdk;
    const rows = await listCredentials(store, user);
    return project.integrations.map((integration) =>
      presentIntegration(
        project,
        integration,
        rows.some((row) => row.credential.integration_type === integration.type),
      ),
    );
  });

  api.get('/projects/:projectId/sdk/metadata', { schema: { params: ProjectParams } }, async (request) =>
    request.sdk.project.integrations.map(presentMetadata),
  );

  api.get('/projects/:projectId/sdk/integrations/:integration', { schema: { params: IntegrationParams } }, async (request) =>
    presentMetadata(requireIntegration(request.sdk.project, request.params.integration)),
  );

  api.delete(
    '/projects/:projectId/sdk/integrations/:integration',
    { schema: { params: IntegrationParams, headers: SelectionHeaders } },
    async (request, reply) => {
      const integration = requireIntegration(request.sdk.project, request.params.integration);
      const { credential } = await resolveCredential(store, request, 'integration.uninstall', integration);
      await writeForUser(store, request.sdk.user, async (trx) => {
        await deleteCredential(trx, request.sdk.user, credential.id);
        await audit(trx, request, {
          action: 'integration.uninstall',
          target: credential.id,
          outcome: 'ok',
          detail: { integration: integration.type },
        });
      });
      return reply.code(200).send({ integrationId: integration.id, integrationType: integration.type, credentialId: credential.id });
    },
  );
}
