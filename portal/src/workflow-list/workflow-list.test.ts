import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { WorkflowList } from './workflow-list.js';
import type { WorkflowMeta } from '../../../protocol/src/rest.js';

const workflows: WorkflowMeta[] = [
  { id: 'wf-b', description: 'Nightly export', order: 1, inputs: [] },
  { id: 'wf-a', description: 'Sync new contacts', infoText: 'Copies contacts.', order: 0, inputs: [] },
  { id: 'wf-hidden', description: 'Internal', hidden: true, inputs: [] },
];
const states = { 'wf-a': { enabled: true, settings: {} }, 'wf-b': { enabled: false, settings: {} } };

const render = () =>
  fixture<WorkflowList>(html`<paragon-workflow-list .workflows=${workflows} .states=${states}></paragon-workflow-list>`);

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

  it('fires paragon-workflow-toggle when Space flips a switch', async () => {
    const el = await render();
    switches(el)[1]!.focus();
    const toggled = oneEvent(el, 'paragon-workflow-toggle');
    await sendKeys({ press: 'Space' });
    expect((await toggled).detail).to.deep.equal({ workflowId: 'wf-b', enabled: true });
  });

  it('disables a switch while its change is saved, and all of them without an account', async () => {
    const el = await render();
    el.pending = new Set(['wf-a']);
    await el.updateComplete;
    expect(switches(el).map((input) => input.disabled)).to.deep.equal([true, false]);
    el.disabled = true;
    await el.updateComplete;
    expect(switches(el).every((input) => input.disabled)).to.equal(true);
  });

  it('moves a switch back when the state it was given did not change', async () => {
    const el = await render();
    switches(el)[1]!.click(); // the user flips it on; the owner rejects the change and re-renders
    el.states = { ...states };
    await el.updateComplete;
    expect(switches(el)[1]!.checked).to.equal(false);
  });
});
