/**
 * The "third-party API" behind the sandbox provider's access tokens, JSON under `/api/`:
 *
 * | route | scope | answer |
 * |---|---|---|
 * | `GET /api/me` | any | `{ id, name, email, workspace }` |
 * | `GET /api/contacts?search=&cursor=&limit=` | `contacts.read` | `{ items: [{ id, name, email }], nextCursor }`, 60 per user |
 * | `POST /api/contacts` `{ name, email }` | `contacts.write` | 201, the contact (kept in memory) |
 * | `GET /api/pipelines`, `GET /api/channels`, `GET /api/sites` | `contacts.read`, any, any | `{ items: [{ id, name }], nextCursor }` |
 * | `GET /api/fields?object=contact\|deal` | `contacts.read` | `{ items: [{ id, label, type }] }` |
 * | `GET /api/files?folder=&search=&cursor=&limit=` | `files.read` | `{ items: [file], nextCursor }`, folders first, then by name |
 * | `GET /api/files/:id` | `files.read` | the file or folder, 404 if it is not this user's |
 *
 * Lists take `search` (a case-insensitive substring of the name), `limit` (default 20, at most
 * 100) and `cursor` (the previous page's `nextCursor`; a cursor of another list, search or user
 * is a 400). `folder` defaults to `root`; `search` without `folder` searches every folder.
 * Failures are `{ error, error_description }`: 401 `invalid_token` (missing, unknown, expired or
 * revoked token), 403 `insufficient_scope`, 400 `invalid_request`, 404 `not_found`.
 *
 * `GET /basic-api/me` answers the same profile to HTTP Basic `login:password` of a test user,
 * for integrations that authenticate with a username and password.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSandboxData, type FileItem, type UserData } from './data.js';
import { HttpError, readBody, sendError, sendJson } from './http.js';
import { checkCredentials, userById, type SandboxUser } from './users.js';

/** What the API needs of an access token that oidc-provider vouches for. */
export interface ApiToken {
  accountId: string;
  scopes: Set<string>;
}

export interface ApiOptions {
  /** The live token (issued, unexpired, not revoked) with this value, if there is one. */
  findAccessToken: (token: string) => Promise<ApiToken | undefined>;
  /** Called once per API request, with the caller's login once it is known. */
  onRequest: (login: string | undefined) => void;
}

interface RouteContext {
  user: SandboxUser;
  data: UserData;
  url: URL;
  request: IncomingMessage;
  params: string[];
}

interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  scope?: string;
  /** The success status, 200 unless given. */
  status?: number;
  handle(context: RouteContext): unknown;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

const profile = (user: SandboxUser) => ({ id: user.id, name: user.name, email: user.email, workspace: user.workspace });

const badRequest = (description: string) => new HttpError(400, 'invalid_request', description);
const notFound = (description: string) => new HttpError(404, 'not_found', description);

function filterByName<T extends { name: string }>(items: readonly T[], url: URL): T[] {
  const search = url.searchParams.get('search')?.toLowerCase();
  return search ? items.filter((item) => item.name.toLowerCase().includes(search)) : [...items];
}

/**
 * One page of `items`. The cursor is an offset bound to the list it came from (user, route and
 * query), so a cursor of another list is refused instead of paging the wrong thing.
 */
function paginate<T>(items: readonly T[], { url, user }: RouteContext) {
  const list = JSON.stringify([user.id, url.pathname, url.searchParams.get('search') ?? '', url.searchParams.get('folder') ?? '']);
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) throw badRequest('limit must be a positive integer.');
  const cursor = url.searchParams.get('cursor');
  let start = 0;
  if (cursor) {
    try {
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { list?: unknown; offset?: unknown };
      if (decoded.list !== list || !Number.isInteger(decoded.offset) || (decoded.offset as number) < 0) throw new Error();
      start = decoded.offset as number;
    } catch {
      throw badRequest('Unknown cursor: pass the nextCursor of the previous page of this same list.');
    }
  }
  const end = start + Math.min(limit, MAX_LIMIT);
  const nextCursor = end < items.length ? Buffer.from(JSON.stringify({ list, offset: end })).toString('base64url') : null;
  return { items: items.slice(start, end), nextCursor };
}

function listFiles(context: RouteContext) {
  const { data, url } = context;
  const folder = url.searchParams.get('folder') ?? (url.searchParams.has('search') ? undefined : 'root');
  if (folder !== undefined && folder !== 'root' && !data.files.some((file) => file.id === folder && file.isFolder)) {
    throw notFound('No such folder.');
  }
  const inFolder = folder === undefined ? data.files : data.files.filter((file) => file.parentId === folder);
  const sorted = filterByName(inFolder, url).sort(
    (a: FileItem, b: FileItem) => Number(b.isFolder) - Number(a.isFolder) || a.name.localeCompare(b.name, 'en'),
  );
  return paginate(sorted, context);
}

async function createContact({ user, data, request }: RouteContext) {
  let body: { name?: unknown; email?: unknown };
  try {
    body = JSON.parse(await readBody(request)) as typeof body;
  } catch {
    throw badRequest('The body must be JSON: { "name": string, "email": string }.');
  }
  const name = typeof body?.name === 'string' ? body.name.trim() : '';
  const email = typeof body?.email === 'string' ? body.email.trim() : '';
  if (!name || name.length > 200) throw badRequest('name must be a non-empty string of at most 200 characters.');
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254) throw badRequest('email must be an email address.');
  const contact = { id: `ct_${user.login}_${String(data.contacts.length + 1).padStart(3, '0')}`, name, email };
  data.contacts.push(contact);
  return contact;
}

const ROUTES: Route[] = [
  { method: 'GET', path: /^\/api\/me$/, handle: ({ user }) => profile(user) },
  { method: 'GET', path: /^\/api\/contacts$/, scope: 'contacts.read', handle: (c) => paginate(filterByName(c.data.contacts, c.url), c) },
  { method: 'POST', path: /^\/api\/contacts$/, scope: 'contacts.write', status: 201, handle: createContact },
  { method: 'GET', path: /^\/api\/pipelines$/, scope: 'contacts.read', handle: (c) => paginate(filterByName(c.data.pipelines, c.url), c) },
  { method: 'GET', path: /^\/api\/channels$/, handle: (c) => paginate(filterByName(c.data.channels, c.url), c) },
  { method: 'GET', path: /^\/api\/sites$/, handle: (c) => paginate(filterByName(c.data.sites, c.url), c) },
  {
    method: 'GET',
    path: /^\/api\/fields$/,
    scope: 'contacts.read',
    handle: ({ data, url }) => {
      const object = url.searchParams.get('object');
      if (object !== 'contact' && object !== 'deal') throw badRequest('object must be "contact" or "deal".');
      return { items: data.fields[object] };
    },
  },
  { method: 'GET', path: /^\/api\/files$/, scope: 'files.read', handle: listFiles },
  {
    method: 'GET',
    path: /^\/api\/files\/([^/]+)$/,
    scope: 'files.read',
    handle: ({ data, params: [id] }) => {
      const file = data.files.find((candidate) => candidate.id === id);
      if (!file) throw notFound('No such file.');
      return file;
    },
  },
];

const invalidToken = (description: string) =>
  new HttpError(401, 'invalid_token', description, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` });

/** The handler of `/api/*` and `/basic-api/*`, with a fresh copy of every user's data. */
export function createApi({ findAccessToken, onRequest }: ApiOptions) {
  const data = createSandboxData();

  async function bearerUser(request: IncomingMessage): Promise<{ user: SandboxUser; scopes: Set<string> }> {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw invalidToken('Send Authorization: Bearer <access token>.');
    const found = await findAccessToken(token);
    const user = found && userById(found.accountId);
    if (!found || !user) throw invalidToken('The access token is unknown, expired or revoked.');
    return { user, scopes: found.scopes };
  }

  function basicUser(request: IncomingMessage): SandboxUser {
    const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
    const [login = '', ...password] = Buffer.from(encoded ?? '', 'base64')
      .toString()
      .split(':');
    const user = scheme?.toLowerCase() === 'basic' ? checkCredentials(login, password.join(':')) : undefined;
    if (!user) throw new HttpError(401, 'invalid_credentials', 'Wrong username or password.', { 'WWW-Authenticate': 'Basic realm="sandbox"' });
    return user;
  }

  return async function api(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    let login: string | undefined;
    try {
      if (url.pathname === '/basic-api/me' && request.method === 'GET') {
        const user = basicUser(request);
        login = user.login;
        return sendJson(response, 200, profile(user));
      }
      const route = ROUTES.find((candidate) => candidate.method === request.method && candidate.path.test(url.pathname));
      if (!route) throw notFound(`No route ${request.method} ${url.pathname}.`);
      const { user, scopes } = await bearerUser(request);
      login = user.login;
      if (route.scope && !scopes.has(route.scope)) {
        throw new HttpError(403, 'insufficient_scope', `This needs the ${route.scope} scope.`, {
          'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${route.scope}"`,
        });
      }
      const params = route.path.exec(url.pathname)!.slice(1);
      const body = await route.handle({ user, data: data.get(user.id)!, url, request, params });
      sendJson(response, route.status ?? 200, body);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendError(response, error);
    } finally {
      onRequest(login);
    }
  };
}
