/**
 * Error codes shared by the server, the portal and the host bridge. A code names the cause;
 * the message says it in words for a developer. Errors cross the bridge as
 * `{ name, code, message }`, never with a stack.
 */
/**
 * Every code there is. `ConnectError` takes only these, so a literal (`'timeout'`) is checked
 * as surely as `ErrorCode.timeout`: the host bridge and the bridge's wire write literals, since
 * this table would cost them 0.6 KB of their 5 KB budget.
 */
export const ErrorCode = {
  tokenMissing: 'token_missing',
  tokenMalformed: 'token_malformed',
  tokenExpired: 'token_expired',
  tokenInvalid: 'token_invalid',
  projectNotFound: 'project_not_found',
  integrationNotFound: 'integration_not_found',
  credentialNotFound: 'credential_not_found',
  configurationNotFound: 'configuration_not_found',
  conflict: 'conflict',
  accountAlreadyConnected: 'account_already_connected',
  integrationAlreadyInstalled: 'integration_already_installed',
  preconditionFailed: 'precondition_failed',
  idempotencyKeyReused: 'idempotency_key_reused',
  workflowNotFound: 'workflow_not_found',
  workflowNotEnabled: 'workflow_not_enabled',
  workflowFailed: 'workflow_failed',
  providerUnavailable: 'provider_unavailable',
  providerRefused: 'provider_refused',
  oauthFlowNotFound: 'oauth_flow_not_found',
  oauthStateInvalid: 'oauth_state_invalid',
  oauthDenied: 'oauth_denied',
  oauthExpired: 'oauth_expired',
  oauthCancelled: 'oauth_cancelled',
  credentialInvalid: 'credential_invalid',
  credentialUnreadable: 'credential_unreadable',
  invalidRequest: 'invalid_request',
  invalidJson: 'invalid_json',
  invalidUrl: 'invalid_url',
  invalidPath: 'invalid_path',
  notFound: 'not_found',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  uriTooLong: 'uri_too_long',
  headersTooLarge: 'headers_too_large',
  requestTimeout: 'request_timeout',
  storageFull: 'storage_full',
  storeBusy: 'store_busy',
  storeUnavailable: 'store_unavailable',
  rateLimited: 'rate_limited',
  notAuthenticated: 'not_authenticated',
  popupBlocked: 'popup_blocked',
  oauthTimeout: 'oauth_timeout',
  noActiveInstallFlow: 'no_active_install_flow',
  headlessModeNotEnabled: 'headless_mode_not_enabled',
  integrationNotInstalled: 'integration_not_installed',
  notConnected: 'not_connected',
  timeout: 'timeout',
  notAvailable: 'not_available',
  proxyRequestFailed: 'proxy_request_failed',
  proxyNotConfigured: 'proxy_not_configured',
  upstreamTimeout: 'upstream_timeout',
  upstreamUnreachable: 'upstream_unreachable',
  invalidArgument: 'invalid_argument',
  network: 'network_error',
  internal: 'internal_error',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** True for the codes after which the user token must be replaced: by convention, all begin with `token_`. */
export function isSessionError(code: string): boolean {
  return code.startsWith('token_');
}

/** What a third-party API answered when `paragon.request` failed there: its status and its body (parsed JSON, or text). */
export interface UpstreamAnswer {
  status: number;
  body: unknown;
}

/** An error with a machine-readable code, thrown by the portal runtime and the host bridge. */
export class ConnectError extends Error {
  override readonly name: string = 'ConnectError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input or field the error is about (`config.sharedSettings.limit`), when the server named one. */
    readonly field?: string,
    /** For `proxy_request_failed`: the integration's API's own answer. */
    readonly response?: UpstreamAnswer,
  ) {
    super(message);
  }
}

/** The plain shape an error has on the wire (RPC replies); no stack, no cause. */
export interface SerializedError {
  name: string;
  code: ErrorCode;
  message: string;
  field?: string;
  response?: UpstreamAnswer;
}

export function serializeError(error: unknown): SerializedError {
  const { name, code, message, field, response } =
    error instanceof ConnectError ? error : new ConnectError('internal_error', 'Internal error in the Connect Portal.');
  return { name, code, message, field, response };
}
