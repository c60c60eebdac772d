import { expect, test } from '@playwright/test';
import { CONNECT_URL, PROJECT_ID, freshUser, logOf, openHostPage, portal, signDemoToken, storedState } from './helpers.js';

test('an expired user token: the portal says the session expired, the bridge reports token_expired, nothing is written', async ({ page }) => {
  const user = freshUser('expired');
  const expired = await signDemoToken(user, { expiresIn: -600 });
  // The host app's own backend hands out the expired token: the Connect stack is untouched.
  await page.route('**/api/session**', (route) => route.fulfill({ json: { projectId: PROJECT_ID, connectUrl: CONNECT_URL, user, token: expired } }));
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
    await ui.getByRole('button', { name: 'Connect an account' }).click();
    for (const value of ['', '   ']) {
      await ui.getByLabel('API key').fill(value);
      await ui.getByRole('button', { name: 'Connect account' }).click();
      await expect(ui.getByText('API key is required.')).toBeVisible();
      await expect(ui.getByLabel('API key')).toBeFocused();
    }
    expect(posts).toEqual([]);
  });
}
