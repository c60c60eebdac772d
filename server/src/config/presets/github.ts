/**
 * GitHub: an OAuth App, web application flow.
 * Checked against docs.github.com (Authorizing OAuth apps, Scopes for OAuth apps), the GitHub
 * changelog (PKCE support for OAuth and GitHub App authentication, 2025-07-14) and Nango's
 * providers.yaml.
 */
import type { Preset } from './index.js';

export const github: Preset = {
  type: 'github',
  name: 'GitHub',
  brandColor: '#181717',
  shortDescription: 'Work with your GitHub repositories.',
  longDescription:
    'Connect a GitHub account so the app can read your profile and work with the repositories you can access, public and private, on your behalf.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://github.com/login/oauth/authorize',
    // Answers form-encoded unless asked for JSON; the broker sends Accept: application/json.
    tokenUrl: 'https://github.com/login/oauth/access_token',
    scopes: ['read:user', 'repo'],
    // PKCE (S256 only) is supported and recommended since July 2025: left on.
    accountInfo: {
      url: 'https://api.github.com/user',
      idPath: 'id',
      namePath: 'login',
      providerData: { login: 'login' },
    },
  },
};
