/**
 * Issue 10: the sales 口径 — 客单价, 会员消费占比, 会员客单占比, the repeat rate over a chosen
 * period, and 0 (no data, no colour) instead of a division error. Every number is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/lib/dates';
import { kpiSettingProblem } from '../../src/lib/funnel/rows';
import { monthDays, monthFromText } from '../../src/lib/funnel/months';
import { boardPeriods, buildBoard, type BoardInput } from '../../src/lib/kpi/board';
import { kpiIds, kpiPeriodOf, settingsWithDefaults, defaultFront, MAX_FRONT } from '../../src/lib/kpi/definitions';
import { lastMonthOf, periodDays, periodOfMonth, periodsUpTo, periodText } from '../../src/lib/kpi/periods';
import { BasisCounter, basisKey, purchaseBasis, purchaseDays, purchaseKpis } from '../../src/lib/kpi/purchases';
import { OrderPairs } from '../../src/lib/purchases/order-pairs';
import { OrderIndex } from '../../src/lib/purchases/order-index';
import { isPurchase, LineFlag, packLines, splitColumns, type PurchaseLine } from '../../src/lib/purchases/columns';

const d = dayFromYmd;
const M = (t: string) => monthFromText(t)!;
const R = LineFlag.returned;

// Members (registered customers) 1–5; customer id 0 = 散客 (walk-in), with or without a reference.
const lines: PurchaseLine[] = [
  // 2025: member 4 once.
  { day: d(2025, 11, 15), customerId: 4, amount: 9_000, quantity: 1, orderNo: 'N4' },
  // 2026-01: member 5.
  { day: d(2026, 1, 5), customerId: 5, amount: 7_000, quantity: 1, orderNo: 'J5' },
  // 2026-02: member 4 again.
  { day: d(2026, 2, 10), customerId: 4, amount: 6_000, quantity: 1, orderNo: 'F4' },
  // 2026-03: member 5 again, member 3 once (returned in April).
  { day: d(2026, 3, 2), customerId: 5, amount: 12_000, quantity: 1, orderNo: 'M5' },
  { day: d(2026, 3, 30), customerId: 3, amount: 8_000, quantity: 1, orderNo: 'M1' },
  // 2026-04
  { day: d(2026, 4, 1), customerId: 3, amount: -8_000, quantity: -1, orderNo: 'RM1', flags: R }, // March's purchase returned
  { day: d(2026, 4, 2), customerId: 1, amount: 10_000, quantity: 1, orderNo: 'A1' }, // one order…
  { day: d(2026, 4, 2), customerId: 1, amount: 5_000, quantity: 1, orderNo: 'A1' }, // …over two lines
  { day: d(2026, 4, 3), customerId: 2, amount: 20_000, quantity: 2, orderNo: 'A2' },
  { day: d(2026, 4, 5), customerId: 0, amount: 3_000, quantity: 1, orderNo: 'W1' }, // walk-in order…
  { day: d(2026, 4, 5), customerId: 0, amount: 2_000, quantity: 1, orderNo: 'W1' }, // …over two lines
  { day: d(2026, 4, 6), customerId: 0, amount: 4_000, quantity: 1, orderNo: 'W2', customerRef: '13900000000' }, // named, not on file: 散客
  { day: d(2026, 4, 10), customerId: 1, amount: 1_000, quantity: 1 }, // no order no.: an order by itself
  { day: d(2026, 4, 10), customerId: 0, amount: 600, quantity: 1 }, // two walk-in lines without order nos.:
  { day: d(2026, 4, 10), customerId: 0, amount: 400, quantity: 1 }, // two orders
  { day: d(2026, 4, 20), customerId: 2, amount: -5_000, quantity: -1, orderNo: 'RA2', flags: R }, // part of A2 back
  { day: d(2026, 4, 21), customerId: 1, amount: 99_900, quantity: 1, orderNo: 'X', flags: LineFlag.excluded }, // left out at import
  // 2026-05: nothing. 2026-06: only a return.
  { day: d(2026, 6, 3), customerId: 1, amount: -1_000, quantity: -1, orderNo: 'R10', flags: R },
];

const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].map(M);
const request = { ...boardPeriods(M('2026-06')), months };
// Split into chunks of 4 lines: orders cross chunk boundaries (A1, W1), each chunk with its own dictionary.
const kpis = purchaseKpis(splitColumns(packLines(lines), 4), request);
const month = (t: string) => kpis.months.find((m) => m.month === M(t))!;

describe('客单价 (average order value) = 实收 ÷ 单数', () => {
  it('April: returns reduce the takings, are not orders; one order over several lines counts once', () => {
    const april = month('2026-04');
    // 实收: 150 + 200 + 50 + 40 + 10 + 6 + 4 − 50 (A2 part back) − 80 (March's M1 back) = ¥330.
    expect(april.revenue).toBe(33_000);
    // 单数: A1, A2, W1, W2, member 1's line without order no., two walk-in lines without → 7.
    expect(april.orders).toBe(7);
    expect(april.averageOrderValue).toBeCloseTo(33_000 / 7, 9); // ¥47.14
    // Per person instead (spend per customer): members 1 and 2 bought; 150 + 10 + 200 − 50 − 80 = ¥230 ÷ 2.
    expect(april.buyersOnFile).toBe(2);
    expect(april.spendPerCustomer).toBe(11_500);
  });

  it('March: the order later returned still counts in its month', () => {
    const march = month('2026-03');
    expect([march.revenue, march.orders, march.averageOrderValue]).toEqual([20_000, 2, 10_000]);
  });

  it('a month with no sales, or only a return, is no data (null here), never NaN or Infinity', () => {
    const may = month('2026-05');
    expect([may.revenue, may.orders, may.averageOrderValue, may.memberSalesShare, may.memberOrderShare, may.spendPerCustomer]).toEqual([0, 0, null, null, null, null]);
    const june = month('2026-06');
    // −¥10 takings, 0 orders: nothing to divide by.
    expect([june.revenue, june.orders, june.averageOrderValue, june.memberSalesShare, june.memberOrderShare]).toEqual([-1_000, 0, null, null, null]);
  });

  it('an order no. used by a member and by a walk-in is an order of each (as customer stats count orders)', () => {
    const shared: PurchaseLine[] = [
      { day: d(2026, 7, 1), customerId: 6, amount: 1_000, quantity: 1, orderNo: 'Z' },
      { day: d(2026, 7, 1), customerId: 0, amount: 3_000, quantity: 1, orderNo: 'Z' },
      { day: d(2026, 7, 1), customerId: 6, amount: 2_000, quantity: 1, orderNo: 'Z' },
    ];
    const july = purchaseKpis([packLines(shared)], { months: [M('2026-07')], quarters: [] }).months[0]!;
    expect([july.orders, july.memberOrders, july.averageOrderValue, july.memberOrderShare]).toEqual([2, 1, 3_000, 0.5]);
    expect(july.memberSalesShare).toBe(0.5); // ¥30 of ¥60
  });
});

describe('orders of a month: distinct (order no., customer) pairs', () => {
  /** The pairs counted one by one: what the month's orders and members' orders must be. */
  function reference(adds: [number, number][]) {
    const pairs = new Set<string>();
    let all = 0;
    let members = 0;
    for (const [o, c] of adds) {
      if (o >= 0) {
        if (pairs.has(`${o}:${c}`)) continue;
        pairs.add(`${o}:${c}`);
      }
      all++;
      if (c !== 0) members++;
    }
    return { all, members };
  }

  it('counts each (order, key) pair once, with one to six keys an order and keys as large as a month and an id together', () => {
    let seed = 11;
    const rnd = (n: number) => Math.floor(((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296) * n);
    const pairs = new OrderPairs();
    const seen = new Set<string>();
    let firsts = 0;
    for (let i = 0; i < 30_000; i++) {
      // Orders numbered from 0 (OrderIndex's global numbers), each naming up to six keys; keys small, 0, or past 2^32.
      const order = rnd(4_000);
      const slot = rnd(6);
      const key = slot === 0 ? 0 : rnd(3) === 0 ? 24_300 * 4_294_967_296 + (order % 7) * 1_000_000_007 + slot : (order * 7 + slot) % 500;
      pairs.fit(order + 1);
      const first = pairs.first(order, key);
      expect(first, `pair ${order}:${key}`).toBe(!seen.has(`${order}:${key}`));
      seen.add(`${order}:${key}`);
      if (first) firsts++;
    }
    // Most pairs came again; some orders had three keys or more (the set per order was used).
    expect(firsts).toBe(seen.size);
    expect(firsts).toBeLessThan(25_000);
    const keysPerOrder = new Map<string, number>();
    for (const p of seen) keysPerOrder.set(p.split(':')[0]!, (keysPerOrder.get(p.split(':')[0]!) ?? 0) + 1);
    expect(Math.max(...keysPerOrder.values())).toBeGreaterThanOrEqual(4);
  });

  it('per month: an order whose lines fall in two months counts in each, a pair once in its month, lines in any order', () => {
    let seed = 3;
    const rnd = (n: number) => Math.floor(((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296) * n);
    const months = [M('2026-06'), M('2026-07'), M('2026-08')];
    const start = d(2026, 6, 1);
    // Orders of one to three customers (walk-ins too), their lines on days anywhere in the three months, shuffled.
    const lines: PurchaseLine[] = Array.from({ length: 6_000 }, (_, i) => {
      const order = rnd(1_200);
      const customerId = rnd(5) === 0 ? 0 : 1 + ((order * 3 + rnd(3)) % 400);
      const returned = rnd(15) === 0;
      return { day: start + rnd(92), customerId, amount: returned ? -100 : 100, quantity: returned ? -1 : 1, ...(returned ? { flags: LineFlag.returned } : {}), ...(i % 17 === 0 ? {} : { orderNo: `T${order}` }) };
    });
    const figures = purchaseKpis(splitColumns(packLines(lines), 500), { months, quarters: [] }).months;
    months.forEach((m, k) => {
      const { start: from, end } = monthDays(m);
      const inMonth = lines.filter((l) => l.day >= from && l.day < end && !(l.flags! & LineFlag.returned));
      const expected = reference(inMonth.map((l) => [l.orderNo === undefined ? -1 : Number(l.orderNo.slice(1)), l.customerId]));
      expect([figures[k]!.orders, figures[k]!.memberOrders], `month ${k}`).toEqual([expected.all, expected.members]);
      expect(expected.all).toBeGreaterThan(300);
    });
  });

  it('in the month figures: a till export whose orders each name two customers, in chunks', () => {
    const many: PurchaseLine[] = Array.from({ length: 3_000 }, (_, i) => ({ day: d(2026, 8, 1 + (i % 28)), customerId: i % 5 === 0 ? 0 : 1 + ((i * 7) % 97), amount: 100, quantity: 1, ...(i % 13 === 0 ? {} : { orderNo: `T${Math.floor(i / 2)}` }) }));
    const august = purchaseKpis(splitColumns(packLines(many), 256), { months: [M('2026-08')], quarters: [] }).months[0]!;
    const expected = reference(many.map((l, i) => [l.orderNo === undefined ? -1 : Math.floor(i / 2), l.customerId]));
    expect([august.orders, august.memberOrders]).toEqual([expected.all, expected.members]);
  });
});

describe('each customer’s purchase days', () => {
  it('are the distinct days of their purchases, ascending, customers in id order: returns, walk-ins and days before 1970 too', () => {
    let seed = 5;
    const rnd = (n: number) => Math.floor(((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648) * n);
    const many: PurchaseLine[] = Array.from({ length: 5_000 }, () => {
      const returned = rnd(8) === 0;
      return { day: rnd(20) === 0 ? -400 + rnd(50) : 19_000 + rnd(900), customerId: rnd(6) === 0 ? 0 : rnd(10) === 0 ? 2_000_000_000 + rnd(3) : 1 + rnd(300), amount: returned ? -100 : rnd(10) === 0 ? 0 : 100, quantity: returned ? -1 : 1, ...(returned ? { flags: LineFlag.returned } : {}) };
    });
    const chunks = splitColumns(packLines(many), 700);
    const reference = new Map<number, Set<number>>();
    for (const c of chunks)
      for (let i = 0; i < c.length; i++) {
        if (c.customerId[i] === 0 || !isPurchase(c.flags[i]!, c.amount[i]!)) continue;
        if (!reference.has(c.customerId[i]!)) reference.set(c.customerId[i]!, new Set());
        reference.get(c.customerId[i]!)!.add(c.day[i]!);
      }
    const { ids, from, days } = purchaseDays(chunks);
    const got = new Map([...ids].map((id, k) => [id, [...days.subarray(from[k]!, from[k + 1]!)]]));
    const want = new Map([...reference.keys()].sort((a, b) => a - b).map((id) => [id, [...reference.get(id)!].sort((a, b) => a - b)]));
    expect([...got.keys()]).toEqual([...want.keys()]);
    expect(got).toEqual(want);
    expect(purchaseDays([])).toEqual({ ids: new Float64Array(0), from: new Int32Array(1), days: new Float64Array(0) });
  });

  it('are the same for ids numbered from 1 (placed per customer), days coming in any order', () => {
    let seed = 17;
    const rnd = (n: number) => Math.floor(((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648) * n);
    const many: PurchaseLine[] = Array.from({ length: 8_000 }, (_, i) => {
      const returned = rnd(8) === 0;
      // Mostly by date, as a till export comes, with stretches out of order.
      const day = i % 50 < 40 ? 19_000 + Math.floor(i / 10) : 19_000 + rnd(900);
      return { day, customerId: rnd(9) === 0 ? 0 : 1 + rnd(500), amount: returned ? -100 : 100, quantity: 1, ...(returned ? { flags: LineFlag.returned } : {}) };
    });
    const reference = new Map<number, Set<number>>();
    for (const l of many) {
      if (l.customerId === 0 || !isPurchase(l.flags ?? 0, l.amount)) continue;
      if (!reference.has(l.customerId)) reference.set(l.customerId, new Set());
      reference.get(l.customerId)!.add(l.day);
    }
    const { ids, from, days } = purchaseDays(splitColumns(packLines(many), 999));
    expect([...ids]).toEqual([...reference.keys()].sort((a, b) => a - b));
    ids.forEach((id, k) => expect([...days.subarray(from[k]!, from[k + 1]!)]).toEqual([...reference.get(id)!].sort((a, b) => a - b)));
  });

  it('are the same when ids and dates are too far apart for one number per pair', () => {
    const far: PurchaseLine[] = [
      { day: -2_000_000, customerId: 2_147_483_647, amount: 100, quantity: 1 },
      { day: 2_900_000, customerId: 1, amount: 100, quantity: 1 },
      { day: 20_000, customerId: 1, amount: 100, quantity: 1 },
      { day: 20_000, customerId: 1, amount: 50, quantity: 1 },
      { day: 20_000, customerId: 2_147_483_647, amount: 100, quantity: 1 },
      { day: 19_000, customerId: 7, amount: -100, quantity: -1, flags: LineFlag.returned },
    ];
    expect(2_147_483_647 * 4_900_001).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
    const { ids, from, days } = purchaseDays(splitColumns(packLines(far), 4));
    expect([...ids]).toEqual([1, 2_147_483_647]);
    expect([...from]).toEqual([0, 2, 4]);
    expect([...days]).toEqual([20_000, 2_900_000, -2_000_000, 20_000]);
  });
});

describe('会员消费占比 (by amount) and 会员客单占比 (by orders)', () => {
  it('April: members = registered customers, 散客 = lines without one (named or not)', () => {
    const april = month('2026-04');
    // Members' net: 150 + 200 + 10 − 50 − 80 = ¥230 of ¥330.
    expect(april.revenueOnFile).toBe(23_000);
    expect(april.memberSalesShare).toBeCloseTo(23 / 33, 12);
    // Members' orders: A1, A2 and member 1's line without order no. → 3 of 7.
    expect(april.memberOrders).toBe(3);
    expect(april.memberOrderShare).toBeCloseTo(3 / 7, 12);
  });
  it('March: only members bought', () => {
    expect([month('2026-03').memberSalesShare, month('2026-03').memberOrderShare]).toEqual([1, 1]);
  });
});

describe('repeat-purchase rate over a month, a quarter or a year', () => {
  // Purchase days: 1 → 2 Apr, 10 Apr; 2 → 3 Apr (its return is no purchase); 3 → 30 Mar;
  // 4 → 15 Nov 2025, 10 Feb 2026; 5 → 5 Jan, 2 Mar 2026.
  it('by month: bought in the month, on two or more days up to its end', () => {
    expect(month('2026-01').repeat).toMatchObject({ buyers: 1, repeat: 0, rate: 0 }); // 5, once so far
    expect(month('2026-02').repeat).toMatchObject({ buyers: 1, repeat: 1, rate: 1 }); // 4, also in Nov
    expect(month('2026-03').repeat).toMatchObject({ buyers: 2, repeat: 1, rate: 0.5 }); // 5 yes, 3 no
    expect(month('2026-04').repeat).toMatchObject({ buyers: 2, repeat: 1, rate: 0.5 }); // 1 yes, 2 no
    expect(month('2026-05').repeat).toMatchObject({ buyers: 0, repeat: 0, rate: null });
  });
  it('by quarter and by year', () => {
    const q = (text: string) => kpis.quarters.find((x) => periodText('quarter', x.quarter) === text)!;
    expect(q('2026-Q1')).toMatchObject({ buyers: 3, repeat: 2, rate: 2 / 3 }); // 3, 4, 5: 4 and 5 repeat
    expect(q('2026-Q2')).toMatchObject({ buyers: 2, repeat: 1, rate: 0.5 });
    const y = (year: number) => kpis.years.find((x) => x.year === year)!;
    expect(y(2026)).toMatchObject({ buyers: 5, repeat: 3, rate: 0.6 }); // 1, 4, 5 of 1–5
    expect(y(2025)).toMatchObject({ buyers: 1, repeat: 0, rate: 0 });
    expect(kpis.years.map((x) => x.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
  });
  it('has the periods the board asks for', () => {
    expect(periodsUpTo('year', M('2026-06'))).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(periodsUpTo('quarter', M('2026-06')).map((x) => periodText('quarter', x))).toEqual(['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(periodDays('year', 2026)).toEqual({ start: d(2026, 1, 1), end: d(2027, 1, 1) });
  });
});

describe('the board: new KPIs, the chosen period, and 0 instead of a division error', () => {
  const base: BoardInput = { month: M('2026-04'), today: d(2026, 4, 30), customers: [], opportunities: [], events: [], purchases: kpis, groups: [], settings: settingsWithDefaults([]) };
  const row = (input: BoardInput, id: string) => buildBoard(input).find((r) => r.id === id)!;

  it('shows April’s figures, with the counts behind the order share', () => {
    expect(row(base, 'averageOrderValue')).toMatchObject({ period: '2026-04', periodKind: 'month', noData: false, status: 'none', count: null, target: null });
    expect(row(base, 'averageOrderValue').value).toBeCloseTo(33_000 / 7, 9);
    expect(row(base, 'memberSalesShare').value).toBeCloseTo(23 / 33, 12);
    expect(row(base, 'memberOrderShare')).toMatchObject({ count: { part: 3, whole: 7 }, noData: false });
    // 3 months back to 6: trend by month.
    expect(row(base, 'averageOrderValue').trend.slice(-2).map((p) => [p.label, p.value, p.noData])).toEqual([
      ['2026-03', 10_000, false],
      ['2026-04', 33_000 / 7, false],
    ]);
  });

  it('a month with nothing to divide by is 0, no data, without a colour even with a target', () => {
    const targets = settingsWithDefaults(kpiIds.map((id) => ({ id, target: 0.5, alert: 0.1, front: false })));
    const june = buildBoard({ ...base, month: M('2026-06'), settings: targets });
    for (const id of ['averageOrderValue', 'memberSalesShare', 'memberOrderShare', 'spendPerCustomer', 'followUpCompletion', 'visitCompletion', 'delayNoticeRate', 'fileGrowth']) {
      expect(june.find((r) => r.id === id), id).toMatchObject({ value: 0, noData: true, status: 'none' });
    }
    // Every value and trend point on the board is a finite number.
    for (const r of june) {
      expect(Number.isFinite(r.value), r.id).toBe(true);
      for (const p of r.trend) expect(Number.isFinite(p.value), `${r.id} ${p.label}`).toBe(true);
    }
    // May in the trend: 0, no data.
    expect(june.find((r) => r.id === 'averageOrderValue')!.trend.at(-2)).toEqual({ label: '2026-05', value: 0, noData: true });
  });

  it('counts the repeat rate over the period the store chose (a quarter by default)', () => {
    expect(kpiPeriodOf('repeatRate', undefined)).toBe('quarter');
    expect(row(base, 'repeatRate')).toMatchObject({ period: '2026-Q2', periodKind: 'quarter', value: 0.5 });
    const choose = (period: 'month' | 'quarter' | 'year') => settingsWithDefaults([{ id: 'repeatRate', target: 0.4, alert: 0.3, front: true, period }]);
    const byYear = row({ ...base, settings: choose('year') }, 'repeatRate');
    expect(byYear).toMatchObject({ period: '2026', periodKind: 'year', value: 0.6, count: { part: 3, whole: 5 }, status: 'green' });
    expect(byYear.trend.map((p) => [p.label, p.value, p.noData])).toEqual([
      ['2022', 0, true],
      ['2023', 0, true],
      ['2024', 0, true],
      ['2025', 0, false],
      ['2026', 0.6, false],
    ]);
    const byMonth = row({ ...base, month: M('2026-02'), settings: choose('month') }, 'repeatRate');
    expect(byMonth).toMatchObject({ period: '2026-02', periodKind: 'month', value: 1 });
    expect(byMonth.trend).toHaveLength(12);
    expect(row({ ...base, month: M('2026-05'), settings: choose('month') }, 'repeatRate')).toMatchObject({ value: 0, noData: true, status: 'none' });
    // A period on a KPI without the choice is ignored.
    expect(kpiPeriodOf('churnRate', { id: 'churnRate', target: null, alert: null, front: false, period: 'year' })).toBe('month');
  });

  it('keeps the front page and targets as they were; the stored period is checked on restore', () => {
    expect(defaultFront.length).toBeLessThanOrEqual(MAX_FRONT);
    expect(settingsWithDefaults([]).filter((s) => ['averageOrderValue', 'memberSalesShare', 'memberOrderShare'].includes(s.id))).toEqual([
      { id: 'averageOrderValue', target: null, alert: null, front: false },
      { id: 'memberSalesShare', target: null, alert: null, front: false },
      { id: 'memberOrderShare', target: null, alert: null, front: false },
    ]);
    expect(kpiSettingProblem({ id: 'repeatRate', target: 0.4, alert: 0.3, front: true, period: 'year' })).toBeNull();
    expect(kpiSettingProblem({ id: 'repeatRate', target: 0.4, alert: 0.3, front: true, period: 'week' })).toBe('period');
    expect(kpiSettingProblem({ id: 'averageOrderValue', target: 5_000, alert: null, front: false })).toBeNull();
  });
});

describe('a period’s last month', () => {
  it('is the month before the next period starts', () => {
    const M = (t: string) => monthFromText(t)!;
    expect(lastMonthOf('month', M('2026-11'))).toBe(M('2026-11'));
    expect(lastMonthOf('quarter', periodOfMonth('quarter', M('2026-11')))).toBe(M('2026-12'));
    expect(lastMonthOf('quarter', periodOfMonth('quarter', M('2026-01')))).toBe(M('2026-03'));
    expect(lastMonthOf('year', 2026)).toBe(M('2026-12'));
    for (const kind of ['month', 'quarter', 'year'] as const)
      for (const m of [M('2025-12'), M('2026-01'), M('2026-06')]) {
        const p = periodOfMonth(kind, m);
        expect(periodOfMonth(kind, lastMonthOf(kind, p))).toBe(p);
        expect(periodOfMonth(kind, lastMonthOf(kind, p) + 1)).toBe(p + 1);
      }
  });
});

describe('the figures’ basis (what is counted from the lines for a set of months)', () => {
  let seed = 9;
  const rnd = (n: number) => Math.floor(((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648) * n);
  const many: PurchaseLine[] = Array.from({ length: 6_000 }, () => {
    const returned = rnd(9) === 0;
    return { day: d(2025, 1 + rnd(12), 1 + rnd(28)) + rnd(200), customerId: rnd(7) === 0 ? 0 : 1 + rnd(400), amount: returned ? -300 : 100 + rnd(900), quantity: 1, ...(returned ? { flags: LineFlag.returned } : {}), ...(rnd(11) === 0 ? {} : { orderNo: `B${rnd(2_500)}` }) };
  });
  const chunks = splitColumns(packLines(many), 900);
  const june = { ...boardPeriods(M('2026-06')), churnDays: 200 };
  const groupOf = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [i + 1, i % 3 === 0 ? '一组' : '二组']));

  it('gives every request for its months the figures counted afresh: other groups, another churn rule', () => {
    const basis = purchaseBasis(chunks, june.months);
    for (const asked of [june, { ...june, groupOf }, { ...june, churnDays: 365 }, { ...june, quarters: [], years: [] }]) {
      expect(purchaseKpis(chunks, asked, undefined, basis)).toEqual(purchaseKpis(chunks, asked));
    }
  });

  it('counted chunk by chunk for every month, is the basis of any months asked at the end (months without lines too)', () => {
    const counter = new BasisCounter(new OrderIndex());
    for (const c of chunks) counter.add(c);
    for (const months of [june.months, boardPeriods(M('2025-03')).months, [M('2024-01'), M('2026-06'), M('2027-01')]]) {
      expect(counter.basis(months)).toEqual(purchaseBasis(chunks, months));
    }
    // Counted for some months only, it answers for no other.
    const some = new BasisCounter(new OrderIndex(), june.months);
    for (const c of chunks) some.add(c);
    expect(some.basis(june.months)).toEqual(purchaseBasis(chunks, june.months));
    expect(() => some.basis([M('2024-01')])).toThrow();
  });

  it('is not used for other months: those are counted afresh', () => {
    const may = { ...boardPeriods(M('2026-05')), groupOf };
    const wrong = purchaseBasis(chunks, june.months);
    const figures = purchaseKpis(chunks, may, undefined, wrong);
    expect(figures).toEqual(purchaseKpis(chunks, may));
    expect(figures.months.map((m) => m.month)).toEqual(may.months);
    expect(basisKey(may.months)).not.toBe(basisKey(june.months));
  });
});
