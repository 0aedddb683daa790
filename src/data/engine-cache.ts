/**
 * Figures the analysis engine keeps across visits (issue 17 §2), each with the data version it was
 * computed for: a row whose version is the current one is the answer without counting again; any
 * row is what a screen shows at once on opening, until the fresh answer comes.
 */
import type { KeqingDb } from './db';
import { claimLock, withLock, type Claim } from './locks';

/** The value stored for `key` when it was computed for `version`. */
export async function cachedFor<T>(db: KeqingDb, key: string, version: string): Promise<T | undefined> {
  const row = await db.engineCache.get(key);
  return row?.version === version ? (row.value as T) : undefined;
}

/** The last value stored for `key`, whatever it was computed for. */
export async function lastCached<T>(db: KeqingDb, key: string): Promise<T | undefined> {
  return (await db.engineCache.get(key))?.value as T | undefined;
}

/** Stores a value unless the same one is there already (a write makes every screen ask again). */
export async function storeCached(db: KeqingDb, key: string, version: string, value: unknown): Promise<void> {
  await db.transaction('rw', db.engineCache, async () => {
    const row = await db.engineCache.get(key);
    if (row?.version === version && JSON.stringify(row.value) === JSON.stringify(value)) return;
    await db.engineCache.put({ key, version, value });
  });
}

/**
 * Stores an answer kept for exactly the inputs `version` names (write stamps, settings): the same
 * version holds the same answer, so one already there is left as it is (no comparing a large value).
 */
export async function keepFor(db: KeqingDb, key: string, version: string, value: unknown): Promise<void> {
  await db.transaction('rw', db.engineCache, async () => {
    if ((await db.engineCache.get(key))?.version === version) return;
    await db.engineCache.put({ key, version, value });
  });
}

/**
 * The value kept for `key` and `version`, else `make`'s, made once across every tab and worker: the
 * first context to miss makes and keeps it under a lock, one that misses meanwhile waits and reads
 * it (a page reopened straight after an import gets the importing page's figures, not a second count).
 */
export async function keptOnce<T>(db: KeqingDb, key: string, version: string, make: () => Promise<T>, held = false): Promise<T> {
  const kept = await cachedFor<T>(db, key, version);
  if (kept !== undefined) return kept;
  const once = async () => {
    const meanwhile = await cachedFor<T>(db, key, version);
    if (meanwhile !== undefined) return meanwhile;
    const made = await make();
    await keepFor(db, key, version, made);
    return made;
  };
  return held ? once() : keptLock(db, key, once);
}

const keptName = (db: KeqingDb, key: string) => `keqing.kept:${db.name}:${key}`;
/** Runs `fn` holding keptOnce's lock for `key`. */
export const keptLock = <T>(db: KeqingDb, key: string, fn: () => Promise<T>): Promise<T> => withLock(keptName(db, key), fn);

/**
 * keptOnce's lock for `key` claimed now (data/locks claimLock): a context that knows it is about to
 * make that value (the engine during an import) claims it early, so others wait for its value
 * instead of making it too. Its keptOnce is called with `held` (the lock is not taken twice).
 */
export const claimKept = (db: KeqingDb, key: string): Claim => claimLock(keptName(db, key));

/** The tables of derived figures: a write to them alone changes no data a screen shows. */
export const derivedTables: ReadonlySet<string> = new Set(['engineCache']);
