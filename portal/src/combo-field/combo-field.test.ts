import { expect } from '@open-wc/testing';
import '../define.js';
import type { ComboInput, ConnectInput } from '../../../protocol/src/inputs.js';
import type { OptionQuery, OptionSource } from '../runtime/option-source.js';
import type { SelectField } from '../select-field/select-field.js';
import { $, $$, changes, chooseOption, mount, runFieldChromeTests } from '../test/field-suite.js';
import type { ComboField } from './combo-field.js';

const sheet: ComboInput = {
  id: 'sheet',
  type: 'DYNAMIC_COMBO_INPUT',
  title: 'Spreadsheet and sheet',
  mainInput: { title: 'Spreadsheet', sourceType: 'spreadsheets' },
  dependentInput: { title: 'Sheet', sourceType: 'sheets' },
};

/** Spreadsheets, and the sheets of whichever one `parameters.main` names; every query kept. */
function sources() {
  const queries: { part: string; query: OptionQuery }[] = [];
  const make = (part: 'main' | 'dependent'): OptionSource => ({
    async load(query) {
      queries.push({ part, query });
      if (part === 'main')
        return {
          options: [
            { value: 'budget', label: 'Budget' },
            { value: 'leads', label: 'Leads' },
          ],
          nextCursor: null,
        };
      const main = query.parameters?.main ?? '?';
      return {
        options: [
          { value: `${main}-1`, label: `${main} sheet 1` },
          { value: `${main}-2`, label: `${main} sheet 2` },
        ],
        nextCursor: null,
      };
    },
  });
  const main = make('main');
  const dependent = make('dependent');
  return { queries, sourceFor: (part: 'main' | 'dependent') => (part === 'main' ? main : dependent) };
}

const render = (input: ConnectInput, props: Record<string, unknown> = {}) =>
  mount<ComboField>('paragon-combo-field', { input, sourceFor: sources().sourceFor, ...props });

const parts = (el: ComboField) => $$<SelectField>(el, 'paragon-select-field');
const shownText = (select: SelectField) => $<HTMLInputElement>(select, '#control')!.value;

describe('<paragon-combo-field>', () => {
  runFieldChromeTests(sheet, render, { value: { mainInput: 'budget', dependentInput: 'budget-2' }, control: 'fieldset' });

  it('is a fieldset of two dropdowns titled by their parts, showing the value', async () => {
    const el = await render(sheet, { value: { mainInput: 'budget', dependentInput: 'budget-2' } });
    expect($(el, 'legend')!.textContent).to.contain('Spreadsheet and sheet');
    const [main, dependent] = parts(el);
    await main!.updateComplete;
    await dependent!.updateComplete;
    expect($(main!, 'label')!.textContent).to.contain('Spreadsheet');
    expect([shownText(main!), shownText(dependent!)]).to.deep.equal(['Budget', 'budget sheet 2']);
  });

  it('waits for a main choice, then asks for the dependent options with { main }', async () => {
    const { queries, sourceFor } = sources();
    const el = await render(sheet, { sourceFor });
    const told = changes(el);
    const [main, dependent] = parts(el);
    expect(dependent!.disabled).to.equal(true);
    await chooseOption(main!, 'Leads');
    expect(told).to.deep.equal([{ mainInput: 'leads' }]);
    await el.updateComplete;
    expect(dependent!.disabled).to.equal(false);
    await chooseOption(dependent!, 'leads sheet 2');
    expect(told).to.deep.equal([{ mainInput: 'leads' }, { mainInput: 'leads', dependentInput: 'leads-2' }]);
    expect(queries.filter((entry) => entry.part === 'dependent').map((entry) => entry.query.parameters)).to.deep.equal([{ main: 'leads' }]);
  });

  it('tells one change, from the combo itself, per choice', async () => {
    const el = await render(sheet);
    const events: string[] = [];
    const listen = (event: GlobalEventHandlersEventMap['paragon-field-change']) => events.push(event.detail.inputId);
    document.addEventListener('paragon-field-change', listen);
    await chooseOption(parts(el)[0]!, 'Budget');
    document.removeEventListener('paragon-field-change', listen);
    expect(events).to.deep.equal(['sheet']);
  });

  it('clears the dependent choice when the main one changes', async () => {
    const el = await render(sheet, { value: { mainInput: 'budget', dependentInput: 'budget-1' } });
    const told = changes(el);
    const [main, dependent] = parts(el);
    await chooseOption(main!, 'Leads');
    expect(told).to.deep.equal([{ mainInput: 'leads' }]);
    await el.updateComplete;
    await dependent!.updateComplete;
    expect(shownText(dependent!)).to.equal('');
  });

  it('clears the whole value when an optional main choice is cleared, and just the dependent one from its own button', async () => {
    const el = await render({ ...sheet, required: false }, { value: { mainInput: 'budget', dependentInput: 'budget-1' } });
    const told = changes(el);
    const [main, dependent] = parts(el);
    $<HTMLButtonElement>(dependent!, 'button.clear')!.click();
    $<HTMLButtonElement>(main!, 'button.clear')!.click();
    expect(told).to.deep.equal([{ mainInput: 'budget' }, null]);
  });

  it('takes a part with its own values from them, asking sourceFor only for data sources', async () => {
    const asked: string[] = [];
    const { sourceFor } = sources();
    const input: ComboInput = { ...sheet, type: 'COMBO_INPUT', mainInput: { title: 'Region', values: [{ value: 'eu', label: 'Europe' }] } };
    const el = await render(input, { sourceFor: (part: 'main' | 'dependent') => (asked.push(part), sourceFor(part)) });
    const told = changes(el);
    await chooseOption(parts(el)[0]!, 'Europe');
    await el.updateComplete;
    await chooseOption(parts(el)[1]!, 'eu sheet 1');
    expect(told).to.deep.equal([{ mainInput: 'eu' }, { mainInput: 'eu', dependentInput: 'eu-1' }]);
    expect([...new Set(asked)]).to.deep.equal(['dependent']);
  });

  it('disables both parts when read-only or disabled', async () => {
    for (const el of [
      await render({ ...sheet, readOnly: true }, { value: { mainInput: 'budget' } }),
      await render(sheet, { value: { mainInput: 'budget' }, disabled: true }),
    ]) {
      expect(parts(el).map((part) => $<HTMLInputElement>(part, '#control')!.disabled)).to.deep.equal([true, true]);
    }
  });
});
