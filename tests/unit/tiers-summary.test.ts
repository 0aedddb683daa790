import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/lib/dates';
import { checkReviewDay, countTiers, filterTierLog, lastReviewDay, nextReviewDay, reviewDue, summariseReview, type TierLogEntry, type TierState } from '../../src/lib/tiers';

const d = dayFromYmd;

describe('countTiers and lastReviewDay', () => {
  const states: TierState[] = [
    { id: 1, tier: 'A', churned: false, reviewedAt: d(2024, 3, 1) },
    { id: 2, tier: 'A', churned: false, override: { tier: 'A', reason: 'VIP' }, reviewedAt: d(2024, 3, 1) },
    { id: 3, tier: 'B', churned: false, reviewedAt: d(2024, 2, 1) },
    { id: 4, tier: 'A', churned: true, reviewedAt: d(2024, 3, 5) },
    { id: 5, tier: 'C', churned: false },
  ];
  it('counts active customers per tier, churned apart whatever their tier', () => {
    expect(countTiers(states)).toEqual({ A: 2, B: 1, C: 1, churned: 1, overridden: 1 });
    expect(countTiers([])).toEqual({ A: 0, B: 0, C: 0, churned: 0, overridden: 0 });
  });
  it('takes the latest review day, null when none ran', () => {
    expect(lastReviewDay(states)).toBe(d(2024, 3, 5));
    expect(lastReviewDay([{ id: 1, tier: 'C', churned: false }])).toBeNull();
  });
});

describe('when a review is due', () => {
  it.each([
    [d(2024, 1, 15), d(2024, 2, 15)],
    [d(2024, 1, 31), d(2024, 2, 29)], // leap year: the month's last day
    [d(2023, 1, 31), d(2023, 2, 28)],
    [d(2024, 12, 20), d(2025, 1, 20)],
  ])('a review on day %i is next due on day %i', (last, next) => expect(nextReviewDay(last)).toBe(next));

  it('is due when none ran, or from the same date a month later', () => {
    expect(reviewDue(null, d(2024, 1, 1))).toBe(true);
    expect(reviewDue(d(2024, 1, 15), d(2024, 2, 14))).toBe(false);
    expect(reviewDue(d(2024, 1, 15), d(2024, 2, 15))).toBe(true);
  });

  it('refuses a review dated before the last one, or without a date', () => {
    expect(checkReviewDay(d(2024, 3, 1), d(2024, 3, 1))).toEqual({ ok: true, value: d(2024, 3, 1) });
    expect(checkReviewDay(d(2024, 2, 29), d(2024, 3, 1))).toEqual({ ok: false, error: { code: 'tiers.reviewBeforeLast', last: '2024-03-01' } });
    expect(checkReviewDay(null, null)).toEqual({ ok: false, error: { code: 'tiers.noReviewDate' } });
    expect(checkReviewDay(d(2020, 1, 1), null)).toMatchObject({ ok: true });
  });
});

const e = (customerId: number, from: TierLogEntry['from'], to: TierLogEntry['to'], rule: TierLogEntry['rule'], day = d(2024, 3, 1)): TierLogEntry => ({
  customerId,
  from,
  to,
  rule,
  day,
  by: rule === 'manual' || rule === 'restore' ? 'hand' : 'rule',
});

describe('summariseReview', () => {
  it('tells new customers per tier, moves up and down, downgrades and churn apart', () => {
    const log = [
      e(1, null, 'A', 'points'),
      e(2, null, 'C', 'boughtOnce'),
      e(2, 'C', 'C', 'churn12m'),
      e(3, null, 'C', 'boughtOnce'),
      e(4, 'B', 'A', 'recentPurchases'),
      e(5, 'A', 'B', 'boughtMoreThanOnce'),
      e(6, 'A', 'B', 'inactive6m'),
      e(7, 'B', 'C', 'inactive6m'),
      e(8, 'B', 'A', 'manual'),
    ];
    expect(summariseReview(log)).toEqual({ filed: { A: 1, B: 0, C: 2 }, raised: 1, lowered: 1, downgraded: 2, churned: 1, manual: 1, total: 9 });
    expect(summariseReview([]).total).toBe(0);
  });
});

describe('filterTierLog', () => {
  const log = [e(1, null, 'A', 'points', d(2024, 1, 1)), e(2, 'A', 'B', 'inactive6m', d(2024, 2, 1)), e(1, 'A', 'C', 'manual', d(2024, 3, 1))];
  it('filters by customer, rule and an inclusive date range', () => {
    expect(filterTierLog(log, {})).toEqual(log);
    expect(filterTierLog(log, { customerIds: new Set([1]) })).toEqual([log[0], log[2]]);
    expect(filterTierLog(log, { rule: 'manual' })).toEqual([log[2]]);
    expect(filterTierLog(log, { from: d(2024, 2, 1), to: d(2024, 2, 1) })).toEqual([log[1]]);
    expect(filterTierLog(log, { customerIds: new Set([1]), from: d(2024, 2, 1) })).toEqual([log[2]]);
    expect(filterTierLog(log, { customerIds: new Set() })).toEqual([]);
  });
});
