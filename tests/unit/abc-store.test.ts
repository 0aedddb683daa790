import { describe, expect, it } from 'vitest';
import { runAbc } from '../../src/lib/abc/from-stats';
import { customerStats } from '../../src/lib/customers/stats';
import { packLines } from '../../src/lib/purchases/columns';

describe('ABC over stored purchases', () => {
  // Ten customers: one spends ¥1,000, nine spend ¥100 each: total ¥1,900.
  const lines = [{ day: 1, customerId: 1, amount: 100_000, quantity: 1 }, ...Array.from({ length: 9 }, (_, i) => ({ day: 1, customerId: i + 2, amount: 10_000, quantity: 1 }))];
  const stats = customerStats([packLines(lines)]);

  it('classes customers by cumulative share of net spend, in yuan', () => {
    const r = runAbc(stats, { a: 0.8, b: 0.95 });
    if (!r.ok) throw new Error();
    // A customer is A when the share of sales before them is under 80 %: the ¥1,000 one (0 %) and
    // six ¥100 ones (52.6 % … 78.9 %): 7 customers, ¥1,600. The next three start at 84.2 %, 89.5 %
    // and 94.7 %, under 95 %: B, ¥300. Nobody is left for C.
    expect(r.value.classes.map((c) => [c.abc, c.customers, c.sales])).toEqual([['A', 7, 1_600], ['B', 3, 300], ['C', 0, 0]]);
  });

  it('tabulates the Pareto curve by tenths of customers', () => {
    const r = runAbc(stats, { a: 0.8, b: 0.95 });
    if (!r.ok) throw new Error();
    // The top 10 % (1 customer) make 1000/1900 of sales; all of them make 100 %.
    expect(r.value.tenths[0]!.salesShare).toBeCloseTo(1_000 / 1_900, 10);
    expect(r.value.tenths[9]!.salesShare).toBeCloseTo(1, 10);
    expect(r.value.tenths.map((t) => t.customerShare)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('refuses cuts that are out of order', () => {
    expect(runAbc(stats, { a: 0.95, b: 0.8 })).toMatchObject({ ok: false, error: { code: 'abc.badCuts' } });
  });
});
