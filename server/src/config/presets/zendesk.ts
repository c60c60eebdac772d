/**
 * Zendesk (Support): OAuth authorization code grant against the user's Zendesk subdomain.
 * Checked against developer.zendesk.com (OAuth Tokens for Grant Types, Using PKCE, refresh
 * tokens, Creating and using OAuth tokens), support.zendesk.com (Using OAuth authentication
 * with your application; the refresh-token announcement) and Nango's providers.yaml.
 */
import type { Preset } from './index.js';

export const zendesk: Preset = {
  type: 'zendesk',
  name: 'Zendesk',
  brandColor: '#03363D',
  shortDescription: 'Read and update Zendesk tickets.',
  longDescription: 'Connect your Zendesk account by its subdomain so the app can read and update tickets and users on your behalf.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://{subdomain}.zendesk.com/oauth/authorizations/new',
    tokenUrl: 'https://{subdomain}.zendesk.com/oauth/tokens',
    scopes: ['read', 'write'],
    // PKCE is supported (S256): left on. Client id and secret go in the body (the default).
    preInstallInputs: [
      {
        id: 'subdomain',
        type: 'TEXT_NO_VARS',
        title: 'Zendesk subdomain',
        subtitle: 'The part before .zendesk.com in your Zendesk address.',
        placeholder: 'mycompany',
        pattern: '[a-z0-9][a-z0-9-]*',
        maxLength: 63,
        required: true,
      },
    ],
    accountInfo: {
      url: 'https://{subdomain}.zendesk.com/api/v2/users/me.json',
      idPath: 'user.id',
      namePath: 'user.name',
      providerData: { email: 'user.email', role: 'user.role' },
    },
  },
};
