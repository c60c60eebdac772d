import { expect, oneEvent } from '@open-wc/testing';
import '../define.js';
import { MAX_FILE_BYTES, type ConnectInput, type FileInput } from '../../../protocol/src/inputs.js';
import { $, changes, mount, runFieldChromeTests, shownError } from '../test/field-suite.js';
import type { FileField } from './file-field.js';

const certificate: FileInput = { id: 'cert', type: 'FILE', title: 'Certificate', accept: ['.pem', 'application/x-x509-ca-cert'] };
const stored = { name: 'old.pem', mimeType: 'application/x-pem-file', size: 12345, content: 'AAAA' };

const render = (input: ConnectInput, props: Record<string, unknown> = {}) => mount<FileField>('paragon-file-field', { input, ...props });
const picker = (el: FileField) => $<HTMLInputElement>(el, '#control')!;

/** Picks `file` in the field's file input, as the browser's file chooser would. */
function pick(el: FileField, file: File) {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  picker(el).files = transfer.files;
  picker(el).dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<paragon-file-field>', () => {
  runFieldChromeTests(certificate, render, { value: stored });

  it('honours accept, and shows the current file with its size', async () => {
    const el = await render(certificate, { value: stored });
    expect(picker(el).accept).to.equal('.pem,application/x-x509-ca-cert');
    expect($(el, '.file__name')!.textContent).to.equal('old.pem');
    expect($(el, '.file__size')!.textContent).to.equal('12,345 bytes');
    expect(picker(el).getAttribute('aria-describedby')).to.equal('file');
  });

  it('reads a picked file and tells it with its content in base64', async () => {
    const el = await render(certificate);
    const told = oneEvent(el, 'paragon-field-change');
    pick(el, new File(['-----BEGIN CERTIFICATE-----\n'], 'acme.pem', { type: '' }));
    const { detail } = await told;
    expect(detail).to.deep.equal({
      inputId: 'cert',
      value: { name: 'acme.pem', mimeType: 'application/octet-stream', size: 28, content: btoa('-----BEGIN CERTIFICATE-----\n') },
    });
    await el.updateComplete;
    expect($(el, '.file__name')!.textContent).to.equal('acme.pem');
  });

  it('refuses a type it does not accept, saying which it does, and tells nothing', async () => {
    const el = await render(certificate);
    const told = changes(el);
    pick(el, new File(['x'], 'notes.txt', { type: 'text/plain' }));
    await el.updateComplete;
    expect(shownError(el)).to.deep.equal({ text: 'Certificate must be one of these types: .pem and application/x-x509-ca-cert.', wired: true });
    expect(told).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it(`refuses a file over ${MAX_FILE_BYTES / 1024} KB`, async () => {
    const el = await render({ ...certificate, accept: undefined });
    const told = changes(el);
    pick(el, new File([new Uint8Array(MAX_FILE_BYTES + 1)], 'big.bin'));
    await el.updateComplete;
    expect(shownError(el).text).to.equal('Certificate must be a file of at most 64 KB.');
    expect(told).to.deep.equal([]);
  });

  it('removes the current file, telling null', async () => {
    const el = await render(certificate, { value: stored });
    const told = changes(el);
    $<HTMLButtonElement>(el, 'button[part="remove"]')!.click();
    await el.updateComplete;
    expect(told).to.deep.equal([null]);
    expect($(el, '.file')).to.equal(null);
  });

  it('cannot pick or remove when read-only or disabled', async () => {
    for (const el of [
      await render({ ...certificate, readOnly: true }, { value: stored }),
      await render(certificate, { value: stored, disabled: true }),
    ]) {
      expect(picker(el).disabled).to.equal(true);
      expect($(el, 'button[part="remove"]')).to.equal(null);
    }
  });

  it('renders a stored file name as text', async () => {
    const el = await render(certificate, { value: { ...stored, name: '<img src=x onerror=alert(1)>.pem' } });
    expect($(el, '.file__name')!.textContent).to.equal('<img src=x onerror=alert(1)>.pem');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });
});
