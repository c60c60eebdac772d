import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { ConnectInput, NumberInput, TextInput } from '../../../protocol/src/inputs.js';
import { $, changes, mount, runFieldChromeTests, shownError } from '../test/field-suite.js';
import type { TextField } from './text-field.js';

const render = (input: ConnectInput, props: Record<string, unknown> = {}) => mount<TextField>('paragon-text-field', { input, ...props });

const text: TextInput = { id: 'subdomain', type: 'TEXT_NO_VARS', title: 'Subdomain', pattern: '[a-z0-9-]+', maxLength: 20 };
const number: NumberInput = { id: 'limit', type: 'NUMBER', title: 'Limit', min: 1, max: 500, step: 1 };

const control = (el: TextField) => $<HTMLInputElement>(el, '#control')!;

/** Types into the field as a user would, then commits with Enter. */
async function typeAndCommit(el: TextField, typed: string) {
  control(el).focus();
  control(el).select();
  await sendKeys({ type: typed });
  await sendKeys({ press: 'Enter' });
  await el.updateComplete;
}

describe('<paragon-text-field>', () => {
  runFieldChromeTests(text, render, { value: 'acme' });

  it('renders each text type with its native control', async () => {
    const types = { TEXT_NO_VARS: 'text', EMAIL: 'email', URL: 'url', PASSWORD: 'password', NUMBER: 'number' } as const;
    for (const [type, native] of Object.entries(types)) {
      const el = await render({ id: 'x', type, title: 'X' } as ConnectInput);
      expect(control(el).type).to.equal(native);
    }
    const area = await render({ id: 'notes', type: 'TEXTAREA_NO_VARS', title: 'Notes' }, { value: 'a\nb' });
    expect($<HTMLTextAreaElement>(area, 'textarea#control')!.value).to.equal('a\nb');
  });

  it('shows the stored value, else the default, and labels the control by the title', async () => {
    const el = await render({ ...text, defaultValue: 'default-co' });
    expect(control(el).value).to.equal('default-co');
    expect(control(el).labels![0]!.textContent).to.contain('Subdomain');
    el.value = 'acme';
    await el.updateComplete;
    expect(control(el).value).to.equal('acme');
  });

  it('tells the value once, when the user commits it, not on every keystroke', async () => {
    const el = await render(text, { value: 'acme' });
    const told = changes(el);
    control(el).focus();
    control(el).select();
    await sendKeys({ type: 'globex' });
    expect(told).to.deep.equal([]);
    control(el).blur();
    expect(told).to.deep.equal(['globex']);
  });

  it('refuses a value outside the pattern with a precise message, and tells nothing', async () => {
    const el = await render(text, { value: 'acme' });
    const told = changes(el);
    await typeAndCommit(el, 'Not Valid!');
    expect(told).to.deep.equal([]);
    expect(shownError(el)).to.deep.equal({ text: 'Subdomain is not in the expected format.', wired: true });
    expect(control(el).value).to.equal('Not Valid!');
    await expect(el).to.be.accessible();
    await typeAndCommit(el, 'valid-co');
    expect(told).to.deep.equal(['valid-co']);
    expect(shownError(el).text).to.equal(undefined);
  });

  it('refuses text over maxLength', async () => {
    const el = await render(text);
    const told = changes(el);
    await typeAndCommit(el, 'a'.repeat(21));
    expect(shownError(el)).to.deep.equal({ text: 'Subdomain must be at most 20 characters.', wired: true });
    expect(told).to.deep.equal([]);
  });

  it('refuses an empty required value, and tells null for an empty optional one', async () => {
    const required = await render(text, { value: 'acme' });
    const toldRequired = changes(required);
    await typeAndCommit(required, ' ');
    expect(shownError(required).text).to.equal('Subdomain is required.');
    expect(toldRequired).to.deep.equal([]);

    const optional = await render({ ...text, required: false }, { value: 'acme' });
    const toldOptional = changes(optional);
    control(optional).focus();
    control(optional).select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    expect(toldOptional).to.deep.equal([null]);
  });

  it('checks the shape of email addresses and web addresses', async () => {
    const email = await render({ id: 'email', type: 'EMAIL', title: 'Email' });
    const toldEmail = changes(email);
    await typeAndCommit(email, 'not-an-address');
    expect(shownError(email).text).to.equal('Email must be an email address, such as name@example.com.');
    await typeAndCommit(email, 'ops@example.com');
    expect(toldEmail).to.deep.equal(['ops@example.com']);

    const url = await render({ id: 'hook', type: 'URL', title: 'Webhook' });
    const toldUrl = changes(url);
    await typeAndCommit(url, 'ftp://example.com/x');
    expect(shownError(url).text).to.equal('Webhook must be a web address starting with https:// or http://.');
    await typeAndCommit(url, 'https://example.com/hook');
    expect(toldUrl).to.deep.equal(['https://example.com/hook']);
  });

  it('tells a number as a number, within min, max and step', async () => {
    const el = await render(number);
    const told = changes(el);
    expect([control(el).min, control(el).max, control(el).step]).to.deep.equal(['1', '500', '1']);
    await typeAndCommit(el, '0');
    expect(shownError(el)).to.deep.equal({ text: 'Limit must be at least 1.', wired: true });
    await typeAndCommit(el, '1000');
    expect(shownError(el).text).to.equal('Limit must be at most 500.');
    await typeAndCommit(el, '2.5');
    expect(shownError(el).text).to.equal('Limit must be a whole number.');
    expect(told).to.deep.equal([]);
    await typeAndCommit(el, '250');
    expect(told).to.deep.equal([250]);
    expect(typeof told[0]).to.equal('number');
  });

  it('checks a decimal step from the minimum, allows any number without a step, and tells null when emptied', async () => {
    const el = await render({ ...number, min: 0, max: undefined, step: 0.25, required: false }, { value: 1 });
    const told = changes(el);
    await typeAndCommit(el, '0.3');
    expect(shownError(el).text).to.equal('Limit must be a multiple of 0.25.');
    await typeAndCommit(el, '0.75');
    control(el).focus();
    control(el).select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    expect(told).to.deep.equal([0.75, null]);

    const any = await render({ id: 'ratio', type: 'NUMBER', title: 'Ratio' });
    expect(control(any).step).to.equal('any');
    const toldAny = changes(any);
    await typeAndCommit(any, '-3.14159');
    expect(toldAny).to.deep.equal([-3.14159]);
  });

  it('shows and hides a password with a button, keeping the value', async () => {
    const el = await render({ id: 'secret', type: 'PASSWORD', title: 'Secret' }, { value: 's3cret' });
    const button = $<HTMLButtonElement>(el, 'button[part="reveal"]')!;
    expect(control(el).type).to.equal('password');
    expect(button.textContent!.trim()).to.equal('Show password');
    button.click();
    await el.updateComplete;
    expect(control(el).type).to.equal('text');
    expect(control(el).value).to.equal('s3cret');
    expect(button.textContent!.trim()).to.equal('Hide password');
    await expect(el).to.be.accessible();
  });

  it('is read-only when the input says so, and disabled when told', async () => {
    const readOnly = await render({ ...text, readOnly: true }, { value: 'acme' });
    expect(control(readOnly).readOnly).to.equal(true);
    const disabled = await render(text, { value: 'acme', disabled: true });
    expect(control(disabled).disabled).to.equal(true);
  });

  it('refuses and explains a value the browser cannot read as a number', async () => {
    const el = await render(number);
    const told = changes(el);
    await typeAndCommit(el, '1e');
    expect(shownError(el).text).to.equal('Limit must be a number.');
    expect(told).to.deep.equal([]);
  });
});
