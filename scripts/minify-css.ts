/**
 * Minifies the CSS of the portal's `css` template literals at build time (vite.config.ts): a
 * minifier leaves a template literal's text as written, and the portal's style sheets are a
 * quarter of its code. Only whitespace and comments go, where CSS gives them no meaning: comments,
 * runs of whitespace (to one space), and the space beside `{`, `}`, `;` and `>`, after a `:`, and
 * a `;` before a `}`. The space before a `:` stays (`.list :focus` is not `.list:focus`), so do
 * the spaces around `+`, `-` and `~` (`calc(1px + 2px)`) and after a `,` (a custom property keeps
 * its value's text as written: `var(--a, #fff)` is not `var(--a,#fff)` to the CSSOM), and quoted
 * strings are left as they are.
 * Pure, so that portal/src/styles/minified-styles.test.ts can hold it to what the browser parses.
 */

const QUOTED = /('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/;

/** One piece of CSS text (it may be a part of a sheet, between two interpolations). */
export function minifyCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(QUOTED)
    .map((part, index) =>
      // Odd parts are the quoted strings.
      index % 2 === 1
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/;}/g, '}'),
    )
    .join('');
}

/**
 * The source of a module with each `` css`…` `` literal's text minified; its interpolations
 * (`${…}`) are kept as they are, and the text on either side of one is minified on its own.
 */
export function minifyCssLiterals(source: string): string {
  let out = '';
  let at = 0;
  for (let start = source.indexOf('css`'); start !== -1; start = source.indexOf('css`', at)) {
    // The literal's text, split at its interpolations: texts[i] comes before interpolations[i].
    const texts = [''];
    const interpolations: string[] = [];
    let index = start + 4;
    for (;;) {
      const char = source[index];
      if (char === undefined) throw new Error('minifyCssLiterals: a css`…` literal is not closed.');
      if (char === '`') break;
      if (char === '$' && source[index + 1] === '{') {
        const end = source.indexOf('}', index);
        if (source.slice(index + 2, end).includes('`')) throw new Error('minifyCssLiterals: an interpolation holds a template literal.');
        interpolations.push(source.slice(index, end + 1));
        texts.push('');
        index = end + 1;
      } else {
        // An escape (`\\`) is copied with the character it escapes.
        const length = char === '\\' ? 2 : 1;
        texts[texts.length - 1] += source.slice(index, index + length);
        index += length;
      }
    }
    const minified = texts.map(minifyCss);
    minified[0] = minified[0]!.trimStart();
    minified[minified.length - 1] = minified.at(-1)!.trimEnd();
    out += source.slice(at, start + 4) + minified.map((text, i) => text + (interpolations[i] ?? '')).join('') + '`';
    at = index + 1;
  }
  return out + source.slice(at);
}
