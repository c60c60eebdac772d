import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { ConnectInput, EnumInput, EnumOption, EnumSection } from '../../../protocol/src/inputs.js';
import { staticOptionSource, type OptionPage, type OptionQuery, type OptionSource } from '../runtime/option-source.js';
import { $, $$, changes, mount, runFieldChromeTests } from '../test/field-suite.js';
import type { SelectField } from './select-field.js';
import { VISIBLE_ROWS } from './select-field.styles.js';

const values: EnumOption[] = [
  { value: 'eu', label: 'Europe', subtitle: 'Frankfurt' },
  { value: 'us', label: 'United States' },
  { value: 'ap', label: 'Asia Pacific' },
  { value: 'sa', label: 'South America' },
];
const region: EnumInput = { id: 'region', type: 'ENUM', title: 'Region', values };

const render = (input: ConnectInput, props: Record<string, unknown> = {}) =>
  mount<SelectField>('paragon-select-field', { input, source: staticOptionSource((input as EnumInput).values ?? values), ...props });

const control = (el: SelectField) => $<HTMLInputElement>(el, '#control')!;
const optionLabels = (el: SelectField) => $$(el, '[role="option"] > span:first-child').map((span) => span.textContent);
const activeOption = (el: SelectField) => {
  const id = control(el).getAttribute('aria-activedescendant');
  return id ? $(el, `#${id}`)!.querySelector('span')!.textContent : null;
};

async function press(el: SelectField, ...keys: string[]) {
  for (const key of keys) await sendKeys({ press: key });
  await el.updateComplete;
}

/** A remote source whose answers the test gives, one request at a time. */
function manualSource() {
  const requests: { query: OptionQuery; signal: AbortSignal; answer: (page: OptionPage) => void; fail: (error: Error) => void }[] = [];
  const source: OptionSource = {
    load: (query, signal) => new Promise((answer, fail) => requests.push({ query, signal, answer, fail })),
  };
  return { source, requests };
}

/** A remote source of `total` options in pages of `size`, counting its calls. */
function pagedSource(total: number, size: number) {
  const calls: OptionQuery[] = [];
  const source: OptionSource = {
    async load(query) {
      calls.push(query);
      const start = query.cursor === null ? 0 : Number(query.cursor.replace('after-', ''));
      const options = Array.from({ length: Math.min(size, total - start) }, (_, i) => ({ value: `c${start + i}`, label: `Contact ${start + i}` }));
      return { options, nextCursor: start + size < total ? `after-${start + size}` : null };
    },
  };
  return { source, calls };
}

describe('<paragon-select-field>', () => {
  runFieldChromeTests(region, render, { value: 'us' });

  it('is accessible while open, with sections and the active option', async () => {
    const sections: EnumSection[] = [
      { title: 'Recent', items: values.slice(0, 2) },
      { title: 'All', items: values },
    ];
    const el = await render(region, { value: 'us', source: { load: async () => ({ options: sections, nextCursor: null }) } });
    control(el).focus();
    await press(el, 'ArrowDown');
    await expect(el).to.be.accessible();
  });

  it('is an ARIA combobox that shows the chosen option by its label', async () => {
    const el = await render(region, { value: 'ap' });
    const input = control(el);
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.getAttribute('aria-controls')).to.equal('listbox');
    expect(input.value).to.equal('Asia Pacific');
  });

  it('shows the value itself until a page holding it has loaded', async () => {
    const { source, requests } = manualSource();
    const el = document.createElement('paragon-select-field');
    Object.assign(el, { input: { id: 'site', type: 'DYNAMIC_ENUM', title: 'Site', sourceType: 'sites' }, source, value: 'site-7' });
    document.body.append(el);
    await aTimeout(0);
    expect(control(el).value).to.equal('site-7');
    expect(requests).to.have.length(1);
    requests[0]!.answer({ options: [{ value: 'site-7', label: 'Berlin office' }], nextCursor: null });
    await el.updateComplete;
    expect(control(el).value).to.equal('Berlin office');
    el.remove();
  });

  it('filters as the user types, and Enter chooses the first match: one change with its value', async () => {
    const el = await render(region);
    const told = changes(el);
    control(el).focus();
    await sendKeys({ type: 'am' });
    await el.updateComplete;
    expect(control(el).getAttribute('aria-expanded')).to.equal('true');
    expect(optionLabels(el)).to.deep.equal(['South America']);
    expect(activeOption(el)).to.equal('South America');
    await press(el, 'Enter');
    expect(told).to.deep.equal(['sa']);
    expect(control(el).value).to.equal('South America');
    expect(control(el).getAttribute('aria-expanded')).to.equal('false');
  });

  it('searches values as well as labels, and says when nothing matches', async () => {
    const el = await render(region);
    control(el).focus();
    await sendKeys({ type: 'ap' });
    await el.updateComplete;
    expect(optionLabels(el)).to.deep.equal(['Asia Pacific']);
    await sendKeys({ type: 'zzz' });
    await el.updateComplete;
    expect(optionLabels(el)).to.deep.equal([]);
    expect($(el, '[role="status"]')!.textContent).to.equal('No matches');
    expect($(el, '#listbox')!.hidden).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('chooses an option on click', async () => {
    const el = await render(region, { value: 'eu' });
    const told = changes(el);
    control(el).click();
    await el.updateComplete;
    expect(optionLabels(el)).to.deep.equal(['Europe', 'United States', 'Asia Pacific', 'South America']);
    expect($(el, '[role="option"].chosen span')!.textContent).to.equal('Europe');
    $$(el, '[role="option"]')[2]!.click();
    await el.updateComplete;
    expect(told).to.deep.equal(['ap']);
    expect(control(el).value).to.equal('Asia Pacific');
  });

  it('moves with ArrowDown/Up, Home and End, starting from the chosen option', async () => {
    const el = await render(region, { value: 'us' });
    const told = changes(el);
    control(el).focus();
    await press(el, 'ArrowDown');
    expect(activeOption(el)).to.equal('United States');
    expect($(el, '[aria-selected="true"] span')!.textContent).to.equal('United States');
    await press(el, 'ArrowDown');
    expect(activeOption(el)).to.equal('Asia Pacific');
    await press(el, 'End');
    expect(activeOption(el)).to.equal('South America');
    await press(el, 'ArrowDown');
    expect(activeOption(el)).to.equal('South America');
    await press(el, 'Home');
    expect(activeOption(el)).to.equal('Europe');
    await press(el, 'ArrowUp');
    expect(activeOption(el)).to.equal('Europe');
    await press(el, 'ArrowDown', 'Enter');
    expect(told).to.deep.equal([]); // United States was already chosen
    await press(el, 'ArrowDown', 'ArrowDown', 'Enter');
    expect(told).to.deep.equal(['ap']);
  });

  it('pages down and up by a screenful, keeping the active option drawn', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ value: `v${i}`, label: `Item ${i}` }));
    const el = await render({ ...region, values: many });
    control(el).focus();
    await press(el, 'ArrowDown', 'ArrowDown', 'PageDown');
    expect(activeOption(el)).to.equal(`Item ${VISIBLE_ROWS}`);
    await press(el, 'PageDown', 'PageDown');
    expect(activeOption(el)).to.equal(`Item ${3 * VISIBLE_ROWS}`);
    expect($(el, '#listbox')!.scrollTop).to.be.greaterThan(0);
    await press(el, 'PageUp');
    expect(activeOption(el)).to.equal(`Item ${2 * VISIBLE_ROWS}`);
  });

  it('closes on Escape, restoring the chosen label, and tells nothing', async () => {
    const el = await render(region, { value: 'eu' });
    const told = changes(el);
    control(el).focus();
    await sendKeys({ type: 'uni' });
    await press(el, 'ArrowDown', 'Escape');
    expect(control(el).getAttribute('aria-expanded')).to.equal('false');
    expect(control(el).value).to.equal('Europe');
    expect(told).to.deep.equal([]);
  });

  it('closes when the focus leaves, telling nothing', async () => {
    const el = await render(region, { value: 'eu' });
    const told = changes(el);
    control(el).focus();
    await sendKeys({ type: 'asia' });
    control(el).blur();
    await el.updateComplete;
    expect(control(el).getAttribute('aria-expanded')).to.equal('false');
    expect(control(el).value).to.equal('Europe');
    expect(told).to.deep.equal([]);
  });

  it('renders sections as named groups, continuing a section across pages', async () => {
    const source: OptionSource = {
      async load({ cursor }) {
        if (cursor === null) return { options: [{ title: 'Pipelines', items: values.slice(0, 2) }], nextCursor: 'p2' };
        return {
          options: [
            { title: 'Pipelines', items: values.slice(2, 3) },
            { title: 'Archived', items: values.slice(3) },
          ],
          nextCursor: null,
        };
      },
    };
    const el = await render({ id: 'pipeline', type: 'DYNAMIC_ENUM', title: 'Pipeline', sourceType: 'pipelines' }, { source });
    control(el).click();
    await el.updateComplete; // the first page is shorter than the list: the second follows at once
    const groups = () =>
      $$(el, '[role="group"]').map((group) => [group.getAttribute('aria-label'), group.querySelectorAll('[role="option"]').length]);
    expect(groups()).to.deep.equal([
      ['Pipelines', 3],
      ['Archived', 1],
    ]);
    expect($$(el, '.header').map((header) => header.textContent)).to.deep.equal(['Pipelines', 'Archived']);
  });

  it('loads the next page by cursor when scrolled near the end, or with "Load more"', async () => {
    const { source, calls } = pagedSource(50, 20);
    const el = await render(
      { id: 'contact', type: 'DYNAMIC_ENUM', title: 'Contact', sourceType: 'contacts' },
      { source, parameters: { list: 'vip' } },
    );
    expect(calls).to.have.length(0); // nothing to show yet: nothing loaded
    control(el).click();
    await el.updateComplete;
    expect(calls.map((call) => call.cursor)).to.deep.equal([null]);
    const listbox = $(el, '#listbox')!;
    listbox.scrollTop = listbox.scrollHeight;
    listbox.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    expect(calls.map((call) => call.cursor)).to.deep.equal([null, 'after-20']);
    expect(calls.every((call) => call.parameters?.list === 'vip')).to.equal(true);
    const more = $<HTMLButtonElement>(el, '.actions button')!;
    expect(more.textContent).to.equal('Load more');
    more.click();
    await el.updateComplete;
    expect(calls.map((call) => call.cursor)).to.deep.equal([null, 'after-20', 'after-40']);
    expect(activeOption(el)).to.equal('Contact 40');
    expect($(el, '.actions button')).to.equal(null);
    expect(listbox.style.getPropertyValue('--_total')).to.equal(`${50 * 36}px`);
  });

  it('loads the next page when the keyboard reaches the end', async () => {
    const { source, calls } = pagedSource(30, 10);
    const el = await render({ id: 'contact', type: 'DYNAMIC_ENUM', title: 'Contact', sourceType: 'contacts' }, { source });
    control(el).focus();
    await press(el, 'ArrowDown');
    // A first page shorter than the list's height is followed at once by the next.
    expect(calls.length).to.equal(2);
    await press(el, 'End');
    expect(calls.length).to.equal(3);
    await press(el, 'End');
    expect(activeOption(el)).to.equal('Contact 29');
  });

  it("shows the source's error with a retry", async () => {
    let fail = true;
    const source: OptionSource = {
      async load() {
        if (fail) throw new Error('The account refused the request.');
        return { options: values, nextCursor: null };
      },
    };
    const el = await render({ id: 'site', type: 'DYNAMIC_ENUM', title: 'Site', sourceType: 'sites' }, { source });
    control(el).click();
    await el.updateComplete;
    expect($(el, '[role="status"]')!.textContent).to.equal('The options could not be loaded: The account refused the request.');
    await expect(el).to.be.accessible();
    fail = false;
    const retry = $<HTMLButtonElement>(el, '.actions button')!;
    expect(retry.textContent).to.equal('Try again');
    retry.click();
    await el.updateComplete;
    expect(optionLabels(el)).to.have.length(4);
    expect($(el, '[role="status"]')!.textContent).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(control(el));
  });

  it('waits for a retry after a next page fails, then loads that page', async () => {
    const { source: pages, calls } = pagedSource(40, 20);
    let failures = 1;
    const source: OptionSource = {
      async load(query, signal) {
        if (query.cursor !== null && failures-- > 0) {
          calls.push(query);
          throw new Error('Timed out.');
        }
        return pages.load(query, signal);
      },
    };
    const el = await render({ id: 'contact', type: 'DYNAMIC_ENUM', title: 'Contact', sourceType: 'contacts' }, { source });
    control(el).focus();
    await press(el, 'ArrowDown', 'End');
    await aTimeout(50);
    await el.updateComplete;
    expect(calls.map((call) => call.cursor)).to.deep.equal([null, 'after-20']);
    expect($(el, '[role="status"]')!.textContent).to.equal('The options could not be loaded: Timed out.');
    expect(optionLabels(el)).to.include('Contact 19');
    await press(el, 'End', 'ArrowDown'); // still at the end: no new request until a retry
    $(el, '#listbox')!.dispatchEvent(new Event('scroll'));
    await aTimeout(50);
    expect(calls).to.have.length(2);
    const retry = $<HTMLButtonElement>(el, '.actions button')!;
    expect(retry.textContent).to.equal('Try again');
    retry.click();
    await el.updateComplete;
    expect(calls.map((call) => call.cursor)).to.deep.equal([null, 'after-20', 'after-20']);
    expect(optionLabels(el)).to.include('Contact 20');
  });

  it('waits for a pause in typing before searching a remote source', async () => {
    const { source, calls } = pagedSource(5, 5);
    const el = await render({ id: 'contact', type: 'DYNAMIC_ENUM', title: 'Contact', sourceType: 'contacts' }, { source });
    control(el).focus();
    await sendKeys({ type: 'contact 3' });
    expect(calls).to.have.length(0);
    await el.updateComplete;
    expect(calls.map((call) => call.search)).to.deep.equal(['contact 3']);
  });

  it('aborts an older search and drops its late answer', async () => {
    const { source, requests } = manualSource();
    const el = await render({ id: 'site', type: 'DYNAMIC_ENUM', title: 'Site', sourceType: 'sites' }, { source });
    const input = control(el);
    input.focus();
    input.value = 'ber';
    input.dispatchEvent(new InputEvent('input'));
    await aTimeout(250);
    input.value = 'berl';
    input.dispatchEvent(new InputEvent('input'));
    await aTimeout(250);
    expect(requests.map((request) => request.query.search)).to.deep.equal(['ber', 'berl']);
    expect(requests[0]!.signal.aborted).to.equal(true);
    requests[1]!.answer({ options: [{ value: 'b1', label: 'Berlin' }], nextCursor: null });
    await el.updateComplete;
    requests[0]!.answer({ options: [{ value: 'x', label: 'Bern (stale)' }], nextCursor: null });
    await aTimeout(0);
    await el.updateComplete;
    expect(optionLabels(el)).to.deep.equal(['Berlin']);
  });

  it('passes its parameters into every query, and starts over when they change', async () => {
    const { source, calls } = pagedSource(3, 10);
    const el = await render({ id: 'sheet', type: 'DYNAMIC_ENUM', title: 'Sheet', sourceType: 'sheets' }, { source, parameters: { main: 'a' } });
    control(el).click();
    await el.updateComplete;
    el.parameters = { main: 'a' }; // the same parameters, in a new object
    await el.updateComplete;
    expect(calls).to.have.length(1);
    el.parameters = { main: 'b' };
    await el.updateComplete;
    expect(calls.map((call) => call.parameters)).to.deep.equal([{ main: 'a' }, { main: 'b' }]);
  });

  it('clears an optional choice, telling null; a required one has no clear button', async () => {
    const optional = await render({ ...region, required: false }, { value: 'eu' });
    const told = changes(optional);
    $<HTMLButtonElement>(optional, 'button.clear')!.click();
    await optional.updateComplete;
    expect(told).to.deep.equal([null]);
    expect(control(optional).value).to.equal('');
    expect($(optional, 'button.clear')).to.equal(null);
    expect($(await render(region, { value: 'eu' }), 'button.clear')).to.equal(null);
  });

  it('cannot be opened when read-only or disabled', async () => {
    for (const el of [await render({ ...region, readOnly: true }, { value: 'eu' }), await render(region, { value: 'eu', disabled: true })]) {
      expect(control(el).disabled).to.equal(true);
      expect($(el, 'button.clear')).to.equal(null);
    }
  });

  it('renders option labels from metadata as text', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    const el = await render({ ...region, values: [{ value: 'x', label: attack, subtitle: attack }] });
    control(el).click();
    await el.updateComplete;
    expect(optionLabels(el)).to.deep.equal([attack]);
    expect($$(el, 'img')).to.have.length(0);
  });

  it('filters 100,000 options and draws only the rows in view', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ value: `id-${i}`, label: `Customer ${i}` }));
    const el = await render({ ...region, values: many });
    control(el).click();
    await el.updateComplete;
    expect($$(el, '[role="option"]').length).to.be.at.most(VISIBLE_ROWS + 8);
    await sendKeys({ type: '4242' });
    await el.updateComplete;
    const expected = many.filter((option) => option.label.includes('4242')).map((option) => option.label);
    const drawn = optionLabels(el);
    expect(drawn.length).to.be.at.most(VISIBLE_ROWS + 8);
    expect(drawn).to.deep.equal(expected.slice(0, drawn.length));
    expect(drawn.slice(0, 3)).to.deep.equal(['Customer 4242', 'Customer 14242', 'Customer 24242']);
    await press(el, 'End'); // the last of the loaded page (or of all matches)
    expect(activeOption(el)).to.equal(expected[Math.min(99, expected.length - 1)]);
    expect($$(el, '[role="option"]').length).to.be.at.most(VISIBLE_ROWS + 8);
  });
});
