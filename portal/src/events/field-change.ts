import type { ConnectInputValue } from '../../../protocol/src/inputs.js';

/**
 * Fired by every setting field when the user changes its value (on commit: a blur or Enter for
 * text, at once for a switch or a choice). `value` is `null` when the user cleared the field.
 */
export class FieldChangeEvent extends Event {
  static readonly eventName = 'paragon-field-change';
  constructor(readonly detail: { inputId: string; value: ConnectInputValue | null }) {
    super(FieldChangeEvent.eventName, { bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paragon-field-change': FieldChangeEvent;
  }
}
