import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/lib/customers/customer';
import { joinStats, listCsvRows, orderByNumbers, selectRows, type ListQuery } from '../../src/lib/customers/list-view';
import { customerStats, lastPurchaseOf, statsIndex } from '../../src/lib/customers/stats';
import { formFromCustomer, validateCustomerForm } from '../../src/lib/customers/validate';
import { isoFromDay } from '../../src/lib/dates';
import { LineFlag, packLines } from '../../src/lib/purchases/columns';

const at = '2026-01-01T00:00:00.000Z';
const customer = (id: number, name: string, extra: Partial<Customer> = {}): Customer => ({ id, name, createdAt: at, updatedAt: at, ...extra });
const customers = [
  customer(1, '王芳', { phone: '13800138000', cardNo: 'VIP001' }),
  customer(2, '李娜', { phone: '13900139000', birthday: '1990-07-12' }),
  customer(3, '张伟', { cardNo: 'VIP003', prospect: { model: 'A4' } }),
];
const chunkA = packLines([
  { day: 100, customerId: 1, amount: 10_000, quantity: 1, orderNo: 'S1', points: 1 },
  { day: 100, customerId: 1, amount: 5_000, quantity: 1, orderNo: 'S1' },
  { day: 150, customerId: 2, amount: 20_000, quantity: 1, orderNo: 'S2', points: 2 },
  { day: 160, customerId: 0, amount: 999, quantity: 1, orderNo: 'S3' },
]);
const chunkB = packLines([
  { day: 200, customerId: 1, amount: -5_000, quantity: -1, orderNo: 'R1', flags: LineFlag.returned },
  { day: 210, customerId: 2, amount: 50_000, quantity: 1, orderNo: 'S9', flags: LineFlag.excluded },
]);
const stats = customerStats([chunkA, chunkB]);

describe('customerStats', () => {
  it('sums each filed customer across chunks, returns deducted, excluded lines left out', () => {
    expect(Array.from(stats.ids)).toEqual([1, 2]);
    const one = statsIndex(stats, 1);
    // 王芳: orders S1 and R1; 100 + 50 − 50 = ¥100 net; last line day 200 (the return), last purchase 100.
    expect([stats.firstDay[one], stats.lastDay[one], stats.orders[one], stats.amount[one], stats.points[one]]).toEqual([100, 200, 2, 10_000, 1]);
    const two = statsIndex(stats, 2);
    expect([stats.lastDay[two], stats.orders[two], stats.amount[two]]).toEqual([150, 1, 20_000]); // S9 excluded
    expect(statsIndex(stats, 3)).toBe(-1);
    // 最近购买 (lib/metrics): a return is no purchase, so 王芳's is day 100, not the return's 200.
    expect([lastPurchaseOf(stats, one), lastPurchaseOf(stats, two), lastPurchaseOf(stats, -1)]).toEqual([100, 150, null]);
  });
});

describe('customerStats order counting', () => {
  it('counts an order split over two chunks once, and a reused order no. once per customer', () => {
    const a = packLines([
      { day: 1, customerId: 7, amount: 100, quantity: 1, orderNo: 'S1' },
      { day: 1, customerId: 8, amount: 100, quantity: 1, orderNo: 'S9' },
    ]);
    const b = packLines([
      { day: 1, customerId: 7, amount: 100, quantity: 1, orderNo: 'S1' }, // the rest of S1
      { day: 400, customerId: 7, amount: 100, quantity: 1, orderNo: 'S9' }, // numbering restarted: 7's own S9
      { day: 400, customerId: 7, amount: 100, quantity: 1 }, // no order no.: an order by itself
    ]);
    const s = customerStats([a, b]);
    expect(Array.from(s.orders)).toEqual([3, 1]); // customer 7: S1, S9, the unnumbered line; customer 8: S9
  });
});

describe('selectRows', () => {
  const rows = joinStats(customers, stats);
  const base: ListQuery = { search: '', missing: null, recency: { kind: 'any' }, prospectsOnly: false, sort: 'lastDay', descending: true, today: 250 };
  const ids = (q: Partial<ListQuery>) => selectRows(rows, stats, { ...base, ...q }).map((r) => r.customer.id);

  // Last purchase = the last purchase line (issue 17): 王芳's return on day 200 is not one, so
  // her last purchase is day 100 and 李娜's (150) is the latest. This test pinned the return before.
  it('sorts by last purchase, never-bought last when descending', () => {
    expect(ids({})).toEqual([2, 1, 3]);
    expect(ids({ descending: false })).toEqual([3, 1, 2]);
    expect(ids({ sort: 'amount' })).toEqual([2, 1, 3]);
    expect(ids({ sort: 'name', descending: false })).toEqual([2, 1, 3]); // 李 < 王 < 张 in pinyin order
  });
  it('searches names, phone digits and card numbers', () => {
    expect(ids({ search: '王' })).toEqual([1]);
    expect(ids({ search: '139 0013' })).toEqual([2]);
    expect(ids({ search: 'vip00' })).toEqual([1, 3]);
  });
  it('filters by missing field, last purchase and prospects', () => {
    expect(ids({ missing: 'phone' })).toEqual([3]);
    expect(ids({ missing: 'birthday' })).toEqual([1, 3]);
    expect(ids({ recency: { kind: 'within', days: 120 } })).toEqual([2]); // 250 − 150 = 100
    expect(ids({ recency: { kind: 'over', days: 120 } })).toEqual([1]); // 250 − 100 = 150 (the return on 200 is no purchase)
    expect(ids({ recency: { kind: 'never' } })).toEqual([3]);
    expect(ids({ prospectsOnly: true })).toEqual([3]);
  });
  it('filters by tier (churned and never reviewed apart) and by RFM segment', () => {
    const tiers = new Map([[1, { tier: 'A' as const, churned: false }], [2, { tier: 'B' as const, churned: true }]]);
    expect(ids({ tier: { want: 'A', of: tiers } })).toEqual([1]);
    expect(ids({ tier: { want: 'B', of: tiers } })).toEqual([]); // 李娜 is B but on the churned list
    expect(ids({ tier: { want: 'churned', of: tiers } })).toEqual([2]);
    expect(ids({ tier: { want: 'none', of: tiers } })).toEqual([3]);
    const segments = new Map([[1, 'champions'], [2, 'lost']]);
    expect(ids({ segment: { want: 'lost', of: segments } })).toEqual([2]);
  });
  it('exports the view with spend in yuan', () => {
    // Phones are masked unless the caller asks for full numbers.
    const view = selectRows(rows, stats, { ...base, sort: 'name', descending: true }); // 张伟, 王芳, 李娜
    expect(listCsvRows(view, stats, isoFromDay)[1]).toEqual(['', 'VIP001', '138****8000', '王芳', 1, '', '', '', isoFromDay(100), 2, 100]);
    expect(listCsvRows(view, stats, isoFromDay, { fullPhones: true })[1]![2]).toBe('13800138000');
    expect(listCsvRows(view, stats, isoFromDay)[0]![8]).toBe(''); // 张伟 never bought
  });
});

describe('validateCustomerForm', () => {
  it('normalises what was typed', () => {
    const form = { ...formFromCustomer(), name: ' 王芳 ', phone: '+86 138-0013-8000', birthday: '1985-03-05', heightCm: '165', type: 'household' };
    expect(validateCustomerForm(form)).toEqual({ ok: true, value: { name: '王芳', phone: '13800138000', birthday: '1985-03-05', heightCm: 165, type: 'household' } });
  });
  it('reports every bad field at once', () => {
    const form = { ...formFromCustomer(), phone: '1.38001E+10', birthday: '2023-02-30', waistCm: '500', isProspect: true, prospectDate: 'soon' };
    const r = validateCustomerForm(form);
    expect(r.ok ? [] : r.error.map((e) => [e.field, e.code])).toEqual([
      ['phone', 'form.phone'],
      ['birthday', 'form.date'],
      ['waistCm', 'form.range'],
      ['prospectDate', 'form.date'],
    ]);
    expect(validateCustomerForm(formFromCustomer())).toEqual({ ok: false, error: [{ field: 'name', code: 'form.required' }] });
  });
  it('keeps a prospect’s intentions and round-trips a stored customer', () => {
    const c = customer(3, '张伟', { cardNo: 'VIP003', prospect: { model: 'A4', expectedDate: '2027-01-15' }, heightCm: 178 });
    const r = validateCustomerForm(formFromCustomer(c));
    expect(r).toEqual({ ok: true, value: { name: '张伟', cardNo: 'VIP003', prospect: { model: 'A4', expectedDate: '2027-01-15' }, heightCm: 178 } });
  });
});

describe('orderByNumbers', () => {
  it('orders by value, equal values by position, descending too, negatives included', () => {
    const v = Float64Array.from([5, -3, 5, 0, -3, 9]);
    expect(Array.from(orderByNumbers(v, false)!)).toEqual([1, 4, 3, 0, 2, 5]);
    expect(Array.from(orderByNumbers(v, true)!)).toEqual([5, 0, 2, 3, 1, 4]);
    expect(Array.from(orderByNumbers(new Float64Array(0), true)!)).toEqual([]);
  });

  it('declines values it cannot pack exactly', () => {
    expect(orderByNumbers(Float64Array.from([1.5, 2]), false)).toBeNull();
    expect(orderByNumbers(Float64Array.from([2 ** 52, 1]), false)).toBeNull();
    expect(orderByNumbers(Float64Array.from([2 ** 40, 1]), false)).not.toBeNull();
  });

  it('sorts 20,000 customers as comparing them pair by pair does, for each number column and direction', () => {
    // Few distinct days and order counts (many ties), amounts with returns below zero, customers who never bought.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 48_271) % 2_147_483_647) % n);
    const many = Array.from({ length: 20_000 }, (_, i) => customer(i * 3 + 1, `客户${i}`));
    const lines = packLines(many.filter((_, i) => i % 11 !== 0).map((c) => ({ day: 20_000 + rand(40), customerId: c.id, amount: rand(200_000) - 20_000, quantity: 1, orderNo: `S${rand(3)}` })));
    const s = customerStats([lines]);
    const all = joinStats(many, s);
    const q: ListQuery = { search: '', missing: null, recency: { kind: 'any' }, prospectsOnly: false, sort: 'lastDay', descending: true, today: 20_100 };
    const number = (r: (typeof all)[number], sort: string) => (sort === 'lastDay' ? (lastPurchaseOf(s, r.stat) ?? -Infinity) : sort === 'orders' ? (r.stat >= 0 ? s.orders[r.stat]! : 0) : r.stat >= 0 ? s.amount[r.stat]! : 0);
    for (const sort of ['lastDay', 'orders', 'amount'] as const)
      for (const descending of [true, false]) {
        const reference = [...all].sort((a, b) => (number(a, sort) - number(b, sort)) * (descending ? -1 : 1) || a.customer.id - b.customer.id);
        expect(selectRows(all, s, { ...q, sort, descending }).map((r) => r.customer.id), `${sort} ${descending}`).toEqual(reference.map((r) => r.customer.id));
      }
    // Before the figures are counted every customer ties: id order, either way.
    const none = customerStats([]);
    for (const descending of [true, false]) expect(selectRows(joinStats(many, none), none, { ...q, descending }).map((r) => r.customer.id)).toEqual(many.map((c) => c.id));
    // Rows not in id order still come out with ties by id.
    const shuffled = [...all].reverse();
    expect(selectRows(shuffled, s, q).map((r) => r.customer.id)).toEqual(selectRows(all, s, q).map((r) => r.customer.id));
  });
});
