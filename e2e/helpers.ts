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
