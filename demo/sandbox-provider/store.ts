/**
 * The provider's storage: one in-memory map per oidc-provider model. oidc-provider's own memory
 * adapter would do, but it is an LRU of 1,000 entries shared by every instance in the process,
 * and it cannot list what an account holds; the test controls need both (separate providers per
 * test, and "revoke everything of alice").
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; undefined for entries that never expire. */
  expiresAt: number | undefined;
}

export class MemoryStore {
  readonly #models = new Map<string, Map<string, Entry>>();

  #entries(model: string): Map<string, Entry> {
    let entries = this.#models.get(model);
    if (!entries) this.#models.set(model, (entries = new Map<string, Entry>()));
    return entries;
  }

  /** The live payload stored under an id; an expired one is dropped on the way. */
  #find(model: string, id: string): AdapterPayload | undefined {
    const entries = this.#entries(model);
    const entry = entries.get(id);
    if (entry?.expiresAt === undefined || entry.expiresAt > Date.now()) return entry?.payload;
    entries.delete(id);
    return undefined;
  }

  #findWhere(model: string, matches: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const id of this.#entries(model).keys()) {
      const payload = this.#find(model, id);
      if (payload && matches(payload)) return payload;
    }
    return undefined;
  }

  /** Deletes every entry of these models whose payload matches. */
  deleteWhere(models: readonly string[], matches: (payload: AdapterPayload) => boolean): void {
    for (const model of models) {
      const entries = this.#entries(model);
      for (const [id, { payload }] of entries) if (matches(payload)) entries.delete(id);
    }
  }

  /** The adapter factory oidc-provider calls once per model. */
  adapterFor(model: string): Adapter {
    const entries = this.#entries(model);
    return {
      upsert: async (id, payload, expiresIn) => {
        entries.set(id, { payload, expiresAt: expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000 });
      },
      find: async (id) => this.#find(model, id),
      findByUid: async (uid) => this.#findWhere(model, (payload) => payload.uid === uid),
      findByUserCode: async (userCode) => this.#findWhere(model, (payload) => payload.userCode === userCode),
      consume: async (id) => {
        const payload = this.#find(model, id);
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        entries.delete(id);
      },
      revokeByGrantId: async (grantId) => this.deleteWhere([model], (payload) => payload.grantId === grantId),
    };
  }
}
