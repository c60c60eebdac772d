import { emulateMedia } from '@web/test-runner-commands';
import { expect } from '@open-wc/testing';
import '../define.js';
import type { MeResponse } from '../../../protocol/src/rest.js';
import { api, failNext, sessionFor } from '../test/connect-server.js';
import { all, click, control, fill, find, renderPortal, settle, until } from '../test/portal-fixture.js';
import type { ConnectPortal } from './connect-portal.js';

const stored = async (session: Awaited<ReturnType<typeof sessionFor>>, type = 'crm') =>
  (await api<MeResponse>(session, 'GET', '/me')).integrations[type]!.allCredentials;

/** Connects an account through the portal's own screens with an API key. */
async function connectWithKey(el: ConnectPortal, key: string) {
  await click(el, 'button.connect');
  await fill(el, 'API key', key);
  await click(el, 'paragon-inputs-form button[type="submit"]');
}

describe('<paragon-connect-portal> against the Connect server', () => {
  it('is accessible before sign-in, in the catalog, and in an integration, light and dark', async () => {
    const { el, session } = await renderPortal({ signIn: false, integration: '' });
    await expect(el).to.be.accessible();
    await el.authenticate(session);
    await settle(el);
    await expect(el).to.be.accessible();
    el.integration = 'crm';
    await settle(el);
    await expect(el).to.be.accessible();
    el.theme = 'dark';
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('themes: dark, and auto following the system, set the dark values; light and auto on a light system the light ones', async () => {
    const { el } = await renderPortal({ signIn: false, integration: '' });
    const surface = () => getComputedStyle(el).getPropertyValue('--paragon-color-surface').trim();
    const scheme = () => getComputedStyle(el).colorScheme;
    const light = [surface(), scheme()];
    el.theme = 'dark';
    await settle(el);
    const dark = [surface(), scheme()];
    expect(dark).to.deep.equal(['#1a1b1e', 'dark']);
    expect(light).not.to.deep.equal(dark);
    el.theme = 'auto';
    await settle(el);
    await emulateMedia({ colorScheme: 'dark' });
    try {
      expect([surface(), scheme()]).to.deep.equal(dark);
      await emulateMedia({ colorScheme: 'light' });
      expect([surface(), scheme()]).to.deep.equal(light);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('waits for the host, then shows the integration with no account yet', async () => {
    const { el, session } = await renderPortal({ signIn: false });
    expect(find(el, '[role="status"]')!.textContent).to.equal('Waiting for the app to sign you in…');
    await el.authenticate(session);
    await settle(el);
    expect(find(el, 'h2')!.textContent).to.equal('Acme CRM');
    expect(find(el, 'paragon-account-list')!.shadowRoot!.textContent).to.contain('No account is connected yet.');
    expect(find(el, 'button.connect')!.textContent).to.equal('Connect an account');
  });

  it('lists every integration in the catalog, filters by search, opens one and goes back', async () => {
    const { el } = await renderPortal({ integration: '' });
    const names = () => all(el, '.integration__name').map((name) => name.textContent);
    expect(names()).to.include.members(['Acme CRM', 'Erp']);
    await fill(el, /Search integrations/, 'erp');
    expect(names()).to.deep.equal(['Erp']);
    await fill(el, /Search integrations/, 'zzz');
    expect(find(el, '.empty')!.textContent).to.equal('No integration matches “zzz”.');
    await fill(el, /Search integrations/, '');
    await click(el, 'button.integration', 'Acme CRM');
    expect(find(el, 'h2')!.textContent).to.equal('Acme CRM');
    await click(el, 'button.back');
    expect(find(el, 'h2')!.textContent).to.equal('Integrations');
  });

  it('connects two accounts, selects the newest, and fires onIntegrationInstall with each real credential id', async () => {
    const { el, session, events } = await renderPortal();
    await connectWithKey(el, 'key-one');
    await until(el, () => find(el, 'h3', 'Acme CRM is connected.'));
    await click(el, 'paragon-install-flow button', 'Done');
    await connectWithKey(el, 'key-two');
    await until(el, () => find(el, 'h3', 'Acme CRM is connected.'));
    await click(el, 'paragon-install-flow button', 'Done');
    const accounts = await stored(session);
    expect(accounts).to.have.length(2);
    expect(events.map((event) => [event.name, 'credentialId' in event.payload && event.payload.credentialId])).to.deep.equal([
      ['onIntegrationInstall', accounts[0]!.id],
      ['onIntegrationInstall', accounts[1]!.id],
    ]);
    expect(find(el, '#workflows-heading')!.textContent).to.equal('Workflows for Account 2');
    await expect(el).to.be.accessible();
  });

  it('keeps its inner events inside: the page hears nothing of what the user types or chooses', async () => {
    const heard: string[] = [];
    const names = ['field-change', 'inputs-submit', 'install-end', 'account-select', 'workflow-toggle', 'integration-select'];
    const listen = (event: Event) => heard.push(`${event.type} ${JSON.stringify((event as CustomEvent).detail)}`);
    for (const name of names) document.addEventListener(`paragon-${name}`, listen);
    try {
      const { el } = await renderPortal();
      await connectWithKey(el, 'secret-key-1');
      await until(el, () => find(el, 'h3', 'Acme CRM is connected.'));
      await click(el, 'paragon-install-flow button', 'Done');
      await click(el, 'paragon-workflow-list [role="switch"]');
      await click(el, 'button.back');
      expect(find(el, 'paragon-catalog-view'), 'the user went through the screens').to.exist;
      expect(heard, 'an API key typed in the portal never reaches a listener of the page').to.deep.equal([]);
    } finally {
      for (const name of names) document.removeEventListener(`paragon-${name}`, listen);
    }
  });

  it('sends nothing for a whitespace-only API key and says it is required', async () => {
    const { el, session } = await renderPortal();
    await connectWithKey(el, '   ');
    expect(find(el, 'paragon-inputs-form .error', 'API key is required.'), 'the message under the field').to.exist;
    expect(await stored(session)).to.deep.equal([]);
  });

  it('toggles a workflow of the selected account only; switching account switches the toggles', async () => {
    const { el, session, events } = await renderPortal({ integration: '' });
    const first = await api<{ id: string }>(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'first' } });
    const second = await api<{ id: string }>(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'second' } });
    await el.runtime.reload();
    el.integration = 'crm';
    el.selectedCredentialId = second.id;
    await settle(el);
    const switchOf = (name: string) => control(el, name)!;
    switchOf('Sync new contacts').click();
    await until(el, () => events.some((event) => event.name === 'onWorkflowChange'));
    expect(events.at(-1)!.payload).to.deep.include({ credentialId: second.id, workflowId: 'wf-a', workflowStateChange: { enabled: true } });
    await settle(el);
    expect(switchOf('Sync new contacts').checked).to.equal(true, 'the switch shows the saved state');
    const accounts = await stored(session);
    expect(accounts.map((account) => account.configurations[0]!.workflowSettings['wf-a']?.enabled)).to.deep.equal([false, true]);

    await click(el, 'paragon-account-list label', 'Account 1');
    expect(switchOf('Sync new contacts').checked).to.equal(false);
    expect(first.id).to.equal(accounts[0]!.id);
  });

  it('signed in again as the same user, keeps its view while it loads and shows what changed elsewhere; another user starts afresh', async () => {
    const sub = `again-${Math.random().toString(36).slice(2)}`;
    const { el, session } = await renderPortal({ sub });
    await api(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'elsewhere' } });
    const statuses: string[] = [];
    el.runtime.addEventListener('change', () => statuses.push(el.runtime.status));
    // A fresh token for the same user, as a host refreshing its session hands over.
    const signingIn = el.authenticate(await sessionFor(sub));
    await el.updateComplete;
    expect(find(el, '[role="status"]')?.textContent, 'no loading message while the answers are on their way').to.equal(undefined);
    await signingIn;
    await settle(el);
    expect(statuses).to.not.include('loading');
    expect(all(el, 'paragon-account-list label').map((label) => label.textContent!.trim())).to.have.length(1);

    statuses.length = 0;
    await el.authenticate(await sessionFor());
    await settle(el);
    expect(statuses[0]).to.equal('loading');
    expect(find(el, 'paragon-account-list')!.shadowRoot!.textContent).to.contain('No account is connected yet.');
  });

  it('moves a switch back and says why when the save fails', async () => {
    const { el, session, events } = await renderPortal({ integration: '' });
    await api(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'only' } });
    await el.runtime.reload();
    el.integration = 'crm';
    await settle(el);
    await failNext('POST', '/workflows/wf-a', 500);
    control(el, 'Sync new contacts')!.click();
    await until(el, () => find(el, '.message[role="alert"]'));
    expect(find(el, '.message[role="alert"]')!.textContent).to.equal('Could not save: Injected fault: 500.');
    expect(control(el, 'Sync new contacts')!.checked).to.equal(false);
    expect(events.some((event) => event.name === 'onWorkflowChange')).to.equal(false);
  });

  it('refuses to turn on a workflow whose required settings are missing, naming them', async () => {
    const { el, session } = await renderPortal({ integration: '' });
    await api(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'needs-settings' } });
    await el.runtime.reload();
    el.integration = 'crm';
    await settle(el);
    control(el, 'Notify on won deals')!.click();
    await settle(el);
    expect(find(el, '.message[role="alert"]')!.textContent).to.equal('Set Threshold before turning on Notify on won deals.');
    expect(control(el, 'Notify on won deals')!.checked).to.equal(false);
    expect((await stored(session))[0]!.configurations[0]!.workflowSettings['wf-b']?.enabled).to.equal(false);
  });

  it('disconnects an account after confirmation and tells the host which one', async () => {
    const { el, session, events } = await renderPortal({ integration: '' });
    const credential = await api<{ id: string }>(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'to-remove' } });
    await el.runtime.reload();
    el.integration = 'crm';
    await settle(el);
    await click(el, 'paragon-integration-view button', 'Disconnect');
    expect(find(el, '#confirm-text')!.textContent).to.equal('Disconnect Account 1? Its settings and workflows are removed.');
    await click(el, 'button.danger');
    await until(el, () => events.some((event) => event.name === 'onIntegrationUninstall'));
    expect(events.at(-1)!.payload).to.deep.include({ credentialId: credential.id, integrationType: 'crm' });
    expect(await stored(session)).to.deep.equal([]);
  });

  it('walks through account type, instructions and the post-install step, and finishes a PENDING account', async () => {
    const { el, session, events } = await renderPortal({ integration: 'erp' });
    await click(el, 'button.connect');
    expect(find(el, 'h3')!.textContent).to.equal('Which kind of account?');
    await click(el, 'paragon-install-flow label', 'On premises');
    await click(el, 'paragon-install-flow button', 'Continue');
    expect(find(el, '.instructions')!.textContent).to.equal('Turn on API access in Erp first.');
    expect(find<HTMLAnchorElement>(el, 'a.cta')!.href).to.equal('https://erp.example.test/settings');
    await click(el, 'paragon-install-flow button', 'I have done this');
    await fill(el, 'Token', 'erp-token');
    await fill(el, 'Host', 'erp.internal');
    await click(el, 'paragon-inputs-form button[type="submit"]');
    await until(el, () => find(el, 'h3', 'A few more details'));
    expect((await stored(session, 'erp'))[0]!.status).to.equal('PENDING');
    expect(events.some((event) => event.name === 'onIntegrationInstall')).to.equal(false, 'not installed until VALID');

    await fill(el, 'Company', 'Acme');
    await click(el, 'paragon-inputs-form button[type="submit"]');
    await until(el, () => find(el, 'h3', 'Erp is connected.'));
    const [account] = await stored(session, 'erp');
    expect(account!.status).to.equal('VALID');
    expect(account!.providerData).to.deep.include({ company: 'Acme' });
    expect(
      events.filter((event) => event.name === 'onIntegrationInstall').map((event) => 'credentialId' in event.payload && event.payload.credentialId),
    ).to.deep.equal([account!.id]);
  });

  it('cancelling at the post-install step removes the half-connected account', async () => {
    const { el, session } = await renderPortal({ integration: 'erp' });
    await click(el, 'button.connect');
    await click(el, 'paragon-install-flow label', 'Cloud');
    await click(el, 'paragon-install-flow button', 'Continue');
    await click(el, 'paragon-install-flow button', 'I have done this');
    await fill(el, 'Token', 'erp-cancel');
    await click(el, 'paragon-inputs-form button[type="submit"]');
    await until(el, () => find(el, 'h3', 'A few more details'));
    expect(await stored(session, 'erp')).to.have.length(1);
    await click(el, 'button.cancel');
    await until(el, () => find(el, 'button.connect'));
    expect(await stored(session, 'erp')).to.deep.equal([]);
  });

  it('shows "session expired" when the server rejects the token, and keeps nothing', async () => {
    const { el } = await renderPortal({ signIn: false });
    const error = (await el.authenticate(await sessionFor(undefined, { expired: true })).catch((reason: unknown) => reason)) as { code: string };
    await settle(el);
    expect(error.code).to.equal('token_expired');
    expect(find(el, '[role="alert"]')!.textContent).to.equal('Your session has expired. Reload the page to sign in again.');
    expect(el.runtime.user).to.deep.equal({ authenticated: false });
  });

  it('as a modal, opens a <dialog> on the catalog or an integration, and reports open and close', async () => {
    const { el, events } = await renderPortal({ display: 'modal' });
    const dialog = find<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(false);
    await el.open({});
    expect(dialog.open).to.equal(true);
    expect(dialog.getAttribute('aria-label')).to.equal('Integrations');
    el.close();
    await el.open({ integrationType: 'crm' });
    await settle(el);
    expect(dialog.getAttribute('aria-label')).to.equal('Acme CRM');
    await expect(el).to.be.accessible();
    await click(el, 'button.close');
    await until(el, () => events.some((event) => event.name === 'onPortalClose'));
    expect(dialog.open).to.equal(false);
    expect(events.map((event) => [event.name, event.payload.integrationType])).to.deep.equal([
      ['onPortalOpen', ''],
      ['onPortalClose', ''],
      ['onPortalOpen', 'crm'],
      ['onPortalClose', 'crm'],
    ]);
  });

  it('opens at once on what it holds, and only once it is on screen loads an account connected elsewhere', async () => {
    const { el, session } = await renderPortal({ display: 'modal' });
    const accounts = () => all(el, 'paragon-account-list label').length;
    await api(session, 'POST', '/credentials', { integrationId: 'crm', payload: { API_KEY: 'elsewhere' } });
    const asked: string[] = [];
    const { fetch } = window;
    window.fetch = (input, init) => (asked.push(input instanceof Request ? input.url : input.toString()), fetch(input, init));
    try {
      await el.open({ integrationType: 'crm' });
      await settle(el);
      expect(accounts(), 'drawn from the state held since sign-in').to.equal(0);
      expect(asked, 'nothing asked while the opening is drawn').to.deep.equal([]);
      await until(el, () => accounts() === 1, 'the account connected elsewhere');
      expect(asked.filter((url) => url.endsWith('/sdk/me'))).to.have.length(1);
    } finally {
      window.fetch = fetch;
    }
  });

  it('refuses to open an integration the project does not have', async () => {
    const { el } = await renderPortal({ display: 'modal' });
    const error = (await el.open({ integrationType: 'nope' }).catch((reason: unknown) => reason)) as { code: string };
    expect(error.code).to.equal('integration_not_found');
  });
});
