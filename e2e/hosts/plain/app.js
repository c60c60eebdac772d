// Frame mode with the global `paragon` only: what a page without a bundler writes.
/* global paragon */
const log = (text) => document.getElementById('log').append(Object.assign(document.createElement('li'), { textContent: text }));
const describe = (name, payload) => {
  const parts = [name, `integration=${payload.integrationType}`];
  if (payload.workflowId) parts.push(`workflow=${payload.workflowId}`, `enabled=${payload.workflowStateChange.enabled}`);
  if (name === 'onSettingsChange') parts.push(`settings=${Object.keys(payload.settings).join(',')}`);
  return parts.join(' ');
};

async function main() {
  const user = new URLSearchParams(location.search).get('user') ?? 'plain-user';
  const session = await (await fetch(`/api/session?user=${encodeURIComponent(user)}`)).json();
  paragon.configureGlobal({ host: session.connectUrl });
  await paragon.authenticate(session.projectId, session.token);
  document.getElementById('status').textContent = 'Connected to the Connect server.';
  const button = document.getElementById('open');
  button.disabled = false;
  button.addEventListener('click', () => {
    const on = (name) => (payload) => log(describe(name, payload));
    paragon.connect('crm', {
      onOpen: on('onOpen'),
      onClose: on('onClose'),
      onInstall: on('onInstall'),
      onWorkflowChange: on('onWorkflowChange'),
      onSettingsChange: on('onSettingsChange'),
    });
  });
}
main().catch((error) => (document.getElementById('status').textContent = `Error: ${error.message}`));
