/** Fired by `<paragon-workflow-list>` when the user flips a workflow's switch. */
export class WorkflowToggleEvent extends Event {
  static readonly eventName = 'paragon-workflow-toggle';
  constructor(readonly detail: { workflowId: string; enabled: boolean }) {
    super(WorkflowToggleEvent.eventName, { bubbles: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'paragon-workflow-toggle': WorkflowToggleEvent;
  }
}
