/**
 * The daily sheet: minutes per category per rep for one day. A cell shows all of that rep's time
 * in the category that day; saving changes only the untimed remainder (timed entries from the
 * quick log or an import stay as recorded), so a cell cannot go below its timed minutes.
 */
import { err, ok, type Result } from '../result';
import { MINUTES_PER_DAY, type TimeEntry } from './entries';

/** Minutes per category in `entries` (one rep's day). */
export function sheetRow(entries: readonly TimeEntry[]): Record<string, number> {
  const row: Record<string, number> = {};
  for (const e of entries) row[e.category] = (row[e.category] ?? 0) + e.minutes;
  return row;
}

export type SheetError =
  | { code: 'timeuse.belowTimed'; category: string; timed: number }
  | { code: 'timeuse.dayOver24h'; minutes: number };

/** One rep's day after the sheet's values: timed entries kept, one untimed entry per category for the rest. */
export function applySheetRow(dayEntries: readonly TimeEntry[], typed: Readonly<Record<string, number>>, rep: string, day: number): Result<TimeEntry[], SheetError> {
  const timed = dayEntries.filter((e) => e.start !== undefined);
  const timedBy = sheetRow(timed);
  const out = [...timed];
  const categories = new Set([...Object.keys(typed), ...dayEntries.map((e) => e.category)]);
  for (const category of categories) {
    const want = typed[category] ?? sheetRow(dayEntries)[category] ?? 0;
    const t = timedBy[category] ?? 0;
    if (want < t) return err({ code: 'timeuse.belowTimed', category, timed: t });
    if (want > t) out.push({ rep, day, category, minutes: want - t });
  }
  const total = out.reduce((s, e) => s + e.minutes, 0);
  if (total > MINUTES_PER_DAY) return err({ code: 'timeuse.dayOver24h', minutes: total });
  return ok(out);
}

/**
 * A running quick-log activity stopped at `end` (both instants as local wall-clock day and
 * minute): one entry, or two when it ran past midnight. Under a minute records nothing.
 */
export function entriesForRun(rep: string, category: string, start: { day: number; minute: number }, end: { day: number; minute: number }): TimeEntry[] {
  const out: TimeEntry[] = [];
  for (let day = start.day; day <= end.day; day++) {
    const s = day === start.day ? start.minute : 0;
    const e = day === end.day ? end.minute : MINUTES_PER_DAY;
    if (e > s) out.push({ rep, day, category, minutes: e - s, start: s, end: e });
  }
  return out;
}
