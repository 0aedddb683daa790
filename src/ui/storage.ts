/** The browser's storage promises: whether our data is kept for good, and how much space we use. */
export interface StorageState {
  /** null when the browser cannot be asked. */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

export async function readStorageState(): Promise<StorageState> {
  const storage = globalThis.navigator?.storage;
  const persisted = storage?.persisted ? await storage.persisted() : null;
  const estimate = storage?.estimate ? await storage.estimate() : {};
  return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
}

/** Asks the browser not to evict our data; returns whether it agreed (null: cannot ask). */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = globalThis.navigator?.storage;
  return storage?.persist ? storage.persist() : null;
}
