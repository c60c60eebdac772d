/**
 * The portal's only door to the Connect server. It holds the user token, sends it as a Bearer
 * token and turns error answers into `ConnectError`s that keep the server's code and message.
 */
import { ConnectError } from '../../../protocol/src/errors.js';
import {
  CREDENTIAL_HEADER,
  UPSTREAM_STATUS_HEADER,
  type ApiErrorBody,
  type ConnectCredential,
  type CreateCredentialRequest,
  type CreateOAuthFlowRequest,
  type CredentialConfiguration,
  type IntegrationInfo,
  type MeResponse,
  type OAuthFlowState,
  type ProxyRequestInit,
  type UpdateCredentialRequest,
  type WorkflowRunsResponse,
  type WorkflowStateResponse,
} from '../../../protocol/src/rest.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';

const CONFIGURATION_HEADER = 'X-Paragon-Configuration-Id';

export interface RequestOptions {
  /** Under `/v2/projects/…` (Paragon's event path). */
  v2?: boolean;
  body?: unknown;
  credentialId?: string;
  configurationId?: string;
  signal?: AbortSignal;
}

export type Fetch = typeof fetch;

/** JSON as its value; a body that only claims to be JSON as its text. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The server's error answer as a `ConnectError` with its code, message and field. */
function errorOf(response: Response, payload: unknown): ConnectError {
  const error = (payload as Partial<ApiErrorBody> | undefined)?.error;
  return new ConnectError(error?.code ?? 'internal_error', error?.message ?? `The Connect server answered ${response.status}.`, error?.field);
}

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

  /** `paragon.workflow`: runs a request workflow for the account; answers what it returned. */
  triggerWorkflow(workflowId: string, credentialId: string, body: unknown, query: Record<string, string>): Promise<unknown> {
    const search = new URLSearchParams(query).toString();
    return this.request('POST', `/triggers/${encodeURIComponent(workflowId)}${search ? `?${search}` : ''}`, { body: body ?? {}, credentialId });
  }

  /** `paragon.event`: queues the runs of the workflows listening to it. */
  sendEvent(name: string, payload: Record<string, unknown>, credentialId?: string): Promise<{ runs: string[] }> {
    return this.request('POST', '/events/trigger', { v2: true, body: { name, payload }, credentialId });
  }

  webhookUrl(workflowId: string, credentialId: string): Promise<{ url: string }> {
    return this.request('GET', `/workflows/${encodeURIComponent(workflowId)}/webhook-url`, { credentialId });
  }

  /** A page of a data source's options, read from the account (`getFieldOptions`). */
  fieldOptions(
    integrationType: string,
    sourceKey: string,
    credentialId: string | undefined,
    { search, cursor, parameters = {} }: { search?: string; cursor?: string | null; parameters?: Readonly<Record<string, string>> },
    signal?: AbortSignal,
  ): Promise<{ output: { records: { label: string; value: string }[]; nextPageCursor: string | null } }> {
    return this.request('POST', '/actions', {
      body: {
        action: integrationType,
        sourceKey,
        parameters: Object.entries(parameters).map(([key, value]) => ({ key, source: { type: 'VALUE', value } })),
        paginationParameters: { pageCursor: cursor ?? 0, ...(search ? { search } : {}) },
      },
      credentialId,
      signal,
    });
  }

  /** An account's task history, newest first; `before` is the previous page's `nextCursor`. */
  getRuns(credentialId: string, before?: string | null): Promise<WorkflowRunsResponse> {
    return this.request('GET', `/credentials/${encodeURIComponent(credentialId)}/runs${before ? `?before=${encodeURIComponent(before)}` : ''}`);
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

  /**
   * `paragon.request`: the integration's API called as the account, through the server's proxy.
   * Answers the API's body (JSON parsed, else text); an API's error answer becomes a
   * `proxy_request_failed` carrying it, and the server's own refusals keep their codes.
   */
  async proxy(integrationType: string, path: string, init: ProxyRequestInit): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
    // The server infers the type from the body, as Paragon's does for `Content-Type: auto`.
    if (init.body !== undefined && !hasType) headers['Content-Type'] = 'auto';
    if (init.selectedCredentialId) headers[CREDENTIAL_HEADER] = init.selectedCredentialId;
    const body =
      init.body === undefined || typeof init.body === 'string' || init.body instanceof Blob || init.body instanceof ArrayBuffer
        ? init.body
        : JSON.stringify(init.body);
    // One leading slash is the SDK's habit (`/v2/users`); a second one is kept, and refused by the server.
    const response = await this.send(`/proxy/${encodeURIComponent(integrationType)}/${path.replace(/^\//, '')}`, {
      method: init.method ?? 'GET',
      headers,
      body,
    });
    const text = await response.text();
    const isJson = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
    let parsed: unknown = text === '' ? undefined : text;
    if (isJson && text !== '') parsed = parseJson(text);
    const upstreamStatus = response.headers.get(UPSTREAM_STATUS_HEADER);
    if (response.ok) return parsed;
    if (upstreamStatus === null) throw errorOf(response, parsed);
    throw new ConnectError('proxy_request_failed', `${integrationType}'s API answered ${response.status}.`, undefined, {
      status: response.status,
      body: parsed,
    });
  }

  private async send(path: string, init: RequestInit & { headers: Record<string, string> }, v2 = false): Promise<Response> {
    const { baseUrl, projectId, token } = this.session;
    try {
      return await this.fetcher(`${baseUrl}${v2 ? '/v2' : ''}/projects/${encodeURIComponent(projectId)}/sdk${path}`, {
        ...init,
        // Last, so that no caller's header replaces it.
        headers: { ...init.headers, Authorization: `Bearer ${token}` },
        credentials: 'omit',
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ConnectError('network_error', 'The Connect server cannot be reached. Check your connection and try again.');
    }
  }

  /** A call of the SDK API: `path` is under `/projects/:projectId/sdk`. What the elements loaded later (the file picker) call. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.credentialId) headers[CREDENTIAL_HEADER] = options.credentialId;
    if (options.configurationId) headers[CONFIGURATION_HEADER] = options.configurationId;
    const response = await this.send(
      path,
      { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: options.signal },
      options.v2,
    );
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorOf(response, payload);
    return payload as T;
  }
}
