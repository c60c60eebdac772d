import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { WorkflowList } from './workflow-list.js';
import type { IntegrationInfo, WorkflowMeta } from '../../../protocol/src/rest.js';

const workflows: WorkflowMeta[] = [
  { id: 'wf-b', description: 'Nightly export', order: 1, inputs: [{ id: 'hour', type: 'NUMBER', title: 'Hour' }] },
  { id: 'wf-a', description: 'Sync new contacts', infoText: 'Copies contacts.', order: 0, inputs: [] },
  { id: 'wf-hidden', description: 'Internal', hidden: true, inputs: [] },
];
const states = { 'wf-a': { enabled: true, settings: {} }, 'wf-b': { enabled: false, settings: {} } };
const integration = { id: 'int-crm', type: 'crm', name: 'Acme CRM' } as IntegrationInfo;

const render = () =>
  fixture<WorkflowList>(
    html`<paragon-workflow-list .integration=${integration} credential-id="c1" .workflows=${workflows} .states=${states}></paragon-workflow-list>`,
  );

const switches = (el: WorkflowList) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[role="switch"]')];

describe('<paragon-workflow-list>', () => {
  it('is accessible', async () => {
    await expect(await render()).to.be.accessible();
  });

  it('lists visible workflows in order, each switch named and reflecting its state', async () => {
    const el = await render();
    const names = [...el.shadowRoot!.querySelectorAll('.workflow__name')].map((name) => name.textContent);
    expect(names).to.deep.equal(['Sync new contacts', 'Nightly export']);
    expect(switches(el).map((input) => input.checked)).to.deep.equal([true, false]);
    expect(switches(el)[0]!.getAttribute('aria-describedby')).to.equal('info-wf-a');
  });

  it('will not turn on a workflow whose required settings are unset: says which, and opens them', async () => {
    const el = await render();
    switches(el)[1]!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(switches(el)[1]!.checked).to.equal(false);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('Set Hour before turning on Nightly export.');
    expect(switches(el)[1]!.getAttribute('aria-describedby')).to.equal('message-wf-b');
    expect(el.shadowRoot!.querySelector('details')!.open).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it("makes a workflow's settings form when its disclosure is first opened, and keeps it when closed", async () => {
    const el = await render();
    const form = () => el.shadowRoot!.querySelector('paragon-settings-form');
    expect(form()).to.equal(null);
    el.shadowRoot!.querySelector('summary')!.click();
    await new Promise((resolve) => setTimeout(resolve)); // `toggle` fires in a later task
    await el.updateComplete;
    expect(form()!.getAttribute('workflow-id')).to.equal('wf-b');
    el.shadowRoot!.querySelector('summary')!.click();
    await new Promise((resolve) => setTimeout(resolve));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('details')!.open).to.equal(false);
    expect(form()).to.not.equal(null);
  });

  it('disables every switch without an account that can run workflows, and hides their settings', async () => {
    const el = await render();
    el.disabled = true;
    await el.updateComplete;
    expect(switches(el).every((input) => input.disabled)).to.equal(true);
    expect(el.shadowRoot!.querySelector('details')).to.equal(null);
  });
});
