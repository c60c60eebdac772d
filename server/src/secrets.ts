/**
 * Secrets at rest (API keys, later provider tokens): AES-256-GCM with a random 96-bit IV per
 * record. The key comes from `CONNECT_SECRET_KEY` (base64, 32 bytes) or, for the embedded
 * default, is generated once into the data folder with owner-only permissions.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const VERSION = 'v1';

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** A keyed hash (HMAC-SHA256): equal inputs match, and nothing about the input can be learnt without the key. */
  fingerprint(text: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes (AES-256).');
  // A separate key for fingerprints, so the encryption key is never used for two purposes.
  const fingerprintKey = createHmac('sha256', key).update('connect-portal fingerprint v1').digest();
  return {
    fingerprint(text) {
      return createHmac('sha256', fingerprintKey).update(text).digest('base64url');
    },
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, ciphertext] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('Unreadable sealed secret.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

/** The key from the environment, else from `<dataDir>/secret.key`, created on first start. */
export async function loadSecretKey(dataDir: string, env = process.env): Promise<Buffer> {
  if (env.CONNECT_SECRET_KEY) return Buffer.from(env.CONNECT_SECRET_KEY, 'base64');
  const file = join(dataDir, 'secret.key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch {
    const key = randomBytes(32);
    await writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return key;
  }
}
