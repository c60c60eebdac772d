/**
 * Mounting the portal and opening the RPC connection to it, in either embedding:
 *
 * - frame: a cross-origin `<iframe>` of `{connectUrl}/portal/frame`. penpal's handshake runs
 *   over `window.postMessage` with the Connect origin as the only allowed origin (checked with
 *   the source window), then moves every message onto a private `MessagePort`.
 * - element: an in-page `<paragon-connect-portal>` (loaded with a `<script>` tag), paired over a
 *   fresh `MessageChannel` whose port is handed to the element directly.
 */
import { connect, PortMessenger, WindowMessenger, type Connection, type Methods } from 'penpal';
import { ConnectError } from '../../protocol/src/errors.js';
import { RPC_CHANNEL, RPC_TIMEOUT_MS, type PortalMethods } from '../../protocol/src/rpc.js';

export interface MountedPortal {
  connection: Connection<PortalMethods>;
  /** Makes the portal visible (frame mode: the full-viewport iframe that holds the modal). */
  show(): void;
  hide(): void;
  destroy(): void;
}

const TAG = 'paragon-connect-portal';

interface PortalElement extends HTMLElement {
  connectHost(port: MessagePort): void;
}

const openConnection = (messenger: WindowMessenger | PortMessenger, methods: Methods) =>
  connect<PortalMethods>({ messenger, methods, channel: RPC_CHANNEL, timeout: RPC_TIMEOUT_MS });

export function mountFrame(connectUrl: string, projectId: string, methods: Methods): MountedPortal {
  const iframe = document.createElement('iframe');
  iframe.title = 'Connect Portal';
  iframe.src = `${connectUrl}/portal/frame?projectId=${encodeURIComponent(projectId)}`;
  // CSSOM writes, not a style attribute, so a host page under a strict CSP can mount it.
  Object.assign(iframe.style, {
    position: 'fixed',
    inset: '0',
    width: '100%',
    height: '100%',
    border: '0',
    zIndex: '2147483647',
    display: 'none',
  });
  document.body.append(iframe);
  const connection = openConnection(
    new WindowMessenger({ remoteWindow: iframe.contentWindow!, allowedOrigins: [connectUrl] }),
    methods,
  );
  let overflow = '';
  return {
    connection,
    show() {
      overflow = document.documentElement.style.overflow;
      document.documentElement.style.overflow = 'hidden';
      iframe.style.display = 'block';
      iframe.focus();
    },
    hide() {
      iframe.style.display = 'none';
      document.documentElement.style.overflow = overflow;
    },
    destroy() {
      connection.destroy();
      iframe.remove();
    },
  };
}

export async function mountElement(element: Element | null | undefined, methods: Methods): Promise<MountedPortal> {
  await Promise.race([
    customElements.whenDefined(TAG),
    new Promise((_, reject) =>
      setTimeout(
        () => reject(new ConnectError('not_connected', `<${TAG}> is not defined: load the portal bundle with a <script> tag.`)),
        RPC_TIMEOUT_MS,
      ),
    ),
  ]);
  const portal = (element ?? document.querySelector(TAG)) as PortalElement | null;
  if (!portal?.connectHost) throw new ConnectError('not_connected', `No <${TAG}> element to pair with: place one in the page.`);
  const { port1, port2 } = new MessageChannel();
  portal.connectHost(port2);
  const connection = openConnection(new PortMessenger({ port: port1 }), methods);
  return { connection, show() {}, hide() {}, destroy: () => connection.destroy() };
}
