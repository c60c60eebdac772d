/**
 * SharePoint: the Microsoft identity platform for work and school accounts, and the file picker
 * over the document library of the organisation's root site, through Microsoft Graph v1.0.
 * Checked against learn.microsoft.com (Microsoft Graph: Get a SharePoint site, `sites/root`; Get
 * a drive, a site's default document library `sites/{site-id}/drive`; the driveItem calls as for
 * the `onedrive` preset; Sites.Read.All in the permissions reference).
 */
import { graphDriveFiles } from './onedrive.js';
import type { Preset } from './index.js';

export const sharepoint: Preset = {
  type: 'sharepoint',
  name: 'SharePoint',
  brandColor: '#038387',
  shortDescription: "Pick files from your organisation's SharePoint.",
  longDescription:
    "Connect a work or school Microsoft account so you can pick files and folders from your organisation's SharePoint documents, and the app can read the ones you picked.",
  auth: {
    scheme: 'oauth2',
    // SharePoint exists only for work and school accounts: `organizations`, not `common`.
    authorizationUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
    // Sites.Read.All: the sites the user can read (delegated, so never more than the user sees).
    scopes: ['openid', 'profile', 'email', 'offline_access', 'User.Read', 'Sites.Read.All'],
    accountInfo: {
      idPath: 'id_token:oid',
      namePath: 'id_token:name',
      providerData: { tenantId: 'id_token:tid', username: 'id_token:preferred_username' },
    },
  },
  api: { baseUrl: 'https://graph.microsoft.com/v1.0' },
  // The root site's default library. Another site is the host's choice, written in its own
  // config (`files` replaced whole, `graphDriveFiles('sites/<site id>/drive')`'s shape): a site
  // picked per account would need its id in the calls' paths, which file calls cannot name.
  files: graphDriveFiles('sites/root/drive'),
};
