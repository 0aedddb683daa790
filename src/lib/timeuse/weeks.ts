/** ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday) for day numbers. */
import { dayFromYmd, ymdFromDay } from '../dates';

/** 0 = Monday … 6 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;
export const mondayOf = (day: number) => day - weekday(day);

export function isoWeek(day: number): { year: number; week: number } {
  const thursday = mondayOf(day) + 3;
  const year = ymdFromDay(thursday).year;
  return { year, week: Math.floor((thursday - dayFromYmd(year, 1, 1)) / 7) + 1 };
}

export function isoWeekLabel(day: number): string {
  const { year, week } = isoWeek(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}
