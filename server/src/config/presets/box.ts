/**
 * Box: OAuth 2.0 for a Box Platform app, and the file picker over Box API 2.0.
 * Checked against developer.box.com (OAuth 2.0 without SDKs; Authorize user; Request access
 * token, whose parameters name no PKCE; Get current user; List items in folder with `usemarker`,
 * `marker`, `limit` (at most 1000) and `fields`; Marker-based pagination, `next_marker`; Search
 * for content, offset-paginated; Get file information; Get folder information; the root folder's
 * id `0`; Downscope a Token, `POST /oauth2/token` with `grant_type` token-exchange; Special
 * scopes for Box UI Elements, `base_picker` and `item_preview`).
 */
import type { Preset } from './index.js';

/** What an item needs to show in the picker; Box's mini items lack `size` and `modified_at`. */
const ITEM = 'type,id,name,size,modified_at';

export const box: Preset = {
  type: 'box',
  name: 'Box',
  brandColor: '#0061D5',
  shortDescription: 'Pick files from Box.',
  longDescription: 'Connect a Box account so you can pick files and folders from it, and the app can read the ones you picked.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://account.box.com/api/oauth2/authorize',
    tokenUrl: 'https://api.box.com/oauth2/token',
    // Read all files and folders; without a scope Box grants every scope the app is configured with.
    scopes: ['root_readonly'],
    // Box documents no code_challenge or code_verifier for this flow: not sent.
    pkce: false,
    accountInfo: { url: 'https://api.box.com/2.0/users/me', idPath: 'id', namePath: 'name', providerData: { email: 'login' } },
  },
  api: { baseUrl: 'https://api.box.com/2.0' },
  files: {
    rootFolderId: '0',
    list: {
      path: `folders/{folderId}/items?usemarker=true&fields=${ITEM}`,
      itemsPath: 'entries',
      cursorParam: 'marker',
      nextCursorPath: 'next_marker',
    },
    // Box's search pages by offset, which no cursor of the answer carries: the first page (the
    // best matches, `limit` of them) is what the picker shows.
    search: { path: `search?query={search}&fields=${ITEM}`, itemsPath: 'entries' },
    getFile: { path: `files/{fileId}?fields=${ITEM}` },
    getFolder: { path: `folders/{folderId}?fields=${ITEM}` },
    limitParam: 'limit',
    pageSize: 100,
    // Box gives no MIME type.
    fields: { id: 'id', name: 'name', size: 'size', modifiedTime: 'modified_at' },
    folder: { path: 'type', equals: 'folder' },
    // `init({ vendor: true })` for the Box Content Picker: Box downscopes the account's token to the
    // UI-element scopes the picker needs (browse and select, preview), nothing else.
    vendorPicker: { scopes: ['base_picker', 'item_preview'] },
  },
};
