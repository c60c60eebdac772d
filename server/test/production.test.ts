/**
 * The server as production runs it (`npm run start:production`, in a process of its own): it
 * compresses what it sends as the client accepts, tells caches to revalidate the fixed-name
 * bundles, to keep the content-named files for good and to keep no API answer, counts failed sign-ins per client address as the trusted proxy names it
 * (and only then), and on SIGTERM finishes a slow request before exiting 0.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { nameByContent } from '../../scripts/content-names.js';
import { precompress } from '../../scripts/precompress.js';
import { json, startFakeApi, type FakeApi } from './fake-api.js';
import { MANIFEST_FILE } from '../src/portal-files.js';
import { INTEGRATION_ID, sdkPath, STORE_KIND, testConfig } from './harness.js';
import { createServerSite, withServerSite, type ServerProcess } from './server-process.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request on a fresh connection, the body as it came over the wire (not decompressed). The
 * path goes as it is written, `..` included (a URL would resolve it before sending).
 */
function send(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        hostname,
        port,
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: { ...options.headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function decoded(answer: Answer): Buffer {
  switch (answer.headers['content-encoding']) {
    case 'br':
      return brotliDecompressSync(answer.body);
    case 'gzip':
      return gunzipSync(answer.body);
    case undefined:
      return answer.body;
    default:
      throw new Error(`unexpected Content-Encoding ${answer.headers['content-encoding']}`);
  }
}

const stop = async (server: ServerProcess) => {
  server.kill('SIGTERM');
  assert.equal(await server.exited, 0);
};

/** Beside the portal's folder: what a path that climbs out of it would reach. */
const OUTSIDE = 'outside.txt';

/**
 * A portal folder as the build makes it: a bundle host pages load by its fixed name; the framed
 * page's script, a file loaded on first use and a language table named by their content, listed in
 * the manifest; each with its `.br` and `.gz`. Beside it, a file that must not be served.
 */
async function builtPortal(): Promise<{ dir: string; manifest: Record<string, string> }> {
  const root = await mkdtemp(join(tmpdir(), 'connect-portal-'));
  await writeFile(join(root, OUTSIDE), 'outside the portal');
  const dir = join(root, 'portal');
  await mkdir(join(dir, 'locales'), { recursive: true });
  const code = (name: string) => Array.from({ length: 400 }, (_, i) => `export const ${name}${i} = () => "${name} line ${i}";`).join('\n');
  await writeFile(join(dir, 'paragon-connect-portal.iife.js'), code('portal'));
  const manifest: Record<string, string> = {};
  for (const file of ['frame.js', 'file-picker.js', 'locales/de.js']) {
    await writeFile(join(dir, file), `${code(file.replace(/\W/g, '_'))}\n//# sourceMappingURL=${file.replace(/^.*\//, '')}.map\n`);
    await writeFile(join(dir, `${file}.map`), '{"version":3,"sources":[],"mappings":""}');
    manifest[file] = await nameByContent(dir, file);
  }
  await precompress(dir);
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest));
  return { dir, manifest };
}

describe(`the production server (${STORE_KIND})`, () => {
  let portalDir: string;
  let manifest: Record<string, string>;
  before(async () => {
    ({ dir: portalDir, manifest } = await builtPortal());
  });
  after(async () => {
    await rm(dirname(portalDir), { recursive: true, force: true });
  });

  it('starts as `npm run start:production` does, the config and port from the environment, and never on the demo config', async () => {
    // The script is the command a container runs directly (npm and sh do not reliably pass SIGTERM on).
    const { scripts } = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
    assert.equal(scripts['start:production'], 'NODE_ENV=production node --import tsx server/src/main.ts');
    const site = await createServerSite();
    /** Runs that command with `env`; resolves with its output once it exits (sent SIGTERM once it listens). */
    const run = (env: Record<string, string>) =>
      new Promise<{ output: string; code: number | null }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
          env: { ...process.env, NODE_ENV: 'production', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        let signalled = false;
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          // Once: a second SIGTERM would stop the server at once, as it should.
          if (!signalled && /listening at http:\/\/127\.0\.0\.1:\d+/.test(output)) {
            signalled = true;
            child.kill('SIGTERM');
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => resolve({ output, code }));
      });
    try {
      const config = join(site.dataDir, 'connect.config.json');
      const started = await run({ CONNECT_CONFIG: config, PORT: '0', DATA_DIR: site.dataDir, CONNECT_PORTAL_DIR: portalDir });
      assert.match(started.output, /listening at http:\/\/127\.0\.0\.1:\d+/);
      assert.match(started.output, /SIGTERM: finishing the requests in flight/);
      assert.equal(started.code, 0);
      const noConfig = await run({ CONNECT_CONFIG: '', PORT: '0', DATA_DIR: site.dataDir });
      assert.equal(noConfig.code, 1);
      assert.match(noConfig.output, /Give the config file: CONNECT_CONFIG=/);
      const badPort = await run({ CONNECT_CONFIG: config, PORT: 'http', DATA_DIR: site.dataDir });
      assert.equal(badPort.code, 1);
      assert.match(badPort.output, /The port must be a number from 0 to 65535, not "http"/);
      const noPortal = await run({ CONNECT_CONFIG: config, PORT: '0', DATA_DIR: site.dataDir, CONNECT_PORTAL_DIR: site.dataDir });
      assert.match(noPortal.output, /holds no built portal: run `npm run build`/);
    } finally {
      await site.remove();
    }
  });

  it('sends the bundles compressed as the client accepts; a fixed name to revalidate every time, a content name to keep for good', async () => {
    await withServerSite(testConfig(), async (site) => {
      const server = await site.start({ CONNECT_PORTAL_DIR: portalDir });
      const IMMUTABLE = 'public, max-age=31536000, immutable';
      const files = [
        { file: 'paragon-connect-portal.iife.js', cacheControl: 'no-cache' },
        ...Object.values(manifest).map((file) => ({ file, cacheControl: IMMUTABLE })),
      ];
      for (const { file, cacheControl } of files) {
        const original = await readFile(join(portalDir, file));
        const plain = await send(server.url, `/portal/${file}`);
        assert.equal(plain.status, 200);
        assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: the file as it is');
        assert.deepEqual(plain.body, original);
        for (const [accept, expected] of [
          ['br, gzip', 'br'],
          ['gzip, deflate', 'gzip'],
          ['gzip;q=1, br;q=0.5', 'gzip'],
          ['identity', undefined],
        ] as const) {
          const answer = await send(server.url, `/portal/${file}`, { headers: { 'accept-encoding': accept } });
          assert.equal(answer.status, 200);
          assert.equal(answer.headers['content-encoding'], expected, `${file} for Accept-Encoding: ${accept}`);
          assert.deepEqual(decoded(answer), original, `${file} decodes to the built file`);
          if (expected)
            assert.ok(answer.body.length < original.length / 4, `${file} as ${expected}: ${answer.body.length} of ${original.length} bytes`);
          assert.equal(answer.headers['cache-control'], cacheControl, file);
          assert.match(String(answer.headers.vary), /Accept-Encoding/);
          assert.ok(answer.headers.etag, 'an ETag to revalidate with');
          const again = await send(server.url, `/portal/${file}`, { headers: { 'accept-encoding': accept, 'if-none-match': answer.headers.etag } });
          assert.equal(again.status, 304, `${file} unchanged: 304`);
          assert.equal(again.body.length, 0);
        }
        const br = await send(server.url, `/portal/${file}`, { headers: { 'accept-encoding': 'br' } });
        assert.notEqual(br.headers.etag, plain.headers.etag, 'each encoding has its own ETag');
      }
      await stop(server);
    });
  });

  it("names the framed page's script by its content, and serves no other version under a content name", async () => {
    await withServerSite(testConfig(), async (site) => {
      const server = await site.start({ CONNECT_PORTAL_DIR: portalDir });
      const frame = await send(server.url, `/portal/frame?projectId=test-project`);
      assert.equal(frame.status, 200);
      const [, script] = /<script type="module" src="\/portal\/([^"]+)"><\/script>/.exec(frame.body.toString()) ?? [];
      assert.match(String(script), /^frame\.[0-9a-f]{10}\.js$/);
      assert.equal(script, manifest['frame.js']);
      const framed = await send(server.url, `/portal/${script}`, { headers: { 'accept-encoding': 'br' } });
      assert.equal(framed.status, 200);
      assert.equal(framed.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(String(framed.headers['content-type']), /javascript/);

      // Another hash, or the name without one, is no file: a 404 that no cache may keep, never
      // the version the server has.
      const other = manifest['file-picker.js']!.replace(/\.[0-9a-f]{10}\.js$/, '.0123456789.js');
      for (const missing of [other, 'file-picker.js', 'frame.js', 'locales/de.js', `${manifest['locales/de.js']!.slice(0, -4)}0.js`]) {
        for (const accept of ['br', 'identity']) {
          const answer = await send(server.url, `/portal/${missing}`, { headers: { 'accept-encoding': accept } });
          assert.equal(answer.status, 404, `${missing} (${accept})`);
          assert.doesNotMatch(String(answer.headers['cache-control']), /immutable|max-age/, missing);
        }
      }

      // The manifest is the server's, and nothing outside the portal's folder is reachable.
      assert.equal((await send(server.url, `/portal/${MANIFEST_FILE}`)).status, 404);
      assert.equal((await send(server.url, `/portal/${MANIFEST_FILE}.br`, { headers: { 'accept-encoding': 'br' } })).status, 404);
      for (const path of [
        `/portal/../${OUTSIDE}`,
        `/portal/%2e%2e/${OUTSIDE}`,
        `/portal/..%2f${OUTSIDE}`,
        `/portal/%2e%2e%2f${OUTSIDE}`,
        `/portal/locales/..%2f..%2f${OUTSIDE}`,
        `/portal/locales/%2e%2e/%2e%2e/${OUTSIDE}`,
      ]) {
        const answer = await send(server.url, path, { headers: { 'accept-encoding': 'br, gzip' } });
        assert.ok([403, 404].includes(answer.status), `${path}: ${answer.status}`);
        assert.doesNotMatch(answer.body.toString(), /outside the portal/, path);
      }
      await stop(server);
    });
  });

  it('compresses large JSON answers, and tells every cache to keep no API answer', async () => {
    await withServerSite(testConfig(), async (site) => {
      const server = await site.start({ CONNECT_PORTAL_DIR: portalDir });
      const token = await site.token('compressed-user');
      const auth = { authorization: `Bearer ${token}` };
      // A user whose metadata makes `/me` large, as real ones are.
      const meta = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, `a value of field ${i} that repeats`]));
      const patched = await send(server.url, sdkPath('/me'), { method: 'PATCH', headers: auth, body: { meta } });
      assert.equal(patched.status, 200, patched.body.toString());

      const plain = await send(server.url, sdkPath('/me'), { headers: auth });
      assert.equal(plain.status, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.ok(plain.body.length > 1500, `${plain.body.length} bytes`);
      for (const [accept, expected] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        ['br;q=0, gzip', 'gzip'],
        ['*', 'br'],
        ['deflate', undefined],
      ] as const) {
        const answer = await send(server.url, sdkPath('/me'), { headers: { ...auth, 'accept-encoding': accept } });
        assert.equal(answer.status, 200);
        assert.equal(answer.headers['content-encoding'], expected, `Accept-Encoding: ${accept}`);
        assert.deepEqual(JSON.parse(decoded(answer).toString()), JSON.parse(plain.body.toString()));
        if (expected) assert.ok(answer.body.length < plain.body.length / 3, `${answer.body.length} of ${plain.body.length} bytes`);
        assert.equal(answer.headers['cache-control'], 'no-store');
        assert.match(String(answer.headers.vary), /Accept-Encoding/);
      }

      // Small answers and errors go as they are, and are not kept either.
      const integrations = await send(server.url, sdkPath('/integrations/int-erp'), { headers: { ...auth, 'accept-encoding': 'br' } });
      assert.equal(integrations.status, 200);
      assert.ok(integrations.body.length < 1024 && integrations.headers['content-encoding'] === undefined);
      assert.equal(integrations.headers['cache-control'], 'no-store');
      const denied = await send(server.url, sdkPath('/me'), { headers: { authorization: 'Bearer nope', 'accept-encoding': 'br' } });
      assert.equal(denied.status, 401);
      assert.equal(denied.headers['cache-control'], 'no-store');
      // The framed page is built per request: never kept, though it lives under /portal/.
      const frame = await send(server.url, `/portal/frame?projectId=test-project`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(frame.status, 200);
      assert.equal(frame.headers['cache-control'], 'no-store');
      await stop(server);
    });
  });

  it('counts failed sign-ins per peer address, or per the address a trusted proxy names', async () => {
    await withServerSite({ ...testConfig(), limits: { failedSignInsPerAddressPerMinute: 2 } }, async (site) => {
      /** The statuses of bad-token requests, each claiming to come from the given X-Forwarded-For. */
      const signInsFrom = async (server: ServerProcess, forwardedFor: string[]) => {
        const statuses: number[] = [];
        for (const address of forwardedFor) {
          const answer = await send(server.url, sdkPath('/me'), { headers: { authorization: 'Bearer not-a-token', 'x-forwarded-for': address } });
          statuses.push(answer.status);
        }
        return statuses;
      };

      // Off (the default): X-Forwarded-For is the client's own word, and ignored. Every request
      // counts against the peer, 127.0.0.1, whatever it claims.
      const direct = await site.start();
      assert.ok(direct.lines.some((line) => line.includes('trusting no proxy')));
      assert.deepEqual(await signInsFrom(direct, ['203.0.113.1', '203.0.113.2', '203.0.113.3']), [401, 401, 429]);
      await stop(direct);

      // Behind a proxy on loopback: the client is the address the proxy appended, so three
      // clients get three counters...
      const proxied = await site.start({ CONNECT_TRUST_PROXY: 'loopback' });
      assert.deepEqual(await signInsFrom(proxied, ['203.0.113.1', '203.0.113.2', '203.0.113.3']), [401, 401, 401]);
      // ...and a client writing its own X-Forwarded-For (the proxy appends the real address after
      // it) is still counted as itself: the untrusted entries to its left are never taken.
      assert.deepEqual(await signInsFrom(proxied, ['10.0.0.1, 198.51.100.9', '10.0.0.2, 198.51.100.9', '10.0.0.3, 198.51.100.9']), [401, 401, 429]);
      await stop(proxied);

      // A proxy that is not the peer is not trusted: listing 10.0.0.0/8 does not trust 127.0.0.1.
      const elsewhere = await site.start({ CONNECT_TRUST_PROXY: '10.0.0.0/8' });
      assert.deepEqual(await signInsFrom(elsewhere, ['203.0.113.1', '203.0.113.2', '203.0.113.3']), [401, 401, 429]);
      await stop(elsewhere);

      await assert.rejects(site.start({ CONNECT_TRUST_PROXY: '10.0.0.0/33' }), /CONNECT_TRUST_PROXY: "10.0.0.0\/33" has a prefix length over 32/);
      await assert.rejects(site.start({ CONNECT_TRUST_PROXY: 'true' }), /CONNECT_TRUST_PROXY: "true" is not an IP address/);
    });
  });

  it('takes the trusted proxies from the config file, which CONNECT_TRUST_PROXY=off overrides', async () => {
    await withServerSite({ ...testConfig(), trustProxy: ['127.0.0.1'], limits: { failedSignInsPerAddressPerMinute: 1 } }, async (site) => {
      const twoClients = async (server: ServerProcess) => {
        const statuses: number[] = [];
        for (const address of ['203.0.113.1', '203.0.113.2']) {
          statuses.push((await send(server.url, sdkPath('/me'), { headers: { authorization: 'Bearer x', 'x-forwarded-for': address } })).status);
        }
        return statuses;
      };
      const fromConfig = await site.start();
      assert.ok(fromConfig.lines.some((line) => line.includes('trusting X-Forwarded-* from 127.0.0.1')));
      assert.deepEqual(await twoClients(fromConfig), [401, 401]);
      await stop(fromConfig);
      const off = await site.start({ CONNECT_TRUST_PROXY: 'off' });
      assert.deepEqual(await twoClients(off), [401, 429]);
      await stop(off);
    });
    await withServerSite({ ...testConfig(), trustProxy: ['10.0.0.0/8', 'proxy.internal'] }, async (bad) => {
      await assert.rejects(bad.start(), /\/trustProxy\/1: "proxy.internal" is not an IP address/);
    });
  });

  describe('on SIGTERM', () => {
    let fake: FakeApi;
    before(async () => {
      fake = await startFakeApi();
    });
    after(async () => {
      await fake.close();
    });

    /** A site whose CRM API is the fake one, with a user connected to it. */
    async function connectedSite(env: Record<string, string> = {}) {
      const config = testConfig() as { projects: { integrations: { api?: object }[] }[] };
      config.projects[0]!.integrations[0]!.api = { baseUrl: fake.origin, timeoutSeconds: 30, retries: 0 };
      const site = await createServerSite(config);
      const server = await site.start({ CONNECT_PORTAL_DIR: portalDir, ...env });
      const auth = { authorization: `Bearer ${await site.token('slow-user')}` };
      const installed = await send(server.url, sdkPath('/credentials'), {
        method: 'POST',
        headers: auth,
        body: { integrationId: INTEGRATION_ID, payload: { API_KEY: 'key' } },
      });
      assert.equal(installed.status, 201, installed.body.toString());
      return { site, server, auth };
    }

    const waitForUpstreamRequest = async () => {
      while (fake.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    };

    it('finishes a slow request it had begun, refuses new connections, and exits 0', async () => {
      const { site, server, auth } = await connectedSite();
      try {
        fake.answer((_request, response) => setTimeout(() => json(response, 200, { done: true }), 1500));
        const began = Date.now();
        const slow = send(server.url, sdkPath('/proxy/crm/slow-report'), { headers: auth });
        await waitForUpstreamRequest();
        server.kill('SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, 200));
        await assert.rejects(send(server.url, '/healthz'), (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED');
        const answer = await slow;
        assert.equal(answer.status, 200);
        assert.deepEqual(JSON.parse(decoded(answer).toString()), { done: true });
        assert.ok(Date.now() - began >= 1400, 'the answer came from the slow upstream');
        assert.equal(await server.exited, 0, 'a clean exit once it was answered');
        assert.ok(server.lines.some((line) => line.includes('SIGTERM: finishing the requests in flight')));
      } finally {
        await site.remove();
      }
    });

    it('exits 1 at the deadline when a request outlasts CONNECT_SHUTDOWN_TIMEOUT_SECONDS', async () => {
      const { site, server, auth } = await connectedSite({ CONNECT_SHUTDOWN_TIMEOUT_SECONDS: '1' });
      try {
        fake.answer((_request, response) => setTimeout(() => json(response, 200, { done: true }), 5000));
        const slow = send(server.url, sdkPath('/proxy/crm/slower-report'), { headers: auth }).then(
          (answer) => answer.status,
          (error: NodeJS.ErrnoException) => error.code,
        );
        await waitForUpstreamRequest();
        const signalled = Date.now();
        server.kill('SIGTERM');
        assert.equal(await server.exited, 1, 'not a clean stop: a request was cut off');
        const waited = Date.now() - signalled;
        assert.ok(waited >= 900 && waited < 4000, `exited ${waited} ms after SIGTERM`);
        assert.ok(server.lines.some((line) => line.includes('requests still in flight after 1 s')));
        assert.equal(await slow, 'ECONNRESET', 'the cut-off client learns it at once');
      } finally {
        await site.remove();
      }
    });
  });
});
