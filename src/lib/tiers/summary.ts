/** Counting and reading the stored tiers and their log: what the screens show. Pure. */
import { dayFromYmd, isoFromDay, ymdFromDay } from '../dates';
import { err, ok, type Result } from '../result';
import type { TierLogEntry, TierLogRule, TierState } from './review';
import type { Tier } from './rules';

export interface TierCounts {
  A: number;
  B: number;
  C: number;
  /** On the churned list (whatever tier they had). */
  churned: number;
  /** Active customers whose tier the manager set by hand. */
  overridden: number;
}

export function countTiers(states: readonly TierState[]): TierCounts {
  const counts: TierCounts = { A: 0, B: 0, C: 0, churned: 0, overridden: 0 };
  for (const s of states) {
    if (s.churned) {
      counts.churned++;
      continue;
    }
    counts[s.tier]++;
    if (s.override) counts.overridden++;
  }
  return counts;
}

/** The day of the latest review the states remember, or null when none ran. */
export function lastReviewDay(states: readonly TierState[]): number | null {
  let last: number | null = null;
  for (const s of states) if (s.reviewedAt !== undefined && (last === null || s.reviewedAt > last)) last = s.reviewedAt;
  return last;
}

/**
 * When the next review is due: the same date a calendar month after the last one (31 Jan → 28/29 Feb).
 * Seed 004 names no cadence; monthly matches the course's monthly review of the file (domain.md §4, §6).
 */
export function nextReviewDay(last: number): number {
  const { year, month, day } = ymdFromDay(last);
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  const daysInMonth = ymdFromDay(dayFromYmd(y, m + 1, 0)).day; // day 0 of the next month = last day of this one
  return dayFromYmd(y, m, Math.min(day, daysInMonth));
}

/** Due when no review ever ran, or a month has passed since the last one. */
export function reviewDue(last: number | null, today: number): boolean {
  return last === null || today >= nextReviewDay(last);
}

export type ReviewDayError = { code: 'tiers.noReviewDate' } | { code: 'tiers.reviewBeforeLast'; last: string };

/**
 * A review looks forward: one dated before the last review would judge customers by a past the
 * stored state has already moved on from (a downgrade dated after the review day), so it is refused.
 */
export function checkReviewDay(day: number | null, last: number | null): Result<number, ReviewDayError> {
  if (day === null) return err({ code: 'tiers.noReviewDate' });
  if (last !== null && day < last) return err({ code: 'tiers.reviewBeforeLast', last: isoFromDay(last) });
  return ok(day);
}

export interface ReviewSummary {
  /** Customers filed for the first time, per tier. */
  filed: Record<Tier, number>;
  /** Moved up or down because the rules now say so. */
  raised: number;
  lowered: number;
  /** Down one tier after the inactivity period. */
  downgraded: number;
  churned: number;
  /** A manager's override applied again. */
  manual: number;
  total: number;
}

const rank: Record<Tier, number> = { A: 3, B: 2, C: 1 };

/** What one review changed, from its log entries. */
export function summariseReview(log: readonly TierLogEntry[]): ReviewSummary {
  const s: ReviewSummary = { filed: { A: 0, B: 0, C: 0 }, raised: 0, lowered: 0, downgraded: 0, churned: 0, manual: 0, total: log.length };
  for (const e of log) {
    if (e.rule === 'churn12m') s.churned++;
    else if (e.rule === 'inactive6m') s.downgraded++;
    else if (e.rule === 'manual' || e.rule === 'restore') s.manual++;
    else if (e.from === null) s.filed[e.to]++;
    else if (rank[e.to] > rank[e.from]) s.raised++;
    else if (rank[e.to] < rank[e.from]) s.lowered++;
  }
  return s;
}

export interface TierLogFilter {
  customerIds?: ReadonlySet<number> | null;
  rule?: TierLogRule | null;
  /** Inclusive day numbers. */
  from?: number | null;
  to?: number | null;
}

export function filterTierLog<E extends TierLogEntry>(log: readonly E[], filter: TierLogFilter): E[] {
  const { customerIds, rule, from, to } = filter;
  return log.filter(
    (e) =>
      (!customerIds || customerIds.has(e.customerId)) &&
      (!rule || e.rule === rule) &&
      (from == null || e.day >= from) &&
      (to == null || e.day <= to),
  );
}

export const tierLogRules: readonly TierLogRule[] = ['points', 'recentPurchases', 'designated', 'boughtMoreThanOnce', 'boughtOnce', 'inactive6m', 'churn12m', 'manual', 'restore'];
