/**
 * The host SDK. `paragon` is a ready instance in frame mode (call `paragon.configureGlobal`
 * first); `createParagon` makes others, for example one paired with an in-page element.
 */
import { createParagon } from './paragon.js';

export { createParagon, type ConnectCallbacks, type ConnectParams, type Paragon, type ParagonOptions } from './paragon.js';
export { ConnectError } from '../../protocol/src/errors.js';
export { SDK_EVENTS } from '../../protocol/src/rpc.js';
export type {
  ConnectUser,
  IntegrationEvent,
  IntegrationInstallEvent,
  SdkEventName,
  WorkflowChangeEvent,
} from '../../protocol/src/rpc.js';

export const paragon = createParagon();
