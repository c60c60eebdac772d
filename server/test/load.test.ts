/**
 * A few seconds of `bench/mixed-load.ts` in every test run: many writers per user, racing
 * uninstalls, two server processes on PostgreSQL (one on SQLite), and then every acknowledged
 * write checked. `npm run bench` runs the same for 60 s.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeLoad, runMixedLoad } from '../../bench/mixed-load.js';
import { STORE_KIND } from './harness.js';

describe(`mixed load (${STORE_KIND})`, () => {
  it('loses no acknowledged write and answers no 5xx', async () => {
    const figures = await runMixedLoad({ seconds: 5, instances: STORE_KIND === 'postgresql' ? 2 : 1, users: 4, writersPerUser: 5 });
    console.log(describeLoad(figures));
    assert.deepEqual(figures.serverErrors, {});
    assert.equal(figures.writesLost, 0);
    assert.ok(figures.writesAcknowledged >= 100, `only ${figures.writesAcknowledged} writes were checked`);
    assert.equal(figures.writesKept, figures.writesAcknowledged);
  });
});
