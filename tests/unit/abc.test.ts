import { describe, expect, it } from 'vitest';
import { abcByClass, abcClasses, validateAbcCuts, type AbcCuts, type AbcResult } from '../../src/lib/abc';
import type { Result } from '../../src/lib/result';

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const classesOf = (r: AbcResult) => r.customers.map((c) => `${c.id}:${c.abc}`);

describe('abcClasses', () => {
  it('cuts at exact boundaries: a customer starting at exactly 80 % is B, at exactly 95 % is C', () => {
    // 50 30 15 5 of 100. Share before each: 0, .5, .8, .95.
    const r = value(abcClasses([{ id: 1, sales: 50 }, { id: 2, sales: 30 }, { id: 3, sales: 15 }, { id: 4, sales: 5 }]));
    expect(classesOf(r)).toEqual(['1:A', '2:A', '3:B', '4:C']);
    expect(r.customers.map((c) => c.cumulativeShare)).toEqual([0.5, 0.8, 0.95, 1]);
    expect(r.customers.map((c) => c.rank)).toEqual([1, 2, 3, 4]);
    expect(r.total).toBe(100);
    expect(r.classes).toEqual([
      { abc: 'A', customers: 2, customerShare: 0.5, sales: 80, salesShare: 0.8 },
      { abc: 'B', customers: 1, customerShare: 0.25, sales: 15, salesShare: 0.15 },
      { abc: 'C', customers: 1, customerShare: 0.25, sales: 5, salesShare: 0.05 },
    ]);
    expect(r.pareto).toEqual([
      { customerShare: 0, salesShare: 0 },
      { customerShare: 0.25, salesShare: 0.5 },
      { customerShare: 0.5, salesShare: 0.8 },
      { customerShare: 0.75, salesShare: 0.95 },
      { customerShare: 1, salesShare: 1 },
    ]);
  });

  it('keeps the customer who crosses 80 % in A', () => {
    // 70 20 10: before 0 → A, before .7 → A (reaches .9), before .9 → B.
    const r = value(abcClasses([{ id: 3, sales: 10 }, { id: 1, sales: 70 }, { id: 2, sales: 20 }]));
    expect(classesOf(r)).toEqual(['1:A', '2:A', '3:B']);
    expect(r.customers.map((c) => c.share)).toEqual([0.7, 0.2, 0.1]);
  });

  it('breaks ties by id, ranks zero and negative sales last and always C', () => {
    // Positive total 40 + 40 + 20 = 100; the refund (−10) does not lower anyone's share.
    // 40 (id 3) before 0 → A; 40 (id 7) before .4 → A; 20 before .8 → B; 0 and −10 → C.
    const r = value(
      abcClasses([
        { id: 7, sales: 40 },
        { id: 2, sales: -10 },
        { id: 9, sales: 0 },
        { id: 3, sales: 40 },
        { id: 5, sales: 20 },
      ]),
    );
    expect(classesOf(r)).toEqual(['3:A', '7:A', '5:B', '9:C', '2:C']);
    expect(r.customers.map((c) => c.cumulativeShare)).toEqual([0.4, 0.8, 1, 1, 1]);
    expect(r.customers.map((c) => c.share)).toEqual([0.4, 0.4, 0.2, 0, -0.1]);
    expect(r.classes[2]).toEqual({ abc: 'C', customers: 2, customerShare: 0.4, sales: -10, salesShare: -0.1 });
  });

  it('puts a lone zero-sales customer in C and makes no NaN', () => {
    const r = value(abcClasses([{ id: 1, sales: 0 }]));
    expect(r.customers).toEqual([{ id: 1, sales: 0, rank: 1, abc: 'C', share: 0, cumulativeShare: 0 }]);
    expect(r.pareto).toEqual([
      { customerShare: 0, salesShare: 0 },
      { customerShare: 1, salesShare: 0 },
    ]);
  });

  it('handles no customers', () => {
    const r = value(abcClasses([]));
    expect(r.customers).toEqual([]);
    expect(r.pareto).toEqual([{ customerShare: 0, salesShare: 0 }]);
    expect(r.classes.map((c) => [c.abc, c.customers, c.customerShare, c.salesShare])).toEqual([
      ['A', 0, 0, 0],
      ['B', 0, 0, 0],
      ['C', 0, 0, 0],
    ]);
  });

  it('takes other cuts; b = 1 leaves only non-buyers in C', () => {
    // 60 30 10, cuts .5/1: before 0 → A, .6 → B, .9 → B.
    const r = value(abcClasses([{ id: 1, sales: 60 }, { id: 2, sales: 30 }, { id: 3, sales: 10 }, { id: 4, sales: 0 }], { a: 0.5, b: 1 }));
    expect(classesOf(r)).toEqual(['1:A', '2:B', '3:B', '4:C']);
  });

  it.each<[AbcCuts]>([[{ a: 0.5, b: 0.5 }], [{ a: 0, b: 0.5 }], [{ a: 0.9, b: 0.8 }], [{ a: 0.8, b: 1.01 }], [{ a: Number.NaN, b: 0.9 }], [{ a: -0.1, b: 0.9 }]])(
    'refuses cuts %j',
    (cuts) => {
      expect(validateAbcCuts(cuts)).toEqual({ ok: false, error: { code: 'abc.badCuts', a: cuts.a, b: cuts.b } });
      expect(abcClasses([{ id: 1, sales: 1 }], cuts).ok).toBe(false);
    },
  );

  it('refuses a sales figure that is not a number', () => {
    expect(abcClasses([{ id: 4, sales: Number.NaN }])).toEqual({ ok: false, error: { code: 'abc.notFinite', row: 0, id: 4 } });
  });
});

describe('abcByClass', () => {
  const rows = [
    { customerClass: 'wholesale', sales: 40 },
    { customerClass: 'retail', sales: 25 },
    { customerClass: 'wholesale', sales: 20 },
    { customerClass: 'retail', sales: 5 },
    { customerClass: 'agent', sales: 10 },
  ];

  it('subtotals per class, ranks the classes and cuts within each class', () => {
    // Subtotals: wholesale 60, retail 30, agent 10 of 100.
    // Classes: wholesale before 0 → A; retail before .6 → A; agent before .9 → B.
    const r = value(abcByClass(rows));
    expect(r.total).toBe(100);
    expect(r.classes.map((c) => [c.customerClass, c.rows, c.sales, c.share, c.rank, c.abc, c.cumulativeShare])).toEqual([
      ['wholesale', 2, 60, 0.6, 1, 'A', 0.6],
      ['retail', 2, 30, 0.3, 2, 'A', 0.9],
      ['agent', 1, 10, 0.1, 3, 'B', 1],
    ]);
    // Within retail: 25 before 0 → A; 5 before 25/30 = .833 → B.
    expect(r.classes[1]!.table.map((t) => [t.abc, t.customers, t.sales])).toEqual([
      ['A', 1, 25],
      ['B', 1, 5],
      ['C', 0, 0],
    ]);
    expect(r.rows.map((x) => [x.row, x.abc, x.rankInClass])).toEqual([
      [0, 'A', 1],
      [1, 'A', 1],
      [2, 'A', 2], // wholesale: 20 starts at 40/60 = .667 < .8
      [3, 'B', 2],
      [4, 'A', 1],
    ]);
    expect(r.rows[0]!.shareOfClass).toBeCloseTo(2 / 3, 12);
    expect(r.rows[0]!.shareOfTotal).toBe(0.4);
    expect(r.rows[3]!.shareOfClass).toBeCloseTo(1 / 6, 12);
    expect(r.rows[3]!.shareOfTotal).toBe(0.05);
    expect(r.rows[3]!.cumulativeShareInClass).toBe(1);
  });

  it('ranks classes with equal subtotals by name', () => {
    const r = value(abcByClass([{ customerClass: 'chain', sales: 10 }, { customerClass: 'agent', sales: 10 }]));
    expect(r.classes.map((c) => c.customerClass)).toEqual(['agent', 'chain']);
  });

  it('handles no rows and refuses bad cuts', () => {
    expect(abcByClass([])).toEqual({ ok: true, value: { classes: [], rows: [], total: 0 } });
    expect(abcByClass(rows, { a: 0.95, b: 0.8 })).toEqual({ ok: false, error: { code: 'abc.badCuts', a: 0.95, b: 0.8 } });
    expect(abcByClass([{ customerClass: 'x', sales: Infinity }])).toEqual({ ok: false, error: { code: 'abc.notFinite', row: 0, id: 0 } });
  });
});
