/**
 * Credentials (connected accounts) and their configurations:
 * list, read, install (idempotent; or replace an account's secret, keeping its settings),
 * complete setup, version-checked settings updates, and multi-configuration.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { ConnectInputValue, WorkflowState } from '../../../protocol/src/rest.js';
import type { InputConfig, IntegrationConfig } from '../config.js';
import { HttpError } from '../http-error.js';
import { initialSettings, presentConfiguration, presentCredential } from '../present.js';
import { applySettings, validateSettings } from '../settings.js';
import {
  createConfiguration,
  createCredential,
  deleteConfiguration,
  getCredential,
  listCredentials,
  updateConfiguration,
  updateCredential,
  type ConfigurationRow,
  type CredentialWithConfigurations,
} from '../store/credentials.js';
import { findIdempotencyKey, saveIdempotencyKey } from '../store/idempotency.js';
import {
  audit,
  CONFIGURATION_HEADER,
  header,
  requireCredential,
  requireIntegration,
  resolveConfiguration,
  type Services,
} from './context.js';
import {
  CompleteSetupBody,
  CreateConfigurationBody,
  CreateCredentialBody,
  CredentialParams,
  CredentialQuery,
  ProjectParams,
  SelectionHeaders,
  UpdateConfigurationBody,
  UpdateCredentialBody,
} from './schemas.js';

/** JSON with sorted keys, so equal objects hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Checks install values against inputs: no unknown keys, no blank required values. Returns them trimmed. */
function validateInputs(inputs: readonly InputConfig[], payload: Record<string, ConnectInputValue>, integrationName: string) {
  const trimmed: Record<string, ConnectInputValue> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (!inputs.some((input) => input.id === key)) {
      throw new HttpError(400, ErrorCode.invalidRequest, `"${key}" is not an input of ${integrationName}.`, `payload.${key}`);
    }
    trimmed[key] = typeof value === 'string' ? value.trim() : value;
  }
  for (const input of inputs) {
    const value = trimmed[input.id];
    if ((value === undefined || value === '') && input.required !== false) {
      throw new HttpError(400, ErrorCode.invalidRequest, `${input.title} is required.`, `payload.${input.id}`);
    }
  }
  validateSettings(inputs, trimmed, 'payload');
  return trimmed;
}

const etagOf = (row: ConfigurationRow) => `"${row.id}.${row.version}"`;

const STALE_MESSAGES = {
  settings: 'These settings changed since you read them; reload them and try again.',
  configuration: 'This configuration changed since you read it; reload it and try again.',
};

/** The 412 for a write against an old version; the answer carries the current ETag to retry with. */
function staleWrite(reply: FastifyReply, row: ConfigurationRow, what: keyof typeof STALE_MESSAGES): HttpError {
  reply.header('ETag', etagOf(row));
  return new HttpError(412, ErrorCode.preconditionFailed, STALE_MESSAGES[what], 'If-Match');
}

/**
 * `If-Match` against the configuration's current ETag: absent means "write whatever the version",
 * a match pins the version for the write, anything else is a 412 carrying the current ETag.
 */
function expectedVersion(request: FastifyRequest, reply: FastifyReply, row: ConfigurationRow): number | undefined {
  const ifMatch = header(request, 'if-match');
  if (!ifMatch || ifMatch.trim() === '*') return undefined;
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (tags.includes(etagOf(row))) return row.version;
  throw staleWrite(reply, row, 'settings');
}

/** Validates workflow changes: known workflows, settings of the right types. */
function validateWorkflowChanges(integration: IntegrationConfig, changes: Record<string, { enabled?: boolean; settings?: Record<string, unknown> }>) {
  for (const [workflowId, change] of Object.entries(changes)) {
    const workflow = integration.workflows?.find((candidate) => candidate.id === workflowId);
    if (!workflow) {
      throw new HttpError(400, ErrorCode.invalidRequest, `${integration.name} has no workflow "${workflowId}".`, `config.workflowSettings.${workflowId}`);
    }
    if (change.settings) validateSettings(workflow.inputs ?? [], change.settings, `config.workflowSettings.${workflowId}.settings`);
  }
  return changes as Record<string, { enabled?: boolean; settings?: Record<string, ConnectInputValue | null> }>;
}

function applyWorkflowChanges(
  current: Record<string, WorkflowState>,
  changes: Record<string, { enabled?: boolean; settings?: Record<string, ConnectInputValue | null> }>,
): Record<string, WorkflowState> {
  const next = { ...current };
  for (const [workflowId, change] of Object.entries(changes)) {
    const before = current[workflowId] ?? { enabled: false, settings: {} };
    next[workflowId] = {
      enabled: change.enabled ?? before.enabled,
      settings: change.settings ? applySettings(before.settings, change.settings) : before.settings,
    };
  }
  return next;
}

export async function credentialRoutes(app: FastifyInstance, { store, secrets }: Services): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  async function present(request: FastifyRequest, credentialId: string) {
    const { project, user } = request.sdk;
    const row = (await getCredential(store, user, credentialId))!;
    return presentCredential(project, requireIntegration(project, row.credential.integration_type), row);
  }

  api.get(
    '/projects/:projectId/sdk/credentials',
    { schema: { params: ProjectParams, querystring: CredentialQuery } },
    async (request) => {
      const { project, user } = request.sdk;
      const type = request.query.integration && requireIntegration(project, request.query.integration, 'integration').type;
      // includeAccountAuth is accepted and ignored: provider secrets never leave this server.
      const rows = await listCredentials(store, user, type);
      return rows.map((row) => presentCredential(project, requireIntegration(project, row.credential.integration_type), row));
    },
  );

  api.get(
    '/projects/:projectId/sdk/credentials/:credentialId',
    { schema: { params: CredentialParams, headers: SelectionHeaders } },
    async (request, reply) => {
      const { credential } = await requireCredential(store, request, 'credential.read', request.params.credentialId);
      const configuration = await resolveConfiguration(store, request, 'credential.read', credential.id);
      reply.header('ETag', etagOf(configuration));
      return present(request, credential.id);
    },
  );

  api.post(
    '/projects/:projectId/sdk/credentials',
    { schema: { params: ProjectParams, body: CreateCredentialBody } },
    async (request, reply) => {
      const { project, user } = request.sdk;
      const { integrationId, payload, installOptions = {} } = request.body;
      const integration = requireIntegration(project, integrationId, 'integrationId');
      if (installOptions.externalId && installOptions.selectedCredentialId) {
        throw new HttpError(400, ErrorCode.invalidRequest, 'externalId labels a new credential; it cannot be combined with selectedCredentialId.', 'installOptions.externalId');
      }
      const values = validateInputs(integration.auth.inputs, payload, integration.name);

      const idempotencyKey = header(request, 'idempotency-key');
      const requestHash = secrets.fingerprint(canonical(request.body));
      if (idempotencyKey) {
        const previous = await findIdempotencyKey(store, user, idempotencyKey);
        if (previous && previous.request_hash !== requestHash) {
          throw new HttpError(422, ErrorCode.idempotencyKeyReused, 'This Idempotency-Key was used with a different request.', 'Idempotency-Key');
        }
        if (previous && (await getCredential(store, user, previous.credential_id))) return present(request, previous.credential_id);
      }

      const sealedSecret = secrets.seal(JSON.stringify(values));
      const fingerprint = secrets.fingerprint(`${integration.type}\u0000${canonical(values)}`);
      const status = integration.auth.postInstallInputs?.length ? 'PENDING' : 'VALID';

      if (installOptions.selectedCredentialId) {
        const target = await requireCredential(store, request, 'credential.replace', installOptions.selectedCredentialId, 'installOptions.selectedCredentialId');
        if (target.credential.integration_type !== integration.type) {
          throw new HttpError(400, ErrorCode.invalidRequest, `Credential "${target.credential.id}" is not a ${integration.name} account.`, 'installOptions.selectedCredentialId');
        }
        const twin = (await listCredentials(store, user, integration.type)).find(
          (row) => row.credential.secret_fingerprint === fingerprint && row.credential.id !== target.credential.id,
        );
        if (twin) {
          throw new HttpError(409, ErrorCode.conflict, `This account is already connected as credential "${twin.credential.id}".`, 'payload');
        }
        await updateCredential(store, user, target.credential.id, { status, sealed_secret: sealedSecret, secret_fingerprint: fingerprint });
        await audit(store, request, { action: 'credential.replace', target: target.credential.id, outcome: 'ok', detail: { integration: integration.type } });
        return present(request, target.credential.id);
      }

      const { id, created } = await createCredential(store, user, {
        integrationType: integration.type,
        status,
        sealedSecret,
        fingerprint,
        externalId: installOptions.externalId,
        ...initialSettings(integration),
      });
      if (idempotencyKey) await saveIdempotencyKey(store, user, idempotencyKey, requestHash, id);
      if (created) await audit(store, request, { action: 'credential.create', target: id, outcome: 'ok', detail: { integration: integration.type } });
      return reply.code(created ? 201 : 200).send(await present(request, id));
    },
  );

  api.post(
    '/projects/:projectId/sdk/credentials/:credentialId/complete-setup',
    { schema: { params: CredentialParams, body: CompleteSetupBody } },
    async (request) => {
      const { project, user } = request.sdk;
      const { credential } = await requireCredential(store, request, 'credential.complete', request.params.credentialId);
      const integration = requireIntegration(project, credential.integration_type);
      const inputs = integration.auth.postInstallInputs ?? [];
      if (inputs.length === 0) {
        throw new HttpError(400, ErrorCode.invalidRequest, `${integration.name} has no setup step after connecting.`);
      }
      const values = validateInputs(inputs, request.body.payload, integration.name);
      await updateCredential(store, user, credential.id, { status: 'VALID', provider_data: JSON.stringify(values) });
      await audit(store, request, { action: 'credential.complete', target: credential.id, outcome: 'ok', detail: { inputs: Object.keys(values) } });
      return present(request, credential.id);
    },
  );

  api.patch(
    '/projects/:projectId/sdk/credentials/:credentialId',
    { schema: { params: CredentialParams, headers: SelectionHeaders, body: UpdateCredentialBody } },
    async (request, reply) => {
      const { project, user } = request.sdk;
      const { credential } = await requireCredential(store, request, 'credential.update', request.params.credentialId);
      const integration = requireIntegration(project, credential.integration_type);
      const configuration = await resolveConfiguration(store, request, 'credential.update', credential.id);
      const { sharedSettings, workflowSettings, configuredWorkflows } = request.body.config;
      const sharedChanges = sharedSettings && validateSettings(integration.userSettings ?? [], sharedSettings, 'config.sharedSettings');
      const workflowChanges = validateWorkflowChanges(integration, workflowSettings ?? configuredWorkflows ?? {});
      const version = expectedVersion(request, reply, configuration);

      const outcome = await updateConfiguration(store, user, configuration.id, version, (row) => {
        const shared = JSON.stringify(applySettings(JSON.parse(row.shared_settings), sharedChanges ?? {}));
        const workflows = JSON.stringify(applyWorkflowChanges(JSON.parse(row.workflow_settings), workflowChanges));
        return shared === row.shared_settings && workflows === row.workflow_settings
          ? null
          : { shared_settings: shared, workflow_settings: workflows };
      });
      if (outcome.status === 'stale') throw staleWrite(reply, outcome.row, 'settings');
      reply.header('ETag', etagOf(outcome.row));
      if (outcome.status === 'updated') {
        await audit(store, request, {
          action: 'credential.update',
          target: credential.id,
          outcome: 'ok',
          detail: { configuration: configuration.id, sharedSettings: Object.keys(sharedChanges ?? {}), workflows: Object.keys(workflowChanges) },
        });
      }
      return present(request, credential.id);
    },
  );

  api.post(
    '/projects/:projectId/sdk/credentials/:credentialId/configurations',
    { schema: { params: CredentialParams, body: CreateConfigurationBody } },
    async (request, reply) => {
      const { project, user } = request.sdk;
      const { credential } = await requireCredential(store, request, 'configuration.create', request.params.credentialId);
      const integration = requireIntegration(project, credential.integration_type);
      const row = await createConfiguration(store, user, credential.id, initialSettings(integration), request.body?.externalId);
      await audit(store, request, { action: 'configuration.create', target: row.id, outcome: 'ok', detail: { credential: credential.id } });
      reply.header('ETag', etagOf(row));
      return reply.code(201).send(presentConfiguration(row));
    },
  );

  /** The configuration named by the header; PATCH and DELETE need one. */
  async function namedConfiguration(request: FastifyRequest, action: string, found: CredentialWithConfigurations) {
    if (!header(request, CONFIGURATION_HEADER)) {
      throw new HttpError(400, ErrorCode.invalidRequest, `Name the configuration in the ${CONFIGURATION_HEADER} header.`, CONFIGURATION_HEADER);
    }
    return resolveConfiguration(store, request, action, found.credential.id);
  }

  api.patch(
    '/projects/:projectId/sdk/credentials/:credentialId/configurations',
    { schema: { params: CredentialParams, headers: SelectionHeaders, body: UpdateConfigurationBody } },
    async (request, reply) => {
      const { user } = request.sdk;
      const found = await requireCredential(store, request, 'configuration.update', request.params.credentialId);
      const configuration = await namedConfiguration(request, 'configuration.update', found);
      const version = expectedVersion(request, reply, configuration);
      const outcome = await updateConfiguration(store, user, configuration.id, version, (row) => {
        const meta = JSON.stringify({ ...JSON.parse(row.config_meta), ...request.body.meta });
        return meta === row.config_meta ? null : { config_meta: meta };
      });
      if (outcome.status === 'stale') throw staleWrite(reply, outcome.row, 'configuration');
      reply.header('ETag', etagOf(outcome.row));
      if (outcome.status === 'updated') {
        await audit(store, request, { action: 'configuration.update', target: configuration.id, outcome: 'ok', detail: { keys: Object.keys(request.body.meta) } });
      }
      return presentConfiguration(outcome.row);
    },
  );

  api.delete(
    '/projects/:projectId/sdk/credentials/:credentialId/configurations',
    { schema: { params: CredentialParams, headers: SelectionHeaders } },
    async (request) => {
      const found = await requireCredential(store, request, 'configuration.delete', request.params.credentialId);
      const configuration = await namedConfiguration(request, 'configuration.delete', found);
      if (configuration.is_default === 1) {
        throw new HttpError(400, ErrorCode.invalidRequest, 'The default configuration cannot be deleted; uninstall the account instead.', CONFIGURATION_HEADER);
      }
      await deleteConfiguration(store, request.sdk.user, configuration.id);
      await audit(store, request, { action: 'configuration.delete', target: configuration.id, outcome: 'ok', detail: { credential: found.credential.id } });
      return { id: configuration.id, deleted: true };
    },
  );
}
