/**
 * The lunar calendar's dates on the Gregorian calendar, from tyme4ts (6tail's maintained
 * successor to lunar-typescript; MIT, no data files, runs offline). It is ≈70 KB gzipped and does
 * not tree-shake, so screens load this module with import() only when the care calendar opens.
 */
import { LunarDay, LunarMonth, LunarYear } from 'tyme4ts';
import { dayFromYmd } from '../dates';
import type { LunarCalendar } from './occasions';

const dayOf = (lunar: LunarDay) => {
  const solar = lunar.getSolarDay();
  return dayFromYmd(solar.getYear(), solar.getMonth(), solar.getDay());
};

/** Spring Festival (春节, lunar 1/1) of lunar year `year`: late January or February of that Gregorian year. */
export function springFestivalDay(year: number): number {
  return dayOf(LunarDay.fromYmd(year, 1, 1));
}

/** Mid-Autumn Festival (中秋, lunar 8/15): always September or October of the same Gregorian year. */
export function midAutumnDay(year: number): number {
  return dayOf(LunarDay.fromYmd(year, 8, 15));
}

/**
 * Lunar month/day of lunar year `lunarYear` as a Gregorian day number; null outside tyme4ts's range
 * or for an impossible month/day. What a customer expects of a lunar birthday each year:
 * - a 闰月 birthday falls in that leap month when the year has it, otherwise in the ordinary
 *   month of the same number (most years have no such leap month);
 * - day 30 in a month of 29 days (小月) falls on its 29th, the month's last day, not in the next month.
 */
export function lunarDayIn(lunarYear: number, month: number, day: number, leap = false): number | null {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1 || day > 30) return null;
  try {
    const inLeap = leap && LunarYear.fromYear(lunarYear).getLeapMonth() === month;
    const m = LunarMonth.fromYm(lunarYear, inLeap ? -month : month);
    return dayOf(LunarDay.fromYmd(lunarYear, inLeap ? -month : month, Math.min(day, m.getDayCount())));
  } catch {
    return null;
  }
}

/** The leap month (闰月) of lunar year `year`, 0 when it has none. */
export const leapMonthOf = (year: number): number => LunarYear.fromYear(year).getLeapMonth();

export const lunarCalendar: LunarCalendar = { springFestival: springFestivalDay, midAutumn: midAutumnDay, lunarDay: lunarDayIn };
