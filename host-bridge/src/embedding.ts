/**
 * What an embedding of the portal is, for the bridge: something that mounts the portal, hands it
 * one end of a private `MessagePort`, and shows or hides it. The frame (frame.ts) is the default;
 * the in-page element (element.ts) is its own entry point, so that a host page in frame mode never
 * downloads element mode's code. Types only: the bridge passes an embedding all it needs (the
 * handshake, its errors) in its context, so that element.ts shares no code with the bridge's
 * module and each file ships whole.
 */
import type { PortEnd } from '../../protocol/src/port-rpc.js';

export interface MountedPortal {
  /** Pairs (again): a new port, a new handshake; the previous port is closed. */
  pair(): Promise<PortEnd>;
  /**
   * Shows the portal: the frame of a modal covers the page, locks its scroll and makes the rest of
   * it inert; inline, it takes its place.
   */
  show(): void;
  hide(): void;
  /** The inline frame follows the portal's height. */
  resize(height: number): void;
  destroy(): void;
}

export interface EmbeddingContext {
  connectUrl: string;
  projectId: string;
  /**
   * Pairs over a new `MessageChannel`: `deliver` hands the portal its end, and the port opens once
   * the portal says it is ready. No answer in time rejects with `not_connected` and the message
   * `unanswered()` gives then (it may look at why).
   */
  handshake(deliver: (port: MessagePort) => unknown, unanswered: () => string): Promise<PortEnd>;
  /** The portal started afresh on its own (a reloaded frame): pair with it again, with the session and settings. */
  reload(): void;
}

/** Mounts the portal for one `paragon`: `frameEmbedding()` (the default) or `elementEmbedding()`. */
export type Embedding = (context: EmbeddingContext) => MountedPortal;
