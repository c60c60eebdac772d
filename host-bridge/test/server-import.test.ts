/**
 * The host bridge on a server (server-side rendering, a Node test runner): importing it must do
 * nothing and throw nothing, since there is no `window`; only calling what needs a browser fails,
 * and says why. Checked on the shipped ES module (npm test builds before it runs this) and on the
 * source.
 */
import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as bridge from '../src/index.js';

const SHIPPED = 'dist/host-bridge/paragon.js';

async function importable(): Promise<string[]> {
  const shipped = await access(SHIPPED).then(
    () => [pathToFileURL(SHIPPED).href],
    () => [],
  );
  return [...shipped, new URL('../src/index.ts', import.meta.url).href];
}

const urls = await importable();

describe('host bridge imported without a browser', () => {
  it('has no window here', () => {
    assert.equal(typeof (globalThis as { window?: unknown }).window, 'undefined');
  });

  for (const url of urls) {
    it(`${url.endsWith('.ts') ? 'source' : 'shipped module'}: imports, answers what needs no browser, refuses the rest with a reason`, async () => {
      const { paragon, createParagon } = (await import(url)) as typeof bridge;
      assert.deepEqual(paragon.getUser(), { authenticated: false });
      assert.equal(paragon.getVersion(), '0.1.0');
      assert.throws(() => paragon.subscribe('onInstall' as never, () => undefined), /Unknown event "onInstall"/);
      await assert.rejects(paragon.connect('crm'), { name: 'UserNotAuthenticatedError', message: /paragon\.authenticate/ });
      await assert.rejects(createParagon().authenticate('p', 't'), /configureGlobal/);
    });
  }
});
