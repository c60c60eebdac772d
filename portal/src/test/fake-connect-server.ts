/**
 * A stand-in for the Connect server's SDK API, for component tests only: a `fetch` that answers
 * from memory and records every request. The real server is exercised by the server tests and
 * the end-to-end suite; here it lets a test decide the answer (an expired token, a failed save).
 */
import type { ConnectCredential, IntegrationInfo, MeResponse } from '../../../protocol/src/rest.js';

export const INTEGRATION: IntegrationInfo = {
  id: 'int-crm',
  type: 'crm',
  name: 'Acme CRM',
  brandColor: '#3b5bdb',
  projectId: 'p1',
  isActive: true,
  authenticationType: 'api_key',
  configs: [
    {
      values: {
        description: 'Sync contacts and deals.',
        workflowMeta: {
          'wf-a': { id: 'wf-a', description: 'Sync new contacts', infoText: 'Copies contacts.', order: 0, inputs: [] },
          'wf-b': { id: 'wf-b', description: 'Nightly export', order: 1, inputs: [] },
        },
        sharedMeta: { inputs: [] },
      },
    },
  ],
  workflows: [],
  hasCredential: false,
  needPreOauthInputs: true,
  sdkIntegrationConfig: {
    authConfigInputs: [{ id: 'API_KEY', type: 'PASSWORD', title: 'API key', required: true }],
    oauthInputs: [],
    postOauthInputs: [],
    accountTypes: [{ id: 'default', scheme: 'api_key' }],
    dataSources: {},
  },
};

export interface RecordedRequest {
  method: string;
  path: string;
  credential: string | null;
  body: unknown;
}

/** A JWT-shaped token for `sub`; the fake server does not verify it. */
export const fakeToken = (sub = 'alice') => `e30.${btoa(JSON.stringify({ sub })).replace(/=+$/, '')}.sig`;

export class FakeConnectServer {
  readonly requests: RecordedRequest[] = [];
  credentials: ConnectCredential[] = [];
  /** The next request with this method fails with this status and error code. */
  failures = new Map<string, { status: number; code: string; message: string }>();

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    const path = url.pathname.replace(/^\/projects\/[^/]+\/sdk/, '');
    const headers = new Headers(init.headers);
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    this.requests.push({ method, path, credential: headers.get('X-Paragon-Credential'), body });
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      return Response.json({ error: { code: failure.code, message: failure.message } }, { status: failure.status });
    }
    if (method === 'GET' && path === '/me') return Response.json(this.me());
    if (method === 'GET' && path === '/integrations') return Response.json([INTEGRATION]);
    if (method === 'POST' && path === '/credentials') return Response.json(this.addCredential(), { status: 201 });
    const workflow = /^\/workflows\/(.+)$/.exec(path);
    if (workflow) {
      const credentialId = headers.get('X-Paragon-Credential')!;
      this.setWorkflow(credentialId, workflow[1]!, method === 'POST');
      return Response.json({ workflowId: workflow[1], credentialId, enabled: method === 'POST' });
    }
    return Response.json({ error: { code: 'not_found', message: 'no route' } }, { status: 404 });
  };

  addCredential(): ConnectCredential {
    const id = `cred-${this.credentials.length + 1}`;
    const credential: ConnectCredential = {
      id,
      projectId: 'p1',
      integrationId: INTEGRATION.id,
      personaId: 'alice',
      status: 'VALID',
      isPreviewCredential: false,
      providerId: null,
      providerData: {},
      config: { sharedSettings: {}, workflowSettings: {}, configuredWorkflows: {} },
      dateDeleted: null,
      configurations: [
        {
          id: `conf-${id}`,
          connectCredentialId: id,
          isDefault: true,
          sharedSettings: {},
          workflowSettings: { 'wf-a': { enabled: false, settings: {} }, 'wf-b': { enabled: false, settings: {} } },
          configMeta: {},
          dateCreated: '2026-01-01T00:00:00.000Z',
          dateUpdated: '2026-01-01T00:00:00.000Z',
        },
      ],
      dateCreated: '2026-01-01T00:00:00.000Z',
      dateUpdated: '2026-01-01T00:00:00.000Z',
    };
    this.credentials.push(credential);
    return credential;
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  private setWorkflow(credentialId: string, workflowId: string, enabled: boolean): void {
    const configuration = this.credentials.find((credential) => credential.id === credentialId)!.configurations[0]!;
    configuration.workflowSettings[workflowId] = { enabled, settings: {} };
  }

  private me(): MeResponse {
    const credentials = structuredClone(this.credentials);
    return {
      integrations: {
        crm: {
          enabled: credentials.length > 0,
          credentialId: credentials[0]?.id,
          allCredentials: credentials,
        },
      },
      meta: {},
      resources: [],
      project: { id: 'p1', accessibleFeatures: [] },
    };
  }
}
