/**
 * Where a dropdown's options come from, whatever the input type: a fixed list (ENUM), the host
 * app (CUSTOM_DROPDOWN, `paragon.connect(type, { dropdowns })`), or the user's own account
 * through a data source on the server (DYNAMIC_ENUM and the combo inputs). One interface, so
 * one dropdown element serves them all: searchable, paginated by cursor, grouped in sections.
 */
import type { EnumOption, EnumSection } from '../../../protocol/src/inputs.js';

export interface OptionQuery {
  /** What the user typed; empty for everything. */
  search: string;
  /** The page after this cursor; `null` for the first page. */
  cursor: string | null;
  /** Values a dependent dropdown needs (the main choice of a combo input, the object of a field mapper). */
  parameters?: Readonly<Record<string, string>>;
}

export interface OptionPage {
  options: (EnumOption | EnumSection)[];
  /** Where the next page starts; `null` when this was the last. */
  nextCursor: string | null;
}

export interface OptionSource {
  load(query: OptionQuery, signal: AbortSignal): Promise<OptionPage>;
  /** Answers from memory: a search needs no debounce. */
  readonly local?: boolean;
}

export const isSection = (option: EnumOption | EnumSection): option is EnumSection => 'items' in option;

// eslint-disable-next-line no-control-regex -- the separators of staticOptionSource's text, which a search must not hold
const SEPARATORS = /[\u0000\u0001]/g;

/**
 * A fixed list as an option source: filtered by what the user typed (in label or value, any
 * case) and served in pages, so even 100,000 options stay quick to search and to show. The
 * options are lowercased once into one text, and a search finds only as many matches as the
 * pages asked for need, with `indexOf` over that text: a common search stops after a page, a rare
 * one reads the text once (about a millisecond for 100,000 options).
 */
export function staticOptionSource(values: readonly EnumOption[], pageSize = 100): OptionSource {
  // Option i is text.slice(starts[i], starts[i + 1]): "label\0value\1", lowercased. A search
  // never holds either separator, so a match never spans two options.
  const starts = new Int32Array(values.length + 1);
  const parts = values.map((option, index) => {
    const part = `${option.label}\u0000${option.value}\u0001`.toLowerCase();
    starts[index + 1] = starts[index]! + part.length;
    return part;
  });
  const text = parts.join('');
  /** The option whose part of the text holds `offset`. */
  const optionAt = (offset: number) => {
    let low = 0;
    let high = values.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  // The current search, the matches found so far, and where the next scan resumes (-1: done).
  let needle = '';
  let matches: number[] = [];
  let resume = -1;
  const find = (count: number) => {
    while (matches.length < count && resume >= 0) {
      const at = text.indexOf(needle, resume);
      if (at < 0) resume = -1;
      else {
        const index = optionAt(at);
        matches.push(index);
        resume = starts[index + 1]!;
      }
    }
  };
  return {
    local: true,
    async load({ search, cursor }) {
      const wanted = search.trim().toLowerCase().replace(SEPARATORS, '');
      if (wanted !== needle) {
        needle = wanted;
        matches = [];
        resume = 0;
      }
      const start = cursor === null ? 0 : Number(cursor);
      const end = start + pageSize;
      if (needle === '') return { options: values.slice(start, end), nextCursor: end < values.length ? String(end) : null };
      find(end + 1); // one more than the page: whether there is a next one
      return { options: matches.slice(start, end).map((index) => values[index]!), nextCursor: matches.length > end ? String(end) : null };
    },
  };
}

const sources = new WeakMap<readonly EnumOption[], OptionSource>();

/** `staticOptionSource(values)`, made once per list, so a form that renders again keeps its dropdowns' state. */
export function sourceOfValues(values: readonly EnumOption[]): OptionSource {
  let source = sources.get(values);
  if (!source) sources.set(values, (source = staticOptionSource(values)));
  return source;
}
