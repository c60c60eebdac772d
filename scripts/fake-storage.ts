/**
 * A third-party storage API for the file picker's component tests: the edge of the world the
 * Connect server calls through its proxy. Each API key is its own account with its own tree, so
 * a test can show that one account's file is refused through another. Its items are shaped like
 * the sandbox provider's (`GET /files?folder&search&cursor&limit`, `GET /files/:id`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

interface StoredFile {
  id: string;
  name: string;
  isFolder: boolean;
  mimeType: string;
  size: number;
  modifiedTime: string;
  parentId: string;
}

/** How many photos the large folder holds: more than two pages of the integration's 25. */
export const PHOTO_COUNT = 60;

/** A name a hostile provider could give: the picker must show it as text. */
export const HOSTILE_FILE_NAME = '<img src=x onerror="document.title=\'pwned\'">.txt';

function treeOf(account: string): StoredFile[] {
  const files: StoredFile[] = [];
  const add = (name: string, parentId: string, mimeType = 'application/vnd.folder'): string => {
    const id = `${account}-${files.length + 1}`;
    const isFolder = mimeType === 'application/vnd.folder';
    files.push({
      id,
      name,
      isFolder,
      mimeType,
      size: isFolder ? 0 : 2_048 * (files.length + 1),
      modifiedTime: '2026-03-0' + ((files.length % 9) + 1) + 'T10:00:00Z',
      parentId,
    });
    return id;
  };
  const reports = add('Reports', 'root');
  const photos = add('Photos', 'root');
  add('Budget.csv', 'root', 'text/csv');
  add('Plan.pdf', 'root', 'application/pdf');
  add(HOSTILE_FILE_NAME, 'root', 'text/plain');
  add('Q1.pdf', reports, 'application/pdf');
  add('Q2.pdf', reports, 'application/pdf');
  const archive = add('Archive', reports);
  add('Q4 2025.pdf', archive, 'application/pdf');
  for (let i = 1; i <= PHOTO_COUNT; i++) add(`Photo ${String(i).padStart(2, '0')}.jpg`, photos, 'image/jpeg');
  return files;
}

const trees = new Map<string, StoredFile[]>();

function send(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}

/** Answers `/storage/...` requests; false for any other path. The account is the bearer key. */
export function handleStorage(request: IncomingMessage, response: ServerResponse, url: URL): boolean {
  if (!url.pathname.startsWith('/storage/')) return false;
  const account = /^Bearer ([\w-]+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!account) {
    send(response, 401, { error: 'invalid_token' });
    return true;
  }
  const files = trees.get(account) ?? trees.set(account, treeOf(account)).get(account)!;
  const one = /^\/storage\/files\/([^/]+)$/.exec(url.pathname);
  if (one) {
    const file = files.find((candidate) => candidate.id === decodeURIComponent(one[1]!));
    send(response, file ? 200 : 404, file ?? { error: 'not_found' });
    return true;
  }
  if (url.pathname !== '/storage/files') {
    send(response, 404, { error: 'not_found' });
    return true;
  }
  const search = url.searchParams.get('search')?.toLowerCase();
  const folder = url.searchParams.get('folder') ?? 'root';
  if (folder !== 'root' && !files.some((file) => file.id === folder && file.isFolder)) {
    send(response, 404, { error: 'not_found' });
    return true;
  }
  const listed = files
    .filter((file) => (search ? file.name.toLowerCase().includes(search) : file.parentId === folder))
    .sort((a, b) => Number(b.isFolder) - Number(a.isFolder) || a.name.localeCompare(b.name, 'en'));
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const start = Number(url.searchParams.get('cursor') ?? 0);
  const end = start + limit;
  send(response, 200, { items: listed.slice(start, end), nextCursor: end < listed.length ? String(end) : null });
  return true;
}
