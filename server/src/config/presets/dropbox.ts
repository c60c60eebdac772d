/**
 * Dropbox: OAuth 2.0 with PKCE and offline access, and the file picker over Dropbox API v2, which
 * takes every argument as a JSON body.
 * Checked against dropbox.com/developers (OAuth Guide: `token_access_type=offline`, PKCE, scopes;
 * the /oauth2/token answer's `account_id`; HTTP reference: files/list_folder and
 * files/list_folder/continue with `cursor` and `has_more`, the root's path `""`; files/search_v2
 * and files/search/continue_v2, `matches[].metadata.metadata`; files/get_metadata; the
 * endpoint-specific 409 errors such as `path/not_found`) and dropbox.tech's "Using OAuth 2.0 with
 * offline access".
 */
import type { Preset } from './index.js';

/** Where a list answer's items and next page are. */
const PAGE = { nextCursorPath: 'cursor', hasMorePath: 'has_more' } as const;
const SEARCH_PAGE = { itemsPath: 'matches', itemPath: 'metadata.metadata', ...PAGE } as const;

export const dropbox: Preset = {
  type: 'dropbox',
  name: 'Dropbox',
  brandColor: '#0061FF',
  shortDescription: 'Pick files from Dropbox.',
  longDescription: 'Connect a Dropbox account so you can pick files and folders from it, and the app can read the ones you picked.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://www.dropbox.com/oauth2/authorize',
    tokenUrl: 'https://api.dropboxapi.com/oauth2/token',
    // Scoped app permissions: browse (metadata) and read (content) the files, and know the account.
    scopes: ['account_info.read', 'files.metadata.read', 'files.content.read'],
    // Short-lived access tokens only, unless offline access asks for a refresh token.
    authorizationParams: { token_access_type: 'offline' },
    // The token answer names the account; its name would need a POST (users/get_current_account).
    accountInfo: { idPath: 'account_id' },
  },
  api: { baseUrl: 'https://api.dropboxapi.com' },
  files: {
    // The root is the empty path; any other folder is named by its id (`id:…`), which Dropbox takes as a path.
    rootFolderId: '',
    list: { method: 'POST', path: '2/files/list_folder', body: { path: '{folderId}', limit: 100 }, itemsPath: 'entries', ...PAGE },
    next: { method: 'POST', path: '2/files/list_folder/continue', body: { cursor: '{cursor}' }, itemsPath: 'entries', ...PAGE },
    search: { method: 'POST', path: '2/files/search_v2', body: { query: '{search}', options: { max_results: 100 } }, ...SEARCH_PAGE },
    searchNext: { method: 'POST', path: '2/files/search/continue_v2', body: { cursor: '{cursor}' }, ...SEARCH_PAGE },
    getFile: { method: 'POST', path: '2/files/get_metadata', body: { path: '{fileId}' } },
    // Dropbox gives no MIME type; a folder has no modification time.
    fields: { id: 'id', name: 'name', size: 'size', modifiedTime: 'server_modified' },
    // The kind is in `.tag`, a key a dotted path cannot name (it starts with the separator). A
    // file's metadata always has `size` and a folder's never does; deleted entries, which have
    // none either, are not listed or searched unless asked for.
    folder: { path: 'size', present: false },
  },
};
