/**
 * `npm run bench`: what the proxy adds to a call. One loopback API answers a small JSON body; the
 * same request is made to it directly and through `/sdk/proxy/crm/…` (token verified, the
 * account's key opened, the request signed and its answer streamed back), one at a time over
 * keep-alive connections, alternating so that both see the same machine. Prints p50 and p99 of
 * each and the difference of the medians. Budget: at most 1.5 ms added at p50 (issue 11). The
 * Connect server runs on SQLite (and on PostgreSQL when DATABASE_URL is set). Prints figures; it
 * never fails on them.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { installApiKey, sdkPath, startHarness, testConfig } from '../server/test/harness.js';
import { emitRow } from './table.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const WARM_UP = 300;
const BODY = JSON.stringify({ items: Array.from({ length: 10 }, (_, index) => ({ id: `c${index}`, name: `Contact ${index}` })), nextCursor: null });

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** The time of one GET, in milliseconds, once its body is read. */
function timedGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    request(url, { agent, headers }, (response) => {
      response.resume();
      response.on('end', () =>
        response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`answered ${response.statusCode}`)),
      );
    })
      .on('error', reject)
      .end();
  });
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

async function measure(store: 'sqlite' | 'postgresql'): Promise<void> {
  const api = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(BODY);
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const config = testConfig() as { projects: { integrations: { api?: object }[] }[] };
  config.projects[0]!.integrations[0]!.api = { baseUrl: `${apiOrigin}/v2` };
  if (store === 'sqlite') delete process.env.DATABASE_URL;
  const harness = await startHarness({ config, rateLimit: { max: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } });
  try {
    await installApiKey(harness, 'bench-user', 'bench-key');
    const server = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const proxied = {
      url: `${server}${sdkPath('/proxy/crm/contacts?limit=10')}`,
      headers: { authorization: `Bearer ${await harness.token('bench-user')}` },
    };
    const direct = { url: `${apiOrigin}/v2/contacts?limit=10`, headers: { authorization: 'Bearer bench-key' } };
    for (let index = 0; index < WARM_UP; index++) {
      await timedGet(direct.url, direct.headers);
      await timedGet(proxied.url, proxied.headers);
    }
    const times = { direct: [] as number[], proxied: [] as number[] };
    for (let index = 0; index < CALLS; index++) {
      times.direct.push(await timedGet(direct.url, direct.headers));
      times.proxied.push(await timedGet(proxied.url, proxied.headers));
    }
    const [d50, d99, p50, p99] = [
      percentile(times.direct, 50),
      percentile(times.direct, 99),
      percentile(times.proxied, 50),
      percentile(times.proxied, 99),
    ];
    console.log(
      `proxy (${store}, ${CALLS} calls each): direct p50 ${d50.toFixed(3)} ms p99 ${d99.toFixed(3)} ms; ` +
        `proxied p50 ${p50.toFixed(3)} ms p99 ${p99.toFixed(3)} ms; added at p50 ${(p50 - d50).toFixed(3)} ms (budget 1.5 ms), ${(p50 / d50).toFixed(2)}x direct`,
    );
    emitRow({ figure: `proxy call, ${store}`, unit: 'ms', median: p50, p99, budget: d50 + 1.5, baseline: d50, baselineName: 'direct call' });
  } finally {
    await harness.close();
    api.close();
    agent.destroy();
  }
}

const databaseUrl = process.env.DATABASE_URL;
await measure('sqlite');
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  await measure('postgresql');
}
