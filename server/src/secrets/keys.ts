/**
 * Where the secret keys come from: `CONNECT_SECRET_KEY` (base64 of 32 bytes) seals, and
 * `CONNECT_PREVIOUS_SECRET_KEYS` (the keys it replaced, comma-separated, newest first) only open.
 * Without `CONNECT_SECRET_KEY`, a key is generated once into the data folder, owner-only: fine for
 * one machine, not for several instances (they must share the key).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSecretBox, type SecretBox } from './secret-box.js';

const KEY_BYTES = 32;

/** A key from its base64 text, or an error naming where it came from and what is wrong. */
export function parseSecretKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new Error(`${source} is not base64 (make one with \`openssl rand -base64 32\`).`);
  }
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES)
    throw new Error(`${source} is ${key.length} bytes; a secret key is ${KEY_BYTES} bytes (\`openssl rand -base64 32\`).`);
  return key;
}

/** The current key: from the environment, else from `<dataDir>/secret.key`, created on first start. */
async function currentKey(dataDir: string, env: NodeJS.ProcessEnv): Promise<Buffer> {
  if (env.CONNECT_SECRET_KEY) return parseSecretKey(env.CONNECT_SECRET_KEY, 'CONNECT_SECRET_KEY');
  const file = join(dataDir, 'secret.key');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    const key = randomBytes(KEY_BYTES);
    // On PostgreSQL nothing else creates the data folder.
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return key;
  }
  return parseSecretKey(text, file);
}

/** The keys `CONNECT_PREVIOUS_SECRET_KEYS` lists, each checked. */
function previousKeys(env: NodeJS.ProcessEnv): Buffer[] {
  const list = env.CONNECT_PREVIOUS_SECRET_KEYS?.trim();
  if (!list) return [];
  return list.split(',').map((text, index) => parseSecretKey(text, `CONNECT_PREVIOUS_SECRET_KEYS item ${index + 1}`));
}

/** The secret box of this deployment's key ring. */
export async function openSecretBox(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<SecretBox> {
  return createSecretBox(await currentKey(dataDir, env), previousKeys(env));
}
