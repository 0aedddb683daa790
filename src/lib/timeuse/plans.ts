/**
 * The course's management tools (domain.md §4): the weekly action plan (每星期行动计划表: per rep,
 * the week's planned time per activity and its targets) and the month's focus targets
 * (每月底重点行动目标表: declared at the start of the month, reviewed at its end). Plans are
 * compared with the recorded time.
 */
import type { Breakdown } from './aggregate';
import { share } from './compare';

export interface PlanTarget {
  text: string;
  target: number | null;
  actual: number | null;
}

export interface WeekPlan {
  /** `week|${repId}|${monday}` */
  key: string;
  kind: 'week';
  repId: string;
  /** Day number of the week's Monday. */
  period: number;
  /** Planned minutes per category id. */
  minutes: Record<string, number>;
  targets: PlanTarget[];
}

export interface MonthPlan {
  /** `month|${repId}|${month}` */
  key: string;
  kind: 'month';
  repId: string;
  /** year × 12 + month − 1 */
  period: number;
  targets: PlanTarget[];
  /** ISO instants: when the targets were declared, and when the month was reviewed. */
  declaredAt?: string;
  reviewedAt?: string;
}

export type TimePlan = WeekPlan | MonthPlan;

export const planKey = (kind: TimePlan['kind'], repId: string, period: number) => `${kind}|${repId}|${period}`;

export const emptyWeekPlan = (repId: string, monday: number): WeekPlan => ({ key: planKey('week', repId, monday), kind: 'week', repId, period: monday, minutes: {}, targets: [] });
export const emptyMonthPlan = (repId: string, month: number): MonthPlan => ({ key: planKey('month', repId, month), kind: 'month', repId, period: month, targets: [] });

export interface PlanComparison {
  rows: { category: string; planned: number; recorded: number; difference: number }[];
  planned: number;
  recorded: number;
  plannedSellingShare: number;
  recordedSellingShare: number;
}

/** Planned against recorded minutes per category for one rep's week; `recorded` is that rep-week's breakdown. */
export function comparePlan(plan: WeekPlan, categories: readonly string[], recorded: Breakdown | null, isSelling: (category: string) => boolean): PlanComparison {
  const ids = [...new Set([...categories, ...Object.keys(plan.minutes)])];
  const rows = ids.map((category) => {
    const i = categories.indexOf(category);
    const planned = plan.minutes[category] ?? 0;
    const r = i >= 0 && recorded ? (recorded.minutes[i] ?? 0) : 0;
    return { category, planned, recorded: r, difference: r - planned };
  });
  const planned = rows.reduce((s, r) => s + r.planned, 0);
  const plannedSelling = rows.reduce((s, r) => s + (isSelling(r.category) ? r.planned : 0), 0);
  return {
    rows: rows.filter((r) => r.planned > 0 || r.recorded > 0),
    planned,
    recorded: recorded?.total ?? 0,
    plannedSellingShare: share(plannedSelling, planned),
    recordedSellingShare: recorded ? share(recorded.selling, recorded.total) : 0,
  };
}

/** actual ÷ target per target (null until both are given), and the mean over those reviewed. */
export function reviewTargets(targets: readonly PlanTarget[]): { rates: (number | null)[]; mean: number | null } {
  const rates = targets.map((t) => (t.target !== null && t.target > 0 && t.actual !== null ? t.actual / t.target : null));
  const known = rates.filter((r): r is number => r !== null);
  return { rates, mean: known.length ? known.reduce((a, b) => a + b, 0) / known.length : null };
}

/** Whether a stored plan row holds together (a backup row check); the field name when it does not. */
export function planProblem(row: Record<string, unknown>): string | null {
  if (row.kind !== 'week' && row.kind !== 'month') return 'kind';
  if (typeof row.repId !== 'string') return 'repId';
  if (!Number.isSafeInteger(row.period)) return 'period';
  if (row.key !== planKey(row.kind, row.repId, row.period as number)) return 'key';
  const number = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
  if (!Array.isArray(row.targets) || !row.targets.every((t: unknown) => typeof t === 'object' && t !== null && typeof (t as PlanTarget).text === 'string' && number((t as PlanTarget).target) && number((t as PlanTarget).actual))) return 'targets';
  if (row.kind === 'week') {
    const m = row.minutes;
    if (typeof m !== 'object' || m === null || Array.isArray(m) || !Object.values(m).every((v) => Number.isInteger(v) && (v as number) >= 0)) return 'minutes';
  }
  return null;
}
