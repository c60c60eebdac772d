/**
 * The server as a process: killed with SIGKILL mid-burst, it keeps every write it acknowledged;
 * stopped with SIGTERM, it answers every request it had begun and exits cleanly. Each request
 * goes on a connection of its own, as many clients behind a load balancer would.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { describe, it } from 'node:test';
import type { MeResponse } from '../../protocol/src/rest.js';
import { INTEGRATION_ID, sdkPath, STORE_KIND, testConfig } from './harness.js';
import { withServerSite, type ServerProcess } from './server-process.js';

interface Answer {
  status: number;
  body: string;
}

/** One request on a fresh connection (no keep-alive); rejects with the socket's error code. */
function send(base: string, token: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method,
        agent: false,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body: text }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

type Write = { method: string; path: string; body?: unknown };

/**
 * `workers` loops each sending writes (`write(i)` with a fresh `i`) until one fails at the socket.
 * Calls `onAck` after every 2xx; returns the indexes acknowledged and every socket error code seen.
 */
async function writeUntilDown(
  server: ServerProcess,
  token: string,
  write: (index: number) => Write,
  workers: number,
  onAck: (count: number) => void,
) {
  const acknowledged: number[] = [];
  const statuses: number[] = [];
  const socketErrors: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const index = next++;
        const { method, path, body } = write(index);
        try {
          const answer = await send(server.url, token, method, path, body);
          statuses.push(answer.status);
          if (answer.status < 300) {
            acknowledged.push(index);
            onAck(acknowledged.length);
          }
        } catch (error) {
          socketErrors.push((error as NodeJS.ErrnoException).code ?? String(error));
          return;
        }
      }
    }),
  );
  return { acknowledged, statuses, socketErrors };
}

const metaWrite = (index: number): Write => ({ method: 'PATCH', path: sdkPath('/me'), body: { meta: { [`k${index}`]: index } } });
const installWrite = (index: number): Write => ({
  method: 'POST',
  path: sdkPath('/credentials'),
  body: { integrationId: INTEGRATION_ID, payload: { API_KEY: `crash-key-${index}` } },
});

async function storedMe(server: ServerProcess, token: string): Promise<MeResponse> {
  const answer = await send(server.url, token, 'GET', sdkPath('/me'));
  assert.equal(answer.status, 200, answer.body);
  return JSON.parse(answer.body) as MeResponse;
}

describe(`the server process (${STORE_KIND})`, () => {
  it('keeps every acknowledged write across SIGKILLs mid-burst', async () => {
    await withServerSite(testConfig(), async (site) => {
      const token = await site.token('crash-user');
      const metaAcks: number[] = [];
      const installAcks: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        const server = await site.start();
        let killed = false;
        const killAfter = (count: number) => {
          if (count >= 40 && !killed) {
            killed = true;
            server.kill('SIGKILL');
          }
        };
        const offset = round * 10_000;
        const [meta, installs] = await Promise.all([
          writeUntilDown(server, token, (index) => metaWrite(offset + index), 6, killAfter),
          writeUntilDown(
            server,
            token,
            (index) => installWrite(offset + index),
            2,
            () => undefined,
          ),
        ]);
        assert.equal(await server.exited, 'SIGKILL');
        assert.deepEqual(
          meta.statuses.filter((status) => status >= 500),
          [],
        );
        metaAcks.push(...meta.acknowledged.map((index) => offset + index));
        installAcks.push(...installs.acknowledged.map((index) => offset + index));
      }
      const server = await site.start();
      const me = await storedMe(server, token);
      const missingMeta = metaAcks.filter((index) => me.meta[`k${index}`] !== index);
      assert.deepEqual(missingMeta, [], `${missingMeta.length} of ${metaAcks.length} acknowledged metadata writes lost`);
      assert.ok(metaAcks.length >= 120, `only ${metaAcks.length} writes were acknowledged`);
      const credentials = me.integrations.crm!.allCredentials.length;
      assert.ok(credentials >= installAcks.length, `${installAcks.length} installs acknowledged, ${credentials} stored`);
      server.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    });
  });

  it('on SIGTERM finishes every request it received, and exits 0', async () => {
    await withServerSite(testConfig(), async (site) => {
      const token = await site.token('term-user');
      const server = await site.start();
      let signalled = false;
      const result = await writeUntilDown(server, token, metaWrite, 8, (count) => {
        if (count >= 30 && !signalled) {
          signalled = true;
          server.kill('SIGTERM');
        }
      });
      assert.equal(await server.exited, 0, 'a clean exit, not death by signal');
      assert.ok(server.lines.some((line) => line.includes('SIGTERM: finishing the requests in flight')));
      // Every request the server began (logged "incoming request") was answered ("request
      // completed"). A connection the server had not read a request from yet when it stopped is
      // refused or reset: that request never arrived, and the client learns so at once.
      const logged = server.lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string }).filter((entry) => entry.reqId);
      const began = new Set(logged.filter((entry) => entry.msg === 'incoming request').map((entry) => entry.reqId));
      const answered = new Set(logged.filter((entry) => entry.msg === 'request completed').map((entry) => entry.reqId));
      assert.ok(began.size > 30);
      assert.deepEqual(
        [...began].filter((id) => !answered.has(id)),
        [],
      );
      assert.deepEqual(
        result.socketErrors.filter((code) => code !== 'ECONNREFUSED' && code !== 'ECONNRESET'),
        [],
      );
      assert.deepEqual(
        result.statuses.filter((status) => status !== 200 && status !== 503),
        [],
      );
      const restarted = await site.start();
      const me = await storedMe(restarted, token);
      assert.deepEqual(
        result.acknowledged.filter((index) => me.meta[`k${index}`] !== index),
        [],
      );
      restarted.kill('SIGTERM');
      await restarted.exited;
    });
  });

  it('takes the per-user rate limit from the config, and from CONNECT_RATE_LIMIT_PER_MINUTE over it', async () => {
    await withServerSite({ ...testConfig(), limits: { requestsPerUserPerMinute: 5 } }, async (site) => {
      const token = await site.token('limited');
      const count429 = async (server: ServerProcess) => {
        const answers = await Promise.all(Array.from({ length: 12 }, () => send(server.url, token, 'GET', sdkPath('/me'))));
        return answers.filter((answer) => answer.status === 429).length;
      };
      const fromConfig = await site.start();
      assert.equal(await count429(fromConfig), 7);
      fromConfig.kill('SIGTERM');
      await fromConfig.exited;
      const fromEnv = await site.start({ CONNECT_RATE_LIMIT_PER_MINUTE: '10' });
      assert.equal(await count429(fromEnv), 2);
      fromEnv.kill('SIGTERM');
      await fromEnv.exited;
      await assert.rejects(
        site.start({ CONNECT_RATE_LIMIT_PER_MINUTE: 'lots' }),
        /CONNECT_RATE_LIMIT_PER_MINUTE must be a positive whole number, not "lots"/,
      );
    });
  });
});
