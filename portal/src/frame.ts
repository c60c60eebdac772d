/**
 * The framed page's script (`/portal/frame`): pairs `<paragon-connect-portal>` with the parent
 * window. Which parents to trust comes from the server, in a `<meta>` of the page it rendered
 * from the project's config: never from the URL, the referrer or `'*'`.
 */
import { WindowMessenger } from 'penpal';
import './define.js';

const portal = document.querySelector('paragon-connect-portal');
const allowedOrigins = (document.querySelector<HTMLMetaElement>('meta[name="paragon-allowed-origins"]')?.content ?? '')
  .split(' ')
  .filter(Boolean);

if (portal && allowedOrigins.length > 0 && window.parent !== window) {
  portal.serve(new WindowMessenger({ remoteWindow: window.parent, allowedOrigins }));
}
