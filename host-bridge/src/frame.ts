/**
 * Frame mode (the default): the portal in a cross-origin `<iframe>` of `{connectUrl}/portal/frame`.
 * Once the frame has loaded, the bridge transfers one end of a new `MessageChannel` to it with
 * `postMessage`, addressed to the Connect origin exactly (a frame that navigated elsewhere
 * receives nothing); the framed page takes it only from this window and only from an origin its
 * project allows. Everything after goes over that private port. A frame that reloads is paired
 * again.
 */
import { WIRE, type PortEnd } from '../../protocol/src/port-rpc.js';
import type { Embedding, MountedPortal } from './embedding.js';

export interface FrameOptions {
  /** Inline: the frame goes into this element, as tall as the portal's content. Otherwise it is a full-page modal. */
  container?: Element;
}

export const frameEmbedding =
  ({ container }: FrameOptions = {}): Embedding =>
  ({ connectUrl, projectId, handshake, reload }) => {
    const iframe = document.createElement('iframe');
    iframe.title = 'Connect Portal';
    iframe.src = `${connectUrl}/portal/frame?projectId=${encodeURIComponent(projectId)}${container ? '&display=inline' : ''}`;
    // A CSSOM write, not a style attribute, so that a host page under a strict CSP can mount it.
    iframe.style.cssText = container
      ? 'width:100%;border:0;display:block;height:0'
      : 'position:fixed;inset:0;width:100%;height:100%;border:0;z-index:2147483647;display:none';
    let current: PortEnd | undefined;
    let loads = 0;
    const loaded = new Promise<void>((resolve) =>
      iframe.addEventListener('load', () => {
        resolve();
        // A reload (a navigation of the frame) loses the port: pair again.
        if (++loads > 1) reload();
      }),
    );
    // A script in the page's <head> may authenticate before there is a body.
    (container ?? document.body ?? document.documentElement).append(iframe);
    // The page behind a modal does not scroll; `hide` gives it back its own overflow.
    const pageStyle = document.documentElement.style;
    let overflow = '';
    /** What `show` made inert: the rest of the page, so that Tab and screen readers stay in the modal. */
    let inerted: HTMLElement[] = [];
    const mounted: MountedPortal = {
      async pair() {
        await loaded;
        current?.close();
        current = await handshake(
          (port) => iframe.contentWindow?.postMessage({ w: WIRE, type: 'connect' }, connectUrl, [port]),
          () => `The Connect Portal at ${connectUrl} did not answer; is this page's origin in the project's allowedOrigins?`,
        );
        return current;
      },
      show() {
        // Shown already (the portal opened again): what it saved is the page's own, and stays.
        if (container || iframe.style.display === 'block') return;
        overflow = pageStyle.overflow;
        pageStyle.overflow = 'hidden';
        inerted = ([...document.body.children] as HTMLElement[]).filter((element) => element !== iframe && !element.inert);
        for (const element of inerted) element.inert = true;
        iframe.style.display = 'block';
        iframe.focus();
      },
      hide() {
        if (container || iframe.style.display === 'none') return;
        iframe.style.display = 'none';
        pageStyle.overflow = overflow;
        for (const element of inerted) element.inert = false;
      },
      resize(height) {
        // Not a number (or NaN) fails the test; Infinity is capped.
        if (container && height >= 0) iframe.style.height = `${Math.min(height, 100_000)}px`;
      },
      destroy() {
        current?.close();
        mounted.hide();
        iframe.remove();
      },
    };
    return mounted;
  };
