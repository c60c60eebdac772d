import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { WorkflowMeta, WorkflowState } from '../../../protocol/src/rest.js';
import { WorkflowToggleEvent } from '../events/workflow-toggle.js';
import { tokens } from '../styles/tokens.styles.js';
import { en } from '../translations/en.js';
import { workflowListStyles } from './workflow-list.styles.js';

/**
 * The workflows of one account, each with an on/off switch: a native checkbox with
 * `role="switch"` (https://www.w3.org/WAI/ARIA/apg/patterns/switch/), so Space toggles it.
 *
 * @summary Shows and toggles an account's workflows.
 * @event paragon-workflow-toggle - The user flipped a switch; `detail.workflowId`, `detail.enabled`.
 * @csspart workflow - One workflow row.
 */
export class WorkflowList extends LitElement {
  static override styles = [tokens, workflowListStyles];

  /** The integration's workflows (`configs[0].values.workflowMeta`). */
  @property({ attribute: false }) workflows: WorkflowMeta[] = [];

  /** The selected account's workflow states, keyed by workflow id. */
  @property({ attribute: false }) states: Record<string, WorkflowState> = {};

  /** Workflows whose change is being saved; their switches are disabled meanwhile. */
  @property({ attribute: false }) pending: ReadonlySet<string> = new Set();

  /** Disables every switch, when no account is selected. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  override render() {
    const visible = this.workflows.filter((workflow) => !workflow.hidden).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    if (visible.length === 0) return html`<p class="empty">${en.noWorkflows}</p>`;
    return html`
      <ul>
        ${repeat(
          visible,
          (workflow) => workflow.id,
          (workflow) => html`
            <li>
              <label class="workflow" part="workflow">
                <span class="workflow__text">
                  <span class="workflow__name">${workflow.description}</span>
                  ${workflow.infoText
                    ? html`<span class="workflow__info" id="info-${workflow.id}">${workflow.infoText}</span>`
                    : nothing}
                </span>
                <input
                  class="switch"
                  type="checkbox"
                  role="switch"
                  .checked=${live(this.states[workflow.id]?.enabled ?? false)}
                  ?disabled=${this.disabled || this.pending.has(workflow.id)}
                  aria-describedby=${workflow.infoText ? `info-${workflow.id}` : nothing}
                  @change=${(event: Event) =>
                    this.dispatchEvent(
                      new WorkflowToggleEvent({ workflowId: workflow.id, enabled: (event.target as HTMLInputElement).checked }),
                    )}
                />
              </label>
            </li>
          `,
        )}
      </ul>
    `;
  }
}
