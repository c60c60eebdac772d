/**
 * Drop-in proof: the demo's /drop-in page runs code samples of Paragon's SDK reference as written
 * (only `configureGlobal` points at this server), on the host bridge's script-tag file, against the
 * real Connect server and the sandbox OAuth provider standing in for Salesforce and Slack. Each test
 * checks what the sample answered on the page and what the server stored.
 */
import { expect, test, type Page } from '@playwright/test';
import type { ConnectCredential } from '../protocol/src/rest.js';
import type { Paragon } from '../host-bridge/src/types.js';
import { freshUser, signInAtSandbox, storedState } from './helpers.js';

/** The seed's example answer of `paragon.getIntegrationConfig("slack")`. */
const SEED_SLACK_CONFIG = {
  shortDescription: 'Send notifications to Slack',
  longDescription:
    'Connect your Slack workspace to receive notifications and alerts in Slack. Stay connected to important activity by bringing it all together in your Slack workspace.\n\nOur Slack integration enables you to:\n\n• Receive alerts and notifications in your Slack workspace\n• Notify or DM specific team members based on certain activity',
  availableUserSettings: [
    { id: '2d5662c9-6750-46c2-8588-2ac904532efb', type: 'DYNAMIC_ENUM', title: 'Channel', required: false, sourceType: 'channels' },
  ],
  availableWorkflows: [
    {
      id: '2248335c-671c-47e4-b9a0-3641a9f2d301',
      inputs: [],
      infoText: 'Send a Slack notification when a Task is created',
      defaultEnabled: false,
      description: 'Send Slack Notification',
    },
  ],
  hiddenWorkflows: [],
};

async function openDropIn(page: Page, user: string): Promise<void> {
  await page.goto(`/drop-in?user=${encodeURIComponent(user)}`);
  await expect(page.locator('#session-status')).toHaveText('Connected to the Connect server.');
}

/** Runs a sample and answers what it printed, parsed when it is JSON. */
async function run(page: Page, sample: string): Promise<unknown> {
  const section = page.locator(`[data-sample="${sample}"]`);
  await section.getByRole('button').click();
  const output = section.locator('.output');
  await expect(output).toHaveAttribute('data-outcome', /ok|error/);
  const text = await output.innerText();
  return (await output.getAttribute('data-outcome')) === 'ok' && text !== 'undefined' ? JSON.parse(text) : text;
}

/** Runs a sample that opens the provider's sign-in window in the click, and signs `login` in there. */
async function runWithSignIn(page: Page, sample: string, login: string): Promise<unknown> {
  const popup = page.waitForEvent('popup');
  const section = page.locator(`[data-sample="${sample}"]`);
  await section.getByRole('button').click();
  await signInAtSandbox(await popup, login);
  await expect(section.locator('.output')).toHaveAttribute('data-outcome', /ok|error/, { timeout: 15_000 });
  return JSON.parse(await section.locator('.output').innerText());
}

const salesforceAccounts = async (user: string): Promise<ConnectCredential[]> => (await storedState(user)).integrations.salesforce!.allCredentials;

test('the reading samples answer what the seed says: the user, metadata, integrations, the Slack config', async ({ page }) => {
  const user = freshUser('drop-in-read');
  await openDropIn(page, user);
  expect(await run(page, 'get-user')).toEqual([]);
  const updated = (await run(page, 'set-user-metadata')) as { meta: Record<string, string> };
  expect(updated.meta).toEqual({ Name: 'Sean V', Email: 'sean@useparagon.com', apiKey: 'key_Y0kBVldPFInxK' });
  expect((await storedState(user)).meta).toEqual(updated.meta);
  const metadata = (await run(page, 'get-integration-metadata')) as { type: string; name: string; brandColor: string }[];
  expect(metadata.map((integration) => integration.type)).toEqual(['crm', 'sandbox', 'sandboxSites', 'salesforce', 'slack']);
  expect(metadata[3]).toEqual({ type: 'salesforce', name: 'Salesforce (sandbox)', brandColor: '#00a1e0' });
  // The seed's answer, and the order Paragon's dashboard gives each workflow besides.
  const config = await run(page, 'get-integration-config');
  expect(config).toEqual({ ...SEED_SLACK_CONFIG, availableWorkflows: [{ ...SEED_SLACK_CONFIG.availableWorkflows[0], order: 0 }] });
  // A webhook URL is an account's own (it carries a token), so with no Salesforce account there is none.
  expect(await run(page, 'custom-webhook-url')).toBe(
    'IntegrationNotInstalledError integration_not_installed: The user has no salesforce account connected.',
  );
});

test('installIntegration("slack") opens the sign-in in the click, with no portal, and refuses a second account unless allowed', async ({ page }) => {
  const user = freshUser('drop-in-install');
  await openDropIn(page, user);
  const installed = (await runWithSignIn(page, 'install-slack', 'alice')) as { credentialId: string; integrationType: string };
  expect(installed.integrationType).toBe('slack');
  const [account] = (await storedState(user)).integrations.slack!.allCredentials;
  expect([account!.id, account!.status]).toEqual([installed.credentialId, 'VALID']);
  await expect(page.locator('#event-log li').filter({ hasText: 'onIntegrationInstall' })).toHaveText([
    `onIntegrationInstall slack ${installed.credentialId}`,
  ]);
  // Nothing is asked before Slack's sign-in, so the portal never showed.
  await expect(page.locator('iframe[title="Connect Portal"]')).toBeHidden();

  // "This function rejects the returned Promise if the integration is already installed."
  expect(await run(page, 'install-slack')).toBe(
    'ConnectError integration_already_installed: Slack (sandbox) is already connected; pass allowMultipleCredentials: true to connect another account.',
  );
  expect((await storedState(user)).integrations.slack!.allCredentials).toHaveLength(1);
});

/** installIntegration("salesforce"): the portal asks the account type (there are two), then the sign-in. */
async function installSalesforce(page: Page, login: string): Promise<string> {
  const section = page.locator('[data-sample="install-salesforce"]');
  await section.getByRole('button').click();
  const dialog = page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog', { name: 'Salesforce (sandbox)' });
  await dialog.getByRole('radio', { name: /^Production/ }).check();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  const popup = page.waitForEvent('popup');
  await dialog.getByRole('button', { name: 'Sign in with Salesforce (sandbox)' }).click();
  await signInAtSandbox(await popup, login);
  await expect(dialog.getByRole('heading', { name: 'Salesforce (sandbox) is connected.' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.keyboard.press('Escape');
  await expect(section.locator('.output')).toHaveAttribute('data-outcome', 'ok');
  return (JSON.parse(await section.locator('.output').innerText()) as { credentialId: string }).credentialId;
}

test('connect("salesforce", { accountType: "default" }) signs a production account in without asking its type', async ({ page }) => {
  const user = freshUser('drop-in-connect');
  await openDropIn(page, user);
  const section = page.locator('[data-sample="connect-salesforce"]');
  await section.getByRole('button').click();
  const dialog = page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog', { name: 'Salesforce (sandbox)' });
  await dialog.getByRole('button', { name: 'Connect an account' }).click();
  await expect(dialog.getByText('Sandbox', { exact: true })).toHaveCount(0);
  const popup = page.waitForEvent('popup');
  await dialog.getByRole('button', { name: 'Sign in with Salesforce (sandbox)' }).click();
  await signInAtSandbox(await popup, 'carol');
  await expect(dialog.getByRole('heading', { name: 'Salesforce (sandbox) is connected.' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.keyboard.press('Escape');
  // connect() settles when the portal closes, with the install.
  await expect(section.locator('.output')).toHaveAttribute('data-outcome', 'ok');
  const installed = JSON.parse(await section.locator('.output').innerText()) as { credentialId: string };
  const [account] = await salesforceAccounts(user);
  expect([account!.id, account!.status]).toEqual([installed.credentialId, 'VALID']);
});

test('headless installFlow of an OAuth account asked for a site after the sign-in: setPostOptions opens no sign-in window', async ({ page }) => {
  const user = freshUser('drop-in-headless-post');
  await openDropIn(page, user);
  // Two buttons of the page, so that each step runs in a real click, where a window may open.
  await page.evaluate(() => {
    const { paragon } = window as unknown as { paragon: Paragon };
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    paragon.setHeadless(true);
    const button = (id: string, onClick: () => unknown) => {
      const element = document.body.appendChild(Object.assign(document.createElement('button'), { id, textContent: id }));
      element.addEventListener('click', onClick);
    };
    button('start', () =>
      paragon.installFlow.start('sandboxSites', {
        accountType: 'production',
        onNext: (stage) => seen.push(stage.stage),
        onComplete: () => seen.push('complete'),
        onError: (error) => seen.push(`error ${error.message}`),
      }),
    );
    button('site', () => paragon.installFlow.setPostOptions({ site: 'lisbon' }));
  });
  const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  const popups: string[] = [];
  page.on('popup', (popup) => popups.push(popup.url()));
  const popup = page.waitForEvent('popup');
  await page.locator('#start').click();
  await signInAtSandbox(await popup, 'alice');
  await expect.poll(seen, { timeout: 15_000 }).toEqual(['oauth', 'postOptions']);
  await page.locator('#site').click();
  await expect.poll(seen).toEqual(['oauth', 'postOptions', 'complete']);
  expect(popups).toHaveLength(1);
  const [account] = (await storedState(user)).integrations.sandboxSites!.allCredentials;
  expect([account!.status, account!.providerData.site]).toEqual(['VALID', 'lisbon']);
});

test('connect() again while the portal is open, then closing it, gives the page back its scroll and every element', async ({ page }) => {
  await openDropIn(page, freshUser('drop-in-reopen'));
  const pageState = () =>
    page.evaluate(() => ({ overflow: document.documentElement.style.overflow, inert: document.querySelectorAll('[inert]').length }));
  const before = await pageState();
  // A script of the page opens it twice (a button behind the modal cannot be clicked); each time
  // until the portal answered `open`: a `configure` round trip after `onPortalOpen` comes after it.
  const open = (type: string) =>
    page.evaluate(async (integrationType) => {
      const { paragon } = window as unknown as { paragon: Paragon };
      const opened = new Promise((resolve) => paragon.subscribe('onPortalOpen', resolve));
      void paragon.connect(integrationType).catch(() => undefined);
      await opened;
      await paragon.setAppearance({});
    }, type);
  await open('salesforce');
  expect(await pageState()).toMatchObject({ overflow: 'hidden' });
  await open('slack');
  const dialog = page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog', { name: 'Slack (sandbox)' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[title="Connect Portal"]')).toBeHidden();
  expect(await pageState()).toEqual(before);
});

test('settings, workflows and uninstall with selectedCredentialId change only that account', async ({ page }) => {
  const user = freshUser('drop-in-multi');
  await openDropIn(page, user);
  const first = { credentialId: await installSalesforce(page, 'alice') };
  const second = { credentialId: await installSalesforce(page, 'bob') };
  expect(await run(page, 'get-user')).toEqual((await salesforceAccounts(user)).map(({ id, status, providerId }) => ({ id, status, providerId })));

  const settings = (await run(page, 'update-settings')) as { errors: string[] };
  expect(settings.errors).toEqual([]);
  const workflows = (await run(page, 'update-workflow-state')) as { errors: unknown[] };
  expect(workflows.errors).toEqual([]);
  let [firstStored, secondStored] = await salesforceAccounts(user);
  expect(firstStored!.configurations[0]!.sharedSettings).toMatchObject({ leadSource: 'Partner referral' });
  expect(firstStored!.configurations[0]!.workflowSettings['wf-sf-leads']?.enabled).toBe(true);
  expect(secondStored!.configurations[0]!.sharedSettings).not.toHaveProperty('leadSource', 'Partner referral');
  expect(secondStored!.configurations[0]!.workflowSettings['wf-sf-leads']?.enabled ?? false).toBe(false);
  await expect(page.locator('#event-log li').filter({ hasText: 'onWorkflowChange' })).toHaveText([
    `onWorkflowChange salesforce ${first.credentialId}`,
  ]);

  await run(page, 'uninstall-salesforce');
  [firstStored, secondStored] = await salesforceAccounts(user);
  expect([firstStored!.id, secondStored]).toEqual([second.credentialId, undefined]);
  await expect(page.locator('#event-log li').filter({ hasText: 'onIntegrationUninstall' })).toHaveText([
    `onIntegrationUninstall salesforce ${first.credentialId}`,
  ]);
});

test('headless installFlow: the account type given in onNext, the sign-in in a window the bridge opened, onComplete with the account', async ({
  page,
}) => {
  const user = freshUser('drop-in-headless');
  await openDropIn(page, user);
  const section = page.locator('[data-sample="headless-install"]');
  // start() asks the account type first (two of them); the sample answers with the first, in onNext: the sign-in follows.
  const popup = page.waitForEvent('popup');
  await section.getByRole('button').click();
  await signInAtSandbox(await popup, 'alice');
  await expect(section.locator('.output')).toHaveAttribute('data-outcome', 'ok', { timeout: 15_000 });
  const completed = JSON.parse(await section.locator('.output').innerText()) as { credentialId: string; integrationType: string };
  expect(completed.integrationType).toBe('salesforce');
  const [account] = await salesforceAccounts(user);
  expect([account!.id, account!.status]).toEqual([completed.credentialId, 'VALID']);
  // Headless: the portal never showed.
  await expect(page.locator('iframe[title="Connect Portal"]')).toBeHidden();
});
