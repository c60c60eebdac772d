/**
 * Element mode, its own entry point (`connect-portal/host-bridge/element`): the bridge pairs with
 * an in-page `<paragon-connect-portal>` (loaded with its own `<script>` tag) by handing it one end
 * of a new `MessageChannel` directly. Nothing crosses a window, so there is no origin to check.
 *
 *     const paragon = createParagon({ connectUrl, embedding: elementEmbedding(document.querySelector('paragon-connect-portal')) });
 */
import type { PortEnd } from '../../protocol/src/port-rpc.js';
import type { Embedding, MountedPortal } from './embedding.js';

const TAG = 'paragon-connect-portal';

interface PortalElement extends Element {
  connectHost(port: MessagePort): void;
}

/** Pairs with `element`, or with the first `<paragon-connect-portal>` of the page when none is given. */
export const elementEmbedding =
  (element?: Element | null): Embedding =>
  ({ handshake }) => {
    let current: PortEnd | undefined;
    const portal = () => (element ?? document.querySelector(TAG)) as PortalElement | null;
    const mounted: MountedPortal = {
      async pair() {
        current?.close();
        current = await handshake(
          async (port) => {
            await customElements.whenDefined(TAG);
            portal()?.connectHost(port);
          },
          () =>
            !customElements.get(TAG)
              ? `<${TAG}> is not defined: load the portal bundle with a <script> tag.`
              : portal()
                ? `<${TAG}> did not answer.`
                : `No <${TAG}> element to pair with: place one in the page.`,
        );
        return current;
      },
      // The element is in the page, where the host put it: it shows and hides its own dialog.
      show() {},
      hide() {},
      resize() {},
      destroy: () => current?.close(),
    };
    return mounted;
  };
