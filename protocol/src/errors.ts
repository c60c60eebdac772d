/**
 * Error codes shared by the server, the portal and the host bridge. A code names the cause;
 * the message says it in words for a developer. Errors cross the bridge as
 * `{ name, code, message }`, never with a stack.
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
  preconditionFailed: 'precondition_failed',
  idempotencyKeyReused: 'idempotency_key_reused',
  workflowNotFound: 'workflow_not_found',
  invalidRequest: 'invalid_request',
  rateLimited: 'rate_limited',
  notAuthenticated: 'not_authenticated',
  notConnected: 'not_connected',
  invalidArgument: 'invalid_argument',
  network: 'network_error',
  internal: 'internal_error',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** True for the codes after which the user token must be replaced: by convention, all begin with `token_`. */
export function isSessionError(code: string): boolean {
  return code.startsWith('token_');
}

/** An error with a machine-readable code, thrown by the portal runtime and the host bridge. */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
  }
}

/** The plain shape an error has on the wire (RPC replies); no stack, no cause. */
export interface SerializedError {
  name: string;
  code: string;
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof ConnectError) return { name: error.name, code: error.code, message: error.message };
  return { name: 'ConnectError', code: ErrorCode.internal, message: 'Internal error in the Connect Portal.' };
}
