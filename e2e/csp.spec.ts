/**
 * Security case 22: the whole portal flow under a strict policy, in both embeddings. The demo
 * host page is served with `default-src 'self'; script-src 'self' <connect>; style-src 'self';
 * connect-src 'self' <connect>; require-trusted-types-for 'script'; trusted-types lit-html`, the
 * framed portal with its own (`default-src 'none'`...). Every frame records each
 * `securitypolicyviolation` event from its first script; none may fire.
 */
import { expect, test, type Page } from '@playwright/test';
import { connectAccount, freshUser, openHostPage, portal, type Embedding } from './helpers.js';

type Recorded = { violations: string[] };

/** Installed in every frame, the framed portal's included, before any of its own scripts. */
function recordViolations(): void {
  const recorded: Recorded = { violations: [] };
  (window as unknown as { csp: Recorded }).csp = recorded;
  document.addEventListener('securitypolicyviolation', (event) =>
    recorded.violations.push(`${location.origin}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`),
  );
}

async function violations(page: Page): Promise<string[]> {
  const all: string[] = [];
  for (const frame of page.frames()) all.push(...(await frame.evaluate(() => (window as unknown as { csp?: Recorded }).csp?.violations ?? [])));
  return all;
}

for (const embedding of ['element', 'frame'] as const satisfies Embedding[]) {
  test(`${embedding} mode: connecting, configuring, switching language and disconnecting raise no policy violation`, async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Trusted Type/i.test(message.text())) consoleErrors.push(message.text());
    });
    await page.addInitScript(recordViolations);
    // The framed portal (the demo page mounts one in both modes) starts a worker for the browser's
    // locale data, through its own Trusted Types policy.
    const localeWorker = page.waitForResponse(/\/portal\/locale-data\.worker\.[0-9a-f]{10}\.js$/, { timeout: 10_000 });
    await openHostPage(page, freshUser(`csp-${embedding}`));

    const ui = await portal(page, embedding);
    await connectAccount(ui, 'acme_live_csp', 1);
    await ui.getByRole('textbox', { name: 'Pipeline to sync' }).fill('Renewals');
    await ui.getByRole('textbox', { name: 'Pipeline to sync' }).press('Tab');
    await expect(ui.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();
    await ui.getByRole('switch', { name: 'Sync new contacts' }).check();
    await expect(ui.getByRole('switch', { name: 'Sync new contacts' })).toBeChecked();
    await ui.getByRole('button', { name: 'Disconnect' }).click();
    await ui
      .getByRole('group', { name: /^Disconnect Account 1\?/ })
      .getByRole('button', { name: 'Disconnect' })
      .click();
    await expect(ui.getByText('No account is connected yet.')).toBeVisible();

    // A language loaded on demand: in element mode, a module from the Connect server under the host's policy.
    if (embedding === 'element') {
      await page.locator('#inline-portal').evaluate((element) => element.setAttribute('lang', 'fr'));
      await expect(ui.getByText('Aucun compte n’est encore connecté.')).toBeVisible();
    }

    // Every frame recorded, the framed portal's too (the demo page mounts it in both modes): an
    // empty list means something.
    const recording = await Promise.all(page.frames().map((frame) => frame.evaluate(() => 'csp' in window)));
    expect(recording).toEqual([true, true]);
    expect(await violations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect((await localeWorker).status()).toBe(200);
  });
}
