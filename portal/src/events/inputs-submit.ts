import type { ConnectInputValue } from '../../../protocol/src/inputs.js';

/** Fired by `<paragon-inputs-form>` with values that passed its checks. */
export class InputsSubmitEvent extends Event {
  static readonly eventName = 'paragon-inputs-submit';
  constructor(readonly detail: { values: Record<string, ConnectInputValue> }) {
    super(InputsSubmitEvent.eventName, { bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paragon-inputs-submit': InputsSubmitEvent;
  }
}
