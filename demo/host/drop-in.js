// The drop-in page's script, plain JavaScript on the global `paragon` of the host bridge's
// script-tag file. Every sample's body is a code sample of Paragon's SDK reference
// (../shared/seeds/sdk-and-rest-reference.txt and multiple-account-authorizations.txt), with the
// values a real app would pass; each is shown as it runs, and what it answers is printed below it.
/* global paragon */

const $ = (selector) => document.querySelector(selector);
const user = new URLSearchParams(location.search).get('user') ?? 'drop-in-user';
const session = await (await fetch(`/api/session?user=${encodeURIComponent(user)}`)).json();
$('#user-name').textContent = session.user;

// For on-premise (here: self-hosted) Paragon: the one line a Paragon host changes.
paragon.configureGlobal({ host: session.connectUrl });

/** The first Salesforce account of the signed-in user, as the samples that target one pick it. */
const firstSalesforceCredential = () => paragon.getUser().integrations.salesforce?.allCredentials[0]?.id;

const samples = {
  'get-user': () => {
    const user = paragon.getUser();
    if (!user.authenticated) return { authenticated: false };
    return user.integrations.salesforce.allCredentials.map(({ id, status, providerId, externalId }) => ({ id, status, providerId, externalId }));
  },
  'set-user-metadata': () =>
    paragon.setUserMetadata({
      Name: 'Sean V',
      Email: 'sean@useparagon.com',
      apiKey: 'key_Y0kBVldPFInxK',
    }),
  'connect-salesforce': () =>
    paragon.connect('salesforce', {
      // Only allow production-type Salesforce accounts to connect
      accountType: 'default',
    }),
  'install-slack': () => paragon.installIntegration('slack'),
  'install-salesforce': () => paragon.installIntegration('salesforce', { allowMultipleCredentials: true }),
  'connect-selected': () => paragon.connect('salesforce', { selectedCredentialId: firstSalesforceCredential() }),
  'get-integration-metadata': () => paragon.getIntegrationMetadata(),
  'get-integration-config': () => paragon.getIntegrationConfig('slack'),
  'update-settings': () =>
    paragon.updateIntegrationUserSettings('salesforce', { leadSource: 'Partner referral' }, { selectedCredentialId: firstSalesforceCredential() }),
  'update-workflow-state': () => paragon.updateWorkflowState({ 'wf-sf-leads': true }, { selectedCredentialId: firstSalesforceCredential() }),
  'custom-webhook-url': () => paragon.getCustomWebhookUserManualUrl('wf-sf-leads', firstSalesforceCredential()),
  'headless-install': () =>
    new Promise((resolve, reject) => {
      paragon.setHeadless(true);
      paragon.installFlow.start('salesforce', {
        onNext: (next) => {
          if (next.stage === 'accountType') {
            // If you want to skip this stage, pass the first account type option (or "default")
            void paragon.installFlow.setAccountType(next.options[0].id);
          }
        },
        onComplete: (event) => {
          paragon.setHeadless(false);
          resolve(event);
        },
        onError: (error, context) => {
          paragon.setHeadless(false);
          reject(Object.assign(error, { stage: context?.stage }));
        },
      });
    }),
  'uninstall-salesforce': () => paragon.uninstallIntegration('salesforce', { selectedCredentialId: firstSalesforceCredential() }),
};

// Subscribing to SDK Events applies to all integrations globally.
for (const eventName of ['onIntegrationInstall', 'onIntegrationUninstall', 'onWorkflowChange', 'onPortalOpen', 'onPortalClose']) {
  paragon.subscribe(eventName, (event) => {
    const item = document.createElement('li');
    item.textContent = `${eventName} ${event.integrationType}${event.credentialId ? ` ${event.credentialId}` : ''}`;
    $('#event-log').append(item);
  });
}

/** What a sample answered, as text: JSON, or the error's name, code and message. */
const describe = (outcome) => (outcome === undefined ? 'undefined' : JSON.stringify(outcome, null, 2));

const main = $('main');
for (const [name, run] of Object.entries(samples)) {
  const section = document.createElement('section');
  section.className = 'card sample';
  section.dataset.sample = name;
  const heading = document.createElement('h2');
  heading.textContent = name;
  const code = document.createElement('pre');
  code.textContent = run.toString().replace(/^\(\) =>\s*/, '');
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = `Run ${name}`;
  button.disabled = true;
  const output = document.createElement('pre');
  output.className = 'output';
  output.setAttribute('aria-live', 'polite');
  button.addEventListener('click', async () => {
    output.textContent = 'Running…';
    // A page (or a test) waiting for this run's outcome must not see the previous run's.
    delete output.dataset.outcome;
    try {
      output.textContent = describe(await run());
      output.dataset.outcome = 'ok';
    } catch (error) {
      output.textContent = `${error.name} ${error.code ?? ''}: ${error.message}`;
      output.dataset.outcome = 'error';
    }
  });
  section.append(heading, code, button, output);
  main.insertBefore(section, main.lastElementChild);
}

// paragon.authenticate should be called at the beginning of your application's lifecycle.
try {
  await paragon.authenticate(session.projectId, session.token);
  $('#session-status').textContent = 'Connected to the Connect server.';
  for (const button of main.querySelectorAll('button')) button.disabled = false;
} catch (error) {
  $('#session-status').textContent = `Could not start the Connect session: ${error.message}`;
}
