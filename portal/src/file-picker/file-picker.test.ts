import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { FileDescriptor } from '../../../protocol/src/files.js';
import type { ConnectCredential } from '../../../protocol/src/rest.js';
import type { SdkEvent } from '../../../protocol/src/rpc.js';
import { api, failNext } from '../test/connect-server.js';
import { all, click, control, find, renderPortal, settle, until } from '../test/portal-fixture.js';

const HOSTILE_NAME = '<img src=x onerror="document.title=\'pwned\'">.txt';

/** A portal with two Drive accounts (each API key is its own storage account), opened on the picker of the second. */
async function openPicker(filePicker: object = {}, display: 'inline' | 'modal' = 'modal') {
  const portal = await renderPortal({ integration: '', display });
  const { el, session } = portal;
  const first = await api<ConnectCredential>(session, 'POST', '/credentials', {
    integrationId: 'int-drive',
    payload: { KEY: `first-${session.token.slice(-8)}` },
  });
  const second = await api<ConnectCredential>(session, 'POST', '/credentials', {
    integrationId: 'int-drive',
    payload: { KEY: `second-${session.token.slice(-8)}` },
  });
  await el.runtime.reload();
  await el.open({ integrationType: 'drive', selectedCredentialId: second.id, filePicker });
  const picker = () => find(el, 'paragon-file-picker')!;
  await until(el, () => picker() && all(picker(), 'ul li').length > 0, 'the root folder is listed');
  return { ...portal, first, second, picker };
}

const names = (root: Element) => all(root, 'ul li .name').map((name) => name.textContent!.replace(/\s+/g, ' ').replace('▸ ', '').trim());
const picked = (events: SdkEvent[]) => events.filter((event) => event.name === 'onFileSelect' || event.name === 'onCancel');

describe('<paragon-file-picker>', () => {
  it("lists the chosen account's root, folders first, and shows a hostile name as text", async () => {
    const { el, picker, second } = await openPicker();
    expect(names(picker())).to.deep.equal(['Photos', 'Reports', HOSTILE_NAME, 'Budget.csv', 'Plan.pdf']);
    expect(all(picker(), 'img')).to.have.length(0);
    expect(document.title).not.to.equal('pwned');
    expect(picker().getAttribute('credential-id')).to.equal(second.id);
    expect(find(el, 'dialog')!.hasAttribute('open'), 'the modal is open').to.equal(true);
    await expect(picker()).to.be.accessible();
  });

  it('opens folders, shows where it is in the breadcrumbs, and goes back up', async () => {
    const { picker } = await openPicker();
    await click(picker(), 'button', 'Reports');
    await until(picker(), () => names(picker()).includes('Q1.pdf'));
    await click(picker(), 'button', 'Archive');
    await until(picker(), () => names(picker()).includes('Q4 2025.pdf'));
    const crumbs = all(picker(), 'nav li').map((crumb) => crumb.textContent!.trim());
    expect(crumbs).to.deep.equal(['All files', 'Reports', 'Archive']);
    expect(find(picker(), 'nav [aria-current="location"]')!.textContent!.trim()).to.equal('Archive');
    await click(picker(), 'nav button', 'Reports');
    await until(picker(), () => names(picker()).includes('Q1.pdf'));
    await click(picker(), 'nav button', 'All files');
    await until(picker(), () => names(picker()).includes('Budget.csv'));
  });

  it('pages through a large folder with Load more, and searches every folder', async () => {
    const { picker } = await openPicker();
    await click(picker(), 'button', 'Photos');
    await until(picker(), () => names(picker()).length === 25, 'the first page of 25');
    await click(picker(), 'button.more');
    await until(picker(), () => names(picker()).length === 50);
    await click(picker(), 'button.more');
    await until(picker(), () => names(picker()).length === 60 && !find(picker(), 'button.more'), 'the last page, and no more button');
    const search = find<HTMLInputElement>(picker(), 'input[type="search"]')!;
    search.value = 'q';
    search.dispatchEvent(new Event('input'));
    await until(picker(), () => names(picker()).join() === 'Q1.pdf,Q2.pdf,Q4 2025.pdf', 'the search answers from every folder');
    expect(find(picker(), 'ul')!.getAttribute('aria-label')).to.equal('Files matching “q”');
  });

  it('sends the chosen files, read back by the server, with the account they came from, then closes', async () => {
    const { el, events, picker, second } = await openPicker({ allowMultiSelect: true });
    control(picker(), 'Budget.csv')!.click();
    control(picker(), 'Plan.pdf')!.click();
    await settle(el);
    expect(find(picker(), 'footer [role="status"]')!.textContent).to.equal('2 items selected');
    await click(picker(), 'footer button', 'Select');
    await until(el, () => picked(events).length === 1, 'the host hears the choice');
    const [event] = picked(events) as Extract<SdkEvent, { name: 'onFileSelect' }>[];
    expect(event!.payload.credentialId).to.equal(second.id);
    const files: FileDescriptor[] = event!.payload.files;
    expect(files.map((file) => [file.name, file.mimeType, file.credentialId])).to.deep.equal([
      ['Budget.csv', 'text/csv', second.id],
      ['Plan.pdf', 'application/pdf', second.id],
    ]);
    expect(files[0]!.size).to.be.greaterThan(0);
    await until(el, () => !find(el, 'dialog')!.hasAttribute('open'), 'the picker closed');
    expect(events.at(-1)!.name).to.equal('onPortalClose');
    expect(events.some((e) => e.name === 'onCancel')).to.equal(false);
  });

  it('chooses one file at a time unless several are allowed, and folders only when allowed', async () => {
    const single = await openPicker();
    expect(all(single.picker(), 'input[type="radio"]')).to.have.length(3, 'the three files; folders are not choosable');
    control(single.picker(), 'Budget.csv')!.click();
    control(single.picker(), 'Plan.pdf')!.click();
    await settle(single.el);
    expect(find(single.picker(), 'footer [role="status"]')!.textContent).to.equal('1 item selected');

    const folders = await openPicker({ allowFolderSelect: true, allowMultiSelect: true });
    expect(all(folders.picker(), 'input[type="checkbox"]')).to.have.length(5);
    find<HTMLInputElement>(folders.picker(), 'li.folder input')!.click();
    await settle(folders.el);
    await click(folders.picker(), 'footer button', 'Select');
    await until(folders.el, () => picked(folders.events).length === 1, 'the host hears the folder chosen');
    const [event] = picked(folders.events) as Extract<SdkEvent, { name: 'onFileSelect' }>[];
    expect(event!.payload.files.map((file) => [file.name, file.isFolder])).to.deep.equal([['Photos', true]]);
  });

  it('shows only the allowed types, with a filter among them', async () => {
    const { el, picker } = await openPicker({ allowedTypes: ['application/pdf', '.csv'] });
    expect(names(picker())).to.deep.equal(['Photos', 'Reports', 'Budget.csv', 'Plan.pdf']);
    const filter = control<HTMLSelectElement>(picker(), 'File type')!;
    filter.value = '.csv';
    filter.dispatchEvent(new Event('change'));
    await settle(el);
    expect(names(picker())).to.deep.equal(['Photos', 'Reports', 'Budget.csv']);
  });

  it('tells the host it was cancelled, by its button or by Escape', async () => {
    const { el, events, picker } = await openPicker();
    await click(picker(), 'footer button', 'Cancel');
    await until(el, () => picked(events).length === 1);
    expect(picked(events)[0]!.name).to.equal('onCancel');
    expect(events.at(-1)!.name).to.equal('onPortalClose');
    await el.open({ integrationType: 'drive', filePicker: {} });
    await until(el, () => find(el, 'paragon-file-picker'));
    find(el, 'dialog')!.dispatchEvent(new Event('cancel'));
    find<HTMLDialogElement>(el, 'dialog')!.close();
    await until(el, () => picked(events).length === 2, 'Escape cancels too');
    expect(picked(events)[1]!.name).to.equal('onCancel');
  });

  it('works from the keyboard: Enter opens a folder, Space chooses a file, Tab reaches Select', async () => {
    const { el, events, picker } = await openPicker({ allowMultiSelect: true });
    find(picker(), 'button', 'Reports')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(picker(), () => names(picker()).includes('Q1.pdf'), 'Enter opened the folder');
    control(picker(), 'Q1.pdf')!.focus();
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(control(picker(), 'Q1.pdf')!.checked).to.equal(true);
    find(picker(), 'footer button', 'Cancel')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(picker().shadowRoot!.activeElement!.textContent).to.equal('Select');
    await sendKeys({ press: 'Enter' });
    await until(el, () => picked(events).length === 1, 'Enter on Select chose the file');
    expect((picked(events)[0] as Extract<SdkEvent, { name: 'onFileSelect' }>).payload.files.map((file) => file.name)).to.deep.equal(['Q1.pdf']);
  });

  it('in place (display="inline"), goes back to the integration when cancelled or done', async () => {
    const { el, events, picker } = await openPicker({}, 'inline');
    await click(picker(), 'footer button', 'Cancel');
    await until(el, () => !find(el, 'paragon-file-picker'), 'the picker is gone');
    expect(picked(events).map((event) => event.name)).to.deep.equal(['onCancel']);
    expect(find(el, 'paragon-integration-view'), 'the integration shows again').to.exist;
  });

  it('says why a folder cannot be listed, and Try again lists it', async () => {
    const { picker } = await openPicker();
    await failNext('GET', '/files/drive');
    await click(picker(), 'button', 'Reports');
    await until(picker(), () => find(picker(), '[role="alert"]'));
    expect(find(picker(), '[role="alert"]')!.textContent).to.equal('The files could not be loaded: Injected fault: 500.');
    await click(picker(), 'button', 'Try again');
    await until(picker(), () => names(picker()).includes('Q1.pdf'));
  });

  it('refuses to open for an integration without files, or a user with no account of it', async () => {
    const { el } = await renderPortal({ integration: '' });
    let error = await el.open({ integrationType: 'crm', filePicker: {} }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.equal("crm's file picker is not supported");
    error = await el.open({ integrationType: 'drive', filePicker: {} }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.equal('The user has no drive account connected.');
  });

  it('speaks the portal language', async () => {
    const { el, picker } = await openPicker();
    el.lang = 'de';
    await until(el, () => find(picker(), 'h2')!.textContent === 'Datei auswählen');
    expect(find(picker(), 'nav li button')!.textContent!.trim()).to.equal('Alle Dateien');
  });
});
