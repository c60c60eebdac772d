/**
 * The errors `paragon` throws: Paragon's SDK classes, by the names its hosts check
 * (`error.name === 'OAuthBlockedError'`, `error instanceof OAuthTimeoutError`), each also a
 * `ConnectError` with the machine-readable `code` the portal or the server gave. One factory makes
 * them all, so that each costs a line.
 */
import { ConnectError, type ErrorCode, type UpstreamAnswer } from '../../protocol/src/errors.js';

type ErrorClass = new (message: string, field?: string, response?: UpstreamAnswer) => ConnectError;

/** Each class by the code it stands for, so that an error from the portal becomes the SDK's own. */
const BY_CODE: Partial<Record<ErrorCode, ErrorClass>> = {};

function errorClass(name: string, code: ErrorCode): ErrorClass {
  // A class defined as the value of a computed key is named after the key: `OAuthBlockedError.name`.
  return (BY_CODE[code] = {
    [name]: class extends ConnectError {
      override readonly name = name;
      constructor(message: string, field?: string, response?: UpstreamAnswer) {
        super(code, message, field, response);
      }
    },
  }[name]!);
}

export const UserNotAuthenticatedError = errorClass('UserNotAuthenticatedError', 'not_authenticated');
export const IntegrationNotFoundError = errorClass('IntegrationNotFoundError', 'integration_not_found');
export const IntegrationNotInstalledError = errorClass('IntegrationNotInstalledError', 'integration_not_installed');
export const NoActiveInstallFlowError = errorClass('NoActiveInstallFlowError', 'no_active_install_flow');
export const HeadlessModeNotEnabledError = errorClass('HeadlessModeNotEnabledError', 'headless_mode_not_enabled');
export const OAuthBlockedError = errorClass('OAuthBlockedError', 'popup_blocked');
export const OAuthTimeoutError = errorClass('OAuthTimeoutError', 'oauth_timeout');
export const ProxyRequestError = errorClass('ProxyRequestError', 'proxy_request_failed');

/** The SDK error for a failure that crossed the bridge: its class by code, else a `ConnectError`. */
export function sdkError(error: unknown): ConnectError {
  if (!(error instanceof ConnectError)) return new ConnectError('internal_error', String(error));
  const Class = BY_CODE[error.code];
  return Class && error.constructor !== Class ? new Class(error.message, error.field, error.response) : error;
}
