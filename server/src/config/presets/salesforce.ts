/**
 * Salesforce: the OAuth 2.0 web server flow, against production orgs (login.salesforce.com)
 * or sandboxes (test.salesforce.com).
 * Checked against help.salesforce.com (OAuth 2.0 Web Server Flow for Web App Integration, PKCE
 * Extension), developer.salesforce.com (web server flow, refresh token), jsforce's TokenResponse
 * and Nango's providers.yaml (salesforce, salesforce-sandbox).
 */
import type { Preset } from './index.js';

export const salesforce: Preset = {
  type: 'salesforce',
  name: 'Salesforce',
  brandColor: '#00A1E0',
  shortDescription: 'Sync records with Salesforce.',
  longDescription:
    'Connect a Salesforce org, production or sandbox, so the app can read and write records through the Salesforce API on your behalf.',
  auth: {
    scheme: 'oauth2',
    // Production unless an account type says otherwise (both say so, below).
    authorizationUrl: 'https://login.salesforce.com/services/oauth2/authorize',
    tokenUrl: 'https://login.salesforce.com/services/oauth2/token',
    // `api` for the REST/SOAP APIs, `refresh_token` (same as `offline_access`) for a refresh token.
    scopes: ['api', 'refresh_token'],
    accountTypes: [
      {
        id: 'production',
        label: 'Production',
        description: 'A production or Developer Edition org (login.salesforce.com).',
        authorizationUrl: 'https://login.salesforce.com/services/oauth2/authorize',
        tokenUrl: 'https://login.salesforce.com/services/oauth2/token',
      },
      {
        id: 'sandbox',
        label: 'Sandbox',
        description: 'A sandbox org (test.salesforce.com).',
        authorizationUrl: 'https://test.salesforce.com/services/oauth2/authorize',
        tokenUrl: 'https://test.salesforce.com/services/oauth2/token',
      },
    ],
    // The token response names the user by its identity URL (`id`:
    // https://login.salesforce.com/id/<orgId>/<userId>), unique per org and user, and says which
    // instance serves the org's API (`instance_url`).
    accountInfo: {
      idPath: 'id',
      providerData: { instanceUrl: 'instance_url' },
    },
  },
};
