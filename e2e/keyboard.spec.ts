/**
 * The whole path by keyboard alone, in frame mode: open the portal, connect an account, change a
 * setting, turn a workflow on, disconnect the account, close; focus stays in the modal while it
 * is open (the bridge makes the rest of the page inert) and goes back to the button that opened it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { freshUser, openHostPage, storedState } from './helpers.js';

const portalFrame = (page: Page) => page.locator('iframe[title="Connect Portal"]');

/**
 * Presses Tab until `target` has the focus. While the modal is open, every stop must be inside
 * it: the host page's focus stays on the portal's frame.
 */
async function tabTo(page: Page, target: Locator, { inModal = true } = {}): Promise<void> {
  for (let press = 0; press < 40; press += 1) {
    if (await target.evaluate((element) => element.matches(':focus')).catch(() => false)) return;
    await page.keyboard.press('Tab');
    if (process.env.DEBUG_TAB) {
      const inFrame = await page
        .frameLocator('iframe[title="Connect Portal"]')
        .locator(':root')
        .evaluate(() => {
          let active: Element | null = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          return active ? `${active.tagName} ${active.textContent?.trim().slice(0, 30)}` : 'none';
        });
      console.log(press, await page.evaluate(() => document.activeElement?.tagName), inFrame);
    }
    // Past the modal's last control the browser's own UI may take the focus (as from a native
    // modal dialog; the page's body is then the active element), never another part of the page.
    if (inModal)
      expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60)), 'focus left the modal').toMatch(
        /^<(iframe title="Connect Portal"|body)/,
      );
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('frame mode: connect, configure, toggle a workflow and disconnect by keyboard alone', async ({ page }) => {
  const user = freshUser('keyboard');
  await openHostPage(page, user);
  const opener = page.getByRole('button', { name: 'Connect CRM' });
  await tabTo(page, opener, { inModal: false });
  await page.keyboard.press('Enter');

  const ui = page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog', { name: 'Acme CRM' });
  await expect(ui).toBeVisible();
  await tabTo(page, ui.getByRole('button', { name: 'Connect an account' }));
  await page.keyboard.press('Enter');
  await tabTo(page, ui.getByLabel('API key'));
  await page.keyboard.type('acme_live_keyboard');
  await tabTo(page, ui.getByRole('button', { name: 'Connect account' }));
  await page.keyboard.press('Enter');
  await expect(ui.getByRole('heading', { name: 'Acme CRM is connected.' })).toBeVisible();
  await tabTo(page, ui.getByRole('button', { name: 'Done' }));
  await page.keyboard.press('Enter');

  // A setting: typed, committed by leaving the field, saved to the account.
  const pipeline = ui.getByRole('textbox', { name: 'Pipeline to sync' });
  await tabTo(page, pipeline);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Renewals');
  await page.keyboard.press('Tab');
  await expect(ui.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
  const settings = async () => (await storedState(user)).integrations.crm!.allCredentials[0]?.configurations[0];
  await expect.poll(async () => (await settings())?.sharedSettings?.pipeline).toBe('Renewals');

  // A workflow, with Space on its switch.
  const workflow = ui.getByRole('switch', { name: 'Sync new contacts' });
  await tabTo(page, workflow);
  await page.keyboard.press('Space');
  await expect(workflow).toBeChecked();
  await expect.poll(async () => (await settings())?.workflowSettings['wf-sync-contacts']?.enabled).toBe(true);

  // Disconnect, confirmed.
  await tabTo(page, ui.getByRole('button', { name: 'Disconnect' }));
  await page.keyboard.press('Enter');
  const confirm = ui.getByRole('group', { name: /^Disconnect Account 1\?/ });
  await expect(confirm).toBeVisible();
  await tabTo(page, confirm.getByRole('button', { name: 'Disconnect' }));
  await page.keyboard.press('Enter');
  await expect(ui.getByText('No account is connected yet.')).toBeVisible();
  expect((await storedState(user)).integrations.crm!.allCredentials).toEqual([]);

  // Escape closes the modal; the button that opened it has the focus again.
  await page.keyboard.press('Escape');
  await expect(portalFrame(page)).toBeHidden();
  await expect(opener).toBeFocused();
});
