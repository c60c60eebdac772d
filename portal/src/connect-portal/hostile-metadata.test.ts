/**
 * Security case 21: a project whose integration metadata is an attack (scripts/hostile-metadata.ts),
 * served by the real Connect server and rendered by the real portal. Whatever the metadata says,
 * no script runs, nothing is fetched from another server, every text shows as the text it is,
 * and the longest texts the config allows stay inside the portal.
 */
import { expect } from '@open-wc/testing';
import '../define.js';
import { HOSTILE, HOSTILE_PROJECT_ID, spaced, unbroken } from '../../../scripts/hostile-metadata.js';
import { iconSource } from '../integration-icon/integration-icon.js';
import { api, CONNECT_URL } from '../test/connect-server.js';
import { all, click, control, find, renderPortal, settle } from '../test/portal-fixture.js';
import type { ConnectPortal } from './connect-portal.js';

/** What a hostile integration of each kind shows (see `hostileIntegration`). */
const KINDS = { unbroken, spaced } as const;
type Kind = keyof typeof KINDS;

/** Every `alert`, `confirm` and `prompt` called while the tests ran. */
const dialogs: string[] = [];
/** Every URL the page fetched a resource from, as the browser reports it. */
const fetched: string[] = [];
const resourceObserver = new PerformanceObserver((list) => fetched.push(...list.getEntries().map((entry) => entry.name)));
const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };

before(() => {
  window.alert = (message?: unknown) => void dialogs.push(`alert(${String(message)})`);
  window.confirm = (message?: string) => (dialogs.push(`confirm(${message})`), false);
  window.prompt = (message?: string) => (dialogs.push(`prompt(${message})`), null);
  resourceObserver.observe({ type: 'resource', buffered: true });
});

after(() => {
  Object.assign(window, originals);
  resourceObserver.disconnect();
});

/** The portal signed in to the hostile project, showing `integration` (the catalog when empty). */
async function renderHostile(integration: string, { display = 'inline' as 'inline' | 'modal', withAccount = false } = {}) {
  const rendered = await renderPortal({ projectId: HOSTILE_PROJECT_ID, integration: '', display });
  const { el, session } = rendered;
  if (withAccount && integration) {
    await api(session, 'POST', '/credentials', { integrationId: integration, payload: { API_KEY: 'key' } });
    await el.runtime.reload();
  }
  if (display === 'modal') await el.open({ integrationType: integration });
  else el.integration = integration;
  await settle(el);
  return rendered;
}

/**
 * Checks that nothing in the metadata turned into markup or a request: no element that runs
 * script, no image from anywhere but the Connect server, no dialog, no fetch from another host.
 */
async function expectNothingRan(el: ConnectPortal) {
  const images = all<HTMLImageElement>(el, 'img');
  // A resource entry is reported once its load ends: wait for the images, but not for a host
  // that never answers.
  const loaded = Promise.all(images.map((image) => image.decode().catch(() => undefined)));
  await Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 1000))]);
  expect(all(el, 'script, iframe, object, embed'), 'elements that run script').to.deep.equal([]);
  const handlers = all(el, '*').filter((element) => element.getAttributeNames().some((name) => name.startsWith('on')));
  expect(
    handlers.map((element) => element.outerHTML.slice(0, 80)),
    'inline event handlers',
  ).to.deep.equal([]);
  expect(
    images.map((image) => image.src).filter((src) => new URL(src).origin !== CONNECT_URL),
    'images from another origin than the Connect server',
  ).to.deep.equal([]);
  const seen = new Set([...fetched, ...performance.getEntriesByType('resource').map((entry) => entry.name)]);
  expect(
    [...seen].filter((url) => url.includes('evil.test')),
    'requests to evil.test',
  ).to.deep.equal([]);
  expect(dialogs, 'dialogs opened').to.deep.equal([]);
}

/**
 * Checks that the portal's content stays inside its box: no element reaches past the panel's
 * sides (inside a scrolling box, the box counts), and the page does not scroll sideways.
 */
function expectContained(el: ConnectPortal) {
  const panel = find(el, '.panel')!.getBoundingClientRect();
  const sticking = all(el, '*')
    .filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.right > panel.right + 0.5 || box.left < panel.left - 0.5);
    })
    .map((element) => `${element.localName}.${element.className}: ${Math.round(element.getBoundingClientRect().width)}px wide`);
  expect(sticking, `elements wider than the ${Math.round(panel.width)}px panel`).to.deep.equal([]);
  expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(window.innerWidth);
}

/** The height of a line of `element`'s text, in pixels. */
function lineHeight(element: Element): number {
  const { lineHeight, fontSize } = getComputedStyle(element);
  // `normal` is about 1.2 times the font size; allow a little more.
  return lineHeight === 'normal' ? 1.3 * parseFloat(fontSize) : parseFloat(lineHeight);
}

describe('hostile integration metadata (security case 21)', () => {
  it('lists hostile integrations as text, clamps their descriptions, and loads only the Connect server’s icon', async () => {
    const { el } = await renderHostile('');
    const rows = all(el, 'button.integration');
    const rowOf = (kind: Kind) =>
      rows.find((row) => row.querySelector('.integration__description')!.textContent === KINDS[kind](HOSTILE.script, 300));
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const row = rowOf(kind);
      expect(Boolean(row), `the ${kind} integration's row`).to.equal(true);
      expect(row!.querySelector('.integration__name')!.textContent).to.equal(HOSTILE.name);
      // Two lines at most: the rest is cut by the line clamp, not pushed into the layout.
      const description = row!.querySelector<HTMLElement>('.integration__description')!;
      expect(description.scrollHeight, `${kind}: the description is cut`).to.be.greaterThan(description.clientHeight);
      expect(description.clientHeight, `${kind}: two lines`).to.be.at.most(2 * lineHeight(description));
    }
    // The icon on evil.test is not shown, its initial is; the path icon loads from the Connect server.
    // (Sources, not elements: a failed assertion on an element is too big for the runner to report.)
    expect(rowOf('unbroken')!.querySelector('img')?.src).to.equal(undefined);
    expect(rowOf('unbroken')!.querySelector('.icon--letter')!.textContent).to.equal('<');
    expect(rowOf('spaced')!.querySelector('img')?.src).to.equal(`${CONNECT_URL}${HOSTILE.ownIcon}`);
    await expectNothingRan(el);
    expectContained(el);
    await expect(el).to.be.accessible();
  });

  it('takes an icon from the Connect server only, however the URL is spelled', () => {
    const own = ['/portal/icon.svg', `${CONNECT_URL}/portal/icon.svg`];
    expect(own.map((icon) => iconSource(icon, CONNECT_URL))).to.deep.equal([`${CONNECT_URL}/portal/icon.svg`, `${CONNECT_URL}/portal/icon.svg`]);
    const foreign = [
      HOSTILE.foreignIcon,
      '//evil.test/logo.png',
      '/\\evil.test/logo.png',
      `${CONNECT_URL}.evil.test/logo.png`,
      `${CONNECT_URL}@evil.test/logo.png`,
      'javascript:alert(1)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      '',
    ];
    expect(foreign.map((icon) => iconSource(icon, CONNECT_URL))).to.deep.equal(foreign.map(() => undefined));
    expect(iconSource('/portal/icon.svg', undefined), 'before a session').to.equal(undefined);
  });

  for (const kind of Object.keys(KINDS) as Kind[]) {
    const text = KINDS[kind];

    it(`shows a ${kind} integration's texts literally, with only its https documentation link`, async () => {
      const { el } = await renderHostile(kind, { withAccount: true });
      expect(find(el, 'h2')!.textContent).to.equal(HOSTILE.name);
      expect(find(el, 'paragon-integration-view .description')!.textContent).to.equal(text(HOSTILE.script, 300));
      const field = find(el, 'paragon-text-field')!.shadowRoot!;
      expect(field.querySelector('.label')!.textContent).to.contain(text(HOSTILE.name, 200));
      expect(control(el, text(HOSTILE.name, 200))!.placeholder).to.equal(text(HOSTILE.name, 200));
      expect(field.querySelector('#hint')!.textContent).to.equal(text(HOSTILE.script, 1000));
      expect(field.querySelector('.tooltip p')!.textContent).to.equal(text(HOSTILE.script, 2000));
      const links = all<HTMLAnchorElement>(el, 'a');
      expect(links.map((link) => [link.getAttribute('href'), link.rel, link.textContent])).to.deep.equal([
        [HOSTILE.docs, 'noopener noreferrer', text(HOSTILE.script, 200)],
      ]);
      expect(find(el, 'paragon-permission-field .description')!.textContent).to.equal(text(HOSTILE.script, 1000));
      expect(find(el, '.workflow__name')!.textContent).to.equal(text(HOSTILE.name, 200));
      expect(find(el, '.workflow__info')!.textContent).to.equal(text(HOSTILE.script, 1000));
      await expectNothingRan(el);
      await expect(el).to.be.accessible();
    });

    it(`keeps a ${kind} integration's longest texts inside a modal as wide as a plain integration's`, async () => {
      const plain = await renderHostile('plain', { display: 'modal', withAccount: true });
      const plainWidth = find(plain.el, 'dialog')!.getBoundingClientRect().width;
      plain.el.close();

      const { el } = await renderHostile(kind, { display: 'modal', withAccount: true });
      // Every disclosure open, so that the tooltip and the workflow's settings are laid out too.
      for (const details of all<HTMLDetailsElement>(el, 'details')) details.open = true;
      // A workflow's settings are made on its disclosure's `toggle`, which fires in a later task.
      await new Promise((resolve) => setTimeout(resolve));
      await settle(el);
      expect(find(el, 'dialog')!.getBoundingClientRect().width).to.equal(plainWidth);
      expectContained(el);
      // The description is cut at six lines rather than taking the whole dialog.
      const description = find(el, 'paragon-integration-view .description')!;
      expect(description.clientHeight).to.be.at.most(6 * lineHeight(description));
      // 300 characters without a space need more than six lines of a 40rem dialog.
      if (kind === 'unbroken') expect(description.scrollHeight).to.be.greaterThan(description.clientHeight);

      // Connecting another account shows the instructions (10,000 characters) and the key's input.
      await click(el, 'button.connect');
      expect(find(el, 'paragon-install-flow .instructions')!.textContent).to.equal(text(HOSTILE.script, 10_000));
      expect(find(el, 'dialog')!.getBoundingClientRect().width).to.equal(plainWidth);
      expectContained(el);
      await expectNothingRan(el);
      await expect(el).to.be.accessible();
    });
  }
});
