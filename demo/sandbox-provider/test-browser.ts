/**
 * A user's browser played with plain fetch, for tests that drive the sandbox provider's pages:
 * it keeps cookies, follows redirects within one origin, stops at a redirect that leaves it (to
 * an app's callback), and submits forms.
 */
import assert from 'node:assert/strict';
import { SANDBOX_PASSWORD } from './users.js';

export interface Visit {
  url: URL;
  status: number;
  headers: Headers;
  html: string;
}

/** Keeps cookies, follows redirects within the provider, and stops at one that leaves it. */
export class Browser {
  readonly #cookies = new Map<string, string>();
  constructor(readonly origin: string) {}

  async go(url: string | URL, init: RequestInit = {}): Promise<Visit> {
    let target = new URL(url, this.origin);
    for (let hop = 0; hop < 10; hop++) {
      const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie } });
      for (const line of response.headers.getSetCookie()) {
        const [, name = '', value = ''] = /^([^=]+)=([^;]*)/.exec(line) ?? [];
        if (value && !/expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.set(name, value);
        else this.#cookies.delete(name);
      }
      const location = response.headers.get('location');
      const visit = { url: target, status: response.status, headers: response.headers, html: await response.text() };
      if (!location || response.status < 300 || response.status >= 400) return visit;
      target = new URL(location, target);
      if (target.origin !== this.origin) return { ...visit, url: target };
      init = {}; // a 303 is followed with a GET
    }
    throw new Error('too many redirects');
  }

  /** Submits the page's form (its first one) with these fields. */
  submit(page: Visit, fields: Record<string, string>): Promise<Visit> {
    const action = /<form[^>]* action="([^"]+)"/.exec(page.html)?.[1];
    assert.ok(action, 'the page has a form');
    return this.go(new URL(action, page.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  }
}

/**
 * Signs `login` in at an authorization URL of the sandbox, through its login and consent pages,
 * and answers the URL the provider sent the browser back to (the app's callback).
 */
export async function signInAtSandbox(
  authorizeUrl: string,
  login: string,
  { decision = 'allow' }: { decision?: 'allow' | 'deny' } = {},
): Promise<URL> {
  const browser = new Browser(new URL(authorizeUrl).origin);
  const loginPage = await browser.go(authorizeUrl);
  assert.match(loginPage.html, /<label for="login">Username<\/label>/, `the login form is shown (${loginPage.status})`);
  const consent = await browser.submit(loginPage, { login, password: SANDBOX_PASSWORD });
  const callback = await browser.submit(consent, { decision });
  return callback.url;
}
