/**
 * The `paragon` object: Paragon's host API, as a thin facade over the RPC bridge. It never calls
 * the REST API: everything is a call into the portal runtime, or a read of the state the runtime
 * pushed (so `getUser()` stays synchronous).
 */
import type { Methods } from 'penpal';
import { ConnectError } from '../../protocol/src/errors.js';
import {
  isSdkEventName,
  parseConnectUser,
  parseSdkEvent,
  SDK_EVENTS,
  unwrap,
  type ConnectUser,
  type IntegrationInstallEvent,
  type SdkEvent,
  type SdkEventName,
  type SdkEventPayloads,
} from '../../protocol/src/rpc.js';
import { mountElement, mountFrame, type MountedPortal } from './mount.js';

export interface ParagonOptions {
  /** Origin of the Connect server, such as `https://connect.example.com`. */
  connectUrl?: string;
  /** `frame` (default): a cross-origin iframe. `element`: an in-page `<paragon-connect-portal>`. */
  embedding?: 'frame' | 'element';
  /** Element mode: the element to pair with (default: the first `<paragon-connect-portal>`). */
  element?: Element;
}

export type EventListener<K extends SdkEventName = SdkEventName> = (payload: SdkEventPayloads[K], user: ConnectUser) => void;

/** Per-call callbacks of `connect()`; they apply while that portal is open. */
export interface ConnectCallbacks {
  onOpen?: EventListener<'onPortalOpen'>;
  onClose?: EventListener<'onPortalClose'>;
  onInstall?: EventListener<'onIntegrationInstall'>;
  /** Paragon's fallback for `onInstall`. */
  onSuccess?: EventListener<'onIntegrationInstall'>;
  onUninstall?: EventListener<'onIntegrationUninstall'>;
  onWorkflowChange?: EventListener<'onWorkflowChange'>;
}

export interface ConnectParams extends ConnectCallbacks {
  /** The account to show (its id or `externalId`); the first valid account when absent. */
  selectedCredentialId?: string;
}

const CALLBACK_OF: Record<SdkEventName, keyof ConnectCallbacks> = {
  onIntegrationInstall: 'onInstall',
  onIntegrationUninstall: 'onUninstall',
  onWorkflowChange: 'onWorkflowChange',
  onPortalOpen: 'onOpen',
  onPortalClose: 'onClose',
};

interface OpenPortal {
  integrationType: string;
  params: ConnectParams;
  installed?: IntegrationInstallEvent;
  returnFocus: Element | null;
  resolve(event: IntegrationInstallEvent | undefined): void;
}

/** A listener's exception is the host's bug; it must not stop the other listeners. */
function call(listener: ((...args: never[]) => void) | undefined, ...args: unknown[]): void {
  try {
    (listener as ((...args: unknown[]) => void) | undefined)?.(...args);
  } catch (error) {
    console.error('[paragon] a listener threw:', error);
  }
}

export function createParagon(options: ParagonOptions = {}) {
  let connectUrl = options.connectUrl;
  let user: ConnectUser = { authenticated: false };
  let mounted: Promise<MountedPortal> | undefined;
  let open: OpenPortal | undefined;
  const listeners = new Map<SdkEventName, Set<EventListener<never>>>();

  function dispatch(event: SdkEvent): void {
    for (const listener of listeners.get(event.name) ?? []) call(listener, event.payload, user);
    if (!open || event.payload.integrationType !== open.integrationType) return;
    const current = open;
    const { params } = current;
    if (event.name === 'onIntegrationInstall') {
      current.installed = event.payload;
      call(params.onInstall ?? params.onSuccess, event.payload, user);
    } else {
      call(params[CALLBACK_OF[event.name]], event.payload, user);
    }
    if (event.name === 'onPortalClose') {
      open = undefined;
      void mounted?.then((portal) => portal.hide());
      (current.returnFocus as HTMLElement | null)?.focus?.();
      current.resolve(current.installed);
    }
  }

  // What the portal may call; a null prototype so no inherited name is callable.
  const hostMethods: Methods = Object.assign(Object.create(null) as object, {
    emit(event: unknown) {
      const parsed = parseSdkEvent(event);
      if (parsed) dispatch(parsed);
    },
    setUser(next: unknown) {
      user = parseConnectUser(next) ?? user;
    },
  });

  async function portal(): Promise<MountedPortal> {
    if (!mounted) throw new ConnectError('not_authenticated', 'Call paragon.authenticate(projectId, userToken) first.');
    return mounted;
  }

  return {
    /**
     * Points the SDK at a self-hosted Connect server. `host` is an origin
     * (`https://connect.example.com`) or, as in Paragon, a bare host name (`example.com`).
     */
    configureGlobal({ host }: { host: string }): void {
      connectUrl = /^https?:\/\//.test(host) ? new URL(host).origin : `https://connect.${host}`;
    },

    /** Starts the session: mounts the portal, hands it the user token, loads the user's state. */
    async authenticate(projectId: string, userToken: string): Promise<void> {
      if (!connectUrl) throw new ConnectError('invalid_argument', 'Set the Connect server first: paragon.configureGlobal({ host }).');
      const url = connectUrl;
      const pending = (mounted ??=
        options.embedding === 'element'
          ? mountElement(options.element, hostMethods)
          : Promise.resolve(mountFrame(url, projectId, hostMethods)));
      let remote;
      try {
        remote = await (await pending).connection.promise;
      } catch (error) {
        // No portal answered: forget this mount so that a later call starts afresh.
        if (mounted === pending) mounted = undefined;
        (await pending.catch(() => undefined))?.destroy();
        throw error instanceof ConnectError
          ? error
          : new ConnectError('not_connected', `The Connect Portal at ${url} did not answer; is this page's origin in the project's allowedOrigins?`);
      }
      user = unwrap(await remote.authenticate({ projectId, token: userToken, connectUrl: url }));
    },

    /** The signed-in user and their integrations (`allCredentials` per integration); never the token. */
    getUser(): ConnectUser {
      return structuredClone(user);
    },

    /**
     * Opens the portal for one integration. Resolves when it closes: with the install event if an
     * account was connected meanwhile, else with `undefined`.
     */
    async connect(integrationType: string, params: ConnectParams = {}): Promise<IntegrationInstallEvent | undefined> {
      const mountedPortal = await portal();
      const remote = await mountedPortal.connection.promise;
      open?.resolve(open.installed);
      return new Promise((resolve, reject) => {
        open = { integrationType, params, resolve, returnFocus: document.activeElement };
        mountedPortal.show();
        remote.open({ integrationType, selectedCredentialId: params.selectedCredentialId }).then(unwrap).catch((error: unknown) => {
          open = undefined;
          mountedPortal.hide();
          reject(error);
        });
      });
    },

    /** Closes the open portal. */
    async closePortal(): Promise<void> {
      const remote = await (await portal()).connection.promise;
      unwrap(await remote.close());
    },

    /** Listens to an SDK event for every integration; returns the function that stops listening. */
    subscribe<K extends SdkEventName>(event: K, listener: EventListener<K>): () => boolean {
      if (!isSdkEventName(event)) {
        throw new ConnectError('invalid_argument', `Unknown event "${String(event)}"; use one of ${SDK_EVENTS.join(', ')}.`);
      }
      const set = listeners.get(event) ?? new Set();
      set.add(listener as EventListener<never>);
      listeners.set(event, set);
      return () => set.delete(listener as EventListener<never>);
    },

    /** Stops a listener added with `subscribe`; true if it was listening. */
    unsubscribe<K extends SdkEventName>(event: K, listener: EventListener<K>): boolean {
      return listeners.get(event)?.delete(listener as EventListener<never>) ?? false;
    },

    /** Removes the portal and its connection; a later `authenticate` mounts a fresh one. */
    async destroy(): Promise<void> {
      const current = mounted;
      mounted = undefined;
      user = { authenticated: false };
      (await current)?.destroy();
    },
  };
}

export type Paragon = ReturnType<typeof createParagon>;
