/**
 * The portal's side of the bridge: exposes the `PortalMethods` allow-list to the host over a
 * penpal messenger (a `MessagePort` in element mode, the parent window in frame mode).
 * Arguments are validated on receipt; answers are `Result`s, so no stack crosses.
 */
import { connect, type Connection, type Messenger } from 'penpal';
import type { ConnectUser, HostMethods, OpenRequest, PortalMethods, SessionHandOver } from '../../../protocol/src/rpc.js';
import { parseOpenRequest, parseSessionHandOver, RPC_CHANNEL, toResult } from '../../../protocol/src/rpc.js';

/** What the portal element does for the host. */
export interface PortalController {
  authenticate(session: SessionHandOver): Promise<ConnectUser>;
  open(request: OpenRequest): Promise<void>;
  close(): void;
  attachHost(host: HostMethods): void;
}

export function serveHost(messenger: Messenger, controller: PortalController): Connection<HostMethods> {
  // A null prototype, so that `constructor`, `__proto__` or `toString` name no method.
  const methods: PortalMethods = Object.assign(Object.create(null) as object, {
    authenticate: (session: unknown) => toResult(() => controller.authenticate(parseSessionHandOver(session))),
    open: (request: unknown) => toResult(async () => (await controller.open(parseOpenRequest(request)), null)),
    close: () => toResult(() => (controller.close(), null)),
  });
  const connection = connect<HostMethods>({ messenger, methods, channel: RPC_CHANNEL });
  connection.promise.then(
    // Events are hints to the host: one lost with a closing connection must not throw here.
    (host) =>
      controller.attachHost({
        emit: (event) => void host.emit(event).catch(() => undefined),
        setUser: (user) => void host.setUser(user).catch(() => undefined),
      }),
    () => undefined, // destroyed before the host connected: nothing to attach
  );
  return connection;
}
