/**
 * The host apps (e2e/hosts/<name>), each a small app with its own package.json and toolchain,
 * on 127.0.0.1:4510 under /<name>/. At start it packs the client (`scripts/pack.ts`, from dist/),
 * installs each app's dependencies with npm into the app's own folder (the tarball as a user gets
 * it from the registry; the root install never grows) and runs the app's build when it has one.
 * Every page is served under the Content-Security-Policy of docs/csp.md for its mode; `/api/session`
 * signs a user token as a host's backend does. The `ssr` app's page is rendered here, in Node, by
 * the app's own server build.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SignJWT } from 'jose';
import { pack } from '../scripts/pack.js';
import { hostPolicy } from './host-csp.js';

const PORT = Number(process.argv[2] ?? 4510);
const CONNECT_URL = 'http://127.0.0.1:4400';

/** Each app, and the folder it serves: its build output, or the app itself when it has no build. */
export const HOST_APPS = {
  plain: 'e2e/hosts/plain',
  react: 'e2e/hosts/react/dist',
  vue: 'e2e/hosts/vue/dist',
  svelte: 'e2e/hosts/svelte/dist',
  angular: 'e2e/hosts/angular/dist',
  ssr: 'e2e/hosts/ssr/dist/client',
} as const;

/** The policy each page runs under: docs/csp.md's frame-mode policy. */
export const HOST_CSP = hostPolicy(CONNECT_URL);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function setUp(): Promise<void> {
  let started = Date.now();
  const tarball = await pack();
  console.log(`packed ${tarball} in ${Date.now() - started} ms`);
  for (const name of Object.keys(HOST_APPS)) {
    const app = `e2e/hosts/${name}`;
    started = Date.now();
    // A fresh copy of the tarball (its name stays the same from one build to the next).
    await rm(join(app, 'node_modules/@connect-portal'), { recursive: true, force: true });
    run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], app);
    const installed = Date.now() - started;
    const { scripts } = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    if (scripts?.build) run('npm', ['run', 'build', '--silent'], app);
    console.log(`${name}: npm install ${installed} ms, build ${Date.now() - started - installed} ms`);
  }
}

/** The demo host app's signing key, written by demo/start.ts (which starts beside this server), read when first needed. */
let privateKey: ReturnType<typeof createPrivateKey> | undefined;

async function sessionFor(user: string): Promise<object> {
  privateKey ??= createPrivateKey(readFileSync('data/demo-user-token.private.pem', 'utf8'));
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: 'demo-1' })
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  return { projectId: 'demo-project', connectUrl: CONNECT_URL, user, token };
}

/**
 * The server-rendered app's page: its index.html with `<!--app-->` filled by the app's server build
 * (e2e/hosts/ssr/dist/server, Vite SSR), which Node imports with the app's own node_modules. That
 * import runs the client package's modules where there is no `window`, `document` or
 * `customElements`: it must throw nothing and leave no global behind, or this server does not start.
 */
async function serverRenderer(): Promise<() => string> {
  const template = readFileSync('e2e/hosts/ssr/dist/client/index.html', 'utf8');
  const before = new Set(Object.getOwnPropertyNames(globalThis));
  const { render } = (await import(pathToFileURL(resolve('e2e/hosts/ssr/dist/server/entry-server.js')).href)) as { render: () => string };
  const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name));
  if (added.length) throw new Error(`Importing the client during server rendering added globals: ${added.join(', ')}`);
  return () => template.replace('<!--app-->', render());
}

await setUp();
const renderSsrPage = await serverRenderer();
createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://x');
  if (url.pathname === '/api/session') {
    const user = url.searchParams.get('user') ?? '';
    if (!/^[\w.-]{1,100}$/.test(user)) return void response.writeHead(400).end('user: 1 to 100 letters, digits, "_", "-" or "."');
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(await sessionFor(user)));
    return;
  }
  const [, name = '', ...rest] = url.pathname.split('/');
  const root = HOST_APPS[name as keyof typeof HOST_APPS];
  if (!root) return void response.writeHead(404).end('not found');
  const relative = rest.join('/') || 'index.html';
  if (name === 'ssr' && relative === 'index.html') {
    const headers = { 'Content-Type': TYPES['.html'], 'Cache-Control': 'no-store', 'Content-Security-Policy': HOST_CSP };
    return void response.writeHead(200, headers).end(renderSsrPage());
  }
  const file = normalize(join(resolve(root), relative));
  if (!file.startsWith(resolve(root)) || !existsSync(file)) return void response.writeHead(404).end('not found');
  try {
    const body = await readFile(file);
    response
      .writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': HOST_CSP,
      })
      .end(body);
  } catch {
    response.writeHead(404).end('not found');
  }
}).listen(PORT, '127.0.0.1', () => console.log(`host apps on http://127.0.0.1:${PORT}/{${Object.keys(HOST_APPS).join(',')}}/`));
