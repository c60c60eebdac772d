/**
 * The sandbox provider's test accounts. Fixed, so that tests and people can rely on them: three
 * users, one password. `id` is the account identity the provider issues tokens for (the OIDC
 * `sub`, and `id` in `GET /api/me`), which the Connect server records as the account's providerId.
 */
import { timingSafeEqual } from 'node:crypto';

export interface SandboxUser {
  login: string;
  id: string;
  name: string;
  email: string;
  workspace: string;
}

/** Every test user's password. */
export const SANDBOX_PASSWORD = 'sandbox';

export const SANDBOX_USERS: readonly SandboxUser[] = [
  { login: 'alice', id: 'acct_alice', name: 'Alice Anders', email: 'alice@sandbox.test', workspace: 'Anders Analytics' },
  { login: 'bob', id: 'acct_bob', name: 'Bob Brandt', email: 'bob@sandbox.test', workspace: 'Brandt Bikes' },
  { login: 'carol', id: 'acct_carol', name: 'Carol Chen', email: 'carol@sandbox.test', workspace: 'Chen Consulting' },
];

export const userByLogin = (login: string) => SANDBOX_USERS.find((user) => user.login === login);
export const userById = (id: string) => SANDBOX_USERS.find((user) => user.id === id);

const sameText = (a: string, b: string) => {
  const [left, right] = [Buffer.from(a), Buffer.from(b)];
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The user these credentials sign in, if they do. */
export function checkCredentials(login: string, password: string): SandboxUser | undefined {
  const user = userByLogin(login);
  return user && sameText(password, SANDBOX_PASSWORD) ? user : undefined;
}
