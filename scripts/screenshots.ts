/**
 * `node --import tsx scripts/screenshots.ts`: writes the README's screenshots of the portal to
 * docs/screenshots/, each view in the light and the dark theme. It starts what it needs in this
 * process: a Connect server with the demo project (a copy of demo/connect.config.json whose
 * allowed origin is this script's page, a fresh key pair and SQLite store in a temporary folder),
 * and a host page that loads the built portal and host bridge (dist/; built first when missing)
 * and pairs them in element mode, as a host app does. The signed-in user has two Acme CRM
 * accounts, with a setting changed and workflows on. Chromium (Playwright) opens the portal on
 * each view at 900×700 (the integration view whole, at 900×960; one shot at 360 px wide), waits
 * until it shows what the file's name says, and fails if it shows a loading state or an error
 * instead, or if a PNG is over 150 KB.
 *
 * Ports: the first free ones from 9150 (9100–9199 is this checkout's range).
 */
import { generateKeyPairSync } from 'node:crypto';
import { access, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright';
import { CREDENTIAL_HEADER, type ConnectCredential } from '../protocol/src/rest.js';
import { buildConnectServer } from '../server/src/app.js';
import { listenInRange, listenOnFreePort } from './free-port.js';
import { loadConfig } from '../server/src/config/load.js';
import { openSecretBox } from '../server/src/secrets/keys.js';
import { openStore } from '../server/src/store/database.js';
import { buildAll } from './build.js';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { signDemoUserToken } from '../demo/keys.js';

const OUT_DIR = 'docs/screenshots';
const DEMO_CONFIG = 'demo/connect.config.json';
const PROJECT_ID = 'demo-project';
const USER = 'screenshot-user';
const PORTS = { from: 9150, to: 9199 };
const WIDE = { width: 900, height: 700 };
const NARROW = { width: 360, height: 700 };
/** The integration view is taller than 700 px: shown whole, so that its accounts, settings and workflows are in one picture. */
const TALL = { width: 900, height: 960 };
/** A PNG over this is too heavy for a README. */
const MAX_BYTES = 150 * 1024;
/** The built files the host page loads: the portal (with its language tables beside it) and the bridge. */
const BUNDLES = { '/portal/': 'dist/portal/', '/host-bridge/': 'dist/host-bridge/' };

type Theme = 'light' | 'dark';

/** One screenshot: which integration the portal opens on, what to do there, and what must then be visible. */
interface Shot {
  file: string;
  theme: Theme;
  lang?: string;
  viewport: { width: number; height: number };
  /** The integration type `paragon.connect()` opens; `''` for the catalog. */
  integration: string;
  /** Steps from the opened portal to the view. */
  act?: (page: Page) => Promise<void>;
  /** Text that shows the view is there, drawn. */
  expect: string | RegExp;
}

const openDisconnectConfirmation = async (page: Page) => {
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
};
const openApiKeyStep = async (page: Page) => {
  await page.getByRole('button', { name: 'Connect another account' }).click();
};

/** Every view, light and dark; then German and narrow, once each. */
const SHOTS: Shot[] = [
  ...(['light', 'dark'] as const).flatMap((theme): Shot[] => [
    { file: `catalog-${theme}.png`, theme, viewport: WIDE, integration: '', expect: 'Sandbox Sites' },
    { file: `integration-${theme}.png`, theme, viewport: TALL, integration: 'crm', expect: 'Workflows for Sales team' },
    { file: `connect-account-${theme}.png`, theme, viewport: WIDE, integration: 'crm', act: openApiKeyStep, expect: 'API key' },
    {
      file: `disconnect-${theme}.png`,
      theme,
      viewport: WIDE,
      integration: 'crm',
      act: openDisconnectConfirmation,
      expect: /Disconnect Sales team\?/,
    },
  ]),
  { file: 'integration-de-light.png', theme: 'light', lang: 'de', viewport: WIDE, integration: 'crm', expect: 'Workflows für Sales team' },
  { file: 'integration-narrow-dark.png', theme: 'dark', viewport: NARROW, integration: 'crm', expect: 'Workflows for Sales team' },
];

/** The host page's script: the portal element (theme and language from the query) paired with a bridge. */
const HOST_SCRIPT = `
import '/portal/paragon-connect-portal.js';
import { createParagon } from '/host-bridge/paragon.js';
import { elementEmbedding } from '/host-bridge/element.js';

const query = new URLSearchParams(location.search);
document.documentElement.dataset.theme = query.get('theme');
const portal = document.createElement('paragon-connect-portal');
portal.theme = query.get('theme');
if (query.get('lang')) portal.lang = query.get('lang');
document.body.append(portal);
const paragon = createParagon({ connectUrl: query.get('connect'), embedding: elementEmbedding(portal) });
await paragon.authenticate(query.get('project'), query.get('token'));
// connect() resolves when the portal closes: not awaited.
window.openPortal = (integrationType) => void paragon.connect(integrationType);
window.hostReady = true;
`;

/** A plain host page behind the modal, in the shot's theme. */
const HOST_STYLES = `
:root { color-scheme: light; font-family: system-ui, sans-serif; background: #f1f3f5; color: #1a1b1e; }
:root[data-theme='dark'] { color-scheme: dark; background: #101113; color: #e9ecef; }
body { margin: 0; padding: 1.5rem 2rem; }
h1 { margin: 0 0 0.25rem; font-size: 1.25rem; }
p { margin: 0; opacity: 0.7; }
`;

const HOST_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme App</title><link rel="stylesheet" href="/host.css"><script type="module" src="/host.js"></script></head>
<body><h1>Acme App</h1><p>Settings › Integrations</p></body></html>`;

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/** The host page's CSP: the portal's own (server/src/routes/portal.ts), talking to the Connect server. */
const hostPolicy = (connectUrl: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${connectUrl}`,
    "img-src 'self' https: data:",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');

/** The host page, its script and styles, and the built bundles; `connectUrl` is read per request, as the server starts after it. */
async function serveHost(connectUrl: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const send = (type: string, body: string | Buffer) => response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': hostPolicy(connectUrl()) }).end(HOST_PAGE);
      return;
    }
    if (path === '/host.js') return send('text/javascript', HOST_SCRIPT);
    if (path === '/host.css') return send('text/css', HOST_STYLES);
    if (path === '/favicon.ico') return void response.writeHead(204).end();
    const prefix = Object.keys(BUNDLES).find((candidate) => path.startsWith(candidate)) as keyof typeof BUNDLES | undefined;
    const file = prefix && normalize(join(BUNDLES[prefix], path.slice(prefix.length)));
    if (!file || !file.startsWith(BUNDLES[prefix])) return void response.writeHead(404).end();
    readFile(file).then(
      (body) => send(CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body),
      () => response.writeHead(404).end(),
    );
  });
  return { server, origin: await listenOnFreePort(server, PORTS) };
}

/**
 * A copy of the demo config in `folder/config/`, allowing `origin`; its files (`../data/…`: the
 * user tokens' public key, the sandbox client secret) written beside it, fresh.
 */
async function demoConfigCopy(folder: string, origin: string, publicKeyPem: string): Promise<string> {
  const config = JSON.parse(await readFile(DEMO_CONFIG, 'utf8')) as { projects: { allowedOrigins: string[] }[] };
  for (const project of config.projects) project.allowedOrigins = [origin];
  await mkdir(join(folder, 'config'));
  await mkdir(join(folder, 'data'));
  await writeFile(join(folder, 'data', 'demo-user-token.public.pem'), publicKeyPem);
  await writeFile(join(folder, 'data', 'sandbox-client-secret'), 'not-used-by-the-screenshots');
  const path = join(folder, 'config', 'connect.config.json');
  await writeFile(path, JSON.stringify(config));
  return path;
}

/** The user's state: two Acme CRM accounts; the first with its pipeline changed and two workflows on. */
async function seedAccounts(app: FastifyInstance, token: string): Promise<void> {
  const call = async (method: 'POST' | 'PATCH', url: string, payload?: object, credentialId?: string) => {
    const response = await app.inject({
      method,
      url: `/projects/${PROJECT_ID}/sdk${url}`,
      payload,
      headers: { authorization: `Bearer ${token}`, ...(credentialId ? { [CREDENTIAL_HEADER]: credentialId } : {}) },
    });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json() as ConnectCredential;
  };
  const connect = (externalId: string, apiKey: string) =>
    call('POST', '/credentials', {
      integrationId: '5b1c3f5e-6c0a-4c51-9a43-2f4a9d1c7e01',
      payload: { API_KEY: apiKey },
      installOptions: { externalId, allowMultipleCredentials: true },
    });
  const sales = await connect('Sales team', 'acme_live_sales');
  await connect('Support team', 'acme_live_support');
  await call('PATCH', `/credentials/${sales.id}`, { config: { sharedSettings: { pipeline: 'Enterprise' } } });
  for (const workflowId of ['wf-sync-contacts', 'wf-nightly-export']) await call('POST', `/workflows/${workflowId}`, undefined, sales.id);
}

/** Opens the portal as the shot says, checks that it shows the view, and writes the PNG. */
async function takeShot(browser: Browser, hostUrl: URL, shot: Shot): Promise<void> {
  const context = await browser.newContext({ viewport: shot.viewport, deviceScaleFactor: 1, colorScheme: shot.theme, locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (response) => void (response.status() >= 400 && problems.push(`${response.status()} from ${response.url()}`)));
  try {
    const url = new URL(hostUrl);
    url.searchParams.set('theme', shot.theme);
    if (shot.lang) url.searchParams.set('lang', shot.lang);
    await page.goto(url.href);
    await page.waitForFunction(() => (window as unknown as { hostReady?: boolean }).hostReady);
    await page.evaluate((type) => (window as unknown as { openPortal(type: string): void }).openPortal(type), shot.integration);
    await page.locator('paragon-connect-portal dialog[open]').waitFor();
    await shot.act?.(page);
    await page.getByText(shot.expect).first().waitFor();
    // Nothing half-done: no loading message, no error.
    const messages = await page.locator('paragon-connect-portal [role="status"], paragon-connect-portal [role="alert"]').allTextContents();
    const status = messages.map((text) => text.trim()).filter(Boolean); // empty live regions wait for news
    if (status.length > 0) problems.push(`the portal shows: ${status.join(' | ')}`);
    await page.evaluate(() => document.fonts.ready);
    // As a mouse user sees it: no hover on the last button clicked, no focus ring where the dialog put focus.
    await page.mouse.move(0, 0);
    await page.evaluate(() => {
      let focused = document.activeElement;
      while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
      (focused as HTMLElement | null)?.blur();
    });
    if (problems.length > 0) throw new Error(`${shot.file}: ${problems.join('; ')}`);
    const file = join(OUT_DIR, shot.file);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    const { size } = await stat(file);
    console.log(`${file}: ${(size / 1024).toFixed(0)} KB`);
    if (size > MAX_BYTES) throw new Error(`${file} is ${(size / 1024).toFixed(0)} KB, over ${MAX_BYTES / 1024} KB.`);
  } finally {
    await context.close();
  }
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

async function main(): Promise<void> {
  const needed = ['dist/portal/paragon-connect-portal.js', 'dist/host-bridge/paragon.js', 'dist/host-bridge/element.js'];
  if (!(await Promise.all(needed.map(exists))).every(Boolean)) {
    console.log('Building the bundles…');
    await buildAll();
  }
  await mkdir(OUT_DIR, { recursive: true });
  const folder = await mkdtemp(join(tmpdir(), 'connect-screenshots-'));
  let connectUrl = '';
  const host = await serveHost(() => connectUrl);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const configPath = await demoConfigCopy(folder, host.origin, publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const dataDir = join(folder, 'data');
  const store = await openStore({ dataDir });
  const app = await buildConnectServer({
    config: await loadConfig(configPath),
    store,
    secrets: await openSecretBox(dataDir),
    portalDir: resolve('dist/portal'),
  });
  let browser: Browser | undefined;
  try {
    const port = await listenInRange(PORTS, async (port) => void (await app.listen({ host: '127.0.0.1', port })));
    connectUrl = `http://127.0.0.1:${port}`;
    const token = await signDemoUserToken(privateKey, USER);
    await seedAccounts(app, token);
    const hostUrl = new URL(host.origin);
    hostUrl.search = new URLSearchParams({ connect: connectUrl, project: PROJECT_ID, token }).toString();
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    for (const shot of SHOTS) await takeShot(browser, hostUrl, shot);
  } finally {
    await browser?.close();
    await app.close();
    await store.destroy();
    host.server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
