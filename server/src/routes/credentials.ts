/**
 * Credentials (connected accounts) and their configurations:
 * list, read, install (idempotent; or replace an account's secret, keeping its settings),
 * complete setup, version-checked settings updates, and multi-configuration.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { ConnectInputValue, WorkflowState } from '../../../protocol/src/rest.js';
import { basicAuthorization, readAccountInfo } from '../accounts/account-info.js';
import { connectAccount } from '../accounts/connect.js';
import { canonicalJson, installFingerprints, sealSecret } from '../accounts/secret.js';
import { findAccountType, postInstallInputsOf, preInstallInputsOf } from '../config/integration.js';
import type { IntegrationConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import { OAuthError } from '../oauth/broker.js';
import { connectWithCode, providerFailure } from '../oauth/connect-with-code.js';
import { publicOrigin } from '../oauth/routes.js';
import { initialSettings, presentConfiguration, presentCredential } from '../present.js';
import { mergeChanges, validateInstallValues, validateSettings } from '../settings.js';
import {
  createConfiguration,
  deleteConfiguration,
  getCredential,
  listCredentials,
  updateConfiguration,
  updateCredential,
  type ConfigurationRow,
  type CredentialWithConfigurations,
} from '../store/credentials.js';
import type { Store } from '../store/database.js';
import { MissingRowError } from '../store/errors.js';
import { findIdempotencyKey, saveIdempotencyKey } from '../store/idempotency.js';
import { writeForUser } from '../store/write.js';
import {
  assertWithinSize,
  audit,
  CONFIGURATION_HEADER,
  header,
  requireAccountType,
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

type InstallOptionsBody = NonNullable<Static<typeof CreateCredentialBody>['installOptions']>;

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
      throw new HttpError(
        400,
        ErrorCode.invalidRequest,
        `${integration.name} has no workflow "${workflowId}".`,
        `config.workflowSettings.${workflowId}`,
      );
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
      settings: change.settings ? mergeChanges(before.settings, change.settings) : before.settings,
    };
  }
  return next;
}

/** Configuration metadata is kept up to this size, merged (16 KB of JSON). */
export const MAX_CONFIGURATION_META_BYTES = 16 * 1024;

export async function credentialRoutes(app: FastifyInstance, { config, store, secrets }: Services): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  /** The credential as the API shows it, read in `db` (inside a write: the state it committed). */
  async function present(db: Store, request: FastifyRequest, credentialId: string) {
    const { project, user } = request.sdk;
    const row = await getCredential(db, user, credentialId);
    if (!row) throw new MissingRowError('credential', credentialId);
    return presentCredential(project, requireIntegration(project, row.credential.integration_type), row);
  }
  /** The credential `installOptions.selectedCredentialId` replaces: the caller's, of this integration, else a 404 or 400. */
  async function replacementTarget(request: FastifyRequest, integration: IntegrationConfig, installOptions: { selectedCredentialId?: string }) {
    if (!installOptions.selectedCredentialId) return undefined;
    const { credential } = await requireCredential(
      store,
      request,
      'credential.replace',
      installOptions.selectedCredentialId,
      'installOptions.selectedCredentialId',
    );
    if (credential.integration_type === integration.type) return credential;
    throw new HttpError(
      400,
      ErrorCode.invalidRequest,
      `Credential "${credential.id}" is not a ${integration.name} account.`,
      'installOptions.selectedCredentialId',
    );
  }

  /**
   * `paragon.completeInstall`: an authorization code the host app obtained itself (a marketplace
   * install, its own sign-in page), exchanged here with the client secret like our window's.
   */
  async function completeInstall(
    request: FastifyRequest,
    integration: IntegrationConfig,
    given: {
      code: string;
      redirectUrl?: string;
      codeVerifier?: string;
      payload?: Record<string, ConnectInputValue>;
      installOptions: InstallOptionsBody;
    },
  ) {
    const { project, user } = request.sdk;
    if (integration.auth.scheme !== 'oauth2') {
      throw new HttpError(400, ErrorCode.invalidRequest, `${integration.name} does not connect through OAuth: send its values as "payload".`, 'code');
    }
    const { installOptions } = given;
    const accountType = requireAccountType(integration, installOptions.accountType);
    const values = validateInstallValues(preInstallInputsOf(integration, accountType), given.payload ?? {}, integration.name, 'payload');
    const target = await replacementTarget(request, integration, installOptions);
    try {
      const outcome = await connectWithCode(store, secrets, user, {
        project,
        integration,
        accountType: accountType.id,
        values,
        code: given.code,
        redirectUri: given.redirectUrl ?? `${publicOrigin({ config }, request)}/oauth/callback`,
        codeVerifier: given.codeVerifier,
        selectedCredentialId: target?.id,
        externalId: installOptions.externalId,
        via: 'completeInstall',
        requestId: request.id,
      });
      return await present(store, request, outcome.credentialId);
    } catch (error) {
      throw error instanceof OAuthError ? providerFailure(integration, error) : error;
    }
  }

  api.get('/projects/:projectId/sdk/credentials', { schema: { params: ProjectParams, querystring: CredentialQuery } }, async (request) => {
    const { project, user } = request.sdk;
    const type = request.query.integration && requireIntegration(project, request.query.integration, 'integration').type;
    // includeAccountAuth is accepted and ignored: provider secrets never leave this server.
    const rows = await listCredentials(store, user, type);
    return rows.map((row) => presentCredential(project, requireIntegration(project, row.credential.integration_type), row));
  });

  api.get(
    '/projects/:projectId/sdk/credentials/:credentialId',
    { schema: { params: CredentialParams, headers: SelectionHeaders } },
    async (request, reply) => {
      const { credential } = await requireCredential(store, request, 'credential.read', request.params.credentialId);
      const configuration = await resolveConfiguration(store, request, 'credential.read', credential.id);
      reply.header('ETag', etagOf(configuration));
      return present(store, request, credential.id);
    },
  );

  api.post('/projects/:projectId/sdk/credentials', { schema: { params: ProjectParams, body: CreateCredentialBody } }, async (request, reply) => {
    const { project, user } = request.sdk;
    const { integrationId, code } = request.body;
    const installOptions = request.body.installOptions ?? request.body.integrationOptions?.installOptions ?? {};
    const integration = requireIntegration(project, integrationId, 'integrationId');
    if (installOptions.externalId && installOptions.selectedCredentialId) {
      throw new HttpError(
        400,
        ErrorCode.invalidRequest,
        'externalId labels a new credential; it cannot be combined with selectedCredentialId.',
        'installOptions.externalId',
      );
    }
    const { auth } = integration;
    if (code !== undefined) {
      const { payload, redirectUrl, codeVerifier } = request.body;
      return reply.code(201).send(await completeInstall(request, integration, { code, redirectUrl, codeVerifier, payload, installOptions }));
    }
    const { payload } = request.body;
    if (payload === undefined) throw new HttpError(400, ErrorCode.invalidRequest, `payload: ${integration.name}'s values are required.`, 'payload');
    if (auth.scheme === 'oauth2') {
      throw new HttpError(
        400,
        ErrorCode.invalidRequest,
        `${integration.name} connects through its own sign-in page: start an OAuth flow, or send the authorization code you obtained as "code".`,
        'integrationId',
      );
    }
    const accountType = requireAccountType(integration, installOptions.accountType);
    const values = validateInstallValues(preInstallInputsOf(integration, accountType), payload, integration.name, 'payload');
    const identity =
      auth.scheme === 'basic'
        ? await readAccountInfo(auth.accountInfo, { authorization: basicAuthorization(values), values }).catch((error: unknown) => {
            throw error instanceof HttpError && error.code === ErrorCode.providerRefused
              ? new HttpError(400, ErrorCode.providerRefused, `${integration.name} refused this username and password.`, 'payload')
              : error;
          })
        : { providerId: null, providerData: {} };
    const idempotencyKey = header(request, 'idempotency-key');
    const requestText = canonicalJson(request.body);
    // Checked before the write, so that naming someone else's credential is audited as a denial.
    const target = await replacementTarget(request, integration, installOptions);

    const { created, credential } = await writeForUser(store, user, async (trx) => {
      if (idempotencyKey) {
        const previous = await findIdempotencyKey(trx, user, idempotencyKey);
        if (previous && !secrets.matches(requestText, previous.request_hash)) {
          throw new HttpError(422, ErrorCode.idempotencyKeyReused, 'This Idempotency-Key was used with a different request.', 'Idempotency-Key');
        }
        if (previous && (await getCredential(trx, user, previous.credential_id))) {
          return { created: false, credential: await present(trx, request, previous.credential_id) };
        }
      }
      const outcome = await connectAccount(trx, user, {
        integration,
        accountType: accountType.id,
        sealedSecret: sealSecret(secrets, { kind: auth.scheme, values }),
        fingerprints: installFingerprints(secrets, integration.type, values),
        ...identity,
        status: postInstallInputsOf(integration, accountType).length > 0 ? 'PENDING' : 'VALID',
        selectedCredentialId: target ? target.id : undefined,
        externalId: installOptions.externalId,
      });
      if (target) {
        await audit(trx, request, { action: 'credential.replace', target: target.id, outcome: 'ok', detail: { integration: integration.type } });
      } else if (outcome.created) {
        await audit(trx, request, {
          action: 'credential.create',
          target: outcome.credentialId,
          outcome: 'ok',
          detail: { integration: integration.type },
        });
      }
      if (idempotencyKey) await saveIdempotencyKey(trx, user, idempotencyKey, secrets.fingerprint(requestText), outcome.credentialId);
      return { created: outcome.created, credential: await present(trx, request, outcome.credentialId) };
    });
    return reply.code(created ? 201 : 200).send(credential);
  });

  api.post(
    '/projects/:projectId/sdk/credentials/:credentialId/complete-setup',
    { schema: { params: CredentialParams, body: CompleteSetupBody } },
    async (request) => {
      const { project, user } = request.sdk;
      const { credential } = await requireCredential(store, request, 'credential.complete', request.params.credentialId);
      const integration = requireIntegration(project, credential.integration_type);
      const inputs = postInstallInputsOf(integration, findAccountType(integration, credential.account_type ?? undefined));
      if (inputs.length === 0) {
        throw new HttpError(400, ErrorCode.invalidRequest, `${integration.name} has no setup step after connecting.`);
      }
      const values = validateInstallValues(inputs, request.body.payload, integration.name, 'payload');
      return writeForUser(store, user, async (trx) => {
        // The answers join what is known of the account (a site picked after OAuth, a company name).
        const providerData = { ...(JSON.parse(credential.provider_data) as object), ...values };
        await updateCredential(trx, user, credential.id, { status: 'VALID', provider_data: JSON.stringify(providerData) });
        await audit(trx, request, { action: 'credential.complete', target: credential.id, outcome: 'ok', detail: { inputs: Object.keys(values) } });
        return present(trx, request, credential.id);
      });
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

      return writeForUser(store, user, async (trx) => {
        const outcome = await updateConfiguration(trx, user, configuration.id, version, (row) => {
          const shared = JSON.stringify(mergeChanges(JSON.parse(row.shared_settings) as Record<string, ConnectInputValue>, sharedChanges ?? {}));
          const workflows = JSON.stringify(applyWorkflowChanges(JSON.parse(row.workflow_settings) as Record<string, WorkflowState>, workflowChanges));
          return shared === row.shared_settings && workflows === row.workflow_settings
            ? null
            : { shared_settings: shared, workflow_settings: workflows };
        });
        if (outcome.status === 'stale') throw staleWrite(reply, outcome.row, 'settings');
        reply.header('ETag', etagOf(outcome.row));
        if (outcome.status === 'updated') {
          await audit(trx, request, {
            action: 'credential.update',
            target: credential.id,
            outcome: 'ok',
            detail: { configuration: configuration.id, sharedSettings: Object.keys(sharedChanges ?? {}), workflows: Object.keys(workflowChanges) },
          });
        }
        return present(trx, request, credential.id);
      });
    },
  );

  api.post(
    '/projects/:projectId/sdk/credentials/:credentialId/configurations',
    { schema: { params: CredentialParams, body: CreateConfigurationBody } },
    async (request, reply) => {
      const { project, user } = request.sdk;
      const { credential } = await requireCredential(store, request, 'configuration.create', request.params.credentialId);
      const integration = requireIntegration(project, credential.integration_type);
      const row = await writeForUser(store, user, async (trx) => {
        const created = await createConfiguration(trx, user, credential.id, initialSettings(integration), request.body?.externalId);
        await audit(trx, request, { action: 'configuration.create', target: created.id, outcome: 'ok', detail: { credential: credential.id } });
        return created;
      });
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
      const outcome = await writeForUser(store, user, async (trx) => {
        const result = await updateConfiguration(trx, user, configuration.id, version, (row) => {
          const meta = JSON.stringify(mergeChanges(JSON.parse(row.config_meta) as Record<string, unknown>, request.body.meta));
          assertWithinSize(meta, MAX_CONFIGURATION_META_BYTES, 'meta');
          return meta === row.config_meta ? null : { config_meta: meta };
        });
        if (result.status === 'stale') throw staleWrite(reply, result.row, 'configuration');
        if (result.status === 'updated') {
          await audit(trx, request, {
            action: 'configuration.update',
            target: configuration.id,
            outcome: 'ok',
            detail: { keys: Object.keys(request.body.meta) },
          });
        }
        return result;
      });
      reply.header('ETag', etagOf(outcome.row));
      return presentConfiguration(outcome.row);
    },
  );

  api.delete(
    '/projects/:projectId/sdk/credentials/:credentialId/configurations',
    { schema: { params: CredentialParams, headers: SelectionHeaders } },
    async (request) => {
      const { user } = request.sdk;
      const found = await requireCredential(store, request, 'configuration.delete', request.params.credentialId);
      const configuration = await namedConfiguration(request, 'configuration.delete', found);
      if (configuration.is_default === 1) {
        throw new HttpError(
          400,
          ErrorCode.invalidRequest,
          'The default configuration cannot be deleted; uninstall the account instead.',
          CONFIGURATION_HEADER,
        );
      }
      await writeForUser(store, user, async (trx) => {
        await deleteConfiguration(trx, user, configuration.id);
        await audit(trx, request, {
          action: 'configuration.delete',
          target: configuration.id,
          outcome: 'ok',
          detail: { credential: found.credential.id },
        });
      });
      return { id: configuration.id, deleted: true };
    },
  );
}
