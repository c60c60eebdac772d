/**
 * Languages other than English are files of their own, loaded when a portal first shows one: from
 * the Connect server's origin by a page of another origin (element mode, over CORS), and inside the
 * framed portal under its strict CSP (frame mode).
 */
import { expect, test } from '@playwright/test';
import { CONNECT_URL, freshUser, openHostPage, portal } from './helpers.js';

test('element mode: the inline portal switches to German, loading its table from the Connect server', async ({ page }) => {
  const tables: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/portal/locales/')) tables.push(`${response.status()} ${response.url()}`);
  });
  await openHostPage(page, freshUser('lang-element'));
  const ui = await portal(page, 'element');
  await expect(ui.getByText('No account is connected yet.')).toBeVisible();
  expect(tables, 'English needs no file').toEqual([]);

  await page.locator('#inline-portal').evaluate((element) => element.setAttribute('lang', 'de-AT'));
  await expect(ui.getByText('Es ist noch kein Konto verbunden.')).toBeVisible();
  await expect(ui.getByRole('button', { name: 'Ein Konto verbinden' })).toBeVisible();
  // Named by its content (scripts/build.ts), as the bundle was built with it.
  expect(tables).toEqual([expect.stringMatching(new RegExp(`^200 ${CONNECT_URL}/portal/locales/de\\.[0-9a-f]{10}\\.js$`))]);
});

test('frame mode: setAppearance({ locale }) shows the framed portal in Japanese', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`/drop-in?user=${freshUser('lang-frame')}`);
  await expect(page.locator('#session-status')).toHaveText('Connected to the Connect server.');
  await page.evaluate(async () => {
    const { paragon } = window as unknown as {
      paragon: { setAppearance(options: { locale: string }): Promise<void>; connect(type: string): Promise<void> };
    };
    await paragon.setAppearance({ locale: 'ja' });
    // connect() settles when the portal closes.
    void paragon.connect('slack');
  });
  const frame = page.frameLocator('iframe[title="Connect Portal"]');
  await expect(frame.getByRole('button', { name: 'アカウントを接続' })).toBeVisible();
  expect(errors, 'no CSP violation or failed load').toEqual([]);
});
