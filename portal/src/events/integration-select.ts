/** Fired by `<paragon-catalog-view>` when the user opens an integration (or, with `''`, goes back to the catalog). */
export class IntegrationSelectEvent extends Event {
  static readonly eventName = 'paragon-integration-select';
  constructor(readonly detail: { integrationType: string }) {
    super(IntegrationSelectEvent.eventName, { bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paragon-integration-select': IntegrationSelectEvent;
  }
}
