import { describe, expect, it } from 'vitest';
import { customerStats, lastPurchaseDays, lastPurchaseOf, lastPurchasePairs, statsIndex } from '../../src/lib/customers/stats';
import { dayFromYmd } from '../../src/lib/dates';
import { countDormancy, defaultDormancyParams, lastPurchaseDay } from '../../src/lib/dormancy';
import { monthDays, monthOfDay } from '../../src/lib/funnel/months';
import { kpiIds } from '../../src/lib/kpi/definitions';
import { purchaseKpis } from '../../src/lib/kpi/purchases';
import { metricIds, metrics } from '../../src/lib/metrics/definitions';
import { customerLineTotals, funnelSalesEstimate, pointsOnPurchases, spendPerCustomerOf } from '../../src/lib/metrics/figures';
import { metricFunctions } from '../../src/lib/metrics/functions';
import { isPurchase, LineFlag, packLines, type PurchaseLine } from '../../src/lib/purchases/columns';
import { tierFacts } from '../../src/lib/tiers/from-lines';
import { defaultTierParams } from '../../src/lib/tiers/rules';
import { en } from '../../src/i18n/en';
import { zh } from '../../src/i18n/zh';

describe('the metric dictionary', () => {
  it('names every KPI of the board', () => {
    for (const id of kpiIds) expect(metricIds).toContain(id);
  });

  it('never gives two figures the same name, in either language', () => {
    for (const lang of ['zh', 'en'] as const) {
      const names = metricIds.map((id) => metrics[id].name[lang]);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('points each figure at a function that exists', () => {
    for (const id of metricIds) {
      const fn = (metricFunctions as Record<string, unknown>)[metrics[id].computedBy];
      expect([id, typeof fn]).toEqual([id, 'function']);
      expect((fn as { name: string }).name).toBe(metrics[id].computedBy);
    }
  });

  it('is what the UI says: the i18n keys carry the dictionary’s texts', () => {
    for (const id of metricIds) {
      expect(zh[`metric.name.${id}`]).toBe(metrics[id].name.zh);
      expect(en[`metric.def.${id}`]).toBe(metrics[id].definition.en);
    }
  });

  it('keeps the day rule’s 流失, the churned list and the monthly rate apart', () => {
    const zhNames = [metrics.lostByDays.name.zh, metrics.churnedList.name.zh, metrics.churnRate.name.zh];
    expect(zhNames).toEqual(['流失（按天数）', '流失名录', '月流失率']);
    expect(metrics.pointsOnPurchases.name.zh).not.toBe(metrics.pointsBalance.name.zh);
    expect(metrics.funnelSalesEstimate.name.zh).not.toBe(metrics.salesMonth.name.zh);
  });
});

describe('isPurchase', () => {
  it.each([
    [0, 100, true],
    [LineFlag.returned, -100, false], // a return
    [LineFlag.returned, 100, false], // flagged a return whatever its sign
    [0, 0, false], // a ¥0 gift
    [LineFlag.excluded, 100, false], // left out at import
    [LineFlag.futureDate, 100, true], // a mark kept at import: still a purchase
  ])('flags %i, amount %i → %s', (flags, amount, expected) => expect(isPurchase(flags, amount)).toBe(expected));
});

const line = (day: number, customerId: number, amount: number, extra: Partial<PurchaseLine> = {}): PurchaseLine => ({ day, customerId, amount, quantity: amount < 0 ? -1 : 1, ...extra });

describe('last purchase (最近购买)', () => {
  const chunk = packLines([
    line(100, 1, 10_000, { orderNo: 'S1' }),
    line(130, 1, -10_000, { orderNo: 'R1', flags: LineFlag.returned }), // returned a month later
    line(140, 1, 0, { orderNo: 'G1' }), // a ¥0 gift
    line(120, 2, -500, { orderNo: 'R2', flags: LineFlag.returned }), // only a return
    line(150, 3, 2_000, { orderNo: 'S3' }),
    line(160, 3, 9_000, { orderNo: 'S4', flags: LineFlag.excluded }),
  ]);
  const stats = customerStats([chunk]);

  it('is the last purchase line, not a return, a gift or an excluded line', () => {
    expect(Array.from(stats.ids)).toEqual([1, 2, 3]);
    expect(lastPurchaseDays(stats)).toEqual([100, null, 150]);
    expect(lastPurchasePairs(stats)).toEqual([[1, 100], [3, 150]]);
    expect(lastPurchaseOf(stats, statsIndex(stats, 99))).toBeNull();
    // The customer page counts one customer's lines the same way.
    expect(lastPurchaseDay([{ day: 100, amount: 10_000 }, { day: 130, amount: -10_000, flags: LineFlag.returned }, { day: 140, amount: 0 }])).toBe(100);
    expect(lastPurchaseDay([{ day: 120, amount: -500, flags: LineFlag.returned }])).toBeNull();
    expect(lastPurchaseDay([])).toBeNull();
  });

  it('is the day the tier review counts from', () => {
    const facts = tierFacts([chunk], 1_000, defaultTierParams);
    expect(facts.map((f) => [f.id, f.lastDay])).toEqual([[1, 100], [3, 150]]); // customer 2 never bought
  });

  it('gives 流失 by days on the day the tier review churns (365 days after the last purchase)', () => {
    const p = defaultDormancyParams; // lost from 365 days, like defaultTierParams.churnAfterDays
    // Customer 1 on day 465 = 100 + 365: lost, although the return (130) is only 335 days old.
    expect(countDormancy(lastPurchaseDays(stats), 465, p)).toMatchObject({ lost: 1, never: 1 });
    // A day earlier: 1 is soon lost (364 ≥ 365 − 30), 3 dormant (314 days).
    expect(countDormancy(lastPurchaseDays(stats), 464, p)).toEqual({ active: 0, dormantSoon: 0, dormant: 1, lostSoon: 1, lost: 0, never: 1 });
  });
});

describe('pointsOnPurchases (消费积分)', () => {
  it('sums the points on the lines, returns negative, excluded lines and lines without points left out', () => {
    const lines = [
      { points: 120 }, // earned
      { points: 100 },
      { points: -100, flags: LineFlag.returned }, // given back with the return
      { points: 50, flags: LineFlag.excluded }, // left out at import
      {}, // no points imported
      { points: Number.NaN },
    ];
    expect(pointsOnPurchases(lines)).toBe(120); // 120 + 100 − 100
  });
  it('is 0 with no purchases', () => expect(pointsOnPurchases([])).toBe(0));
});

describe('customerLineTotals (the customer page)', () => {
  it('counts orders and net spend as the customer table does, excluded lines left out', () => {
    const lines = [
      { orderNo: 'S1', amount: 10_000, points: 100 },
      { orderNo: 'S1', amount: 5_000, points: 50 }, // the same order
      { orderNo: 'R1', amount: -5_000, points: -50, flags: LineFlag.returned },
      { amount: 2_000 }, // no order no.: an order by itself
      { orderNo: 'S9', amount: 50_000, points: 500, flags: LineFlag.excluded },
    ];
    // orders S1, R1 and the unnumbered line; 100 + 50 − 50 + 20 = ¥120; 100 + 50 − 50 points
    expect(customerLineTotals(lines)).toEqual({ orders: 3, amount: 12_000, points: 100 });
    const stats = customerStats([packLines(lines.map((l) => ({ day: 1, customerId: 1, quantity: 1, ...l })))]);
    expect([stats.orders[0], stats.amount[0], stats.points[0]]).toEqual([3, 12_000, 100]);
    expect(customerLineTotals([])).toEqual({ orders: 0, amount: 0, points: 0 }); // no purchases
  });
});

describe('the self-check’s figures', () => {
  it('estimates the funnel sales as customers × average customer value, in whole fen', () => {
    expect(funnelSalesEstimate(3, 126_431.07)).toBe(379_293); // 379,293.21 fen → ¥3,792.93
    expect(funnelSalesEstimate(1, 126_431.07)).toBe(126_431); // one customer: the average itself
    expect(funnelSalesEstimate(0, 126_431.07)).toBe(0);
    expect(funnelSalesEstimate(5, null)).toBe(0); // no buyers on file that month
  });

  it('reads the month’s spend per customer, null for a month not counted', () => {
    const m = monthOfDay(dayFromYmd(2026, 3, 1));
    const { start } = monthDays(m);
    const chunk = packLines([
      line(start, 1, 30_000, { orderNo: 'A' }),
      line(start + 1, 1, 10_000, { orderNo: 'B' }),
      line(start + 2, 2, 20_000, { orderNo: 'C' }),
      line(start + 3, 2, -5_000, { orderNo: 'C', flags: LineFlag.returned }),
      line(start + 4, 0, 99_900, { orderNo: 'W' }), // a walk-in: not in the spend per customer
    ]);
    const k = purchaseKpis([chunk], { months: [m], quarters: [] });
    // (300 + 100 + 200 − 50) yuan over 2 buyers on file = ¥275
    expect(spendPerCustomerOf(k, m)).toBe(27_500);
    expect(spendPerCustomerOf(k, m + 1)).toBeNull();
    expect(spendPerCustomerOf(purchaseKpis([], { months: [m], quarters: [] }), m)).toBeNull(); // no purchases
  });
});

describe('the monthly churn rate (月流失率)', () => {
  const m = monthOfDay(dayFromYmd(2026, 6, 1));
  const { start } = monthDays(m); // 1 June 2026

  it('counts customers reaching the tier rules’ churn days in the month, over those not lapsed at its start', () => {
    const chunk = packLines([
      line(start - 365, 1, 1_000), // lapses on 1 June (day 365): churned this month
      line(start - 340, 2, 1_000), // lapses on 26 June: churned
      line(start - 340, 3, 1_000),
      line(start + 5, 3, 1_000), // bought again on 6 June, before lapsing: stays
      line(start - 100, 4, 1_000), // lapses next year
      line(start - 400, 5, 1_000), // lapsed before June: not counted at all
      line(start - 300, 6, 1_000),
      line(start - 280, 6, -1_000, { flags: LineFlag.returned }), // a return is no purchase: 6 lapses on 5 August
    ]);
    const june = purchaseKpis([chunk], { months: [m], quarters: [] }).months[0]!;
    // not lapsed on 1 June: 1, 2, 3, 4, 6 (customer 5 lapsed on 27 April)
    expect([june.churned, june.active, june.churnRate]).toEqual([2, 5, 0.4]);
    // With 300 churn days (the store's tier setting): 1, 2, 3 (by its purchase before June) and 5
    // lapsed before June; 4 and 6 had not; 6 (last purchase 300 days before) lapses on 1 June.
    const shorter = purchaseKpis([chunk], { months: [m], quarters: [], churnDays: 300 }).months[0]!;
    expect([shorter.churned, shorter.active]).toEqual([1, 2]);
  });

  it('is no data for one customer who never lapses, or no purchases', () => {
    const one = purchaseKpis([packLines([line(start - 10, 1, 1_000)])], { months: [m], quarters: [] }).months[0]!;
    expect([one.churned, one.active, one.churnRate]).toEqual([0, 1, 0]);
    const none = purchaseKpis([], { months: [m], quarters: [] }).months[0]!;
    expect([none.churned, none.active, none.churnRate]).toEqual([0, 0, null]);
  });
});
