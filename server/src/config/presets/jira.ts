/**
 * Jira (Cloud): Atlassian OAuth 2.0 (3LO), then a Jira site picked after connecting.
 * Checked against developer.atlassian.com (OAuth 2.0 (3LO) apps, Implementing OAuth 2.0 (3LO)),
 * Auth.js's Atlassian provider and Nango's providers.yaml (jira, atlassian).
 */
import type { Preset } from './index.js';

export const jira: Preset = {
  type: 'jira',
  name: 'Jira',
  brandColor: '#0052CC',
  shortDescription: 'Create and read Jira issues.',
  longDescription: 'Connect an Atlassian account and pick the Jira Cloud site the app works with, so it can read and create issues on your behalf.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://auth.atlassian.com/authorize',
    tokenUrl: 'https://auth.atlassian.com/oauth/token',
    // Classic Jira scopes, read:me for the identity call, offline_access for a refresh token.
    scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'read:me', 'offline_access'],
    // Both are required by Atlassian's authorization URL.
    authorizationParams: { audience: 'api.atlassian.com', prompt: 'consent' },
    accountInfo: {
      url: 'https://api.atlassian.com/me',
      idPath: 'account_id',
      namePath: 'name',
      providerData: { email: 'email' },
    },
    // One grant can cover several sites. Their list (id = cloudId, name, url) comes from
    // https://api.atlassian.com/oauth/token/accessible-resources, which the data-sources feature
    // will serve as `accessibleResources`; until then the host answers this step itself.
    postInstallInputs: [
      {
        id: 'cloudId',
        type: 'DYNAMIC_ENUM',
        title: 'Jira site',
        subtitle: 'The Jira Cloud site the app works with.',
        sourceType: 'accessibleResources',
        required: true,
      },
    ],
  },
};
