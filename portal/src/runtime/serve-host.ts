/**
 * The portal's side of the bridge: serves the `PortalMethods` allow-list to the host bridge over
 * a private `MessagePort` (handed over directly in element mode, transferred by the framed page's
 * handshake in frame mode), and gives the portal a typed handle on the host's methods. Arguments
 * are validated on receipt; errors cross as `{ name, code, message }`, never with a stack.
 */
import { methodTable, openPort, type PortEnd } from '../../../protocol/src/port-rpc.js';
import {
  parseOpenRequest,
  parsePortalSettings,
  parseSessionHandOver,
  type HostMethods,
  type OpenRequest,
  type PortalSettings,
  type PortalState,
  type SessionHandOver,
} from '../../../protocol/src/rpc.js';
import { ConnectError } from '../../../protocol/src/errors.js';

/** The host's methods, as the portal calls them. */
export type HostHandle = {
  [K in keyof HostMethods]: ReturnType<HostMethods[K]> extends void
    ? (...args: Parameters<HostMethods[K]>) => void
    : (...args: Parameters<HostMethods[K]>) => Promise<ReturnType<HostMethods[K]>>;
};

/** What the portal element does for the host. */
export interface PortalController {
  authenticate(session: SessionHandOver): Promise<PortalState>;
  open(request: OpenRequest): Promise<void>;
  close(): void;
  configure(settings: PortalSettings): void;
  sdk(method: string, args: unknown[]): Promise<unknown>;
  signInClosed(): void;
  attachHost(host: HostHandle | undefined): void;
}

function hostOver(end: PortEnd): HostHandle {
  return {
    ready: () => end.notify('ready'),
    emit: (event) => end.notify('emit', [event]),
    setState: (state) => end.notify('setState', [state]),
    loadOptions: (key, query, integrationType) => end.call('loadOptions', [key, query, integrationType]) as ReturnType<HostHandle['loadOptions']>,
    signIn: (action, url) => end.notify('signIn', [action, url]),
    installFlow: (update) => end.notify('installFlow', [update]),
    resize: (height) => end.notify('resize', [height]),
  };
}

/** Serves the portal's methods on `port`; the host is told it may call once it is ready. */
export function serveHost(port: MessagePort, controller: PortalController): PortEnd {
  const methods = methodTable({
    authenticate: (session: unknown) => controller.authenticate(parseSessionHandOver(session)),
    open: async (request: unknown) => (await controller.open(parseOpenRequest(request)), null),
    close: () => (controller.close(), null),
    configure: (settings: unknown) => (controller.configure(parsePortalSettings(settings)), null),
    sdk: (method: unknown, args: unknown) => {
      if (typeof method !== 'string' || !Array.isArray(args)) {
        throw new ConnectError('invalid_argument', 'sdk expects a method name and a list of arguments.');
      }
      return controller.sdk(method, args);
    },
    signInClosed: () => (controller.signInClosed(), null),
  });
  const end = openPort(port, methods, () => controller.attachHost(undefined));
  const host = hostOver(end);
  controller.attachHost(host);
  host.ready();
  return end;
}
