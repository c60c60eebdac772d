import { expect, test } from '@playwright/test';
import { ATTACKER_URL, CONNECT_URL, PROJECT_ID, freshUser, logOf, openHostPage, portal, signDemoToken, storedState } from './helpers.js';

test('an expired user token: the portal says the session expired, the bridge reports token_expired, nothing is written', async ({ page }) => {
  const user = freshUser('expired');
  const expired = await signDemoToken(user, { expiresIn: -600 });
  // The host app's own backend hands out the expired token: the Connect stack is untouched.
  await page.route('**/api/session**', (route) =>
    route.fulfill({ json: { projectId: PROJECT_ID, connectUrl: CONNECT_URL, user, token: expired } }),
  );
  const writes: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'GET' && request.url().includes('/sdk/')) writes.push(request.url());
  });
  await page.goto(`/?user=${user}`);

  await expect(page.locator('#inline-portal').getByRole('alert')).toHaveText('Your session has expired. Reload the page to sign in again.');
  await expect(logOf(page, 'element')).toHaveText([/^error token_expired: The user token has expired/]);
  await expect(logOf(page, 'frame')).toHaveText([/^error token_expired: /]);
  await expect(page.getByRole('button', { name: 'Connect CRM' })).toBeDisabled();
  expect(writes).toEqual([]);
  expect((await storedState(user)).integrations.crm!.allCredentials).toEqual([]);
});

for (const embedding of ['element', 'frame'] as const) {
  test(`${embedding} mode: a blank or whitespace API key is refused inline and sends no request`, async ({ page }) => {
    await openHostPage(page, freshUser('blank-key'));
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    const ui = await portal(page, embedding);
    for (const value of ['', '   ']) {
      await ui.getByLabel('API key').fill(value);
      await ui.getByRole('button', { name: 'Connect account' }).click();
      await expect(ui.getByText('API key is required.')).toBeVisible();
      await expect(ui.getByLabel('API key')).toBeFocused();
    }
    expect(posts).toEqual([]);
  });
}

test('messages from an origin no project allows are ignored by the bridge and by the framed portal', async ({ page }) => {
  const user = freshUser('attacker');
  // The attacker opens the host app in a window it holds a handle to (framing the host would not
  // do: frame-ancestors then keeps the portal from loading at all, see the next test).
  await page.goto(`${ATTACKER_URL}/attacker.html`);
  const [host] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((url) => (window as unknown as { openTarget(url: string): boolean }).openTarget(url), `http://127.0.0.1:4500/?user=${user}`),
  ]);
  await expect(host.getByRole('button', { name: 'Connect CRM' })).toBeEnabled();
  await expect(host.locator('#inline-portal').getByText('No account is connected yet.')).toBeVisible();

  const sent = await page.evaluate(() =>
    (window as unknown as { attack(install: object): number }).attack({
      integrationId: '5b1c3f5e-6c0a-4c51-9a43-2f4a9d1c7e01',
      integrationType: 'crm',
      credentialId: 'forged-credential',
    }),
  );
  expect(sent).toBe(12);
  await host.waitForTimeout(1000);

  await expect(page.locator('#replies')).toHaveText('0');
  await expect(host.locator('#frame-log li')).toHaveCount(0);
  await expect(host.locator('#element-log li')).toHaveCount(0);
  await expect(host.locator('iframe[title="Connect Portal"]')).toBeHidden();
  expect((await storedState(user)).integrations.crm!.allCredentials).toEqual([]);

  // The bridge was live all along: the real button still opens the real portal.
  await host.getByRole('button', { name: 'Connect CRM' }).click();
  await expect(host.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog', { name: 'Acme CRM' })).toBeVisible();
  await expect(host.locator('#frame-log li')).toHaveText(['onOpen integration=crm']);
});

test('the framed portal refuses to load inside a page of an origin the project does not allow', async ({ page }) => {
  const blocked = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
  await page.goto(`${ATTACKER_URL}/attacker.html?frame=${encodeURIComponent(`${CONNECT_URL}/portal/frame?projectId=${PROJECT_ID}`)}`);
  await blocked;
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
  await expect(page.frameLocator('#target').locator('paragon-connect-portal')).toHaveCount(0);
  expect(frame.url()).not.toContain('/portal/frame');
});
