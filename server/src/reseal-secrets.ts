/**
 * `npm run secrets:reseal`: after the secret key changed (CONNECT_SECRET_KEY the new key,
 * CONNECT_PREVIOUS_SECRET_KEYS the old), moves every stored secret to the new key, so that the old
 * one can be dropped (docs/self-hosting.md, "Changing the secret key"). Opens the same store as the
 * server (`DATABASE_URL`, else the SQLite file in `DATA_DIR`) and may run while the server does.
 * Exits 1 when a row is left behind: some secret no key opens, or one changed under it (run again).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSecretBox } from './secrets/keys.js';
import { resealSecrets } from './secrets/reseal.js';
import { describeStore, openStore } from './store/database.js';

async function main(): Promise<number> {
  const options = { dataDir: resolve(process.env.DATA_DIR ?? 'data'), databaseUrl: process.env.DATABASE_URL || undefined };
  const secrets = await openSecretBox(options.dataDir);
  const store = await openStore(options);
  try {
    const { resealed, current, raced, unreadable } = await resealSecrets(store, secrets);
    console.log(`${describeStore(options)}: ${resealed} resealed with the current key, ${current} already were.`);
    if (raced > 0) console.log(`${raced} changed while this ran: run it again to finish them.`);
    if (unreadable.length > 0) {
      console.log(`No key of the ring opens the secret of ${unreadable.length} credential(s): ${unreadable.join(', ')}.`);
      console.log('Add the key that sealed them to CONNECT_PREVIOUS_SECRET_KEYS and run again (or those accounts must be connected again).');
    }
    return raced > 0 || unreadable.length > 0 ? 1 : 0;
  } finally {
    await store.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
