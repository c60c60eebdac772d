/**
 * The host SDK. `paragon` is a ready instance in frame mode (call `paragon.configureGlobal`
 * first); `createParagon` makes others, for example one paired with an in-page element.
 */
import { createParagon } from './paragon.js';

export { createParagon, VERSION } from './paragon.js';
export { frameEmbedding, type FrameOptions } from './frame.js';
export type * from './embedding.js';
export {
  HeadlessModeNotEnabledError,
  IntegrationNotFoundError,
  IntegrationNotInstalledError,
  NoActiveInstallFlowError,
  OAuthBlockedError,
  OAuthTimeoutError,
  ProxyRequestError,
  UserNotAuthenticatedError,
} from './errors.js';
export { ConnectError } from '../../protocol/src/errors.js';
export { SDK_EVENTS } from '../../protocol/src/rpc.js';
export type * from './types.js';
export type { IntegrationEvent, SdkEvent, SdkEventPayloads, SettingsChangeEvent, WorkflowChangeEvent } from '../../protocol/src/rpc.js';

export const paragon = createParagon();
