/** Fired by `<paragon-account-list>` when the user picks another connected account. */
export class AccountSelectEvent extends Event {
  static readonly eventName = 'paragon-account-select';
  constructor(readonly detail: { credentialId: string }) {
    super(AccountSelectEvent.eventName, { bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paragon-account-select': AccountSelectEvent;
  }
}
