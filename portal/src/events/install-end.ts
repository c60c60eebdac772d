/** Fired by `<paragon-install-flow>` when the user leaves it: with the account connected, or cancelled. */
export class InstallEndEvent extends Event {
  static readonly eventName = 'paragon-install-end';
  constructor(readonly detail: { credentialId?: string }) {
    super(InstallEndEvent.eventName, { bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paragon-install-end': InstallEndEvent;
  }
}
