/**
 * The RPC contract between the host bridge (in the host page) and the portal runtime
 * (in `<paragon-connect-portal>`, in-page or in a cross-origin iframe).
 *
 * It is a fixed, versioned allow-list, not generic RPC: each side exposes exactly the methods
 * typed here, validates every argument on receipt, and answers with a `Result` so that errors
 * cross as `{ name, code, message }` and never with a stack.
 */
import { ConnectError, ErrorCode, type SerializedError, serializeError } from './errors.js';
import type { ConnectCredential, SDKIntegration, UserMeta } from './rest.js';

/** Both sides must use the same channel; a new protocol version gets a new channel. */
export const RPC_CHANNEL = 'paragon-connect/v1';

/** How long the bridge waits for the portal to answer the handshake or a call. */
export const RPC_TIMEOUT_MS = 15_000;

/** Paragon's global event names, in `paragon.subscribe(name, listener)`. */
export const SDK_EVENTS = [
  'onIntegrationInstall',
  'onIntegrationUninstall',
  'onWorkflowChange',
  'onPortalOpen',
  'onPortalClose',
] as const;

export type SdkEventName = (typeof SDK_EVENTS)[number];

export interface IntegrationEvent {
  integrationId: string;
  integrationType: string;
}

export interface IntegrationInstallEvent extends IntegrationEvent {
  credentialId: string;
  credential?: ConnectCredential;
}

export interface WorkflowChangeEvent extends IntegrationEvent {
  credentialId: string;
  workflowId: string;
  workflowStateChange: { enabled: boolean };
}

export interface SdkEventPayloads {
  onIntegrationInstall: IntegrationInstallEvent;
  onIntegrationUninstall: IntegrationInstallEvent;
  onWorkflowChange: WorkflowChangeEvent;
  onPortalOpen: IntegrationEvent;
  onPortalClose: IntegrationEvent;
}

/** An event the portal fires; `seq` grows by one per event so a host can spot gaps or repeats. */
export type SdkEvent = {
  [K in SdkEventName]: { name: K; payload: SdkEventPayloads[K]; seq: number };
}[SdkEventName];

export interface AuthenticatedConnectUser {
  authenticated: true;
  projectId: string;
  userId: string;
  meta: UserMeta;
  integrations: Record<string, SDKIntegration>;
}

/** What `paragon.getUser()` returns. Unlike Paragon's, it never carries the user token. */
export type ConnectUser = { authenticated: false } | AuthenticatedConnectUser;

/** The session the host hands to the portal; the token goes nowhere but the Connect server. */
export interface SessionHandOver {
  projectId: string;
  token: string;
  /** Origin of the Connect server; the framed portal ignores it and uses its own origin. */
  connectUrl: string;
}

export interface OpenRequest {
  integrationType: string;
  selectedCredentialId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** Methods the portal exposes to the host bridge. */
export type PortalMethods = {
  authenticate(session: SessionHandOver): Promise<Result<ConnectUser>>;
  open(request: OpenRequest): Promise<Result<null>>;
  close(): Promise<Result<null>>;
};

/** Methods the host bridge exposes to the portal. */
export type HostMethods = {
  emit(event: SdkEvent): void;
  setUser(user: ConnectUser): void;
};

/** Runs `work` and turns its outcome into a `Result`, so nothing but data crosses the bridge. */
export async function toResult<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: serializeError(error) };
  }
}

/** The value of a `Result`, or the `ConnectError` it carries. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ConnectError(result.error.code, result.error.message);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isShortString = (value: unknown, max = 256): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= max;

function invalid(message: string): never {
  throw new ConnectError(ErrorCode.invalidArgument, message);
}

export function parseSessionHandOver(value: unknown): SessionHandOver {
  if (!isRecord(value)) invalid('authenticate expects { projectId, token, connectUrl }.');
  const { projectId, token, connectUrl } = value;
  if (!isShortString(projectId)) invalid('projectId must be a non-empty string of at most 256 characters.');
  if (!isShortString(token, 16_384)) invalid('token must be a non-empty string (a signed user token).');
  if (typeof connectUrl !== 'string' || !/^https?:\/\/[^/]+$/.test(connectUrl)) {
    invalid('connectUrl must be an origin such as https://connect.example.com.');
  }
  return { projectId, token, connectUrl };
}

export function parseOpenRequest(value: unknown): OpenRequest {
  if (!isRecord(value)) invalid('open expects { integrationType, selectedCredentialId? }.');
  const { integrationType, selectedCredentialId } = value;
  if (!isShortString(integrationType)) invalid('integrationType must be a non-empty string.');
  if (selectedCredentialId !== undefined && !isShortString(selectedCredentialId)) {
    invalid('selectedCredentialId must be a non-empty string when given.');
  }
  return { integrationType, selectedCredentialId };
}

export const isSdkEventName = (name: unknown): name is SdkEventName =>
  (SDK_EVENTS as readonly unknown[]).includes(name);

/** A well-formed event from the portal, or `null` for anything else. */
export function parseSdkEvent(value: unknown): SdkEvent | null {
  if (!isRecord(value) || !isSdkEventName(value.name) || !Number.isSafeInteger(value.seq)) return null;
  const payload = value.payload;
  if (!isRecord(payload) || !isShortString(payload.integrationId) || !isShortString(payload.integrationType)) {
    return null;
  }
  return value as SdkEvent;
}

/** A user state from the portal, or `null` for anything malformed. */
export function parseConnectUser(value: unknown): ConnectUser | null {
  if (!isRecord(value)) return null;
  if (value.authenticated === false) return { authenticated: false };
  if (value.authenticated !== true || !isShortString(value.userId) || !isRecord(value.integrations)) return null;
  return value as unknown as AuthenticatedConnectUser;
}
