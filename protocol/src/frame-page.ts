/**
 * The framed page (`/portal/frame`): what the server that writes it and the portal's script in it
 * agree on.
 */

/**
 * The Trusted Types policy the framed page's script creates to start the worker that loads the
 * browser's locale data (portal/src/translations/warm-locale-data.ts); the page's CSP allows it
 * beside lit-html's.
 */
export const LOCALE_DATA_POLICY = 'paragon-locale-data';
