import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { BooleanInput, ConnectInput } from '../../../protocol/src/inputs.js';
import { $, changes, mount, runFieldChromeTests } from '../test/field-suite.js';
import type { ToggleField } from './toggle-field.js';

const render = (input: ConnectInput, props: Record<string, unknown> = {}) => mount<ToggleField>('paragon-toggle-field', { input, ...props });

const sync: BooleanInput = { id: 'sync', type: 'SWITCH', title: 'Sync deleted contacts', required: false };
const agree: BooleanInput = { id: 'agree', type: 'BOOLEAN_INPUT', title: 'Include archived', required: false };

const control = (el: ToggleField) => $<HTMLInputElement>(el, '#control')!;

describe('<paragon-toggle-field>', () => {
  runFieldChromeTests(sync, render, { value: true });
  describe('as a checkbox', () => runFieldChromeTests(agree, render, { value: false }));

  it('draws SWITCH as a native checkbox with role="switch", and BOOLEAN_INPUT as a plain checkbox', async () => {
    const toggle = await render(sync, { value: true });
    expect(control(toggle).type).to.equal('checkbox');
    expect(control(toggle).getAttribute('role')).to.equal('switch');
    expect(control(toggle).checked).to.equal(true);
    const box = await render(agree);
    expect(control(box).getAttribute('role')).to.equal('checkbox');
    expect(control(box).checked).to.equal(false);
  });

  it('shows the default until a value is stored', async () => {
    const el = await render({ ...sync, defaultValue: true });
    expect(control(el).checked).to.equal(true);
    el.value = false;
    await el.updateComplete;
    expect(control(el).checked).to.equal(false);
  });

  it('tells the new value at once when Space flips the switch', async () => {
    const el = await render(sync, { value: false });
    const told = changes(el);
    control(el).focus();
    await sendKeys({ press: 'Space' });
    expect(told).to.deep.equal([true]);
    await sendKeys({ press: 'Space' });
    expect(told).to.deep.equal([true, false]);
  });

  it('tells the new value once when the label of the checkbox is clicked', async () => {
    const el = await render(agree);
    const told = changes(el);
    $<HTMLLabelElement>(el, 'label')!.click();
    expect(told).to.deep.equal([true]);
  });

  it('cannot be flipped when read-only or disabled', async () => {
    for (const el of [await render({ ...sync, readOnly: true }), await render(sync, { disabled: true })]) {
      const told = changes(el);
      expect(control(el).disabled).to.equal(true);
      control(el).click();
      expect(told).to.deep.equal([]);
    }
  });
});
