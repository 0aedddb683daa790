import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/lib/dates';
import type { Result } from '../../src/lib/result';
import {
  assignTier,
  assignTierWithRule,
  countRecentOrders,
  defaultTierParams,
  effectiveTier,
  pointsFor,
  removeOverride,
  restoreChurned,
  reviewCustomer,
  reviewTiers,
  setOverride,
  tierBenefits,
  validateTierParams,
  type TierInput,
  type TierParams,
  type TierState,
} from '../../src/lib/tiers';

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const P: TierParams = { ...defaultTierParams, pointsPerYuan: 1 };
const none: TierInput = { points: 0, ordersTotal: 0, ordersRecent: 0, designated: false };
// 2024 is a leap year: 1 Jan + 182 days = 1 Jul (31+29+31+30+31+30); + 365 days = 31 Dec.
const jan1 = dayFromYmd(2024, 1, 1);
const jul1 = dayFromYmd(2024, 7, 1);
const dec30 = dayFromYmd(2024, 12, 30);
const dec31 = dayFromYmd(2024, 12, 31);

describe('assignTier', () => {
  it.each([
    [{ ...none, points: 50, ordersTotal: 1 }, 'A', 'points'], // exactly 50: ≥ 50
    [{ ...none, points: 49, ordersTotal: 1 }, 'C', 'boughtOnce'],
    [{ ...none, ordersTotal: 6, ordersRecent: 6 }, 'A', 'recentPurchases'], // 6 > 5
    [{ ...none, ordersTotal: 5, ordersRecent: 5 }, 'B', 'boughtMoreThanOnce'], // 5 is not more than 5
    [{ ...none, designated: true }, 'A', 'designated'],
    [{ ...none, ordersTotal: 2 }, 'B', 'boughtMoreThanOnce'],
    [{ ...none, ordersTotal: 1 }, 'C', 'boughtOnce'],
  ] as const)('%j → %s by %s', (input, tier, rule) => {
    expect(assignTierWithRule(input, P)).toEqual({ tier, rule });
    expect(assignTier(input, P)).toBe(tier);
  });

  it('gives no tier to a customer who never bought', () => {
    expect(assignTier(none, P)).toBeNull();
  });

  it('takes every number from the parameters', () => {
    const strict = { ...P, pointsForA: 100, purchasesForA: 9 };
    expect(assignTier({ ...none, points: 50, ordersTotal: 9, ordersRecent: 9 }, strict)).toBe('B');
    expect(assignTier({ ...none, points: 100, ordersTotal: 1 }, strict)).toBe('A');
  });

  it('lets an override win over the rules', () => {
    expect(effectiveTier('C', { tier: 'A', reason: 'VIP' })).toBe('A');
    expect(effectiveTier('A', undefined)).toBe('A');
  });
});

describe('pointsFor and countRecentOrders', () => {
  it('uses imported points when present, else floor(yuan × pointsPerYuan)', () => {
    expect(pointsFor(12_345, 7, P)).toBe(7);
    expect(pointsFor(12_345, 0, P)).toBe(0); // imported 0 is present
    expect(pointsFor(12_345, null, P)).toBe(123); // ¥123.45 × 1
    expect(pointsFor(12_345, Number.NaN, { ...P, pointsPerYuan: 0.5 })).toBe(61); // 61.725
    expect(pointsFor(29, undefined, { ...P, pointsPerYuan: 100 })).toBe(29); // 0.29 × 100, not 28
  });

  it('counts the 61-day window inclusively at both ends', () => {
    const review = dayFromYmd(2024, 3, 2); // 2 Mar − 61 days = 1 Jan (31 + 29 + 1)
    expect(countRecentOrders([jan1], review, P)).toBe(1);
    expect(countRecentOrders([jan1 - 1], review, P)).toBe(0);
    expect(countRecentOrders([review], review, P)).toBe(1);
    expect(countRecentOrders([review + 1], review, P)).toBe(0); // after the review day
  });

  it('rejects bad parameters with the field named', () => {
    expect(validateTierParams(P)).toEqual({ ok: true, value: P });
    expect(validateTierParams({ ...P, recentDays: 1.5 })).toEqual({
      ok: false,
      error: { code: 'tiers.paramInvalid', field: 'recentDays', value: 1.5 },
    });
    expect(validateTierParams({ ...P, pointsPerYuan: -1 })).toMatchObject({ ok: false, error: { field: 'pointsPerYuan' } });
    expect(validateTierParams({ ...P, churnAfterDays: 0 })).toMatchObject({ ok: false, error: { field: 'churnAfterDays' } });
  });
});

describe('reviewTiers', () => {
  const a = (lastDay: number) => reviewCustomer(1, lastDay, { tier: 'A', rule: 'points' });
  const stored: TierState[] = [{ id: 1, tier: 'A', churned: false }];

  it('files new customers by the rules and leaves never-bought ones out', () => {
    const r = reviewTiers([a(jan1), reviewCustomer(2, null, null)], [], jan1, P);
    expect(r.state).toEqual([{ id: 1, tier: 'A', churned: false, reviewedAt: jan1 }]);
    expect(r.log).toEqual([{ customerId: 1, from: null, to: 'A', rule: 'points', day: jan1, by: 'rule' }]);
  });

  it('downgrades one step at exactly 182 days, not at 181', () => {
    expect(reviewTiers([a(jan1)], stored, jul1 - 1, P).log).toEqual([]);
    const r = reviewTiers([a(jan1)], stored, jul1, P);
    expect(r.state).toEqual([{ id: 1, tier: 'B', churned: false, reviewedAt: jul1, downgradedAt: jul1 }]);
    expect(r.log).toEqual([{ customerId: 1, from: 'A', to: 'B', rule: 'inactive6m', day: jul1, by: 'rule' }]);
  });

  it('is idempotent: the same review again changes nothing', () => {
    const first = reviewTiers([a(jan1)], stored, jul1, P);
    const second = reviewTiers([a(jan1)], first.state, jul1, P);
    expect(second.state).toEqual(first.state);
    expect(second.log).toEqual([]);
    // A later review inside the same period holds B though the rules still say A.
    expect(reviewTiers([a(jan1)], first.state, jul1 + 181, P).state[0]).toMatchObject({ tier: 'B' });
  });

  it('downgrades again a further 182 days later (day 364: C, not yet churned)', () => {
    const first = reviewTiers([a(jan1)], stored, jul1, P);
    const again = reviewTiers([a(jan1)], first.state, dec30, P); // jul1 + 182 = 30 Dec = jan1 + 364
    expect(again.state).toEqual([{ id: 1, tier: 'C', churned: false, reviewedAt: dec30, downgradedAt: dec30 }]);
    expect(again.log).toEqual([{ customerId: 1, from: 'B', to: 'C', rule: 'inactive6m', day: dec30, by: 'rule' }]);
    // C stays C: a third period records nothing.
    const cState: TierState[] = [{ id: 1, tier: 'C', churned: false, downgradedAt: jul1 }];
    const c = reviewCustomer(1, jan1 + 100, { tier: 'C', rule: 'boughtOnce' });
    const third = reviewTiers([c], cState, jul1 + 182, P); // a full period after the last downgrade
    expect(third.log).toEqual([]);
    expect(third.state).toEqual([{ ...cState[0], reviewedAt: jul1 + 182 }]);
  });

  it('churns at exactly 365 days without a purchase, keeping the record', () => {
    expect(reviewTiers([a(jan1)], stored, dec30, P).state[0]).toMatchObject({ churned: false });
    const r = reviewTiers([a(jan1)], stored, dec31, P);
    expect(r.state).toEqual([{ id: 1, tier: 'A', churned: true, reviewedAt: dec31 }]);
    expect(r.log).toEqual([{ customerId: 1, from: 'A', to: 'A', rule: 'churn12m', day: dec31, by: 'rule' }]);
    const again = reviewTiers([a(jan1)], r.state, dec31 + 30, P);
    expect(again).toEqual({ state: r.state, log: [] }); // churned: left alone
  });

  it('re-assigns by the rules a customer who buys again after a downgrade', () => {
    const down = reviewTiers([a(jan1)], stored, jul1, P);
    const back = reviewTiers([a(jul1 + 10)], down.state, jul1 + 20, P);
    expect(back.state).toEqual([{ id: 1, tier: 'A', churned: false, reviewedAt: jul1 + 20 }]);
    expect(back.log).toEqual([{ customerId: 1, from: 'B', to: 'A', rule: 'points', day: jul1 + 20, by: 'rule' }]);
  });

  it('moves an active customer to whatever the rules now say', () => {
    const b = reviewCustomer(1, jul1, { tier: 'B', rule: 'boughtMoreThanOnce' });
    expect(reviewTiers([b], stored, jul1, P).log).toEqual([
      { customerId: 1, from: 'A', to: 'B', rule: 'boughtMoreThanOnce', day: jul1, by: 'rule' },
    ]);
  });

  it('lets an override win over rules, downgrade and churn until it is removed', () => {
    const set = value(setOverride(stored, 1, { tier: 'C', reason: 'complaints' }, jan1));
    expect(set.entry).toEqual({ customerId: 1, from: 'A', to: 'C', rule: 'manual', day: jan1, by: 'hand' });
    const r = reviewTiers([a(jan1)], set.state, dec31 + 100, P);
    expect(r.state[0]).toMatchObject({ tier: 'C', churned: false, override: { tier: 'C', reason: 'complaints' } });
    expect(r.log).toEqual([]);
    // Removing it goes back to the tier held before (A); the next review applies the rules again.
    const removed = value(removeOverride(r.state, 1, jul1));
    expect(removed.state[0]).toEqual({ id: 1, tier: 'A', churned: false, reviewedAt: dec31 + 100 });
    expect(removed.entry).toEqual({ customerId: 1, from: 'C', to: 'A', rule: 'manual', day: jul1, by: 'hand' });
    const b = reviewCustomer(1, jul1, { tier: 'B', rule: 'boughtMoreThanOnce' });
    expect(reviewTiers([b], removed.state, jul1, P).log).toEqual([
      { customerId: 1, from: 'A', to: 'B', rule: 'boughtMoreThanOnce', day: jul1, by: 'rule' },
    ]);
  });

  it('remembers the tier before the first of several overrides, and refuses to override a churned customer', () => {
    const first = value(setOverride(stored, 1, { tier: 'C', reason: 'complaints' }, jan1));
    const second = value(setOverride(first.state, 1, { tier: 'B', reason: 'apologised' }, jul1));
    expect(second.state[0]).toEqual({ id: 1, tier: 'B', churned: false, override: { tier: 'B', reason: 'apologised' }, beforeOverride: 'A' });
    expect(second.entry).toMatchObject({ from: 'C', to: 'B', rule: 'manual' });
    expect(value(removeOverride(second.state, 1, dec30)).state[0]).toEqual({ id: 1, tier: 'A', churned: false });
    // Without an override, removing changes nothing but is still recorded.
    expect(value(removeOverride(stored, 1, dec30)).state).toEqual(stored);
    expect(setOverride([{ id: 1, tier: 'A', churned: true }], 1, { tier: 'A', reason: 'VIP' }, jan1)).toEqual({
      ok: false,
      error: { code: 'tiers.isChurned', id: 1 },
    });
  });

  it('keeps customers missing from the review as they are', () => {
    expect(reviewTiers([], stored, dec31, P)).toEqual({ state: stored, log: [] });
  });
});

describe('restoreChurned', () => {
  const churned: TierState[] = [{ id: 1, tier: 'A', churned: true, reviewedAt: dec31 }];
  const restoreDay = dec31 + 10;

  it('returns a churned customer to the active file with a log entry, clocks restarted', () => {
    const r = value(restoreChurned(churned, 1, restoreDay, 'B'));
    expect(r.state).toEqual([{ id: 1, tier: 'B', churned: false, reviewedAt: dec31, restoredAt: restoreDay }]);
    expect(r.entry).toEqual({ customerId: 1, from: 'A', to: 'B', rule: 'restore', day: restoreDay, by: 'hand' });
    // The next review neither churns nor downgrades them at once, though the last purchase is old.
    const c = reviewCustomer(1, jan1, { tier: 'A', rule: 'points' });
    expect(reviewTiers([c], r.state, restoreDay + 1, P).log).toEqual([]);
    expect(reviewTiers([c], r.state, restoreDay + 182, P).log).toMatchObject([{ from: 'B', to: 'C', rule: 'inactive6m' }]);
  });

  it('refuses customers who are not churned or not known', () => {
    expect(restoreChurned([{ ...churned[0]!, churned: false }], 1, restoreDay)).toEqual({
      ok: false,
      error: { code: 'tiers.notChurned', id: 1 },
    });
    expect(restoreChurned(churned, 2, restoreDay)).toEqual({ ok: false, error: { code: 'tiers.unknownCustomer', id: 2 } });
  });
});

describe('tierBenefits', () => {
  it('holds seed 004’s benefits in fen, with zh and en lines', () => {
    expect(tierBenefits.A).toMatchObject({ discountPercent: 20, holidayGiftMaxFen: 2_500, birthdayGiftMinFen: 12_500 });
    expect(tierBenefits.A.card).toEqual({ zh: '金钻卡', en: 'Gold Diamond card' });
    expect(tierBenefits.B).toMatchObject({ discountPercent: 15, holidayVoucherFen: 10_000, birthdayGiftMinFen: 2_500 });
    expect(tierBenefits.B.card?.zh).toBe('金卡');
    expect(tierBenefits.C).toMatchObject({ discountPercent: null, card: null });
    for (const b of Object.values(tierBenefits)) for (const line of b.lines) expect(line.zh && line.en).toBeTruthy();
  });
});
