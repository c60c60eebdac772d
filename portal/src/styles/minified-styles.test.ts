import { expect } from '@open-wc/testing';
import type { CSSResultOrNative, LitElement } from 'lit';
import '../define.js';
import { loadFilePicker } from '../file-picker/load-file-picker.js';
import { minifyCss, minifyCssLiterals } from '../../../scripts/minify-css.js';

/** Each rule of a sheet as the browser parses and writes it back. */
function parsed(text: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return [...sheet.cssRules].map((rule) => rule.cssText);
}

/** Every style sheet of every element the portal defines (the file picker's too), as written in source. */
async function everySheet(): Promise<{ tag: string; text: string }[]> {
  await loadFilePicker();
  const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: { tagName?: string }[] }[] };
  const tags = manifest.modules.flatMap((module) => module.declarations ?? []).flatMap((declaration) => declaration.tagName ?? []);
  return [...new Set([...tags, 'paragon-file-picker'])].flatMap((tag) => {
    const element = customElements.get(tag) as (typeof LitElement & { elementStyles: CSSResultOrNative[] }) | undefined;
    if (!element) throw new Error(`${tag} is not defined.`);
    return element.elementStyles.map((style) => ({ tag, text: 'cssText' in style ? style.cssText : '' }));
  });
}

describe('the build minifies the portal styles (scripts/minify-css.ts)', () => {
  it('without changing a single rule as Chromium parses them, every element’s sheets a quarter smaller or more', async () => {
    const sheets = await everySheet();
    expect(sheets.length).to.be.greaterThan(40);
    let before = 0;
    let after = 0;
    for (const { tag, text } of sheets) {
      const minified = minifyCss(text);
      expect(parsed(minified), tag).to.deep.equal(parsed(text));
      before += text.length;
      after += minified.length;
    }
    expect(after / before).to.be.lessThan(0.75);
  });

  it('keeps what CSS gives a meaning: the space before a pseudo-class, around + in calc(), quoted strings', () => {
    expect(minifyCss('.list :focus-visible ,\n  a > b {\n  width: calc(1px + 2px);\n  content: "a  b" ; /* note */\n}\n')).to.equal(
      '.list :focus-visible , a>b{width:calc(1px + 2px);content:"a  b"}',
    );
  });

  it('rewrites each css`…` literal of a module, keeping its interpolations and the spaces beside them', () => {
    const source = 'const a = css`\n  p {\n    margin: ${size}px 0;\n    ${more}\n  }\n`;\nconst b = html`<p>  x  </p>`;';
    expect(minifyCssLiterals(source)).to.equal('const a = css`p{margin:${size}px 0;${more}}`;\nconst b = html`<p>  x  </p>`;');
  });
});
