import { readFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import type { MeResponse } from '../protocol/src/rest.js';

export const CONNECT_URL = 'http://127.0.0.1:4400';
export const PROJECT_ID = 'demo-project';
export const ATTACKER_URL = 'http://127.0.0.1:4600';

/** A user name no other test uses, so each test starts with no accounts. */
export const freshUser = (label: string) => `e2e-${label}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

export type Embedding = 'element' | 'frame';

/** Opens the demo host page as `user` and waits until both bridges are connected. */
export async function openHostPage(page: Page, user: string): Promise<void> {
  await page.goto(`/?user=${encodeURIComponent(user)}`);
  await expect(page.getByRole('button', { name: 'Connect CRM' })).toBeEnabled();
}

/** The portal's UI in one embedding; in frame mode, opens the modal first. */
export async function portal(page: Page, embedding: Embedding): Promise<Locator> {
  if (embedding === 'element') return page.locator('#inline-portal');
  await page.getByRole('button', { name: 'Connect CRM' }).click();
  const frame = page.frameLocator('iframe[title="Connect Portal"]');
  const dialog = frame.getByRole('dialog', { name: 'Acme CRM' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Connects an API-key account through the portal's own steps, as a user would. */
export async function connectAccount(ui: Locator, apiKey: string, expectedCount: number): Promise<void> {
  await ui.getByRole('button', { name: /^Connect (an|another) account$/ }).click();
  await ui.getByLabel('API key').fill(apiKey);
  await ui.getByRole('button', { name: 'Connect account' }).click();
  await expect(ui.getByRole('heading', { name: 'Acme CRM is connected.' })).toBeVisible();
  await ui.getByRole('button', { name: 'Done' }).click();
  await expect(ui.getByRole('radio')).toHaveCount(expectedCount);
}

export function logOf(page: Page, embedding: Embedding): Locator {
  return page.locator(embedding === 'element' ? '#element-log li' : '#frame-log li');
}

/** Signs a user token with the demo host app's key, as its backend does; `exp` may be in the past. */
export async function signDemoToken(sub: string, { expiresIn = 3600 } = {}): Promise<string> {
  const key = createPrivateKey(readFileSync('data/demo-user-token.private.pem', 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: 'demo-1' })
    .setSubject(sub)
    .setIssuedAt(now - 7200)
    .setExpirationTime(now + expiresIn)
    .sign(key);
}

/** What the Connect server has stored for a user, read over its API. */
export async function storedState(sub: string): Promise<MeResponse> {
  const response = await fetch(`${CONNECT_URL}/projects/${PROJECT_ID}/sdk/me`, {
    headers: { authorization: `Bearer ${await signDemoToken(sub)}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as MeResponse;
}

/** Signs `login` in at the sandbox provider in the pop-up window, and consents (or not). */
export async function signInAtSandbox(popup: Page, login: string, decision: 'Allow' | 'Deny' = 'Allow'): Promise<void> {
  await popup.getByLabel('Username').fill(login);
  await popup.getByLabel('Password').fill('sandbox');
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByRole('button', { name: decision }).click();
}

export const SANDBOX_ORIGIN = 'http://127.0.0.1:4300';

/** Opens the portal on an integration, in either embedding; answers the portal's UI. */
export async function openIntegration(page: Page, embedding: Embedding, type: string, name: string): Promise<Locator> {
  if (embedding === 'element') {
    const element = page.locator('#inline-portal');
    await element.evaluate((portal, integration) => portal.setAttribute('integration', integration), type);
    await expect(element.getByRole('heading', { name, level: 2 })).toBeVisible();
    return element;
  }
  const frame = page.frameLocator('iframe[title="Connect Portal"]');
  const button = page.getByRole('button', { name: `Connect ${name}` });
  if (await button.count()) {
    await button.click();
  } else {
    // No button of its own on the host page: through the catalog.
    await page.getByRole('button', { name: 'All integrations', exact: true }).click();
    await frame
      .getByRole('dialog', { name: 'Integrations' })
      .getByRole('button', { name: new RegExp(`^${name}`) })
      .click();
  }
  const dialog = frame.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Clicks the portal's sign-in button and completes the sign-in in the window it opens. */
export async function connectWithSandbox(page: Page, ui: Locator, login: string, integration = 'Sandbox CRM'): Promise<void> {
  const popup = page.waitForEvent('popup');
  await ui.getByRole('button', { name: `Sign in with ${integration}` }).click();
  await signInAtSandbox(await popup, login);
  await expect(ui.getByRole('heading', { name: `${integration} is connected.` })).toBeVisible();
  await ui.getByRole('button', { name: 'Done' }).click();
}

/** A fresh user who connected Alice's, then Bob's sandbox account in the element; Bob's is selected. */
export async function withAliceAndBob(page: Page, label: string): Promise<{ user: string; ui: Locator }> {
  const user = freshUser(label);
  await openHostPage(page, user);
  const ui = await openIntegration(page, 'element', 'sandbox', 'Sandbox CRM');
  await ui.getByRole('button', { name: 'Connect an account' }).click();
  await connectWithSandbox(page, ui, 'alice');
  await ui.getByRole('button', { name: 'Connect another account' }).click();
  await connectWithSandbox(page, ui, 'bob');
  return { user, ui };
}
