/**
 * Spring Festival (春节, lunar 1/1) on its Gregorian date, from tyme4ts (6tail's maintained
 * successor to lunar-typescript; MIT, no data files, runs offline). It is ≈70 KB gzipped and does
 * not tree-shake, so screens load this module with import() only when the care calendar opens.
 */
import { LunarDay } from 'tyme4ts';
import { dayFromYmd } from '../dates';

export function springFestivalDay(year: number): number {
  const solar = LunarDay.fromYmd(year, 1, 1).getSolarDay();
  return dayFromYmd(solar.getYear(), solar.getMonth(), solar.getDay());
}
