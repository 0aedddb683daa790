/**
 * Care occasions (domain.md §6): each customer's birthday, May Day (1 May), National Day (1 Oct),
 * Spring Festival (lunar, from a function the caller passes: see lunar.ts) and the store's own days.
 */
import { dayFromIso, dayFromYmd, ymdFromDay } from '../dates';

export type HolidayKind = 'mayDay' | 'nationalDay' | 'springFestival' | 'store';
export type OccasionKind = HolidayKind | 'birthday';

export interface Occasion {
  /** Stable across runs: part of each task's key (done-state is stored by it). */
  key: string;
  kind: OccasionKind;
  day: number;
  /** Birthdays only. */
  customerId?: number;
  /** Store occasions: the store's own name for it. */
  name?: string;
}

/** A day the store marks itself: 'MM-DD' comes back every year, 'YYYY-MM-DD' happens once. */
export interface StoreOccasion {
  id: number;
  name: string;
  date: string;
}

export const isStoreOccasionDate = (date: string) => dayFromIso(date) !== null || (/^\d{2}-\d{2}$/.test(date) && dayFromIso(`2024-${date}`) !== null);

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The customer's birthday in `year`; 29 Feb falls on 28 Feb in other years. null for no/invalid birthday. */
export function birthdayIn(birthday: string | undefined, year: number): number | null {
  if (!birthday || dayFromIso(birthday) === null) return null;
  const month = Number(birthday.slice(5, 7));
  let day = Number(birthday.slice(8, 10));
  if (month === 2 && day === 29 && !isLeap(year)) day = 28;
  return dayFromYmd(year, month, day);
}

function yearsOf(from: number, to: number): number[] {
  const years: number[] = [];
  for (let y = ymdFromDay(from).year; y <= ymdFromDay(to).year; y++) years.push(y);
  return years;
}

/** Holidays falling in [from, to] (day numbers, both included), by day. */
export function holidaysBetween(from: number, to: number, springFestival: (year: number) => number, store: readonly StoreOccasion[] = []): Occasion[] {
  const found: Occasion[] = [];
  for (const year of yearsOf(from, to)) {
    found.push({ key: `mayDay-${year}`, kind: 'mayDay', day: dayFromYmd(year, 5, 1) });
    found.push({ key: `nationalDay-${year}`, kind: 'nationalDay', day: dayFromYmd(year, 10, 1) });
    found.push({ key: `springFestival-${year}`, kind: 'springFestival', day: springFestival(year) });
    for (const s of store) {
      const once = dayFromIso(s.date);
      const day = once ?? (/^\d{2}-\d{2}$/.test(s.date) ? dayFromIso(`${year}-${s.date}`) : null);
      // A yearly 02-29 is kept only in leap years; a one-off date only in its own year.
      if (day === null || (once !== null && ymdFromDay(once).year !== year)) continue;
      found.push({ key: `store${s.id}-${year}`, kind: 'store', day, name: s.name });
    }
  }
  return found.filter((o) => o.day >= from && o.day <= to).sort((a, b) => a.day - b.day);
}

/** Birthdays falling in [from, to], by day then customer. */
export function birthdaysBetween(customers: readonly { id: number; birthday?: string }[], from: number, to: number): Occasion[] {
  const years = yearsOf(from, to);
  const found: Occasion[] = [];
  for (const c of customers) {
    for (const year of years) {
      const day = birthdayIn(c.birthday, year);
      if (day !== null && day >= from && day <= to) found.push({ key: `birthday-${year}`, kind: 'birthday', day, customerId: c.id });
    }
  }
  return found.sort((a, b) => a.day - b.day || a.customerId! - b.customerId!);
}
