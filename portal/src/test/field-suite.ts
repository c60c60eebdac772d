/**
 * What every setting field's tests share: mounting one, collecting the values it tells, and the
 * suite for the chrome of `FieldBase` (label, required mark, help, link, error, hidden), run once
 * per element with one of its inputs.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { ConnectInput, ConnectInputValue } from '../../../protocol/src/inputs.js';
import { UNSAFE_LINKS } from '../../../scripts/hostile-metadata.js';
import type { FieldBase } from '../field-base/field-base.js';

/** Creates `tag` with `props` set before its first render, and waits until it has rendered. */
export async function mount<T extends FieldBase>(tag: string, props: Record<string, unknown>): Promise<T> {
  const element = Object.assign(document.createElement(tag), props);
  return fixture<T>(html`${element}`);
}

/** The values the element tells from now on, one per `paragon-field-change`. */
export function changes(element: HTMLElement): (ConnectInputValue | null)[] {
  const values: (ConnectInputValue | null)[] = [];
  element.addEventListener('paragon-field-change', (event) => values.push(event.detail.value));
  return values;
}

export const $ = <T extends Element = HTMLElement>(element: Element, selector: string): T | null => element.shadowRoot!.querySelector<T>(selector);

export const $$ = <T extends Element = HTMLElement>(element: Element, selector: string): T[] => [
  ...element.shadowRoot!.querySelectorAll<T>(selector),
];

/** The error shown, and whether `control` is described by it and (unless a fieldset) marked invalid. */
export function shownError(element: Element, control = '#control'): { text: string | undefined; wired: boolean } {
  const error = $(element, '#error');
  const target = $(element, control)!;
  const invalid = target.localName === 'fieldset' || target.getAttribute('aria-invalid') === 'true';
  const wired = invalid && (target.getAttribute('aria-describedby') ?? '').split(' ').includes('error');
  return { text: error?.textContent?.trim(), wired };
}

/**
 * The chrome of `FieldBase`, checked on one element: `render(input, props)` mounts it.
 * `control` is the selector of the element described by the error (the control, or a fieldset).
 */
export function runFieldChromeTests(
  input: ConnectInput,
  render: (input: ConnectInput, props?: Record<string, unknown>) => Promise<FieldBase>,
  { value, control = '#control', requiredMark = true }: { value?: unknown; control?: string; requiredMark?: boolean } = {},
) {
  describe('field chrome', () => {
    it('is accessible with a value, with an error, and disabled', async () => {
      await expect(await render(input, { value })).to.be.accessible();
      const withError = await render({ ...input, subtitle: 'Shown under the title.' }, { value, error: 'Refused by the server.' });
      await expect(withError).to.be.accessible();
      expect(shownError(withError, control)).to.deep.equal({ text: 'Refused by the server.', wired: true });
      expect($(withError, control)!.getAttribute('aria-describedby')!.split(' ')).to.include.members(['hint', 'error']);
      await expect(await render(input, { value, disabled: true })).to.be.accessible();
    });

    it(requiredMark ? 'marks a required field, and not an optional one' : 'has nothing to mark as required', async () => {
      const required = await render({ ...input, required: undefined });
      if (!requiredMark) {
        expect($(required, '.label .required')).to.equal(null);
        return;
      }
      expect($(required, '.label .required')?.textContent?.trim()).to.equal('*');
      expect($(required, '.label .required')!.getAttribute('title')).to.equal('Required');
      const optional = await render({ ...input, required: false });
      expect($(optional, '.label .required')).to.equal(null);
    });

    it('renders nothing when hidden', async () => {
      const el = await render({ ...input, hidden: true });
      expect($$(el, '*').length).to.equal(0);
    });

    it('links https documentation, and never a javascript:, data: or plain http URL', async () => {
      const safe = await render({ ...input, documentationLink: 'https://docs.example.com/x', documentationLinkLabel: 'Read more' });
      expect($(safe, 'a.docs')!.getAttribute('href')).to.equal('https://docs.example.com/x');
      expect($(safe, 'a.docs')!.textContent).to.equal('Read more');
      expect($(safe, 'a.docs')!.getAttribute('rel')).to.equal('noopener noreferrer');
      for (const link of UNSAFE_LINKS) {
        const unsafe = await render({ ...input, documentationLink: link });
        expect($$(unsafe, 'a').length, JSON.stringify(link)).to.equal(0);
      }
    });

    it('renders titles and help from metadata as text, never as HTML', async () => {
      const attack = '<img src=x onerror=alert(1)>';
      const el = await render({ ...input, title: attack, subtitle: attack, tooltip: attack });
      expect($$(el, 'img').length).to.equal(0);
      expect($(el, '.label')!.textContent).to.contain(attack);
      expect($(el, '#hint')!.textContent).to.equal(attack);
    });
  });
}

/** Opens a `<paragon-select-field>` and clicks the option labelled `label`. */
export async function chooseOption(select: HTMLElement & { updateComplete: Promise<boolean> }, label: string): Promise<void> {
  $<HTMLInputElement>(select, '#control')!.click();
  await select.updateComplete;
  const option = $$(select, '[role="option"]').find((row) => row.querySelector('span')!.textContent === label);
  if (!option)
    throw new Error(
      `No option "${label}" in ${$$(select, '[role="option"]')
        .map((row) => row.textContent?.trim())
        .join(',')}`,
    );
  option.click();
  await select.updateComplete;
}
