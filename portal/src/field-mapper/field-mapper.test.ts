import { expect } from '@open-wc/testing';
import '../define.js';
import type { ConnectInput, FieldMapperInput } from '../../../protocol/src/inputs.js';
import type { OptionQuery, OptionSource } from '../runtime/option-source.js';
import type { SelectField } from '../select-field/select-field.js';
import { $, $$, changes, chooseOption, mount, runFieldChromeTests } from '../test/field-suite.js';
import type { FieldMapper } from './field-mapper.js';

const mapper: FieldMapperInput = {
  id: 'contactMapping',
  type: 'FIELD_MAPPER',
  title: 'Contact fields',
  applicationFields: ['Email', 'Full name'],
  objectInput: {
    title: 'Object',
    values: [
      { value: 'contact', label: 'Contact' },
      { value: 'lead', label: 'Lead' },
    ],
  },
  fieldInput: { title: 'Field', sourceType: 'fields' },
};

/** The fields of whichever object `parameters.object` names; every query kept. */
function fieldSource() {
  const queries: OptionQuery[] = [];
  const source: OptionSource = {
    async load(query) {
      queries.push(query);
      const object = query.parameters?.object ?? 'any';
      return { options: ['email', 'name', 'phone'].map((field) => ({ value: `${object}.${field}`, label: `${object} ${field}` })), nextCursor: null };
    },
  };
  return { queries, sourceFor: () => source };
}

const render = (input: ConnectInput, props: Record<string, unknown> = {}) =>
  mount<FieldMapper>('paragon-field-mapper', { input, sourceFor: fieldSource().sourceFor, ...props });

const selects = (el: FieldMapper) => $$<SelectField>(el, 'paragon-select-field');
const rows = (el: FieldMapper) => $$<SelectField>(el, 'paragon-select-field.row');
const shownText = (select: SelectField) => $<HTMLInputElement>(select, '#control')!.value;

describe('<paragon-field-mapper>', () => {
  runFieldChromeTests(mapper, render, { value: { objectMapping: 'contact', fieldMappings: { Email: 'contact.email' } }, control: 'fieldset' });

  it('shows the object, then one row per application field, labelled by it', async () => {
    const el = await render(mapper, { value: { objectMapping: 'lead', fieldMappings: { 'Full name': 'lead.name' } } });
    await Promise.all(selects(el).map((select) => select.updateComplete));
    expect(selects(el).map((select) => $(select, 'label')!.textContent!.replace('*', '').trim())).to.deep.equal(['Object', 'Email', 'Full name']);
    expect(selects(el).map(shownText)).to.deep.equal(['Lead', '', 'lead name']);
    expect($<HTMLInputElement>(rows(el)[0]!, '#control')!.placeholder).to.equal('Not mapped');
  });

  it('waits for an object, then maps rows with fields asked for with { object }', async () => {
    const { queries, sourceFor } = fieldSource();
    const el = await render(mapper, { sourceFor });
    const told = changes(el);
    expect(rows(el).every((row) => row.disabled)).to.equal(true);
    await chooseOption(selects(el)[0]!, 'Contact');
    expect(told).to.deep.equal([{ objectMapping: 'contact', fieldMappings: {} }]);
    await el.updateComplete;
    await chooseOption(rows(el)[1]!, 'contact name');
    await chooseOption(rows(el)[0]!, 'contact email');
    expect(told.slice(1)).to.deep.equal([
      { objectMapping: 'contact', fieldMappings: { 'Full name': 'contact.name' } },
      { objectMapping: 'contact', fieldMappings: { 'Full name': 'contact.name', Email: 'contact.email' } },
    ]);
    expect(queries.map((query) => query.parameters)).to.deep.equal([{ object: 'contact' }, { object: 'contact' }]);
  });

  it('unmaps a row with its clear button', async () => {
    const el = await render(mapper, { value: { objectMapping: 'contact', fieldMappings: { Email: 'contact.email', 'Full name': 'contact.name' } } });
    const told = changes(el);
    $<HTMLButtonElement>(rows(el)[0]!, 'button.clear')!.click();
    expect(told).to.deep.equal([{ objectMapping: 'contact', fieldMappings: { 'Full name': 'contact.name' } }]);
  });

  it('clears every row when the object changes', async () => {
    const el = await render(mapper, { value: { objectMapping: 'contact', fieldMappings: { Email: 'contact.email' } } });
    const told = changes(el);
    await chooseOption(selects(el)[0]!, 'Lead');
    expect(told).to.deep.equal([{ objectMapping: 'lead', fieldMappings: {} }]);
    await el.updateComplete;
    expect(rows(el).map(shownText)).to.deep.equal(['', '']);
  });

  it('maps at once when there is no object to choose', async () => {
    const { objectInput: _, ...single } = mapper;
    const { queries, sourceFor } = fieldSource();
    const el = await render(single, { sourceFor });
    const told = changes(el);
    expect(selects(el)).to.have.length(2);
    await chooseOption(rows(el)[0]!, 'any email');
    expect(told).to.deep.equal([{ fieldMappings: { Email: 'any.email' } }]);
    expect(queries[0]!.parameters).to.equal(undefined);
  });

  it('disables the object and every row when read-only or disabled', async () => {
    const value = { objectMapping: 'contact', fieldMappings: { Email: 'contact.email' } };
    for (const el of [await render({ ...mapper, readOnly: true }, { value }), await render(mapper, { value, disabled: true })]) {
      expect(selects(el).map((select) => $<HTMLInputElement>(select, '#control')!.disabled)).to.deep.equal([true, true, true]);
      expect($$(rows(el)[0]!, 'button.clear')).to.have.length(0);
    }
  });

  it('renders application field labels as text', async () => {
    const el = await render({ ...mapper, applicationFields: ['<img src=x onerror=alert(1)>'] });
    expect($(rows(el)[0]!, 'label')!.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect($$(rows(el)[0]!, 'img')).to.have.length(0);
  });
});
