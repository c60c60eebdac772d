import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render } from 'lit';
import '../define.js';
import { INPUT_TYPES, type ConnectInput, type ConnectInputType } from '../../../protocol/src/inputs.js';
import type { OptionSource } from '../runtime/option-source.js';
import type { SelectField } from '../select-field/select-field.js';
import { $, $$ } from '../test/field-suite.js';
import { renderSettingField, type OptionPart } from './render-field.js';

const options = [
  { value: 'a', label: 'Alpha' },
  { value: 'b', label: 'Beta' },
];

/** One input of every type. */
const inputs: ConnectInput[] = [
  { id: 'TEXT_NO_VARS', type: 'TEXT_NO_VARS', title: 'Text' },
  { id: 'TEXTAREA_NO_VARS', type: 'TEXTAREA_NO_VARS', title: 'Textarea' },
  { id: 'NUMBER', type: 'NUMBER', title: 'Number' },
  { id: 'EMAIL', type: 'EMAIL', title: 'Email' },
  { id: 'URL', type: 'URL', title: 'URL' },
  { id: 'PASSWORD', type: 'PASSWORD', title: 'Password' },
  { id: 'BOOLEAN_INPUT', type: 'BOOLEAN_INPUT', title: 'Boolean' },
  { id: 'SWITCH', type: 'SWITCH', title: 'Switch' },
  { id: 'ENUM', type: 'ENUM', title: 'Enum', values: options },
  { id: 'DYNAMIC_ENUM', type: 'DYNAMIC_ENUM', title: 'Dynamic enum', sourceType: 'sites' },
  { id: 'CUSTOM_DROPDOWN', type: 'CUSTOM_DROPDOWN', title: 'Custom dropdown', key: 'teams' },
  {
    id: 'COMBO_INPUT',
    type: 'COMBO_INPUT',
    title: 'Combo',
    mainInput: { title: 'Main', values: options },
    dependentInput: { title: 'Dependent', sourceType: 'sub' },
  },
  {
    id: 'DYNAMIC_COMBO_INPUT',
    type: 'DYNAMIC_COMBO_INPUT',
    title: 'Dynamic combo',
    mainInput: { title: 'Main', sourceType: 'm' },
    dependentInput: { title: 'Dependent', sourceType: 'd' },
  },
  {
    id: 'FIELD_MAPPER',
    type: 'FIELD_MAPPER',
    title: 'Mapper',
    applicationFields: ['Email'],
    objectInput: { title: 'Object', sourceType: 'o' },
    fieldInput: { title: 'Field', sourceType: 'f' },
  },
  { id: 'COPYABLE_BUTTON_INPUT', type: 'COPYABLE_BUTTON_INPUT', title: 'Copy', copyText: 'abc' },
  { id: 'PERMISSION', type: 'PERMISSION', title: 'Permission', scopes: [{ name: 's', description: 'A scope.' }] },
  { id: 'FILE', type: 'FILE', title: 'File' },
];

const TAGS: Record<ConnectInputType, string> = {
  TEXT_NO_VARS: 'paragon-text-field',
  TEXTAREA_NO_VARS: 'paragon-text-field',
  NUMBER: 'paragon-text-field',
  EMAIL: 'paragon-text-field',
  URL: 'paragon-text-field',
  PASSWORD: 'paragon-text-field',
  BOOLEAN_INPUT: 'paragon-toggle-field',
  SWITCH: 'paragon-toggle-field',
  ENUM: 'paragon-select-field',
  DYNAMIC_ENUM: 'paragon-select-field',
  CUSTOM_DROPDOWN: 'paragon-select-field',
  COMBO_INPUT: 'paragon-combo-field',
  DYNAMIC_COMBO_INPUT: 'paragon-combo-field',
  FIELD_MAPPER: 'paragon-field-mapper',
  COPYABLE_BUTTON_INPUT: 'paragon-copy-field',
  PERMISSION: 'paragon-permission-field',
  FILE: 'paragon-file-field',
};

/** Sources that answer with their input's id and part, remembering who asked. */
function sources() {
  const asked: string[] = [];
  const made = new Map<string, OptionSource>();
  const sourceFor = (input: ConnectInput, part: OptionPart) => {
    const key = `${input.id}/${part}`;
    asked.push(key);
    if (!made.has(key)) made.set(key, { load: async () => ({ options: [{ value: key, label: `Option of ${key}` }], nextCursor: null }) });
    return made.get(key)!;
  };
  return { asked, sourceFor };
}

const form = (list: ConnectInput[], sourceFor = sources().sourceFor, values: Record<string, unknown> = {}) =>
  fixture<HTMLFormElement>(html`<form>${list.map((input) => renderSettingField(input, { value: values[input.id] as never, sourceFor }))}</form>`);

describe('renderSettingField', () => {
  it('renders the element of each of the 17 input types', async () => {
    expect(inputs.map((input) => input.type)).to.deep.equal([...INPUT_TYPES]);
    const el = await form(inputs);
    expect([...el.children].map((child) => child.localName)).to.deep.equal(inputs.map((input) => TAGS[input.type]));
    expect([...el.children].map((child) => (child as unknown as { input: ConnectInput }).input.id)).to.deep.equal(inputs.map((input) => input.id));
  });

  it('renders nothing for a hidden input', async () => {
    const el = await form([{ ...inputs[0]!, hidden: true }, inputs[1]!]);
    expect([...el.children].map((child) => child.localName)).to.deep.equal(['paragon-text-field']);
  });

  it('passes value, error and disabled down', async () => {
    const el = await fixture<HTMLElement>(
      html`<div>${renderSettingField(inputs[0]!, { value: 'typed', error: 'Refused.', disabled: true, sourceFor: sources().sourceFor })}</div>`,
    );
    const field = el.firstElementChild!;
    const control = $<HTMLInputElement>(field, '#control')!;
    expect([control.value, control.disabled, $(field, '#error')!.textContent]).to.deep.equal(['typed', true, 'Refused.']);
  });

  it('gives ENUM its own values, and asks sourceFor for every other dropdown and part', async () => {
    const { asked, sourceFor } = sources();
    const el = await form(inputs, sourceFor, { DYNAMIC_ENUM: 'DYNAMIC_ENUM/options' });
    expect([...new Set(asked)].sort()).to.deep.equal(
      [
        'CUSTOM_DROPDOWN/options',
        'DYNAMIC_ENUM/options',
        'COMBO_INPUT/dependent',
        'DYNAMIC_COMBO_INPUT/main',
        'DYNAMIC_COMBO_INPUT/dependent',
        'FIELD_MAPPER/object',
        'FIELD_MAPPER/field',
      ].sort(),
    );
    const dynamic = el.querySelector<SelectField>('paragon-select-field:nth-of-type(2)')!;
    await dynamic.updateComplete;
    expect($<HTMLInputElement>(dynamic, '#control')!.value).to.equal('Option of DYNAMIC_ENUM/options');
    const enumField = el.querySelector<SelectField>('paragon-select-field')!;
    $<HTMLInputElement>(enumField, '#control')!.click();
    await enumField.updateComplete;
    expect($$(enumField, '[role="option"]').map((option) => option.textContent!.trim())).to.deep.equal(['Alpha', 'Beta']);
  });

  it('keeps a dropdown where it was when the form renders again', async () => {
    const { sourceFor } = sources();
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const draw = () =>
      render(
        inputs.slice(8, 10).map((input) => renderSettingField(input, { sourceFor })),
        container,
      );
    draw();
    const [enumField, dynamic] = container.querySelectorAll<SelectField>('paragon-select-field');
    const before = [enumField!.source, dynamic!.source];
    await enumField!.updateComplete;
    const control = $<HTMLInputElement>(enumField!, '#control')!;
    control.focus();
    await sendKeys({ type: 'bet' });
    await enumField!.updateComplete;
    draw();
    await enumField!.updateComplete;
    expect([enumField!.source, dynamic!.source]).to.deep.equal(before);
    expect(control.value).to.equal('bet');
    expect($$(enumField!, '[role="option"]').map((option) => option.textContent!.trim())).to.deep.equal(['Beta']);
  });

  it('is accessible as a whole form', async () => {
    await expect(await form(inputs)).to.be.accessible();
  });

  it("draws every field, open dropdowns included, under style-src 'self' without a violation", async () => {
    const violations: string[] = [];
    const record = (event: SecurityPolicyViolationEvent) => violations.push(`${event.effectiveDirective}: ${event.sample || event.blockedURI}`);
    document.addEventListener('securitypolicyviolation', record);
    const policy = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src 'self'" });
    document.head.append(policy);
    try {
      const many = Array.from({ length: 5000 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));
      const el = await form([...inputs, { id: 'many', type: 'ENUM', title: 'Many', values: many }]);
      for (const select of el.querySelectorAll<SelectField>('paragon-select-field')) {
        $<HTMLInputElement>(select, '#control')!.click();
        await select.updateComplete;
        const listbox = $(select, '#listbox')!;
        listbox.scrollTop = 2000;
        listbox.dispatchEvent(new Event('scroll'));
        await select.updateComplete;
      }
      // A style attribute in a template (or set as an attribute) would have been refused by now.
      const probe = document.createElement('div');
      probe.setAttribute('style', 'color: red');
      document.body.append(probe);
      await new Promise((resolve) => setTimeout(resolve, 50));
      probe.remove();
      expect(violations).to.deep.equal(['style-src-attr: inline']); // the probe's, and only the probe's
    } finally {
      document.removeEventListener('securitypolicyviolation', record);
    }
  });
});
