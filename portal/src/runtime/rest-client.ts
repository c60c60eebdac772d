/**
 * The portal's only door to the Connect server. It holds the user token, sends it as a Bearer
 * token and turns error answers into `ConnectError`s that keep the server's code and message.
 */
import { ConnectError, ErrorCode } from '../../../protocol/src/errors.js';
import {
  CREDENTIAL_HEADER,
  type ApiErrorBody,
  type ConnectCredential,
  type CreateCredentialRequest,
  type CreateOAuthFlowRequest,
  type CredentialConfiguration,
  type IntegrationInfo,
  type MeResponse,
  type OAuthFlowState,
  type UpdateCredentialRequest,
  type WorkflowStateResponse,
} from '../../../protocol/src/rest.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';

const CONFIGURATION_HEADER = 'X-Paragon-Configuration-Id';

interface RequestOptions {
  body?: unknown;
  credentialId?: string;
  configurationId?: string;
  signal?: AbortSignal;
}

export type Fetch = typeof fetch;

export interface RestSession {
  /** Origin of the Connect server. */
  baseUrl: string;
  projectId: string;
  token: string;
}

export class RestClient {
  constructor(
    private readonly session: RestSession,
    private readonly fetcher: Fetch,
  ) {}

  getMe(): Promise<MeResponse> {
    return this.request('GET', '/me');
  }

  getIntegrations(): Promise<IntegrationInfo[]> {
    return this.request('GET', '/integrations');
  }

  createCredential(body: CreateCredentialRequest): Promise<ConnectCredential> {
    return this.request('POST', '/credentials', { body });
  }

  patchMe(meta: Record<string, unknown>): Promise<MeResponse> {
    return this.request('PATCH', '/me', { body: { meta } });
  }

  getCredentials(integrationType?: string): Promise<ConnectCredential[]> {
    return this.request('GET', `/credentials${integrationType ? `?integration=${encodeURIComponent(integrationType)}` : ''}`);
  }

  createConfiguration(credentialId: string, externalId?: string): Promise<CredentialConfiguration> {
    return this.request('POST', `/credentials/${encodeURIComponent(credentialId)}/configurations`, { body: externalId ? { externalId } : {} });
  }

  updateConfiguration(credentialId: string, configurationId: string, meta: Record<string, unknown>): Promise<CredentialConfiguration> {
    return this.request('PATCH', `/credentials/${encodeURIComponent(credentialId)}/configurations`, { body: { meta }, configurationId });
  }

  destroyConfiguration(credentialId: string, configurationId: string): Promise<{ id: string; deleted: true }> {
    return this.request('DELETE', `/credentials/${encodeURIComponent(credentialId)}/configurations`, { configurationId });
  }

  getCredential(credentialId: string): Promise<ConnectCredential> {
    return this.request('GET', `/credentials/${encodeURIComponent(credentialId)}`);
  }

  completeSetup(credentialId: string, payload: Record<string, ConnectInputValue>): Promise<ConnectCredential> {
    return this.request('POST', `/credentials/${encodeURIComponent(credentialId)}/complete-setup`, { body: { payload } });
  }

  /** Saves settings of one account (its default configuration, or the one named). */
  updateCredential(credentialId: string, body: UpdateCredentialRequest, configurationId?: string): Promise<ConnectCredential> {
    return this.request('PATCH', `/credentials/${encodeURIComponent(credentialId)}`, { body, configurationId });
  }

  /** Disconnects one account of an integration. */
  uninstall(integrationId: string, credentialId: string): Promise<{ credentialId: string }> {
    return this.request('DELETE', `/integrations/${encodeURIComponent(integrationId)}`, { credentialId });
  }

  setWorkflowEnabled(workflowId: string, credentialId: string, enabled: boolean, configurationId?: string): Promise<WorkflowStateResponse> {
    return this.request(enabled ? 'POST' : 'DELETE', `/workflows/${encodeURIComponent(workflowId)}`, { credentialId, configurationId });
  }

  createOAuthFlow(body: CreateOAuthFlowRequest): Promise<OAuthFlowState> {
    return this.request('POST', '/oauth/flows', { body });
  }

  /** The flow, once it ended or `waitSeconds` passed (a long poll). */
  getOAuthFlow(flowId: string, waitSeconds: number, signal?: AbortSignal): Promise<OAuthFlowState> {
    return this.request('GET', `/oauth/flows/${encodeURIComponent(flowId)}?wait=${waitSeconds}`, { signal });
  }

  cancelOAuthFlow(flowId: string): Promise<OAuthFlowState> {
    return this.request('DELETE', `/oauth/flows/${encodeURIComponent(flowId)}`);
  }

  private async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const { baseUrl, projectId, token } = this.session;
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.credentialId) headers[CREDENTIAL_HEADER] = options.credentialId;
    if (options.configurationId) headers[CONFIGURATION_HEADER] = options.configurationId;
    let response: Response;
    try {
      response = await this.fetcher(`${baseUrl}/projects/${encodeURIComponent(projectId)}/sdk${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'omit',
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ConnectError(ErrorCode.network, 'The Connect server cannot be reached. Check your connection and try again.');
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = (payload as Partial<ApiErrorBody> | undefined)?.error;
      throw new ConnectError(error?.code ?? ErrorCode.internal, error?.message ?? `The Connect server answered ${response.status}.`, error?.field);
    }
    return payload as T;
  }
}
