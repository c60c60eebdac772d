import assert from 'node:assert/strict';
import { createHmac, createPrivateKey } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { auditOf, newKeyPair, sdkPath, signToken, snapshot, startHarness, testConfig, type Harness } from './harness.js';
import { buildConnectServer } from '../src/app.js';
import { loadConfig } from '../src/config/load.js';
import { openSecretBox } from '../src/secrets/keys.js';

const b64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const now = () => Math.floor(Date.now() / 1000);

describe('user token verification', () => {
  let harness: Harness;
  before(async () => {
    // This suite sends over a thousand bad tokens from one address on purpose.
    harness = await startHarness({ authFailureLimit: { max: 10_000, windowMs: 60_000 } });
  });
  after(() => harness.close());

  const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'k1' }, key = harness.privateKey) =>
    new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);

  async function expect401(authorization: string | undefined, code: string, messagePart: RegExp) {
    const before = await snapshot(harness.store);
    const response = await harness.app.inject({
      method: 'POST',
      url: sdkPath('/credentials'),
      headers: authorization === undefined ? {} : { authorization },
      payload: { integrationId: 'int-crm', payload: { API_KEY: 'k' } },
    });
    assert.equal(response.statusCode, 401, response.body);
    const { error } = response.json();
    assert.equal(error.code, code);
    assert.match(error.message, messagePart);
    assert.equal(await snapshot(harness.store), before, 'nothing written');
  }

  it('accepts a valid RS256 token', async () => {
    const response = await harness.as('alice', { method: 'GET', url: sdkPath('/me') });
    assert.equal(response.statusCode, 200);
  });

  it('rejects a missing token', () => expect401(undefined, 'token_missing', /Bearer/));

  it('rejects a token that is not a JWT', () => expect401('Bearer not-a-jwt', 'token_malformed', /well-formed/));

  it('rejects an expired token', async () => {
    const token = await sign({ sub: 'alice', iat: now() - 7200, exp: now() - 120 });
    await expect401(`Bearer ${token}`, 'token_expired', /expired/);
  });

  it('accepts a token expired within the 60 s clock tolerance', async () => {
    const token = await sign({ sub: 'alice', iat: now() - 600, exp: now() - 30 });
    const response = await harness.app.inject({ method: 'GET', url: sdkPath('/me'), headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 200);
  });

  it('rejects a token signed by another key', async () => {
    const token = await sign({ sub: 'alice', iat: now(), exp: now() + 600 }, { alg: 'RS256', kid: 'k1' }, newKeyPair().privateKey);
    await expect401(`Bearer ${token}`, 'token_invalid', /signature/);
  });

  it('rejects alg: none', async () => {
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ sub: 'alice', iat: now(), exp: now() + 600 })}.`;
    await expect401(`Bearer ${token}`, 'token_invalid', /RS256/);
  });

  it('rejects HS256 signed with the public key as the HMAC secret', async () => {
    const publicPem = createPrivateKey(harness.privateKey.export({ type: 'pkcs8', format: 'pem' }))
      .export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const signingInput = `${b64url({ alg: 'HS256', kid: 'k1' })}.${b64url({ sub: 'alice', iat: now(), exp: now() + 600 })}`;
    const signature = createHmac('sha256', publicPem).update(signingInput).digest('base64url');
    await expect401(`Bearer ${signingInput}.${signature}`, 'token_invalid', /RS256/);
  });

  for (const [name, claims, claim] of [
    ['no sub', { iat: now(), exp: now() + 600 }, /"sub"/],
    ['no exp', { sub: 'alice', iat: now() }, /"exp"/],
    ['no iat', { sub: 'alice', exp: now() + 600 }, /"iat"/],
    ['an empty sub', { sub: '', iat: now(), exp: now() + 600 }, /"sub"/],
    ['an iat 2 minutes ahead', { sub: 'alice', iat: now() + 120, exp: now() + 600 }, /"iat"/],
  ] as const) {
    it(`rejects a token with ${name}`, async () => {
      const token = await sign(claims);
      await expect401(`Bearer ${token}`, 'token_invalid', claim);
    });
  }

  it('rejects a token issued more than 24 hours ago, even if not yet expired', async () => {
    const token = await sign({ sub: 'alice', iat: now() - 25 * 3600, exp: now() + 600 });
    await expect401(`Bearer ${token}`, 'token_expired', /"iat"/);
  });

  it('rejects a token naming an unknown kid', async () => {
    const token = await sign({ sub: 'alice', iat: now(), exp: now() + 600 }, { alg: 'RS256', kid: 'rotated-out' });
    await expect401(`Bearer ${token}`, 'token_invalid', /rotated-out/);
  });

  it('rejects 1,000 tokens with random unknown kids, each as a 401, and records the denials', async () => {
    for (let index = 0; index < 1000; index += 1) {
      const token = await sign({ sub: 'alice', iat: now(), exp: now() + 600 }, { alg: 'RS256', kid: `kid-${Math.random()}` });
      const response = await harness.app.inject({ method: 'GET', url: sdkPath('/me'), headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 401);
    }
    const denials = (await auditOf(harness.store, null)).filter((row) => row.action === 'authenticate');
    assert.ok(denials.length >= 1000);
    assert.ok(denials.every((row) => row.outcome === 'denied'));
  });

  it("rejects a token signed by another project's key", async () => {
    const otherProjectKey = newKeyPair().privateKey;
    const token = await signToken(otherProjectKey, { sub: 'alice' }, 'k1');
    await expect401(`Bearer ${token}`, 'token_invalid', /signature/);
  });
});

describe('failed authentications from one address', () => {
  it('answer 401 and are audited up to the limit, then 429 with Retry-After and no more audit rows', async () => {
    const harness = await startHarness({ authFailureLimit: { max: 20, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 30; index += 1) {
        const response = await harness.app.inject({ method: 'GET', url: sdkPath('/me'), headers: { authorization: 'Bearer forged' } });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) assert.ok(Number(response.headers['retry-after']) >= 1);
      }
      assert.deepEqual(statuses, [...Array(20).fill(401), ...Array(10).fill(429)]);
      assert.equal((await auditOf(harness.store, null)).length, 20);
      const valid = await harness.as('alice', { method: 'GET', url: sdkPath('/me') });
      assert.equal(valid.statusCode, 200, 'a valid token from the same address still works');
    } finally {
      await harness.close();
    }
  });
});

describe('signing-key rotation by kid (case 14)', () => {
  it('accepts the new key at once, the old one until it is removed from the config, then 401', async () => {
    const harness = await startHarness();
    try {
      const oldKey = harness.privateKey;
      const { publicKey, privateKey: newKey } = newKeyPair();
      await writeFile(join(harness.dataDir, 'k2.public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
      const withKeys = async (kids: string[]) => {
        const config = testConfig() as { projects: { signingKeys: object[] }[] };
        config.projects[0]!.signingKeys = kids.map((kid) => ({ kid, publicKeyFile: `${kid}.public.pem` }));
        const file = join(harness.dataDir, `config-${kids.join('-')}.json`);
        await writeFile(file, JSON.stringify(config));
        const app = await buildConnectServer({
          config: await loadConfig(file),
          store: harness.store,
          secrets: await openSecretBox(harness.dataDir),
          portalDir: harness.dataDir,
        });
        return async (token: string) =>
          (await app.inject({ method: 'GET', url: sdkPath('/me'), headers: { authorization: `Bearer ${token}` } })).statusCode;
      };
      const oldToken = await signToken(oldKey, { sub: 'alice' }, 'k1');
      const newToken = await signToken(newKey, { sub: 'alice' }, 'k2');

      const during = await withKeys(['k1', 'k2']);
      assert.deepEqual([await during(oldToken), await during(newToken)], [200, 200]);
      const afterRevoke = await withKeys(['k2']);
      assert.deepEqual([await afterRevoke(oldToken), await afterRevoke(newToken)], [401, 200]);
      const beforeRotation = await withKeys(['k1']);
      assert.deepEqual([await beforeRotation(oldToken), await beforeRotation(newToken)], [200, 401]);
    } finally {
      await harness.close();
    }
  });
});
