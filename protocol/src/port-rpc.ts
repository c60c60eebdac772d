/**
 * The wire of the bridge: one end of a private `MessagePort`, calling the other end's methods
 * and serving its own. Both the host bridge and the portal use it, in both embeddings.
 *
 * Why not penpal, which the starting design named: penpal's transport alone is 3.4 KB of the
 * host bridge's 5 KB budget, for features this fixed protocol does not use (nested method paths,
 * generic proxies, several messengers). What it gave that matters is kept here: the handshake
 * moves everything onto a `MessagePort` transferred to one exact origin (see `handshake.ts` in
 * the host bridge and `frame.ts` in the portal), so nothing is ever posted to `'*'` and no other
 * window can talk on it; every call has a timeout; errors cross as `{ name, code, message }`
 * without a stack; a method is looked up as an own property of a null-prototype table, so
 * `constructor` or `__proto__` name nothing; every argument is validated by the method itself.
 */
import { ConnectError, serializeError, type SerializedError } from './errors.js';

/** Versioned: a peer speaking another version is not understood, rather than misunderstood. */
export const WIRE = 'paragon-connect/v1';

/** A message on the port: a call (`m`, `a`, and `i` when it wants an answer) or an answer (`i`, and `r` or `e`). */
interface Message {
  w: typeof WIRE;
  i?: number;
  m?: string;
  a?: unknown[];
  r?: unknown;
  e?: SerializedError;
}

export type MethodTable = Readonly<Record<string, (...args: never[]) => unknown>>;

export interface PortEnd {
  /** Calls a method of the other end; rejects with its error, or `timeout` after `timeoutMs`. */
  call(method: string, args?: unknown[], timeoutMs?: number): Promise<unknown>;
  /** Calls a method of the other end without waiting for (or getting) an answer. */
  notify(method: string, args?: unknown[]): void;
  close(): void;
}

const closed = () => new ConnectError('not_connected', 'The connection to the Connect Portal is closed.');

/** How long a call waits for an answer unless told otherwise. */
export const CALL_TIMEOUT_MS = 10_000;

/** A method table no inherited name can reach: `Object.hasOwn` finds only what is listed. */
export const methodTable = <T extends object>(methods: T): T => Object.assign(Object.create(null) as object, methods) as T;

const isMessage = (data: unknown): data is Message => typeof data === 'object' && data !== null && (data as Message).w === WIRE;

export function openPort(port: MessagePort, methods: MethodTable, onClose?: () => void): PortEnd {
  /** Each call waiting for its answer, by id: settles it once (with its answer, an error, or its timeout) and forgets it. */
  const pending = new Map<unknown, (error: ConnectError | undefined, value?: unknown) => void>();
  let next = 0;
  let open = true;
  const post = (message: Omit<Message, 'w'>) => open && port.postMessage({ w: WIRE, ...message });

  port.onmessage = async ({ data }) => {
    if (!isMessage(data)) return;
    const { i, m, a, r, e } = data;
    if (typeof m === 'string') {
      let reply: Omit<Message, 'w'>;
      try {
        if (!Object.hasOwn(methods, m)) throw new ConnectError('invalid_argument', `There is no method "${m}".`);
        reply = { i, r: await (methods[m] as (...args: unknown[]) => unknown)(...(Array.isArray(a) ? a : [])) };
      } catch (error) {
        reply = { i, e: serializeError(error) };
      }
      if (typeof i === 'number') post(reply);
      return;
    }
    pending.get(i)?.(e && new ConnectError(e.code, e.message, e.field, e.response), r);
  };

  const end: PortEnd = {
    call(method, args = [], timeoutMs = CALL_TIMEOUT_MS) {
      if (!open) return Promise.reject(closed());
      return new Promise((resolve, reject) => {
        const i = ++next;
        const timer = setTimeout(
          () => settle(new ConnectError('timeout', `The Connect Portal did not answer "${method}" within ${timeoutMs / 1000} s.`)),
          timeoutMs,
        );
        const settle = (error: ConnectError | undefined, value?: unknown) => {
          clearTimeout(timer);
          pending.delete(i);
          if (error) reject(error);
          else resolve(value);
        };
        pending.set(i, settle);
        post({ i, m: method, a: args });
      });
    },
    notify(method, args = []) {
      post({ m: method, a: args });
    },
    close() {
      if (!open) return;
      open = false;
      port.close();
      for (const settle of pending.values()) settle(closed());
      onClose?.();
    },
  };
  return end;
}
