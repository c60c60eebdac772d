/**
 * Pairing with the portal: a new `MessageChannel`, one end handed to the portal by the embedding,
 * the other opened here with the host's methods. The portal calls `ready` once it serves its end;
 * until then nothing is sent, and no answer within `HANDSHAKE_TIMEOUT_MS` is an error that says
 * what to check.
 */
import { ConnectError } from '../../protocol/src/errors.js';
import { methodTable, openPort, type MethodTable, type PortEnd } from '../../protocol/src/port-rpc.js';
import { HANDSHAKE_TIMEOUT_MS } from '../../protocol/src/rpc.js';

export function handshake(methods: MethodTable, deliver: (port: MessagePort) => unknown, unanswered: () => string): Promise<PortEnd> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      end.close();
      reject(new ConnectError('not_connected', unanswered()));
    }, HANDSHAKE_TIMEOUT_MS);
    const end = openPort(
      port1,
      methodTable({
        ...methods,
        ready: () => {
          clearTimeout(timer);
          resolve(end);
        },
      }),
    );
    deliver(port2);
  });
}
