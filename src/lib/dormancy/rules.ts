/**
 * Dormant and lost customers (沉睡 / 流失), by explicit day rules (issue 10): no purchase for N days →
 * dormant, M days → lost, with a warning K days before each. The defaults are the tier review's
 * own (domain.md §3, lib/tiers defaultTierParams): 6 months without a purchase → down a tier, so
 * dormant; 12 months → the churned list, so lost. Pure.
 */
import { isPurchase } from '../purchases/columns';
import { err, ok, type Result } from '../result';
import { defaultTierParams } from '../tiers/rules';

export interface DormancyParams {
  /** N: dormant from this many days since the last purchase (inclusive). */
  dormantAfterDays: number;
  /** M: lost from this many days (inclusive); more than N. */
  lostAfterDays: number;
  /** K: warn this many days before each (0: no warning). Less than N. */
  warnDays: number;
}

export const defaultDormancyParams: DormancyParams = {
  dormantAfterDays: defaultTierParams.downgradeAfterDays,
  lostAfterDays: defaultTierParams.churnAfterDays,
  warnDays: 30,
};

/**
 * active; dormantSoon: within K days of N; dormant; lostSoon: dormant and within K days of M;
 * lost; never: no purchase on file (neither dormant nor lost: there is no clock to run).
 */
export const dormancyStatuses = ['active', 'dormantSoon', 'dormant', 'lostSoon', 'lost', 'never'] as const;
export type DormancyStatus = (typeof dormancyStatuses)[number];

export type DormancyParamsError = { code: 'dormancy.paramInvalid'; field: keyof DormancyParams } | { code: 'dormancy.lostBeforeDormant' } | { code: 'dormancy.warnTooLong' };

export function validateDormancyParams(p: DormancyParams): Result<DormancyParams, DormancyParamsError> {
  for (const field of ['dormantAfterDays', 'lostAfterDays', 'warnDays'] as const) {
    const v = p[field];
    if (!Number.isSafeInteger(v) || v < 0 || (field !== 'warnDays' && v === 0)) return err({ code: 'dormancy.paramInvalid', field });
  }
  if (p.lostAfterDays <= p.dormantAfterDays) return err({ code: 'dormancy.lostBeforeDormant' });
  // A warning as long as N would warn on the day of a purchase.
  if (p.warnDays >= p.dormantAfterDays) return err({ code: 'dormancy.warnTooLong' });
  return ok(p);
}

/** The status on `today` of a customer whose last purchase was `lastDay` (null: never bought). */
export function dormancyOf(lastDay: number | null, today: number, p: DormancyParams): DormancyStatus {
  if (lastDay === null) return 'never';
  const days = today - lastDay;
  if (days >= p.lostAfterDays) return 'lost';
  if (days >= p.dormantAfterDays) return days >= p.lostAfterDays - p.warnDays ? 'lostSoon' : 'dormant';
  return days >= p.dormantAfterDays - p.warnDays ? 'dormantSoon' : 'active';
}

/** Days since the last purchase, and the day the next status begins (null once lost or never bought). */
export function dormancyDetail(lastDay: number | null, today: number, p: DormancyParams): { status: DormancyStatus; days: number | null; nextDay: number | null } {
  const status = dormancyOf(lastDay, today, p);
  if (lastDay === null) return { status, days: null, nextDay: null };
  const days = today - lastDay;
  const next = status === 'lost' ? null : days < p.dormantAfterDays ? lastDay + p.dormantAfterDays : lastDay + p.lostAfterDays;
  return { status, days, nextDay: next };
}

/** The table filter: a warning covers both 'soon' statuses; dormant includes those soon lost. */
export const dormancyFilters = ['warn', 'dormantSoon', 'dormant', 'lostSoon', 'lost'] as const;
export type DormancyFilter = (typeof dormancyFilters)[number];

export function matchesDormancy(status: DormancyStatus, filter: DormancyFilter): boolean {
  switch (filter) {
    case 'warn':
      return status === 'dormantSoon' || status === 'lostSoon';
    case 'dormant':
      return status === 'dormant' || status === 'lostSoon';
    default:
      return status === filter;
  }
}

export type DormancyCounts = Record<DormancyStatus, number>;

/** Counts over customers' last purchase days (null: never bought), for the Overview. */
export function countDormancy(lastDays: Iterable<number | null>, today: number, p: DormancyParams): DormancyCounts {
  const counts: DormancyCounts = { active: 0, dormantSoon: 0, dormant: 0, lostSoon: 0, lost: 0, never: 0 };
  for (const d of lastDays) counts[dormancyOf(d, today, p)]++;
  return counts;
}

/**
 * The last purchase day over one customer's lines, as lib/customers/stats lastPurchaseOf counts it
 * for the table (isPurchase: a return or a ¥0 line is no purchase; lines excluded at import left out).
 */
export function lastPurchaseDay(lines: readonly { day: number; amount: number; flags?: number }[]): number | null {
  let last: number | null = null;
  for (const l of lines) if (isPurchase(l.flags ?? 0, l.amount) && (last === null || l.day > last)) last = l.day;
  return last;
}

/** A warning due in a week, for the care calendar: the customer turns `becomes` on `thresholdDay`, warned on `day`. */
export interface DormancyWarning {
  customerId: number;
  day: number;
  becomes: 'dormant' | 'lost';
  thresholdDay: number;
}

/**
 * Warnings whose day (threshold − K) falls in [from, to], for the care calendar to list as tasks
 * (call before the customer goes dormant or lost). With K = 0 the warning is on the threshold day.
 */
export function dormancyWarnings(lastDays: Iterable<[number, number]>, from: number, to: number, p: DormancyParams): DormancyWarning[] {
  const out: DormancyWarning[] = [];
  for (const [customerId, last] of lastDays) {
    for (const [becomes, after] of [['dormant', p.dormantAfterDays], ['lost', p.lostAfterDays]] as const) {
      const thresholdDay = last + after;
      const day = thresholdDay - p.warnDays;
      if (day >= from && day <= to) out.push({ customerId, day, becomes, thresholdDay });
    }
  }
  return out.sort((a, b) => a.day - b.day || a.customerId - b.customerId);
}
