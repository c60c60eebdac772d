import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import { ConnectPortal } from './connect-portal.js';
import { PortalRuntime } from '../runtime/portal-runtime.js';
import type { HostMethods, SdkEvent } from '../../../protocol/src/rpc.js';
import { FakeConnectServer, fakeToken } from '../test/fake-connect-server.js';

const SESSION = { projectId: 'p1', token: fakeToken('alice'), connectUrl: 'http://connect.test' };

/** A portal on a fake server, with a recording host attached. */
async function renderPortal(display: 'inline' | 'modal' = 'inline', server = new FakeConnectServer()) {
  const el = new ConnectPortal(new PortalRuntime(server.fetch));
  el.display = display;
  el.integration = 'crm';
  const events: SdkEvent[] = [];
  const host: HostMethods = { emit: (event) => events.push(event), setUser: () => undefined };
  el.attachHost(host);
  await fixture(html`<div>${el}</div>`);
  return { el, server, events, root: el.shadowRoot! };
}

const apiKeyForm = (root: ShadowRoot) => root.querySelector('paragon-api-key-form')!;
const workflowSwitches = (root: ShadowRoot) => [
  ...root.querySelector('paragon-workflow-list')!.shadowRoot!.querySelectorAll<HTMLInputElement>('input[role="switch"]'),
];

/** Types a key and submits it the way a user would, then waits for the portal to settle. */
async function connectWithKey(el: ConnectPortal, key: string) {
  await el.updateComplete;
  const form = apiKeyForm(el.shadowRoot!);
  await form.updateComplete;
  const before = el.runtime.user.authenticated ? el.runtime.user.integrations.crm!.allCredentials.length : 0;
  form.shadowRoot!.querySelector<HTMLInputElement>('#API_KEY')!.value = key;
  form.shadowRoot!.querySelector('button')!.click();
  const accounts = () => (el.runtime.user.authenticated ? el.runtime.user.integrations.crm!.allCredentials.length : 0);
  // A blank key sends nothing, so there is nothing to wait for beyond the next render.
  if (key.trim()) await waitUntil(() => accounts() > before, 'the account never appeared');
  await el.updateComplete;
  await form.updateComplete;
}

describe('<paragon-connect-portal>', () => {
  it('is accessible before sign-in and once signed in', async () => {
    const { el } = await renderPortal();
    await expect(el).to.be.accessible();
    await el.authenticate(SESSION);
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('waits for the host, then shows the integration with no account yet', async () => {
    const { el, root } = await renderPortal();
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('Waiting for the app to sign you in…');
    await el.authenticate(SESSION);
    await el.updateComplete;
    expect(root.querySelector('h2')!.textContent).to.equal('Acme CRM');
    expect(root.querySelector('paragon-account-list')!.shadowRoot!.textContent).to.contain('No account is connected yet.');
    expect(workflowSwitches(root).every((input) => input.disabled)).to.equal(true);
  });

  it('connects two accounts, selects the newest, and fires onIntegrationInstall for each', async () => {
    const { el, server, events } = await renderPortal();
    await el.authenticate(SESSION);
    await connectWithKey(el, 'key-one');
    await connectWithKey(el, 'key-two');
    expect(server.writes().map((request) => request.body)).to.deep.equal([
      { integrationId: 'int-crm', payload: { API_KEY: 'key-one' } },
      { integrationId: 'int-crm', payload: { API_KEY: 'key-two' } },
    ]);
    expect(events.map((event) => [event.name, 'credentialId' in event.payload && event.payload.credentialId, event.seq])).to.deep.equal([
      ['onIntegrationInstall', 'cred-1', 1],
      ['onIntegrationInstall', 'cred-2', 2],
    ]);
    expect(el.shadowRoot!.querySelector('#workflows-heading')!.textContent).to.equal('Workflows for Account 2');
  });

  it('sends no request for a whitespace-only API key', async () => {
    const { el, server } = await renderPortal();
    await el.authenticate(SESSION);
    const before = server.requests.length;
    await connectWithKey(el, '   ');
    expect(server.requests.length).to.equal(before);
    expect(apiKeyForm(el.shadowRoot!).shadowRoot!.textContent).to.contain('API key is required.');
  });

  it('toggles a workflow for the selected account only, and switching account switches the toggles', async () => {
    const { el, server, events, root } = await renderPortal();
    await el.authenticate(SESSION);
    await connectWithKey(el, 'key-one');
    await connectWithKey(el, 'key-two');
    workflowSwitches(root)[0]!.click();
    await waitUntil(() => events.some((event) => event.name === 'onWorkflowChange'));
    expect(server.writes().at(-1)).to.deep.include({ method: 'POST', path: '/workflows/wf-a', credential: 'cred-2' });
    expect(events.at(-1)!.payload).to.deep.include({ credentialId: 'cred-2', workflowId: 'wf-a', workflowStateChange: { enabled: true } });

    await root.querySelector('paragon-account-list')!.updateComplete;
    const accounts = root.querySelector('paragon-account-list')!.shadowRoot!.querySelectorAll('input');
    accounts[0]!.click();
    await el.updateComplete;
    await root.querySelector('paragon-workflow-list')!.updateComplete;
    expect(workflowSwitches(root).map((input) => input.checked)).to.deep.equal([false, false]);
    accounts[1]!.click();
    await el.updateComplete;
    await root.querySelector('paragon-workflow-list')!.updateComplete;
    expect(workflowSwitches(root).map((input) => input.checked)).to.deep.equal([true, false]);
  });

  it('moves a switch back and says why when the save fails', async () => {
    const { el, server, events, root } = await renderPortal();
    await el.authenticate(SESSION);
    await connectWithKey(el, 'key-one');
    server.failures.set('POST', { status: 500, code: 'internal_error', message: 'Database unavailable.' });
    workflowSwitches(root)[0]!.click();
    await waitUntil(() => root.querySelector('[role="alert"]'));
    await root.querySelector('paragon-workflow-list')!.updateComplete;
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal('Could not save: Database unavailable.');
    expect(workflowSwitches(root)[0]!.checked).to.equal(false);
    expect(events.some((event) => event.name === 'onWorkflowChange')).to.equal(false);
  });

  it('shows "session expired" when the server rejects the token, and keeps nothing', async () => {
    const server = new FakeConnectServer();
    server.failures.set('GET', { status: 401, code: 'token_expired', message: 'The user token has expired ("exp").' });
    const { el, root } = await renderPortal('inline', server);
    const error = await el.authenticate(SESSION).catch((reason: Error) => reason);
    await el.updateComplete;
    expect((error as unknown as { code: string }).code).to.equal('token_expired');
    expect(root.querySelector('[role="alert"]')!.textContent).to.equal('Your session has expired. Reload the page to sign in again.');
    expect(el.runtime.user).to.deep.equal({ authenticated: false });
    expect(server.writes()).to.deep.equal([]);
  });

  it('as a modal, opens a <dialog> and reports open and close', async () => {
    const { el, events, root } = await renderPortal('modal');
    await el.authenticate(SESSION);
    const dialog = root.querySelector('dialog')!;
    expect(dialog.open).to.equal(false);
    await el.open({ integrationType: 'crm' });
    expect(dialog.open).to.equal(true);
    await expect(el).to.be.accessible();
    root.querySelector<HTMLButtonElement>('button.close')!.click();
    await waitUntil(() => events.some((event) => event.name === 'onPortalClose'));
    expect(dialog.open).to.equal(false);
    expect(events.map((event) => event.name)).to.deep.equal(['onPortalOpen', 'onPortalClose']);
  });

  it('refuses to open an integration the project does not have', async () => {
    const { el } = await renderPortal('modal');
    await el.authenticate(SESSION);
    const error = await el.open({ integrationType: 'nope' }).catch((reason: Error) => reason);
    expect((error as unknown as { code: string }).code).to.equal('integration_not_found');
  });
});
