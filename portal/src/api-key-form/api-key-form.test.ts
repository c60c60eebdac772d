import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { ApiKeyForm } from './api-key-form.js';
import { INTEGRATION } from '../test/fake-connect-server.js';

const inputs = INTEGRATION.sdkIntegrationConfig.authConfigInputs;

async function render() {
  const el = await fixture<ApiKeyForm>(html`<paragon-api-key-form .inputs=${inputs}></paragon-api-key-form>`);
  const input = el.shadowRoot!.querySelector<HTMLInputElement>('#API_KEY')!;
  const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button')!;
  return { el, input, button };
}

describe('<paragon-api-key-form>', () => {
  it('is accessible, also while showing an error', async () => {
    const { el, button } = await render();
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('labels the key input and masks it', async () => {
    const { el, input } = await render();
    const label = el.shadowRoot!.querySelector(`label[for="API_KEY"]`)!;
    expect(label.textContent).to.equal('API key');
    expect(input.type).to.equal('password');
  });

  for (const [name, value] of [
    ['an empty key', ''],
    ['a whitespace-only key', '  \t '],
  ]) {
    it(`rejects ${name} inline and fires nothing`, async () => {
      const { el, input, button } = await render();
      let fired = false;
      el.addEventListener('paragon-credential-submit', () => (fired = true));
      input.value = value!;
      button.click();
      await el.updateComplete;
      const error = el.shadowRoot!.querySelector('#API_KEY-error')!;
      expect(error.textContent).to.equal('API key is required.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('API_KEY-error');
      expect(el.shadowRoot!.activeElement).to.equal(input);
      expect(fired).to.equal(false);
    });
  }

  it('submits the trimmed key when the user types it and presses Enter', async () => {
    const { el, input } = await render();
    input.focus();
    const submitted = oneEvent(el, 'paragon-credential-submit');
    await sendKeys({ type: '  acme_live_123 ' });
    await sendKeys({ press: 'Enter' });
    expect((await submitted).detail).to.deep.equal({ payload: { API_KEY: 'acme_live_123' } });
  });

  it('shows progress and blocks a second submit while busy', async () => {
    const { el, button } = await render();
    el.busy = true;
    await el.updateComplete;
    expect(button.disabled).to.equal(true);
    expect(button.textContent).to.equal('Connecting…');
  });

  it('shows the server message as an alert, and reset() clears values and messages', async () => {
    const { el, input, button } = await render();
    el.serverError = 'That key was rejected.';
    button.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('That key was rejected.');
    input.value = 'typed';
    el.reset();
    await el.updateComplete;
    expect(input.value).to.equal('');
    expect(el.shadowRoot!.querySelector('#API_KEY-error')).to.equal(null);
  });
});
