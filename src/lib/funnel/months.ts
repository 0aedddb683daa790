/**
 * Calendar months as whole numbers (year × 12 + month − 1), so "the previous month" is − 1 and
 * "the same month last year" is − 12. Shown and stored as 'YYYY-MM'.
 */
import { dayFromYmd, ymdFromDay } from '../dates';

export type MonthIndex = number;

export function monthOfDay(day: number): MonthIndex {
  const { year, month } = ymdFromDay(day);
  return year * 12 + month - 1;
}

export const yearOfMonth = (m: MonthIndex) => Math.floor(m / 12);
/** 1–12. */
export const calendarMonth = (m: MonthIndex) => (m % 12) + 1;

export function monthText(m: MonthIndex): string {
  return `${yearOfMonth(m)}-${String(calendarMonth(m)).padStart(2, '0')}`;
}

/** 'YYYY-MM' → month index, or null. */
export function monthFromText(text: string): MonthIndex | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return Number(match[1]) * 12 + month - 1;
}

/** First day of the month, and the first day of the next one (a half-open range). */
export function monthDays(m: MonthIndex): { start: number; end: number } {
  return { start: dayFromYmd(yearOfMonth(m), calendarMonth(m), 1), end: dayFromYmd(yearOfMonth(m + 1), calendarMonth(m + 1), 1) };
}

/** Quarters the same way: year × 4 + quarter − 1. */
export type QuarterIndex = number;
export const quarterOfMonth = (m: MonthIndex): QuarterIndex => Math.floor(m / 3);
export const quarterText = (q: QuarterIndex) => `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
export function quarterDays(q: QuarterIndex): { start: number; end: number } {
  return { start: monthDays(q * 3).start, end: monthDays(q * 3 + 3).start };
}

/** `count` months ending with `last`, oldest first. */
export function monthsUpTo(last: MonthIndex, count: number): MonthIndex[] {
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}
