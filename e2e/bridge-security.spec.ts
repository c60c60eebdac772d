/**
 * The bridge against a hostile page, in real Chromium with real cross-origin frames (security
 * cases 1, 2, 4, 5 and 6 of ../shared/reference/security.md §4, and issue 10's hijack): other
 * origins and other windows are ignored, nothing is posted to `'*'`, a navigated frame receives
 * nothing, reloads and twenty openings leave one live port and no duplicated event, and a
 * connection killed by a script of the host's own origin heals on the next call.
 */
import { chromium, expect, test, type Frame, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { ATTACKER_URL, CONNECT_URL, PROJECT_ID, freshUser, openHostPage, storedState } from './helpers.js';

const WIRE = 'paragon-connect/v1';
const portalFrame = (page: Page) => page.locator('iframe[title="Connect Portal"]');
const crmDialog = (page: Page) => page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog', { name: 'Acme CRM' });
const frameLog = (page: Page) => page.locator('#frame-log li');

/** The Connect Portal's frame of the host page, once it is there. */
async function connectFrame(page: Page): Promise<Frame> {
  await expect(portalFrame(page)).toHaveCount(1);
  const frame = await (await portalFrame(page).elementHandle())!.contentFrame();
  return frame!;
}

async function openAndClose(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect CRM' }).click();
  await expect(crmDialog(page)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(portalFrame(page)).toBeHidden();
}

test('messages from other origins, a null origin and another window of the host are ignored by the bridge and the portal', async ({ page }) => {
  const user = freshUser('attacker');
  const warnings: string[] = [];
  // The attacker opens the host app in a window it holds a handle to (framing the host would not
  // do: frame-ancestors then keeps the portal from loading at all, see the last test).
  await page.goto(`${ATTACKER_URL}/attacker.html`);
  const [host] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((url) => (window as unknown as { openTarget(url: string): boolean }).openTarget(url), `http://127.0.0.1:4500/?user=${user}`),
  ]);
  host.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
  await expect(host.getByRole('button', { name: 'Connect CRM' })).toBeEnabled();
  await connectFrame(host);

  // Case 1: an unregistered origin, at the host page and at the portal frame.
  const forged = { integrationId: '5b1c3f5e-6c0a-4c51-9a43-2f4a9d1c7e01', integrationType: 'crm', credentialId: 'forged-credential' };
  const sent = await page.evaluate((install) => (window as unknown as { attack(install: object): number }).attack(install), forged);
  expect(sent).toBe(14);

  // Case 1 again from a sandboxed frame of the host page (origin "null"), and case 2: a frame of
  // the host's own origin, which is not the portal's parent window.
  for (const name of ['sandboxed', 'same-origin']) {
    await host.evaluate((frameName) => {
      const frame = document.createElement('iframe');
      if (frameName === 'sandboxed') frame.sandbox.add('allow-scripts');
      frame.name = frameName;
      document.body.append(frame);
    }, name);
  }
  const intruders = ['sandboxed', 'same-origin'].map((name) => host.frame({ name })!);
  expect(await intruders[0]!.evaluate(() => origin)).toBe('null');
  expect(await intruders[1]!.evaluate(() => origin)).toBe('http://127.0.0.1:4500');
  for (const intruder of intruders) {
    const answered = await intruder.evaluate(
      ([wire, connectUrl]) =>
        new Promise<boolean>((resolve) => {
          const { port1, port2 } = new MessageChannel();
          port1.onmessage = () => resolve(true);
          const portal = window.parent.frames[0]!;
          portal.postMessage({ w: wire, type: 'connect' }, connectUrl, [port2]);
          portal.postMessage({ w: wire, m: 'open', a: [{ integrationType: 'crm' }] }, '*');
          setTimeout(() => resolve(false), 1000);
        }),
      [WIRE, CONNECT_URL],
    );
    expect(answered).toBe(false);
  }

  await expect(page.locator('#replies')).toHaveText('0');
  await expect(host.locator('#frame-log li')).toHaveCount(0);
  await expect(host.locator('#element-log li')).toHaveCount(0);
  await expect(portalFrame(host)).toBeHidden();
  expect((await storedState(user)).integrations.crm!.allCredentials).toEqual([]);
  // One origin_rejected line per origin, from the portal frame.
  expect(warnings.filter((line) => line.includes('origin_rejected'))).toEqual([
    `[paragon] origin_rejected: ignored a message from ${ATTACKER_URL}, which is not among this project's allowedOrigins.`,
    "[paragon] origin_rejected: ignored a message from null, which is not among this project's allowedOrigins.",
  ]);

  // The bridge was live all along: the real button still opens the real portal.
  await host.getByRole('button', { name: 'Connect CRM' }).click();
  await expect(crmDialog(host)).toBeVisible();
  await expect(host.locator('#frame-log li')).toHaveText(['onOpen integration=crm']);
});

test("nothing is posted to '*' in a whole session of connecting and disconnecting an account", async ({ page, context }) => {
  // Every window of the session records the target origin of each postMessage it makes: on
  // itself, and on the other windows it reaches (its frames, its opener).
  await context.addInitScript(() => {
    const targets: string[] = [];
    (window as unknown as { postedTo: string[] }).postedTo = targets;
    const record = (target: string | WindowPostMessageOptions | undefined) =>
      targets.push(typeof target === 'string' ? target : (target?.targetOrigin ?? '/'));
    const watched = (other: Window | null) =>
      other &&
      (new Proxy(other, {
        get: (windowProxy, name) =>
          name === 'postMessage'
            ? (message: unknown, target: string, transfer?: Transferable[]) => (record(target), windowProxy.postMessage(message, target, transfer))
            : (Reflect.get(windowProxy, name) as unknown),
      }) as Window);
    const post = window.postMessage.bind(window);
    window.postMessage = ((message: unknown, target: string, transfer?: Transferable[]) => (
      record(target),
      post(message, target, transfer)
    )) as typeof window.postMessage;
    const contentWindow = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;
    Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
      get(this: HTMLIFrameElement) {
        return watched(contentWindow.get!.call(this) as Window | null);
      },
    });
    // (`parent` stays as it is: the portal compares it with a message's source.)
    const opener = window.opener as Window | null;
    Object.defineProperty(window, 'opener', { get: () => watched(opener) });
  });
  const user = freshUser('no-star');
  await openHostPage(page, user);
  await page.getByRole('button', { name: 'Connect CRM' }).click();
  const dialog = crmDialog(page);
  await dialog.getByRole('button', { name: 'Connect an account' }).click();
  await dialog.getByLabel('API key').fill('acme_live_no_star');
  await dialog.getByRole('button', { name: 'Connect account' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await dialog.getByRole('button', { name: 'Disconnect', exact: true }).last().click();
  await expect(dialog.getByText('No account is connected yet.')).toBeVisible();
  await page.keyboard.press('Escape');
  expect((await storedState(user)).integrations.crm!.allCredentials).toEqual([]);

  const postedTo: string[] = [];
  for (const frame of page.frames()) postedTo.push(...(await frame.evaluate(() => (window as unknown as { postedTo: string[] }).postedTo)));
  // The handshake, addressed to the Connect origin; never '*'.
  expect(postedTo.length).toBeGreaterThan(0);
  expect([...new Set(postedTo)]).toEqual([CONNECT_URL]);
});

test('a portal frame navigated to another origin receives nothing, and the bridge says why', async () => {
  test.setTimeout(60_000);
  // A host page without a policy of its own (many have none), so that nothing but the bridge's
  // own addressing keeps its messages from the frame. The page is served through a route, which
  // Chromium counts as a public page: its Local Network Access checks would then refuse it the
  // loopback Connect server, so this browser runs without them.
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'] });
  try {
    const page = await browser.newPage({ baseURL: 'http://127.0.0.1:4500' });
    await page.route('http://127.0.0.1:4500/?*', async (route) => {
      const response = await route.fetch();
      const { 'content-security-policy': _policy, ...headers } = response.headers();
      await route.fulfill({ response, headers });
    });
    await openHostPage(page, freshUser('navigated'));
    await openAndClose(page);
    // The bridge pairs again after the navigation, with a handshake addressed to the Connect
    // origin: the browser drops it, and the attacker counts no message at all.
    await portalFrame(page).evaluate((frame: HTMLIFrameElement, url) => (frame.src = url), `${ATTACKER_URL}/attacker.html`);
    await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(ATTACKER_URL))).toBe(true);
    await page.getByRole('button', { name: 'Connect CRM' }).click();
    await expect(frameLog(page).last()).toHaveText(
      `error not_connected: The Connect Portal at ${CONNECT_URL} did not answer; is this page's origin in the project's allowedOrigins?`,
      { timeout: 25_000 },
    );
    const attacker = page.frames().find((frame) => frame.url().startsWith(ATTACKER_URL))!;
    await expect(attacker.locator('#replies')).toHaveText('0');
    await expect(portalFrame(page)).toBeHidden();
  } finally {
    await browser.close();
  }
});

test('a reloaded portal frame and twenty openings leave one live port, every event once, and no listener behind', async ({ page, context }) => {
  test.setTimeout(90_000);
  // The host page counts its message channels, the ports it closes and its window listeners.
  await context.addInitScript(() => {
    const counts = { channels: 0, closed: 0, listeners: 0 };
    (window as unknown as { counts: typeof counts }).counts = counts;
    const Channel = window.MessageChannel;
    window.MessageChannel = class extends Channel {
      constructor() {
        super();
        counts.channels += 1;
      }
    };
    const { close } = MessagePort.prototype as { close: (this: MessagePort) => void };
    MessagePort.prototype.close = function (this: MessagePort) {
      counts.closed += 1;
      close.call(this);
    };
    const add = window.addEventListener.bind(window);
    const remove = window.removeEventListener.bind(window);
    window.addEventListener = ((...args: Parameters<typeof add>) => ((counts.listeners += 1), add(...args))) as typeof add;
    window.removeEventListener = ((...args: Parameters<typeof remove>) => ((counts.listeners -= 1), remove(...args))) as typeof remove;
  });
  await openHostPage(page, freshUser('reload'));
  await openAndClose(page);
  const counts = () =>
    page.evaluate(() => ({ ...(window as unknown as { counts: { channels: number; closed: number; listeners: number } }).counts }));
  const baseline = await counts();

  // The frame reloads mid-session: the bridge pairs again on a new port and closes the old one.
  await portalFrame(page).evaluate((frame: HTMLIFrameElement) => frame.setAttribute('src', frame.src));
  await expect.poll(async () => (await counts()).channels).toBe(baseline.channels + 1);
  for (let round = 0; round < 20; round += 1) await openAndClose(page);

  const after = await counts();
  expect(after.channels - after.closed).toBe(baseline.channels - baseline.closed);
  expect(after.listeners).toBe(baseline.listeners);
  const log = await frameLog(page).allInnerTexts();
  expect(log.filter((line) => line.startsWith('onOpen'))).toHaveLength(21);
  expect(log.filter((line) => line.startsWith('onClose'))).toHaveLength(21);
  expect(log).toEqual(Array.from({ length: 21 }, () => ['onOpen integration=crm', 'onClose integration=crm']).flat());
});

test("a script of the host's own origin that kills or hijacks the connection leaves the page usable: the next connect() heals it", async ({
  page,
}) => {
  await openHostPage(page, freshUser('hijack'));
  await openAndClose(page);
  // penpal's DESTROY, which used to kill the connection silently, then a takeover of the portal's
  // port: both from the host's own window, which the frame has to trust.
  await portalFrame(page).evaluate(
    (frame: HTMLIFrameElement, [wire, connectUrl]) => {
      frame.contentWindow!.postMessage({ namespace: 'penpal', channel: wire, type: 'DESTROY' }, '*');
      frame.contentWindow!.postMessage({ w: wire, type: 'connect' }, connectUrl, [new MessageChannel().port2]);
    },
    [WIRE, CONNECT_URL],
  );
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Connect CRM' }).click();
  // The frame stays hidden while the portal does not answer, so the page is never covered by it...
  await page.waitForTimeout(1000);
  await expect(portalFrame(page)).toBeHidden();
  await expect(page.getByRole('button', { name: 'Connect CRM' })).toBeEnabled();
  // ...and the bridge pairs again and opens it.
  await expect(crmDialog(page)).toBeVisible({ timeout: 10_000 });
  const healedAfter = Date.now() - clicked;
  expect(healedAfter).toBeLessThan(8000);
  await page.keyboard.press('Escape');
  await expect(frameLog(page)).toHaveText(['onOpen integration=crm', 'onClose integration=crm', 'onOpen integration=crm', 'onClose integration=crm']);
});

test('the portal and the OAuth pages refuse to be framed by an origin the project does not allow', async ({ page }) => {
  for (const framed of [`${CONNECT_URL}/portal/frame?projectId=${PROJECT_ID}`, `${CONNECT_URL}/oauth/callback?state=x&code=y`]) {
    const blocked = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
    await page.goto(`${ATTACKER_URL}/attacker.html?frame=${encodeURIComponent(framed)}`);
    await blocked;
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame())!;
    expect(frame.url()).not.toContain(CONNECT_URL);
    await expect(page.frameLocator('#target').locator('paragon-connect-portal, main')).toHaveCount(0);
  }
  const response = await fetch(`${CONNECT_URL}/portal/frame?projectId=${PROJECT_ID}`);
  // Exactly the demo project's origins: its host page, and the host apps of e2e/hosts/.
  expect(response.headers.get('content-security-policy')).toContain('frame-ancestors http://127.0.0.1:4500 http://127.0.0.1:4510;');
});
