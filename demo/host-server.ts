/**
 * The demo host app: a stand-in for a SaaS product that embeds the Connect Portal. It runs on
 * its own origin, signs user tokens for its (pretend) signed-in user, and serves a page that
 * uses the portal both ways: a modal in a cross-origin iframe and an inline element.
 */
import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { signDemoUserToken } from './keys.js';

export interface HostAppOptions {
  port: number;
  connectUrl: string;
  projectId: string;
  privateKeyPem: string;
}

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'demo/host/index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'dist/demo/app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'demo/host/app.css', type: 'text/css; charset=utf-8' },
  // The drop-in page: Paragon's SDK samples as written, on the host bridge's script-tag file.
  '/drop-in': { file: 'demo/host/drop-in.html', type: 'text/html; charset=utf-8' },
  '/drop-in.js': { file: 'demo/host/drop-in.js', type: 'text/javascript; charset=utf-8' },
  '/paragon.js': { file: 'dist/host-bridge/paragon.iife.js', type: 'text/javascript; charset=utf-8' },
};

/** The host page's own policy: the portal must work without 'unsafe-inline' or 'unsafe-eval'. */
function hostPolicy(connectUrl: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${connectUrl}`,
    "style-src 'self'",
    `connect-src 'self' ${connectUrl}`,
    `frame-src ${connectUrl}`,
    `img-src 'self' data: https: ${connectUrl}`,
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

export function startHostApp({ port, connectUrl, projectId, privateKeyPem }: HostAppOptions): Promise<Server> {
  const privateKey = createPrivateKey(privateKeyPem);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://host');
    try {
      if (url.pathname === '/api/session') {
        // A real host app signs for the user of its own session; the demo takes any name.
        const user = (url.searchParams.get('user') || 'demo-user').slice(0, 64);
        const token = await signDemoUserToken(privateKey, user);
        response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        response.end(JSON.stringify({ projectId, connectUrl, user, token }));
        return;
      }
      const entry = FILES[url.pathname];
      if (!entry) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
        return;
      }
      const body = await readFile(entry.file, 'utf8');
      response.writeHead(200, {
        'Content-Type': entry.type,
        'Cache-Control': 'no-store',
        'Content-Security-Policy': hostPolicy(connectUrl),
      });
      response.end(url.pathname === '/' ? body.replaceAll('{{CONNECT_URL}}', connectUrl) : body);
    } catch (error) {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(error));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
