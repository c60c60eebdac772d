/**
 * The demo host app's script: what a SaaS product writes to embed the Connect Portal. It gets a
 * user token from its own backend, then uses the `paragon` API twice: in frame mode (a modal
 * behind a button per integration, and one for the catalog) and in element mode (the inline
 * element in the page). The status line shows the user's real accounts after every event.
 */
import { elementEmbedding } from '../../host-bridge/src/element.js';
import { createParagon, paragon, SDK_EVENTS, type ConnectUser, type SdkEventName } from '../../host-bridge/src/index.js';

interface Session {
  projectId: string;
  connectUrl: string;
  user: string;
  token: string;
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** The fields of the SDK events' payloads that the log shows; each event has some of them. */
interface EventPayload {
  integrationType: string;
  credentialId?: string;
  workflowId?: string;
  workflowStateChange?: { enabled?: boolean; settings?: object };
  settings?: object;
}

/** One line per event: its name, integration, credential and, for workflows, the change. */
function describeEvent(name: string, payload: EventPayload): string {
  const parts = [name, `integration=${payload.integrationType}`];
  if (payload.credentialId) parts.push(`credential=${payload.credentialId}`);
  if (payload.workflowId) {
    const change = payload.workflowStateChange as { enabled?: boolean; settings?: object };
    parts.push(`workflow=${payload.workflowId}`);
    if (change.enabled !== undefined) parts.push(`enabled=${change.enabled}`);
    if (change.settings) parts.push(`settings=${Object.keys(change.settings).join(',')}`);
  }
  if (name === 'onSettingsChange') parts.push(`settings=${Object.keys(payload.settings as object).join(',')}`);
  return parts.join(' ');
}

function log(list: HTMLOListElement, text: string, isError = false): void {
  const item = document.createElement('li');
  item.textContent = text;
  if (isError) item.className = 'error';
  list.append(item);
}

/** Logs a bridge call's failure as `error <code>: <message>`. */
function logError(list: HTMLOListElement, error: unknown): void {
  const { code, message } = error as { code?: string; message: string };
  log(list, `error ${code ?? ''}: ${message}`, true);
}

/** "Acme CRM: 2 accounts · Sandbox CRM: 1 account", from the state the bridge holds. */
function describeAccounts(user: ConnectUser, names: Record<string, string>): string {
  if (!user.authenticated) return 'Not signed in to the Connect server.';
  const counts = Object.entries(user.integrations)
    .map(([type, state]) => [names[type] ?? type, state.allCredentials.length] as const)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name}: ${count} account${count === 1 ? '' : 's'}`);
  return counts.length > 0 ? counts.join(' · ') : 'No account connected yet.';
}

/** The file picker's account choice: the user's Sandbox CRM accounts, by workspace. */
function listStorageAccounts(user: ConnectUser): void {
  const select = $<HTMLSelectElement>('#picker-account');
  const accounts = user.authenticated ? (user.integrations.sandbox?.allCredentials ?? []) : [];
  const chosen = select.value;
  select.replaceChildren(
    ...accounts.map((account) => new Option(String(account.providerData?.workspace ?? account.id), account.id, false, account.id === chosen)),
  );
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-picker]')) button.disabled = accounts.length === 0;
}

/** Opens the file picker of the chosen account, in frame mode (`paragon`) or in the inline element (`inline`). */
function pickFiles(bridge: typeof paragon, list: HTMLOListElement): void {
  const picker = new bridge.ExternalFilePicker('sandbox', {
    allowMultiSelect: $<HTMLInputElement>('#picker-multiple').checked,
    allowFolderSelect: $<HTMLInputElement>('#picker-folders').checked,
    onFileSelect: (files) => {
      for (const file of files) {
        log(
          list,
          `${file.isFolder ? 'folder' : 'file'} "${file.name}" (${file.mimeType ?? 'unknown type'}) id=${file.id} credential=${file.credentialId}`,
        );
      }
    },
    onCancel: () => log(list, 'cancelled'),
    onError: (error) => log(list, `error: ${error.message}`, true),
  });
  void picker.init({ selectedCredentialId: $<HTMLSelectElement>('#picker-account').value }).then(() => picker.open());
}

async function main(): Promise<void> {
  const frameLog = $<HTMLOListElement>('#frame-log');
  const elementLog = $<HTMLOListElement>('#element-log');
  const status = $('#session-status');
  const userName = new URLSearchParams(location.search).get('user') ?? 'demo-user';

  const session = (await (await fetch(`/api/session?user=${encodeURIComponent(userName)}`)).json()) as Session;
  $('#user-name').textContent = session.user;

  // Frame mode: the ready-made `paragon` object, pointed at the Connect server.
  paragon.configureGlobal({ host: session.connectUrl });
  // Element mode: a second instance, paired with the inline element.
  const inline = createParagon({ connectUrl: session.connectUrl, embedding: elementEmbedding($('#inline-portal')) });
  const names = { crm: 'Acme CRM', sandbox: 'Sandbox CRM', sandboxSites: 'Sandbox Sites' };
  const showAccounts = () => {
    status.textContent = describeAccounts(paragon.getUser(), names);
    listStorageAccounts(paragon.getUser());
  };
  /**
   * The two embeddings are two portals of one user: what one changes, the other asks for again.
   * Signing in again as the same user refreshes what a portal shows, without a loading state.
   */
  const refresh = (instance: typeof inline, logTo: HTMLOListElement) =>
    instance.authenticate(session.projectId, session.token).catch((error: unknown) => logError(logTo, error));
  const changesState = (name: string) => name !== 'onPortalOpen' && name !== 'onPortalClose';
  for (const name of SDK_EVENTS) {
    inline.subscribe(name as SdkEventName, (payload) => {
      log(elementLog, describeEvent(name, payload as never));
      // The element's bridge heard it first: its state has the account just connected or removed.
      listStorageAccounts(inline.getUser());
      if (changesState(name)) void refresh(paragon, frameLog).then(showAccounts);
    });
    paragon.subscribe(name as SdkEventName, () => {
      showAccounts();
      if (changesState(name)) void refresh(inline, elementLog);
    });
  }

  const results = await Promise.allSettled([
    paragon.authenticate(session.projectId, session.token),
    inline.authenticate(session.projectId, session.token),
  ]);
  results.forEach((result, index) => {
    if (result.status === 'rejected') logError(index === 0 ? frameLog : elementLog, result.reason);
  });
  if (results[0].status !== 'fulfilled') {
    status.textContent = 'Could not start the Connect session.';
    return;
  }
  showAccounts();
  // Both, for the browser's console (`paragon.request("sandbox", "/me")`), as Paragon's script tag leaves `paragon` there.
  Object.assign(window, { paragon, inline });

  const picked = $<HTMLOListElement>('#picked-files');
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-picker]')) {
    button.addEventListener('click', () => pickFiles(button.dataset.picker === 'element' ? inline : paragon, picked));
  }

  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-integration]')) {
    button.disabled = false;
    button.addEventListener('click', () => {
      const onEvent = (name: string) => (payload: object) => log(frameLog, describeEvent(name, payload as never));
      paragon
        .connect(button.dataset.integration, {
          onOpen: onEvent('onOpen'),
          onClose: (payload) => {
            onEvent('onClose')(payload);
            showAccounts();
          },
          onInstall: onEvent('onInstall'),
          onUninstall: onEvent('onUninstall'),
          onWorkflowChange: onEvent('onWorkflowChange'),
          onSettingsChange: onEvent('onSettingsChange'),
        })
        .catch((error: unknown) => logError(frameLog, error));
    });
  }
}

void main();
