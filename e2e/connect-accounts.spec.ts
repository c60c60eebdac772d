import { expect, test } from '@playwright/test';
import { connectAccount, freshUser, logOf, openHostPage, portal, storedState, type Embedding } from './helpers.js';

for (const embedding of ['element', 'frame'] as const satisfies Embedding[]) {
  test(`${embedding} mode: two accounts, a workflow on the second, events in the host, state kept across a reload`, async ({ page }) => {
    const user = freshUser(embedding);
    await openHostPage(page, user);

    const ui = await portal(page, embedding);
    await expect(ui.getByText('No account is connected yet.')).toBeVisible();
    await connectAccount(ui, 'acme_live_first', 1);
    await connectAccount(ui, 'acme_live_second', 2);
    await expect(ui.getByRole('heading', { name: 'Workflows for Account 2' })).toBeVisible();
    await ui.getByRole('switch', { name: 'Sync new contacts' }).check();
    await expect(ui.getByRole('switch', { name: 'Sync new contacts' })).toBeChecked();

    // The server holds two accounts; the workflow is on for the second only.
    const stored = (await storedState(user)).integrations.crm!;
    const [first, second] = stored.allCredentials;
    expect(stored.allCredentials).toHaveLength(2);
    const syncContacts = (index: number) => stored.allCredentials[index]!.configurations[0]!.workflowSettings['wf-sync-contacts']?.enabled;
    expect([syncContacts(0), syncContacts(1)]).toEqual([false, true]);

    // The host's log got the install of each account and the workflow change, with their credential ids.
    const install = embedding === 'frame' ? 'onInstall' : 'onIntegrationInstall';
    await expect(logOf(page, embedding).filter({ hasText: 'nstall' })).toHaveText([
      `${install} integration=crm credential=${first!.id}`,
      `${install} integration=crm credential=${second!.id}`,
    ]);
    await expect(logOf(page, embedding).filter({ hasText: 'onWorkflowChange' })).toHaveText([
      `onWorkflowChange integration=crm credential=${second!.id} workflow=wf-sync-contacts enabled=true`,
    ]);

    // Switching account switches the toggles.
    await ui.getByRole('radio', { name: /Account 1/ }).check();
    await expect(ui.getByRole('switch', { name: 'Sync new contacts' })).not.toBeChecked();

    await page.reload();
    await openHostPage(page, user);
    const after = await portal(page, embedding);
    await expect(after.getByRole('radio')).toHaveCount(2);
    await expect(after.getByRole('switch', { name: 'Sync new contacts' })).not.toBeChecked();
    await after.getByRole('radio', { name: /Account 2/ }).check();
    await expect(after.getByRole('switch', { name: 'Sync new contacts' })).toBeChecked();
  });
}

test('an account connected in one embedding shows in the other at once, and in the page’s summary', async ({ page }) => {
  await openHostPage(page, freshUser('both'));
  const inline = await portal(page, 'element');
  await expect(inline.getByText('No account is connected yet.')).toBeVisible();
  const modal = await portal(page, 'frame');
  await connectAccount(modal, 'acme_live_modal', 1);
  await page.keyboard.press('Escape');
  // The inline portal was not opened again: the host page's refresh brought the account.
  await expect(inline.getByRole('radio')).toHaveCount(1);
  await expect(inline.getByText('Loading your integrations…')).toHaveCount(0);
  await connectAccount(inline, 'acme_live_element', 2);
  await expect(page.locator('#session-status')).toHaveText('Acme CRM: 2 accounts');
});

test('frame mode: the modal closes with Escape, reports onClose and gives focus back to the button', async ({ page }) => {
  await openHostPage(page, freshUser('close'));
  await portal(page, 'frame');
  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[title="Connect Portal"]')).toBeHidden();
  await expect(logOf(page, 'frame')).toHaveText(['onOpen integration=crm', 'onClose integration=crm']);
  await expect(page.getByRole('button', { name: 'Connect CRM' })).toBeFocused();
});

test('element mode: a setting changed on the second of two accounts is saved to it alone', async ({ page }) => {
  const user = freshUser('setting');
  await openHostPage(page, user);
  const ui = await portal(page, 'element');
  await connectAccount(ui, 'acme_live_one', 1);
  await connectAccount(ui, 'acme_live_two', 2);
  await ui.getByRole('radio', { name: /Account 2/ }).check();
  const pipeline = ui.getByRole('textbox', { name: 'Pipeline to sync' });
  await pipeline.fill('Renewals');
  await pipeline.press('Tab');
  await expect(ui.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();

  const [first, second] = (await storedState(user)).integrations.crm!.allCredentials;
  expect(second!.configurations[0]!.sharedSettings.pipeline).toBe('Renewals');
  expect(first!.configurations[0]!.sharedSettings.pipeline).not.toBe('Renewals');
  // The first account shows its own value again when selected.
  await ui.getByRole('radio', { name: /Account 1/ }).check();
  await expect(pipeline).not.toHaveValue('Renewals');
});
