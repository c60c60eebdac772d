/**
 * What every SDK route shares: the verified caller (project + user from the token), the
 * services, the per-user rate limit, the audit log, and the lookups that turn "not yours" into
 * a 404 that is also written down as a denial.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { CREDENTIAL_HEADER } from '../../../protocol/src/rest.js';
import { accountTypesOf, findAccountType } from '../config/integration.js';
import type { AccountTypeConfig, ConnectConfig, IntegrationConfig, ProjectConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import type { TokenService } from '../oauth/tokens.js';
import type { Upstream } from '../proxy/upstream.js';
import type { WorkflowService } from '../workflows/workflows.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { recordAudit, type AuditEntry } from '../store/audit.js';
import {
  findConfiguration,
  findFirstValidCredential,
  getCredential,
  type ConfigurationRow,
  type CredentialWithConfigurations,
} from '../store/credentials.js';
import type { Store } from '../store/database.js';
import { VerifiedTokenCache, verifyUserToken, type VerifiedUser } from '../tokens.js';

export const CONFIGURATION_HEADER = 'X-Paragon-Configuration-Id';

export interface Services {
  config: ConnectConfig;
  store: Store;
  secrets: SecretBox;
  /** Counts a request for a user; answers whether it may proceed. */
  rateLimit: (key: string) => { allowed: boolean; retryAfterSeconds: number };
  /** Counts a failed authentication from a client address, likewise. */
  authFailureLimit: (key: string) => { allowed: boolean; retryAfterSeconds: number };
  /** Keep serialized `/me` answers while the user's state version is unchanged. */
  cacheUserState: boolean;
  /** Working access tokens of OAuth accounts, refreshed as needed. */
  tokens: TokenService;
  /** Calls an integration's API as one of the user's accounts (proxy, workflows, data sources). */
  upstream: Upstream;
  /** Runs workflows, and keeps their task history. */
  workflows: WorkflowService;
}

export interface SdkContext {
  project: ProjectConfig;
  user: VerifiedUser;
}

declare module 'fastify' {
  interface FastifyRequest {
    sdk: SdkContext;
  }
}

export function findProject(config: ConnectConfig, projectId: string): ProjectConfig {
  const project = config.projects.get(projectId);
  if (!project) throw new HttpError(404, ErrorCode.projectNotFound, `There is no project "${projectId}" on this Connect server.`);
  return project;
}

/** Verifies the token and counts the request against the user's rate limit. */
export function authenticateRequests(app: FastifyInstance, { config, store, rateLimit, authFailureLimit }: Services): void {
  const verified = new VerifiedTokenCache();
  app.decorateRequest('sdk', null as unknown as SdkContext);
  app.addHook('preHandler', async (request, reply) => {
    const { projectId } = request.params as { projectId: string };
    const project = findProject(config, projectId);
    let user: VerifiedUser;
    try {
      user = await verifyUserToken(project, request.headers.authorization, verified);
    } catch (error) {
      // Failures are audited, but a client sending bad tokens in bulk must not fill the store:
      // past its limit it gets 429s, and no more rows.
      const verdict = authFailureLimit(request.ip);
      if (!verdict.allowed) {
        reply.header('Retry-After', String(verdict.retryAfterSeconds));
        throw new HttpError(429, ErrorCode.rateLimited, `Too many failed sign-ins from this address; retry in ${verdict.retryAfterSeconds} s.`);
      }
      await recordAudit(store, {
        projectId: project.id,
        userId: null,
        requestId: request.id,
        action: 'authenticate',
        outcome: 'denied',
        detail: { code: (error as HttpError).code },
      });
      throw error;
    }
    const verdict = rateLimit(`${project.id}\u0000${user.userId}`);
    if (!verdict.allowed) {
      reply.header('Retry-After', String(verdict.retryAfterSeconds));
      throw new HttpError(429, ErrorCode.rateLimited, `Too many requests for this user; retry in ${verdict.retryAfterSeconds} s.`);
    }
    request.sdk = { project, user };
  });
}

export function audit(store: Store, request: FastifyRequest, entry: Omit<AuditEntry, 'projectId' | 'userId' | 'requestId'>) {
  return recordAudit(store, { ...entry, projectId: request.sdk.project.id, userId: request.sdk.user.userId, requestId: request.id });
}

/** Writes a denial and returns the 404 to throw: the caller learns nothing about others' ids. */
async function denied(store: Store, request: FastifyRequest, action: string, target: string, error: HttpError): Promise<HttpError> {
  await audit(store, request, { action, target, outcome: 'denied', detail: { code: error.code } });
  return error;
}

/**
 * Refuses a merged object (user or configuration metadata) past its size bound, naming the field.
 * Thrown inside the write's transaction, so nothing is stored.
 */
export function assertWithinSize(json: string, maxBytes: number, field: string): void {
  const bytes = Buffer.byteLength(json);
  if (bytes <= maxBytes) return;
  throw new HttpError(
    400,
    ErrorCode.invalidRequest,
    `${field} would be ${bytes} bytes of JSON with this change; at most ${maxBytes} are kept. Remove keys (set them to null) first.`,
    field,
  );
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function findIntegration(project: ProjectConfig, idOrType: string): IntegrationConfig | undefined {
  return project.integrations.find((integration) => integration.id === idOrType || integration.type === idOrType);
}

export function requireIntegration(project: ProjectConfig, idOrType: string, field?: string): IntegrationConfig {
  const integration = findIntegration(project, idOrType);
  if (!integration) {
    throw new HttpError(404, ErrorCode.integrationNotFound, `Project "${project.id}" has no integration "${idOrType}".`, field);
  }
  return integration;
}

/** The integration's account type of that id (or its only one, when none is named), or a 400 listing them. */
export function requireAccountType(integration: IntegrationConfig, id: string | undefined, field = 'installOptions.accountType'): AccountTypeConfig {
  const accountType = findAccountType(integration, id);
  if (accountType) return accountType;
  const choices = accountTypesOf(integration)
    .map((type) => `"${type.id}"`)
    .join(', ');
  throw new HttpError(
    400,
    ErrorCode.invalidRequest,
    id ? `${integration.name} has no account type "${id}"; choose one of ${choices}.` : `Choose an account type: ${choices}.`,
    field,
  );
}

/** The caller's credential by id or `externalId`, or a 404 recorded as a denial. */
export async function requireCredential(
  store: Store,
  request: FastifyRequest,
  action: string,
  idOrExternalId: string,
  field?: string,
): Promise<CredentialWithConfigurations> {
  const found = await getCredential(store, request.sdk.user, idOrExternalId);
  if (found) return found;
  throw await denied(
    store,
    request,
    action,
    idOrExternalId,
    new HttpError(404, ErrorCode.credentialNotFound, `You have no credential "${idOrExternalId}".`, field),
  );
}

/**
 * The credential `X-Paragon-Credential` names (by id, `externalId` or `ext:<externalId>`), or
 * undefined when the header is absent; a 404 recorded as a denial when it is not the caller's.
 */
export async function namedCredential(store: Store, request: FastifyRequest, action: string): Promise<CredentialWithConfigurations | undefined> {
  const named = header(request, CREDENTIAL_HEADER);
  return named === undefined ? undefined : requireCredential(store, request, action, named, CREDENTIAL_HEADER);
}

/**
 * The credential a call about an integration targets: the one named by `X-Paragon-Credential`
 * (which must be of that integration), else the user's first VALID one.
 */
export async function resolveCredential(
  store: Store,
  request: FastifyRequest,
  action: string,
  integration: IntegrationConfig,
): Promise<CredentialWithConfigurations> {
  const found = await namedCredential(store, request, action);
  if (found) {
    if (found.credential.integration_type === integration.type) return found;
    const named = header(request, CREDENTIAL_HEADER)!;
    throw await denied(
      store,
      request,
      action,
      named,
      new HttpError(404, ErrorCode.credentialNotFound, `Credential "${named}" is not a ${integration.name} account.`, CREDENTIAL_HEADER),
    );
  }
  const first = await findFirstValidCredential(store, request.sdk.user, integration.type);
  if (!first) {
    throw new HttpError(404, ErrorCode.credentialNotFound, `You have no connected ${integration.name} account; connect one first.`);
  }
  return (await getCredential(store, request.sdk.user, first.id))!;
}

/** The configuration named by `X-Paragon-Configuration-Id`, else the credential's default one. */
export async function resolveConfiguration(store: Store, request: FastifyRequest, action: string, credentialId: string): Promise<ConfigurationRow> {
  const named = header(request, CONFIGURATION_HEADER);
  const configuration = await findConfiguration(store, request.sdk.user, credentialId, named);
  if (configuration) return configuration;
  throw await denied(
    store,
    request,
    action,
    named ?? credentialId,
    new HttpError(404, ErrorCode.configurationNotFound, `Credential "${credentialId}" has no configuration "${named}".`, CONFIGURATION_HEADER),
  );
}
