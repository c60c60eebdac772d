/**
 * Turns config and rows into the Paragon-shaped payloads of `protocol/src/rest.ts`.
 * Nothing secret is read here: `sealed_secret` is never copied into a response.
 */
import type {
  ConnectCredential,
  ConnectInputValue,
  CredentialConfiguration,
  IntegrationInfo,
  MeResponse,
  SDKIntegrationState,
  UserMeta,
  WorkflowMeta,
  WorkflowState,
  IntegrationMetadata,
} from '../../protocol/src/rest.js';
import { accountTypesOf, preInstallInputsOf } from './config/integration.js';
import type { IntegrationConfig, ProjectConfig } from './config/load.js';
import type { ConfigurationRow, CredentialWithConfigurations, MeRow } from './store/credentials.js';

/** Paragon's plan features this server offers, as `/me` reports them to its SDK. */
const ACCESSIBLE_FEATURES = ['headless-cp', 'user-metadata'];

export function presentConfiguration(row: ConfigurationRow): CredentialConfiguration {
  return {
    id: row.id,
    connectCredentialId: row.credential_id,
    isDefault: row.is_default === 1,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    sharedSettings: JSON.parse(row.shared_settings) as Record<string, ConnectInputValue>,
    workflowSettings: JSON.parse(row.workflow_settings) as Record<string, WorkflowState>,
    configMeta: JSON.parse(row.config_meta) as Record<string, unknown>,
    dateCreated: row.created_at,
    dateUpdated: row.updated_at,
  };
}

/**
 * A credential as the API shows it. `legacyConfig` adds Paragon's deprecated `config` block (the
 * default configuration's settings, three times over); only the REST credential endpoints show
 * it, `/me` does not, which keeps that hot answer half the size.
 */
export function presentCredential(
  project: ProjectConfig,
  integration: IntegrationConfig,
  { credential, configurations }: CredentialWithConfigurations,
  { legacyConfig = true } = {},
): ConnectCredential {
  const presented = configurations.map(presentConfiguration);
  const defaults = presented.find((configuration) => configuration.isDefault);
  return {
    id: credential.id,
    projectId: project.id,
    integrationId: integration.id,
    personaId: credential.user_id,
    status: credential.status,
    isPreviewCredential: false,
    providerId: credential.provider_id,
    providerData: JSON.parse(credential.provider_data) as ConnectCredential['providerData'],
    ...(credential.external_id ? { externalId: credential.external_id } : {}),
    configurations: presented,
    ...(legacyConfig && {
      config: {
        sharedSettings: defaults?.sharedSettings ?? {},
        workflowSettings: defaults?.workflowSettings ?? {},
        configuredWorkflows: defaults?.workflowSettings ?? {},
      },
    }),
    dateCreated: credential.created_at,
    dateUpdated: credential.updated_at,
    dateDeleted: null,
  };
}

/** One integration's state; the selected credential is the first VALID one, as in Paragon. */
function presentIntegrationState(credentials: ConnectCredential[]): SDKIntegrationState {
  const selected = credentials.find((credential) => credential.status === 'VALID') ?? credentials[0];
  const configuration = selected?.configurations.find((candidate) => candidate.isDefault);
  return {
    enabled: selected?.status === 'VALID',
    allCredentials: credentials,
    ...(selected && {
      credentialId: selected.id,
      credentialStatus: selected.status,
      providerId: selected.providerId,
      providerData: selected.providerData,
    }),
    ...(configuration && {
      credentialConfigId: configuration.id,
      sharedSettings: configuration.sharedSettings,
      workflowSettings: configuration.workflowSettings,
      configMeta: configuration.configMeta,
      ...(configuration.externalId ? { externalId: configuration.externalId } : {}),
    }),
  };
}

export function presentMe(project: ProjectConfig, rows: CredentialWithConfigurations[], meta: UserMeta): MeResponse {
  const integrations: Record<string, SDKIntegrationState> = {};
  for (const integration of project.integrations) {
    const credentials = rows
      .filter((row) => row.credential.integration_type === integration.type)
      .map((row) => presentCredential(project, integration, row, { legacyConfig: false }));
    integrations[integration.type] = presentIntegrationState(credentials);
  }
  return { integrations, meta, resources: [], project: { id: project.id, accessibleFeatures: ACCESSIBLE_FEATURES } };
}

/**
 * `JSON.stringify(presentMe(...))`, byte for byte, written straight from `listMeRows` for the
 * user `personaId`: the stored JSON columns (settings, provider data, metadata) are spliced in as
 * they are instead of parsed and serialized again. That is exact because every writer stores
 * them as `JSON.stringify` output, which parsing and serializing once more reproduces unchanged.
 * A test holds the two equal; change them together.
 */
export function serializeMe(project: ProjectConfig, personaId: string, rows: MeRow[], metaJson: string): string {
  const common = `"projectId":${JSON.stringify(project.id)}`;
  const persona = `"personaId":${JSON.stringify(personaId)}`;
  interface Credential {
    type: string;
    valid: boolean;
    /** `"credentialId"` to `"providerData"`: what the integration state tells of its selected credential. */
    selection: string;
    /** The credential's JSON around its integration's id and its configurations. */
    head: string;
    tail: string;
    configurations: string[];
    close: string;
    /** The default configuration's fields, as the integration state repeats them. */
    defaults?: string;
  }
  const credentials: Credential[] = [];
  let last: string | undefined;
  for (const row of rows) {
    const [id, type, status, providerId, providerData, externalId, created, updated] = row;
    const [, , , , , , , , configurationId, isDefault, configurationExternalId, settings, configurationCreated, configurationUpdated] = row;
    if (id !== last) {
      last = id;
      const ids = JSON.stringify(id);
      const quotedStatus = JSON.stringify(status);
      const provider = `"providerId":${JSON.stringify(providerId)},"providerData":${providerData}`;
      credentials.push({
        type,
        valid: status === 'VALID',
        selection: `"credentialId":${ids},"credentialStatus":${quotedStatus},${provider}`,
        head: `{"id":${ids},${common},"integrationId":`,
        tail:
          `,${persona},"status":${quotedStatus},"isPreviewCredential":false,${provider}` +
          (externalId ? `,"externalId":${JSON.stringify(externalId)}` : '') +
          `,"configurations":[`,
        configurations: [],
        close: `],"dateCreated":${JSON.stringify(created)},"dateUpdated":${JSON.stringify(updated)},"dateDeleted":null}`,
      });
    }
    if (configurationId === null) continue;
    const credential = credentials.at(-1)!;
    const external = configurationExternalId ? `,"externalId":${JSON.stringify(configurationExternalId)}` : '';
    credential.configurations.push(
      `{"id":${JSON.stringify(configurationId)},"connectCredentialId":${JSON.stringify(id)},"isDefault":${isDefault === 1}${external}` +
        `,${settings},"dateCreated":${JSON.stringify(configurationCreated)},"dateUpdated":${JSON.stringify(configurationUpdated)}}`,
    );
    if (isDefault === 1 && credential.defaults === undefined)
      credential.defaults = `,"credentialConfigId":${JSON.stringify(configurationId)},${settings}${external}`;
  }
  const integrations: Record<string, string> = {};
  for (const integration of project.integrations) {
    const mine = credentials.filter((credential) => credential.type === integration.type);
    const integrationId = JSON.stringify(integration.id);
    const all = mine.map(({ head, tail, configurations, close }) => `${head}${integrationId}${tail}${configurations.join(',')}${close}`);
    const selected = mine.find((credential) => credential.valid) ?? mine[0];
    integrations[integration.type] =
      `{"enabled":${selected?.valid === true},"allCredentials":[${all.join(',')}]` +
      (selected ? `,${selected.selection}${selected.defaults ?? ''}` : '') +
      '}';
  }
  // Assigned to an object above, as presentMe does, so that the keys come out in the same order.
  const states = Object.entries(integrations).map(([type, state]) => `${JSON.stringify(type)}:${state}`);
  return (
    `{"integrations":{${states.join(',')}},"meta":${metaJson},"resources":[]` +
    `,"project":{"id":${JSON.stringify(project.id)},"accessibleFeatures":${JSON.stringify(ACCESSIBLE_FEATURES)}}}`
  );
}

/** What a browser may know of a workflow: never its module's path, its timeout or its retries. */
function workflowMetas(integration: IntegrationConfig): WorkflowMeta[] {
  return (integration.workflows ?? []).map(({ id, description, infoText, defaultEnabled, hidden, inputs, trigger }, order) => ({
    id,
    description,
    ...(infoText !== undefined && { infoText }),
    ...(defaultEnabled !== undefined && { defaultEnabled }),
    ...(hidden !== undefined && { hidden }),
    order,
    inputs: inputs ?? [],
    ...(trigger && { trigger: trigger.type }),
  }));
}

/** The integration as `getIntegrationMetadata` and `getIntegrationConfig` know it. */
export function presentMetadata(integration: IntegrationConfig): IntegrationMetadata {
  const workflows = workflowMetas(integration);
  return {
    type: integration.type,
    name: integration.name,
    ...(integration.icon ? { icon: integration.icon } : {}),
    brandColor: integration.brandColor,
    shortDescription: integration.shortDescription,
    longDescription: integration.longDescription ?? '',
    availableUserSettings: integration.userSettings ?? [],
    availableWorkflows: workflows.filter((workflow) => !workflow.hidden),
    hiddenWorkflows: workflows.filter((workflow) => workflow.hidden),
  };
}

const AUTHENTICATION_TYPES = { api_key: 'api_key', basic: 'basic', oauth2: 'oauth' } as const;

export function presentIntegration(project: ProjectConfig, integration: IntegrationConfig, hasCredential: boolean): IntegrationInfo {
  const workflows = integration.workflows ?? [];
  const { auth } = integration;
  const scheme = AUTHENTICATION_TYPES[auth.scheme];
  const preInstall = preInstallInputsOf(integration);
  return {
    id: integration.id,
    type: integration.type,
    name: integration.name,
    ...(integration.icon ? { icon: integration.icon } : {}),
    brandColor: integration.brandColor,
    projectId: project.id,
    isActive: true,
    authenticationType: scheme,
    configs: [
      {
        values: {
          accentColor: integration.brandColor,
          description: integration.shortDescription,
          overview: integration.longDescription,
          workflowMeta: Object.fromEntries(workflowMetas(integration).map((workflow) => [workflow.id, workflow])),
          sharedMeta: { inputs: integration.userSettings ?? [] },
        },
      },
    ],
    workflows: workflows.map((workflow) => ({ id: workflow.id, description: workflow.description, integrationId: integration.id })),
    hasCredential,
    needPreOauthInputs: preInstall.length > 0,
    sdkIntegrationConfig: {
      authConfigInputs: scheme === 'oauth' ? [] : preInstall,
      oauthInputs: scheme === 'oauth' ? preInstall : [],
      postOauthInputs: auth.postInstallInputs ?? [],
      accountTypes: accountTypesOf(integration).map((type) => ({
        id: type.id,
        scheme,
        label: type.label,
        ...(type.description ? { description: type.description } : {}),
        ...(type.preInstallInputs ? { endUserSuppliedValues: type.preInstallInputs } : {}),
        ...(type.skipPostInstallInputs ? { skipPostOAuthInputs: true } : {}),
      })),
      ...(auth.instructions ? { instructions: { content: auth.instructions.content, ctas: auth.instructions.ctas ?? [] } } : {}),
      // Paragon's descriptor of a dynamic source, for `getDataSourceOptions` and `getSourcesForInput`;
      // how each is read (its path, its fields) stays on the server.
      dataSources: Object.fromEntries(
        Object.keys(integration.dataSources ?? {}).map((key) => [
          key,
          { type: 'DYNAMIC_DATA_SOURCE', cacheKey: key, title: key, refreshDependencies: [] },
        ]),
      ),
      ...(integration.files ? { filePicker: true as const } : {}),
    },
  };
}

/** The settings a new credential starts with: each setting's default, each workflow's `defaultEnabled`. */
export function initialSettings(integration: IntegrationConfig): {
  sharedSettings: Record<string, ConnectInputValue>;
  workflowSettings: Record<string, WorkflowState>;
} {
  const sharedSettings: Record<string, ConnectInputValue> = {};
  for (const setting of integration.userSettings ?? []) {
    if (setting.defaultValue !== undefined) sharedSettings[setting.id] = setting.defaultValue;
  }
  const workflowSettings = Object.fromEntries(
    (integration.workflows ?? []).map((workflow) => [workflow.id, { enabled: workflow.defaultEnabled ?? false, settings: {} }]),
  );
  return { sharedSettings, workflowSettings };
}
