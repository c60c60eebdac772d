/**
 * Microsoft: the Microsoft identity platform (v2.0 endpoints), `common` tenant, so work, school
 * and personal Microsoft accounts can all connect.
 * Checked against learn.microsoft.com (Microsoft identity platform and OAuth 2.0 authorization
 * code flow, ID token claims reference) and Nango's providers.yaml.
 */
import type { Preset } from './index.js';

/** `satisfies`, so that the presets built on it (googledrive, onedrive, sharepoint) see its OAuth 2.0 auth as such. */
export const microsoft = {
  type: 'microsoft',
  name: 'Microsoft',
  brandColor: '#00A4EF',
  shortDescription: 'Connect a Microsoft 365 or personal Microsoft account.',
  longDescription:
    'Connect a work, school or personal Microsoft account so the app can use Microsoft Graph on your behalf, starting with your profile.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    // offline_access for a refresh token; `profile` is what puts `oid` and `name` in the ID token.
    scopes: ['openid', 'profile', 'email', 'offline_access', 'User.Read'],
    // PKCE is recommended for confidential clients too: left on.
    accountInfo: {
      // `oid` is the user object's id (the same as Graph's /me `id`); `tid` its tenant.
      idPath: 'id_token:oid',
      namePath: 'id_token:name',
      providerData: { tenantId: 'id_token:tid', username: 'id_token:preferred_username' },
    },
  },
} satisfies Preset;
