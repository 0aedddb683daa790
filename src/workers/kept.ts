/**
 * An answer the engine keeps across visits (issue 17 §2), in the engine cache under the inputs it
 * was made from: the stored write stamps of what it reads, and any settings. A reopened page over
 * unchanged data gets it without reading the data again; any change of input works it out anew.
 */
import { cachedFor, keepFor } from '../data/engine-cache';
import type { KeqingDb } from '../data/db';

/**
 * The answer kept for `inputs()` as they are now, else `work()`'s. That one is kept only if the
 * inputs read again after it are unchanged and `used()` (the same inputs, taken from the reads
 * `work` actually used) equals them: a read held for the page's write count can predate another
 * tab's write, and an answer from it must not be kept under the newer stamp.
 */
export async function keptAnswer<T>(db: KeqingDb, key: string, inputs: () => Promise<string>, work: () => Promise<T>, used: () => Promise<string>): Promise<T> {
  const before = await inputs();
  const kept = await cachedFor<T>(db, key, before).catch(() => undefined);
  if (kept !== undefined) return kept;
  const made = await work();
  const [after, madeFrom] = await Promise.all([inputs(), used()]);
  // A copy: an answer's arrays may move to the page. A failed write is worked out again next time.
  if (after === before && madeFrom === before) await keepFor(db, key, before, structuredClone(made)).catch(() => {});
  return made;
}
