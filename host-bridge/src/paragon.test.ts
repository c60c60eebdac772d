import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../portal/src/define.js';
import { ConnectPortal } from '../../portal/src/connect-portal/connect-portal.js';
import { api, CONNECT_URL, sessionFor } from '../../portal/src/test/connect-server.js';
import { click, control, fill, find, settle, until } from '../../portal/src/test/portal-fixture.js';
import { elementEmbedding } from './element.js';
import { createParagon } from './paragon.js';

/** A host page with an inline portal element and a bridge paired to it (element mode), against the real server. */
async function pairedBridge() {
  const element = new ConnectPortal();
  element.display = 'inline';
  await fixture(html`<div>${element}</div>`);
  const paragon = createParagon({ connectUrl: CONNECT_URL, embedding: elementEmbedding(element) });
  const session = await sessionFor();
  return { paragon, element, session };
}

async function connectThroughPortal(element: ConnectPortal, key: string) {
  await click(element, 'button.connect');
  await fill(element, 'API key', key);
  await click(element, 'paragon-inputs-form button[type="submit"]');
  await until(element, () => find(element, 'h3', 'is connected.'));
  await click(element, 'paragon-install-flow button', 'Done');
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
    const authError = await paragon.authenticate('p1', 'x.y.z').catch((error) => error);
    expect(authError.message).to.match(/configureGlobal/);
  });

  it('in element mode, authenticates through the element and keeps getUser() synchronous and token-free', async () => {
    const { paragon, session } = await pairedBridge();
    expect(paragon.getUser()).to.deep.equal({ authenticated: false });
    await paragon.authenticate(session.projectId, session.token);
    const user = paragon.getUser();
    expect(user).to.deep.include({ authenticated: true, projectId: session.projectId });
    expect(JSON.stringify(user)).not.to.contain(session.token);
  });

  it('forwards install and workflow events to subscribers and to connect() callbacks, with the credential id', async () => {
    const { paragon, element, session } = await pairedBridge();
    await paragon.authenticate(session.projectId, session.token);
    const seen: string[] = [];
    paragon.subscribe('onIntegrationInstall', (event) => seen.push(`global install ${event.credentialId}`));
    const opened = new Promise<void>(
      (resolve) =>
        void paragon.connect('crm', {
          onOpen: () => resolve(),
          onInstall: (event, user) => seen.push(`onInstall ${event.credentialId} ${user.authenticated}`),
          onWorkflowChange: (event) => seen.push(`onWorkflowChange ${event.credentialId} ${event.workflowId} ${event.workflowStateChange.enabled}`),
        }),
    );
    await opened;
    await connectThroughPortal(element, 'key-one');
    await connectThroughPortal(element, 'key-two');
    control(element, 'Sync new contacts')!.click();
    await waitUntil(() => seen.some((line) => line.startsWith('onWorkflowChange')));
    const user = paragon.getUser();
    const ids = user.authenticated ? user.integrations.crm!.allCredentials.map((credential) => credential.id) : [];
    expect(ids).to.have.length(2);
    expect(seen).to.deep.equal([
      `global install ${ids[0]}`,
      `onInstall ${ids[0]} true`,
      `global install ${ids[1]}`,
      `onInstall ${ids[1]} true`,
      `onWorkflowChange ${ids[1]} wf-a true`,
    ]);
  });

  it('reports a rejected token as an error with its code, and stays signed out', async () => {
    const { paragon } = await pairedBridge();
    const expired = await sessionFor(undefined, { expired: true });
    const error = await paragon.authenticate(expired.projectId, expired.token).catch((reason) => reason);
    expect(error.code).to.equal('token_expired');
    expect(error.message).to.match(/has expired/);
    expect(paragon.getUser()).to.deep.equal({ authenticated: false });
  });

  it('stops calling a listener after unsubscribe, and a throwing listener does not stop the others', async () => {
    const { paragon, element, session } = await pairedBridge();
    await paragon.authenticate(session.projectId, session.token);
    const calls: string[] = [];
    const quiet = () => calls.push('quiet');
    paragon.subscribe('onIntegrationInstall', () => {
      throw new Error('host bug');
    });
    paragon.subscribe('onIntegrationInstall', quiet);
    paragon.subscribe('onIntegrationInstall', () => calls.push('loud'));
    expect(paragon.unsubscribe('onIntegrationInstall', quiet)).to.equal(true);
    element.integration = 'crm';
    await settle(element);
    await connectThroughPortal(element, 'key');
    await waitUntil(() => calls.length > 0);
    expect(calls).to.deep.equal(['loud']);
    expect(await api(session, 'GET', '/credentials')).to.have.length(1);
  });
});
