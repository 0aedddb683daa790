/**
 * The periods a KPI is counted over: calendar months, quarters and years, each as a whole number
 * (month index as lib/funnel/months, quarter index = year × 4 + q − 1, year = the calendar year).
 * The repeat-purchase rate is counted over the one the store chooses (issue 10).
 */
import { dayFromYmd } from '../dates';
import { monthDays, monthText, quarterDays, quarterOfMonth, quarterText, yearOfMonth, type MonthIndex } from '../funnel/months';

export const kpiPeriods = ['month', 'quarter', 'year'] as const;
export type KpiPeriod = (typeof kpiPeriods)[number];

/** How many periods a trend shows, ending with the board's. */
export const trendLength: Record<KpiPeriod, number> = { month: 12, quarter: 8, year: 5 };

/** The period of the given kind that holds the month. */
export function periodOfMonth(kind: KpiPeriod, m: MonthIndex): number {
  return kind === 'month' ? m : kind === 'quarter' ? quarterOfMonth(m) : yearOfMonth(m);
}

/** The period's last month (a trend point stands for its period by it). */
export function lastMonthOf(kind: KpiPeriod, index: number): MonthIndex {
  return kind === 'month' ? index : kind === 'quarter' ? index * 3 + 2 : index * 12 + 11;
}

/** First day of the period and the first day after it (half-open). */
export function periodDays(kind: KpiPeriod, index: number): { start: number; end: number } {
  if (kind === 'month') return monthDays(index);
  if (kind === 'quarter') return quarterDays(index);
  return { start: dayFromYmd(index, 1, 1), end: dayFromYmd(index + 1, 1, 1) };
}

/** 'YYYY-MM', 'YYYY-Qn' or 'YYYY'. */
export function periodText(kind: KpiPeriod, index: number): string {
  return kind === 'month' ? monthText(index) : kind === 'quarter' ? quarterText(index) : String(index);
}

/** The trend's periods of the given kind, oldest first, ending with the one holding `month`. */
export function periodsUpTo(kind: KpiPeriod, month: MonthIndex): number[] {
  const last = periodOfMonth(kind, month);
  const n = trendLength[kind];
  return Array.from({ length: n }, (_, i) => last - n + 1 + i);
}

export const isKpiPeriod = (v: unknown): v is KpiPeriod => kpiPeriods.includes(v as KpiPeriod);
