import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { i18nContext } from '../context/portal-context.js';
import type { InputsSubmitEvent } from '../events/inputs-submit.js';
import { InstallEndEvent } from '../events/install-end.js';
import { safeHref } from '../field-base/field-base.js';
import type { SettingFieldOptions } from '../field-base/render-field.js';
import { popupWindow, type InstallFlow, type InstallStage } from '../runtime/install-flow.js';
import { layoutStyles } from '../styles/layout.styles.js';
import { tokens } from '../styles/tokens.styles.js';
import { createI18n, type I18n } from '../translations/i18n.js';
import { installFlowStyles } from './install-flow.styles.js';

/** The features of the sign-in window: a popup of its own, sized for a provider's login page. */
const SIGN_IN_WINDOW = 'popup,width=520,height=680';

/**
 * The steps of connecting one account, for an `InstallFlow` of the runtime: the account type,
 * the instructions, the values asked before, the provider's sign-in, the values asked after.
 * The sign-in window is opened in the click itself (browsers block one opened later); the flow
 * then only points it at the server and reads the outcome from the server.
 *
 * @summary Walks the user through connecting an account.
 * @fires paragon-install-end - The user left: `detail.credentialId` when an account was connected.
 * @csspart step - The current step.
 */
export class InstallFlowView extends LitElement {
  static override styles = [tokens, layoutStyles, installFlowStyles];

  /** The flow to show and drive. */
  @property({ attribute: false }) flow!: InstallFlow;

  /** Where dropdowns among the asked values take their options. */
  @property({ attribute: false }) sourceFor: SettingFieldOptions['sourceFor'] | undefined;

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n: I18n = createI18n('en');

  @state() private chosenType = '';
  /** What the last copy button did, said in the status line. */
  @state() private copied: '' | 'copied' | 'failed' = '';
  private readonly onChange = () => this.requestUpdate();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('flow')) {
      changed.get('flow')?.removeEventListener('change', this.onChange);
      this.flow.addEventListener('change', this.onChange);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flow?.removeEventListener('change', this.onChange);
  }

  /** A failed step already shows its error; the promise's rejection is handled here. */
  private run(step: Promise<void>): void {
    step.then(
      () => this.focusStep(),
      () => this.focusStep(),
    );
  }

  /** Moves focus to the new step's heading, so keyboard and screen reader users follow along. */
  private focusStep(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus());
  }

  private signIn(): void {
    // Opened here, in the click: a window opened after any await is blocked as a pop-up.
    const popup = window.open('about:blank', 'paragon-sign-in', SIGN_IN_WINDOW);
    this.run(this.flow.retryOAuth(popupWindow(popup)));
  }

  private async cancel(): Promise<void> {
    await this.flow.cancel();
    this.dispatchEvent(new InstallEndEvent({}));
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = 'copied';
    } catch {
      this.copied = 'failed';
    }
  }

  private failure() {
    const error = this.flow.error;
    return error && error.code !== 'oauth_cancelled' ? { message: error.message, field: error.field } : undefined;
  }

  private renderAccountType(stage: Extract<InstallStage, { stage: 'accountType' }>) {
    const { t } = this.i18n;
    return html`
      <fieldset>
        <legend class="sr-only">${t.chooseAccountType}</legend>
        ${stage.options.map(
          (type) => html`<label class="choice">
            <input type="radio" name="account-type" .value=${type.id} .checked=${this.chosenType === type.id} @change=${() => (this.chosenType = type.id)} />
            <span class="choice__text">
              <span class="choice__label">${type.label}</span>
              ${type.description ? html`<span class="choice__description">${type.description}</span>` : nothing}
            </span>
          </label>`,
        )}
      </fieldset>
      <button type="button" ?disabled=${!this.chosenType || this.flow.busy} @click=${() => this.run(this.flow.setAccountType(this.chosenType))}>${t.continueButton}</button>
    `;
  }

  private renderInstructions(stage: Extract<InstallStage, { stage: 'instruction' }>) {
    const { t } = this.i18n;
    return html`
      ${stage.content.split(/\n\s*\n/).map((paragraph) => html`<p class="instructions">${paragraph}</p>`)}
      <div class="actions">
        ${stage.ctas.map((cta) => {
          if (cta.type === 'copyButton')
            return html`<button type="button" class="secondary" @click=${() => this.copy(cta.copyText)}>${cta.label}</button>`;
          const href = safeHref(cta.href);
          return href ? html`<a class="cta" href=${href} target="_blank" rel="noopener noreferrer">${cta.label}</a>` : nothing;
        })}
      </div>
      <p class="status" role="status">${this.copied === 'copied' ? t.copied : this.copied === 'failed' ? t.copyFailed : ''}</p>
      <button type="button" ?disabled=${this.flow.busy} @click=${() => this.run(this.flow.finishInstructions())}>${t.instructionsDone}</button>
    `;
  }

  private renderInputs(stage: Extract<InstallStage, { stage: 'preOptions' | 'postOptions' }>) {
    const { t } = this.i18n;
    const submit = (event: InputsSubmitEvent) =>
      this.run(stage.stage === 'preOptions' ? this.flow.setPreOptions(event.detail.values) : this.flow.setPostOptions(event.detail.values));
    const label = stage.stage === 'postOptions' || this.flow.integration.authenticationType === 'oauth' ? t.continueButton : t.connectButton;
    return html`<paragon-inputs-form
      .inputs=${stage.options}
      ?busy=${this.flow.busy}
      label=${label}
      .failure=${this.failure()}
      .sourceFor=${this.sourceFor}
      @paragon-inputs-submit=${submit}
    ></paragon-inputs-form>`;
  }

  private renderSignIn() {
    const { t } = this.i18n;
    const { flow } = this;
    const name = flow.integration.name;
    const error = this.failure();
    if (flow.signIn) {
      return html`
        <p class="status" role="status">${t.signInWaiting(name)}</p>
        ${
          flow.signIn.windowClosed
            ? html`<p class="notice" role="status">${t.signInWindowClosed}</p>
              <button type="button" class="secondary" @click=${this.signIn}>${t.signInAgain}</button>`
            : nothing
        }
      `;
    }
    return html`
      ${error ? html`<p class="error" role="alert">${flow.error!.code === 'popup_blocked' ? t.popupBlocked : error.message}</p>` : nothing}
      <button type="button" ?disabled=${flow.busy} @click=${this.signIn}>${error ? t.tryAgain : t.signInWith(name)}</button>
    `;
  }

  private renderStage(stage: InstallStage) {
    switch (stage.stage) {
      case 'accountType':
        return this.renderAccountType(stage);
      case 'instruction':
        return this.renderInstructions(stage);
      case 'preOptions':
      case 'postOptions':
        return this.renderInputs(stage);
      case 'oauth':
        return this.renderSignIn();
      case 'done':
        return html`<button type="button" @click=${() => this.dispatchEvent(new InstallEndEvent({ credentialId: this.flow.progress.credential?.id }))}>
          ${this.i18n.t.done}
        </button>`;
    }
  }

  private headingOf(stage: InstallStage): string {
    const { t } = this.i18n;
    const name = this.flow.integration.name;
    switch (stage.stage) {
      case 'accountType':
        return t.chooseAccountType;
      case 'postOptions':
        return t.finishSetupTitle;
      case 'done':
        return t.connectedTitle(name);
      default:
        return this.flow.options.selectedCredentialId ? t.reconnect : t.connectAccount;
    }
  }

  override render() {
    const { stage } = this.flow;
    return html`
      <section class="step" part="step" aria-labelledby="step-heading">
        <h3 id="step-heading" tabindex="-1" data-step-heading>${this.headingOf(stage)}</h3>
        ${this.renderStage(stage)}
        ${stage.stage === 'done' ? nothing : html`<button type="button" class="link cancel" @click=${this.cancel}>${this.i18n.t.cancel}</button>`}
      </section>
    `;
  }
}
