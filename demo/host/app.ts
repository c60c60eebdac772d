/**
 * The demo host app's script: what a SaaS product writes to embed the Connect Portal. It gets a
 * user token from its own backend, then uses the `paragon` API twice: in frame mode (a modal
 * behind a "Connect CRM" button) and in element mode (the inline element in the page).
 */
import { createParagon, paragon, SDK_EVENTS, type ConnectUser, type SdkEventName } from '../../host-bridge/src/index.js';

interface Session {
  projectId: string;
  connectUrl: string;
  user: string;
  token: string;
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** One line per event: its name, integration, credential and, for workflows, the change. */
function describeEvent(name: string, payload: Record<string, unknown>): string {
  const parts = [name, `integration=${payload.integrationType}`];
  if (payload.credentialId) parts.push(`credential=${payload.credentialId}`);
  if (payload.workflowId) {
    const change = payload.workflowStateChange as { enabled: boolean };
    parts.push(`workflow=${payload.workflowId}`, `enabled=${change.enabled}`);
  }
  return parts.join(' ');
}

function log(list: HTMLOListElement, text: string, isError = false): void {
  const item = document.createElement('li');
  item.textContent = text;
  if (isError) item.className = 'error';
  list.append(item);
}

function countAccounts(user: ConnectUser): number {
  return user.authenticated ? (user.integrations.crm?.allCredentials.length ?? 0) : 0;
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
  const inline = createParagon({ connectUrl: session.connectUrl, embedding: 'element', element: $('#inline-portal') });
  for (const name of SDK_EVENTS) {
    inline.subscribe(name as SdkEventName, (payload) => log(elementLog, describeEvent(name, payload as never)));
  }

  const results = await Promise.allSettled([
    paragon.authenticate(session.projectId, session.token),
    inline.authenticate(session.projectId, session.token),
  ]);
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      const error = result.reason as { code?: string; message: string };
      log(index === 0 ? frameLog : elementLog, `error ${error.code ?? ''}: ${error.message}`, true);
    }
  });
  if (results[0].status === 'fulfilled') {
    status.textContent = `${countAccounts(paragon.getUser())} CRM account(s) connected.`;
    $<HTMLButtonElement>('#connect-crm').disabled = false;
  } else {
    status.textContent = 'Could not start the Connect session.';
  }

  $('#connect-crm').addEventListener('click', () => {
    const onEvent = (name: string) => (payload: object) => log(frameLog, describeEvent(name, payload as never));
    paragon
      .connect('crm', {
        onOpen: onEvent('onOpen'),
        onClose: (payload) => {
          onEvent('onClose')(payload);
          status.textContent = `${countAccounts(paragon.getUser())} CRM account(s) connected.`;
        },
        onInstall: onEvent('onInstall'),
        onWorkflowChange: onEvent('onWorkflowChange'),
      })
      .catch((error: { code?: string; message: string }) => log(frameLog, `error ${error.code ?? ''}: ${error.message}`, true));
  });
}

void main();
