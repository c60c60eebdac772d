/**
 * Registers the portal's elements. The only module with side effects: import it (or load the
 * bundle with a `<script>` tag) to use `<paragon-connect-portal>`.
 */
import { AccountList } from './account-list/account-list.js';
import { CatalogView } from './catalog-view/catalog-view.js';
import { ConnectPortal } from './connect-portal/connect-portal.js';
import { InputsForm } from './inputs-form/inputs-form.js';
import { InstallFlowView } from './install-flow/install-flow.js';
import { IntegrationView } from './integration-view/integration-view.js';
import { SettingsForm } from './settings-form/settings-form.js';
import { WorkflowList } from './workflow-list/workflow-list.js';
import { TaskHistory } from './task-history/task-history.js';
import { TextField } from './text-field/text-field.js';
import { ToggleField } from './toggle-field/toggle-field.js';
import { SelectField } from './select-field/select-field.js';
import { ComboField } from './combo-field/combo-field.js';
import { FieldMapper } from './field-mapper/field-mapper.js';
import { CopyField } from './copy-field/copy-field.js';
import { PermissionField } from './permission-field/permission-field.js';
import { FileField } from './file-field/file-field.js';

const elements = {
  'paragon-connect-portal': ConnectPortal,
  'paragon-catalog-view': CatalogView,
  'paragon-integration-view': IntegrationView,
  'paragon-account-list': AccountList,
  'paragon-install-flow': InstallFlowView,
  'paragon-inputs-form': InputsForm,
  'paragon-settings-form': SettingsForm,
  'paragon-workflow-list': WorkflowList,
  'paragon-task-history': TaskHistory,
  'paragon-text-field': TextField,
  'paragon-toggle-field': ToggleField,
  'paragon-select-field': SelectField,
  'paragon-combo-field': ComboField,
  'paragon-field-mapper': FieldMapper,
  'paragon-copy-field': CopyField,
  'paragon-permission-field': PermissionField,
  'paragon-file-field': FileField,
} as const;

for (const [tag, element] of Object.entries(elements)) {
  // A page may load the bundle twice (a script tag and an import); the first definition wins.
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'paragon-connect-portal': ConnectPortal;
    'paragon-catalog-view': CatalogView;
    'paragon-integration-view': IntegrationView;
    'paragon-account-list': AccountList;
    'paragon-install-flow': InstallFlowView;
    'paragon-inputs-form': InputsForm;
    'paragon-settings-form': SettingsForm;
    'paragon-workflow-list': WorkflowList;
    'paragon-task-history': TaskHistory;
    'paragon-text-field': TextField;
    'paragon-toggle-field': ToggleField;
    'paragon-select-field': SelectField;
    'paragon-combo-field': ComboField;
    'paragon-field-mapper': FieldMapper;
    'paragon-copy-field': CopyField;
    'paragon-permission-field': PermissionField;
    'paragon-file-field': FileField;
  }
}

export * from './index.js';
