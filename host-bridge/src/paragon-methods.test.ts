/**
 * Every method of `paragon` against the real portal element and the real Connect server (element
 * mode): each is checked by what it answers and, for the writes, by what the server stored. Frame
 * mode, OAuth and the seed's drop-in page are in e2e/.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../portal/src/define.js';
import type { ConnectError } from '../../protocol/src/errors.js';
import type { ConnectCredential, MeResponse } from '../../protocol/src/rest.js';
import type { SessionHandOver } from '../../protocol/src/rpc.js';
import { ConnectPortal } from '../../portal/src/connect-portal/connect-portal.js';
import { api, CONNECT_URL, sessionFor } from '../../portal/src/test/connect-server.js';
import { all, click, control, fill, find, settle, until } from '../../portal/src/test/portal-fixture.js';
import { elementEmbedding } from './element.js';
import { createParagon } from './paragon.js';
import type { InstallFlowStage, Paragon } from './types.js';

interface SignedIn {
  paragon: Paragon;
  element: ConnectPortal;
  session: SessionHandOver;
  /** Two crm accounts, connected over REST before the bridge signed in. */
  first: ConnectCredential;
  second: ConnectCredential;
}

/** A host page with a modal portal element, its bridge signed in as a fresh user with two crm accounts. */
async function signedIn({ accounts = 2 } = {}): Promise<SignedIn> {
  const element = new ConnectPortal();
  element.display = 'modal';
  await fixture(html`<div>${element}</div>`);
  const session = await sessionFor();
  const connected: ConnectCredential[] = [];
  for (let index = 0; index < accounts; index += 1) {
    const body = {
      integrationId: 'crm',
      payload: { API_KEY: `key-${index}` },
      installOptions: { externalId: `acme-${index}`, allowMultipleCredentials: true },
    };
    connected.push(await api<ConnectCredential>(session, 'POST', '/credentials', body));
  }
  const paragon = createParagon({ connectUrl: CONNECT_URL, embedding: elementEmbedding(element) });
  await paragon.authenticate(session.projectId, session.token);
  return { paragon, element, session, first: connected[0]!, second: connected[1]! };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => Promise.reject(new Error('expected a rejection')),
    (error: ConnectError) => error,
  );

const me = (session: SessionHandOver) => api<MeResponse>(session, 'GET', '/me');
const stored = async (session: SessionHandOver, id: string) =>
  (await api<ConnectCredential>(session, 'GET', `/credentials/${id}`)).configurations[0]!;

describe('paragon: user and metadata', () => {
  it('setUserMetadata merges into the stored metadata and getUser() has it at once; a non-object is refused and stores nothing', async () => {
    const { paragon, session } = await signedIn({ accounts: 0 });
    const user = await paragon.setUserMetadata({ Name: 'Ada', Email: 'ada@example.test' });
    await paragon.setUserMetadata({ Email: 'ada@acme.test' });
    expect(user.authenticated && user.meta).to.deep.include({ Name: 'Ada' });
    expect(paragon.getUser()).to.have.nested.property('meta.Email', 'ada@acme.test');
    expect((await me(session)).meta).to.deep.equal({ Name: 'Ada', Email: 'ada@acme.test' });

    const refused = await failure(paragon.setUserMetadata('Ada' as never));
    expect([refused.code, refused.message]).to.deep.equal(['invalid_argument', 'metadata must be an object.']);
    expect((await me(session)).meta).to.deep.equal({ Name: 'Ada', Email: 'ada@acme.test' });
  });

  it('authenticate({ metadata }) saves it with the session', async () => {
    const element = new ConnectPortal();
    await fixture(html`<div>${element}</div>`);
    const session = await sessionFor();
    const paragon = createParagon({ connectUrl: CONNECT_URL, embedding: elementEmbedding(element) });
    await paragon.authenticate(session.projectId, session.token, { metadata: { plan: 'pro' } });
    expect((await me(session)).meta).to.deep.equal({ plan: 'pro' });
    expect(paragon.getUser()).to.have.nested.property('meta.plan', 'pro');
  });

  it('getUser() is a copy: changing it changes nothing the bridge holds', async () => {
    const { paragon } = await signedIn({ accounts: 1 });
    const user = paragon.getUser();
    if (user.authenticated) user.integrations.crm!.allCredentials.length = 0;
    const again = paragon.getUser();
    expect(again.authenticated && again.integrations.crm!.allCredentials).to.have.length(1);
    expect(paragon.getVersion()).to.equal('0.1.0');
  });
});

describe('paragon: workflows and settings of one account', () => {
  it('enableWorkflow and disableWorkflow change only the selected account, and onWorkflowChange hears them', async () => {
    const { paragon, session, first, second } = await signedIn();
    const heard: string[] = [];
    paragon.subscribe('onWorkflowChange', (event) => heard.push(`${event.credentialId} ${event.workflowId} ${event.workflowStateChange.enabled}`));
    await paragon.enableWorkflow('wf-a', { selectedCredentialId: second.id });
    expect((await stored(session, second.id)).workflowSettings['wf-a']?.enabled).to.equal(true);
    expect((await stored(session, first.id)).workflowSettings['wf-a']?.enabled ?? false).to.equal(false);
    await paragon.disableWorkflow('wf-a', { selectedCredentialId: 'ext:acme-1' });
    expect((await stored(session, second.id)).workflowSettings['wf-a']?.enabled).to.equal(false);
    expect(heard).to.deep.equal([`${second.id} wf-a true`, `${second.id} wf-a false`]);
  });

  it('names what is wrong: an unknown workflow, an account that is not there, a required setting not given', async () => {
    const { paragon, session, first } = await signedIn({ accounts: 1 });
    const unknown = await failure(paragon.enableWorkflow('wf-nope'));
    expect([unknown.code, unknown.message]).to.deep.equal(['workflow_not_found', 'There is no workflow "wf-nope" in this project.']);
    const missing = await failure(paragon.enableWorkflow('wf-a', { selectedCredentialId: 'cred-gone' }));
    expect([missing.name, missing.code]).to.deep.equal(['IntegrationNotInstalledError', 'integration_not_installed']);
    const unmet = await failure(paragon.enableWorkflow('wf-b'));
    expect([unmet.code, unmet.message, unmet.field]).to.deep.equal([
      'precondition_failed',
      '"Notify on won deals" needs Threshold first.',
      'workflowSettings.wf-b.threshold',
    ]);
    expect((await stored(session, first.id)).workflowSettings['wf-b']?.enabled ?? false).to.equal(false);
  });

  it('updateWorkflowState switches several, and lists the ones it could not', async () => {
    const { paragon, session, first } = await signedIn({ accounts: 1 });
    const { errors } = await paragon.updateWorkflowState({ 'wf-a': true, 'wf-b': true });
    expect(errors.map((error) => error.workflowId)).to.deep.equal(['wf-b']);
    expect((await stored(session, first.id)).workflowSettings['wf-a']?.enabled).to.equal(true);
    const wrong = await failure(paragon.updateWorkflowState({ 'wf-a': 'yes' } as never));
    expect(wrong.message).to.equal('changes.wf-a must be true or false.');
  });

  it('updateIntegrationUserSettings merges into the selected account only; a wrong value is refused with its field and stores nothing', async () => {
    const { paragon, session, first, second } = await signedIn();
    const heard: unknown[] = [];
    paragon.subscribe('onSettingsChange', (event) => heard.push(event.settings));
    await paragon.updateIntegrationUserSettings('crm', { pipeline: 'Renewals' }, { selectedCredentialId: second.id });
    const { userState, errors } = await paragon.updateIntegrationUserSettings('crm', { limit: 50 }, { selectedCredentialId: second.id });
    expect(errors).to.deep.equal([]);
    expect(
      userState.authenticated && userState.integrations.crm!.allCredentials.find((c) => c.id === second.id)?.configurations[0]?.sharedSettings,
    ).to.include({
      pipeline: 'Renewals',
      limit: 50,
    });
    expect((await stored(session, second.id)).sharedSettings).to.include({ pipeline: 'Renewals', limit: 50 });
    expect((await stored(session, first.id)).sharedSettings).not.to.have.property('limit');
    expect(heard).to.deep.equal([{ pipeline: 'Renewals' }, { limit: 50 }]);

    const refused = await failure(paragon.updateIntegrationUserSettings('crm', { limit: 'many' }, { selectedCredentialId: second.id }));
    expect(refused.field).to.match(/limit/);
    expect((await stored(session, second.id)).sharedSettings).to.include({ limit: 50 });
  });

  it("updateWorkflowUserSettings stores a workflow's settings for the selected account", async () => {
    const { paragon, session, first, second } = await signedIn();
    await paragon.updateWorkflowUserSettings('crm', 'wf-a', { channel: '#sales' }, { selectedCredentialId: first.id });
    expect((await stored(session, first.id)).workflowSettings['wf-a']?.settings).to.deep.equal({ channel: '#sales' });
    expect((await stored(session, second.id)).workflowSettings['wf-a']?.settings ?? {}).to.deep.equal({});
  });
});

describe('paragon: accounts and configurations', () => {
  it('uninstallIntegration removes the selected account only, and onIntegrationUninstall names it', async () => {
    const { paragon, session, first, second } = await signedIn();
    const heard: string[] = [];
    paragon.subscribe('onIntegrationUninstall', (event) => heard.push(event.credentialId));
    await paragon.uninstallIntegration('crm', { selectedCredentialId: first.id });
    const left = await api<ConnectCredential[]>(session, 'GET', '/credentials');
    expect(left.map((credential) => credential.id)).to.deep.equal([second.id]);
    expect(heard).to.deep.equal([first.id]);
    const user = paragon.getUser();
    expect(user.authenticated && user.integrations.crm!.allCredentials.map((c) => c.id)).to.deep.equal([second.id]);
  });

  it('getIntegrationAccount answers the selected account, never its secret', async () => {
    const { paragon, second } = await signedIn();
    const account = await paragon.getIntegrationAccount('crm', { selectedCredentialId: second.id, includeAccountAuth: true });
    expect(account.credential.id).to.equal(second.id);
    expect(account.type).to.equal('crm');
    expect(JSON.stringify(account)).not.to.contain('key-1');
  });

  it('createConfiguration, updateConfiguration and destroyConfiguration change what the server stores', async () => {
    const { paragon, session, first } = await signedIn({ accounts: 1 });
    const created = await paragon.createConfiguration({ credentialId: first.id, externalId: 'team-b' });
    expect(created).to.include({ externalId: 'team-b', isDefault: false });
    await paragon.updateConfiguration({ id: created.id, credentialId: first.id, meta: { region: 'eu' } });
    const credential = await api<ConnectCredential>(session, 'GET', `/credentials/${first.id}`);
    expect(credential.configurations.find((configuration) => configuration.id === created.id)?.configMeta).to.deep.equal({ region: 'eu' });
    await paragon.destroyConfiguration({ id: created.id, credentialId: first.id });
    const after = await api<ConnectCredential>(session, 'GET', `/credentials/${first.id}`);
    expect(after.configurations.map((configuration) => configuration.id)).not.to.include(created.id);
  });
});

describe('paragon: synchronous helpers over the pushed state', () => {
  it("answer from the project's integrations without a round trip", async () => {
    const { paragon } = await signedIn({ accounts: 0 });
    const config = paragon.getIntegrationConfig('crm');
    expect(config.shortDescription).to.equal('Sync contacts and deals.');
    expect(config.availableUserSettings).to.have.length(17);
    expect(config.availableWorkflows.map((workflow) => (workflow as { id: string }).id)).to.deep.equal(['wf-a', 'wf-b']);
    expect(config.hiddenWorkflows.map((workflow) => (workflow as { id: string }).id)).to.deep.equal(['wf-hidden']);
    expect(paragon.getIntegrationMetadata().map((meta) => meta.type)).to.deep.equal(['crm', 'erp', 'runner', 'drive']);
    expect(paragon.getIntegrationMetadata('erp')).to.deep.include({ type: 'erp', name: 'Erp', brandColor: '#2b8a3e' });
    expect(paragon.getIntegrationId('crm')).to.equal('int-crm');
    expect(paragon.getAccountTypeOptions('erp').map((type) => type.id)).to.deep.equal(['cloud', 'onprem']);
    expect(paragon.getPreOptions('erp', 'onprem').map((input) => input.id)).to.deep.equal(['TOKEN', 'host']);
    expect(paragon.getPreOptions('erp', 'cloud').map((input) => input.id)).to.deep.equal(['TOKEN']);
    expect(paragon.getPostOptions('erp').map((input) => input.id)).to.deep.equal(['company']);
    expect(paragon.getSourcesForInput('crm', config.availableUserSettings[0]!)).to.equal(null);
  });

  it('throw IntegrationNotFoundError for a type the project does not have', async () => {
    const { paragon } = await signedIn({ accounts: 0 });
    for (const call of [() => paragon.getIntegrationConfig('nope'), () => paragon.getIntegrationId('nope'), () => paragon.getPostOptions('nope')]) {
      expect(call).to.throw('There is no integration "nope" in this project.').with.property('name', 'IntegrationNotFoundError');
    }
  });
});

describe('paragon.request', () => {
  it("answers the server's own refusals with their codes, and checks its arguments before sending", async () => {
    const { paragon } = await signedIn({ accounts: 1 });
    const unconfigured = await failure(paragon.request('crm', '/contacts'));
    expect([unconfigured.code, unconfigured.message]).to.deep.equal([
      'proxy_not_configured',
      'Acme CRM has no API configured for requests (its "api" in the project config).',
    ]);
    const badMethod = await failure(paragon.request('crm', '/contacts', { method: 'TRACE' }));
    expect([badMethod.code, badMethod.message]).to.deep.equal(['invalid_argument', 'init.method must be one of GET, POST, PUT, PATCH, DELETE.']);
    const badHeader = await failure(paragon.request('crm', '/contacts', { headers: { 'x-n': 1 as unknown as string } }));
    expect(badHeader.message).to.equal('init.headers.x-n must be a string.');
  });
});

describe('paragon.completeInstall', () => {
  it('sends the code to the server, which answers for the integration, and checks the options first', async () => {
    const { paragon } = await signedIn({ accounts: 0 });
    const notOAuth = await failure(paragon.completeInstall('crm', { authorizationCode: 'code-from-marketplace', showPortalAfterInstall: false }));
    expect([notOAuth.code, notOAuth.message]).to.deep.equal([
      'invalid_request',
      'Acme CRM does not connect through OAuth: send its values as "payload".',
    ]);
    const noCode = await failure(paragon.completeInstall('crm', {} as never));
    expect([noCode.code, noCode.message]).to.deep.equal(['invalid_argument', 'authorizationCode must be a non-empty string.']);
  });
});

describe('paragon.workflow, event and getCustomWebhookUserManualUrl', () => {
  it("reach the server's workflow routes, which say why a workflow without a trigger does not run", async () => {
    const { paragon, first } = await signedIn({ accounts: 1 });
    const switchOnly = 'Workflow "wf-a" has no trigger: it is a switch, and runs no code.';
    const request = await failure(paragon.workflow('wf-a', { body: { id: 1 }, selectedCredentialId: first.id }));
    expect([request.code, request.message]).to.deep.equal(['invalid_request', switchOnly]);
    const url = await failure(paragon.getCustomWebhookUserManualUrl('wf-a', first.id));
    expect([url.code, url.message]).to.deep.equal(['invalid_request', switchOnly]);
    // No workflow listens to this event: it is accepted, and nothing runs.
    expect(await paragon.event('Contact Created', { id: 1 })).to.equal(undefined);
    const unknown = await failure(paragon.workflow('wf-nope'));
    expect([unknown.code, unknown.message]).to.deep.equal(['workflow_not_found', 'There is no workflow "wf-nope" in this project.']);
    const badQuery = await failure(paragon.workflow('wf-a', { query: { n: 1 as unknown as string } }));
    expect(badQuery.message).to.equal('request.query.n must be a string.');
  });
});

describe('paragon.getFieldOptions and getDataSourceOptions', () => {
  it('ask the server for the data source the integration declares, and say when it has none', async () => {
    const { paragon } = await signedIn({ accounts: 1 });
    const error = await failure(paragon.getFieldOptions({ integration: 'crm', action: 'owners' }));
    expect([error.code, error.message]).to.deep.equal(['not_found', 'Acme CRM has no data source "owners" in the project config.']);
    expect(await paragon.getDataSourceOptions('crm', 'owners')).to.equal(undefined);
    const reports = { type: 'DYNAMIC_DATA_SOURCE', cacheKey: 'reports', title: 'reports', refreshDependencies: [] };
    expect(await paragon.getDataSourceOptions('runner', 'reports')).to.deep.equal(reports);
    const input = { id: 'report', type: 'DYNAMIC_ENUM', title: 'Report', sourceType: 'reports' } as const;
    expect(paragon.getSourcesForInput('runner', input)).to.deep.equal({ kind: 'single', source: reports });
    expect(paragon.getSourcesForInput('runner', { ...input, sourceType: 'nope' })).to.equal(null);
    const noKey = await failure(paragon.getFieldOptions({ integration: 'crm' } as never));
    expect(noKey.message).to.equal('action must be a non-empty string.');
  });
});

describe('paragon: the portal it opens', () => {
  it('connect() resolves when the portal closes; closePortal() closes it and onClose is heard once', async () => {
    const { paragon, element } = await signedIn({ accounts: 1 });
    const heard: string[] = [];
    const closed = paragon.connect('crm', { onOpen: () => heard.push('open'), onClose: () => heard.push('close') });
    await until(element, () => find(element, 'dialog[open]'));
    await paragon.closePortal();
    expect(await closed).to.equal(undefined);
    expect(heard).to.deep.equal(['open', 'close']);
    expect(find(element, 'dialog[open]')).to.equal(undefined);
  });

  it('connect({ accountType, externalId }) connects a new account of that type, with that id, without asking its type', async () => {
    const { paragon, element, session } = await signedIn({ accounts: 0 });
    const result = paragon.connect('erp', { accountType: 'onprem', externalId: 'plant-7' });
    await until(element, () => find(element, 'button.connect'));
    await click(element, 'button.connect');
    expect(find(element, 'paragon-install-flow', 'On premises')).to.equal(undefined, 'the account type is not asked');
    await click(element, 'paragon-install-flow button', 'I have done this');
    await fill(element, 'Token', 'erp-token');
    await fill(element, 'Host', 'erp.plant7.test');
    await click(element, 'paragon-inputs-form button[type="submit"]');
    await until(element, () => control(element, 'Company'));
    await fill(element, 'Company', 'Plant 7');
    await click(element, 'paragon-inputs-form button[type="submit"]');
    await until(element, () => find(element, 'h3', 'is connected.'));
    await paragon.closePortal();
    const event = await result;
    const [credential] = await api<ConnectCredential[]>(session, 'GET', '/credentials');
    expect(credential).to.include({ externalId: 'plant-7', status: 'VALID', id: event?.credentialId });
  });

  it("installIntegration opens the portal on an API-key integration's form, and refuses a second account unless allowed", async () => {
    const { paragon, element, session } = await signedIn({ accounts: 1 });
    const refused = await failure(paragon.installIntegration('crm'));
    expect([refused.code, refused.message]).to.deep.equal([
      'integration_already_installed',
      'Acme CRM is already connected; pass allowMultipleCredentials: true to connect another account.',
    ]);
    const installed = paragon.installIntegration('crm', { allowMultipleCredentials: true, externalId: 'third' });
    await until(element, () => control(element, 'API key'));
    await fill(element, 'API key', 'key-third');
    await click(element, 'paragon-inputs-form button[type="submit"]');
    await until(element, () => find(element, 'h3', 'is connected.'));
    await paragon.closePortal();
    const event = await installed;
    const credentials = await api<ConnectCredential[]>(session, 'GET', '/credentials');
    expect(credentials.find((credential) => credential.id === event?.credentialId)?.externalId).to.equal('third');
  });

  it('setDataSources gives CUSTOM_DROPDOWN options: an integration’s own over the global ones, and connect({ dropdowns }) over both', async () => {
    const { paragon, element } = await signedIn({ accounts: 1 });
    /** Opens the portal's Team dropdown and waits for exactly these options, then closes the portal. */
    const teamOptionsAre = async (expected: string[]) => {
      await until(element, () => control(element, 'Team'));
      control(element, 'Team')!.click();
      const labels = () => all(element, 'paragon-select-field [role="option"] span:first-child').map((span) => span.textContent);
      await until(element, () => JSON.stringify(labels()) === JSON.stringify(expected), `Team options: ${JSON.stringify(labels())}`);
      await paragon.closePortal();
    };
    paragon.setDataSources({ dropdowns: { teams: [{ label: 'Global team', value: 'g' }] } });
    void paragon.connect('crm');
    await teamOptionsAre(['Global team']);

    paragon.setDataSources({
      dropdowns: { teams: [{ label: 'Global team', value: 'g' }] },
      integrations: { crm: { dropdowns: { teams: { loadOptions: async () => ({ options: [{ label: 'CRM team', value: 'c' }] }) } } } },
    });
    void paragon.connect('crm');
    await teamOptionsAre(['CRM team']);

    void paragon.connect('crm', { dropdowns: { teams: [{ label: 'This portal only', value: 'p' }] } });
    await teamOptionsAre(['This portal only']);
  });

  it('setAppearance switches the theme and the language of the open portal', async () => {
    const { paragon, element } = await signedIn({ accounts: 0 });
    void paragon.connect();
    await until(element, () => find(element, 'h2', 'Integrations'));
    await paragon.setAppearance({ theme: 'dark', locale: 'de' });
    await until(element, () => find(element, 'h2', 'Integrationen'));
    expect(element.getAttribute('theme')).to.equal('dark');
    const wrong = await failure(paragon.setAppearance({ theme: 'neon' as never }));
    expect(wrong.message).to.equal('theme must be "light", "dark" or "auto".');
  });
});

describe('paragon: headless installFlow', () => {
  it('walks account type, instructions, values before and after connecting, each stage in onNext, then onComplete', async () => {
    const { paragon, session } = await signedIn({ accounts: 0 });
    paragon.setHeadless(true);
    const stages: InstallFlowStage[] = [];
    const completed = new Promise<string>((resolve, reject) =>
      paragon.installFlow.start('erp', {
        onNext: (stage) => stages.push(stage),
        onComplete: (event) => resolve(event.credentialId),
        onError: reject,
      }),
    );
    await waitFor(() => stages.length === 1);
    expect(stages[0]).to.deep.include({ stage: 'accountType', done: false });
    await paragon.installFlow.setAccountType('onprem');
    expect(paragon.installFlow.getAccountTypeValue()).to.equal('onprem');
    expect(stages[1]).to.deep.include({ stage: 'instruction', content: 'Turn on API access in Erp first.' });
    await stages[1]!.finish!.onClick();
    expect(stages[2]?.stage).to.equal('preOptions');
    await paragon.installFlow.setPreOptions({ TOKEN: 'erp-token', host: 'erp.test' });
    expect(paragon.installFlow.getPreOptionsValue()).to.deep.equal({ TOKEN: 'erp-token', host: 'erp.test' });
    expect(stages[3]).to.deep.include({ stage: 'postOptions' });
    await paragon.installFlow.setPostOptions({ company: 'Acme' });
    const credentialId = await completed;
    const credential = await api<ConnectCredential>(session, 'GET', `/credentials/${credentialId}`);
    expect(credential.status).to.equal('VALID');
    expect(credential.providerData).to.deep.include({ company: 'Acme' });
    expect(stages.map((stage) => stage.stage)).to.deep.equal(['accountType', 'instruction', 'preOptions', 'postOptions']);
  });

  it('a bad value is refused in onError with its stage, and the flow stays where it was', async () => {
    const { paragon } = await signedIn({ accounts: 0 });
    paragon.setHeadless(true);
    const errors: string[] = [];
    paragon.installFlow.start('crm', { onError: (error, context) => errors.push(`${context?.stage} ${(error as ConnectError).code}`) });
    await waitFor(() => paragon.installFlow.next()?.stage === 'preOptions');
    await paragon.installFlow.setPreOptions({ API_KEY: '   ' }).catch(() => undefined);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^preOptions /);
    expect(paragon.installFlow.next()?.stage).to.equal('preOptions');
  });

  it('an API-key account: setPreOptions connects it and ends the flow in onComplete, with no error', async () => {
    const { paragon, session } = await signedIn({ accounts: 0 });
    paragon.setHeadless(true);
    const errors: unknown[] = [];
    const completed = new Promise<string>((resolve) =>
      paragon.installFlow.start('crm', {
        onNext: (stage) => {
          if (stage.stage === 'preOptions')
            void paragon.installFlow.setPreOptions({ API_KEY: 'acme_live_headless' }).catch((error) => errors.push(error));
        },
        onComplete: (event) => resolve(event.credentialId),
        onError: (error) => errors.push(error),
      }),
    );
    const credentialId = await completed;
    const [credential] = await api<ConnectCredential[]>(session, 'GET', '/credentials');
    expect([credential?.id, credential?.status]).to.deep.equal([credentialId, 'VALID']);
    expect(errors).to.deep.equal([]);
  });

  it('cancel after the account was connected but not finished removes the PENDING account', async () => {
    const { paragon, session } = await signedIn({ accounts: 0 });
    paragon.setHeadless(true);
    paragon.installFlow.start('erp', { accountType: 'cloud' });
    await waitFor(() => paragon.installFlow.next()?.stage === 'instruction');
    await paragon.installFlow.next()!.finish!.onClick();
    await paragon.installFlow.setPreOptions({ TOKEN: 'erp-token' });
    expect((await api<ConnectCredential[]>(session, 'GET', '/credentials')).map((credential) => credential.status)).to.deep.equal(['PENDING']);
    await paragon.installFlow.cancel();
    expect(await api<ConnectCredential[]>(session, 'GET', '/credentials')).to.deep.equal([]);
  });

  it('refuses without headless mode (HeadlessModeNotEnabledError), and a step with no flow (NoActiveInstallFlowError)', async () => {
    const { paragon } = await signedIn({ accounts: 0 });
    const error = await new Promise<Error>((resolve) => paragon.installFlow.start('crm', { onError: resolve }));
    expect([error.name, error.message]).to.deep.equal([
      'HeadlessModeNotEnabledError',
      'installFlow needs headless mode: call paragon.setHeadless(true) first.',
    ]);
    paragon.setHeadless(true);
    await paragon.installFlow.cancel();
    const none = await failure(paragon.installFlow.setPreOptions({}));
    expect(none.name).to.equal('NoActiveInstallFlowError');
    // Not "no integration": the account type is looked up in the flow's integration, and there is no flow.
    const noType = await failure(paragon.installFlow.setAccountType('cloud'));
    expect(noType.name).to.equal('NoActiveInstallFlowError');
  });
});

describe('paragon: destroy', () => {
  it('removes the connection and every listener; a later call says to authenticate first', async () => {
    const { paragon, element } = await signedIn({ accounts: 1 });
    let heard = 0;
    paragon.subscribe('onPortalOpen', () => (heard += 1));
    await paragon.destroy();
    expect(paragon.getUser()).to.deep.equal({ authenticated: false });
    const error = await failure(paragon.connect('crm'));
    expect(error.name).to.equal('UserNotAuthenticatedError');
    await settle(element);
    expect(heard).to.equal(0);
  });
});

/** Waits for something the bridge hears asynchronously. */
async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 4000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('paragon: ExternalFilePicker', () => {
  it("needs a session and an integration with files, as Paragon's throws", async () => {
    const signedOut = createParagon({ connectUrl: CONNECT_URL });
    expect(() => new signedOut.ExternalFilePicker('drive')).to.throw('Call paragon.authenticate(projectId, userToken) first.');
    const { paragon } = await signedIn({ accounts: 0 });
    expect(() => new paragon.ExternalFilePicker('crm')).to.throw("crm's file picker is not supported");
    expect(() => paragon.ExternalFilePicker('nope')).to.throw("nope's file picker is not supported");
  });

  it('opens on the account chosen in init, with or without new, and hands the chosen files to onFileSelect', async () => {
    const { paragon, element, session } = await signedIn({ accounts: 0 });
    await api(session, 'POST', '/credentials', { integrationId: 'int-drive', payload: { KEY: `one-${Date.now()}` } });
    const second = await api<ConnectCredential>(session, 'POST', '/credentials', {
      integrationId: 'int-drive',
      payload: { KEY: `two-${Date.now()}` },
    });
    await element.runtime.reload();
    const chosen: { name: string; credentialId: string }[][] = [];
    const calls: string[] = [];
    const picker = paragon.ExternalFilePicker('drive', {
      onOpen: () => calls.push('open'),
      onClose: () => calls.push('close'),
      onCancel: () => calls.push('cancel'),
      onFileSelect: (files) => chosen.push(files),
    });
    expect(picker.open(), 'not before init').to.equal(false);
    expect(await picker.init({ selectedCredentialId: second.id })).to.equal(true);
    expect(picker.getInstance()).to.equal(null);
    expect(picker.open()).to.equal(true);
    await until(element, () => find(element, 'paragon-file-picker label', 'Plan.pdf'));
    expect(find(element, 'paragon-file-picker')!.getAttribute('credential-id')).to.equal(second.id);
    control(element, 'Plan.pdf')!.click();
    await settle(element);
    await click(element, 'paragon-file-picker footer button', 'Select');
    await until(element, () => chosen.length === 1, 'onFileSelect is called');
    expect(chosen[0]!.map(({ name, credentialId }) => [name, credentialId])).to.deep.equal([['Plan.pdf', second.id]]);
    await until(element, () => calls.includes('close'));
    expect(calls).to.deep.equal(['open', 'close']);

    const again = new paragon.ExternalFilePicker('drive', { onCancel: () => calls.push('cancel') });
    await again.init();
    again.open();
    await until(element, () => find(element, 'paragon-file-picker footer button', 'Cancel'));
    await click(element, 'paragon-file-picker footer button', 'Cancel');
    await until(element, () => calls.includes('cancel'), 'onCancel is called');
  });
});
