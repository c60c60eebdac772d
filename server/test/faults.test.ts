/**
 * Faults of the world around the server: a full disk, a write lock held by another process, a
 * lost connection. Each gets a precise answer that says nothing was written, and its real cause
 * is logged once instead of being buried. The SQLite cases need the file; the classification
 * of PostgreSQL's codes is checked directly.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { storeFaultOf } from '../src/store/errors.js';
import { anotherServer, collectLogLines, sdkPath, snapshot, startHarness, STORE_KIND, type Harness } from './harness.js';

describe('store faults, classified the same on both stores', () => {
  it('maps SQLite and PostgreSQL codes to one vocabulary', () => {
    const cases: [string, string | undefined][] = [
      ['SQLITE_FULL', 'full'],
      ['53100', 'full'],
      ['SQLITE_BUSY', 'busy'],
      ['SQLITE_BUSY_SNAPSHOT', 'busy'],
      ['40P01', 'busy'],
      ['SQLITE_CONSTRAINT_UNIQUE', 'conflict'],
      ['23505', 'conflict'],
      ['23503', 'conflict'],
      ['SQLITE_READONLY', 'unavailable'],
      ['57P01', 'unavailable'],
      ['ECONNREFUSED', 'unavailable'],
      ['22P02', undefined],
      ['SQLITE_ERROR', undefined],
    ];
    for (const [code, fault] of cases) assert.equal(storeFaultOf(Object.assign(new Error(code), { code })), fault, code);
  });
});

describe(`SQLite faults (${STORE_KIND})`, { skip: STORE_KIND !== 'sqlite' && 'these faults are made on the SQLite file' }, () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  it('answers 507 storage_full when the database cannot grow, writes nothing, and logs the cause once', async () => {
    const { stream, lines } = collectLogLines();
    const app = await anotherServer(harness, { log: stream });
    const headers = { authorization: `Bearer ${await harness.token('filler')}` };
    const write = (index: number) =>
      app.inject({ method: 'PATCH', url: sdkPath('/me'), headers, payload: { meta: { [`k${index}`]: 'x'.repeat(4000) } } });
    assert.equal((await write(0)).statusCode, 200);

    // The file may not grow past the pages it has: the next page it needs is "disk full".
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(harness.store);
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(harness.store);
    try {
      const before = await snapshot(harness.store);
      const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => write(index + 1)));
      const refused = answers.filter((answer) => answer.statusCode === 507);
      assert.ok(refused.length > 0, 'the disk filled up');
      for (const answer of answers) assert.ok([200, 507].includes(answer.statusCode), answer.body);
      assert.equal(refused[0]!.json().error.code, 'storage_full');
      const stored = JSON.parse((await harness.as('filler', { method: 'GET', url: sdkPath('/me') })).body).meta;
      for (const [index, answer] of answers.entries()) {
        assert.equal(`k${index + 1}` in stored, answer.statusCode === 200, `write ${index + 1} answered ${answer.statusCode}`);
      }
      if (refused.length === answers.length) assert.equal(await snapshot(harness.store), before);

      const faultLines = lines.filter((line) => line.includes('store fault'));
      assert.equal(faultLines.length, 1, 'logged once, not once per request');
      assert.match(faultLines[0]!, /database or disk is full/);
      assert.ok(!lines.some((line) => line.includes('cannot rollback')), 'the real cause is not hidden by a failed rollback');
    } finally {
      await sql.raw('pragma max_page_count = 1073741823').execute(harness.store);
      await app.close();
    }
    const resumed = await harness.as('filler', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { k99: 'room again' } } });
    assert.equal(resumed.statusCode, 200, 'writes resume once there is room');
  });

  /** A process that holds SQLite's write lock on the harness's file for `ms`; resolves once it has it. */
  function holdWriteLock(ms: number): Promise<{ released: Promise<void> }> {
    const script = `
      const db = require('better-sqlite3')(process.argv[1]);
      db.exec('begin immediate');
      console.log('locked');
      setTimeout(() => { db.exec('commit'); db.close(); }, Number(process.argv[2]));`;
    const child = spawn(process.execPath, ['-e', script, join(harness.dataDir, 'connect.sqlite'), String(ms)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return new Promise((resolve) => child.stdout.once('data', () => resolve({ released })));
  }

  it('waits for a write lock held by another process, then writes', async () => {
    const { released } = await holdWriteLock(1500);
    const started = Date.now();
    const answer = await harness.as('patient', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { waited: true } } });
    assert.equal(answer.statusCode, 200, answer.body);
    assert.ok(Date.now() - started >= 1000, `answered after ${Date.now() - started} ms, before the lock was released`);
    await released;
  });

  it('answers 503 store_busy with Retry-After when the lock is held past the busy timeout, writing nothing', async () => {
    const before = await snapshot(harness.store);
    const { released } = await holdWriteLock(6500);
    const answer = await harness.as('impatient', { method: 'PATCH', url: sdkPath('/me'), payload: { meta: { waited: true } } });
    assert.equal(answer.statusCode, 503, answer.body);
    assert.equal(answer.json().error.code, 'store_busy');
    assert.equal(answer.headers['retry-after'], '1');
    await released;
    assert.equal(await snapshot(harness.store), before);
  });
});
