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
  type IntegrationInfo,
  type MeResponse,
  type WorkflowStateResponse,
} from '../../../protocol/src/rest.js';

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

  setWorkflowEnabled(workflowId: string, credentialId: string, enabled: boolean): Promise<WorkflowStateResponse> {
    return this.request(enabled ? 'POST' : 'DELETE', `/workflows/${encodeURIComponent(workflowId)}`, { credentialId });
  }

  private async request<T>(method: string, path: string, options: { body?: unknown; credentialId?: string } = {}): Promise<T> {
    const { baseUrl, projectId, token } = this.session;
    const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${token}` };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.credentialId) headers[CREDENTIAL_HEADER] = options.credentialId;
    let response: Response;
    try {
      response = await this.fetcher(`${baseUrl}/projects/${encodeURIComponent(projectId)}/sdk${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: 'omit',
      });
    } catch {
      throw new ConnectError(ErrorCode.network, 'The Connect server cannot be reached. Check your connection and try again.');
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = (payload as Partial<ApiErrorBody> | undefined)?.error;
      throw new ConnectError(error?.code ?? ErrorCode.internal, error?.message ?? `The Connect server answered ${response.status}.`);
    }
    return payload as T;
  }
}
