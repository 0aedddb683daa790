/**
 * Time entries and how they are stored: packed as columns, one chunk per rep and month, rather
 * than one IndexedDB record per entry. Chromium writes about 4,000 records/s but about 250,000
 * packed rows/s (README, purchases): 200,000 entries (20 reps × 2 years) are 480 chunks, written
 * in well under a second and read in one sweep for the analysis; editing a day rewrites only
 * its rep-month (a few hundred entries).
 */
import { ymdFromDay } from '../dates';

export const MINUTES_PER_DAY = 1440;

export interface TimeEntry {
  rep: string;
  /** Day number (lib/dates). */
  day: number;
  category: string;
  minutes: number;
  /** Minutes since midnight, when the entry was timed (quick log, an import with start/end). */
  start?: number;
  end?: number;
}

export interface TimeColumns {
  length: number;
  day: Int32Array;
  /** -1 when the entry has no clock times. */
  start: Int16Array;
  end: Int16Array;
  minutes: Int16Array;
  /** Index into categoryDict. */
  category: Uint8Array;
  categoryDict: string[];
}

export interface TimeChunk {
  /** `${repId}|${month}` */
  key: string;
  repId: string;
  /** year × 12 + month − 1 */
  month: number;
  columns: TimeColumns;
}

export const monthOfDay = (day: number) => {
  const { year, month } = ymdFromDay(day);
  return year * 12 + month - 1;
};
export const chunkKey = (repId: string, month: number) => `${repId}|${month}`;
export const monthLabel = (month: number) => `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;

export function packEntries(entries: readonly TimeEntry[]): TimeColumns {
  const n = entries.length;
  const c: TimeColumns = { length: n, day: new Int32Array(n), start: new Int16Array(n), end: new Int16Array(n), minutes: new Int16Array(n), category: new Uint8Array(n), categoryDict: [] };
  const index = new Map<string, number>();
  // Sorted by day then start, so a day's entries sit together and read back in order.
  const sorted = [...entries].sort((a, b) => a.day - b.day || (a.start ?? -1) - (b.start ?? -1));
  sorted.forEach((e, i) => {
    let k = index.get(e.category);
    if (k === undefined) {
      k = c.categoryDict.push(e.category) - 1;
      index.set(e.category, k);
    }
    c.day[i] = e.day;
    c.start[i] = e.start ?? -1;
    c.end[i] = e.end ?? -1;
    c.minutes[i] = e.minutes;
    c.category[i] = k;
  });
  return c;
}

export function unpackEntries(repId: string, c: TimeColumns): TimeEntry[] {
  const out: TimeEntry[] = [];
  for (let i = 0; i < c.length; i++) {
    const e: TimeEntry = { rep: repId, day: c.day[i]!, category: c.categoryDict[c.category[i]!]!, minutes: c.minutes[i]! };
    if (c.start[i]! >= 0) {
      e.start = c.start[i]!;
      e.end = c.end[i]!;
    }
    out.push(e);
  }
  return out;
}

/** Entries grouped into chunks, one per rep and month. */
export function chunkEntries(entries: readonly TimeEntry[]): TimeChunk[] {
  const groups = new Map<string, { repId: string; month: number; entries: TimeEntry[] }>();
  for (const e of entries) {
    const month = monthOfDay(e.day);
    const key = chunkKey(e.rep, month);
    const g = groups.get(key) ?? groups.set(key, { repId: e.rep, month, entries: [] }).get(key)!;
    g.entries.push(e);
  }
  return [...groups.entries()].map(([key, g]) => ({ key, repId: g.repId, month: g.month, columns: packEntries(g.entries) }));
}

/** Whether stored columns hold together (a backup row check). */
export function timeColumnsAreConsistent(c: TimeColumns): boolean {
  if (!Number.isSafeInteger(c.length) || c.length < 0 || !Array.isArray(c.categoryDict)) return false;
  const typed: [unknown, new (n: number) => ArrayBufferView][] = [[c.day, Int32Array], [c.start, Int16Array], [c.end, Int16Array], [c.minutes, Int16Array], [c.category, Uint8Array]];
  if (!typed.every(([a, T]) => a instanceof T && (a as unknown as { length: number }).length === c.length)) return false;
  if (!c.categoryDict.every((s) => typeof s === 'string')) return false;
  for (let i = 0; i < c.length; i++) if (c.category[i]! >= c.categoryDict.length || c.minutes[i]! < 0) return false;
  return true;
}

/** Same entry: re-importing a log must not count its time twice. */
export const entryKey = (e: TimeEntry) => `${e.rep}|${e.day}|${e.category}|${e.minutes}|${e.start ?? ''}|${e.end ?? ''}`;

/** Clock text for minutes since midnight: 570 → '09:30'. */
export const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A duration as people type it in a sheet or a log: '90', '1:30', '1.5h', '1.5小时', '90分钟',
 * '90min'; empty is 0. Null when it is not a duration.
 */
export function parseDuration(raw: string): number | null {
  const text = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  if (text === '') return 0;
  let m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (m) return Number(m[2]) < 60 ? Number(m[1]) * 60 + Number(m[2]) : null;
  m = /^(\d+(?:\.\d+)?)(h|hr|hrs|hour|hours|小时|时)$/.exec(text);
  if (m) return Math.round(Number(m[1]) * 60);
  m = /^(\d+)(m|min|mins|minutes|分钟|分)?$/.exec(text);
  if (m) return Number(m[1]);
  return null;
}

/** '9:00', '09:00:00', '下午2:30', '2:30 PM' → minutes since midnight; '24:00' is the day's end. */
export function parseClock(raw: string): number | null {
  const text = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  const m = /^(上午|下午|am|pm)?(\d{1,2})[:：.]?(\d{2})(?::(\d{2}))?(上午|下午|am|pm)?$/.exec(text);
  if (!m) return null;
  let h = Number(m[2]);
  const min = Number(m[3]);
  const half = m[1] ?? m[5];
  if (min > 59) return null;
  if (half) {
    if (h < 1 || h > 12) return null;
    if ((half === 'pm' || half === '下午') && h < 12) h += 12;
    if ((half === 'am' || half === '上午') && h === 12) h = 0;
  }
  const total = h * 60 + min;
  return total <= MINUTES_PER_DAY ? total : null;
}
