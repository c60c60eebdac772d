/**
 * Which message starts (or restarts) the framed portal's connection to its host bridge: a
 * `{ w: WIRE, type: 'connect' }` carrying a `MessagePort`, from the parent window itself, sent by
 * an origin the project allows, compared as exact strings. Anything else is ignored: another
 * window (a second frame of the host's own origin included), another origin (a look-alike such as
 * `https://host.test.evil.test`, a sandboxed frame's `"null"`), another version of the wire, a
 * message of the old penpal transport. A rejected origin is logged once, so that a misconfigured
 * host sees why nothing happens without a hostile page filling the console.
 */
import { WIRE } from '../../../protocol/src/port-rpc.js';

export interface HandshakeContext {
  /** The only window a handshake may come from. */
  parent: MessageEventSource | null;
  /** The project's allowed origins, as the server wrote them. */
  allowedOrigins: readonly string[];
}

/** The port a message hands over, or `undefined` when it is not a handshake to accept. */
export function handshakePort(
  { data, ports, source, origin }: Pick<MessageEvent<unknown>, 'data' | 'ports' | 'source' | 'origin'>,
  context: HandshakeContext,
): MessagePort | undefined {
  if (source === null || source !== context.parent || !context.allowedOrigins.includes(origin)) return undefined;
  const message = typeof data === 'object' && data !== null ? (data as { w?: unknown; type?: unknown }) : {};
  if (message.w !== WIRE || message.type !== 'connect' || !(ports[0] instanceof MessagePort)) return undefined;
  return ports[0];
}

/** Logs each origin whose messages are refused, once. */
export function originLogger(allowedOrigins: readonly string[], warn: (message: string) => void = console.warn): (origin: string) => void {
  const logged = new Set<string>();
  return (origin) => {
    if (allowedOrigins.includes(origin) || logged.has(origin) || logged.size >= 20) return;
    logged.add(origin);
    warn(`[paragon] origin_rejected: ignored a message from ${origin}, which is not among this project's allowedOrigins.`);
  };
}
