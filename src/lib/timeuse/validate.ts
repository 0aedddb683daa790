/**
 * Checks on recorded time (issue 7): a rep's day holds at most 24 h; timed entries of one rep
 * that overlap are flagged (touching, 9:00–10:00 then 10:00–11:00, is not an overlap); a
 * category must be one the store has. Problems name the entry by its index.
 */
import type { Category } from './setup';
import { MINUTES_PER_DAY, type TimeEntry } from './entries';

export type EntryProblem =
  | { code: 'timeuse.dayOver24h'; index: number; rep: string; day: number; minutes: number }
  | { code: 'timeuse.overlap'; index: number; other: number; rep: string; day: number }
  | { code: 'timeuse.unknownCategory'; index: number; category: string }
  | { code: 'timeuse.badInterval'; index: number }
  | { code: 'timeuse.badMinutes'; index: number; minutes: number };

/** Every problem in `entries`; errors (all but overlaps) stop a save. */
export function checkEntries(entries: readonly TimeEntry[], categories: readonly Category[]): EntryProblem[] {
  const known = new Set(categories.map((c) => c.id));
  const problems: EntryProblem[] = [];
  const days = new Map<string, number[]>();
  entries.forEach((e, index) => {
    if (!known.has(e.category)) problems.push({ code: 'timeuse.unknownCategory', index, category: e.category });
    if (!Number.isInteger(e.minutes) || e.minutes <= 0 || e.minutes > MINUTES_PER_DAY) problems.push({ code: 'timeuse.badMinutes', index, minutes: e.minutes });
    if (e.start !== undefined && (e.end === undefined || e.end <= e.start || e.start < 0 || e.end > MINUTES_PER_DAY)) problems.push({ code: 'timeuse.badInterval', index });
    const key = `${e.rep}|${e.day}`;
    (days.get(key) ?? days.set(key, []).get(key)!).push(index);
  });
  for (const indices of days.values()) {
    const total = indices.reduce((s, i) => s + entries[i]!.minutes, 0);
    const first = entries[indices[0]!]!;
    if (total > MINUTES_PER_DAY) for (const index of indices) problems.push({ code: 'timeuse.dayOver24h', index, rep: first.rep, day: first.day, minutes: total });
    problems.push(...overlaps(entries, indices));
  }
  return problems;
}

/** Overlapping timed entries among `indices` (one rep's day): each later one names the one it runs into. */
function overlaps(entries: readonly TimeEntry[], indices: readonly number[]): EntryProblem[] {
  const timed = indices.filter((i) => entries[i]!.start !== undefined && entries[i]!.end !== undefined).sort((a, b) => entries[a]!.start! - entries[b]!.start! || a - b);
  const out: EntryProblem[] = [];
  let open = -1; // the entry reaching furthest so far
  for (const i of timed) {
    const e = entries[i]!;
    if (open >= 0 && e.start! < entries[open]!.end!) out.push({ code: 'timeuse.overlap', index: i, other: open, rep: e.rep, day: e.day });
    if (open < 0 || e.end! > entries[open]!.end!) open = i;
  }
  return out;
}

export const isBlocking = (p: EntryProblem) => p.code !== 'timeuse.overlap';
