/**
 * Google Drive: Google's OAuth 2.0 (as the `google` preset) with read access to Drive, and the
 * file picker over Drive API v3.
 * Checked against developers.google.com (Choose Google Drive API scopes; Drive API v3 reference:
 * files.list with its `q`, `pageSize`, `pageToken`, `orderBy` and `fields` parameters, files.get;
 * Search for files and folders, for the query language and its escaping of `'` and `\`).
 */
import { google } from './google.js';
import type { Preset } from './index.js';

/** What an item needs to show in the picker; Drive answers only the fields asked for. */
const ITEM = 'id,name,mimeType,size,modifiedTime';

export const googledrive: Preset = {
  type: 'googledrive',
  name: 'Google Drive',
  brandColor: '#1FA463',
  shortDescription: 'Pick files from Google Drive.',
  longDescription: 'Connect a Google account so you can pick files and folders from your Drive, and the app can read the ones you picked.',
  auth: {
    ...google.auth,
    // drive.readonly, not drive.file: our picker lists the user's Drive itself through the API,
    // and under drive.file files.list sees only files this app created or was handed by Google's
    // own Picker, so the folders would look empty. drive.readonly is a "restricted" scope: an app
    // in production needs Google's verification and a security assessment.
    scopes: ['openid', 'email', 'profile', 'https://www.googleapis.com/auth/drive.readonly'],
  },
  api: { baseUrl: 'https://www.googleapis.com/drive/v3' },
  files: {
    // Drive's alias for the root of My Drive.
    rootFolderId: 'root',
    // The query string is written as read: the file picker encodes it when it sends it.
    list: {
      path: `files?q='{folderId}' in parents and trashed = false&orderBy=folder,name&fields=nextPageToken,files(${ITEM})`,
      itemsPath: 'files',
      cursorParam: 'pageToken',
      nextCursorPath: 'nextPageToken',
    },
    // Every folder of My Drive, and files shared with the user, by name.
    search: {
      path: `files?q=name contains '{search}' and trashed = false&orderBy=folder,name&fields=nextPageToken,files(${ITEM})`,
      itemsPath: 'files',
      cursorParam: 'pageToken',
      nextCursorPath: 'nextPageToken',
    },
    getFile: { path: `files/{fileId}?fields=${ITEM}` },
    limitParam: 'pageSize',
    pageSize: 100,
    // Drive's query language ends a string at `'` and escapes with `\`.
    quoting: 'backslash',
    // `size` is an int64 written as a string; Google Docs, Sheets... have none.
    fields: { id: 'id', name: 'name', mimeType: 'mimeType', size: 'size', modifiedTime: 'modifiedTime' },
    folder: { path: 'mimeType', equals: 'application/vnd.google-apps.folder' },
  },
};
