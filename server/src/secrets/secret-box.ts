/**
 * Secrets at rest (API keys, provider tokens, a sign-in's PKCE verifier): AES-256-GCM with a random
 * 96-bit IV per record, under a key ring. The current key seals; every key of the ring opens, so
 * the key can change without a stored secret becoming unreadable (docs/self-hosting.md, "Changing
 * the secret key"): each sealed value names the key that sealed it, and `reseal.ts` moves them all
 * to the current key before an old one is dropped.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** `v2.<key id>.<iv>.<tag>.<ciphertext>`. `v1` values (before key rings) carry no key id. */
const VERSION = 'v2';
const KEY_BYTES = 32;

export interface SecretBox {
  /** Seals with the current key. */
  seal(plaintext: string): string;
  /** Opens a value sealed by any key of the ring; throws on a tampered one or one of an unknown key. */
  open(sealed: string): string;
  /** True when `sealed` is already sealed by the current key (re-sealing can skip it). */
  isCurrent(sealed: string): boolean;
  /** A keyed hash (HMAC-SHA256) under the current key: equal inputs match, and nothing about the input can be learnt without the key. */
  fingerprint(text: string): string;
  /** The fingerprints of `text` under every key of the ring, the current one first: to recognise one made before the key changed. */
  fingerprints(text: string): string[];
  /** True when `fingerprint` is the fingerprint of `text` under a key of the ring (compared in constant time). */
  matches(text: string, fingerprint: string): boolean;
}

interface RingKey {
  /** Names the key in sealed values without saying anything about it. */
  id: string;
  key: Buffer;
  /** A separate key for fingerprints, so that no key is used for two purposes. */
  fingerprintKey: Buffer;
}

function ringKey(key: Buffer): RingKey {
  if (key.length !== KEY_BYTES) throw new Error(`A secret key must be ${KEY_BYTES} bytes (AES-256), not ${key.length}.`);
  return {
    id: createHmac('sha256', key).update('connect-portal key id v1').digest('base64url').slice(0, 8),
    key,
    fingerprintKey: createHmac('sha256', key).update('connect-portal fingerprint v1').digest(),
  };
}

function decrypt({ key }: RingKey, iv: string, tag: string, ciphertext: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

const sameText = (a: string, b: string) => {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
};

/** A box sealing with `current` and opening with it or any of `previous` (the keys it replaced, newest first). */
export function createSecretBox(current: Buffer, previous: readonly Buffer[] = []): SecretBox {
  const ring = [current, ...previous].map(ringKey);
  const [sealing] = ring as [RingKey, ...RingKey[]];
  const hash = ({ fingerprintKey }: RingKey, text: string) => createHmac('sha256', fingerprintKey).update(text).digest('base64url');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealing.key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, sealing.id, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join('.');
    },
    open(sealed) {
      const parts = sealed.split('.');
      if (parts[0] === VERSION && parts.length === 5) {
        const [, id, iv, tag, ciphertext] = parts as [string, string, string, string, string];
        const key = ring.find((candidate) => candidate.id === id);
        if (!key) throw new Error(`Sealed by key ${id}, which is not in the key ring: add it to CONNECT_PREVIOUS_SECRET_KEYS.`);
        return decrypt(key, iv, tag, ciphertext);
      }
      if (parts[0] === 'v1' && parts.length === 4) {
        // No key id: the authentication tag tells which key sealed it.
        const [, iv, tag, ciphertext] = parts as [string, string, string, string];
        for (const key of ring) {
          try {
            return decrypt(key, iv, tag, ciphertext);
          } catch {
            // Not this key (or tampered): try the next.
          }
        }
        throw new Error('Sealed by no key of the key ring, or tampered with.');
      }
      throw new Error('Unreadable sealed secret.');
    },
    isCurrent(sealed) {
      return sealed.startsWith(`${VERSION}.${sealing.id}.`);
    },
    fingerprint(text) {
      return hash(sealing, text);
    },
    fingerprints(text) {
      return ring.map((key) => hash(key, text));
    },
    matches(text, fingerprint) {
      // Every key is tried, so the time taken does not say which one matched.
      return ring.map((key) => sameText(hash(key, text), fingerprint)).includes(true);
    },
  };
}
