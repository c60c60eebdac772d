/**
 * The `paragon` object: Paragon's host API over the bridge. It never calls the REST API. What
 * the host page itself must do is code here: mounting and pairing with the portal (and pairing
 * again when the connection is lost), keeping the state the portal pushes (so `getUser()` and the
 * metadata helpers answer synchronously), fanning events out to listeners and `connect()`
 * callbacks, serving the host's own dropdown options, and opening the sign-in window in the
 * host's click (browsers block a window opened after any wait). Every other method is one
 * forwarder, `sdk(name, args)`: the portal keeps the allow-list and checks every argument.
 */
import { ConnectError } from '../../protocol/src/errors.js';
import type { PortEnd } from '../../protocol/src/port-rpc.js';
import type { IntegrationInfo } from '../../protocol/src/rest.js';
import {
  isSdkEventName,
  parsePortalState,
  parseSdkEvent,
  SDK_EVENTS,
  type InstallFlowUpdate,
  type InstallStage,
  type IntegrationInstallEvent,
  type OpenRequest,
  type FileSelectEvent,
  type PickerEventName,
  type PortalSettings,
  type PortalState,
  type SdkEvent,
  type SdkEventName,
  type SessionHandOver,
} from '../../protocol/src/rpc.js';
import { preInstallInputs, stepBeforeAccount, type InstallProgress } from '../../portal/src/runtime/install-flow.js';
import { IntegrationNotFoundError, sdkError, UserNotAuthenticatedError } from './errors.js';
import type { MountedPortal } from './embedding.js';
import { frameEmbedding } from './frame.js';
import { handshake } from './handshake.js';
import type {
  CompleteInstallOptions,
  ConnectCallbacks,
  ConnectParams,
  DataSources,
  DropdownSource,
  EventListener,
  FilePicker,
  FilePickerOptions,
  VendorPickerToken,
  InstallFlowStage,
  InstallFlowStartOptions,
  InstallIntegrationOptions,
  Paragon,
  ParagonOptions,
} from './types.js';

export const VERSION = '0.1.0';

/** The methods that only forward to the portal. */
const FORWARDED = [
  'setUserMetadata',
  'uninstallIntegration',
  'enableWorkflow',
  'disableWorkflow',
  'updateWorkflowState',
  'workflow',
  'event',
  'request',
  'getIntegrationAccount',
  'createConfiguration',
  'updateConfiguration',
  'destroyConfiguration',
  'updateIntegrationUserSettings',
  'updateWorkflowUserSettings',
  'getFieldOptions',
  'getDataSourceOptions',
  'getCustomWebhookUserManualUrl',
] as const;

/**
 * How long a call the portal answers without the network (open, close, configure) may take before
 * the connection is taken for lost and paired again: a hijacked or dead port heals in seconds.
 */
const QUICK_CALL_MS = 3000;

const SIGN_IN_WINDOW = 'popup,width=520,height=680';

/** The `connect()` callback of an SDK event: `onIntegrationInstall` is `onInstall`, `onPortalOpen` is `onOpen`... */
const callbackOf = (event: SdkEvent['name']) => event.replace(/^on(Integration|Portal)/, 'on') as keyof ConnectCallbacks | PickerEventName;

/** A copy of plain data: the user for `getUser`; an install's options for the portal, without their callbacks. */
const valuesOf = <T extends object>(options: T) => JSON.parse(JSON.stringify(options)) as T;

const accountTypeOf = (target: IntegrationInfo | undefined, id: string | undefined) =>
  target?.sdkIntegrationConfig.accountTypes.find((type) => type.id === id);

/** `record[key]` if it is the record's own, so that no inherited name (`constructor`) is found. */
const own = <T>(record: Record<string, T> | undefined, key: unknown): T | undefined =>
  record && typeof key === 'string' && Object.hasOwn(record, key) ? record[key] : undefined;

/** A listener's exception is the host's bug; it must not stop the other listeners. */
function call(listener: ((...args: never[]) => void) | undefined, ...args: unknown[]): void {
  try {
    (listener as ((...args: unknown[]) => void) | undefined)?.(...args);
  } catch (error) {
    console.error('[paragon] a listener threw:', error);
  }
}

interface OpenPortal {
  integrationType: string;
  params: ConnectParams & FilePickerOptions;
  installed?: IntegrationInstallEvent;
  /** What had the focus when it opened: it gets it back when the portal closes. */
  returnFocus: HTMLElement | null;
  /** Settles `connect()`'s promise: with the account connected, if one was. */
  settle(event: IntegrationInstallEvent | undefined): void;
}

/** A headless install: what was done so far (the account type, the values given...), and the host's callbacks. */
interface HeadlessFlow extends InstallProgress {
  integrationType: string;
  options: InstallFlowStartOptions;
  stage?: InstallFlowStage;
  postOptions?: Record<string, unknown>;
}

const signedOut = (): PortalState => ({ user: { authenticated: false }, integrations: [] });

export function createParagon(options: ParagonOptions = {}): Paragon {
  let connectUrl = options.connectUrl;
  let state = signedOut();
  let session: SessionHandOver | undefined;
  const settings: PortalSettings = {};
  let mounted: MountedPortal | undefined;
  let link: Promise<PortEnd> | undefined;
  let open: OpenPortal | undefined;
  let registered: DataSources = {};
  /** The open portal's dropdowns: under `''` for every integration, else by integration type. */
  let dropdowns: Record<string, Record<string, DropdownSource>> = {};
  let signInWindow: Window | null = null;
  let flow: HeadlessFlow | undefined;
  const listeners = new Map<SdkEventName, Set<EventListener<never>>>();

  function dispatch(event: SdkEvent): void {
    const user = state.user;
    for (const listener of listeners.get(event.name as SdkEventName) ?? []) call(listener, event.payload, user);
    // A portal opened on the catalog ('') hears the events of every integration.
    if (!open || (open.integrationType && event.payload.integrationType !== open.integrationType)) return;
    const current = open;
    const { params } = current;
    if (event.name === 'onIntegrationInstall') current.installed = event.payload;
    // The file picker's `onFileSelect(files)` gets the files; every other callback the payload.
    const payload = (event.payload as Partial<FileSelectEvent>).files ?? event.payload;
    call(params[callbackOf(event.name)] ?? (event.name === 'onIntegrationInstall' ? params.onSuccess : undefined), payload, user);
    if (event.name === 'onPortalClose') {
      open = undefined;
      mounted?.hide();
      current.returnFocus?.focus();
      current.settle(current.installed);
    }
  }

  /**
   * The flow reached a stage: `onNext` with it as Paragon's SDK shapes it (the instruction step's
   * button finishes it), unless it is the end (`onComplete` says that).
   */
  function reached(current: HeadlessFlow, stage: InstallStage): void {
    if (stage.stage === 'done') return;
    const shown: InstallFlowStage = (current.stage = { ...stage, done: false });
    if (stage.stage === 'instruction') {
      shown.finish = { type: 'finishButton', label: 'Done', onClick: () => step('installFlow.finishInstructions', [], { instructionsDone: true }) };
    }
    call(current.options.onNext, shown);
  }

  // What the portal may call (handshake.ts serves them from a null-prototype table, so that no inherited name is callable).
  const hostMethods = {
    emit(event: unknown) {
      const parsed = parseSdkEvent(event);
      if (parsed) dispatch(parsed);
    },
    setState(next: unknown) {
      state = parsePortalState(next) ?? state;
    },
    async loadOptions(key: unknown, query: unknown, integrationType: unknown) {
      const source = own(own(dropdowns, integrationType), key) ?? own(own(dropdowns, ''), key);
      if (!source) throw new ConnectError('invalid_argument', `The app gives no options for "${String(key)}".`);
      const { search = '', cursor } = (query ?? {}) as { search?: string; cursor?: string | null };
      if (Array.isArray(source)) return { options: source, nextCursor: null };
      const page = await source.loadOptions(cursor ?? undefined, search);
      return { options: page.options, nextCursor: page.nextPageCursor ?? null };
    },
    signIn(action: unknown, url: unknown) {
      if (action === 'navigate' && typeof url === 'string' && url.startsWith(`${connectUrl}/`)) signInWindow?.location.replace(url);
      if (action === 'close') signInWindow?.close();
    },
    /** What the headless flow reports without being asked: the stage after the sign-in, the account connected, an error. */
    installFlow(update: InstallFlowUpdate) {
      if (!flow) return;
      const { options: callbacks } = flow;
      if ('complete' in update) call(callbacks.onComplete, update.complete);
      else if ('error' in update)
        call(callbacks.onError, sdkError(new ConnectError(update.error.code, update.error.message)), { stage: update.stage });
      else reached(flow, update.stage);
    },
    // The frame checks the height: a number from 0, anything else is ignored.
    resize(height: number) {
      mounted?.resize(height);
    },
  };

  /** Pairs with the portal (again), and hands it the session and the settings it had. */
  function pair(): Promise<PortEnd> {
    const pairing = (link = mounted!.pair().then(async (end) => {
      // Not waited for: the port keeps the order, so the portal has its settings before what follows.
      end.call('configure', [{ ...settings, dropdowns: dropdownKeys() }]).catch(() => undefined);
      if (session) state = (await end.call('authenticate', [session])) as PortalState;
      return end;
    }));
    pairing.catch(() => {
      if (link === pairing) link = undefined;
    });
    return pairing;
  }

  /**
   * Calls a portal method. A call left unanswered (the connection was lost: the frame reloaded,
   * or a script of this page killed it) pairs again, and is made again unless `retry` is false:
   * every portal method may be repeated safely, an SDK method's change may not. A pairing that
   * fails is not tried twice: its error already says what to check.
   */
  async function portal(method: string, args: unknown[] = [], retry = true, timeoutMs?: number): Promise<unknown> {
    if (!mounted) throw new UserNotAuthenticatedError('Call paragon.authenticate(projectId, userToken) first.');
    try {
      const end = await (link ?? pair());
      // The port rejects with a ConnectError only: its own (timeout, not_connected) or the portal's.
      return await end.call(method, args, timeoutMs).catch(async (error: ConnectError) => {
        if (error.code !== 'timeout' && error.code !== 'not_connected') throw error;
        link = undefined;
        if (!retry) throw error;
        return (await pair()).call(method, args, timeoutMs);
      });
    } catch (error) {
      throw sdkError(error);
    }
  }

  const sdk = (method: string, args: unknown[]) => portal('sdk', [method, args], false);

  const dropdownKeys = () => Object.fromEntries(Object.entries(dropdowns).map(([scope, sources]) => [scope, Object.keys(sources)]));

  /**
   * Registers the open portal's dropdowns: those of `setDataSources` (an integration's own over
   * the global ones), and over them those given to `connect()` for its integration.
   */
  function useDropdowns(integrationType = '', given: Record<string, DropdownSource> = {}): Promise<unknown> {
    dropdowns = { '': { ...registered.dropdowns } };
    for (const [type, scope] of Object.entries(registered.integrations ?? {})) dropdowns[type] = { ...scope.dropdowns };
    dropdowns[integrationType] = { ...dropdowns[integrationType], ...given };
    return portal('configure', [{ dropdowns: dropdownKeys() }], true, QUICK_CALL_MS);
  }

  const findIntegration = (type: string | undefined) => state.integrations.find((candidate) => candidate.type === type);

  function integration(type: string) {
    const found = findIntegration(type);
    if (!found) throw new IntegrationNotFoundError(`There is no integration "${type}" in this project.`);
    return found;
  }

  /** Opens the sign-in window, in the host's click; it is pointed at the server once the portal has a sign-in for it. */
  function openSignInWindow(): Window | null {
    const opened = (signInWindow = window.open('about:blank', 'paragon-sign-in', SIGN_IN_WINDOW));
    const watch = setInterval(() => {
      if (opened && !opened.closed) return;
      clearInterval(watch);
      if (opened === signInWindow) void portal('signInClosed').catch(() => undefined);
    }, 500);
    return opened;
  }

  /**
   * A headless install step: the sign-in window opened first when the step leads to the sign-in.
   * `change` is what a step before the account exists does; a step after it (`setPostOptions`)
   * has none, and never opens a window.
   */
  async function step(method: string, args: unknown[], change?: Partial<InstallProgress>): Promise<void> {
    const current = flow;
    // No flow here means none in the portal either, which answers NoActiveInstallFlowError itself.
    if (!current) return void (await sdk(method, args));
    let opened: Window | null = null;
    try {
      if (change && stepBeforeAccount(integration(current.integrationType), Object.assign(current, change)) === 'oauth') {
        opened = openSignInWindow();
      }
      const stage = (await sdk(method, [...args, !!opened])) as InstallStage;
      if (stage.stage !== 'oauth') opened?.close();
      reached(current, stage);
    } catch (error) {
      opened?.close();
      call(current.options.onError, error, current.stage ? { stage: current.stage.stage } : null);
      throw error;
    }
  }

  /** Starts connecting an account without the portal's screens (`installFlow.start`, `installIntegration`). */
  function startFlow(method: string, integrationType: string, options: InstallFlowStartOptions): void {
    const accountType = accountTypeOf(findIntegration(integrationType), options.accountType);
    flow = { integrationType, options, accountType };
    void step(method, [integrationType, valuesOf(options)], {}).catch(() => undefined);
  }

  /** Removes the portal and forgets the session; a later `authenticate` starts afresh. */
  function unmount(): void {
    mounted?.destroy();
    mounted = link = session = undefined;
    state = signedOut();
  }

  /**
   * Opens the portal, and settles when it closes: with the install event if an account was
   * connected. It is shown only once the portal has answered `open`: a portal that does not
   * answer never covers the page.
   */
  async function openPortal(
    integrationType: string,
    params: OpenPortal['params'],
    install?: OpenRequest['install'],
    filePicker?: OpenRequest['filePicker'],
  ): Promise<IntegrationInstallEvent | undefined> {
    const { selectedCredentialId, accountType, externalId } = params;
    const request: OpenRequest = {
      integrationType: integrationType || undefined,
      selectedCredentialId,
      accountType,
      externalId,
      install,
      filePicker,
    };
    await useDropdowns(integrationType, params.dropdowns);
    open?.settle(open.installed);
    return new Promise((resolve, reject) => {
      open = { integrationType, params, settle: resolve, returnFocus: document.activeElement as HTMLElement | null };
      portal('open', [request], true, QUICK_CALL_MS).then(
        () => mounted?.show(),
        (error: Error) => {
          open = undefined;
          mounted?.hide();
          call(params.onError, error);
          reject(error);
        },
      );
    });
  }

  const paragon = Object.fromEntries(FORWARDED.map((name) => [name, (...args: unknown[]) => sdk(name, args)])) as unknown as Paragon;

  Object.assign(paragon, {
    /** Then opens the portal on the integration, unless `showPortalAfterInstall: false`, as Paragon's does. */
    async completeInstall(integrationType: string, options: CompleteInstallOptions) {
      await sdk('completeInstall', [integrationType, options]);
      if (options?.showPortalAfterInstall !== false) void paragon.connect(integrationType);
    },
    configureGlobal({ host }: { host: string }) {
      connectUrl = /^https?:\/\//.test(host) ? new URL(host).origin : `https://connect.${host}`;
    },

    async authenticate(projectId: string, userToken: string, { metadata }: { metadata?: Record<string, unknown> } = {}) {
      if (!connectUrl) throw new ConnectError('invalid_argument', 'Set the Connect server first: paragon.configureGlobal({ host }).');
      mounted ??= (options.embedding ?? frameEmbedding())({
        connectUrl,
        projectId,
        handshake: (deliver, unanswered) => handshake(hostMethods, deliver, unanswered),
        reload: () => void pair().catch(() => undefined),
      });
      const handOver = { projectId, token: userToken, connectUrl };
      try {
        state = (await portal('authenticate', [handOver])) as PortalState;
      } catch (error) {
        // Nothing answered: forget this mount, so that a later call starts afresh.
        if ((error as ConnectError).code === 'not_connected') unmount();
        throw error;
      }
      session = handOver;
      if (metadata) await paragon.setUserMetadata(metadata);
    },

    getUser: () => valuesOf(state.user),

    setHeadless(headless: boolean) {
      settings.headless = headless;
      if (mounted) void portal('configure', [{ headless }]).catch(() => undefined);
    },

    async setAppearance({ theme, locale }: { theme?: PortalSettings['theme']; locale?: string }) {
      Object.assign(settings, theme && { theme }, locale && { locale });
      await portal('configure', [{ theme, locale }]);
    },

    getVersion: () => VERSION,

    subscribe<K extends SdkEventName>(event: K, listener: EventListener<K>) {
      if (!isSdkEventName(event))
        throw new ConnectError('invalid_argument', `Unknown event "${String(event)}"; use one of ${SDK_EVENTS.join(', ')}.`);
      const set = listeners.get(event) ?? new Set();
      set.add(listener as EventListener<never>);
      listeners.set(event, set);
      return () => set.delete(listener as EventListener<never>);
    },

    unsubscribe: <K extends SdkEventName>(event: K, listener: EventListener<K>) =>
      listeners.get(event)?.delete(listener as EventListener<never>) ?? false,

    connect: (integrationType = '', params: ConnectParams = {}) => openPortal(integrationType, params),

    async closePortal() {
      await portal('close', [], true, QUICK_CALL_MS);
    },

    async installIntegration(integrationType: string, installOptions: InstallIntegrationOptions = {}) {
      const target = integration(integrationType);
      const accountType = accountTypeOf(target, installOptions.accountType);
      // Straight to the provider's sign-in when nothing must be asked first; else the portal's own steps.
      if (stepBeforeAccount(target, { accountType }) !== 'oauth') {
        const { allowMultipleCredentials, oauthTimeout } = installOptions;
        return openPortal(integrationType, installOptions, { allowMultipleCredentials, oauthTimeout });
      }
      return new Promise<IntegrationInstallEvent | undefined>((resolve, reject) => {
        const fail = (error: Error) => {
          call(installOptions.onError, error);
          reject(error);
        };
        startFlow('installIntegration', integrationType, {
          ...installOptions,
          onComplete(event) {
            call(installOptions.onInstall ?? installOptions.onSuccess, event, state.user);
            resolve(event);
          },
          onError: fail,
          // Asked after the sign-in: the portal's own form finishes the account.
          onNext: (stage) =>
            stage.stage === 'postOptions' &&
            void openPortal(integrationType, { ...installOptions, selectedCredentialId: stage.credentialId }, { finish: true }).then(resolve, fail),
        });
      });
    },

    getIntegrationConfig(type: string) {
      const values = integration(type).configs[0]?.values;
      const workflows = Object.values(values?.workflowMeta ?? {});
      return {
        shortDescription: values?.description ?? '',
        longDescription: values?.overview ?? '',
        availableUserSettings: values?.sharedMeta.inputs ?? [],
        availableWorkflows: workflows.filter((workflow) => !workflow.hidden),
        hiddenWorkflows: workflows.filter((workflow) => workflow.hidden),
      };
    },

    getIntegrationMetadata(type?: string) {
      const meta = ({ type: kind, name, icon, brandColor }: (typeof state.integrations)[number]) => ({ type: kind, name, icon, brandColor });
      return type === undefined ? state.integrations.map(meta) : meta(integration(type));
    },

    getIntegrationId: (type: string) => integration(type).id,
    getAccountTypeOptions: (type: string) => integration(type).sdkIntegrationConfig.accountTypes,
    getPreOptions(type: string, accountTypeId = 'default') {
      const target = integration(type);
      return preInstallInputs(target, accountTypeOf(target, accountTypeId));
    },
    getPostOptions: (type: string) => integration(type).sdkIntegrationConfig.postOauthInputs,
    /** As Paragon's: `{ kind: 'single', source }` for an input whose `sourceType` names one of the integration's data sources. */
    getSourcesForInput(type: string, input: { sourceType?: string }) {
      const source = input.sourceType && findIntegration(type)?.sdkIntegrationConfig.dataSources[input.sourceType];
      return source ? { kind: 'single', source } : null;
    },

    setDataSources(sources: DataSources) {
      registered = sources;
      if (mounted) void useDropdowns().catch(() => undefined);
    },

    installFlow: {
      start: (integrationType: string, startOptions: InstallFlowStartOptions = {}) => startFlow('installFlow.start', integrationType, startOptions),
      setAccountType: (id: string) =>
        step('installFlow.setAccountType', [id], { accountType: accountTypeOf(findIntegration(flow?.integrationType), id) }),
      setPreOptions: (values: InstallProgress['preOptions']) => step('installFlow.setPreOptions', [values], { preOptions: values }),
      setPostOptions(values: Record<string, unknown>) {
        if (flow) flow.postOptions = values;
        return step('installFlow.setPostOptions', [values]);
      },
      async cancel() {
        if (!flow) return;
        flow = undefined;
        signInWindow?.close();
        await sdk('installFlow.cancel', []);
      },
      next: () => flow?.stage,
      getAccountTypeValue: () => flow?.accountType?.id ?? null,
      getPreOptionsValue: () => flow?.preOptions ?? null,
      getPostOptionsValue: () => flow?.postOptions ?? null,
    },

    /** Paragon's file picker, callable with or without `new` (a plain function, whose returned object `new` gives back). */
    ExternalFilePicker: function (integrationType: string, options: FilePickerOptions = {}): FilePicker {
      if (!session) throw new UserNotAuthenticatedError('Call paragon.authenticate(projectId, userToken) first.');
      if (!findIntegration(integrationType)?.sdkIntegrationConfig.filePicker) throw new Error(`${integrationType}'s file picker is not supported`);
      /** The account to browse: `init`'s choice over the constructor's; the first VALID one when neither names one. */
      let account: string | undefined;
      /** `false` before `init`; then the vendor picker's token, or `null` for ours. */
      let vendorToken: VendorPickerToken | null | false = false;
      return {
        async init({ selectedCredentialId, vendor } = {}) {
          account = selectedCredentialId ?? options.selectedCredentialId;
          vendorToken = vendor ? ((await sdk('filePicker.vendorToken', [integrationType, account])) as VendorPickerToken) : null;
          return true;
        },
        // With the vendor's picker, the host opens it with getInstance()'s token. The portal takes
        // the picker's own options (allowedTypes...) from a copy of the options without their callbacks.
        open() {
          if (vendorToken !== null) return false;
          void openPortal(integrationType, { ...options, selectedCredentialId: account }, undefined, valuesOf(options)).catch(() => undefined);
          return true;
        },
        getInstance: () => vendorToken || null,
      };
    },

    async destroy() {
      unmount();
      listeners.clear();
    },
  });
  return paragon;
}

export type { Paragon, ParagonOptions };
