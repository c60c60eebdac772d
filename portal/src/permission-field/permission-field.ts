import { html } from 'lit';
import type { PermissionInput } from '../../../protocol/src/inputs.js';
import { FieldBase } from '../field-base/field-base.js';
import { permissionFieldStyles } from './permission-field.styles.js';

/**
 * The scopes the user grants (`PERMISSION`): a fieldset of checkboxes, one per scope, each with
 * its label (or name) and description. Required scopes are always granted, so they are shown
 * checked and disabled, and are part of every value told.
 *
 * @summary Chooses the permissions to grant.
 * @fires paragon-field-change - The user checked or unchecked a scope: the granted scope names, in the input's order.
 * @csspart field - The fieldset, with the title as its legend.
 * @csspart tooltip - The disclosure with the input's longer help.
 * @csspart scope - One scope's row.
 */
export class PermissionField extends FieldBase<string[], PermissionInput> {
  static override styles = [...FieldBase.styles, permissionFieldStyles];

  private onChange(): void {
    const boxes = this.renderRoot.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    this.commit(this.input.scopes.filter((scope, index) => scope.required || boxes[index]!.checked).map((scope) => scope.name));
  }

  override render() {
    const granted = new Set(this.shownValue ?? []);
    return this.renderField(
      html`<ul class="scopes">
        ${this.input.scopes.map(
          (scope, index) => html`<li class="scope" part="scope">
            <input
              type="checkbox"
              id="scope-${index}"
              .checked=${Boolean(scope.required) || granted.has(scope.name)}
              ?disabled=${this.isDisabled || scope.required}
              aria-invalid=${this.invalid}
              aria-describedby="scope-${index}-description"
              @change=${this.onChange}
            />
            <label for="scope-${index}">${scope.label ?? scope.name}</label>
            <p class="description" id="scope-${index}-description">${scope.description}</p>
          </li>`,
        )}
      </ul>`,
      { group: true },
    );
  }
}
