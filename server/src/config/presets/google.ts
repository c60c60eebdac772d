/**
 * Google: OAuth 2.0 for web server applications, with OpenID Connect for the account.
 * Checked against developers.google.com (Using OAuth 2.0 for Web Server Applications, the
 * OpenID Connect reference, Choose Google Drive API scopes) and Nango's providers.yaml.
 */
import type { Preset } from './index.js';

/** `satisfies`, so that the presets built on it (googledrive, onedrive, sharepoint) see its OAuth 2.0 auth as such. */
export const google = {
  type: 'google',
  name: 'Google',
  brandColor: '#4285F4',
  shortDescription: 'Connect a Google account.',
  longDescription:
    'Connect a Google account so the app can act for it while you are away. ' +
    'By default the app learns only who you are (name and email); the app may ask for more, such as access to Drive or Calendar.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    // Identity only: every product scope (Drive, Gmail, Calendar...) is the host's choice, and
    // many of them are "sensitive" or "restricted" (drive.readonly needs a security assessment).
    scopes: ['openid', 'email', 'profile'],
    // A refresh token is issued only with access_type=offline, and again on a reconnection only
    // when consent is asked again.
    authorizationParams: { access_type: 'offline', prompt: 'consent' },
    // The token response carries an ID token (openid scope): `sub` is the stable account id.
    accountInfo: {
      idPath: 'id_token:sub',
      namePath: 'id_token:email',
      providerData: { email: 'id_token:email', hostedDomain: 'id_token:hd' },
    },
  },
} satisfies Preset;
