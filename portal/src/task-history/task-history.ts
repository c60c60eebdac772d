import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ConnectError } from '../../../protocol/src/errors.js';
import type { WorkflowMeta, WorkflowRun } from '../../../protocol/src/rest.js';
import { i18nContext } from '../context/portal-context.js';
import { RuntimeController } from '../context/runtime-controller.js';
import { buttonStyles } from '../styles/button.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n, type Message } from '../translations/i18n.js';
import { taskHistoryStyles } from './task-history.styles.js';

/**
 * An account's task history: the runs of its workflows, newest first, with how each went, what
 * started it, when and how long it took, and why it failed. Closed at first, and loaded when
 * opened, so that an integration view with many accounts costs nothing until someone looks.
 *
 * @summary The recent workflow runs of one account.
 * @csspart run - One run.
 */
export class TaskHistory extends LitElement {
  static override styles = [tokens, buttonStyles, taskHistoryStyles];

  /** The account whose runs these are. */
  @property({ attribute: 'credential-id' }) credentialId = '';

  /** The integration's workflows, for their names. */
  @property({ attribute: false }) workflows: WorkflowMeta[] = [];

  private readonly session = new RuntimeController(this);

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n: I18n = createI18n('en');

  @state() private runs: WorkflowRun[] | undefined;
  @state() private nextCursor: string | null = null;
  @state() private loading = false;
  @state() private error: Message | undefined;

  override willUpdate(changed: Map<string, unknown>): void {
    // Another account: what was shown was the previous one's.
    if (changed.has('credentialId') && changed.get('credentialId') !== undefined) {
      this.runs = undefined;
      this.nextCursor = null;
      this.error = undefined;
      if (this.renderRoot.querySelector('details')?.open) void this.load();
    }
  }

  /** Loads the first page again, or the next one after the runs shown. */
  private async load(more = false): Promise<void> {
    const runtime = this.session.runtime;
    if (!runtime || !this.credentialId || this.loading) return;
    const credentialId = this.credentialId;
    this.loading = true;
    this.error = undefined;
    try {
      const page = await runtime.withClient((client) => client.getRuns(credentialId, more ? this.nextCursor : null));
      if (credentialId !== this.credentialId) return;
      this.runs = more ? [...(this.runs ?? []), ...page.runs] : page.runs;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      const message = error instanceof ConnectError ? error.message : String(error);
      this.error = ({ t }) => t.runsFailed(message);
    } finally {
      this.loading = false;
    }
  }

  private onToggle(event: Event): void {
    if ((event.target as HTMLDetailsElement).open && this.runs === undefined) void this.load();
  }

  private renderRun(run: WorkflowRun) {
    const { t, number, locale } = this.i18n;
    const workflow = this.workflows.find((candidate) => candidate.id === run.workflowId)?.description ?? run.workflowId;
    const meta = [
      t.runTrigger[run.trigger],
      new Date(run.dateCreated).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }),
      ...(run.durationMs !== undefined ? [t.runDuration(number(run.durationMs))] : []),
      ...(run.attempts > 1 ? [t.runAttempts(run.attempts)] : []),
    ];
    return html`<li part="run">
      <b>${workflow}</b>
      <span class=${run.status}>${t.runStatus[run.status]}</span>
      <span>${meta.join(' · ')}</span>
      ${run.error ? html`<p>${run.error}</p>` : nothing}
    </li>`;
  }

  private renderBody() {
    const { t } = this.i18n;
    if (this.error) {
      return html`<p role="alert">${this.error(this.i18n)}</p>
        <button type="button" class="secondary" @click=${() => this.load()}>${t.retry}</button>`;
    }
    if (this.runs === undefined) return html`<p>${t.loadingRuns}</p>`;
    if (this.runs.length === 0) return html`<p class="empty">${t.noRuns}</p>`;
    return html`<ol aria-label=${t.taskHistory}>
        ${repeat(
          this.runs,
          (run) => run.id,
          (run) => this.renderRun(run),
        )}
      </ol>
      ${this.nextCursor ? html`<button type="button" class="secondary" ?disabled=${this.loading} @click=${() => this.load(true)}>${t.loadMore}</button>` : nothing}`;
  }

  override render() {
    const { t } = this.i18n;
    return html`<details @toggle=${this.onToggle}>
      <summary>${t.taskHistory}</summary>
      <p><button type="button" class="secondary" ?disabled=${this.loading} @click=${() => this.load()}>${t.refresh}</button></p>
      <div aria-live="polite" aria-busy=${this.loading ? 'true' : 'false'}>${this.renderBody()}</div>
    </details>`;
  }
}
