/**
 * OneDrive: the Microsoft identity platform (as the `microsoft` preset) with read access to the
 * user's files, and the file picker over Microsoft Graph v1.0.
 * Checked against learn.microsoft.com (Microsoft Graph: List the children of a driveItem, with
 * `$select`, `$top` and `$skipToken`; Search for a driveItem, `search(q='…')`; Get a driveItem;
 * Paging Microsoft Graph data in your app, `@odata.nextLink`; the driveItem resource's `file` and
 * `folder` facets; Files.Read in the permissions reference).
 */
import type { FilesConfig } from '../schema.js';
import type { Preset } from './index.js';
import { microsoft } from './microsoft.js';

/** What an item needs to show in the picker: `file` holds the MIME type, `folder` marks a folder. */
const SELECT = '$select=id,name,size,file,folder,lastModifiedDateTime';

/**
 * The file picker over one Graph drive (`me/drive`, `sites/root/drive`). Graph gives the next
 * page as a whole URL, `@odata.nextLink`; the picker never follows a URL, so the cursor is that
 * link's `$skiptoken`, sent again with the same call.
 */
export function graphDriveFiles(drive: string): FilesConfig {
  const page = { itemsPath: 'value', nextCursorPath: '@odata.nextLink', cursorFromUrl: true, cursorParam: '$skiptoken' };
  return {
    // Graph's alias for a drive's root folder.
    rootFolderId: 'root',
    list: { path: `${drive}/items/{folderId}/children?${SELECT}`, ...page },
    // Names, metadata and (in OneDrive for Business) content, across the drive.
    search: { path: `${drive}/root/search(q='{search}')?${SELECT}`, ...page },
    getFile: { path: `${drive}/items/{fileId}?${SELECT}` },
    limitParam: '$top',
    pageSize: 100,
    // An OData string ends at `'`, written `''` inside it.
    quoting: 'double',
    fields: { id: 'id', name: 'name', mimeType: 'file.mimeType', size: 'size', modifiedTime: 'lastModifiedDateTime' },
    folder: { path: 'folder' },
  };
}

export const onedrive: Preset = {
  type: 'onedrive',
  name: 'OneDrive',
  brandColor: '#0078D4',
  shortDescription: 'Pick files from OneDrive.',
  longDescription:
    'Connect a personal, work or school Microsoft account so you can pick files and folders from your OneDrive, and the app can read the ones you picked.',
  auth: {
    ...microsoft.auth,
    // Files.Read: the signed-in user's own files, the least that lists, searches and reads them.
    scopes: ['openid', 'profile', 'email', 'offline_access', 'User.Read', 'Files.Read'],
  },
  api: { baseUrl: 'https://graph.microsoft.com/v1.0' },
  files: graphDriveFiles('me/drive'),
};
