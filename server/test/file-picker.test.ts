/**
 * The file picker's routes against the real sandbox provider's storage API: each account browses
 * its own folders, page by page, and searches them; a selection is read again as that account, so
 * a file of another account, of another user, or a made-up one is refused; folder ids and file
 * ids stay values under the proxy's rules; an integration without `files` says so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FileDescriptor, FileListPage } from '../../protocol/src/files.js';
import { auditOf, sdkPath, snapshot, STORE_KIND } from './harness.js';
import { startOAuthHarness, type OAuthHarness } from './oauth-harness.js';

describe(`file picker (${STORE_KIND})`, () => {
  let oauth: OAuthHarness;
  let alice: string;
  let bob: string;
  before(async () => {
    oauth = await startOAuthHarness();
    alice = (await oauth.connect('ivan', 'alice')).credentialId!;
    bob = (await oauth.connect('ivan', 'bob')).credentialId!;
  });
  after(() => oauth.close());

  const list = (credentialId: string, query = '', sub = 'ivan') =>
    oauth.as(sub, { method: 'GET', url: sdkPath(`/files/sandbox${query}`), headers: { 'x-paragon-credential': credentialId } });
  const select = (credentialId: string, items: object[], sub = 'ivan') =>
    oauth.as(sub, {
      method: 'POST',
      url: sdkPath('/files/sandbox/selection'),
      headers: { 'x-paragon-credential': credentialId },
      payload: { items },
    });

  it('lists the root folder of each account: its own items, folders first, with what the picker shows', async () => {
    const response = await list(alice);
    assert.equal(response.statusCode, 200, response.body);
    const page = response.json() as FileListPage;
    assert.deepEqual(
      page.items.map((item) => [item.name, item.isFolder]),
      [
        ['Documents', true],
        ['Photos', true],
        ['Reports', true],
        ['Budget.xlsx', false],
        ['Welcome to Anders Analytics.txt', false],
      ],
    );
    assert.equal(page.nextCursor, null);
    const budget = page.items.find((item) => item.name === 'Budget.xlsx')!;
    assert.equal(budget.mimeType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.ok(budget.size! > 0 && !Number.isNaN(Date.parse(budget.modifiedTime!)));
    assert.equal(page.items[0]!.size, undefined, 'a folder has no size');
    const bobs = (await list(bob)).json() as FileListPage;
    assert.ok(
      bobs.items.every((item) => item.id.startsWith('fi_bob_')),
      "Bob's account, Bob's files",
    );
  });

  it('pages through a large folder with the cursor, and searches every folder', async () => {
    const root = (await list(alice)).json() as FileListPage;
    const photos = root.items.find((item) => item.name === 'Photos')!;
    const names: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `?folderId=${encodeURIComponent(photos.id)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await list(alice, query)).json() as FileListPage;
      names.push(...page.items.map((item) => item.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 4, '160 photos in pages of 50');
    assert.equal(new Set(names).size, 160);
    assert.deepEqual([names[0], names.at(-1)], ['Photo 001.jpg', 'Photo 160.jpg']);
    const found = (await list(alice, '?search=contract')).json() as FileListPage;
    assert.deepEqual(found.items.map((item) => item.name).sort(), ['Contract 2023.pdf', 'Contract.pdf']);
  });

  it("describes a selection as the account's API does, with the account's credential id", async () => {
    const root = (await list(alice)).json() as FileListPage;
    const budget = root.items.find((item) => item.name === 'Budget.xlsx')!;
    const documents = root.items.find((item) => item.name === 'Documents')!;
    const response = await select(alice, [
      { id: budget.id, isFolder: false },
      { id: documents.id, isFolder: true },
    ]);
    assert.equal(response.statusCode, 200, response.body);
    const { files } = response.json() as { files: FileDescriptor[] };
    assert.deepEqual(files, [
      { ...budget, credentialId: alice },
      { ...documents, credentialId: alice },
    ]);
  });

  it('refuses a file of another account of the same user, of another user, or made up, and answers nothing', async () => {
    const bobsFile = ((await list(bob)).json() as FileListPage).items.find((item) => !item.isFolder)!;
    const alicesFile = ((await list(alice)).json() as FileListPage).items.find((item) => !item.isFolder)!;
    const foreign = await select(alice, [
      { id: alicesFile.id, isFolder: false },
      { id: bobsFile.id, isFolder: false },
    ]);
    assert.equal(foreign.statusCode, 404, foreign.body);
    assert.deepEqual(foreign.json().error, { code: 'not_found', message: `This account has no file "${bobsFile.id}".`, field: 'items.1.id' });
    // A folder asked as a file is not that file either.
    const folderAsFile = await select(alice, [{ id: ((await list(alice)).json() as FileListPage).items[0]!.id, isFolder: false }]);
    assert.equal(folderAsFile.statusCode, 404);

    oauth.sandbox.resetStats();
    const before = await snapshot(oauth.store);
    const otherUser = await select(alice, [{ id: alicesFile.id, isFolder: false }], 'mallory');
    assert.deepEqual([otherUser.statusCode, otherUser.json().error.code], [404, 'credential_not_found']);
    assert.equal(oauth.sandbox.stats().apiRequests, 0, "another user's account is never called");
    assert.equal(await snapshot(oauth.store), before);
  });

  it('keeps folder and file ids values: none leads outside the API', async () => {
    oauth.sandbox.resetStats();
    const answers: Record<string, string> = {};
    for (const id of ['../me', '..', 'a/b', '..\\me', '%2e%2e']) {
      const response = await select(alice, [{ id, isFolder: false }]);
      answers[id] = `${response.statusCode} ${response.json().error.code}`;
    }
    // A climb or a slash is refused before any connection; a name that is only odd reaches
    // /api/files/<that name>, which has no such file.
    assert.deepEqual(answers, {
      '../me': '400 invalid_path',
      '..': '400 invalid_path',
      'a/b': '400 invalid_path',
      '..\\me': '400 invalid_path',
      '%2e%2e': '404 not_found',
    });
    assert.equal(oauth.sandbox.stats().apiRequests, 1);
    const folder = await list(alice, `?folderId=${encodeURIComponent('../me')}`);
    assert.deepEqual([folder.statusCode, folder.json().error.field], [404, 'folderId']);
  });

  it('names what is wrong: an integration without files, a bad query or body', async () => {
    const sites = await oauth.as('ivan', { method: 'GET', url: sdkPath('/files/sandboxSites') });
    assert.deepEqual(
      [sites.statusCode, sites.json().error.message],
      [404, 'Sandbox Sites\'s file picker is not supported: its project config has no "files".'],
    );
    const unknownQuery = await list(alice, '?sort=name');
    assert.deepEqual([unknownQuery.statusCode, unknownQuery.json().error.field], [400, 'sort']);
    const empty = await select(alice, []);
    assert.deepEqual([empty.statusCode, empty.json().error.field], [400, 'items']);
    const tooMany = await select(
      alice,
      Array.from({ length: 101 }, (_, i) => ({ id: `f${i}`, isFolder: false })),
    );
    assert.deepEqual([tooMany.statusCode, tooMany.json().error.field], [400, 'items']);
    const control = await select(alice, [{ id: 'a\u0000b', isFolder: false }]);
    assert.deepEqual([control.statusCode, control.json().error.field], [400, 'items.0.id']);
  });

  const vendorToken = (credentialId: string, sub = 'ivan', integration = 'sandbox') =>
    oauth.as(sub, { method: 'POST', url: sdkPath(`/files/${integration}/vendor-token`), headers: { 'x-paragon-credential': credentialId } });

  it("mints a vendor picker's token of only its scopes, for the account asked, by token exchange at the provider", async () => {
    const response = await vendorToken(bob);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['cache-control'], 'no-store');
    const token = response.json() as { accessToken: string; expiresAt: string; scopes: string[]; credentialId: string };
    assert.deepEqual([token.scopes, token.credentialId], [['files.read'], bob]);
    const lifetime = Date.parse(token.expiresAt) - Date.now();
    assert.ok(lifetime > 0 && lifetime <= 300_000, `lives at most 5 minutes, not ${lifetime} ms`);
    // At the provider: Bob's files, and nothing the narrower scopes leave out.
    const api = (path: string) => fetch(`${oauth.sandbox.url}/api${path}`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    const files = await api('/files');
    assert.equal(files.status, 200);
    assert.ok(((await files.json()) as FileListPage).items.every((item) => item.id.startsWith('fi_bob_')));
    const contacts = await api('/contacts');
    assert.deepEqual([contacts.status, ((await contacts.json()) as { error: string }).error], [403, 'insufficient_scope']);
    // Audited with its scopes, never with the token.
    const audited = (await auditOf(oauth.store, 'ivan')).filter((row) => row.action === 'files.vendor-token');
    assert.equal(audited.length, 1);
    assert.equal(audited[0]!.target, bob);
    assert.ok(!JSON.stringify(audited).includes(token.accessToken));
  });

  it("mints none for another user's account, nor for an integration without a file picker", async () => {
    const before = await snapshot(oauth.store);
    const other = await vendorToken(bob, 'mallory');
    assert.deepEqual([other.statusCode, other.json().error.code], [404, 'credential_not_found']);
    const sites = await vendorToken(bob, 'ivan', 'sandboxSites');
    assert.deepEqual([sites.statusCode, sites.json().error.code], [404, 'not_found']);
    assert.equal(await snapshot(oauth.store), before);
  });
});
