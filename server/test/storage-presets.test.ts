/**
 * The storage presets' file pickers (Google Drive, Box, OneDrive, SharePoint, Dropbox), each run
 * against a small fake of its provider's API: a folder, its next page, a search and a selection
 * must make the requests that API documents (method, path, query, body) and read its answers
 * into the items the picker shows. The preset's `files` run as written, through the file
 * picker's own code and the proxy's path rules; only the host of the API is the fake's. Then
 * what the presets needed of file calls, down to the routes: an account's install answer (a
 * SharePoint site) in the calls, only once given, and only as a value.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FileItem } from '../../protocol/src/files.js';
import { ConfigError, loadConfig } from '../src/config/load.js';
import { PRESETS } from '../src/config/presets/index.js';
import type { FilesConfig } from '../src/config/schema.js';
import { loadOptions } from '../src/data-sources/data-sources.js';
import { describeSelection, listFiles, type FileQuery } from '../src/file-picker/files.js';
import type { HttpError } from '../src/http-error.js';
import { proxyUrl } from '../src/proxy/target.js';
import { UpstreamError, type Upstream } from '../src/proxy/upstream.js';
import { json, startFakeApi, type FakeApi, type ReceivedRequest } from './fake-api.js';
import { installApiKey, newKeyPair, sdkPath, STORE_KIND, startHarness, testConfig, type Harness } from './harness.js';

const USER = { projectId: 'project-1', userId: 'ivan' };
const CREDENTIAL = 'cred-1';

/**
 * The last step of the proxy as the file picker uses it: the call's path checked and joined under
 * the API's base path as `proxyUrl` does it, sent to the fake, its JSON answer read, an error
 * status thrown as `UpstreamError`. (Signing and retries are the proxy's own tests' subject.)
 */
function upstreamAt(base: URL): Upstream {
  return {
    async request(_user, _credentialId, call) {
      const response = await fetch(proxyUrl(base, call.path), {
        method: call.method,
        headers: call.headers,
        body: call.body && new Uint8Array(call.body),
      });
      const data: unknown = await response.json();
      if (response.status >= 400) throw new UpstreamError(response.status, data);
      return { status: response.status, headers: {}, data };
    },
    open: () => Promise.reject(new Error('not used')),
    close: () => undefined,
  };
}

/** What a request asked for, in the terms a provider's reference uses. */
function asked(request: ReceivedRequest) {
  const url = new URL(request.url, 'http://fake');
  return {
    method: request.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    ...(request.body && { body: JSON.parse(request.body) as unknown }),
  };
}

/** A preset's file picker, for an account with these install answers, pointed at the fake in place of the provider's host. */
function pickerOf(fake: FakeApi, name: string, account: Record<string, string> = {}) {
  const preset = PRESETS[name]!;
  const files = preset.files!;
  const upstream = upstreamAt(new URL(new URL(preset.api!.baseUrl).pathname, fake.origin));
  return {
    files,
    upstream,
    list: (query: FileQuery = {}) => listFiles(upstream, USER, CREDENTIAL, files, query, account),
    select: (items: { id: string; isFolder: boolean }[]) => describeSelection(upstream, USER, CREDENTIAL, files, items, account),
  };
}

/** A SharePoint site's id as Graph writes it: host, site collection id, web id. */
const SITE = 'contoso.sharepoint.com,2c712604-1370-44e7-a1f5-426573fda80a,2d2244c3-251a-49ea-93a8-39e1c3a060fe';

/** One request at a time: the request the fake got for `run`, and what `run` gave. */
async function exchange<T>(fake: FakeApi, run: () => Promise<T>): Promise<{ request: ReturnType<typeof asked>; result: T }> {
  const before = fake.requests.length;
  const result = await run();
  assert.equal(fake.requests.length, before + 1, 'one request to the API');
  return { request: asked(fake.requests.at(-1)!), result };
}

const names = (items: FileItem[]) => items.map((item) => `${item.isFolder ? 'folder' : 'file'} ${item.name}`);

describe('storage presets: the file picker against each provider', () => {
  let fake: FakeApi;
  before(async () => {
    fake = await startFakeApi();
  });
  after(() => fake.close());

  describe('googledrive (Drive API v3)', () => {
    const folder = { id: 'fo1', name: 'Reports', mimeType: 'application/vnd.google-apps.folder' };
    const doc = { id: 'fi1', name: "Q1 'draft'.pdf", mimeType: 'application/pdf', size: '48213', modifiedTime: '2026-01-02T03:04:05.000Z' };
    const sheet = { id: 'fi2', name: 'Budget', mimeType: 'application/vnd.google-apps.spreadsheet', modifiedTime: '2026-02-01T00:00:00.000Z' };
    beforeEach(() =>
      fake.answer((request, response) => {
        const { path, query } = asked(request);
        if (path === '/drive/v3/files' && !query.pageToken) return json(response, 200, { files: [folder, doc], nextPageToken: 'page-2' });
        if (path === '/drive/v3/files') return json(response, 200, { files: [sheet] });
        if (path === '/drive/v3/files/fi1') return json(response, 200, doc);
        return json(response, 404, { error: { code: 404, message: 'File not found' } });
      }),
    );

    it('lists a folder with its query, page size and fields, then its next page by pageToken', async () => {
      const drive = pickerOf(fake, 'googledrive');
      const fields = 'nextPageToken,files(id,name,mimeType,size,modifiedTime)';
      const first = await exchange(fake, () => drive.list());
      assert.deepEqual(first.request, {
        method: 'GET',
        path: '/drive/v3/files',
        query: { q: "'root' in parents and trashed = false", orderBy: 'folder,name', fields, pageSize: '100' },
      });
      assert.deepEqual(first.result, {
        items: [
          { id: 'fo1', name: 'Reports', isFolder: true, mimeType: 'application/vnd.google-apps.folder' },
          { id: 'fi1', name: "Q1 'draft'.pdf", isFolder: false, mimeType: 'application/pdf', size: 48213, modifiedTime: doc.modifiedTime },
        ],
        nextCursor: 'page-2',
      });
      const second = await exchange(fake, () => drive.list({ folderId: 'fo1', cursor: 'page-2' }));
      assert.equal(second.request.query.q, "'fo1' in parents and trashed = false");
      assert.equal(second.request.query.pageToken, 'page-2');
      assert.deepEqual(names(second.result.items), ['file Budget']);
      assert.equal(second.result.items[0]!.size, undefined, 'a Google Doc has no size');
      assert.equal(second.result.nextCursor, null);
    });

    it("searches by name, escaping a quote so it cannot end Drive's string", async () => {
      const { request } = await exchange(fake, () => pickerOf(fake, 'googledrive').list({ search: "it's \\ done" }));
      assert.equal(request.query.q, "name contains 'it\\'s \\\\ done' and trashed = false");
      assert.equal(request.query.pageSize, '100');
    });

    it('reads a selected file by id, without a page size; an id Drive does not have is refused', async () => {
      const drive = pickerOf(fake, 'googledrive');
      const { request, result } = await exchange(fake, () => drive.select([{ id: 'fi1', isFolder: false }]));
      assert.deepEqual(request, {
        method: 'GET',
        path: '/drive/v3/files/fi1',
        query: { fields: 'id,name,mimeType,size,modifiedTime' },
      });
      assert.deepEqual(result, [
        {
          id: 'fi1',
          name: doc.name,
          isFolder: false,
          mimeType: 'application/pdf',
          size: 48213,
          modifiedTime: doc.modifiedTime,
          credentialId: CREDENTIAL,
        },
      ]);
      await assert.rejects(drive.select([{ id: 'nope', isFolder: false }]), (error: HttpError) => error.status === 404);
    });
  });

  describe('box (Box API 2.0)', () => {
    const ITEM = 'type,id,name,size,modified_at';
    const folder = { type: 'folder', id: '11', name: 'Contracts', size: 5000, modified_at: '2026-01-01T10:00:00-08:00' };
    const file = { type: 'file', id: '21', name: 'Offer.docx', size: 1200, modified_at: '2026-01-03T10:00:00-08:00' };
    beforeEach(() =>
      fake.answer((request, response) => {
        const { path, query } = asked(request);
        if (path === '/2.0/folders/0/items' && !query.marker) return json(response, 200, { entries: [folder], next_marker: 'm-2', limit: 100 });
        if (path === '/2.0/folders/0/items') return json(response, 200, { entries: [file], next_marker: null, limit: 100 });
        if (path === '/2.0/search') return json(response, 200, { entries: [file], total_count: 1, offset: 0, limit: 100 });
        if (path === '/2.0/files/21') return json(response, 200, file);
        if (path === '/2.0/folders/11') return json(response, 200, folder);
        return json(response, 404, { type: 'error', status: 404, code: 'not_found' });
      }),
    );

    it('lists the root folder "0" by marker, asking for the fields the picker shows', async () => {
      const box = pickerOf(fake, 'box');
      const first = await exchange(fake, () => box.list());
      assert.deepEqual(first.request, {
        method: 'GET',
        path: '/2.0/folders/0/items',
        query: { usemarker: 'true', fields: ITEM, limit: '100' },
      });
      assert.deepEqual(first.result, {
        items: [{ id: '11', name: 'Contracts', isFolder: true, modifiedTime: folder.modified_at }],
        nextCursor: 'm-2',
      });
      const second = await exchange(fake, () => box.list({ cursor: 'm-2' }));
      assert.deepEqual(second.request.query, { usemarker: 'true', fields: ITEM, marker: 'm-2', limit: '100' });
      assert.deepEqual(second.result, {
        items: [{ id: '21', name: 'Offer.docx', isFolder: false, size: 1200, modifiedTime: file.modified_at }],
        nextCursor: null,
      });
    });

    it('searches with the query, one page of the best matches', async () => {
      const { request, result } = await exchange(fake, () => pickerOf(fake, 'box').list({ search: 'offer & co' }));
      assert.deepEqual(request, { method: 'GET', path: '/2.0/search', query: { query: 'offer & co', fields: ITEM, limit: '100' } });
      assert.deepEqual(names(result.items), ['file Offer.docx']);
      assert.equal(result.nextCursor, null);
    });

    it('reads a file at files/{id} and a folder at folders/{id}', async () => {
      const box = pickerOf(fake, 'box');
      const selected = await box.select([
        { id: '21', isFolder: false },
        { id: '11', isFolder: true },
      ]);
      assert.deepEqual(
        fake.requests.map((request) => asked(request)),
        [
          { method: 'GET', path: '/2.0/files/21', query: { fields: ITEM } },
          { method: 'GET', path: '/2.0/folders/11', query: { fields: ITEM } },
        ],
      );
      assert.deepEqual(
        selected.map((item) => [item.id, item.isFolder, item.credentialId]),
        [
          ['21', false, CREDENTIAL],
          ['11', true, CREDENTIAL],
        ],
      );
      // A folder's id asked as a file is not that file.
      await assert.rejects(box.select([{ id: '11', isFolder: false }]), (error: HttpError) => error.status === 404);
    });
  });

  for (const [name, drive, account] of [
    ['onedrive', '/v1.0/me/drive', {}],
    // The site picked after connecting, in the path as a value: its commas encoded.
    ['sharepoint', `/v1.0/sites/${encodeURIComponent(SITE)}/drive`, { siteId: SITE }],
  ] as const) {
    describe(`${name} (Microsoft Graph v1.0, ${drive})`, () => {
      const SELECT = 'id,name,size,file,folder,lastModifiedDateTime';
      const folder = { id: 'F!1', name: 'Projects', size: 90, folder: { childCount: 3 }, lastModifiedDateTime: '2026-01-05T00:00:00Z' };
      const file = {
        id: 'F!2',
        name: 'Plan.xlsx',
        size: 321,
        file: { mimeType: 'application/vnd.ms-excel' },
        lastModifiedDateTime: '2026-01-06T00:00:00Z',
      };
      beforeEach(() =>
        fake.answer((request, response) => {
          const { path, query } = asked(request);
          // Graph's next page is a whole URL on its own host, which the picker must not follow.
          const nextLink = `https://graph.microsoft.com${path}?$top=100&$skiptoken=tok%2B2`;
          if (path === `${drive}/items/root/children` && !query.$skiptoken) {
            return json(response, 200, { value: [folder], '@odata.nextLink': nextLink });
          }
          if (path === `${drive}/items/root/children`) return json(response, 200, { value: [file] });
          if (path.startsWith(`${drive}/root/search(`)) return json(response, 200, { value: [file], '@odata.nextLink': nextLink });
          if (path === `${drive}/items/F!2`) return json(response, 200, file);
          return json(response, 404, { error: { code: 'itemNotFound' } });
        }),
      );

      it("lists the root's children, and the next page by the nextLink's $skiptoken, never by its URL", async () => {
        const picker = pickerOf(fake, name, account);
        const first = await exchange(fake, () => picker.list());
        assert.deepEqual(first.request, { method: 'GET', path: `${drive}/items/root/children`, query: { $select: SELECT, $top: '100' } });
        assert.deepEqual(first.result, {
          items: [{ id: 'F!1', name: 'Projects', isFolder: true, modifiedTime: folder.lastModifiedDateTime }],
          nextCursor: 'tok+2',
        });
        const second = await exchange(fake, () => picker.list({ cursor: 'tok+2' }));
        assert.deepEqual(second.request.query, { $select: SELECT, $skiptoken: 'tok+2', $top: '100' });
        assert.deepEqual(second.result, {
          items: [
            {
              id: 'F!2',
              name: 'Plan.xlsx',
              isFolder: false,
              mimeType: 'application/vnd.ms-excel',
              size: 321,
              modifiedTime: file.lastModifiedDateTime,
            },
          ],
          nextCursor: null,
        });
      });

      it("searches with search(q='…'), a quote doubled, and pages the search the same way", async () => {
        const picker = pickerOf(fake, name, account);
        const first = await exchange(fake, () => picker.list({ search: "Bob's plan" }));
        assert.equal(first.request.path, `${drive}/root/search(q='Bob''s%20plan')`);
        assert.deepEqual(first.request.query, { $select: SELECT, $top: '100' });
        assert.equal(first.result.nextCursor, 'tok+2');
        const second = await exchange(fake, () => picker.list({ search: "Bob's plan", cursor: 'tok+2' }));
        assert.equal(second.request.path, first.request.path);
        assert.equal(second.request.query.$skiptoken, 'tok+2');
      });

      it('reads a selected item by id, without $top', async () => {
        const { request, result } = await exchange(fake, () => pickerOf(fake, name, account).select([{ id: 'F!2', isFolder: false }]));
        assert.deepEqual(request, { method: 'GET', path: `${drive}/items/F!2`, query: { $select: SELECT } });
        assert.equal(result[0]!.name, 'Plan.xlsx');
      });
    });
  }

  describe('sharepoint: the site picked after connecting', () => {
    it('offers the sites the account finds, searching with what the user types', async () => {
      const source = PRESETS.sharepoint!.dataSources!.sites!;
      const upstream = pickerOf(fake, 'sharepoint').upstream;
      fake.answer((_request, response) => json(response, 200, { value: [{ id: SITE, displayName: 'Contoso Team', webUrl: 'https://x' }] }));
      const all = await exchange(fake, () => loadOptions(upstream, USER, CREDENTIAL, source, { parameters: {} }));
      assert.deepEqual(all.request, { method: 'GET', path: '/v1.0/sites', query: { search: '*' } });
      assert.deepEqual(all.result.records, [{ label: 'Contoso Team', value: SITE }]);
      const found = await exchange(fake, () => loadOptions(upstream, USER, CREDENTIAL, source, { search: 'team', parameters: {} }));
      assert.deepEqual(found.request.query, { search: 'team' });
    });

    it('refuses to browse before a site is picked, without calling Graph', async () => {
      fake.answer((_request, response) => json(response, 500, {}));
      await assert.rejects(pickerOf(fake, 'sharepoint').list(), (error: HttpError) => {
        assert.deepEqual(
          [error.status, error.code, error.message],
          [409, 'conflict', 'This account\'s setup is not finished: it has no "siteId" yet.'],
        );
        return true;
      });
      assert.equal(fake.requests.length, 0);
    });
  });

  describe('dropbox (Dropbox API v2)', () => {
    const folder = { '.tag': 'folder', id: 'id:fo1', name: 'Taxes', path_lower: '/taxes' };
    const file = { '.tag': 'file', id: 'id:fi1', name: '2025.pdf', size: 777, server_modified: '2026-01-07T08:00:00Z' };
    beforeEach(() =>
      fake.answer((request, response) => {
        const { path, body } = asked(request) as { path: string; body: Record<string, unknown> };
        if (request.headers['content-type'] !== 'application/json') return json(response, 400, 'Error in call: bad content type');
        if (path === '/2/files/list_folder' && body.path === '') return json(response, 200, { entries: [folder], cursor: 'c-1', has_more: true });
        if (path === '/2/files/list_folder/continue') return json(response, 200, { entries: [file], cursor: 'c-2', has_more: false });
        if (path === '/2/files/search_v2') {
          return json(response, 200, {
            matches: [{ match_type: { '.tag': 'filename' }, metadata: { '.tag': 'metadata', metadata: file } }],
            has_more: true,
            cursor: 's-1',
          });
        }
        if (path === '/2/files/search/continue_v2') {
          return json(response, 200, { matches: [{ metadata: { '.tag': 'metadata', metadata: folder } }], has_more: false, cursor: 's-2' });
        }
        if (path === '/2/files/get_metadata' && body.path === 'id:fi1') return json(response, 200, file);
        return json(response, 409, { error_summary: 'path/not_found/..', error: { '.tag': 'path', path: { '.tag': 'not_found' } } });
      }),
    );

    it('lists the root "" with a JSON body, then continues with the cursor while has_more', async () => {
      const dropbox = pickerOf(fake, 'dropbox');
      const first = await exchange(fake, () => dropbox.list());
      assert.deepEqual(first.request, { method: 'POST', path: '/2/files/list_folder', query: {}, body: { path: '', limit: 100 } });
      assert.deepEqual(first.result, { items: [{ id: 'id:fo1', name: 'Taxes', isFolder: true }], nextCursor: 'c-1' });
      const second = await exchange(fake, () => dropbox.list({ cursor: 'c-1' }));
      assert.deepEqual(second.request, { method: 'POST', path: '/2/files/list_folder/continue', query: {}, body: { cursor: 'c-1' } });
      // Dropbox always gives a cursor; has_more: false is the end.
      assert.deepEqual(second.result, {
        items: [{ id: 'id:fi1', name: '2025.pdf', isFolder: false, size: 777, modifiedTime: file.server_modified }],
        nextCursor: null,
      });
      const inFolder = await exchange(fake, () => dropbox.list({ folderId: 'id:fo1' }).catch((error: HttpError) => error));
      assert.deepEqual(inFolder.request.body, { path: 'id:fo1', limit: 100 }, 'a folder by its id, as a JSON string');
      assert.equal((inFolder.result as HttpError).status, 404, "Dropbox's 409 path/not_found is no such folder");
    });

    it("reports a cursor Dropbox no longer takes (409 reset) as the API's error, not as a missing folder", async () => {
      fake.answer((_request, response) => json(response, 409, { error_summary: 'reset/..', error: { '.tag': 'reset' } }));
      await assert.rejects(pickerOf(fake, 'dropbox').list({ cursor: 'c-old' }), (error: HttpError) => {
        assert.deepEqual([error.status, error.code], [502, 'proxy_request_failed']);
        return true;
      });
    });

    it('searches with search_v2 and continues the search with search/continue_v2, not list_folder/continue', async () => {
      const dropbox = pickerOf(fake, 'dropbox');
      const first = await exchange(fake, () => dropbox.list({ search: 'tax "2025"' }));
      assert.deepEqual(first.request, {
        method: 'POST',
        path: '/2/files/search_v2',
        query: {},
        body: { query: 'tax "2025"', options: { max_results: 100 } },
      });
      assert.deepEqual(first.result, {
        items: [{ id: 'id:fi1', name: '2025.pdf', isFolder: false, size: 777, modifiedTime: file.server_modified }],
        nextCursor: 's-1',
      });
      const second = await exchange(fake, () => dropbox.list({ search: 'tax "2025"', cursor: 's-1' }));
      assert.deepEqual(second.request, { method: 'POST', path: '/2/files/search/continue_v2', query: {}, body: { cursor: 's-1' } });
      assert.deepEqual(names(second.result.items), ['folder Taxes']);
      assert.equal(second.result.nextCursor, null);
    });

    it('reads a selected file with get_metadata; an id Dropbox answers 409 for is refused as not found', async () => {
      const dropbox = pickerOf(fake, 'dropbox');
      const { request, result } = await exchange(fake, () => dropbox.select([{ id: 'id:fi1', isFolder: false }]));
      assert.deepEqual(request, { method: 'POST', path: '/2/files/get_metadata', query: {}, body: { path: 'id:fi1' } });
      assert.deepEqual(result, [
        { id: 'id:fi1', name: '2025.pdf', isFolder: false, size: 777, modifiedTime: file.server_modified, credentialId: CREDENTIAL },
      ]);
      await assert.rejects(dropbox.select([{ id: 'id:gone', isFolder: false }]), (error: HttpError) => {
        assert.equal(error.status, 404);
        assert.equal(error.message, 'This account has no file "id:gone".');
        return true;
      });
    });
  });
});

describe('file calls: what the storage presets needed', () => {
  let fake: FakeApi;
  before(async () => {
    fake = await startFakeApi();
  });
  after(() => fake.close());

  const graph = (overrides: Partial<FilesConfig['list']> = {}): FilesConfig => ({
    rootFolderId: 'root',
    list: {
      path: 'items/{folderId}/children',
      itemsPath: 'value',
      nextCursorPath: '@odata.nextLink',
      cursorFromUrl: true,
      cursorParam: '$skiptoken',
      ...overrides,
    },
    getFile: { path: 'items/{fileId}' },
    fields: { id: 'id', name: 'name' },
    folder: { path: 'folder' },
  });
  const list = (files: FilesConfig) => listFiles(upstreamAt(new URL('/v1.0', fake.origin)), USER, CREDENTIAL, files, {});

  it("takes a URL cursor's parameter whatever its case, and ends when the link has none or is not a URL", async () => {
    for (const [link, cursor] of [
      ['https://graph.microsoft.com/v1.0/items/root/children?$skipToken=abc', 'abc'],
      ['https://graph.microsoft.com/v1.0/items/root/children?$top=5', null],
      ['not a url', null],
    ] as const) {
      fake.answer((_request, response) => json(response, 200, { value: [], '@odata.nextLink': link }));
      assert.equal((await list(graph())).nextCursor, cursor, link);
    }
  });

  it('without cursorFromUrl, a value at a key holding dots is the cursor as it is', async () => {
    fake.answer((_request, response) => json(response, 200, { value: [{ id: 'x', name: 'X' }], '@odata.nextLink': 'opaque' }));
    const files = graph({ cursorFromUrl: undefined, cursorParam: 'cursor' });
    assert.equal((await list(files)).nextCursor, 'opaque');
  });

  describe('config checks', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'connect-files-'));
      await writeFile(join(dir, 'k1.public.pem'), newKeyPair().publicKey.export({ type: 'spki', format: 'pem' }));
    });
    after(() => rm(dir, { recursive: true, force: true }));

    async function problemsOf(files: object, auth?: object): Promise<string[]> {
      const config = testConfig() as { projects: { integrations: Record<string, unknown>[] }[] };
      Object.assign(config.projects[0]!.integrations[0]!, { api: { baseUrl: 'https://api.example.com' }, files, ...(auth && { auth }) });
      await writeFile(join(dir, 'config.json'), JSON.stringify(config));
      try {
        await loadConfig(join(dir, 'config.json'), {});
      } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        return error.problems;
      }
      return [];
    }

    it('accepts OData names ($top, $skiptoken, @odata.nextLink) and refuses what would be lost', async () => {
      const files = { ...graph(), limitParam: '$top' };
      assert.deepEqual(await problemsOf(files), []);
      const { cursorParam: _, ...withoutParam } = files.list;
      assert.deepEqual(await problemsOf({ ...files, list: withoutParam }), [
        "/projects/0/integrations/0/files/list: cursorFromUrl needs cursorParam (the next page URL's parameter that holds the cursor)",
      ]);
      assert.deepEqual(await problemsOf({ ...files, search: { path: 'search?q={search}' }, searchNext: { path: 'next?c={cursor}' } }), [
        '/projects/0/integrations/0/files/searchNext: a searchNext call needs search.nextCursorPath (where the cursor is)',
      ]);
      assert.deepEqual(await problemsOf({ ...files, searchNext: { path: 'next?c={search}' } }), [
        '/projects/0/integrations/0/files/searchNext: "{search}" is not known here; use {cursor}',
        '/projects/0/integrations/0/files/searchNext: a searchNext call needs search.nextCursorPath (where the cursor is)',
      ]);
    });

    it('lets a call name an install answer the account keeps, never a secret', async () => {
      const auth = {
        scheme: 'api_key',
        inputs: [{ id: 'API_KEY', type: 'PASSWORD', title: 'API key' }],
        postInstallInputs: [
          { id: 'site', type: 'TEXT_NO_VARS', title: 'Site' },
          { id: 'pin', type: 'PASSWORD', title: 'PIN' },
        ],
      };
      const files = { ...graph(), list: { path: 'sites/{site}/items/{folderId}/children?key={API_KEY}&pin={pin}', itemsPath: 'value' } };
      assert.deepEqual(await problemsOf(files, auth), [
        '/projects/0/integrations/0/files/list: "{API_KEY}" is not known here; use {folderId} or {site}',
        '/projects/0/integrations/0/files/list: "{pin}" is not known here; use {folderId} or {site}',
      ]);
    });
  });
});

describe(`file picker routes: an account's install answer in the calls (${STORE_KIND})`, () => {
  let fake: FakeApi;
  let harness: Harness;
  before(async () => {
    fake = await startFakeApi();
    const config = testConfig() as { projects: { integrations: Record<string, unknown>[] }[] };
    const crm = config.projects[0]!.integrations[0]!;
    crm.auth = { ...(crm.auth as object), postInstallInputs: [{ id: 'site', type: 'TEXT_NO_VARS', title: 'Site' }] };
    crm.api = { baseUrl: `${fake.origin}/v2` };
    crm.files = {
      rootFolderId: 'root',
      list: { path: 'sites/{site}/items/{folderId}/children', itemsPath: 'value' },
      getFile: { path: 'sites/{site}/items/{fileId}' },
      fields: { id: 'id', name: 'name' },
      folder: { path: 'folder' },
    };
    harness = await startHarness({ config, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  });
  after(async () => {
    await harness.close();
    await fake.close();
  });

  it('waits for the answer, then browses and reads the site the account chose', async () => {
    fake.answer((request, response) =>
      json(response, 200, request.url.endsWith('/children') ? { value: [{ id: 'a b', name: 'Doc' }] } : { id: 'a b', name: 'Doc' }),
    );
    const credential = await installApiKey(harness, 'ivan', 'key-1');
    assert.equal(credential.status, 'PENDING');
    const headers = { 'x-paragon-credential': credential.id };
    const pending = await harness.as('ivan', { method: 'GET', url: sdkPath('/files/crm'), headers });
    assert.deepEqual([pending.statusCode, pending.json().error.code], [409, 'conflict']);
    assert.equal(fake.requests.length, 0, 'nothing called before the site is known');

    const answer = async (site: string) => {
      const setup = await harness.as('ivan', {
        method: 'POST',
        url: sdkPath(`/credentials/${credential.id}/complete-setup`),
        payload: { payload: { site } },
      });
      assert.equal(setup.statusCode, 200, setup.body);
    };
    await answer('north east');
    const listed = await harness.as('ivan', { method: 'GET', url: sdkPath('/files/crm'), headers });
    assert.equal(listed.statusCode, 200, listed.body);
    assert.deepEqual(listed.json().items, [{ id: 'a b', name: 'Doc', isFolder: false }]);
    const selected = await harness.as('ivan', {
      method: 'POST',
      url: sdkPath('/files/crm/selection'),
      headers,
      payload: { items: [{ id: 'a b', isFolder: false }] },
    });
    assert.equal(selected.statusCode, 200, selected.body);
    assert.deepEqual(
      fake.requests.map((request) => request.url),
      ['/v2/sites/north%20east/items/root/children', '/v2/sites/north%20east/items/a%20b'],
    );
    // The answer is a value, never a path: one holding "/" is refused before anything is called.
    await answer('north/../me');
    const climbing = await harness.as('ivan', { method: 'GET', url: sdkPath('/files/crm'), headers });
    assert.deepEqual([climbing.statusCode, climbing.json().error.code], [400, 'invalid_path']);
    assert.equal(fake.requests.length, 2);
  });
});
