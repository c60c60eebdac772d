/**
 * The file picker as a host app uses it: `new paragon.ExternalFilePicker('sandbox', …)` from the
 * demo host page's File picker card, in frame mode (the cross-origin iframe) and element mode (the
 * inline element), on the second of two sandbox accounts connected through the provider's real
 * sign-in. The picker browses the sandbox provider's storage through the Connect server; the host
 * hears only what the server read back as that account.
 */
import { expect, test, type FrameLocator, type Locator, type Page } from '@playwright/test';
import type { Paragon } from '../host-bridge/src/types.js';
import type { FileListPage } from '../protocol/src/files.js';
import { CONNECT_URL, PROJECT_ID, SANDBOX_ORIGIN, storedState, withAliceAndBob, type Embedding } from './helpers.js';

const HOSTILE_NAME = '<img src=x onerror="document.title=\'pwned\'">.txt';

/** Opens the picker from the host page's card on the account whose workspace is `workspace`; answers its UI. */
async function openPicker(page: Page, embedding: Embedding, workspace: string, { multiple = true, folders = false } = {}): Promise<Locator> {
  const card = page.getByRole('region', { name: 'File picker' });
  await card.getByLabel('Account').selectOption({ label: workspace });
  await card.getByLabel('Several files').setChecked(multiple);
  await card.getByLabel('Folders too').setChecked(folders);
  await page.getByRole('button', { name: `Choose files (${embedding})` }).click();
  const scope: Page | FrameLocator = embedding === 'frame' ? page.frameLocator('iframe[title="Connect Portal"]') : page;
  const picker = scope.locator('paragon-file-picker');
  await expect(picker.getByRole('list', { name: 'Files in All files' })).toBeVisible();
  return picker;
}

const chosen = (page: Page) => page.locator('#picked-files li');

for (const embedding of ['frame', 'element'] as const satisfies Embedding[]) {
  test(`${embedding} mode: browse the second account, choose two files, and the host gets them with that account`, async ({ page }) => {
    const { user } = await withAliceAndBob(page, `picker-${embedding}`);
    const [, bob] = (await storedState(user)).integrations.sandbox!.allCredentials;
    const picker = await openPicker(page, embedding, 'Brandt Bikes');
    await picker.getByRole('button', { name: 'Open folder Documents' }).click();
    await expect(picker.getByRole('navigation', { name: 'Folder path' }).getByRole('listitem')).toHaveText(['All files', 'Documents']);
    // A name from a hostile provider is text: no image element, nothing run.
    await expect(picker.getByText(HOSTILE_NAME, { exact: true })).toBeVisible();
    await expect(picker.locator('img')).toHaveCount(0);
    await picker.getByLabel('Contract.pdf').check();
    await picker.getByLabel('Notes.txt').check();
    await expect(picker.getByRole('status').filter({ hasText: 'selected' })).toHaveText('2 items selected');
    await picker.getByRole('button', { name: 'Select', exact: true }).click();
    await expect(chosen(page)).toHaveCount(2);
    const lines = await chosen(page).allTextContents();
    expect(lines.map((line) => line.replace(/ id=\S+/, ''))).toEqual([
      `file "Contract.pdf" (application/pdf) credential=${bob!.id}`,
      `file "Notes.txt" (text/plain) credential=${bob!.id}`,
    ]);
    expect(
      lines.every((line) => line.includes('id=fi_bob_')),
      "Bob's files, from Bob's storage",
    ).toBe(true);
    await expect(picker).toBeHidden();
    expect(await page.title()).not.toBe('pwned');
  });
}

test('frame mode: a folder chosen on its own, and a cancel by button and by Escape', async ({ page }) => {
  const { user } = await withAliceAndBob(page, 'picker-folder');
  const [alice] = (await storedState(user)).integrations.sandbox!.allCredentials;
  let picker = await openPicker(page, 'frame', 'Anders Analytics', { multiple: false, folders: true });
  // One at a time: radios, and a second choice replaces the first.
  await picker.getByRole('radio').first().check();
  await picker.getByLabel('Budget.xlsx').check();
  await expect(picker.getByRole('status').filter({ hasText: 'selected' })).toHaveText('1 item selected');
  await picker.getByRole('radio').first().check();
  await picker.getByRole('button', { name: 'Select', exact: true }).click();
  await expect(chosen(page)).toHaveText([
    new RegExp(`^folder "Documents" \\(application/vnd.sandbox.folder\\) id=fi_alice_\\d+ credential=${alice!.id}$`),
  ]);

  picker = await openPicker(page, 'frame', 'Anders Analytics');
  await picker.getByRole('button', { name: 'Cancel' }).click();
  await expect(chosen(page).last()).toHaveText('cancelled');
  await openPicker(page, 'frame', 'Anders Analytics');
  await page.keyboard.press('Escape');
  await expect(chosen(page)).toHaveText([/^folder "Documents"/, 'cancelled', 'cancelled']);
  await expect(page.locator('iframe[title="Connect Portal"]')).toBeHidden();
});

test("the server refuses a file of the user's other account, whoever asks for it", async ({ page }) => {
  const { user } = await withAliceAndBob(page, 'picker-foreign');
  const [alice, bob] = (await storedState(user)).integrations.sandbox!.allCredentials;
  // As a hostile script of the host page would: the user's own token, Bob's account, Alice's file.
  const answers = await page.evaluate(
    async ({ connectUrl, projectId, alice, bob }) => {
      const { token } = (await (await fetch(`/api/session?user=${new URLSearchParams(location.search).get('user')}`)).json()) as { token: string };
      const call = (path: string, credentialId: string, body?: unknown) =>
        fetch(`${connectUrl}/projects/${projectId}/sdk/files/sandbox${path}`, {
          method: body ? 'POST' : 'GET',
          headers: {
            authorization: `Bearer ${token}`,
            'x-paragon-credential': credentialId,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        }).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));
      const alicesRoot = (await call('', alice)).body as FileListPage;
      const file = alicesRoot.items.find((item) => !item.isFolder)!;
      return {
        file: file.id,
        own: await call('/selection', alice, { items: [{ id: file.id, isFolder: false }] }),
        foreign: await call('/selection', bob, { items: [{ id: file.id, isFolder: false }] }),
      };
    },
    { connectUrl: CONNECT_URL, projectId: PROJECT_ID, alice: alice!.id, bob: bob!.id },
  );
  expect(answers.own.status).toBe(200);
  expect(answers.foreign).toEqual({
    status: 404,
    body: { error: { code: 'not_found', message: `This account has no file "${answers.file}".`, field: 'items.0.id' } },
  });
});

test("init({ vendor: true }) hands the page a short-lived token of the vendor picker's scopes only, for the account asked", async ({ page }) => {
  const { user } = await withAliceAndBob(page, 'picker-vendor');
  const [, bob] = (await storedState(user)).integrations.sandbox!.allCredentials;
  const { opened, token } = await page.evaluate(async (credentialId) => {
    const { paragon } = window as unknown as { paragon: Paragon };
    const picker = new paragon.ExternalFilePicker('sandbox');
    await picker.init({ vendor: true, selectedCredentialId: credentialId });
    return { opened: picker.open(), token: picker.getInstance() };
  }, bob!.id);
  expect(opened, "our picker stays closed: the host opens the vendor's").toBe(false);
  expect(token).toMatchObject({ scopes: ['files.read'], credentialId: bob!.id });
  expect(Date.parse(token!.expiresAt!) - Date.now()).toBeLessThanOrEqual(300_000);
  const api = (path: string) => fetch(`${SANDBOX_ORIGIN}/api${path}`, { headers: { authorization: `Bearer ${token!.accessToken}` } });
  const files = (await (await api('/files')).json()) as FileListPage;
  expect(files.items.every((item) => item.id.startsWith('fi_bob_'))).toBe(true);
  expect((await api('/contacts')).status, "nothing beyond the picker's scope").toBe(403);
});
