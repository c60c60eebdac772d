import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ConnectError } from '../../../protocol/src/errors.js';
import { isRequired } from '../../../protocol/src/inputs.js';
import type { IntegrationInfo, WorkflowMeta, WorkflowState } from '../../../protocol/src/rest.js';
import { i18nContext } from '../context/portal-context.js';
import { RuntimeController } from '../context/runtime-controller.js';
import type { SettingFieldOptions } from '../field-base/render-field.js';
import { switchStyles } from '../styles/switch.styles.js';
import { layoutStyles } from '../styles/layout.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n, type Message } from '../translations/i18n.js';
import { workflowListStyles } from './workflow-list.styles.js';

/** The titles of a workflow's required settings that have no value. */
export function missingSettings(workflow: WorkflowMeta, state: WorkflowState | undefined): string[] {
  return workflow.inputs
    .filter((input) => isRequired(input) && state?.settings[input.id] === undefined && input.defaultValue === undefined)
    .map((input) => input.title);
}

/**
 * The workflows of one account, in the integration's order, hidden ones left out. Each has an
 * on/off switch (a native checkbox with `role="switch"`, so Space toggles it:
 * https://www.w3.org/WAI/ARIA/apg/patterns/switch/) and, when it has settings, a disclosure
 * with them. A workflow whose required settings are not all set cannot be turned on: the list
 * says which are missing and opens them.
 *
 * @summary Turns an account's workflows on and off, and edits their settings.
 * @csspart workflow - One workflow row.
 */
export class WorkflowList extends LitElement {
  static override styles = [tokens, layoutStyles, switchStyles, workflowListStyles];

  /** The integration the account belongs to. */
  @property({ attribute: false }) integration!: IntegrationInfo;

  /** The account whose workflows these are; empty when none is selected. */
  @property({ attribute: 'credential-id' }) credentialId = '';

  /** The integration's workflows (`configs[0].values.workflowMeta`). */
  @property({ attribute: false }) workflows: WorkflowMeta[] = [];

  /** The account's workflow states, keyed by workflow id. */
  @property({ attribute: false }) states: Record<string, WorkflowState> = {};

  /** Disables every switch, when no account can run workflows. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Where the dropdowns among workflow settings take their options. */
  @property({ attribute: false }) sourceFor: SettingFieldOptions['sourceFor'] | undefined;

  private readonly session = new RuntimeController(this);

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n: I18n = createI18n('en');

  @state() private pending: ReadonlySet<string> = new Set();
  @state() private messages: Readonly<Record<string, Message | undefined>> = {};
  @state() private expanded: ReadonlySet<string> = new Set();
  /** The workflows whose settings were ever shown: their forms stay, closed, keeping what they hold. */
  private readonly opened = new Set<string>();

  private async toggle(workflow: WorkflowMeta, input: HTMLInputElement): Promise<void> {
    const enabled = input.checked;
    const missing = missingSettings(workflow, this.states[workflow.id]);
    if (enabled && missing.length > 0) {
      input.checked = false;
      this.messages = { ...this.messages, [workflow.id]: ({ t, list }) => t.workflowNeedsSettings(workflow.description, list(missing)) };
      this.expanded = new Set([...this.expanded, workflow.id]);
      this.opened.add(workflow.id);
      return;
    }
    if (!this.session.runtime) return;
    this.messages = { ...this.messages, [workflow.id]: undefined };
    this.pending = new Set([...this.pending, workflow.id]);
    try {
      await this.session.runtime.setWorkflowEnabled(this.integration, this.credentialId, workflow.id, enabled);
    } catch (error) {
      const { message } = error as ConnectError;
      this.messages = { ...this.messages, [workflow.id]: ({ t }) => t.saveFailed(message) };
    } finally {
      this.pending = new Set([...this.pending].filter((id) => id !== workflow.id));
    }
  }

  private onDisclosure(workflowId: string, event: Event): void {
    const open = (event.target as HTMLDetailsElement).open;
    if (open) this.opened.add(workflowId);
    this.expanded = open ? new Set([...this.expanded, workflowId]) : new Set([...this.expanded].filter((id) => id !== workflowId));
  }

  private renderWorkflow(workflow: WorkflowMeta) {
    const { t } = this.i18n;
    const state = this.states[workflow.id];
    const message = this.messages[workflow.id]?.(this.i18n);
    const described = [workflow.infoText ? `info-${workflow.id}` : '', message ? `message-${workflow.id}` : ''].filter(Boolean).join(' ');
    /* eslint-disable lit-a11y/role-has-required-aria-attrs -- a checkbox with role="switch" exposes its checked state itself; ARIA in HTML says not to add aria-checked */
    return html`
      <li class="workflow" part="workflow">
        <label class="workflow__row">
          <span class="workflow__text">
            <span class="workflow__name">${workflow.description}</span>
            ${workflow.infoText ? html`<span class="workflow__info" id="info-${workflow.id}">${workflow.infoText}</span>` : nothing}
          </span>
          <input
            class="switch"
            type="checkbox"
            role="switch"
            .checked=${live(state?.enabled ?? false)}
            ?disabled=${this.disabled || this.pending.has(workflow.id)}
            aria-describedby=${described || nothing}
            @change=${(event: Event) => this.toggle(workflow, event.target as HTMLInputElement)}
          />
        </label>
        ${message ? html`<p class="message" id="message-${workflow.id}" role="alert">${message}</p>` : nothing}
        ${
          workflow.inputs.some((input) => !input.hidden) && !this.disabled
            ? html`<details .open=${this.expanded.has(workflow.id)} @toggle=${(event: Event) => this.onDisclosure(workflow.id, event)}>
              <summary>${t.workflowSettings(workflow.description)}</summary>
              ${
                // Made when first opened: a closed form is a settings element and a field each,
                // and half of a 50-workflow view's first render (bench/integration-view.ts).
                this.expanded.has(workflow.id) || this.opened.has(workflow.id)
                  ? html`<paragon-settings-form
                      .integration=${this.integration}
                      credential-id=${this.credentialId}
                      workflow-id=${workflow.id}
                      .inputs=${workflow.inputs}
                      .values=${state?.settings ?? {}}
                      .sourceFor=${this.sourceFor}
                    ></paragon-settings-form>`
                  : nothing
              }
            </details>`
            : nothing
        }
      </li>
    `;
    /* eslint-enable lit-a11y/role-has-required-aria-attrs */
  }

  override render() {
    const visible = this.workflows.filter((workflow) => !workflow.hidden).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    if (visible.length === 0) return html`<p class="empty">${this.i18n.t.noWorkflows}</p>`;
    return html`<ul class="stack">
      ${repeat(
        visible,
        (workflow) => workflow.id,
        (workflow) => this.renderWorkflow(workflow),
      )}
    </ul>`;
  }
}
