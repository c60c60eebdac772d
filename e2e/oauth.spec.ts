/**
 * Connecting OAuth accounts for real: the portal (in the cross-origin frame, and as an element in
 * the host page) opens the sandbox provider's sign-in in a real pop-up window, the user signs in
 * and consents there, and the portal learns the outcome from the Connect server.
 */
import { expect, test } from '@playwright/test';
import {
  connectWithSandbox,
  freshUser,
  logOf,
  openHostPage,
  openIntegration,
  SANDBOX_ORIGIN,
  signInAtSandbox,
  storedState,
  withAliceAndBob,
  type Embedding,
} from './helpers.js';

for (const embedding of ['element', 'frame'] as const satisfies Embedding[]) {
  test(`${embedding} mode: two sandbox accounts connected through the provider's pop-up, each reported with its credential`, async ({ page }) => {
    const user = freshUser(`oauth-${embedding}`);
    await openHostPage(page, user);
    const ui = await openIntegration(page, embedding, 'sandbox', 'Sandbox CRM');
    await ui.getByRole('button', { name: 'Connect an account' }).click();
    await connectWithSandbox(page, ui, 'alice');
    await ui.getByRole('button', { name: 'Connect another account' }).click();
    await connectWithSandbox(page, ui, 'bob');
    await expect(ui.getByRole('radio')).toHaveCount(2);
    await expect(ui.getByRole('radio', { name: /Alice Anders/ })).toBeVisible();
    await expect(ui.getByRole('radio', { name: /Bob Brandt/ })).toBeChecked();

    const accounts = (await storedState(user)).integrations.sandbox!.allCredentials;
    expect(accounts.map((account) => account.providerId)).toEqual(['acct_alice', 'acct_bob']);
    const install = embedding === 'frame' ? 'onInstall' : 'onIntegrationInstall';
    await expect(logOf(page, embedding).filter({ hasText: 'nstall' })).toHaveText(
      accounts.map((account) => `${install} integration=sandbox credential=${account.id}`),
    );

    // paragon.request calls the sandbox API as the account chosen, through bridge, portal and proxy.
    const instance = embedding === 'frame' ? 'paragon' : 'inline';
    const whoAmI = await page.evaluate(
      ([name, ids]) => {
        const sdk = (window as unknown as Record<string, { request(type: string, path: string, init?: object): Promise<{ id: string }> }>)[name]!;
        return Promise.all(ids.map((id) => sdk.request('sandbox', '/me', { selectedCredentialId: id }).then((me) => me.id)));
      },
      [instance, accounts.map((account) => account.id)] as const,
    );
    expect(whoAmI).toEqual(['acct_alice', 'acct_bob']);
    const failure = await page.evaluate((name) => {
      const sdk = (window as unknown as Record<string, { request(type: string, path: string): Promise<unknown> }>)[name]!;
      return sdk
        .request('sandbox', '/nothing-here')
        .catch((error: { name: string; code: string; response: unknown }) => ({ ...error, name: error.name }));
    }, instance);
    expect(failure).toMatchObject({ name: 'ProxyRequestError', code: 'proxy_request_failed', response: { status: 404 } });
  });
}

for (const embedding of ['element', 'frame'] as const satisfies Embedding[]) {
  test(`${embedding} mode: reconnecting an account with another provider account replaces it and keeps its settings and workflows`, async ({
    page,
  }) => {
    const user = freshUser(`oauth-replace-${embedding}`);
    await openHostPage(page, user);
    const ui = await openIntegration(page, embedding, 'sandbox', 'Sandbox CRM');
    await ui.getByRole('button', { name: 'Connect an account' }).click();
    await connectWithSandbox(page, ui, 'bob');
    await ui.getByRole('switch', { name: 'Create contacts from new sign-ups' }).check();
    await expect(ui.getByRole('switch', { name: 'Create contacts from new sign-ups' })).toBeChecked();
    const [before] = (await storedState(user)).integrations.sandbox!.allCredentials;

    await ui.getByRole('button', { name: 'Reconnect' }).click();
    await connectWithSandbox(page, ui, 'carol');
    const [after] = (await storedState(user)).integrations.sandbox!.allCredentials;
    expect(after!.id).toBe(before!.id);
    expect(after!.providerId).toBe('acct_carol');
    expect(after!.configurations[0]!.workflowSettings['wf-sandbox-contacts']!.enabled).toBe(true);
    await expect(ui.getByRole('radio', { name: /Carol Chen/ })).toBeChecked();
    await expect(ui.getByRole('switch', { name: 'Create contacts from new sign-ups' })).toBeChecked();
  });
}

test("a setting whose options come from the account lists each account's own, and saves to that account", async ({ page }) => {
  const { user, ui } = await withAliceAndBob(page, 'oauth-data-source');

  // Bob's account is selected: his pipelines, searched on the server.
  const pipeline = ui.getByRole('combobox', { name: 'Sales pipeline' });
  await pipeline.click();
  await expect(ui.getByRole('option', { name: 'Brandt Bikes: New business' })).toBeVisible();
  await expect(ui.getByRole('option', { name: /Anders Analytics/ })).toHaveCount(0);
  await pipeline.fill('renew');
  await expect(ui.getByRole('option')).toHaveText(['Brandt Bikes: Renewals']);
  await ui.getByRole('option', { name: 'Brandt Bikes: Renewals' }).click();
  await expect
    .poll(async () =>
      (await storedState(user)).integrations.sandbox!.allCredentials.map((credential) => credential.configurations[0]!.sharedSettings.pipeline),
    )
    .toEqual([undefined, 'pl_bob_2']);

  // Alice's account: her own pipelines.
  await ui.getByRole('radio', { name: /Alice Anders/ }).check();
  await ui.getByRole('combobox', { name: 'Sales pipeline' }).click();
  await expect(ui.getByRole('option', { name: 'Anders Analytics: New business' })).toBeVisible();
  await expect(ui.getByRole('option', { name: /Brandt Bikes/ })).toHaveCount(0);
});

test("workflows run as the account chosen, and each run shows in that account's task history", async ({ page }) => {
  const { user, ui } = await withAliceAndBob(page, 'oauth-workflows');
  const [alice, bob] = (await storedState(user)).integrations.sandbox!.allCredentials;

  // Bob's account is selected: both workflows are turned on there, by the user, in the portal.
  await ui.getByRole('switch', { name: 'Count my contacts' }).check();
  await ui.getByRole('switch', { name: 'Create contacts from new sign-ups' }).check();
  await expect(ui.getByRole('switch', { name: 'Create contacts from new sign-ups' })).toBeChecked();

  type Sdk = { workflow(id: string, request?: object): Promise<unknown>; event(name: string, payload: object): Promise<void> };
  const counted = await page.evaluate(
    (id) => (window as unknown as { inline: Sdk }).inline.workflow('wf-sandbox-count', { selectedCredentialId: id }),
    bob!.id,
  );
  expect(counted).toEqual({ account: bob!.id, contacts: 60 });
  const notOn = await page.evaluate(
    (id) =>
      (window as unknown as { inline: Sdk }).inline
        .workflow('wf-sandbox-count', { selectedCredentialId: id })
        .catch((error: { code: string }) => error.code),
    alice!.id,
  );
  expect(notOn).toBe('workflow_not_enabled');
  await page.evaluate(() => (window as unknown as { inline: Sdk }).inline.event('Signup', { name: 'Ada Lovelace', email: 'ada@example.com' }));

  await ui.getByText('Recent runs').click();
  const runs = ui.locator('paragon-task-history').getByRole('list');
  await expect(runs.getByRole('listitem')).toHaveCount(2);
  await expect(runs.getByRole('listitem').filter({ hasText: 'Count my contacts' })).toContainText('Succeeded');
  // The event's run is queued, then worked: Refresh until it shows how it went.
  await expect(async () => {
    await ui.getByRole('button', { name: 'Refresh' }).click();
    await expect(runs.getByRole('listitem').filter({ hasText: 'Create contacts from new sign-ups' })).toContainText('Succeeded', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  // The contact was created in Bob's sandbox, as Bob's account.
  const contacts = await page.evaluate(
    (id) =>
      (window as unknown as { inline: { request(type: string, path: string, init: object): Promise<{ items: { name: string }[] }> } }).inline.request(
        'sandbox',
        '/contacts?search=Lovelace',
        { selectedCredentialId: id },
      ),
    bob!.id,
  );
  expect(contacts.items.map((contact) => contact.name)).toEqual(['Ada Lovelace']);

  // Alice's account has its own history: nothing ran there.
  await ui.getByRole('radio', { name: /Alice Anders/ }).check();
  await expect(ui.getByText('No workflow has run for this account yet.')).toBeVisible();
});

for (const embedding of ['element', 'frame'] as const satisfies Embedding[]) {
  test(`${embedding} mode: an account revoked at the provider turns INVALID on its next API call, and reconnecting it makes it work again`, async ({
    page,
  }) => {
    const user = freshUser(`oauth-revoked-${embedding}`);
    await openHostPage(page, user);
    const ui = await openIntegration(page, embedding, 'sandbox', 'Sandbox CRM');
    await ui.getByRole('button', { name: 'Connect an account' }).click();
    await connectWithSandbox(page, ui, 'carol');
    const request = () =>
      page.evaluate(
        (name) => {
          const sdk = (window as unknown as Record<string, { request(type: string, path: string): Promise<{ id: string }> }>)[name]!;
          return sdk.request('sandbox', '/me').then(
            (me) => me.id,
            (error: { code: string }) => error.code,
          );
        },
        embedding === 'frame' ? 'paragon' : 'inline',
      );
    expect(await request()).toBe('acct_carol');

    // Carol withdraws the app's access at the provider: every grant and token of hers ends.
    expect((await fetch(`${SANDBOX_ORIGIN}/__control/revoke?user=carol`, { method: 'POST' })).ok).toBe(true);
    expect(await request()).toBe('credential_invalid');
    expect((await storedState(user)).integrations.sandbox!.allCredentials.map((credential) => credential.status)).toEqual(['INVALID']);
    await expect(ui.getByText('This account is no longer authorized. Reconnect it to keep its settings and workflows.')).toBeVisible();

    await ui.getByRole('button', { name: 'Reconnect' }).click();
    await connectWithSandbox(page, ui, 'carol');
    expect((await storedState(user)).integrations.sandbox!.allCredentials.map((credential) => credential.status)).toEqual(['VALID']);
    expect(await request()).toBe('acct_carol');
  });
}

test("an opener severed by the provider's COOP still completes, with one install event, then asks the post-install step", async ({ page }) => {
  const user = freshUser('oauth-coop');
  await openHostPage(page, user);
  const ui = await openIntegration(page, 'frame', 'sandboxSites', 'Sandbox Sites');
  await ui.getByRole('button', { name: 'Connect an account' }).click();
  await ui.getByRole('radio', { name: /Production/ }).check();
  await ui.getByRole('button', { name: 'Continue' }).click();
  const popup = page.waitForEvent('popup');
  await ui.getByRole('button', { name: 'Sign in with Sandbox Sites' }).click();
  const window = await popup;
  // The provider's pages cut the window off from the portal: it now looks closed to it.
  await expect(ui.getByText('The sign-in window looks closed.', { exact: false })).toBeVisible();
  await signInAtSandbox(window, 'alice');
  await expect(ui.getByRole('heading', { name: 'A few more details' })).toBeVisible();
  expect((await storedState(user)).integrations.sandboxSites!.allCredentials[0]!.status).toBe('PENDING');
  await ui.getByRole('combobox', { name: 'Site' }).click();
  await ui.getByRole('option', { name: 'Lisbon' }).click();
  await ui.getByRole('button', { name: 'Continue' }).click();
  await expect(ui.getByRole('heading', { name: 'Sandbox Sites is connected.' })).toBeVisible();
  const [account] = (await storedState(user)).integrations.sandboxSites!.allCredentials;
  expect(account!.status).toBe('VALID');
  expect(account!.providerData).toMatchObject({ site: 'lisbon', name: 'Alice Anders' });
  await expect(logOf(page, 'frame').filter({ hasText: 'onInstall' })).toHaveText([`onInstall integration=sandboxSites credential=${account!.id}`]);
});

test('a blocked pop-up is reported, nothing is started, and trying again once allowed works', async ({ page }) => {
  // The browser's pop-up blocker, at the edge: window.open answers null while the flag is set.
  await page.addInitScript(() => {
    const open = window.open.bind(window);
    Object.assign(window, { blockPopups: true });
    window.open = (...args: Parameters<typeof window.open>) => ((window as unknown as { blockPopups: boolean }).blockPopups ? null : open(...args));
  });
  const user = freshUser('oauth-blocked');
  await openHostPage(page, user);
  const ui = await openIntegration(page, 'frame', 'sandbox', 'Sandbox CRM');
  await ui.getByRole('button', { name: 'Connect an account' }).click();
  await ui.getByRole('button', { name: 'Sign in with Sandbox CRM' }).click();
  await expect(ui.getByRole('alert')).toHaveText('The browser blocked the sign-in window. Allow pop-ups for this site, then try again.');
  expect((await storedState(user)).integrations.sandbox!.allCredentials).toEqual([]);

  const frame = page.frames().find((candidate) => candidate.url().includes('/portal/frame'))!;
  await frame.evaluate(() => Object.assign(window, { blockPopups: false }));
  const popup = page.waitForEvent('popup');
  await ui.getByRole('button', { name: 'Try again' }).click();
  await signInAtSandbox(await popup, 'alice');
  await expect(ui.getByRole('heading', { name: 'Sandbox CRM is connected.' })).toBeVisible();
});

test('declining at the provider is reported and connects nothing; cancelling at each step leaves nothing behind', async ({ page }) => {
  const user = freshUser('oauth-cancel');
  await openHostPage(page, user);
  const ui = await openIntegration(page, 'frame', 'sandboxSites', 'Sandbox Sites');

  // At the account type.
  await ui.getByRole('button', { name: 'Connect an account' }).click();
  await ui.getByRole('button', { name: 'Cancel' }).click();
  await expect(ui.getByRole('button', { name: 'Connect an account' })).toBeVisible();

  // At the sign-in, declining at the provider.
  await ui.getByRole('button', { name: 'Connect an account' }).click();
  await ui.getByRole('radio', { name: /Test workspace/ }).check();
  await ui.getByRole('button', { name: 'Continue' }).click();
  const popup = page.waitForEvent('popup');
  await ui.getByRole('button', { name: 'Sign in with Sandbox Sites' }).click();
  await signInAtSandbox(await popup, 'bob', 'Deny');
  await expect(ui.getByRole('alert')).toHaveText('Access to Sandbox Sites was declined.');
  await ui.getByRole('button', { name: 'Cancel' }).click();

  // At the post-install step: the half-connected account is removed.
  await ui.getByRole('button', { name: 'Connect an account' }).click();
  await ui.getByRole('radio', { name: /Production/ }).check();
  await ui.getByRole('button', { name: 'Continue' }).click();
  const again = page.waitForEvent('popup');
  await ui.getByRole('button', { name: 'Sign in with Sandbox Sites' }).click();
  await signInAtSandbox(await again, 'carol');
  await expect(ui.getByRole('heading', { name: 'A few more details' })).toBeVisible();
  expect((await storedState(user)).integrations.sandboxSites!.allCredentials).toHaveLength(1);
  await ui.getByRole('button', { name: 'Cancel' }).click();
  await expect(ui.getByRole('button', { name: 'Connect an account' })).toBeVisible();
  expect((await storedState(user)).integrations.sandboxSites!.allCredentials).toEqual([]);
  await expect(logOf(page, 'frame').filter({ hasText: 'onInstall' })).toHaveCount(0);
});
