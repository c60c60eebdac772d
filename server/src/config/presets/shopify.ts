/**
 * Shopify: the authorization code grant of a Shopify app, against the shop the user names.
 * Checked against shopify.dev (Implement authorization code grant manually, Authenticate a
 * standalone or API-only app, About offline access tokens, Migrate to expiring offline access
 * tokens), Shopify's omniauth-shopify-oauth2 wiki and Nango's providers.yaml.
 */
import type { Preset } from './index.js';

export const shopify: Preset = {
  type: 'shopify',
  name: 'Shopify',
  brandColor: '#7AB55C',
  shortDescription: 'Read products and orders from a Shopify store.',
  longDescription: 'Connect a Shopify store by its myshopify.com name so the app can read its products and orders.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://{shop}.myshopify.com/admin/oauth/authorize',
    tokenUrl: 'https://{shop}.myshopify.com/admin/oauth/access_token',
    scopes: ['read_products', 'read_orders'],
    // Shopify's authorize URL takes a comma-separated list.
    scopeSeparator: ',',
    // Expiring offline tokens (an hour, with a refresh token): required of public apps created
    // since April 2026, and of every public app from January 2027.
    tokenParams: { expiring: '1' },
    // client_id and client_secret in the body (the default). PKCE is not documented by
    // Shopify; it is sent (as Nango sends it) and does no harm.
    preInstallInputs: [
      {
        id: 'shop',
        type: 'TEXT_NO_VARS',
        title: 'Shop name',
        subtitle: 'The part before .myshopify.com in your store’s admin address.',
        placeholder: 'my-store',
        pattern: '[a-z0-9][a-z0-9-]*',
        maxLength: 63,
        required: true,
      },
    ],
    // No account-info call: the shop itself (kept in providerData as `shop`) is the account.
  },
};
