import { expect } from '@open-wc/testing';
import '../define.js';
import type { ConnectCredential } from '../../../protocol/src/rest.js';
import { api, failNext } from '../test/connect-server.js';
import { all, click, find, renderPortal, settle, until } from '../test/portal-fixture.js';

/** A portal on the runner integration, with one account whose report workflow is on and ran twice: once well, once not. */
async function withRuns() {
  const portal = await renderPortal({ integration: 'runner' });
  const { session } = portal;
  const credential = await api<ConnectCredential>(session, 'POST', '/credentials', { integrationId: 'int-runner', payload: { KEY: 'k' } });
  await api(session, 'POST', '/workflows/wf-report', undefined, { 'x-paragon-credential': credential.id });
  await api(session, 'POST', '/triggers/wf-report', { week: 48 }, { 'x-paragon-credential': credential.id });
  await fetch(`${new URL(session.connectUrl).origin}/projects/${session.projectId}/sdk/triggers/wf-report`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json', 'x-paragon-credential': credential.id },
    body: JSON.stringify({ fail: true }),
  });
  await portal.el.runtime.reload();
  await settle(portal.el);
  return { ...portal, credential };
}

const history = (root: Element) => find(root, 'paragon-task-history')!;

describe('<paragon-task-history>', () => {
  it('shows nothing until opened, then the runs newest first: status, trigger and the error of a failed one', async () => {
    const { el } = await withRuns();
    const element = history(el);
    expect(element, 'shown for an integration with workflows that run code').to.exist;
    expect(all(element, 'li')).to.have.length(0);
    await click(element, 'summary');
    await until(element, () => all(element, 'li').length === 2, 'the runs load when opened');
    const runs = all(element, 'li').map((run) => run.textContent!.replace(/\s+/g, ' ').trim());
    expect(runs[0]).to.contain('Send the weekly report').and.contain('Failed').and.contain('On request').and.contain('The report server is down.');
    expect(runs[1]).to.contain('Succeeded').and.not.contain('down');
    await expect(element).to.be.accessible();
  });

  it('says so when there are no runs, and when they cannot be loaded; Try again loads them', async () => {
    const { el, session } = await renderPortal({ integration: 'runner' });
    await api(session, 'POST', '/credentials', { integrationId: 'int-runner', payload: { KEY: 'k' } });
    await el.runtime.reload();
    await settle(el);
    const element = history(el);
    await failNext('GET', '/runs');
    await click(element, 'summary');
    await until(element, () => find(element, '[role="alert"]'), 'the error is announced');
    expect(find(element, '[role="alert"]')!.textContent).to.equal('The runs could not be loaded: Injected fault: 500.');
    await click(element, 'button', 'Try again');
    await until(element, () => find(element, '.empty'));
    expect(find(element, '.empty')!.textContent).to.equal('No workflow has run for this account yet.');
  });

  it('is not shown for an integration whose workflows are switches only', async () => {
    const { el, session } = await renderPortal({ integration: 'crm' });
    await api(session, 'POST', '/credentials', { integrationId: 'int-crm', payload: { API_KEY: 'k' } });
    await el.runtime.reload();
    await settle(el);
    expect(find(el, 'paragon-task-history')).to.equal(undefined);
  });
});
