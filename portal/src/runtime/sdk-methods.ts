/**
 * The SDK methods the host bridge may call through `sdk(name, args)`: the allow-list, with every
 * argument checked here before the runtime acts. The bridge only forwards (`paragon.enableWorkflow(…)`
 * becomes `sdk('enableWorkflow', […])`), so the checks and the errors live in one place, on the
 * portal's side of the boundary. A name not listed is refused; so is `constructor`.
 */
import { ConnectError } from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import type { IntegrationInfo } from '../../../protocol/src/rest.js';
import { methodTable } from '../../../protocol/src/port-rpc.js';
import type { HeadlessInstall, HeadlessStartOptions } from './headless-install.js';
import type { PortalRuntime } from './portal-runtime.js';

const invalid = (message: string): never => {
  throw new ConnectError('invalid_argument', message);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-empty string argument, or `invalid_argument` naming it. */
function text(value: unknown, name: string): string {
  return typeof value === 'string' && value.length > 0 && value.length <= 1024 ? value : invalid(`${name} must be a non-empty string.`);
}

const optionalText = (value: unknown, name: string) => (value === undefined ? undefined : text(value, name));

/** An options object (absent is `{}`). */
function options(value: unknown, name = 'options'): Record<string, unknown> {
  if (value === undefined) return {};
  return isRecord(value) ? value : invalid(`${name} must be an object when given.`);
}

/** `{ selectedCredentialId?, selectedConfigurationId? }`, as every per-account method takes. */
function selection(value: unknown) {
  const given = options(value);
  return {
    selectedCredentialId: optionalText(given.selectedCredentialId, 'selectedCredentialId'),
    selectedConfigurationId: optionalText(given.selectedConfigurationId, 'selectedConfigurationId'),
  };
}

/** A map of values (settings, install values, metadata). */
const values = (value: unknown, name: string) =>
  isRecord(value) ? (value as Record<string, ConnectInputValue>) : invalid(`${name} must be an object.`);

/** A map of strings (a request's query, its headers). */
function strings(value: unknown, name: string): Record<string, string> {
  const given = value === undefined ? {} : values(value, name);
  for (const [key, text] of Object.entries(given)) if (typeof text !== 'string') invalid(`${name}.${key} must be a string.`);
  return given as Record<string, string>;
}

/** The options of `installFlow.start` and `installIntegration`, checked. */
function installOptions(value: unknown): HeadlessStartOptions {
  const given = options(value);
  return {
    accountType: optionalText(given.accountType, 'accountType'),
    selectedCredentialId: optionalText(given.selectedCredentialId, 'selectedCredentialId'),
    externalId: optionalText(given.externalId, 'externalId'),
    allowMultipleCredentials: given.allowMultipleCredentials === true,
    oauthTimeout: typeof given.oauthTimeout === 'number' && given.oauthTimeout > 0 ? given.oauthTimeout : undefined,
  };
}

const PROXY_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** `install` loads the headless install on first use (load-headless-install.ts). */
export function sdkMethods(runtime: PortalRuntime, install: () => Promise<HeadlessInstall>) {
  /** A step of a headless install, once its file is loaded. */
  const headless = async <T>(step: (flow: HeadlessInstall) => Promise<T>) => step(await install());

  /** The integration a workflow belongs to, or `workflow_not_found`. */
  function integrationOf(workflowId: string): IntegrationInfo {
    const integration = runtime.integrations.find((candidate) => candidate.workflows.some((workflow) => workflow.id === workflowId));
    if (!integration) throw new ConnectError('workflow_not_found', `There is no workflow "${workflowId}" in this project.`);
    return integration;
  }

  async function setWorkflow(workflowId: unknown, enabled: boolean, selected: unknown) {
    const integration = integrationOf(text(workflowId, 'workflowId'));
    const { selectedCredentialId, selectedConfigurationId } = selection(selected);
    const credential = runtime.requireCredential(integration.type, selectedCredentialId);
    await runtime.saveSettings(integration, credential.id, { kind: 'workflow', workflowId: workflowId as string, enabled }, selectedConfigurationId);
  }

  const windowFlag = (opened: unknown) => opened === true;

  return methodTable({
    setUserMetadata: (meta: unknown) => runtime.setUserMetadata(values(meta, 'metadata')),

    async uninstallIntegration(type: unknown, selected: unknown) {
      const integration = runtime.requireIntegration(text(type, 'integrationType'));
      const credential = runtime.requireCredential(integration.type, selection(selected).selectedCredentialId);
      await runtime.uninstall(integration, credential.id);
    },

    enableWorkflow: (workflowId: unknown, selected: unknown) => setWorkflow(workflowId, true, selected),
    disableWorkflow: (workflowId: unknown, selected: unknown) => setWorkflow(workflowId, false, selected),

    /** Several switches, one after another; the failures are collected, as Paragon does. */
    async updateWorkflowState(changes: unknown, selected: unknown) {
      const errors: { workflowId: string; message: string }[] = [];
      for (const [workflowId, enabled] of Object.entries(values(changes, 'changes'))) {
        if (typeof enabled !== 'boolean') invalid(`changes.${workflowId} must be true or false.`);
        await setWorkflow(workflowId, enabled as boolean, selected).catch((error: Error) => errors.push({ workflowId, message: error.message }));
      }
      return { user: runtime.user, errors };
    },

    async updateIntegrationUserSettings(type: unknown, settings: unknown, selected: unknown) {
      const integration = runtime.requireIntegration(text(type, 'integrationType'));
      const { selectedCredentialId, selectedConfigurationId } = selection(selected);
      const credential = runtime.requireCredential(integration.type, selectedCredentialId);
      await runtime.saveSettings(integration, credential.id, { kind: 'shared', settings: values(settings, 'settings') }, selectedConfigurationId);
      return { userState: runtime.user, errors: [] };
    },

    async updateWorkflowUserSettings(type: unknown, workflowId: unknown, settings: unknown, selected: unknown) {
      const integration = runtime.requireIntegration(text(type, 'integrationType'));
      const workflow = text(workflowId, 'workflowId');
      const { selectedCredentialId, selectedConfigurationId } = selection(selected);
      const credential = runtime.requireCredential(integration.type, selectedCredentialId);
      await runtime.saveSettings(
        integration,
        credential.id,
        { kind: 'workflow', workflowId: workflow, settings: values(settings, 'settings') },
        selectedConfigurationId,
      );
      return { userState: runtime.user, errors: [] };
    },

    /** The integration with the selected account; its secrets never leave the server (`includeAccountAuth` is ignored). */
    async getIntegrationAccount(type: unknown, selected: unknown) {
      const integration = runtime.requireIntegration(text(type, 'integrationType'));
      const credential = runtime.requireCredential(integration.type, selection(selected).selectedCredentialId);
      return { ...integration, hasCredential: true, credentialId: credential.id, credential };
    },

    async createConfiguration(input: unknown) {
      const { credentialId, externalId } = options(input, 'configuration');
      const created = await runtime.withClient((client) =>
        client.createConfiguration(text(credentialId, 'credentialId'), optionalText(externalId, 'externalId')),
      );
      await runtime.reload();
      return created;
    },

    async updateConfiguration(input: unknown) {
      const { id, credentialId, meta } = options(input, 'configuration');
      const updated = await runtime.withClient((client) =>
        client.updateConfiguration(text(credentialId, 'credentialId'), text(id, 'id'), values(meta, 'meta')),
      );
      await runtime.reload();
      return updated;
    },

    async destroyConfiguration(input: unknown) {
      const { id, credentialId } = options(input, 'configuration');
      await runtime.withClient((client) => client.destroyConfiguration(text(credentialId, 'credentialId'), text(id, 'id')));
      await runtime.reload();
    },

    'installFlow.start': (type: unknown, startOptions: unknown, windowOpened: unknown) =>
      headless((flow) => flow.start(text(type, 'integrationType'), installOptions(startOptions), windowFlag(windowOpened))),
    /** `paragon.installIntegration` of an OAuth integration: the same flow, in or out of headless mode. */
    installIntegration: (type: unknown, startOptions: unknown, windowOpened: unknown) =>
      headless((flow) => flow.start(text(type, 'integrationType'), installOptions(startOptions), windowFlag(windowOpened), { headlessOnly: false })),
    'installFlow.setAccountType': (id: unknown, windowOpened: unknown) =>
      headless((flow) => flow.setAccountType(text(id, 'accountTypeId'), windowFlag(windowOpened))),
    'installFlow.finishInstructions': (windowOpened: unknown) => headless((flow) => flow.finishInstructions(windowFlag(windowOpened))),
    'installFlow.setPreOptions': (preOptions: unknown, windowOpened: unknown) =>
      headless((flow) => flow.setPreOptions(values(preOptions, 'values'), windowFlag(windowOpened))),
    'installFlow.setPostOptions': (postOptions: unknown) => headless((flow) => flow.setPostOptions(values(postOptions, 'values'))),
    'installFlow.cancel': () => headless((flow) => flow.cancel()),

    /** `paragon.workflow(id, { body, query, selectedCredentialId })`: a request workflow's answer. */
    async workflow(workflowId: unknown, request: unknown) {
      const integration = integrationOf(text(workflowId, 'workflowId'));
      const given = options(request, 'request');
      const query = strings(given.query, 'request.query');
      const credential = runtime.requireCredential(integration.type, optionalText(given.selectedCredentialId, 'selectedCredentialId'));
      return runtime.withClient((client) => client.triggerWorkflow(workflowId as string, credential.id, given.body, query));
    },

    /** `paragon.event(name, payload, { selectedCredentialId })`: runs every workflow listening, per account that turned it on. */
    async event(name: unknown, payload: unknown, selected: unknown) {
      const { selectedCredentialId, selectedConfigurationId } = selection(selected);
      if (selectedConfigurationId && !selectedCredentialId) invalid('selectedConfigurationId needs selectedCredentialId.');
      await runtime.withClient((client) =>
        client.sendEvent(text(name, 'name'), payload === undefined ? {} : values(payload, 'payload'), selectedCredentialId),
      );
    },
    /** `paragon.request(type, path, { method, body, headers, selectedCredentialId })`: the integration's API, as the account. */
    async request(type: unknown, path: unknown, init: unknown) {
      const integration = runtime.requireIntegration(text(type, 'integrationType'));
      if (typeof path !== 'string' || path.length > 4096) invalid('path must be a string of at most 4096 characters.');
      const given = options(init, 'init');
      const method = given.method === undefined ? 'GET' : typeof given.method === 'string' ? given.method.toUpperCase() : '';
      if (!PROXY_METHODS.has(method)) invalid(`init.method must be one of ${[...PROXY_METHODS].join(', ')}.`);
      const headers = strings(given.headers, 'init.headers');
      const credential = runtime.requireCredential(integration.type, optionalText(given.selectedCredentialId, 'selectedCredentialId'));
      try {
        return await runtime.withClient((client) =>
          client.proxy(integration.type, path as string, {
            method,
            body: given.body,
            headers,
            selectedCredentialId: credential.id,
          }),
        );
      } catch (error) {
        // The provider refused the account's grant: the server marked it INVALID, and the portal
        // shows it so (with its Reconnect button) from now on, as Paragon's SDK re-reads the user.
        if (error instanceof ConnectError && error.code === 'credential_invalid') await runtime.reload();
        throw error;
      }
    },
    /**
     * `paragon.getFieldOptions({ integration, action, search, cursor, parameters, selectedCredentialId })`:
     * a page of a data source's options, read from the account. `action` (or `source.cacheKey`) names the source.
     */
    async getFieldOptions(request: unknown) {
      const given = options(request, 'options');
      const integration = runtime.requireIntegration(text(given.integration, 'integration'));
      const sourceKey = text(given.action ?? options(given.source, 'source').cacheKey ?? given.sourceType, 'action');
      const parameters: Record<string, string> = {};
      // Paragon's `[{ key, source: { value } }]`: the values of the dropdowns this one depends on.
      for (const { key, source } of Array.isArray(given.parameters) ? (given.parameters as { key?: unknown; source?: { value?: unknown } }[]) : []) {
        if (typeof key === 'string' && typeof source?.value === 'string') parameters[key] = source.value;
      }
      const credential = runtime.requireCredential(integration.type, optionalText(given.selectedCredentialId, 'selectedCredentialId'));
      const { output } = await runtime.withClient((client) =>
        client.fieldOptions(integration.type, sourceKey, credential.id, {
          search: optionalText(given.search, 'search'),
          cursor: typeof given.cursor === 'string' && given.cursor !== '' ? given.cursor : null,
          parameters,
        }),
      );
      return { data: output.records, nestedData: [], nextPageCursor: output.nextPageCursor };
    },

    /** `paragon.getDataSourceOptions(type, sourceKey)`: the data source's descriptor, or undefined. */
    async getDataSourceOptions(type: unknown, sourceKey: unknown) {
      const { dataSources } = runtime.requireIntegration(text(type, 'integrationType')).sdkIntegrationConfig;
      const key = text(sourceKey, 'sourceKey');
      return Object.hasOwn(dataSources, key) ? dataSources[key] : undefined;
    },
    /** The account's own URL for a webhook workflow: it carries a token, so the server makes it. */
    async getCustomWebhookUserManualUrl(workflowId: unknown, credentialId: unknown) {
      const integration = integrationOf(text(workflowId, 'workflowId'));
      const credential = runtime.requireCredential(integration.type, optionalText(credentialId, 'credentialId'));
      return (await runtime.withClient((client) => client.webhookUrl(workflowId as string, credential.id))).url;
    },
    /** `picker.init({ vendor: true })`: a token for the vendor's own picker, narrowed by the server, which also checks the account (docs/file-picker.md). */
    async 'filePicker.vendorToken'(type: unknown, credentialId: unknown) {
      const { type: integrationType } = runtime.requireIntegration(text(type, 'integrationType'));
      const path = `/files/${encodeURIComponent(integrationType)}/vendor-token`;
      return runtime.withClient((client) => client.request('POST', path, { credentialId: optionalText(credentialId, 'credentialId') }));
    },
    /** `paragon.completeInstall(type, { authorizationCode, redirectUrl, integrationOptions })`. */
    async completeInstall(type: unknown, given: unknown) {
      const integration = runtime.requireIntegration(text(type, 'integrationType'));
      const { authorizationCode, redirectUrl, codeVerifier, integrationOptions } = options(given);
      const { installOptions: install } = options(integrationOptions, 'integrationOptions');
      const { selectedCredentialId, externalId, accountType, allowMultipleCredentials } = installOptions(install);
      runtime.assertInstallable(integration, { allowMultipleCredentials, selectedCredentialId });
      const credential = await runtime.completeInstall(integration, {
        code: text(authorizationCode, 'authorizationCode'),
        redirectUrl: optionalText(redirectUrl, 'redirectUrl'),
        codeVerifier: optionalText(codeVerifier, 'codeVerifier'),
        integrationOptions: { installOptions: { selectedCredentialId, externalId, accountType } },
      });
      return { credentialId: credential.id };
    },
  });
}

export type SdkMethodTable = ReturnType<typeof sdkMethods>;
