/**
 * The store's indicators (domain.md §7, seeds 001 and 004). Each has a direction, a unit, a
 * period and a default target and alert line; the definition text is in the i18n part
 * (`kpi.def.<id>`, zh + en). Defaults come from the course where it gives one:
 * registration 100 % (alert below 85 %), after-sale follow-up 100 %, new files 30 a group a
 * month (20 in Jul–Sep) with a penalty below 80 % of the quota; the others are starting points
 * the store edits. Issue 10 adds the sales 口径: average order value 客单价, and the members' share
 * of the amount 会员消费占比 and of the orders 会员客单占比 (no target in the course: the store sets
 * one); the repeat-purchase rate is counted over the period the store chooses.
 */
import type { KpiPeriod } from './periods';

export type { KpiPeriod } from './periods';

export const kpiIds = [
  'registrationRate',
  'fileGrowth',
  'newFilesVsQuota',
  'followUpCompletion',
  'visitCompletion',
  'spendPerCustomer',
  'averageOrderValue',
  'memberSalesShare',
  'memberOrderShare',
  'repeatRate',
  'churnRate',
  'delayNoticeRate',
] as const;
export type KpiId = (typeof kpiIds)[number];

export type KpiUnit = 'percent' | 'money';

export interface KpiDefinition {
  id: KpiId;
  unit: KpiUnit;
  period: KpiPeriod;
  /** Whether more is better (churn: less is). */
  higherIsBetter: boolean;
  /** Green at or beyond the target; amber up to the alert line; red past it. Null: none set yet. */
  target: number | null;
  alert: number | null;
  /** The store may count it over another period (the repeat rate: month, quarter or year). */
  periodChoice?: true;
}

export const kpiDefinitions: Record<KpiId, KpiDefinition> = {
  registrationRate: { id: 'registrationRate', unit: 'percent', period: 'month', higherIsBetter: true, target: 1, alert: 0.85 },
  fileGrowth: { id: 'fileGrowth', unit: 'percent', period: 'month', higherIsBetter: true, target: 0.02, alert: 0.01 },
  newFilesVsQuota: { id: 'newFilesVsQuota', unit: 'percent', period: 'month', higherIsBetter: true, target: 1, alert: 0.8 },
  followUpCompletion: { id: 'followUpCompletion', unit: 'percent', period: 'month', higherIsBetter: true, target: 1, alert: 0.9 },
  visitCompletion: { id: 'visitCompletion', unit: 'percent', period: 'month', higherIsBetter: true, target: 1, alert: 0.8 },
  spendPerCustomer: { id: 'spendPerCustomer', unit: 'money', period: 'month', higherIsBetter: true, target: null, alert: null },
  averageOrderValue: { id: 'averageOrderValue', unit: 'money', period: 'month', higherIsBetter: true, target: null, alert: null },
  memberSalesShare: { id: 'memberSalesShare', unit: 'percent', period: 'month', higherIsBetter: true, target: null, alert: null },
  memberOrderShare: { id: 'memberOrderShare', unit: 'percent', period: 'month', higherIsBetter: true, target: null, alert: null },
  // Seed 004 compares it quarterly between groups: the quarter until the store picks another period.
  repeatRate: { id: 'repeatRate', unit: 'percent', period: 'quarter', higherIsBetter: true, target: 0.4, alert: 0.3, periodChoice: true },
  churnRate: { id: 'churnRate', unit: 'percent', period: 'month', higherIsBetter: false, target: 0.02, alert: 0.04 },
  delayNoticeRate: { id: 'delayNoticeRate', unit: 'percent', period: 'month', higherIsBetter: true, target: 1, alert: 0.85 },
};

/** The course's KPI principle (domain.md §1): at most 6–8 indicators in front of people. */
export const MAX_FRONT = 8;
export const defaultFront: readonly KpiId[] = ['registrationRate', 'newFilesVsQuota', 'followUpCompletion', 'spendPerCustomer', 'repeatRate', 'churnRate'];

/** What the store changed: its own target and alert line, and whether the KPI is on the front page. */
export interface KpiSetting {
  id: KpiId;
  target: number | null;
  alert: number | null;
  front: boolean;
  /** The period it is counted over, when the KPI lets the store choose (periodChoice); absent = its default. */
  period?: KpiPeriod;
}

/** The period a KPI is counted over with the store's setting. */
export const kpiPeriodOf = (id: KpiId, setting: KpiSetting | undefined): KpiPeriod => (kpiDefinitions[id].periodChoice && setting?.period) || kpiDefinitions[id].period;

export function settingsWithDefaults(saved: readonly KpiSetting[]): KpiSetting[] {
  const byId = new Map(saved.map((s) => [s.id, s]));
  return kpiIds.map((id) => byId.get(id) ?? { id, target: kpiDefinitions[id].target, alert: kpiDefinitions[id].alert, front: defaultFront.includes(id) });
}

/** New customer files a group must add in a calendar month (seed 004: 30; 20 in July–September). */
export function monthlyQuota(calendarMonth: number, base = 30, summer = 20): number {
  return calendarMonth >= 7 && calendarMonth <= 9 ? summer : base;
}

export type KpiStatus = 'green' | 'amber' | 'red' | 'none';

// Rates like 17 ÷ 20 are not exact in floating point: 0.85 must count as reaching 85 %.
const EPS = 1e-9;

/** Red / amber / green against the target and the alert line (see KpiDefinition). */
export function kpiStatus(value: number | null, target: number | null, alert: number | null, higherIsBetter: boolean): KpiStatus {
  if (value === null || Number.isNaN(value) || target === null) return 'none';
  const better = (a: number, b: number) => (higherIsBetter ? a >= b - EPS : a <= b + EPS);
  if (better(value, target)) return 'green';
  if (alert === null || better(value, alert)) return 'amber';
  return 'red';
}
