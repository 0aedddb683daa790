/**
 * Care occasions (domain.md §6): each customer's birthday (solar or 农历), May Day (1 May),
 * National Day (1 Oct), Spring Festival and Mid-Autumn (lunar, from the calendar the caller
 * passes: see lunar.ts, loaded lazily) and the store's own days.
 */
import { dayFromIso, dayFromYmd, ymdFromDay } from '../dates';

// 中秋 (issue 10): the course names 五一, 十一 and 春节 only; 中秋 gets the same treatment as 春节
// (card, call or SMS, the tier's holiday gift), as no rule of its own is given.
export type HolidayKind = 'mayDay' | 'nationalDay' | 'springFestival' | 'midAutumn' | 'store';
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
  /** Birthdays kept in the lunar calendar (农历生日). */
  lunar?: true;
}

/** Lunar dates on the Gregorian calendar (lunar.ts implements it with tyme4ts). */
export interface LunarCalendar {
  springFestival(year: number): number;
  midAutumn(year: number): number;
  /** Lunar month/day (闰月 when `leap`) of lunar year `year`, with the fallbacks lunar.ts states; null when impossible. */
  lunarDay(year: number, month: number, day: number, leap?: boolean): number | null;
}

/** A customer's birthday as stored: 'YYYY-MM-DD', read as lunar year/month/day when `birthdayLunar`. */
export interface BirthdayOf {
  id: number;
  birthday?: string;
  birthdayLunar?: boolean;
  birthdayLeap?: boolean;
}

/** 'YYYY-MM-DD' as a lunar date: month 1–12, day 1–30 (a lunar 2/30 is no Gregorian date). */
export function readLunarBirthday(birthday: string | undefined): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday ?? '');
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 30 ? { year, month, day } : null;
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
export function holidaysBetween(from: number, to: number, lunar: Pick<LunarCalendar, 'springFestival' | 'midAutumn'>, store: readonly StoreOccasion[] = []): Occasion[] {
  const found: Occasion[] = [];
  for (const year of yearsOf(from, to)) {
    found.push({ key: `mayDay-${year}`, kind: 'mayDay', day: dayFromYmd(year, 5, 1) });
    found.push({ key: `nationalDay-${year}`, kind: 'nationalDay', day: dayFromYmd(year, 10, 1) });
    found.push({ key: `springFestival-${year}`, kind: 'springFestival', day: lunar.springFestival(year) });
    found.push({ key: `midAutumn-${year}`, kind: 'midAutumn', day: lunar.midAutumn(year) });
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

/**
 * Birthdays falling in [from, to], by day then customer. A lunar birthday is looked up in the
 * lunar years that can reach into the range: lunar year L runs from late January/February of L
 * into January/February of L + 1, so a late 腊月 birthday can fall in January of the next
 * Gregorian year (and one Gregorian year can hold two of them). Its key names the lunar year.
 */
export function birthdaysBetween(customers: readonly BirthdayOf[], from: number, to: number, lunar: Pick<LunarCalendar, 'lunarDay'>): Occasion[] {
  const years = yearsOf(from, to);
  const found: Occasion[] = [];
  for (const c of customers) {
    if (c.birthdayLunar) {
      const b = readLunarBirthday(c.birthday);
      if (!b) continue;
      for (const year of [years[0]! - 1, ...years]) {
        const day = lunar.lunarDay(year, b.month, b.day, c.birthdayLeap === true);
        if (day !== null && day >= from && day <= to) found.push({ key: `birthday-lunar${year}`, kind: 'birthday', day, customerId: c.id, lunar: true });
      }
      continue;
    }
    for (const year of years) {
      const day = birthdayIn(c.birthday, year);
      if (day !== null && day >= from && day <= to) found.push({ key: `birthday-${year}`, kind: 'birthday', day, customerId: c.id });
    }
  }
  return found.sort((a, b) => a.day - b.day || a.customerId! - b.customerId!);
}
