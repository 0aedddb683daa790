/** ABC by customer class over the store's stats (issue 5, domain.md §3). */
import { describe, expect, it } from 'vitest';
import { runAbcByClass, UNCLASSIFIED } from '../../src/lib/abc/by-class-stats';
import { customerStats } from '../../src/lib/customers/stats';
import { packLines } from '../../src/lib/purchases/columns';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';

describe('ABC by customer class', () => {
  // 1 retail 100, 2 retail 50, 3 wholesale 300, 4 no class 50: total 500 yuan.
  const stats = customerStats([
    packLines([
      { day: 1, customerId: 1, amount: 10_000, quantity: 1, orderNo: 'a' },
      { day: 1, customerId: 2, amount: 5_000, quantity: 1, orderNo: 'b' },
      { day: 2, customerId: 3, amount: 30_000, quantity: 1, orderNo: 'c' },
      { day: 2, customerId: 4, amount: 5_000, quantity: 1, orderNo: 'd' },
    ]),
  ]);
  const classOf = { 1: 'retail', 2: 'retail', 3: 'wholesale' };

  it('subtotals each class, ranks the classes and splits each into A, B, C', () => {
    const r = runAbcByClass(stats, classOf, { a: 0.8, b: 0.95 });
    if (!r.ok) throw new Error();
    expect(r.value.total).toBe(500);
    // Wholesale 300 (60 %), retail 150 (30 %): A (before them 0 and 60 % < 80 %); unclassified 50: before it 90 % → B.
    expect(r.value.classes.map((c) => [c.customerClass, c.customers, c.sales, c.shareOfTotal, c.abc])).toEqual([
      ['wholesale', 1, 300, 0.6, 'A'],
      ['retail', 2, 150, 0.3, 'A'],
      [UNCLASSIFIED, 1, 50, 0.1, 'B'],
    ]);
    // Inside retail: 100 (2/3 of the class) is A, and 50 starts at 2/3 < 80 % so is A too.
    expect(r.value.classes[1]!.parts).toEqual([
      { abc: 'A', customers: 2, sales: 150, shareOfClass: 1, shareOfTotal: 0.3 },
      { abc: 'B', customers: 0, sales: 0, shareOfClass: 0, shareOfTotal: 0 },
      { abc: 'C', customers: 0, sales: 0, shareOfClass: 0, shareOfTotal: 0 },
    ]);
  });

  it('has nothing to show without purchases, and checks the cuts', () => {
    expect(runAbcByClass(customerStats([]), {}, { a: 0.8, b: 0.95 })).toEqual({ ok: true, value: { classes: [], total: 0 } });
    expect(runAbcByClass(stats, classOf, { a: 0.9, b: 0.8 })).toEqual({ ok: false, error: { code: 'abc.badCuts', a: 0.9, b: 0.8 } });
  });

  it('gives the demo store a few non-retail customers', () => {
    const demo = generateDemoStore({ ...demoDefaults, endDay: 20_000 });
    const classes = new Set(demo.customers.map((c) => c.customerClass));
    expect([...classes].sort()).toEqual(['agent', 'chain', 'franchise', 'retail', 'speciality', 'wholesale']);
    expect(demo.customers.find((c) => c.id === 29)?.customerClass).toBe('wholesale');
  });
});
