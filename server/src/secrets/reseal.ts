/**
 * Moves every stored secret to the current key, so that an old key can leave the ring: each
 * credential's secret (and the fingerprint of an API key or basic account's install values) and
 * each unexpired sign-in's sealed values. Safe while instances run: each row changes only if it
 * is still as read, so a write that lands meanwhile (it seals with the current key anyway) is
 * never overwritten; rows left as they were are counted, and running it again finishes them.
 */
import type { Store } from '../store/database.js';
import { installFingerprints, openSecret, sealSecret, type StoredSecret } from '../accounts/secret.js';
import type { SecretBox } from './secret-box.js';

export interface ResealOutcome {
  /** Rows moved to the current key. */
  resealed: number;
  /** Rows already under the current key. */
  current: number;
  /** Rows changed by another writer between the read and the write: run again to finish them. */
  raced: number;
  /** Credentials whose secret no key of the ring opens (a key missing from the ring, or tampering): left as they are. */
  unreadable: string[];
}

const BATCH = 200;

export async function resealSecrets(store: Store, secrets: SecretBox): Promise<ResealOutcome> {
  const outcome: ResealOutcome = { resealed: 0, current: 0, raced: 0, unreadable: [] };
  const count = (changed: { numUpdatedRows: bigint }) => (changed.numUpdatedRows > 0n ? outcome.resealed++ : outcome.raced++);

  for (let after = ''; ;) {
    const rows = await store
      .selectFrom('credentials')
      .select(['id', 'integration_type', 'sealed_secret', 'secret_fingerprint'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      let secret: StoredSecret;
      try {
        secret = openSecret(secrets, row.sealed_secret);
      } catch {
        outcome.unreadable.push(row.id);
        continue;
      }
      const fingerprint =
        row.secret_fingerprint !== null && secret.kind !== 'oauth2' ? installFingerprints(secrets, row.integration_type, secret.values)[0]! : null;
      if (secrets.isCurrent(row.sealed_secret) && fingerprint === row.secret_fingerprint) {
        outcome.current++;
        continue;
      }
      count(
        await store
          .updateTable('credentials')
          .set({ sealed_secret: sealSecret(secrets, secret), secret_fingerprint: fingerprint })
          .where('id', '=', row.id)
          .where('sealed_secret', '=', row.sealed_secret)
          .executeTakeFirst(),
      );
    }
  }

  const flows = await store
    .selectFrom('oauth_flows')
    .select(['id', 'sealed_verifier', 'sealed_values'])
    .where('expires_at', '>', new Date().toISOString())
    .execute();
  for (const flow of flows) {
    if (secrets.isCurrent(flow.sealed_verifier) && secrets.isCurrent(flow.sealed_values)) {
      outcome.current++;
      continue;
    }
    let opened: [verifier: string, values: string];
    try {
      opened = [secrets.open(flow.sealed_verifier), secrets.open(flow.sealed_values)];
    } catch {
      continue; // That sign-in fails anyway, and its row expires within minutes.
    }
    count(
      await store
        .updateTable('oauth_flows')
        .set({ sealed_verifier: secrets.seal(opened[0]), sealed_values: secrets.seal(opened[1]) })
        .where('id', '=', flow.id)
        .where('sealed_verifier', '=', flow.sealed_verifier)
        .executeTakeFirst(),
    );
  }
  return outcome;
}
