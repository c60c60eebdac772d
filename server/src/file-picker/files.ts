/**
 * An account's storage, browsed for the file picker: the integration's `files` (in the config)
 * say which calls of its API list a folder, search, give the next page and read one item, and
 * where each item's fields are. Every call goes through `upstream.ts` as that account, under the
 * proxy's rules: a folder id, a search or a cursor is a value placed in the path (URL-encoded) or
 * in a JSON body, never a path of its own, so it cannot lead outside the API.
 */
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { FileDescriptor, FileItem, FileListPage } from '../../../protocol/src/files.js';
import { fillPlaceholders, valueAtPath } from '../accounts/account-info.js';
import type { FileCallConfig, FilesConfig, IntegrationConfig } from '../config/load.js';
import { HttpError } from '../http-error.js';
import { UpstreamError, type Upstream, type UpstreamAccount } from '../proxy/upstream.js';
import type { VerifiedUser } from '../tokens.js';

const DEFAULT_PAGE_SIZE = 100;

export interface FileQuery {
  folderId?: string;
  search?: string;
  cursor?: string;
}

export function requireFiles(integration: IntegrationConfig): FilesConfig {
  if (!integration.files) {
    throw new HttpError(404, ErrorCode.notFound, `${integration.name}'s file picker is not supported: its project config has no "files".`);
  }
  return integration.files;
}

/** `value` as it goes inside a quoted template value: a `'` cannot end the quote. */
function quoted(value: string, quoting: FilesConfig['quoting']): string {
  if (quoting === 'backslash') return value.replace(/[\\']/g, (char) => `\\${char}`);
  if (quoting === 'double') return value.replaceAll("'", "''");
  return value;
}

const text = (value: unknown) =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;

/**
 * The call's request: its path filled URL-encoded, its body's `{placeholders}` filled as JSON
 * strings. Only a listing asks for a page size: a call for one item may refuse the parameter.
 */
function requestOf(files: FilesConfig, call: FileCallConfig, values: Record<string, string>, listing: { cursor?: string } | undefined) {
  const cursor = listing?.cursor;
  const valueOf = (name: string) => {
    const value = values[name];
    // Only an install input the account has not answered yet (the config allows no other name).
    if (value === undefined) throw new HttpError(409, ErrorCode.conflict, `This account's setup is not finished: it has no "${name}" yet.`);
    return value;
  };
  const fill = (template: string, encode: (value: string) => string) =>
    fillPlaceholders(template, (name) => encode(quoted(valueOf(name), files.quoting)));
  const [pathname = '', given = ''] = fill(call.path, encodeURIComponent).split('?', 2);
  const query = new URLSearchParams(given);
  if (cursor && call.cursorParam) query.set(call.cursorParam, cursor);
  if (listing && files.limitParam && call.method !== 'POST') query.set(files.limitParam, String(files.pageSize ?? DEFAULT_PAGE_SIZE));
  const body = call.body && JSON.stringify(call.body, (_, value: unknown) => (typeof value === 'string' ? fill(value, (filled) => filled) : value));
  return {
    method: call.method ?? 'GET',
    path: query.size > 0 ? `${pathname}?${query}` : pathname,
    headers: { accept: 'application/json', ...(body && { 'content-type': 'application/json' }) },
    ...(body && { body: Buffer.from(body) }),
  };
}

/** An item of the API's answer in the picker's terms, or undefined when it has no id. */
function itemOf(files: FilesConfig, entry: unknown): FileItem | undefined {
  const { fields, folder } = files;
  const id = text(valueAtPath(entry, fields.id));
  if (!id) return undefined;
  const marker = valueAtPath(entry, folder.path);
  const isFolder =
    folder.equals !== undefined ? text(marker) === folder.equals : (marker !== undefined && marker !== null) === (folder.present ?? true);
  const size = fields.size === undefined ? undefined : Number(valueAtPath(entry, fields.size));
  const mimeType = fields.mimeType && text(valueAtPath(entry, fields.mimeType));
  const modifiedTime = fields.modifiedTime && text(valueAtPath(entry, fields.modifiedTime));
  return {
    id,
    name: text(valueAtPath(entry, fields.name)) ?? id,
    isFolder,
    ...(mimeType && { mimeType }),
    ...(!isFolder && size !== undefined && Number.isSafeInteger(size) && size >= 0 && { size }),
    ...(modifiedTime && { modifiedTime }),
  };
}

/** The value of `name` (any case: OData's `$skipToken` is `$skiptoken` in its links) in the URL `link`. */
function parameterOf(link: string, name: string): string | undefined {
  let params: URLSearchParams;
  try {
    params = new URL(link).searchParams;
  } catch {
    return undefined;
  }
  for (const [key, value] of params) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

/**
 * The values of an account that file calls may name: its install answers (a SharePoint site
 * picked after connecting), from the credential's `providerData`. Text only.
 */
export function accountValues(providerData: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(JSON.parse(providerData) as Record<string, unknown>)) {
    if (typeof value === 'string') values[key] = value;
  }
  return values;
}

/** One page of a folder, of a search, or after a cursor, as the account sees it. */
export async function listFiles(
  upstream: Upstream,
  user: VerifiedUser,
  credential: UpstreamAccount,
  files: FilesConfig,
  query: FileQuery,
  account: Readonly<Record<string, string>> = {},
): Promise<FileListPage> {
  const folderId = query.folderId ?? files.rootFolderId;
  const searching = !!query.search;
  // A search's cursor continues the search: with its own call when the API has one (Dropbox).
  const next = (searching && files.search && files.searchNext) || files.next;
  const call = query.cursor && next ? next : searching && files.search ? files.search : files.list;
  const values = { ...account, folderId, search: query.search ?? '', cursor: query.cursor ?? '' };
  const { data } = await upstream
    .request(user, credential, requestOf(files, call, values, { cursor: call === next ? undefined : query.cursor }))
    .catch((error: unknown) => {
      // Dropbox answers a folder it does not have with a 409 (`path/not_found`); its other calls' 409s are their own.
      const missing = call === files.list ? [404, 409] : [404];
      if (error instanceof UpstreamError && missing.includes(error.upstreamStatus)) {
        throw new HttpError(404, ErrorCode.notFound, `This account has no folder "${folderId}".`, 'folderId');
      }
      throw error;
    });
  const entries = call.itemsPath ? valueAtPath(data, call.itemsPath) : data;
  if (!Array.isArray(entries)) {
    throw new HttpError(502, ErrorCode.proxyRequestFailed, `The storage API did not answer a list at "${call.itemsPath ?? '(the answer)'}".`);
  }
  // An API that cannot search: the folder's pages are filtered here, so what the user typed still narrows them.
  const needle = searching && !files.search ? query.search!.toLowerCase() : undefined;
  const items = entries
    .map((entry) => itemOf(files, call.itemPath ? valueAtPath(entry, call.itemPath) : entry))
    .filter((item): item is FileItem => !!item && (!needle || item.name.toLowerCase().includes(needle)));
  const given = call.nextCursorPath ? text(valueAtPath(data, call.nextCursorPath)) : undefined;
  const cursor = given && call.cursorFromUrl ? parameterOf(given, call.cursorParam!) : given;
  const more = call.hasMorePath ? valueAtPath(data, call.hasMorePath) === true : true;
  return { items, nextCursor: cursor && more ? cursor : null };
}

/**
 * The chosen items, each read again through the account: an id that account cannot read (another
 * account's, another user's, or made up) is a 404 naming it, and nothing is answered.
 */
export async function describeSelection(
  upstream: Upstream,
  user: VerifiedUser,
  credential: UpstreamAccount,
  files: FilesConfig,
  selection: { id: string; isFolder: boolean }[],
  account: Readonly<Record<string, string>> = {},
): Promise<FileDescriptor[]> {
  const credentialId = typeof credential === 'string' ? credential : credential.id;
  return Promise.all(
    selection.map(async ({ id, isFolder }, index) => {
      const call = (isFolder && files.getFolder) || files.getFile;
      const notFound = () =>
        new HttpError(404, ErrorCode.notFound, `This account has no ${isFolder ? 'folder' : 'file'} "${id}".`, `items.${index}.id`);
      let data: unknown;
      try {
        ({ data } = await upstream.request(user, credential, requestOf(files, call, { ...account, fileId: id, folderId: id }, undefined)));
      } catch (error) {
        if (error instanceof UpstreamError && [400, 403, 404, 409].includes(error.upstreamStatus)) throw notFound();
        throw error;
      }
      const item = itemOf(files, call.itemPath ? valueAtPath(data, call.itemPath) : data);
      // The API must answer for the id asked, as what was asked: anything else is not that item.
      if (!item || item.id !== id || item.isFolder !== isFolder) throw notFound();
      return { ...item, credentialId };
    }),
  );
}
