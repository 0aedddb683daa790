import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/lib/dates';
import { LineFlag, packLines, type PurchaseLine } from '../../src/lib/purchases/columns';
import { defaultEndDay, transactionSummary, lastPurchaseDay } from '../../src/lib/clv/summary';
import { checkHistoricSettings, defaultHistoricSettings, discountedYears, historicTotals, historicValues } from '../../src/lib/clv/historic';
import { customerStats } from '../../src/lib/customers/stats';
import { clvLists, compress, fitClv } from '../../src/lib/clv/model';
import { checkClvSettings, defaultClvSettings } from '../../src/lib/clv/settings';

const d = (iso: string) => dayFromIso(iso)!;
const line = (customerId: number, iso: string, yuan: number, extra: Partial<PurchaseLine> = {}): PurchaseLine => ({
  day: d(iso),
  customerId,
  amount: yuan * 100,
  quantity: 1,
  ...extra,
});

describe('transactionSummary', () => {
  // Customer 1: three lines on 1 Jan (one day), then 8 Jan and 22 Jan; a return on 22 Jan is left out.
  const lines = [
    line(1, '2024-01-01', 10),
    line(1, '2024-01-01', 20),
    line(1, '2024-01-01', 30),
    line(1, '2024-01-08', 40),
    line(1, '2024-01-22', 80),
    line(1, '2024-01-22', -50, { flags: LineFlag.returned }),
    line(2, '2024-01-15', 99), // one-time buyer
    line(3, '2024-01-02', 500, { flags: LineFlag.excluded }), // excluded: not a customer here
    line(0, '2024-01-02', 500), // walk-in
    line(4, '2024-02-01', 70), // after the end day
  ];
  const chunks = [packLines(lines)];
  const end = d('2024-01-29');

  it('merges same-day purchases and counts repeat days', () => {
    const s = transactionSummary(chunks, end, 'day');
    expect(Array.from(s.ids)).toEqual([1, 2]);
    expect(Array.from(s.x)).toEqual([2, 0]);
    expect(Array.from(s.tx)).toEqual([21, 0]);
    expect(Array.from(s.T)).toEqual([28, 14]);
    // Repeat days: 40 and 80 yuan → mean 60 yuan; the first day (60 yuan) is left out.
    expect(Array.from(s.monetary)).toEqual([6000, 0]);
    expect(Array.from(s.total)).toEqual([18000, 9900]);
  });

  it('expresses recency and age in weeks or months (30.4375 days)', () => {
    const w = transactionSummary(chunks, end, 'week');
    expect(w.tx[0]).toBe(3);
    expect(w.T[0]).toBe(4);
    const m = transactionSummary(chunks, end, 'month');
    expect(m.T[0]).toBeCloseTo(28 / 30.4375, 12);
  });

  it('counts a kept ¥0 line as a transaction, as lifetimes does, and its day as ¥0 in the mean spend', () => {
    const zero = (customerId: number, iso: string, extra = 0) => line(customerId, iso, 0, { flags: LineFlag.nonPositivePrice | extra });
    const s = transactionSummary(
      [
        packLines([
          line(5, '2024-01-01', 30),
          zero(5, '2024-01-08'), // kept: a repeat day
          line(5, '2024-01-15', 90),
          zero(5, '2024-01-22', LineFlag.excluded), // excluded at import: not a transaction
          zero(6, '2024-01-10'), // a customer whose only line is ¥0 is still a customer
          line(7, '2024-01-03', 50),
          line(7, '2024-01-12', -50, { flags: LineFlag.returned }), // a return is not a visit
        ]),
      ],
      d('2024-01-29'),
      'day',
    );
    expect(Array.from(s.ids)).toEqual([5, 6, 7]);
    expect(Array.from(s.x)).toEqual([2, 0, 0]);
    expect(Array.from(s.tx)).toEqual([14, 0, 0]);
    expect(Array.from(s.T)).toEqual([28, 19, 26]);
    // Repeat days ¥0 and ¥90 → mean ¥45 (not ¥90: the ¥0 day counts as a purchase of nothing).
    expect(Array.from(s.monetary)).toEqual([4500, 0, 0]);
  });

  it('defaults the end of observation to the day after the last transaction, ¥0 lines included', () => {
    expect(defaultEndDay(chunks)).toBe(d('2024-02-02'));
    expect(defaultEndDay([packLines([line(1, '2024-03-01', 10), line(1, '2024-03-05', 0, { flags: LineFlag.nonPositivePrice })])])).toBe(d('2024-03-06'));
    expect(defaultEndDay([])).toBeNull();
  });

  it('finds the last purchase day (returns and excluded lines aside)', () => {
    expect(lastPurchaseDay(chunks)).toBe(d('2024-02-01'));
    expect(lastPurchaseDay([])).toBeNull();
  });
});

describe('historicValues', () => {
  it('computes revenue, profit, order value, purchases per year and the forward estimate by hand', () => {
    // Customer 7: first 2022-01-01, 4 orders worth ¥2,000 net, last 2023-12-01; as of 2024-01-01 (730 days).
    const stats = customerStats([
      packLines([
        line(7, '2022-01-01', 500, { orderNo: 'a' }),
        line(7, '2022-06-01', 500, { orderNo: 'b' }),
        line(7, '2023-03-01', 600, { orderNo: 'c' }),
        line(7, '2023-12-01', 400, { orderNo: 'd' }),
        line(8, '2023-12-20', 100, { orderNo: 'e' }), // 12 days of tenure: counted as one year
        line(9, '2021-06-01', 300, { orderNo: 'f' }), // last purchase > 365 days ago: lapsed
        // A return is no purchase (lib/metrics): 9's return 40 days ago does not make them buying again.
        line(9, '2023-11-22', -100, { orderNo: 'r', flags: LineFlag.returned }),
      ]),
    ]);
    const rows = historicValues(stats, d('2024-01-01'), { margin: 0.25, expectedYears: 2, discountRate: 0.1, lapsedAfterDays: 365 });
    const [c7, c8, c9] = rows;
    expect(c7).toMatchObject({ id: 7, tenureDays: 730, orders: 4, revenue: 200_000, profit: 50_000, averageOrder: 50_000, lapsed: false });
    // 730 days = 730 / 365.25 years = 1.99863…; ¥2,000 / 1.99863 = ¥1,000.68 a year.
    expect(c7!.ordersPerYear).toBeCloseTo(4 / (730 / 365.25), 10);
    expect(c7!.valuePerYear).toBe(100_068);
    // 100,068.49 / 1.1 + 100,068.49 / 1.21 = 90,971.35 + 82,701.23 = 173,672.58 → 173,673 fen
    expect(c7!.forwardRevenue).toBe(Math.round(200_000 / (730 / 365.25) * (1 / 1.1 + 1 / 1.21)));
    expect(c7!.forwardRevenue).toBe(173_673);
    expect(c7!.forwardProfit).toBe(43_418);
    expect(c8).toMatchObject({ tenureDays: 12, ordersPerYear: 1, valuePerYear: 10_000 });
    expect(c9).toMatchObject({ lastDay: d('2021-06-01'), lapsed: true, forwardRevenue: 0, forwardProfit: 0 });
    expect(historicTotals(rows)).toMatchObject({ customers: 3, revenue: 230_000, profit: 57_500 }); // 9 net ¥200 after the return
  });

  it('discounts a fractional last year pro rata, and not at all at rate 0', () => {
    expect(discountedYears(100, 2.5, 0)).toBe(250);
    expect(discountedYears(100, 1.5, 0.1)).toBeCloseTo(100 / 1.1 + 50 / 1.21, 10);
    expect(discountedYears(100, 0, 0.1)).toBe(0);
  });
});

describe('fitClv on a small synthetic store', () => {
  // 200 customers: frequent buyers who stay, and one-visit buyers.
  const lines: PurchaseLine[] = [];
  for (let c = 1; c <= 200; c++) {
    const start = d('2023-01-01') + (c % 60);
    const visits = c % 4 === 0 ? 1 : 2 + (c % 7);
    const gap = 20 + (c % 30);
    for (let v = 0; v < visits; v++) lines.push({ day: start + v * gap, customerId: c, amount: (100 + (c % 13) * 20) * 100, quantity: 1 });
  }
  const chunks = [packLines(lines)];
  const summary = transactionSummary(chunks, lastPurchaseDay(chunks)! + 1, 'week');

  it('merges identical rows for the likelihood', () => {
    const c = compress(summary);
    expect(Array.from(c.weight).reduce((a, b) => a + b, 0)).toBe(200);
    expect(c.x.length).toBeLessThan(200);
  });

  it('fits and scores every customer with probabilities in [0, 1] and values ≥ 0', () => {
    const r = fitClv(summary, 90);
    if (!r.ok) throw new Error(r.error.code);
    const s = r.value.scores;
    expect(s.ids).toHaveLength(200);
    for (let i = 0; i < 200; i++) {
      expect(s.pAlive[i]).toBeGreaterThanOrEqual(0);
      expect(s.pAlive[i]).toBeLessThanOrEqual(1);
      expect(s.purchases[i]).toBeGreaterThanOrEqual(0);
      expect(s.value[i]).toBeCloseTo(s.purchases[i]! * s.spend[i]!, -1);
    }
    const lists = clvLists(s, { activeAt: 0.7, lostBelow: 0.3, size: 10 });
    for (const i of lists.valuable) expect(s.pAlive[i]).toBeGreaterThanOrEqual(0.7);
    for (let k = 1; k < lists.valuable.length; k++) expect(s.value[lists.valuable[k]!]).toBeLessThanOrEqual(s.value[lists.valuable[k - 1]!]!);
    for (const i of lists.lost) expect(s.pAlive[i]).toBeLessThan(0.3);
  });

  it('refuses fewer than 10 customers', () => {
    const few = transactionSummary([packLines(lines.filter((l) => l.customerId <= 5))], d('2024-06-01'), 'week');
    expect(fitClv(few, 90)).toEqual({ ok: false, error: { code: 'clv.tooFewCustomers', customers: 5 } });
  });
});

describe('checkHistoricSettings', () => {
  it('keeps valid fields and replaces missing or absurd ones by the defaults', () => {
    expect(checkHistoricSettings({ margin: 0.2, expectedYears: -1, discountRate: 'x' })).toEqual({ ...defaultHistoricSettings, margin: 0.2 });
    expect(checkHistoricSettings(null)).toEqual(defaultHistoricSettings);
  });
});

describe('checkClvSettings', () => {
  it('keeps a valid unit, chosen end and horizon', () => {
    expect(checkClvSettings({ unit: 'month', endDay: d('1997-09-30'), horizonDays: 365 })).toEqual({ unit: 'month', endDay: 10_134, horizonDays: 365 });
    // 1997-09-30 is day 10,134: 27 years × 365 + 7 leap days (1972 … 1996) = 9,862, + 272 days into 1997.
    expect(d('1997-09-30')).toBe(27 * 365 + 7 + 272);
  });

  it('falls back field by field: unknown unit, fractional or absurd end, horizon out of range', () => {
    expect(checkClvSettings({ unit: 'year', endDay: 10.5, horizonDays: 0 })).toEqual(defaultClvSettings);
    expect(checkClvSettings({ unit: 'day', endDay: '1997-09-30', horizonDays: 3651 })).toEqual({ ...defaultClvSettings, unit: 'day' });
    expect(checkClvSettings({ unit: 'toString', endDay: 99_999 })).toEqual(defaultClvSettings);
    expect(checkClvSettings(null)).toEqual({ unit: 'week', endDay: null, horizonDays: 90 });
  });
});
