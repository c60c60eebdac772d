/**
 * The demo host app's signing key pair, generated into `data/` on first start. The Connect
 * server reads the public half (see demo/connect.config.json); the host app signs with the private half.
 */
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT } from 'jose';

export const KEY_DIR = 'data';
export const KEY_ID = 'demo-1';
const PRIVATE_KEY_FILE = join(KEY_DIR, 'demo-user-token.private.pem');
const PUBLIC_KEY_FILE = join(KEY_DIR, 'demo-user-token.public.pem');

/** The private key PEM, creating the pair if this is the first start. */
export async function ensureDemoKeys(): Promise<string> {
  try {
    return await readFile(PRIVATE_KEY_FILE, 'utf8');
  } catch {
    await mkdir(KEY_DIR, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await writeFile(PRIVATE_KEY_FILE, privatePem, { mode: 0o600 });
    await writeFile(PUBLIC_KEY_FILE, publicKey.export({ type: 'spki', format: 'pem' }));
    return privatePem;
  }
}

/** A user token as the demo host app's backend signs one: RS256 under `KEY_ID`, valid for an hour. */
export const signDemoUserToken = (privateKey: KeyObject, sub: string): Promise<string> =>
  new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: KEY_ID }).setSubject(sub).setIssuedAt().setExpirationTime('1h').sign(privateKey);

const SANDBOX_SECRET_FILE = join(KEY_DIR, 'sandbox-client-secret');

/**
 * The Connect server's client secret at the sandbox provider, generated on first start: the
 * demo config reads it from this file, as a real deployment reads its providers' secrets.
 */
export async function ensureSandboxClientSecret(): Promise<string> {
  try {
    return (await readFile(SANDBOX_SECRET_FILE, 'utf8')).trim();
  } catch {
    await mkdir(KEY_DIR, { recursive: true });
    const secret = randomBytes(24).toString('base64url');
    await writeFile(SANDBOX_SECRET_FILE, secret, { mode: 0o600 });
    return secret;
  }
}
