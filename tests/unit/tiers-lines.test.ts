import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/lib/dates';
import { LineFlag, packLines, type PurchaseLine } from '../../src/lib/purchases/columns';
import { defaultTierParams, reviewCustomers, reviewFromLines, tierFacts, type TierParams } from '../../src/lib/tiers';

const P: TierParams = { ...defaultTierParams, pointsPerYuan: 1 };
// 2024-03-02 − 61 days = 2024-01-01 (31 + 29 + 1): the window's first day.
const review = dayFromYmd(2024, 3, 2);
const windowStart = dayFromYmd(2024, 1, 1);
const line = (customerId: number, day: number, amount: number, orderNo?: string, more: Partial<PurchaseLine> = {}): PurchaseLine => ({
  customerId,
  day,
  amount,
  quantity: 1,
  ...(orderNo ? { orderNo } : {}),
  ...more,
});

describe('tierFacts', () => {
  it('counts more than 5 purchases in the 61-day window as A, exactly 5 as B', () => {
    const lines = [
      // Customer 1: six orders of two lines each, the first on the window's first day.
      ...[0, 10, 20, 30, 40, 61].flatMap((d, i) => [line(1, windowStart + d, 100, `S1-${i}`), line(1, windowStart + d, 200, `S1-${i}`)]),
      // Customer 2: five orders in the window and one the day before it (2023-12-31).
      ...[0, 5, 10, 15, 20].map((d, i) => line(2, windowStart + d, 100, `S2-${i}`)),
      line(2, windowStart - 1, 100, 'S2-old'),
    ];
    const facts = tierFacts([packLines(lines)], review, P);
    // Customer 1: 12 lines of ¥1 and ¥2 = ¥18 → 18 points; 6 orders, all recent.
    expect(facts).toEqual([
      { id: 1, points: 18, ordersTotal: 6, ordersRecent: 6, lastDay: review },
      { id: 2, points: 6, ordersTotal: 6, ordersRecent: 5, lastDay: windowStart + 20 },
    ]);
    expect(reviewCustomers(facts, P)).toEqual([
      { id: 1, lastDay: review, rulesTier: 'A', rulesReason: 'recentPurchases' }, // 6 > 5
      { id: 2, lastDay: windowStart + 20, rulesTier: 'B', rulesReason: 'boughtMoreThanOnce' }, // 5 is not more than 5
    ]);
  });

  it('computes points from amounts × points per yuan, floored on the total, returns deducted', () => {
    const lines = [
      line(1, windowStart, 1_234, 'A'), // ¥12.34
      line(1, windowStart, 3_799, 'B'), // ¥37.99 → ¥50.33 in all → 50 points: A
      line(2, windowStart, 1_234, 'C'),
      line(2, windowStart, 3_799, 'D'),
      line(2, windowStart + 1, -100, 'R-D', { flags: LineFlag.returned }), // −¥1.00 → ¥49.33 → 49
    ];
    const facts = tierFacts([packLines(lines)], review, P);
    expect(facts.map((f) => [f.id, f.points, f.ordersTotal, f.lastDay])).toEqual([
      [1, 50, 2, windowStart],
      [2, 49, 2, windowStart], // the return is neither an order nor the last purchase
    ]);
    expect(reviewCustomers(facts, P).map((c) => c.rulesReason)).toEqual(['points', 'boughtMoreThanOnce']);
    // Half a point per yuan: ¥50.33 × 0.5 = 25.165 → 25.
    expect(tierFacts([packLines(lines)], review, { ...P, pointsPerYuan: 0.5 })[0]!.points).toBe(25);
  });

  it('uses imported points where the lines carry them, and amounts for the other lines', () => {
    const lines = [
      line(1, windowStart, 99_900, 'A', { points: 30 }), // ¥999 but the till gave 30 points
      line(1, windowStart + 1, 99_900, 'B', { points: 25 }), // 55: A by points
      line(2, windowStart, 99_900, 'C', { points: 30 }),
      line(2, windowStart + 1, 99_900, 'D', { points: 25 }),
      line(2, windowStart + 2, -99_900, 'R-D', { points: -10, flags: LineFlag.returned }), // 45
      line(3, windowStart, 5_000, 'E', { points: 20 }),
      line(3, windowStart, 3_050, 'F'), // no points given: ¥30.50 → 30; 20 + 30 = 50
    ];
    expect(tierFacts([packLines(lines)], review, P).map((f) => [f.id, f.points])).toEqual([
      [1, 55],
      [2, 45],
      [3, 50],
    ]);
  });

  it('files a customer who bought once as C and one who bought twice as B', () => {
    const lines = [
      // One sale of three items: one purchase.
      line(1, windowStart, 1_000, 'S1'),
      line(1, windowStart, 1_000, 'S1'),
      line(1, windowStart, 1_000, 'S1'),
      line(2, windowStart, 1_000, 'S2'),
      line(2, windowStart + 3, 1_000, 'S3'),
      // No order numbers: each line is a purchase by itself.
      line(3, windowStart, 1_000),
      line(3, windowStart, 1_000),
    ];
    const r = reviewCustomers(tierFacts([packLines(lines)], review, P), P);
    expect(r.map((c) => [c.id, c.rulesTier, c.rulesReason])).toEqual([
      [1, 'C', 'boughtOnce'],
      [2, 'B', 'boughtMoreThanOnce'],
      [3, 'B', 'boughtMoreThanOnce'],
    ]);
  });

  it('counts one order across chunks once, and an order no. reused by another customer for each', () => {
    const first = packLines([line(1, windowStart, 1_000, 'S1'), line(2, windowStart, 1_000, 'S9')]);
    const second = packLines([line(1, windowStart, 1_000, 'S1'), line(3, windowStart, 1_000, 'S9')]);
    expect(tierFacts([first, second], review, P).map((f) => [f.id, f.ordersTotal])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });

  it('leaves out lines after the review day, excluded lines, walk-ins and customers who only returned', () => {
    const lines = [
      line(1, review, 1_000, 'S1'), // on the review day: counts
      line(1, review + 1, 1_000, 'S2'), // the day after: had not happened yet
      line(1, windowStart, 1_000, 'S3', { flags: LineFlag.cancellation | LineFlag.excluded }),
      line(0, windowStart, 1_000, 'S4'),
      line(2, windowStart, -1_000, 'R1', { flags: LineFlag.returned }),
      line(3, windowStart, 0, 'G1'), // a gift at no charge
    ];
    expect(tierFacts([packLines(lines)], review, P)).toEqual([{ id: 1, points: 10, ordersTotal: 1, ordersRecent: 1, lastDay: review }]);
  });

  it('is empty without lines, and the whole review files nobody', () => {
    expect(tierFacts([], review, P)).toEqual([]);
    expect(reviewFromLines([], [], review, P)).toEqual({ state: [], log: [] });
  });

  it('reviews from the lines, and a second review on the same day changes nothing', () => {
    const lines = [line(1, windowStart, 6_000, 'S1'), line(2, dayFromYmd(2023, 1, 1), 1_000, 'S2'), line(3, dayFromYmd(2023, 8, 1), 1_000, 'S3')];
    const first = reviewFromLines([packLines(lines)], [], review, P);
    // 2: last bought 2023-01-01, 426 days before: filed as C, then churned. 3: 214 days: C, already the lowest.
    expect(first.log).toEqual([
      { customerId: 1, from: null, to: 'A', rule: 'points', day: review, by: 'rule' },
      { customerId: 2, from: null, to: 'C', rule: 'boughtOnce', day: review, by: 'rule' },
      { customerId: 2, from: 'C', to: 'C', rule: 'churn12m', day: review, by: 'rule' },
      { customerId: 3, from: null, to: 'C', rule: 'boughtOnce', day: review, by: 'rule' },
    ]);
    const second = reviewFromLines([packLines(lines)], first.state, review, P);
    expect(second).toEqual({ state: first.state, log: [] });
  });
});

describe('tierFactsFromStats (the review from the stats pass)', () => {
  it('gives exactly the facts tierFacts gives, on random stores, whenever the review is on or after the last line', async () => {
    const { tierFactsFromStats, tierFacts: facts } = await import('../../src/lib/tiers/from-lines');
    const { customerStats } = await import('../../src/lib/customers/stats');
    const { OrderIndex } = await import('../../src/lib/purchases/order-index');
    const { packLines, LineFlag: Flag } = await import('../../src/lib/purchases/columns');
    const { defaultTierParams: params } = await import('../../src/lib/tiers/rules');
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    for (let run = 0; run < 40; run++) {
      const chunks = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        packLines(
          Array.from({ length: 1 + Math.floor(random() * 60) }, () => {
            const kind = random();
            const amount = kind < 0.1 ? -5_000 : kind < 0.15 ? 0 : Math.round(random() * 90_000);
            return {
              day: 1_000 + Math.floor(random() * 200),
              customerId: Math.floor(random() * 8), // 0: a walk-in line
              amount,
              quantity: amount < 0 ? -1 : 1,
              ...(random() < 0.8 ? { orderNo: `S${Math.floor(random() * 15)}` } : {}), // order nos. reused across customers
              ...(random() < 0.3 ? { points: Math.floor(random() * 50) } : {}),
              flags: (amount < 0 ? Flag.returned : 0) | (random() < 0.05 ? Flag.excluded : 0),
            };
          }),
        ),
      );
      const index = new OrderIndex();
      const stats = customerStats(chunks, Infinity, {}, index);
      const last = Math.max(...stats.lastDay, 1_000);
      for (const reviewDay of [last, last + 30, last + 400]) {
        expect(tierFactsFromStats(stats, chunks, reviewDay, params, index)).toEqual(facts(chunks, reviewDay, params));
      }
      if (stats.ids.length > 0 && last > 1_000) expect(tierFactsFromStats(stats, chunks, last - 1, params, index)).toBeNull();
    }
  });
});
