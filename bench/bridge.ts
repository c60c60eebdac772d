/**
 * `node --import tsx bench/bridge.ts`: the host bridge, as a host page meets it. The built
 * script-tag bridge (`dist/host-bridge/paragon.iife.js`) on a page of the host origin
 * (127.0.0.1:4500) and the framed portal of a real Connect server (127.0.0.1:4400, SQLite in a
 * temporary folder), in Debian's Chromium driven by Playwright. It prints:
 *
 * - the bridge's size, min+gzip, as a script and as a module;
 * - an RPC round trip (`paragon.setAppearance()`: one `configure` call into the framed portal and
 *   its answer, arguments validated there) beside a raw `postMessage` round trip to the same frame
 *   in the same page, both over `window.postMessage` and over a `MessagePort` (the transport the
 *   bridge uses), as medians and p99s, and their ratio; budget p50 ≤ 0.5 ms;
 * - `paragon.connect()` to an interactive portal in frame mode: cold (from a `<head>` script's
 *   `authenticate`, then `connect` once it settles: the frame, its bundle, the handshake and
 *   the session load all happen in between) and with the frame preloaded (after `authenticate` settled);
 *   budgets 150 ms and 30 ms. Interactive is the first frame the host page paints after the
 *   iframe is shown, which the bridge does once the portal answered `open` with its dialog drawn;
 *   each round then checks that the dialog's "Connect an account" button is really there;
 * - the same cold open in element mode: the page adds the portal's script tag and the ES-module
 *   bridge pairs with the element, so the portal's bundle loads within the timed span, as on a
 *   page that loads it when it is first needed; interactive is the first paint after the
 *   element's dialog opened and rendered;
 * - the floor under a cold open, in a fresh page of the same origin: one `GET /sdk/me` to the
 *   Connect server (CORS and all) and the next paint. Nothing can open faster than that.
 *
 * Figures, not verdicts: it never fails on a budget (the machine is noisy; compare the ratios).
 * Environment: BENCH_ROUNDS (RPC round trips, default 2,000), BENCH_OPENS (connect rounds, 20),
 * BENCH_DEBUG (print the pages' console and errors).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { chromium, type Frame, type Page } from 'playwright';
import { startConnectServer } from '../server/src/main.js';
import { buildAll, BUDGETS, gzipSize } from '../scripts/build.js';
import { emitRow } from './table.js';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { ensureDemoKeys, ensureSandboxClientSecret, signDemoUserToken } from '../demo/keys.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);
const OPENS = Number(process.env.BENCH_OPENS ?? 20);
/** Round trips per timed batch (see `timeBatches` in the page). */
const BATCH = 10;
// The demo config's allowed origin: inside e2e's fixed range, so bench/run.ts holds e2e's lock while this runs.
const CONNECT_PORT = 4400;
const HOST_PORT = 4500;
const CONNECT_URL = `http://127.0.0.1:${CONNECT_PORT}`;
const PROJECT_ID = 'demo-project';
const BRIDGE_FILE = 'dist/host-bridge/paragon.iife.js';

/**
 * The host page's script. `window.bench` holds what Playwright calls; `shownAt` watches the
 * bridge's iframe for the CSSOM write that shows it, then waits for the next paint.
 */
const PAGE_SCRIPT = `
const CONNECT_URL = ${JSON.stringify(CONNECT_URL)};
const PROJECT_ID = ${JSON.stringify(PROJECT_ID)};
const token = new URLSearchParams(location.search).get('token');
const cold = new URLSearchParams(location.search).has('cold');
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const iframe = () => document.querySelector('iframe[title="Connect Portal"]');
const BATCH = ${BATCH};

/**
 * A page without cross-origin isolation reads performance.now() to 0.1 ms: each figure is the
 * mean of one batch of BATCH sequential round trips, so it resolves 0.01 ms.
 */
async function timeBatches(batches, roundTrip) {
  const times = [];
  for (let b = 0; b < batches; b += 1) {
    const start = performance.now();
    for (let i = 0; i < BATCH; i += 1) await roundTrip();
    times.push((performance.now() - start) / BATCH);
  }
  return times;
}

/** Resolves with the time the portal's iframe is shown and the next frame painted. */
function shownAt() {
  return new Promise((resolve) => {
    const check = () => {
      const frame = iframe();
      if (!frame || frame.style.display !== 'block') return false;
      observer.disconnect();
      nextPaint().then(() => resolve(performance.now()));
      return true;
    };
    const observer = new MutationObserver(check);
    observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
    check();
  });
}

async function open() {
  const start = performance.now();
  const shown = shownAt();
  void paragon.connect('crm');
  return (await shown) - start;
}

paragon.configureGlobal({ host: CONNECT_URL });
window.bench = {
  open,
  close: () => paragon.closePortal(),
  authenticate: () => paragon.authenticate(PROJECT_ID, token),
  /**
   * Batches of RPC calls and of raw echoes to the portal's frame (over window.postMessage and
   * over a port), interleaved so that the machine's noise falls on all three alike.
   */
  async roundTrips(batches) {
    const target = iframe().contentWindow;
    const { port1, port2 } = new MessageChannel();
    target.postMessage({ benchPort: true }, CONNECT_URL, [port2]);
    let sent = 0;
    const kinds = {
      rpc: () => paragon.setAppearance({ theme: 'light' }),
      window: () => new Promise((resolve) => {
        const i = (sent += 1);
        const onMessage = (event) => {
          if (event.source !== target || event.data?.benchEcho !== i) return;
          window.removeEventListener('message', onMessage);
          resolve();
        };
        window.addEventListener('message', onMessage);
        target.postMessage({ benchEcho: i }, CONNECT_URL);
      }),
      port: () => new Promise((resolve) => {
        port1.onmessage = resolve;
        port1.postMessage({ benchEcho: (sent += 1) });
      }),
    };
    const times = { rpc: [], window: [], port: [] };
    for (let b = 0; b < batches; b += 1) {
      for (const [kind, roundTrip] of Object.entries(kinds)) times[kind].push(...(await timeBatches(1, roundTrip)));
    }
    port1.close();
    return times;
  },
};
// Cold: nothing is loaded before the host asks; the portal must be usable as soon as it can.
if (cold) {
  const start = performance.now();
  const since = () => performance.now() - start;
  const shown = shownAt();
  const phases = {};
  paragon.authenticate(PROJECT_ID, token).then(() => {
    phases.authenticated = since();
    void paragon.connect('crm');
  });
  iframe().addEventListener('load', () => (phases.frameLoaded = since()), { once: true });
  window.coldOpen = shown.then(() => ({ ...phases, interactive: since() }));
}
`;

/**
 * The element-mode page (a module): from its first line, adds the portal's script tag, creates the
 * element and pairs a bridge with it, authenticates, connects, and resolves `window.coldOpen`
 * once the element's dialog is open and painted.
 */
const ELEMENT_SCRIPT = `
import { createParagon } from '/bridge/paragon.js';
import { elementEmbedding } from '/bridge/element.js';
const start = performance.now();
const since = () => performance.now() - start;
const token = new URLSearchParams(location.search).get('token');
const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const script = Object.assign(document.createElement('script'), { src: ${JSON.stringify(`${CONNECT_URL}/portal/paragon-connect-portal.iife.js`)} });
const phases = {};
script.addEventListener('load', () => (phases.scriptLoaded = since()), { once: true });
document.head.append(script);
const element = document.createElement('paragon-connect-portal');
element.setAttribute('display', 'modal');
document.body.append(element);
const paragon = createParagon({ connectUrl: ${JSON.stringify(CONNECT_URL)}, embedding: elementEmbedding(element) });
window.coldOpen = (async () => {
  await paragon.authenticate(${JSON.stringify(PROJECT_ID)}, token);
  phases.authenticated = since();
  void paragon.connect('crm');
  while (!element.shadowRoot?.querySelector('dialog[open]')) await new Promise(requestAnimationFrame);
  await element.updateComplete;
  await nextPaint();
  return { ...phases, interactive: since() };
})();
`;

/** The floor: one authenticated GET /sdk/me from the host origin, its body read, then a paint. */
const FLOOR_SCRIPT = `
const start = performance.now();
const token = new URLSearchParams(location.search).get('token');
window.coldOpen = fetch(${JSON.stringify(`${CONNECT_URL}/projects/${PROJECT_ID}/sdk/me`)}, { headers: { authorization: 'Bearer ' + token } })
  .then((response) => response.text())
  .then(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
  .then(() => ({ interactive: performance.now() - start }));
`;

const PAGE_CSP = `default-src 'none'; script-src 'self' ${CONNECT_URL}; frame-src ${CONNECT_URL}; connect-src ${CONNECT_URL}; img-src ${CONNECT_URL}`;

/** Answers on the echo the raw round trips go to, installed in the portal's frame. */
const installEcho = (frame: Frame) =>
  frame.evaluate(() => {
    addEventListener('message', (event: MessageEvent<{ benchEcho?: number; benchPort?: boolean }>) => {
      if (typeof event.data?.benchEcho === 'number') (event.source as Window).postMessage(event.data, event.origin);
      const [port] = event.ports;
      if (event.data?.benchPort && port) port.onmessage = (message) => port.postMessage(message.data);
    });
  });

/** Whether the framed portal's dialog is open and offers "Connect an account". */
const portalIsInteractive = (page: Page) =>
  page.frameLocator('iframe[title="Connect Portal"]').getByRole('button', { name: 'Connect an account' }).isVisible();

async function serveHostPage(): Promise<Server> {
  const page = (title: string, scripts: string) => `<!doctype html><html lang="en"><title>${title}</title>${scripts}<body></body>`;
  const files: Record<string, [string, string | Buffer]> = {
    '/': ['text/html', page('Bridge bench', '<script src="/paragon.js"></script><script src="/bench.js"></script>')],
    '/element': ['text/html', page('Bridge bench, element mode', '<script type="module" src="/element-bench.js"></script>')],
    '/floor': ['text/html', page('Bridge bench, floor', '<script src="/floor.js"></script>')],
    '/paragon.js': ['text/javascript', await readFile(BRIDGE_FILE)],
    '/bridge/paragon.js': ['text/javascript', await readFile('dist/host-bridge/paragon.js')],
    '/bridge/element.js': ['text/javascript', await readFile('dist/host-bridge/element.js')],
    '/bench.js': ['text/javascript', PAGE_SCRIPT],
    '/element-bench.js': ['text/javascript', ELEMENT_SCRIPT],
    '/floor.js': ['text/javascript', FLOOR_SCRIPT],
  };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://x').pathname];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': `${file[0]}; charset=utf-8`, 'Content-Security-Policy': PAGE_CSP }).end(file[1]);
  });
  await new Promise<void>((done) => server.listen(HOST_PORT, '127.0.0.1', done));
  return server;
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(3)} ms`;

async function main(): Promise<void> {
  await buildAll();
  for (const { name, file } of BUDGETS.filter(({ name }) => name.startsWith('host-bridge'))) {
    const { gzip } = await gzipSize(file);
    console.log(`${name}: ${(gzip / 1024).toFixed(2)} KB min+gzip (budget 5 KB)`);
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'bench-bridge-'));
  const privateKey = createPrivateKey(await ensureDemoKeys());
  // The demo config reads it, though no sandbox sign-in happens here: a fresh checkout has none yet.
  await ensureSandboxClientSecret();
  const connect = await startConnectServer({
    configPath: 'demo/connect.config.json',
    dataDir,
    portalDir: resolve('dist/portal'),
    port: CONNECT_PORT,
  });
  const host = await serveHostPage();
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    // A blank tab stays open throughout, as the user's browser window does. When a cold round's
    // page was the browser's only tab, Chromium 156 started its omnibox popup's WebUI renderer
    // again with it: about 700 ms of a core (traced), beside the page being timed.
    const blankTab = await context.newPage();
    let user = 0;
    const pageFor = async (cold: boolean, path = '/') => {
      const page = await context.newPage();
      if (process.env.BENCH_DEBUG) {
        page.on('console', (message) => console.log('console:', message.text()));
        page.on('pageerror', (error) => console.log('pageerror:', error.message));
        page.on('close', () => console.log('page closed'));
      }
      const token = await signDemoUserToken(privateKey, `bench-${Date.now()}-${(user += 1)}`);
      await page.goto(`http://127.0.0.1:${HOST_PORT}${path}?token=${token}${cold ? '&cold' : ''}`);
      return page;
    };
    /** A new page, for a new user, that times its own cold open into `window.coldOpen`. */
    const coldOpen = async <Phases extends { interactive: number }>(path: string, isInteractive: (page: Page) => Promise<boolean>) => {
      const coldPage = await pageFor(true, path);
      const phases = await coldPage.evaluate(() => (window as unknown as { coldOpen: Promise<Phases> }).coldOpen);
      if (!(await isInteractive(coldPage))) throw new Error(`${path}: the portal was shown without its "Connect an account" button.`);
      await coldPage.close();
      return phases;
    };

    // RPC round trips, after one warm-up pass of each.
    const page = await pageFor(false);
    await page.evaluate(() => (window as unknown as { bench: { authenticate(): Promise<void> } }).bench.authenticate());
    const portalFrame = page.frames().find((frame) => frame.url().startsWith(`${CONNECT_URL}/portal/frame`))!;
    await installEcho(portalFrame);
    const roundTrips = (batches: number) =>
      page.evaluate(
        (count) =>
          (window as unknown as { bench: { roundTrips(batches: number): Promise<Record<'rpc' | 'window' | 'port', number[]>> } }).bench.roundTrips(
            count,
          ),
        batches,
      );
    await roundTrips(20);
    const { rpc, window: windowTimes, port: portTimes } = await roundTrips(ROUNDS / BATCH);
    console.log(`\nRound trip, ${ROUNDS} sequential calls, the mean of each batch of ${BATCH} (budget p50 ≤ 0.5 ms):`);
    for (const [name, times] of [
      ['paragon.setAppearance() (RPC)', rpc],
      ['raw window.postMessage echo', windowTimes],
      ['raw MessagePort echo', portTimes],
    ] as const)
      console.log(`  ${name.padEnd(30)} p50 ${ms(quantile(times, 0.5))}  p99 ${ms(quantile(times, 0.99))}`);
    console.log(
      `  RPC / raw port: p50 ×${(quantile(rpc, 0.5) / quantile(portTimes, 0.5)).toFixed(2)}, p99 ×${(quantile(rpc, 0.99) / quantile(portTimes, 0.99)).toFixed(2)}`,
    );
    const rpcRow = { unit: 'ms', median: quantile(rpc, 0.5), p99: quantile(rpc, 0.99), budget: 0.5 };
    emitRow({ figure: 'RPC round trip (setAppearance)', ...rpcRow, baseline: quantile(portTimes, 0.5), baselineName: 'raw MessagePort' });
    emitRow({ figure: 'RPC round trip vs raw postMessage', ...rpcRow, baseline: quantile(windowTimes, 0.5), baselineName: 'raw postMessage' });

    // connect() to interactive, with the frame preloaded: open, check, close, OPENS times.
    const preloaded: number[] = [];
    for (let round = 0; round < OPENS; round += 1) {
      preloaded.push(await page.evaluate(() => (window as unknown as { bench: { open(): Promise<number> } }).bench.open()));
      if (!(await portalIsInteractive(page))) throw new Error('The portal was shown without its "Connect an account" button.');
      await page.evaluate(() => (window as unknown as { bench: { close(): Promise<void> } }).bench.close());
      await page.frameLocator('iframe[title="Connect Portal"]').getByRole('dialog').waitFor({ state: 'hidden' });
    }
    await page.close();

    // Cold: a new page each round, for a new user; the three kinds in turn, so that the machine's noise falls on all alike.
    type ColdPhases = { frameLoaded: number; authenticated: number; interactive: number };
    type ElementPhases = { scriptLoaded: number; authenticated: number; interactive: number };
    const coldRounds: ColdPhases[] = [];
    const elementRounds: ElementPhases[] = [];
    const floorRounds: { interactive: number }[] = [];
    const elementIsInteractive = (elementPage: Page) => elementPage.getByRole('button', { name: 'Connect an account' }).isVisible();
    for (let round = 0; round < OPENS; round += 1) {
      coldRounds.push(await coldOpen<ColdPhases>('/', portalIsInteractive));
      elementRounds.push(await coldOpen<ElementPhases>('/element', elementIsInteractive));
      floorRounds.push(await coldOpen('/floor', async () => true));
    }
    await blankTab.close();
    console.log(`\nparagon.connect() to an interactive portal, frame mode, ${OPENS} rounds each:`);
    console.log(`  preloaded (budget 30 ms)   p50 ${ms(quantile(preloaded, 0.5))}  p99 ${ms(quantile(preloaded, 0.99))}`);
    const cold = (phase: keyof ColdPhases) => coldRounds.map((round) => round[phase]);
    const element = (phase: keyof ElementPhases) => elementRounds.map((round) => round[phase]);
    const floor = floorRounds.map((round) => round.interactive);
    console.log(`  cold (budget 150 ms)       p50 ${ms(quantile(cold('interactive'), 0.5))}  p99 ${ms(quantile(cold('interactive'), 0.99))}`);
    console.log(
      `    of which, p50 from authenticate(): frame loaded ${ms(quantile(cold('frameLoaded'), 0.5))}, authenticated ${ms(quantile(cold('authenticated'), 0.5))}`,
    );
    console.log(`  element mode, cold         p50 ${ms(quantile(element('interactive'), 0.5))}  p99 ${ms(quantile(element('interactive'), 0.99))}`);
    console.log(
      `    of which, p50: portal script loaded ${ms(quantile(element('scriptLoaded'), 0.5))}, authenticated ${ms(quantile(element('authenticated'), 0.5))}`,
    );
    console.log(`  floor: GET /sdk/me + a paint p50 ${ms(quantile(floor, 0.5))}  p99 ${ms(quantile(floor, 0.99))}`);
    emitRow({
      figure: 'portal open, frame mode, warm (preloaded)',
      unit: 'ms',
      median: quantile(preloaded, 0.5),
      p99: quantile(preloaded, 0.99),
      budget: 30,
    });
    const coldRow = (figure: string, times: number[]) =>
      emitRow({
        figure,
        unit: 'ms',
        median: quantile(times, 0.5),
        p99: quantile(times, 0.99),
        budget: 150,
        baseline: quantile(floor, 0.5),
        baselineName: 'floor: GET /sdk/me + a paint',
      });
    coldRow('portal open, frame mode, cold', cold('interactive'));
    coldRow('portal open, element mode, cold (script tag loaded on demand)', element('interactive'));
    emitRow({ figure: 'portal open floor: GET /sdk/me + a paint, cold page', unit: 'ms', median: quantile(floor, 0.5), p99: quantile(floor, 0.99) });
  } finally {
    await browser.close();
    host.close();
    await connect.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
