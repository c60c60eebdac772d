/**
 * How a Connect config's `files` lists the sandbox provider's storage (`GET /api/files`,
 * `GET /api/files/:id`; see api.ts), in pages of `pageSize`: the tests' configs use it, and the
 * component tests' fake storage API answers in the same shape. demo/connect.config.json writes the
 * same out, being JSON.
 */
export const sandboxFilesConfig = (pageSize: number) => ({
  rootFolderId: 'root',
  list: { path: 'files?folder={folderId}', itemsPath: 'items', cursorParam: 'cursor', nextCursorPath: 'nextCursor' },
  search: { path: 'files?search={search}', itemsPath: 'items', cursorParam: 'cursor', nextCursorPath: 'nextCursor' },
  getFile: { path: 'files/{fileId}' },
  limitParam: 'limit',
  pageSize,
  fields: { id: 'id', name: 'name', mimeType: 'mimeType', size: 'size', modifiedTime: 'modifiedTime' },
  folder: { path: 'isFolder', equals: 'true' },
});
