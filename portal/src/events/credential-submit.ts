import type { ConnectInputValue } from '../../../protocol/src/rest.js';

/** Fired by `<paragon-api-key-form>` with values that passed validation, to connect an account. */
export class CredentialSubmitEvent extends Event {
  static readonly eventName = 'paragon-credential-submit';
  constructor(readonly detail: { payload: Record<string, ConnectInputValue> }) {
    super(CredentialSubmitEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paragon-credential-submit': CredentialSubmitEvent;
  }
}
