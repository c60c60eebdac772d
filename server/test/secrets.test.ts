/**
 * Changing the secret key (docs/self-hosting.md, "Changing the secret key"): values sealed by an
 * older key of the ring still open, accounts connected before the change are still recognised,
 * `resealSecrets` moves every secret to the new key while writers run beside it, and afterwards
 * the old key is not needed. Bad keys stop the start with a message naming the variable.
 */
import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ConnectCredential } from '../../protocol/src/rest.js';
import { openSecret } from '../src/accounts/secret.js';
import { openSecretBox, parseSecretKey } from '../src/secrets/keys.js';
import { resealSecrets } from '../src/secrets/reseal.js';
import { createSecretBox, type SecretBox } from '../src/secrets/secret-box.js';
import { anotherServer, INTEGRATION_ID, installApiKey, sdkPath, startHarness, STORE_KIND, type Harness } from './harness.js';

/** A value as the server sealed it before key rings (`v1`: no key id). */
function sealV1(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join('.');
}

describe('the secret box over a key ring', () => {
  const [oldKey, newKey, otherKey] = [randomBytes(32), randomBytes(32), randomBytes(32)];
  const before = createSecretBox(oldKey);
  const during = createSecretBox(newKey, [oldKey]);

  it('opens what the old key sealed, in both formats, and seals with the new key only', () => {
    assert.equal(during.open(before.seal('sk_live_1')), 'sk_live_1');
    assert.equal(during.open(sealV1(oldKey, 'sk_legacy')), 'sk_legacy');
    const sealed = during.seal('sk_live_2');
    assert.ok(during.isCurrent(sealed));
    assert.ok(!during.isCurrent(before.seal('x')));
    assert.equal(createSecretBox(newKey).open(sealed), 'sk_live_2');
    assert.throws(() => before.open(sealed), /not in the key ring: add it to CONNECT_PREVIOUS_SECRET_KEYS/);
  });

  it('refuses a tampered value and one of a key it does not hold', () => {
    const sealed = during.seal('sk_live_3');
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    assert.throws(() => during.open(tampered));
    assert.throws(() => during.open(sealV1(otherKey, 'x')), /no key of the key ring, or tampered/);
    assert.throws(() => during.open('v3.something'), /Unreadable sealed secret/);
  });

  it('recognises a fingerprint made under any key of the ring, and makes new ones under the current key', () => {
    const made = before.fingerprint('webhook\u0000p\u0000c\u0000w');
    assert.ok(during.matches('webhook\u0000p\u0000c\u0000w', made));
    assert.ok(!during.matches('webhook\u0000p\u0000c\u0000other', made));
    assert.ok(!createSecretBox(otherKey).matches('webhook\u0000p\u0000c\u0000w', made));
    assert.deepEqual(during.fingerprints('t'), [during.fingerprint('t'), before.fingerprint('t')]);
  });
});

describe('secret keys from the environment', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'connect-keys-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('says which key is wrong and how to make a good one', async () => {
    assert.throws(
      () => parseSecretKey('not base64!', 'CONNECT_SECRET_KEY'),
      /^Error: CONNECT_SECRET_KEY is not base64 \(make one with `openssl rand -base64 32`\)\.$/,
    );
    assert.throws(
      () => parseSecretKey(randomBytes(16).toString('base64'), 'CONNECT_SECRET_KEY'),
      /CONNECT_SECRET_KEY is 16 bytes; a secret key is 32 bytes/,
    );
    const good = randomBytes(32).toString('base64');
    await assert.rejects(
      openSecretBox(dataDir, { CONNECT_SECRET_KEY: good, CONNECT_PREVIOUS_SECRET_KEYS: `${good},abc` }),
      /CONNECT_PREVIOUS_SECRET_KEYS item 2 is not base64/,
    );
  });

  it('without CONNECT_SECRET_KEY, generates one key into the data folder, readable by its owner only, and reads it back', async () => {
    const first = await openSecretBox(dataDir, {});
    const file = join(dataDir, 'secret.key');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.equal((await openSecretBox(dataDir, {})).open(first.seal('kept')), 'kept');
    assert.equal(parseSecretKey(await readFile(file, 'utf8'), file).length, 32);
  });

  it('creates the data folder for the key when nothing else has (on PostgreSQL no SQLite file does)', async () => {
    const folder = join(dataDir, 'not', 'yet');
    const box = await openSecretBox(folder, {});
    assert.equal((await openSecretBox(folder, {})).open(box.seal('kept')), 'kept');
  });
});

describe(`changing the secret key of a running deployment (${STORE_KIND})`, () => {
  let harness: Harness;
  let oldKey: Buffer;
  const newKey = randomBytes(32);
  before(async () => {
    harness = await startHarness();
    oldKey = parseSecretKey(await readFile(join(harness.dataDir, 'secret.key'), 'utf8'), 'secret.key');
  });
  after(() => harness.close());

  const connect = (app: Awaited<ReturnType<typeof anotherServer>>, token: string, apiKey: string, selectedCredentialId?: string) =>
    app.inject({
      method: 'POST',
      url: sdkPath('/credentials'),
      headers: { authorization: `Bearer ${token}` },
      payload: {
        integrationId: INTEGRATION_ID,
        payload: { API_KEY: apiKey },
        ...(selectedCredentialId && { installOptions: { selectedCredentialId } }),
      },
    });

  async function secretsOf(box: SecretBox): Promise<Map<string, unknown>> {
    const rows = await harness.store.selectFrom('credentials').select(['id', 'sealed_secret']).execute();
    return new Map(rows.map((row) => [row.id, openSecret(box, row.sealed_secret)]));
  }

  it('keeps every account through the change, with writers running beside the reseal, and then needs the old key no more', async () => {
    const USERS = 24;
    const users = Array.from({ length: USERS }, (_, index) => `rotate-${index}`);
    const credentials: ConnectCredential[] = [];
    for (const user of users) credentials.push(await installApiKey(harness, user, `${user}-old`));

    // The instances restart with the new key, the old one kept to open what it sealed.
    const during = createSecretBox(newKey, [oldKey]);
    const server = await anotherServer(harness, { secrets: during });
    try {
      // An account connected before the change is still recognised as the same account.
      const again = await connect(server, await harness.token(users[0]!), `${users[0]}-old`);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal((again.json() as ConnectCredential).id, credentials[0]!.id);

      // Half the users replace their API key while the reseal runs.
      const tokens = await Promise.all(users.map((user) => harness.token(user)));
      const [outcome, ...answers] = await Promise.all([
        resealSecrets(harness.store, during),
        ...users.map((user, index) => (index % 2 === 0 ? connect(server, tokens[index]!, `${user}-new`, credentials[index]!.id) : undefined)),
      ]);
      for (const answer of answers) if (answer) assert.equal(answer.statusCode, 200, answer.body);
      assert.equal(outcome.unreadable.length, 0);
      let finish = await resealSecrets(harness.store, during);
      if (finish.raced > 0) finish = await resealSecrets(harness.store, during);
      assert.deepEqual([finish.resealed, finish.raced, finish.unreadable], [0, 0, []], 'a second run finds nothing left');
      assert.ok(finish.current >= USERS);
    } finally {
      await server.close();
    }

    // The old key is dropped: every secret opens with the new key alone and holds the last acknowledged write.
    const after = createSecretBox(newKey);
    const stored = await secretsOf(after);
    users.forEach((user, index) => {
      assert.deepEqual(
        stored.get(credentials[index]!.id),
        { kind: 'api_key', values: { API_KEY: `${user}-${index % 2 === 0 ? 'new' : 'old'}` } },
        user,
      );
    });
    await assert.rejects(async () => secretsOf(createSecretBox(oldKey)), /not in the key ring/);

    // Fingerprints moved too: the same API key is still the same account under the new key alone.
    const server2 = await anotherServer(harness, { secrets: after });
    try {
      const again = await connect(server2, await harness.token(users[1]!), `${users[1]}-old`);
      assert.equal(again.statusCode, 200, again.body);
      assert.equal((again.json() as ConnectCredential).id, credentials[1]!.id);
    } finally {
      await server2.close();
    }
  });
});
