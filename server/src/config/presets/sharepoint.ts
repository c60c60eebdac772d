/**
 * SharePoint: the Microsoft identity platform for work and school accounts, a site picked after
 * connecting, and the file picker over that site's document library, through Microsoft Graph v1.0.
 * Checked against learn.microsoft.com (Microsoft Graph: Search for sites, `GET /sites?search=`,
 * its `id` and `displayName`; Get a drive, a site's default document library
 * `sites/{site-id}/drive`; the driveItem calls as for the `onedrive` preset; Sites.Read.All in
 * the permissions reference).
 */
import { graphDriveFiles } from './onedrive.js';
import type { Preset } from './index.js';
import { microsoft } from './microsoft.js';

export const sharepoint: Preset = {
  type: 'sharepoint',
  name: 'SharePoint',
  brandColor: '#038387',
  shortDescription: 'Pick files from a SharePoint site.',
  longDescription:
    'Connect a work or school Microsoft account and choose a SharePoint site, so you can pick files and folders from its documents, and the app can read the ones you picked.',
  auth: {
    scheme: 'oauth2',
    // SharePoint exists only for work and school accounts: `organizations`, not `common`.
    authorizationUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
    // Sites.Read.All: the sites the user can read (delegated, so never more than the user sees).
    scopes: ['openid', 'profile', 'email', 'offline_access', 'User.Read', 'Sites.Read.All'],
    accountInfo: microsoft.auth.accountInfo,
    // The site whose documents the picker shows, from the sites the account can find. Its id
    // (`<host>,<site collection id>,<web id>`) is kept with the account and fills `{siteId}`.
    postInstallInputs: [
      {
        id: 'siteId',
        type: 'DYNAMIC_ENUM',
        title: 'SharePoint site',
        subtitle: 'The site whose documents you pick files from.',
        sourceType: 'sites',
        required: true,
      },
    ],
  },
  api: { baseUrl: 'https://graph.microsoft.com/v1.0' },
  dataSources: {
    // `*` lists every site the user can read until the user types a search.
    sites: { path: 'sites?search=*', itemsPath: 'value', labelField: 'displayName', valueField: 'id', searchParam: 'search' },
  },
  files: graphDriveFiles('sites/{siteId}/drive'),
};
