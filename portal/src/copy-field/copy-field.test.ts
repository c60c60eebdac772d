import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { ConnectInput, CopyableButtonInput } from '../../../protocol/src/inputs.js';
import { $, changes, mount, runFieldChromeTests } from '../test/field-suite.js';
import type { CopyField } from './copy-field.js';

const webhook: CopyableButtonInput = {
  id: 'webhook',
  type: 'COPYABLE_BUTTON_INPUT',
  title: 'Webhook URL',
  copyText: 'https://hooks.example.com/in/abc123',
};

const render = (input: ConnectInput, props: Record<string, unknown> = {}) => mount<CopyField>('paragon-copy-field', { input, ...props });

/** Replaces the clipboard's writeText for one test. */
function stubClipboard(write: (text: string) => Promise<void>) {
  const original = Object.getOwnPropertyDescriptor(navigator.clipboard, 'writeText');
  Object.defineProperty(navigator.clipboard, 'writeText', { value: write, configurable: true });
  return () =>
    original ? Object.defineProperty(navigator.clipboard, 'writeText', original) : delete (navigator.clipboard as { writeText?: unknown }).writeText;
}

describe('<paragon-copy-field>', () => {
  runFieldChromeTests(webhook, render, { requiredMark: false });

  it('shows the text read-only, without a required mark', async () => {
    const el = await render(webhook);
    const input = $<HTMLInputElement>(el, '#control')!;
    expect(input.value).to.equal(webhook.copyText);
    expect(input.readOnly).to.equal(true);
    expect($(el, '.required')).to.equal(null);
  });

  it('copies with the button, announces "Copied", and tells no value', async () => {
    const copied: string[] = [];
    const restore = stubClipboard(async (text) => void copied.push(text));
    try {
      const el = await render(webhook);
      const told = changes(el);
      $<HTMLButtonElement>(el, 'button')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(copied).to.deep.equal([webhook.copyText]);
      const status = $(el, '[role="status"]')!;
      expect(status.textContent).to.equal('Copied');
      expect(told).to.deep.equal([]);
      await expect(el).to.be.accessible();
    } finally {
      restore();
    }
  });

  it('says when it could not copy, and selects the text for the user to copy', async () => {
    const restore = stubClipboard(() => Promise.reject(new DOMException('Denied', 'NotAllowedError')));
    try {
      const el = await render(webhook);
      $<HTMLButtonElement>(el, 'button')!.click();
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect($(el, '[role="status"]')!.textContent).to.equal('Could not copy. Select the text and copy it instead.');
      const input = $<HTMLInputElement>(el, '#control')!;
      expect(el.shadowRoot!.activeElement).to.equal(input);
      expect([input.selectionStart, input.selectionEnd]).to.deep.equal([0, webhook.copyText.length]);
    } finally {
      restore();
    }
  });
});
