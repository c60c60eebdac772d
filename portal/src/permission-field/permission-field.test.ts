import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { ConnectInput, PermissionInput } from '../../../protocol/src/inputs.js';
import { $, $$, changes, mount, runFieldChromeTests } from '../test/field-suite.js';
import type { PermissionField } from './permission-field.js';

const scopes: PermissionInput = {
  id: 'scopes',
  type: 'PERMISSION',
  title: 'Permissions',
  scopes: [
    { name: 'contacts.read', label: 'Read contacts', description: 'See your contacts.', required: true },
    { name: 'contacts.write', label: 'Edit contacts', description: 'Create and update contacts.' },
    { name: 'files.read', description: 'Read your files.' },
  ],
};

const render = (input: ConnectInput, props: Record<string, unknown> = {}) => mount<PermissionField>('paragon-permission-field', { input, ...props });
const boxes = (el: PermissionField) => $$<HTMLInputElement>(el, 'input[type="checkbox"]');

describe('<paragon-permission-field>', () => {
  runFieldChromeTests(scopes, render, { value: ['contacts.read', 'files.read'], control: 'fieldset' });

  it('is a fieldset of labelled, described checkboxes; required scopes checked and disabled', async () => {
    const el = await render(scopes, { value: ['contacts.read', 'files.read'] });
    expect($(el, 'fieldset legend')!.textContent).to.contain('Permissions');
    expect(boxes(el).map((box) => box.labels![0]!.textContent)).to.deep.equal(['Read contacts', 'Edit contacts', 'files.read']);
    expect(boxes(el).map((box) => box.checked)).to.deep.equal([true, false, true]);
    expect(boxes(el).map((box) => box.disabled)).to.deep.equal([true, false, false]);
    const described = $(el, `#${boxes(el)[1]!.getAttribute('aria-describedby')}`)!;
    expect(described.textContent).to.equal('Create and update contacts.');
  });

  it('tells the granted scopes, required ones included, when Space checks one', async () => {
    const el = await render(scopes, { value: ['contacts.read'] });
    const told = changes(el);
    boxes(el)[2]!.focus();
    await sendKeys({ press: 'Space' });
    expect(told).to.deep.equal([['contacts.read', 'files.read']]);
    boxes(el)[1]!.click();
    boxes(el)[2]!.click();
    expect(told.slice(1)).to.deep.equal([
      ['contacts.read', 'contacts.write', 'files.read'],
      ['contacts.read', 'contacts.write'],
    ]);
  });

  it('grants only the required scopes when nothing is stored', async () => {
    const el = await render(scopes);
    expect(boxes(el).map((box) => box.checked)).to.deep.equal([true, false, false]);
  });

  it('marks every checkbox invalid while an error is shown', async () => {
    const el = await render(scopes, { error: 'Grant at least one more scope.' });
    expect(boxes(el).every((box) => box.getAttribute('aria-invalid') === 'true')).to.equal(true);
  });

  it('disables every checkbox when read-only or disabled', async () => {
    for (const el of [await render({ ...scopes, readOnly: true }), await render(scopes, { disabled: true })]) {
      expect(boxes(el).every((box) => box.disabled)).to.equal(true);
    }
  });

  it('renders scope labels and descriptions as text', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    const el = await render({ ...scopes, scopes: [{ name: 'x', label: attack, description: attack }] });
    expect($$(el, 'img')).to.have.length(0);
    expect($(el, 'label[for="scope-0"]')!.textContent).to.equal(attack);
  });
});
