/**
 * The Paragon-compatible SDK API under `/projects/:projectId/sdk/`. Every route first verifies
 * the user token against the project's keys; every query is scoped by the `(projectId, userId)`
 * that the token proves.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { CREDENTIAL_HEADER, type WorkflowStateResponse } from '../../../protocol/src/rest.js';
import type { ConnectConfig, IntegrationConfig, ProjectConfig } from '../config.js';
import { HttpError } from '../http-error.js';
import { initialSettings, presentCredential, presentIntegration, presentMe } from '../present.js';
import type { SecretBox } from '../secrets.js';
import type { Store } from '../store/database.js';
import {
  createCredential,
  findCredential,
  findFirstValidCredential,
  listCredentials,
  setWorkflowEnabled,
  type CredentialRow,
} from '../store/credentials.js';
import { verifyUserToken, type VerifiedUser } from '../tokens.js';

export interface SdkRouteOptions {
  config: ConnectConfig;
  store: Store;
  secrets: SecretBox;
}

interface SdkContext {
  project: ProjectConfig;
  user: VerifiedUser;
}

declare module 'fastify' {
  interface FastifyRequest {
    sdk: SdkContext;
  }
}

const ProjectParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 128 }) });
const WorkflowParams = Type.Object({
  projectId: Type.String({ minLength: 1, maxLength: 128 }),
  workflowId: Type.String({ minLength: 1, maxLength: 128 }),
});

const CreateCredentialBody = Type.Object(
  {
    integrationId: Type.String({ minLength: 1, maxLength: 128 }),
    payload: Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 4096 }), Type.Number(), Type.Boolean()])),
    config: Type.Optional(Type.Object({}, { additionalProperties: false })),
    installOptions: Type.Optional(
      Type.Object(
        {
          externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
          allowMultipleCredentials: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function findProject(config: ConnectConfig, projectId: string): ProjectConfig {
  const project = config.projects.get(projectId);
  if (!project) throw new HttpError(404, ErrorCode.projectNotFound, `There is no project "${projectId}" on this Connect server.`);
  return project;
}

function findIntegrationById(project: ProjectConfig, integrationId: string): IntegrationConfig {
  const integration = project.integrations.find((candidate) => candidate.id === integrationId || candidate.type === integrationId);
  if (!integration) {
    throw new HttpError(404, ErrorCode.integrationNotFound, `Project "${project.id}" has no integration "${integrationId}".`, 'integrationId');
  }
  return integration;
}

/** Checks an install payload against the integration's inputs: no unknown keys, no blank required values. */
function validateInstallPayload(integration: IntegrationConfig, payload: Record<string, unknown>): void {
  const inputs = integration.auth.inputs;
  for (const key of Object.keys(payload)) {
    if (!inputs.some((input) => input.id === key)) {
      throw new HttpError(400, ErrorCode.invalidRequest, `"${key}" is not an input of ${integration.name}.`, `payload.${key}`);
    }
  }
  for (const input of inputs) {
    const value = payload[input.id];
    const blank = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (blank && input.required !== false) {
      throw new HttpError(400, ErrorCode.invalidRequest, `${input.title} is required.`, `payload.${input.id}`);
    }
  }
}

/** The credential a workflow call targets: the one named by the header, else the first VALID one. */
async function resolveWorkflowCredential(
  store: Store,
  { project, user }: SdkContext,
  workflowId: string,
  named: string | undefined,
): Promise<CredentialRow> {
  const integration = project.integrations.find((candidate) => candidate.workflows?.some((workflow) => workflow.id === workflowId));
  if (!integration) throw new HttpError(404, ErrorCode.workflowNotFound, `There is no workflow "${workflowId}" in this project.`);
  const credential = named
    ? await findCredential(store, user, named)
    : await findFirstValidCredential(store, user, integration.type);
  if (!credential || credential.integration_type !== integration.type) {
    throw new HttpError(
      404,
      ErrorCode.credentialNotFound,
      named
        ? `You have no ${integration.name} account "${named}".`
        : `You have no connected ${integration.name} account; connect one first.`,
      named ? CREDENTIAL_HEADER : undefined,
    );
  }
  return credential;
}

function credentialHeader(request: FastifyRequest): string | undefined {
  const value = request.headers[CREDENTIAL_HEADER.toLowerCase()];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export async function sdkRoutes(app: FastifyInstance, { config, store, secrets }: SdkRouteOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('sdk', null as unknown as SdkContext);
  app.addHook('preHandler', async (request) => {
    const { projectId } = request.params as { projectId: string };
    const project = findProject(config, projectId);
    request.sdk = { project, user: await verifyUserToken(project, request.headers.authorization) };
  });

  api.get('/projects/:projectId/sdk/me', { schema: { params: ProjectParams } }, async (request) => {
    const { project, user } = request.sdk;
    return presentMe(project, await listCredentials(store, user));
  });

  api.get('/projects/:projectId/sdk/integrations', { schema: { params: ProjectParams } }, async (request) => {
    const { project, user } = request.sdk;
    const rows = await listCredentials(store, user);
    return project.integrations.map((integration) =>
      presentIntegration(project, integration, rows.some((row) => row.credential.integration_type === integration.type)),
    );
  });

  api.post(
    '/projects/:projectId/sdk/credentials',
    { schema: { params: ProjectParams, body: CreateCredentialBody } },
    async (request, reply) => {
      const { project, user } = request.sdk;
      const integration = findIntegrationById(project, request.body.integrationId);
      validateInstallPayload(integration, request.body.payload);
      const id = await createCredential(store, user, {
        integrationType: integration.type,
        sealedSecret: secrets.seal(JSON.stringify(request.body.payload)),
        externalId: request.body.installOptions?.externalId,
        ...initialSettings(integration),
      });
      const created = (await listCredentials(store, user)).find((row) => row.credential.id === id)!;
      return reply.code(201).send(presentCredential(project, integration, created));
    },
  );

  for (const [method, enabled] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    api.route({
      method,
      url: '/projects/:projectId/sdk/workflows/:workflowId',
      schema: { params: WorkflowParams },
      handler: async (request): Promise<WorkflowStateResponse> => {
        const { workflowId } = request.params;
        const credential = await resolveWorkflowCredential(store, request.sdk, workflowId, credentialHeader(request));
        await setWorkflowEnabled(store, request.sdk.user, credential.id, workflowId, enabled);
        return { workflowId, credentialId: credential.id, enabled };
      },
    });
  }
}
