import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../portal/src/define.js';
import { ConnectPortal } from '../../portal/src/connect-portal/connect-portal.js';
import { PortalRuntime } from '../../portal/src/runtime/portal-runtime.js';
import { FakeConnectServer, fakeToken } from '../../portal/src/test/fake-connect-server.js';
import { createParagon } from './paragon.js';

/** A host page with an inline portal element and a bridge paired to it (element mode). */
async function pairedBridge() {
  const server = new FakeConnectServer();
  const element = new ConnectPortal(new PortalRuntime(server.fetch));
  element.display = 'inline';
  await fixture(html`<div>${element}</div>`);
  const paragon = createParagon({ connectUrl: 'http://connect.test', embedding: 'element', element });
  return { paragon, element, server };
}

async function connectAccount(element: ConnectPortal, key: string) {
  await element.updateComplete;
  const form = element.shadowRoot!.querySelector('paragon-api-key-form')!;
  await form.updateComplete;
  const count = () => (element.runtime.user.authenticated ? element.runtime.user.integrations.crm!.allCredentials.length : 0);
  const before = count();
  form.shadowRoot!.querySelector<HTMLInputElement>('#API_KEY')!.value = key;
  form.shadowRoot!.querySelector('button')!.click();
  await waitUntil(() => count() > before, 'the account never appeared');
  await element.updateComplete;
}

describe('paragon (host bridge)', () => {
  it('rejects an unknown event name with the list of valid ones', () => {
    const paragon = createParagon();
    expect(() => paragon.subscribe('onInstall' as never, () => undefined)).to.throw(/Unknown event "onInstall"; use one of onIntegrationInstall/);
  });

  it('refuses to connect or authenticate before it can reach a portal', async () => {
    const paragon = createParagon();
    const connectError = await paragon.connect('crm').catch((error) => error);
    expect(connectError.code).to.equal('not_authenticated');
    const authError = await paragon.authenticate('p1', fakeToken()).catch((error) => error);
    expect(authError.message).to.match(/configureGlobal/);
  });


  it('in element mode, authenticates through the element and keeps getUser() synchronous and token-free', async () => {
    const { paragon } = await pairedBridge();
    expect(paragon.getUser()).to.deep.equal({ authenticated: false });
    await paragon.authenticate('p1', fakeToken('alice'));
    const user = paragon.getUser();
    expect(user).to.deep.include({ authenticated: true, userId: 'alice', projectId: 'p1' });
    expect(JSON.stringify(user)).not.to.contain(fakeToken('alice'));
  });

  it('forwards install and workflow events to subscribers and to connect() callbacks, with the credential id', async () => {
    const { paragon, element } = await pairedBridge();
    await paragon.authenticate('p1', fakeToken('alice'));
    const seen: string[] = [];
    paragon.subscribe('onIntegrationInstall', (event) => seen.push(`global install ${event.credentialId}`));
    const opened = new Promise<void>((resolve) =>
      void paragon.connect('crm', {
        onOpen: () => resolve(),
        onInstall: (event, user) => seen.push(`onInstall ${event.credentialId} ${user.authenticated}`),
        onWorkflowChange: (event) => seen.push(`onWorkflowChange ${event.credentialId} ${event.workflowId} ${event.workflowStateChange.enabled}`),
      }),
    );
    await opened;
    await connectAccount(element, 'key-one');
    await connectAccount(element, 'key-two');
    const list = element.shadowRoot!.querySelector('paragon-workflow-list')!;
    await list.updateComplete;
    list.shadowRoot!.querySelector<HTMLInputElement>('input[role="switch"]')!.click();
    await waitUntil(() => seen.some((line) => line.startsWith('onWorkflowChange')));
    expect(seen).to.deep.equal([
      'global install cred-1',
      'onInstall cred-1 true',
      'global install cred-2',
      'onInstall cred-2 true',
      'onWorkflowChange cred-2 wf-a true',
    ]);
    const user = paragon.getUser();
    expect(user.authenticated && user.integrations.crm!.allCredentials.map((credential) => credential.id)).to.deep.equal(['cred-1', 'cred-2']);
  });

  it('reports a rejected token as an error with its code, and stays signed out', async () => {
    const { paragon, server } = await pairedBridge();
    server.failures.set('GET', { status: 401, code: 'token_expired', message: 'The user token has expired ("exp").' });
    const error = await paragon.authenticate('p1', fakeToken()).catch((reason) => reason);
    expect(error.code).to.equal('token_expired');
    expect(error.message).to.equal('The user token has expired ("exp").');
    expect(paragon.getUser()).to.deep.equal({ authenticated: false });
  });

  it('stops calling a listener after unsubscribe, and a throwing listener does not stop the others', async () => {
    const { paragon, element } = await pairedBridge();
    await paragon.authenticate('p1', fakeToken());
    const calls: string[] = [];
    const quiet = () => calls.push('quiet');
    paragon.subscribe('onIntegrationInstall', () => {
      throw new Error('host bug');
    });
    paragon.subscribe('onIntegrationInstall', quiet);
    paragon.subscribe('onIntegrationInstall', () => calls.push('loud'));
    expect(paragon.unsubscribe('onIntegrationInstall', quiet)).to.equal(true);
    element.integration = 'crm';
    await element.updateComplete;
    await connectAccount(element, 'key');
    await waitUntil(() => calls.length > 0);
    expect(calls).to.deep.equal(['loud']);
  });
});
