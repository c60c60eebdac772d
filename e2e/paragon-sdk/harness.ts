/**
 * What `paragon-sdk.spec.ts` needs around the published `@useparagon/connect` package: its
 * bundle (made by esbuild when the tests start, never committed), a host page on the demo's
 * allowed origin that loads it and points it at this Connect server, and the REST call that
 * connects an API-key account before the SDK signs in.
 */
import { createRequire } from 'node:module';
import { expect, type Page, type Request } from '@playwright/test';
import { build } from 'esbuild';
import type { paragon } from '@useparagon/connect';
import type { ConnectCredential } from '../../protocol/src/rest.js';
import { CONNECT_URL, PROJECT_ID } from '../helpers.js';

/** The SDK's `paragon` singleton, typed by the package's own declarations. */
export type Paragon = typeof paragon;

/** The demo project's one integration, and the id of its API-key input. */
export const CRM = { type: 'crm', id: '5b1c3f5e-6c0a-4c51-9a43-2f4a9d1c7e01', apiKeyInput: 'API_KEY' } as const;

/** The demo host app's origin: the only origin the demo project allows (CORS is exact-origin). */
export const HOST_ORIGIN = 'http://127.0.0.1:4500';
const PAGE_DIR = `${HOST_ORIGIN}/paragon-sdk/`;

/**
 * Every service URL the SDK derives from `configureGlobal({ host })`. Given a host, the SDK
 * builds `https://<service>.<hostname>` and drops the scheme and port, so each one is overridden.
 * `ZEUS_PUBLIC_URL` alone carries the REST calls; the others keep nothing pointing at
 * `https://*.127.0.0.1` (CONNECT is the hidden iframe's `/ui`, CDN the integration icons).
 */
export const OVERRIDE_ENVS = Object.fromEntries(
  [
    'ZEUS_PUBLIC_URL',
    'CONNECT_PUBLIC_URL',
    'HERMES_PUBLIC_URL',
    'WORKER_PROXY_PUBLIC_URL',
    'PASSPORT_PUBLIC_URL',
    'PASSPORT_PRODUCTION_URL',
    'DASHBOARD_PUBLIC_URL',
    'CDN_PUBLIC_URL',
    'API_TRIGGER_KIT_PUBLIC_URL',
  ].map((key) => [key, CONNECT_URL]),
);

/** The published package's entry point, bundled for a browser as a global `ParagonSDK`. */
export async function bundleParagonSdk(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@useparagon/connect');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: 'ParagonSDK',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  expect(result.warnings).toEqual([]);
  return result.outputFiles[0]!.text;
}

/**
 * The host page. The SDK is configured in `<head>`, before DOMContentLoaded: the SDK creates its
 * hidden iframe then, so it loads `{CONNECT}/ui` at once instead of connect.useparagon.com first.
 */
function hostPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Published Paragon SDK against Connect</title>
<script src="${PAGE_DIR}paragon.iife.js"></script>
<script>
  window.paragon = ParagonSDK.paragon;
  paragon.configureGlobal({ host: ${JSON.stringify(CONNECT_URL)} }, ${JSON.stringify(OVERRIDE_ENVS)});
  paragon.setHeadless(true);
</script>
</head>
<body><h1>Published Paragon SDK against Connect</h1></body>
</html>`;
}

/**
 * Serves the host page and the bundle at the allowed origin with `page.route` (the demo app is
 * left alone), opens it, and returns every request the page makes from then on. REST calls are
 * not routed: they go to the real Connect server, with real CORS preflights.
 */
export async function openSdkPage(page: Page, bundle: string): Promise<Request[]> {
  // A document made by route.fulfill has no IP address space, so Chromium's Local Network Access
  // treats it as public and blocks its fetches to 127.0.0.1 ("Permission was denied for this
  // request to access the `loopback` address space"). A page really served from 127.0.0.1, like
  // the demo's, needs no such permission; grant it to this routed one only.
  await page.context().grantPermissions(['local-network-access'], { origin: HOST_ORIGIN });
  await page.route(`${PAGE_DIR}**`, (route) => {
    const url = route.request().url();
    if (url === `${PAGE_DIR}index.html`) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage() });
    if (url === `${PAGE_DIR}paragon.iife.js`) return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: bundle });
    return route.fulfill({ status: 404, body: 'not found' });
  });
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));

  await page.goto(`${PAGE_DIR}index.html`);
  expect(await page.evaluate(() => (window as unknown as { paragon: Paragon }).paragon.getVersion())).toBe('2.4.0');
  expect(pageErrors).toEqual([]);
  return requests;
}

/** The REST requests (not the preflights) the page sent to the Connect API, as "METHOD /path". */
export function sdkCalls(requests: readonly Request[]): string[] {
  const api = `${CONNECT_URL}/projects/${PROJECT_ID}`;
  return requests
    .filter((request) => request.method() !== 'OPTIONS' && request.url().startsWith(api))
    .map((request) => `${request.method()} ${request.url().slice(api.length)}`);
}

/** Connects an API-key account over the REST API, as the portal would; returns the new credential. */
export async function connectApiKeyAccount(token: string, apiKey: string, externalId?: string): Promise<ConnectCredential> {
  const response = await fetch(`${CONNECT_URL}/projects/${PROJECT_ID}/sdk/credentials`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      integrationId: CRM.id,
      payload: { [CRM.apiKeyInput]: apiKey },
      ...(externalId ? { installOptions: { externalId } } : {}),
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as ConnectCredential;
}
