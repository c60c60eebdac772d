/**
 * Notion: a public integration (OAuth).
 * Checked against developers.notion.com (Authorization guide, Create a token, the changelog on
 * the token response's workspace fields), Auth.js's Notion provider and Nango's providers.yaml.
 */
import type { Preset } from './index.js';

export const notion: Preset = {
  type: 'notion',
  name: 'Notion',
  brandColor: '#000000',
  shortDescription: 'Read and update the Notion pages you share with the app.',
  longDescription:
    'Connect a Notion workspace and choose the pages and databases the app may use. ' +
    'The app sees only what you share with it during connecting (or later, from the page menu in Notion).',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://api.notion.com/v1/oauth/authorize',
    tokenUrl: 'https://api.notion.com/v1/oauth/token',
    // Notion has no OAuth scopes: capabilities are set on the integration in Notion.
    scopes: [],
    // A user-owned token (the only kind Notion's public integrations issue).
    authorizationParams: { owner: 'user' },
    // Notion's token endpoint authenticates the client with HTTP Basic.
    tokenAuthMethod: 'client_secret_basic',
    // The token response describes the workspace; there is no user-info call to make.
    accountInfo: {
      idPath: 'workspace_id',
      namePath: 'workspace_name',
      providerData: { botId: 'bot_id', workspaceIcon: 'workspace_icon', ownerUserId: 'owner.user.id' },
    },
  },
};
