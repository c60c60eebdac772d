/**
 * The framed page's script (`/portal/frame`): pairs `<paragon-connect-portal>` with the host
 * bridge of its parent window. The bridge posts `{ w: WIRE, type: 'connect' }` with a
 * `MessagePort`, addressed to this page's origin exactly (a frame navigated elsewhere receives
 * nothing); frame-handshake.ts says which such message is taken. The allowed origins come from
 * the server, in a `<meta>` of the page, never from the URL, the referrer or `'*'`. A later
 * `connect` (the bridge pairing again after losing its connection) replaces the port.
 */
import { handshakePort, originLogger } from './frame-handshake/frame-handshake.js';
import { warmLocaleDataInWorker } from './translations/warm-locale-data.js';
import './define.js';

// First: the browser's locale data loads on another thread while this page waits for its session.
warmLocaleDataInWorker();

const portal = document.querySelector('paragon-connect-portal');
const allowedOrigins = (document.querySelector<HTMLMetaElement>('meta[name="paragon-allowed-origins"]')?.content ?? '').split(' ').filter(Boolean);

if (portal && allowedOrigins.length > 0 && window.parent !== window) {
  // Inline, the frame sits in the host's page: it is as tall as its content, which the bridge follows.
  if (portal.display === 'inline') {
    new ResizeObserver(() => portal.runtime.host?.resize(Math.ceil(document.documentElement.getBoundingClientRect().height))).observe(
      document.documentElement,
    );
  }
  const context = { parent: window.parent, allowedOrigins };
  const rejected = originLogger(allowedOrigins);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const port = handshakePort(event, context);
    if (port) portal.connectHost(port);
    else rejected(event.origin);
  });
  // The bridge shows the frame only once the portal has opened; focus then goes to the dialog's content.
  window.addEventListener('focus', () => portal.focusContent());
}
