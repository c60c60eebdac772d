/**
 * The pages the sign-in window shows on this server: the end of a sign-in (connected, or why
 * not), the nonce page of Paragon's SDK, and their one script. Everything they show is escaped
 * text; a provider's `error_description` is shown inertly. No page carries a code, a token or a
 * state, and none may be framed.
 */
import type { FastifyReply } from 'fastify';

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

export const WINDOW_SCRIPT_PATH = '/oauth/assets/window.js';
export const WINDOW_STYLES_PATH = '/oauth/assets/window.css';

/**
 * The script of these pages: closes the window after a completed sign-in (it was opened by a
 * script, so it may), wires the Close button, and on Paragon's nonce page tells the opener that
 * the page loaded, at the one origin the server wrote into the page.
 */
export const WINDOW_SCRIPT = `(() => {
  const page = document.querySelector('meta[name="connect-oauth"]');
  if (!page) return;
  const { outcome, openerOrigin } = page.dataset;
  if (outcome === 'nonce' && openerOrigin && window.opener) window.opener.postMessage({ type: 'oauth-nonce-loaded' }, openerOrigin);
  if (outcome === 'connected') setTimeout(() => window.close(), 300);
  document.querySelector('button[data-close]')?.addEventListener('click', () => window.close());
})();
`;

export const WINDOW_STYLES = `:root{color-scheme:light dark;font-family:system-ui,sans-serif}
body{margin:0;min-height:100vh;display:grid;place-items:center;background:Canvas;color:CanvasText}
main{max-width:28rem;padding:2rem;text-align:center}
h1{font-size:1.25rem;margin:0 0 .75rem}
p{line-height:1.5;overflow-wrap:anywhere}
.detail{font-size:.875rem;opacity:.8}
button{font:inherit;padding:.5rem 1.25rem;border-radius:.375rem;border:1px solid currentColor;background:transparent;color:inherit;cursor:pointer}
`;

/** What these pages may do: run their own script and style, nothing else; nobody may frame them. */
const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface WindowPage {
  status: number;
  outcome: 'connected' | 'failed' | 'nonce';
  title: string;
  message: string;
  /** Shown smaller, as text: a provider's own words, an error code. */
  detail?: string;
  /** Nonce page only: the host page's origin, already checked against the project's allowed origins. */
  openerOrigin?: string;
}

export function sendWindowPage(reply: FastifyReply, page: WindowPage): FastifyReply {
  const data = [`data-outcome="${page.outcome}"`, ...(page.openerOrigin ? [`data-opener-origin="${escape(page.openerOrigin)}"`] : [])].join(' ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="connect-oauth" ${data}>
<title>${escape(page.title)}</title>
<link rel="stylesheet" href="${WINDOW_STYLES_PATH}">
<script src="${WINDOW_SCRIPT_PATH}" defer></script>
</head>
<body>
<main>
<h1>${escape(page.title)}</h1>
<p>${escape(page.message)}</p>
${page.detail ? `<p class="detail">${escape(page.detail)}</p>` : ''}
${page.outcome === 'nonce' ? '' : '<button type="button" data-close>Close this window</button>'}
</main>
</body>
</html>
`;
  return reply
    .code(page.status)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', POLICY)
    .header('Cache-Control', 'no-store')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Content-Type-Options', 'nosniff')
    .send(html);
}
