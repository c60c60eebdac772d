/**
 * HubSpot: app-install OAuth (a public app installed into a HubSpot account).
 * Checked against developers.hubspot.com (Working with OAuth, OAuth quickstart, the v3 OAuth
 * guide and token endpoint reference, the v1 deprecation changelog, Account information API)
 * and Nango's providers.yaml.
 */
import type { Preset } from './index.js';

export const hubspot: Preset = {
  type: 'hubspot',
  name: 'HubSpot',
  brandColor: '#FF7A59',
  shortDescription: 'Sync contacts with HubSpot CRM.',
  longDescription:
    'Install the app into a HubSpot account so it can read CRM contacts on your behalf. ' +
    'Installing needs a Super Admin or a user with App Marketplace Access.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
    // The v3 endpoint takes every parameter in the body; the v1 endpoint is deprecated
    // (sunset February 16, 2027).
    tokenUrl: 'https://api.hubapi.com/oauth/v3/token',
    // Must match the app's required scopes in HubSpot's app settings, or HubSpot refuses the
    // install. `oauth` is required for every app (and by the account-info call below).
    scopes: ['oauth', 'crm.objects.contacts.read'],
    // The access-token info endpoint needs the token in its path, which `accountInfo.url`
    // cannot do; the account details endpoint takes the token as a Bearer header instead.
    accountInfo: {
      url: 'https://api.hubapi.com/account-info/v3/details',
      idPath: 'portalId',
      namePath: 'portalId',
      providerData: { uiDomain: 'uiDomain', accountType: 'accountType', dataHostingLocation: 'dataHostingLocation' },
    },
  },
};
