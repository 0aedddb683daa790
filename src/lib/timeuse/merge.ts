/**
 * Adding imported (or logged) entries to what is stored: the same entry already stored is not
 * added again (importing a log twice adds nothing), and a rep's day may not pass 24 h once both
 * are counted.
 */
import { entryKey, MINUTES_PER_DAY, type TimeEntry } from './entries';

export interface MergeResult {
  added: TimeEntry[];
  alreadyStored: number;
  /** Rep-days that would pass 24 h with the stored time counted: nothing may be written. */
  overDays: { rep: string; day: number; minutes: number }[];
}

export function mergeEntries(stored: readonly TimeEntry[], incoming: readonly TimeEntry[]): MergeResult {
  const have = new Map<string, number>();
  for (const e of stored) have.set(entryKey(e), (have.get(entryKey(e)) ?? 0) + 1);
  const added: TimeEntry[] = [];
  let alreadyStored = 0;
  for (const e of incoming) {
    const k = entryKey(e);
    const n = have.get(k) ?? 0;
    if (n > 0) {
      have.set(k, n - 1);
      alreadyStored++;
    } else added.push(e);
  }
  const totals = new Map<string, number>();
  for (const e of [...stored, ...added]) totals.set(`${e.rep}|${e.day}`, (totals.get(`${e.rep}|${e.day}`) ?? 0) + e.minutes);
  const touched = new Set(added.map((e) => `${e.rep}|${e.day}`));
  const overDays = [...touched]
    .filter((k) => totals.get(k)! > MINUTES_PER_DAY)
    .map((k) => {
      const [rep, day] = k.split('|');
      return { rep: rep!, day: Number(day), minutes: totals.get(k)! };
    });
  return { added, alreadyStored, overDays };
}
