/**
 * Calendar dates as whole day numbers (days since 1970-01-01), so purchase dates pack into an
 * Int32Array and date arithmetic is plain subtraction. A day number names a calendar date, not
 * an instant: it is computed in UTC so no time zone or DST shift can move it.
 */
const MS_PER_DAY = 86_400_000;

export function dayFromYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** 'YYYY-MM-DD' → day number, or null when the text is not a real calendar date. */
export function dayFromIso(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // Date.UTC reads years 0–99 as 1900–1999 and rolls 2023-02-30 over to March: neither is that date.
  // (Checked by arithmetic: a round trip through toISOString cost most of a pass over 100,000 files.)
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayFromYmd(y, mo, d);
}

/** Days in a month of the Gregorian calendar (month 1–12). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The local calendar date of an instant (what the shop calls "today"). */
export function dayFromLocalDate(date: Date): number {
  return dayFromYmd(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

export function ymdFromDay(day: number): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Whole days from `from` to `to` (both ISO instants); partial days round down. */
export function daysBetween(fromIso: string, to: Date): number {
  return Math.floor((to.getTime() - new Date(fromIso).getTime()) / MS_PER_DAY);
}
