/**
 * The sandbox provider's own pages: sign-in, consent and errors. Plain HTML forms, no script, no
 * inline style, one small stylesheet; every value they reflect goes through `escapeHtml`.
 */
import { SANDBOX_PASSWORD, SANDBOX_USERS } from './users.js';

export const STYLESHEET_PATH = '/assets/sandbox.css';

export const STYLESHEET = `body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f3f4f6; color: #111827;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { box-sizing: border-box; width: min(24rem, calc(100vw - 2rem)); padding: 2rem; background: #fff; border-radius: 12px;
  box-shadow: 0 1px 3px rgb(0 0 0 / 10%), 0 12px 32px rgb(0 0 0 / 6%); }
.brand { margin: 0 0 1.5rem; font-weight: 700; color: #4338ca; }
h1 { margin: 0; font-size: 1.5rem; }
form { display: grid; gap: .4rem; margin: 1.25rem 0 0; }
label { font-weight: 600; font-size: .9rem; }
input { font: inherit; padding: .5rem .75rem; margin-bottom: .6rem; border: 1px solid #9ca3af; border-radius: 8px; }
button { font: inherit; font-weight: 600; padding: .6rem 1rem; border: 0; border-radius: 8px; background: #4338ca; color: #fff; cursor: pointer; }
button[value="deny"] { background: #e5e7eb; color: #111827; }
:focus-visible { outline: 3px solid #818cf8; outline-offset: 2px; }
.actions { grid-template-columns: 1fr 1fr; }
.error { padding: .5rem .75rem; border-radius: 8px; background: #fef2f2; color: #b91c1c; }
.hint, ul { color: #4b5563; font-size: .9rem; }
`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/**
 * The pages' Content Security Policy. `formTargets` are the client's redirect origins: the
 * consent form posts here, and the redirects that follow end at the client, and Chromium checks
 * `form-action` at every hop of that chain.
 */
export function pagePolicy(formTargets: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    ["form-action 'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function layout(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sandbox SaaS</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
<p class="brand">Sandbox SaaS</p>
${content}
</main>
</body>
</html>
`;
}

export interface LoginPage {
  action: string;
  clientId: string;
  /** The username to fill in again after a failed attempt. */
  login?: string;
  failed?: boolean;
}

export function loginPage({ action, clientId, login = '', failed = false }: LoginPage): string {
  const users = SANDBOX_USERS.map((user) => user.login).join(', ');
  return layout(
    'Sign in',
    `<h1>Sign in</h1>
<p>to connect your account to <strong>${escapeHtml(clientId)}</strong>.</p>
${failed ? '<p class="error" role="alert">Wrong username or password.</p>' : ''}
<form method="post" action="${escapeHtml(action)}">
<label for="login">Username</label>
<input id="login" name="login" autocomplete="username" autocapitalize="none" required value="${escapeHtml(login)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p class="hint">Test users: ${escapeHtml(users)}. Password: ${escapeHtml(SANDBOX_PASSWORD)}.</p>`,
  );
}

export interface ConsentPage {
  action: string;
  clientId: string;
  user: { login: string; name: string; workspace: string };
  scopes: readonly { name: string; description: string }[];
}

export function consentPage({ action, clientId, user, scopes }: ConsentPage): string {
  const items = scopes.map((scope) => `<li><strong>${escapeHtml(scope.name)}</strong>: ${escapeHtml(scope.description)}</li>`);
  return layout(
    'Allow access',
    `<h1>Allow access?</h1>
<p><strong>${escapeHtml(clientId)}</strong> asks to use the ${escapeHtml(user.workspace)} account of
${escapeHtml(user.name)} (${escapeHtml(user.login)}) with these scopes:</p>
<ul>${items.join('')}</ul>
<form class="actions" method="post" action="${escapeHtml(action)}">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" name="decision" value="allow">Allow</button>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
