import { expect } from '@open-wc/testing';
import type { EnumOption } from '../../../protocol/src/inputs.js';
import { sourceOfValues, staticOptionSource, type OptionSource } from './option-source.js';

const values: EnumOption[] = Array.from({ length: 1000 }, (_, i) => ({
  value: `ID-${i}`,
  label: `${i % 3 ? '' : 'İzmir '}${i % 2 ? 'Ärger' : 'Straße'} Nº ${i}`,
})); // 'İ' lowercases to two code units

// eslint-disable-next-line no-control-regex -- the source drops its separator \0 from a search; so does the plain filter below
const SEPARATOR = /\u0000/g;

/** Every page of a search, by following the cursors. */
async function all(source: OptionSource, search: string, signal = new AbortController().signal) {
  const found: EnumOption[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await source.load({ search, cursor }, signal);
    found.push(...(page.options as EnumOption[]));
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null);
  return { found, pages };
}

describe('staticOptionSource', () => {
  it('finds what a plain filter finds, in order, in pages, for label or value in any case', async () => {
    const source = staticOptionSource(values, 30);
    for (const search of ['', '7', 'i̇zmir straße nº 3', 'r ä', ' ärger nº 1 ', 'STRASSE', 'straße', 'id-99', 'nº 999', 'zzz', '\u0000']) {
      const needle = search.trim().toLowerCase().replace(SEPARATOR, '');
      const expected = values.filter((option) => option.label.toLowerCase().includes(needle) || option.value.toLowerCase().includes(needle));
      const { found, pages } = await all(source, search);
      expect(found, search).to.deep.equal(expected);
      expect(pages, search).to.equal(Math.max(1, Math.ceil(expected.length / 30)));
    }
  });

  it('never matches across two options', async () => {
    const source = staticOptionSource([
      { value: 'ab', label: 'x' },
      { value: 'cd', label: 'y' },
    ]);
    expect((await source.load({ search: 'bc', cursor: null }, new AbortController().signal)).options).to.deep.equal([]);
    expect((await source.load({ search: 'by', cursor: null }, new AbortController().signal)).options).to.deep.equal([]);
  });

  it('answers from memory, and is made once per list by sourceOfValues', () => {
    expect(staticOptionSource(values).local).to.equal(true);
    expect(sourceOfValues(values)).to.equal(sourceOfValues(values));
    expect(sourceOfValues(values)).not.to.equal(sourceOfValues([...values]));
  });
});
