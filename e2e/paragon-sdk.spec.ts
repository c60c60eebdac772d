/**
 * Compatibility: the published `@useparagon/connect@2.4.0` package, unmodified, in headless
 * Chromium, pointed at this Connect server with `paragon.configureGlobal({ host }, overrideEnvs)`
 * and `setHeadless(true)`. Each test proves one SDK method twice: by what the SDK returns and by
 * what the server stored (`storedState`, read over the REST API from the test process).
 *
 * Every test has its own user with two API-key accounts, connected over REST before the SDK signs
 * in, and its own browser context, so the SDK's persisted state (localStorage) never leaks.
 * docs/compatibility.md sums up what works and what differs.
 */
import { expect, test as base, type Page, type Request } from '@playwright/test';
import type { AuthenticatedConnectUser } from '@useparagon/connect';
import type { ConnectCredential } from '../protocol/src/rest.js';
import { CONNECT_URL, PROJECT_ID, freshUser, signDemoToken, signInAtSandbox, storedState } from './helpers.js';
import { CRM, HOST_ORIGIN, bundleParagonSdk, connectApiKeyAccount, openSdkPage, sdkCalls, type Paragon } from './paragon-sdk/harness.js';

/** The SDK singleton the test page puts on `window`; only used inside `page.evaluate`. */
declare const paragon: Paragon;

interface SdkSession {
  page: Page;
  user: string;
  token: string;
  /** The first account connected (externalId `acme-first`): the SDK's "selected" one. */
  first: ConnectCredential;
  second: ConnectCredential;
  /** Every request the page made, REST calls and their preflights included. */
  requests: Request[];
}

const test = base.extend<{ sdk: SdkSession }, { sdkBundle: string }>({
  // Bundled once per worker from node_modules; never written to disk.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring; it has none
  sdkBundle: [async ({}, use) => use(await bundleParagonSdk()), { scope: 'worker' }],

  sdk: async ({ page, sdkBundle }, use) => {
    const user = freshUser('paragon-sdk');
    const token = await signDemoToken(user);
    const first = await connectApiKeyAccount(token, `acme_live_first_${user}`, 'acme-first');
    const second = await connectApiKeyAccount(token, `acme_live_second_${user}`);
    const requests = await openSdkPage(page, sdkBundle);
    await use({ page, user, token, first, second, requests });

    // Whatever the test did, the SDK talked to the host page's origin and this server only.
    const elsewhere = requests.map((request) => request.url()).filter((url) => ![HOST_ORIGIN, CONNECT_URL].includes(new URL(url).origin));
    expect(elsewhere).toEqual([]);
  },
});

// ---------------------------------------------------------------------------------------------
// Small helpers. Functions passed to page.evaluate run in the page, where `paragon` is the SDK.

async function authenticate({ page, token }: SdkSession): Promise<void> {
  await page.evaluate(([projectId, jwt]) => paragon.authenticate(projectId, jwt), [PROJECT_ID, token] as const);
}

async function sdkUser(page: Page): Promise<AuthenticatedConnectUser> {
  const user = await page.evaluate(() => paragon.getUser());
  if (!user.authenticated) throw new Error('The SDK is not signed in.');
  return user;
}

/** The shape shared by `/sdk/me` and the SDK's user state: each account with its configurations. */
interface AccountsOf {
  integrations: {
    [type: string]:
      | {
          allCredentials: readonly {
            id: string;
            configurations: readonly { isDefault: boolean; sharedSettings: object; workflowSettings: object }[];
          }[];
        }
      | undefined;
  };
}

/** Each CRM account's default configuration, by credential id. */
function defaultConfigurations(state: AccountsOf) {
  return Object.fromEntries(
    (state.integrations[CRM.type]?.allCredentials ?? []).map((credential) => [
      credential.id,
      credential.configurations.find((configuration) => configuration.isDefault)!,
    ]),
  );
}

const sharedSettingsOf = (state: AccountsOf) =>
  Object.fromEntries(Object.entries(defaultConfigurations(state)).map(([id, configuration]) => [id, configuration.sharedSettings]));

const workflowSettingsOf = (state: AccountsOf) =>
  Object.fromEntries(Object.entries(defaultConfigurations(state)).map(([id, configuration]) => [id, configuration.workflowSettings]));

/** The workflows turned on, per credential id. */
const enabledWorkflowsOf = (state: AccountsOf) =>
  Object.fromEntries(
    Object.entries(workflowSettingsOf(state)).map(([id, settings]) => [
      id,
      Object.entries(settings as Record<string, { enabled: boolean }>)
        .filter(([, workflow]) => workflow.enabled)
        .map(([workflowId]) => workflowId),
    ]),
  );

/** The last REST request (not preflight) with this method whose path starts with `path`. */
function lastCall(requests: readonly Request[], method: string, path: string): Request {
  const prefix = `${CONNECT_URL}/projects/${PROJECT_ID}${path}`;
  const found = requests.filter((request) => request.method() === method && request.url().startsWith(prefix)).at(-1);
  if (!found) throw new Error(`No ${method} ${path} was sent; sent: ${sdkCalls(requests).join(', ')}`);
  return found;
}

/** The server's JSON error, as the SDK rejects with it: `new Error(JSON.stringify(body))`. */
const serverError = (message: string) => JSON.parse(message) as { error: { code: string; message: string; field?: string } };

const DEFAULT_SHARED = { pipeline: 'Sales', syncArchived: false };
const NO_WORKFLOW_ON = { enabled: false, settings: {} };
const DEFAULT_WORKFLOWS = { 'wf-sync-contacts': NO_WORKFLOW_ON, 'wf-deal-won': NO_WORKFLOW_ON, 'wf-nightly-export': NO_WORKFLOW_ON };

// ---------------------------------------------------------------------------------------------

test.describe('published @useparagon/connect@2.4.0, headless, against this server', () => {
  test('authenticate resolves and getUser() shows both accounts in allCredentials, as stored, without the token', async ({ sdk }) => {
    await authenticate(sdk);
    // It signed in by reading the user and the integrations, nothing else.
    expect(sdkCalls(sdk.requests).sort()).toEqual(['GET /sdk/integrations', 'GET /sdk/me']);

    const user = await sdkUser(sdk.page);
    expect(user).toMatchObject({ authenticated: true, userId: sdk.user });
    expect(user).not.toHaveProperty('token');

    const crm = user.integrations[CRM.type]!;
    expect(crm.allCredentials.map((credential) => credential.id)).toEqual([sdk.first.id, sdk.second.id]);
    expect(crm.allCredentials.map((credential) => credential.status)).toEqual(['VALID', 'VALID']);
    // The "selected" account the server projects (first VALID), and the SDK's own allConfigurations.
    expect(crm).toMatchObject({ enabled: true, credentialId: sdk.first.id });
    expect(crm.allConfigurations.map((configuration) => configuration.connectCredentialId)).toEqual([sdk.first.id, sdk.second.id]);

    // The SDK keeps the server's accounts verbatim; no secret reached the page.
    const stored = await storedState(sdk.user);
    expect(crm.allCredentials).toEqual(stored.integrations[CRM.type]!.allCredentials);
    expect(JSON.stringify(user)).not.toContain('acme_live_');
    for (const credential of crm.allCredentials) expect(credential).not.toHaveProperty('accountAuth');
  });

  test('getIntegrationMetadata() and getIntegrationMetadata("crm") give the name and brand color', async ({ sdk }) => {
    await authenticate(sdk);
    const requestsBefore = sdk.requests.length;

    // The SDK builds `icon` itself from CDN_PUBLIC_URL; the server's metadata has no say in it.
    const crm = { type: 'crm', name: 'Acme CRM', brandColor: '#3b5bdb', icon: `${CONNECT_URL}/integrations/crm.svg` };
    const others = [
      { type: 'sandbox', name: 'Sandbox CRM', brandColor: '#0b7285', icon: `${CONNECT_URL}/integrations/sandbox.svg` },
      { type: 'sandboxSites', name: 'Sandbox Sites', brandColor: '#5f3dc4', icon: `${CONNECT_URL}/integrations/sandboxSites.svg` },
      { type: 'salesforce', name: 'Salesforce (sandbox)', brandColor: '#00a1e0', icon: `${CONNECT_URL}/integrations/salesforce.svg` },
      { type: 'slack', name: 'Slack (sandbox)', brandColor: '#4a154b', icon: `${CONNECT_URL}/integrations/slack.svg` },
    ];
    expect(await sdk.page.evaluate(() => paragon.getIntegrationMetadata())).toEqual([crm, ...others]);
    expect(await sdk.page.evaluate(() => paragon.getIntegrationMetadata('crm'))).toEqual(crm);
    const unknown = await sdk.page.evaluate(() => {
      try {
        return paragon.getIntegrationMetadata('hubspot');
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(unknown).toBe('hubspot is not a valid integration name');

    // Read from what authenticate loaded: no request. It matches the server's own metadata.
    expect(sdk.requests.length).toBe(requestsBefore);
    const response = await fetch(`${CONNECT_URL}/projects/${PROJECT_ID}/sdk/integrations/crm`, {
      headers: { authorization: `Bearer ${sdk.token}` },
    });
    expect(await response.json()).toMatchObject({ type: crm.type, name: crm.name, brandColor: crm.brandColor });
  });

  test('updateIntegrationUserSettings with selectedCredentialId changes only that account, merging', async ({ sdk }) => {
    await authenticate(sdk);
    const { first, second, page } = sdk;

    const result = await page.evaluate(
      (id) => paragon.updateIntegrationUserSettings('crm', { pipeline: 'Enterprise' }, { selectedCredentialId: id }),
      second.id,
    );
    const afterFirstWrite = { [first.id]: DEFAULT_SHARED, [second.id]: { pipeline: 'Enterprise', syncArchived: false } };
    expect(result.errors).toEqual([]);
    expect(sharedSettingsOf(result.userState)).toEqual(afterFirstWrite);
    expect(sharedSettingsOf(await storedState(sdk.user))).toEqual(afterFirstWrite);
    // Unlike getUser(), the state this method returns carries the user token (the SDK's doing).
    expect(result.userState.token).toBe(sdk.token);

    // The SDK sent the whole merged map, for that account's default configuration.
    const patch = lastCall(sdk.requests, 'PATCH', `/sdk/credentials/${second.id}`);
    expect(patch.postDataJSON()).toEqual({ config: { sharedSettings: { pipeline: 'Enterprise', syncArchived: false } } });
    expect(patch.headers()['x-paragon-credential']).toBe(second.id);
    expect(patch.headers()['x-paragon-configuration-id']).toBe(second.configurations[0]!.id);

    // A second, partial update keeps the first one.
    await page.evaluate((id) => paragon.updateIntegrationUserSettings('crm', { syncArchived: true }, { selectedCredentialId: id }), second.id);
    const afterSecondWrite = { [first.id]: DEFAULT_SHARED, [second.id]: { pipeline: 'Enterprise', syncArchived: true } };
    expect(sharedSettingsOf(await storedState(sdk.user))).toEqual(afterSecondWrite);
    expect(sharedSettingsOf(await sdkUser(page))).toEqual(afterSecondWrite);

    // A value of the wrong type: the server's 400 JSON error is what the SDK rejects with, and
    // (not being a 401/403) it leaves the SDK signed in. Nothing is written.
    const wrongType = await page.evaluate(
      (id) =>
        paragon.updateIntegrationUserSettings('crm', { pipeline: 42 }, { selectedCredentialId: id }).then(
          () => 'resolved',
          (error: Error) => error.message,
        ),
      second.id,
    );
    expect(serverError(wrongType)).toEqual({
      error: { code: 'invalid_request', message: 'Pipeline to sync must be text.', field: 'config.sharedSettings.pipeline' },
    });
    expect((await sdkUser(page)).authenticated).toBe(true);
    expect(sharedSettingsOf(await storedState(sdk.user))).toEqual(afterSecondWrite);

    // These methods match selectedCredentialId against the credential id only: "ext:" is not
    // resolved, and the SDK gives up before sending anything.
    const patchesBefore = sdkCalls(sdk.requests).filter((call) => call.startsWith('PATCH')).length;
    const byExternalId = await page.evaluate(() =>
      paragon.updateIntegrationUserSettings('crm', { pipeline: 'Ops' }, { selectedCredentialId: 'ext:acme-first' }).then(
        () => 'resolved',
        (error: Error) => error.message,
      ),
    );
    expect(byExternalId).toBe('Credential not found');
    expect(sdkCalls(sdk.requests).filter((call) => call.startsWith('PATCH')).length).toBe(patchesBefore);
  });

  test('updateWorkflowUserSettings with selectedCredentialId stores a value for that account only, and refuses a wrong type', async ({ sdk }) => {
    await authenticate(sdk);
    const { first, second, page } = sdk;

    const result = await page.evaluate(
      (id) => paragon.updateWorkflowUserSettings('crm', 'wf-sync-contacts', { batchSize: 50 }, { selectedCredentialId: id }),
      second.id,
    );
    expect(result.errors).toEqual([]);
    // The SDK PATCHes that account's whole workflowSettings map, the new value merged in.
    const withBatch = { ...DEFAULT_WORKFLOWS, 'wf-sync-contacts': { enabled: false, settings: { batchSize: 50 } } };
    const patch = lastCall(sdk.requests, 'PATCH', `/sdk/credentials/${second.id}`);
    expect(patch.postDataJSON()).toEqual({ config: { workflowSettings: withBatch } });
    expect(patch.headers()['x-paragon-credential']).toBe(second.id);
    const stored = { [first.id]: DEFAULT_WORKFLOWS, [second.id]: withBatch };
    expect(workflowSettingsOf(result.userState)).toEqual(stored);
    expect(workflowSettingsOf(await storedState(sdk.user))).toEqual(stored);

    // The server checks the value against the workflow's declared input (a NUMBER): a 400 naming
    // the field, and nothing changes (in the SDK's state either: it applies what the server answers).
    const refused = await page.evaluate(
      (id) =>
        paragon.updateWorkflowUserSettings('crm', 'wf-sync-contacts', { batchSize: 'fifty' }, { selectedCredentialId: id }).then(
          () => 'resolved',
          (error: Error) => error.message,
        ),
      second.id,
    );
    expect(serverError(refused)).toEqual({
      error: {
        code: 'invalid_request',
        message: 'Contacts per batch must be a number.',
        field: 'config.workflowSettings.wf-sync-contacts.settings.batchSize',
      },
    });
    expect(workflowSettingsOf(await storedState(sdk.user))).toEqual(stored);
    expect(workflowSettingsOf(await sdkUser(page))).toEqual(stored);
  });

  test('updateWorkflowState with selectedCredentialId turns a workflow on, then off, for that account only', async ({ sdk }) => {
    await authenticate(sdk);
    const { first, second, page } = sdk;

    const enabled = await page.evaluate((id) => paragon.updateWorkflowState({ 'wf-deal-won': true }, { selectedCredentialId: id }), second.id);
    expect(enabled.errors).toEqual([]);
    if (!enabled.user.authenticated) throw new Error('updateWorkflowState signed the user out');
    expect(enabled.user).not.toHaveProperty('token');
    const dealWonOnSecond = { [first.id]: [], [second.id]: ['wf-deal-won'] };
    expect(enabledWorkflowsOf(enabled.user)).toEqual(dealWonOnSecond);
    expect(enabledWorkflowsOf(await storedState(sdk.user))).toEqual(dealWonOnSecond);

    // POST /sdk/workflows/:id with no body; the account and configuration are in headers.
    const post = lastCall(sdk.requests, 'POST', '/sdk/workflows/wf-deal-won');
    expect(post.postData() ?? '').toBe('');
    expect(post.headers()['x-paragon-credential']).toBe(second.id);
    expect(post.headers()['x-paragon-configuration-id']).toBe(second.configurations[0]!.id);

    // The SDK checks its own state first: asking again is an error it reports without a request.
    const callsBefore = sdkCalls(sdk.requests).length;
    const again = await page.evaluate((id) => paragon.updateWorkflowState({ 'wf-deal-won': true }, { selectedCredentialId: id }), second.id);
    expect(again.errors).toEqual([{ workflowId: 'wf-deal-won', message: 'Workflow wf-deal-won is already enabled for this user.' }]);
    expect(sdkCalls(sdk.requests).length).toBe(callsBefore);

    // Off again: DELETE /sdk/workflows/:id, also with no body.
    const disabled = await page.evaluate((id) => paragon.updateWorkflowState({ 'wf-deal-won': false }, { selectedCredentialId: id }), second.id);
    expect(disabled.errors).toEqual([]);
    expect(lastCall(sdk.requests, 'DELETE', '/sdk/workflows/wf-deal-won').headers()['x-paragon-credential']).toBe(second.id);
    const noneOn = { [first.id]: [], [second.id]: [] };
    expect(enabledWorkflowsOf(await sdkUser(page))).toEqual(noneOn);
    expect(enabledWorkflowsOf(await storedState(sdk.user))).toEqual(noneOn);

    // Unlike the settings methods, this one also takes "ext:<externalId>": the SDK resolves it to
    // the credential id before sending it.
    const byExternalId = await page.evaluate(() =>
      paragon.updateWorkflowState({ 'wf-sync-contacts': true }, { selectedCredentialId: 'ext:acme-first' }),
    );
    expect(byExternalId.errors).toEqual([]);
    expect(lastCall(sdk.requests, 'POST', '/sdk/workflows/wf-sync-contacts').headers()['x-paragon-credential']).toBe(first.id);
    expect(enabledWorkflowsOf(await storedState(sdk.user))).toEqual({ [first.id]: ['wf-sync-contacts'], [second.id]: [] });
  });

  test('uninstallIntegration with selectedCredentialId removes only that account', async ({ sdk }) => {
    await authenticate(sdk);
    const { first, second, page } = sdk;

    await page.evaluate((id) => paragon.uninstallIntegration('crm', { selectedCredentialId: id }), first.id);

    // DELETE /sdk/integrations/:integrationId (the UUID), the account in X-Paragon-Credential.
    const remove = lastCall(sdk.requests, 'DELETE', `/sdk/integrations/${CRM.id}`);
    expect(remove.headers()['x-paragon-credential']).toBe(first.id);

    const stored = (await storedState(sdk.user)).integrations[CRM.type]!;
    expect(stored.allCredentials.map((credential) => credential.id)).toEqual([second.id]);
    const crm = (await sdkUser(page)).integrations[CRM.type]!;
    expect(crm.allCredentials.map((credential) => credential.id)).toEqual([second.id]);
    // The SDK re-selects the first remaining account, as the server's next /sdk/me would.
    expect(crm).toMatchObject({ enabled: true, credentialId: second.id });
    expect(stored).toMatchObject({ enabled: true, credentialId: second.id });
  });
  test('installIntegration("sandbox") signs in through its own pop-up (oauth-nonce, then build-oauth) and connects the account', async ({ sdk }) => {
    await authenticate(sdk);
    const { page } = sdk;
    // The SDK opens its window in the call, so the call is made in a click, as a host app would.
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.textContent = 'Connect Sandbox CRM';
      const outcome = window as unknown as { installed?: Promise<string> };
      button.addEventListener('click', () => {
        outcome.installed = paragon.installIntegration('sandbox', { allowMultipleCredentials: true }).then(
          () => 'installed',
          (error: Error) => `failed: ${error.message}`,
        );
      });
      document.body.append(button);
    });
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Connect Sandbox CRM' }).click();
    const signIn = await popup;
    // The SDK's window opens our nonce page first, with the user's token in its query.
    expect(new URL(signIn.url()).pathname).toBe(`/projects/${PROJECT_ID}/sdk/actions/oauth-nonce`);
    await signInAtSandbox(signIn, 'alice');
    expect(await page.evaluate(() => (window as unknown as { installed: Promise<string> }).installed)).toBe('installed');

    // It asked for the provider URL with build-oauth, then polled for the credential its window made.
    const build = sdk.requests.find((request) => request.url().startsWith(`${CONNECT_URL}/v2/projects/${PROJECT_ID}/sdk/actions/build-oauth`));
    expect(build, 'build-oauth was requested').toBeDefined();
    expect(sdkCalls(sdk.requests).some((call) => call.startsWith('GET /sdk/actions/session-id/'))).toBe(true);
    const stored = (await storedState(sdk.user)).integrations.sandbox!;
    expect(stored.allCredentials.map((credential) => [credential.providerId, credential.status])).toEqual([['acct_alice', 'VALID']]);
    const sandbox = (await sdkUser(page)).integrations.sandbox!;
    expect(sandbox.allCredentials.map((credential) => credential.id)).toEqual(stored.allCredentials.map((credential) => credential.id));

    // paragon.request goes to the proxy (its worker-proxy host) and calls the sandbox API as that account.
    const me = await page.evaluate(() => paragon.request<{ id: string }>('sandbox', '/me', { method: 'GET' }));
    expect(me).toMatchObject({ id: 'acct_alice' });
    expect(sdkCalls(sdk.requests)).toContain('GET /sdk/proxy/sandbox/me');
    // The API's own error reaches the host as the SDK's ProxyRequestError (whose name the SDK sets to
    // "Error") carrying the API's body, not as a bare "Failed to fetch".
    const failure = await page.evaluate(() =>
      paragon.request('sandbox', '/nothing-here').then(
        () => 'resolved',
        (error: Error & { response?: unknown }) => ({ message: error.message, response: error.response }),
      ),
    );
    expect(failure).toEqual({
      message: '{"error":"not_found","error_description":"No route GET /api/nothing-here."}',
      response: { error: 'not_found', error_description: 'No route GET /api/nothing-here.' },
    });

    // getFieldOptions reads the account's own pipelines through POST /sdk/actions.
    const options = await page.evaluate(() => paragon.getFieldOptions({ integration: 'sandbox', action: 'pipelines', search: 'renew' }));
    expect(options).toEqual({ data: [{ label: 'Anders Analytics: Renewals', value: 'pl_alice_2' }], nestedData: [], nextPageCursor: null });

    // workflow() and event() reach the workflow routes through the SDK's hermes host.
    await page.evaluate(() => paragon.updateWorkflowState({ 'wf-sandbox-count': true, 'wf-sandbox-contacts': true }));
    const counted = await page.evaluate(() => paragon.workflow('wf-sandbox-count', {}));
    expect(counted).toEqual({ account: stored.allCredentials[0]!.id, contacts: 60 });
    await page.evaluate(() => paragon.event('Signup', { name: 'Grace Hopper', email: 'grace@example.com' }));
    await expect
      .poll(async () =>
        (await page.evaluate(() => paragon.request<{ items: { name: string }[] }>('sandbox', '/contacts?search=Hopper')))!.items.map(
          (contact) => contact.name,
        ),
      )
      .toEqual(['Grace Hopper']);
    const calls = sdkCalls(sdk.requests);
    expect(calls).toContain('POST /sdk/actions');
    expect(
      calls.some((call) => call.startsWith('POST /sdk/triggers/wf-sandbox-count')),
      calls.join('\n'),
    ).toBe(true);
    expect(sdk.requests.some((request) => request.url() === `${CONNECT_URL}/v2/projects/${PROJECT_ID}/sdk/events/trigger`)).toBe(true);
  });
});
