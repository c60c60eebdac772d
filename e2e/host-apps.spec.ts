/**
 * The same scenario in each host app of e2e/hosts (served by e2e/host-apps-server.ts under the
 * Content-Security-Policy of docs/csp.md), each installed from the packed tarball: open the
 * portal, connect an API-key account, change a setting, turn a workflow on, see the events in the
 * host, close, reopen with the state kept, and nothing left behind (no frame, no scroll lock, no
 * CSP violation, no page error). The server-rendered app (`ssr`) also shows that its HTML carries
 * the element before any script runs and that hydrating it logs no mismatch.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { connectAccount, freshUser, storedState } from './helpers.js';

const HOSTS_URL = 'http://127.0.0.1:4510';

/** Every CSP violation and uncaught error of the page, to assert there are none. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A missing resource shows as a console error too; responses are checked below, minus the favicon.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('close', () => problems.length && console.log(problems.join('\n')));
  return problems;
}

/** Changes the setting and turns the workflow on, as a user does, and checks the server stored both. */
async function configure(ui: Locator, user: string): Promise<void> {
  const pipeline = ui.getByRole('textbox', { name: 'Pipeline to sync' });
  await pipeline.fill('Renewals');
  await pipeline.press('Tab');
  await expect(ui.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
  await ui.getByRole('switch', { name: 'Sync new contacts' }).check();
  await expect(ui.getByRole('switch', { name: 'Sync new contacts' })).toBeChecked();
  await expect
    .poll(async () => {
      const [account] = (await storedState(user)).integrations.crm!.allCredentials;
      const configuration = account!.configurations[0]!;
      return [configuration.sharedSettings.pipeline, configuration.workflowSettings['wf-sync-contacts']?.enabled];
    })
    .toEqual(['Renewals', true]);
}

async function expectKept(ui: Locator): Promise<void> {
  await expect(ui.getByRole('radio')).toHaveCount(1);
  await expect(ui.getByRole('switch', { name: 'Sync new contacts' })).toBeChecked();
  await expect(ui.getByRole('textbox', { name: 'Pipeline to sync' })).toHaveValue('Renewals');
}

test('plain HTML, <script> tags only (frame mode through window.paragon)', async ({ page }) => {
  const problems = watchProblems(page);
  const user = freshUser('host-plain');
  await page.goto(`${HOSTS_URL}/plain/?user=${user}`);
  await expect(page.locator('#status')).toHaveText('Connected to the Connect server.', { timeout: 15_000 });
  const open = page.getByRole('button', { name: 'Connect CRM' });
  const scrollBefore = await page.evaluate(() => [document.body.style.overflow, document.documentElement.style.overflow]);

  await open.click();
  const ui = page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog', { name: 'Acme CRM' });
  await connectAccount(ui, 'acme_live_plain', 1);
  await configure(ui, user);
  const log = page.locator('#log li');
  await expect(log.filter({ hasText: 'onInstall' })).toHaveText(['onInstall integration=crm']);
  await expect(log.filter({ hasText: 'onWorkflowChange' })).toHaveText(['onWorkflowChange integration=crm workflow=wf-sync-contacts enabled=true']);
  await expect(log.filter({ hasText: 'onSettingsChange' }).first()).toContainText('pipeline');

  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[title="Connect Portal"]')).toBeHidden();
  await expect(log.filter({ hasText: 'onClose' })).toHaveCount(1);
  await expect(open).toBeFocused();
  expect(await page.evaluate(() => [document.body.style.overflow, document.documentElement.style.overflow])).toEqual(scrollBefore);

  await open.click();
  await expectKept(ui);
  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[title="Connect Portal"]')).toBeHidden();
  expect(await page.evaluate(() => [document.body.style.overflow, document.documentElement.style.overflow])).toEqual(scrollBefore);
  expect(problems).toEqual([]);
});

/**
 * The element's part of the scenario, once the page says it is connected: connect, configure, see
 * the events through the paired `paragon`, remove the element and add it again with the state kept.
 */
async function elementScenario(page: Page, host: string, user: string): Promise<void> {
  const ui = page.locator('paragon-connect-portal');
  await connectAccount(ui, `acme_live_${host}`, 1);
  await configure(ui, user);
  const log = page.locator('#log li');
  await expect(log.filter({ hasText: 'onIntegrationInstall' })).toHaveText(['onIntegrationInstall integration=crm']);
  await expect(log.filter({ hasText: 'onWorkflowChange' })).toHaveText(['onWorkflowChange integration=crm workflow=wf-sync-contacts enabled=true']);

  // The app's frame-mode `paragon` keeps its own (hidden) frame; element mode must add none.
  const frames = await page.locator('iframe').count();
  // Close: the framework unmounts the element and the effect destroys its paragon instance.
  await page.getByRole('button', { name: 'Close portal' }).click();
  await expect(ui).toHaveCount(0);
  await page.getByRole('button', { name: 'Open portal' }).click();
  await expectKept(ui);
  await expect(log.filter({ hasText: 'onIntegrationInstall' })).toHaveCount(1);
  expect(await page.locator('iframe').count()).toBe(frames);
}

type Bindings = [integration?: string, display?: string];
const bindings = (ui: Locator) =>
  ui.evaluate((element: HTMLElement & { integration?: string; display?: string }): Bindings => [element.integration, element.display]);

for (const host of ['react', 'vue', 'svelte', 'angular'] as const) {
  test(`${host}: the element with the framework's idioms (properties set, events through subscribe), paired with its own paragon`, async ({
    page,
  }) => {
    const problems = watchProblems(page);
    const user = freshUser(`host-${host}`);
    await page.goto(`${HOSTS_URL}/${host}/?user=${user}`);
    await expect(page.locator('#status')).toHaveText('Connected to the Connect server.', { timeout: 15_000 });
    const ui = page.locator('paragon-connect-portal');
    // Set by the framework as properties (React 19, Vue 3 and Svelte 5 do for a known element property,
    // Angular for a [property] binding).
    expect(await bindings(ui)).toEqual(['crm', 'inline']);
    // As properties, not attributes: `integration` does not reflect, so its attribute would mean the
    // framework fell back to setAttribute (as it does for an element not yet defined).
    expect(await ui.evaluate((element) => element.hasAttribute('integration'))).toBe(false);

    await elementScenario(page, host, user);
    expect(problems).toEqual([]);
  });
}

test('ssr: React rendered in Node (the client imported there too) serves the element in its HTML, hydrates without a mismatch, then the same scenario', async ({
  page,
  request,
}) => {
  const user = freshUser('host-ssr');
  // The HTML before any script runs: the server rendered the element, its values as attributes.
  const html = await (await request.get(`${HOSTS_URL}/ssr/?user=${user}`)).text();
  expect(html).toContain('<paragon-connect-portal display="inline" integration="crm" theme="light"></paragon-connect-portal>');

  const problems = watchProblems(page);
  // React's development build logs every hydration mismatch (an error for text, a console error for
  // attributes); any message about hydrating is one too many.
  const hydration: string[] = [];
  page.on('console', (message) => void (/hydrat/i.test(message.text()) && hydration.push(`${message.type()}: ${message.text()}`)));
  await page.goto(`${HOSTS_URL}/ssr/?user=${user}`);
  await expect(page.locator('#status')).toHaveText('Connected to the Connect server.', { timeout: 15_000 });
  // The element defined before hydration upgraded the server's markup in place and read its attributes.
  expect(await bindings(page.locator('paragon-connect-portal'))).toEqual(['crm', 'inline']);

  await elementScenario(page, 'ssr', user);
  expect(hydration).toEqual([]);
  expect(problems).toEqual([]);
});
