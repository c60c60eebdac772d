/**
 * Type tests, checked by `tsc` (npm test's typecheck step) and never run: host code written
 * against Paragon's documented API compiles against ours, and mistakes a host could make do not.
 * Each `@ts-expect-error` fails the build if the line below it ever compiles.
 */
import {
  OAuthBlockedError,
  paragon,
  type ConnectUser,
  type InstallFlowStage,
  type IntegrationInstallEvent,
  type IntegrationMetadata,
  type Paragon,
  type SdkEventName,
} from '../src/index.js';
import { elementEmbedding } from '../src/element.js';
import { createParagon, frameEmbedding } from '../src/index.js';

declare const element: HTMLElement;
declare const container: HTMLElement;
const check = <T>(value: T): T => value;

export async function compiles(): Promise<void> {
  paragon.configureGlobal({ host: 'mycompany.paragon.so' });
  await check<Promise<void>>(paragon.authenticate('project-id', 'user.token.jwt', { metadata: { Email: 'ada@example.com' } }));

  const user: ConnectUser = paragon.getUser();
  if (user.authenticated) {
    check<string[]>(user.integrations.salesforce?.allCredentials.map((credential) => credential.id) ?? []);
    check<string | undefined>(user.integrations.salesforce?.allCredentials[0]?.externalId);
  }

  const installed = await paragon.connect('salesforce', {
    accountType: 'default',
    externalId: 'crm-42',
    selectedCredentialId: 'credential-id',
    onOpen: (event) => check<string>(event.integrationType),
    onInstall: (event, current) => check<[string, ConnectUser]>([event.credentialId, current]),
    onWorkflowChange: (event) => check<boolean | undefined>(event.workflowStateChange.enabled),
    onClose: () => undefined,
    onError: (error) => check<Error>(error),
    dropdowns: {
      teams: [{ label: 'Sales', value: 'sales' }],
      owners: { loadOptions: async (cursor, search) => ({ options: [], nextPageCursor: cursor ?? search ?? null }) },
    },
  });
  check<IntegrationInstallEvent | undefined>(installed);

  const unsubscribe = paragon.subscribe('onIntegrationInstall', (event) => check<string>(event.credentialId));
  check<boolean>(unsubscribe());
  for (const name of ['onPortalOpen', 'onPortalClose'] satisfies SdkEventName[]) paragon.subscribe(name, () => undefined);

  await paragon.installIntegration('slack', { allowMultipleCredentials: true, onSuccess: (event) => check<string>(event.integrationId) });
  await paragon.uninstallIntegration('slack', { selectedCredentialId: 'credential-id' });
  await paragon.updateIntegrationUserSettings('slack', { channel: '#general', limit: 5, notify: true }, { selectedCredentialId: 'credential-id' });
  await paragon.updateWorkflowUserSettings('slack', 'workflow-id', { threshold: 10 });
  const { errors } = await paragon.updateWorkflowState({ 'workflow-id': true });
  check<string[]>(errors.map((error) => error.message));
  await paragon.enableWorkflow('workflow-id', { selectedCredentialId: 'credential-id' });
  check<IntegrationMetadata[]>(paragon.getIntegrationMetadata());
  check<IntegrationMetadata>(paragon.getIntegrationMetadata('slack'));
  check<string>(paragon.getIntegrationConfig('slack').longDescription);

  paragon.setHeadless(true);
  paragon.installFlow.start('salesforce', {
    onNext: (stage: InstallFlowStage) => {
      if (stage.stage === 'accountType') void paragon.installFlow.setAccountType(stage.options[0]!.id);
      if (stage.stage === 'instruction') void stage.finish?.onClick();
      if (stage.stage === 'preOptions') void paragon.installFlow.setPreOptions({ SHOP_NAME: 'acme' });
    },
    onComplete: (event) => check<string>(event.credentialId),
    onError: (error, context) => check<[boolean, string | undefined]>([error instanceof OAuthBlockedError, context?.stage]),
  });
  await paragon.installFlow.cancel();

  check<Paragon>(createParagon({ connectUrl: 'https://connect.example.com', embedding: elementEmbedding(element) }));
  check<Paragon>(createParagon({ embedding: frameEmbedding({ container }) }));
}

export async function refuses(): Promise<void> {
  // @ts-expect-error an event name Paragon does not have (`onInstall` is connect()'s callback, not an event)
  paragon.subscribe('onInstall', () => undefined);
  // @ts-expect-error a misspelt connect() option
  await paragon.connect('salesforce', { onInstal: () => undefined });
  // @ts-expect-error authenticate needs the user token
  await paragon.authenticate('project-id');
  // @ts-expect-error settings are values, not functions
  await paragon.updateIntegrationUserSettings('slack', { channel: () => '#general' });
  // @ts-expect-error updateWorkflowState takes true or false per workflow
  await paragon.updateWorkflowState({ 'workflow-id': 'on' });
  // @ts-expect-error getUser() is synchronous: it answers the user, not a promise
  void check<Promise<ConnectUser>>(paragon.getUser());
  // @ts-expect-error the theme is light, dark or auto
  await paragon.setAppearance({ theme: 'sepia' });
  // @ts-expect-error an embedding is made by frameEmbedding() or elementEmbedding()
  createParagon({ embedding: 'element' });
  const user = paragon.getUser();
  // @ts-expect-error integrations exist only once the user is signed in
  void user.integrations;
}
