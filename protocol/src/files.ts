/**
 * The file picker's contracts (`paragon.ExternalFilePicker`): what the server answers about an
 * account's storage, what the host asks the picker for, and what `onFileSelect` gets. The
 * provider's token never leaves the server: the picker browses through it.
 */
import { ConnectError } from './errors.js';

/** A file or folder of the account's storage, as the picker shows it. */
export interface FileItem {
  id: string;
  name: string;
  isFolder: boolean;
  /** Absent when the API does not say (Box and Dropbox give none). */
  mimeType?: string;
  /** Bytes; absent for folders and when the API does not say. */
  size?: number;
  /** ISO 8601. */
  modifiedTime?: string;
}

/** What `onFileSelect` gets for each chosen item: checked by the server to be the account's own. */
export interface FileDescriptor extends FileItem {
  /** The account it came from: what `paragon.request(type, path, { selectedCredentialId })` names. */
  credentialId: string;
}

/** `GET /projects/:projectId/sdk/files/:integrationType?folderId&search&cursor` */
export interface FileListPage {
  items: FileItem[];
  /** Give it back as `cursor` for the next page; `null` on the last one. */
  nextCursor: string | null;
}

/** `POST /projects/:projectId/sdk/files/:integrationType/selection` */
export interface FileSelectionRequest {
  items: { id: string; isFolder: boolean }[];
}

export interface FileSelectionResponse {
  files: FileDescriptor[];
}

/**
 * `POST /projects/:projectId/sdk/files/:integrationType/vendor-token`: a token for the vendor's
 * own picker (`init({ vendor: true })`), of only the scopes the config's `files.vendorPicker`
 * names, got from the provider by token exchange. It is in the page: short-lived and narrow.
 */
export interface VendorPickerToken {
  accessToken: string;
  /** ISO 8601, when the provider says. */
  expiresAt?: string;
  scopes: string[];
  credentialId: string;
}

/** The most items one selection may hold. */
export const MAX_SELECTED_FILES = 100;

/** What the host asks of one opening of the picker (`FilePickerOptions` of Paragon's SDK, minus the callbacks). */
export interface FilePickerRequest {
  /** MIME types (`application/pdf`, `image/*`) or extensions (`.csv`, `csv`); every file when absent or empty. */
  allowedTypes?: string[];
  allowMultiSelect?: boolean;
  allowFolderSelect?: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(message: string): never {
  throw new ConnectError('invalid_argument', message);
}

export function parseFilePickerRequest(value: unknown): FilePickerRequest {
  if (!isRecord(value)) invalid('filePicker must be an object.');
  const { allowedTypes, allowMultiSelect, allowFolderSelect } = value;
  if (
    allowedTypes !== undefined &&
    !(
      Array.isArray(allowedTypes) &&
      allowedTypes.length <= 100 &&
      allowedTypes.every((type) => typeof type === 'string' && /^[\w.+*/-]{1,100}$/.test(type))
    )
  ) {
    invalid('allowedTypes must list MIME types or extensions.');
  }
  for (const [name, flag] of Object.entries({ allowMultiSelect, allowFolderSelect })) {
    if (flag !== undefined && typeof flag !== 'boolean') invalid(`${name} must be true or false.`);
  }
  return {
    allowedTypes: allowedTypes as string[] | undefined,
    allowMultiSelect: allowMultiSelect as boolean | undefined,
    allowFolderSelect: allowFolderSelect as boolean | undefined,
  };
}

/**
 * Whether a file is of one of `allowedTypes`: a MIME type matches the file's (`image/*` any
 * image), an extension matches the end of its name. Folders are always shown, to browse into.
 */
export function isAllowedType(item: Pick<FileItem, 'name' | 'mimeType' | 'isFolder'>, allowedTypes: readonly string[] | undefined): boolean {
  if (item.isFolder || !allowedTypes?.length) return true;
  const name = item.name.toLowerCase();
  const mimeType = item.mimeType?.toLowerCase();
  return allowedTypes.some((allowed) => {
    const type = allowed.toLowerCase();
    if (!type.includes('/')) return name.endsWith(type.startsWith('.') ? type : `.${type}`);
    return type.endsWith('/*') ? !!mimeType?.startsWith(type.slice(0, -1)) : mimeType === type;
  });
}
