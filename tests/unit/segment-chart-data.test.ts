import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { abcClasses } from '../../src/lib/abc/abc';
import { paretoChart } from '../../src/lib/abc/pareto';
import { migrationBars, rfGrid, segmentShares } from '../../src/lib/rfm/chart-data';
import { migration } from '../../src/lib/rfm/migration';
import { customerStats } from '../../src/lib/customers/stats';
import { dayFromIso } from '../../src/lib/dates';
import { packLines } from '../../src/lib/purchases/columns';
import { runRfm } from '../../src/lib/rfm/from-stats';
import { runAbc } from '../../src/lib/abc/from-stats';
import { PRESET_RULE_SETS } from '../../src/lib/rfm/presets';
import type { SegmentSummaryRow } from '../../src/lib/rfm/summary';

const c = (r: number, f: number, monetary: number) => ({ r, f, monetary });
// Scores and inputs come aligned from the scorer; here one object serves as both.
const gridOf = (customers: { r: number; f: number; monetary: number }[], levels: number) => rfGrid(customers, customers, levels);

describe('rfGrid (R×F heatmap cells)', () => {
  it('has every cell, R from the best down, F up, empty cells without a mean', () => {
    const grid = gridOf([], 3);
    expect(grid.cells.map((x) => `${x.r}${x.f}`)).toEqual(['31', '32', '33', '21', '22', '23', '11', '12', '13']);
    expect(grid.cells.every((x) => x.customers === 0 && x.revenue === 0 && x.meanSpend === null)).toBe(true);
    expect([grid.maxCustomers, grid.maxMeanSpend, grid.unplaced]).toEqual([0, 0, 0]);
  });

  it('puts one customer in its cell', () => {
    const grid = gridOf([c(2, 3, 100)], 3);
    expect(grid.cells[5]).toEqual({ r: 2, f: 3, customers: 1, revenue: 100, meanSpend: 100 }); // row R2 starts at 3, F3 is +2
    expect(grid.cells.filter((x) => x.customers > 0)).toHaveLength(1);
    expect([grid.maxCustomers, grid.maxMeanSpend]).toEqual([1, 100]);
  });

  it('counts and averages per cell (net refunds included)', () => {
    const grid = gridOf([c(3, 3, 300), c(3, 3, 100), c(1, 1, 50), c(1, 2, -20), c(2, 1, 0)], 3);
    const at = (r: number, f: number) => grid.cells.find((x) => x.r === r && x.f === f)!;
    expect(at(3, 3)).toEqual({ r: 3, f: 3, customers: 2, revenue: 400, meanSpend: 200 }); // (300 + 100) / 2
    expect(at(1, 2).meanSpend).toBe(-20);
    expect(at(2, 1).meanSpend).toBe(0);
    expect(grid.cells.reduce((n, x) => n + x.customers, 0)).toBe(5);
    expect([grid.maxCustomers, grid.maxMeanSpend]).toEqual([2, 200]);
  });

  it('puts tied customers in one cell', () => {
    const grid = gridOf([c(5, 5, 10), c(5, 5, 10), c(5, 5, 10), c(5, 5, 10)], 5);
    expect(grid.cells[4]).toEqual({ r: 5, f: 5, customers: 4, revenue: 40, meanSpend: 10 });
    expect(grid.maxCustomers).toBe(4);
  });

  it('counts customers outside the levels instead of dropping them silently', () => {
    const grid = gridOf([c(0, 1, 5), c(2, 4, 5), c(1, 1, 5)], 3);
    expect(grid.unplaced).toBe(2);
    expect(grid.cells.reduce((n, x) => n + x.customers, 0)).toBe(1);
  });
});

describe('chart data in the worker’s results (the rfm example orders)', () => {
  // The rfm package's example orders (995 customers), as in rfm-store.test.ts.
  const orders = Papa.parse<Record<string, string>>(readFileSync('tests/fixtures/rfm/rfm_data_orders.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
  const ids = new Map<string, number>();
  const lines = orders.map((o) => ({
    day: dayFromIso(o.order_date!)!,
    customerId: ids.get(o.customer_id!) ?? ids.set(o.customer_id!, ids.size + 1).get(o.customer_id!)!,
    amount: Math.round(Number(o.revenue) * 100),
    quantity: 1,
  }));
  const stats = customerStats([packLines(lines)]);

  it('adds up, cell by cell, to the R×F grid preset’s segments', () => {
    const r = runRfm(stats, { analysisDay: dayFromIso('2006-12-31'), method: 'rfm030', preset: 'rfGrid' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { grid, summary } = r.value;
    expect(grid.unplaced).toBe(0);
    expect(grid.cells.reduce((n, x) => n + x.customers, 0)).toBe(995);
    for (const rule of PRESET_RULE_SETS.rfGrid.rules) {
      const inside = grid.cells.filter((x) => x.r >= rule.r[0] && x.r <= rule.r[1] && x.f >= rule.f[0] && x.f <= rule.f[1]);
      const row = summary.find((s) => s.segment === rule.id)!;
      expect(inside.reduce((n, x) => n + x.customers, 0), rule.id).toBe(row.customers);
      expect(inside.reduce((n, x) => n + x.revenue, 0), rule.id).toBeCloseTo(row.revenue, 6);
    }
  });

  it('comes with a thinned Pareto curve in the ABC result, ending where the classes end', () => {
    const r = runAbc(stats, { a: 0.8, b: 0.95 });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const { chart, classes } = r.value;
    const [a, b] = classes;
    expect(chart.curve.length).toBeLessThanOrEqual(203); // 201 evenly spaced + the two ends of A and B
    expect(chart.curve[0]).toEqual({ customerShare: 0, salesShare: 0 });
    expect(chart.curve.at(-1)).toEqual({ customerShare: 1, salesShare: 1 });
    expect(chart.cuts[0]!.customerShare).toBe(a!.customerShare);
    expect(chart.cuts[0]!.salesShare).toBeCloseTo(a!.salesShare, 12);
    expect(chart.cuts[1]!.customerShare).toBeCloseTo(a!.customerShare + b!.customerShare, 12);
    expect(chart.cuts[1]!.salesShare).toBeCloseTo(a!.salesShare + b!.salesShare, 12);
    expect(chart.cuts[0]!.salesShare).toBeGreaterThanOrEqual(0.8); // the customer crossing 80 % is still A
  });
});

const row = (segment: string, customers: number, customerShare: number, revenue: number, revenueShare: number): SegmentSummaryRow => ({
  segment,
  customers,
  customerShare,
  orders: customers,
  revenue,
  revenueShare,
  averageOrderValue: 0,
  medianRecencyDays: null,
  medianFrequency: null,
  medianMonetary: null,
});

describe('segmentShares (size against revenue)', () => {
  it('keeps the summary order, leaves out empty segments, gives percents', () => {
    const shares = segmentShares([row('champions', 2, 0.4, 600, 0.75), row('promising', 0, 0, 0, 0), row('lost', 3, 0.6, 200, 0.25)]);
    expect(shares.map((s) => s.segment)).toEqual(['champions', 'lost']);
    expect(shares[0]).toMatchObject({ customerPercent: 40, revenuePercent: 75 });
    expect(shares[1]).toMatchObject({ customerPercent: 60, revenuePercent: 25 });
  });
  it('is empty without customers, and one segment holds everything for one customer', () => {
    expect(segmentShares([])).toEqual([]);
    expect(segmentShares([row('new', 1, 1, 50, 1)])).toEqual([{ segment: 'new', customers: 1, customerShare: 1, revenue: 50, revenueShare: 1, customerPercent: 100, revenuePercent: 100 }]);
  });
});

describe('migrationBars (where each segment went)', () => {
  it('turns the matrix into 100 % stacks, skipping empty rows and columns', () => {
    // 1 stays in a, 2 moves a → b, 3 (b) has no later score, 4 is new in b.
    const m = migration(
      new Map([
        [1, 'a'],
        [2, 'a'],
        [3, 'b'],
      ]),
      new Map([
        [1, 'a'],
        [2, 'b'],
        [4, 'b'],
      ]),
      ['a', 'b', 'c'],
    );
    const bars = migrationBars(m);
    expect(bars.from).toEqual(['a', 'b', 'none']);
    expect(bars.totals).toEqual([2, 1, 1]);
    expect(bars.flows).toEqual([
      { to: 'a', counts: [1, 0, 0], shares: [0.5, 0, 0] },
      { to: 'b', counts: [1, 0, 1], shares: [0.5, 0, 1] },
      { to: 'none', counts: [0, 1, 0], shares: [0, 1, 0] },
    ]);
    // Every bar adds up to its from-segment.
    bars.totals.forEach((total, k) => expect(bars.flows.reduce((n, f) => n + f.counts[k]!, 0)).toBe(total));
  });
  it('has nothing to draw without customers', () => {
    expect(migrationBars(migration(new Map(), new Map(), ['a']))).toEqual({ from: [], totals: [], flows: [] });
  });
  it('draws one full bar for one customer who stayed', () => {
    expect(migrationBars(migration(new Map([[7, 'a']]), new Map([[7, 'a']]), ['a', 'b']))).toEqual({ from: ['a'], totals: [1], flows: [{ to: 'a', counts: [1], shares: [1] }] });
  });
});

describe('paretoChart', () => {
  const cuts = { a: 0.8, b: 0.95 };
  const run = (sales: number[], maxPoints?: number) => {
    const r = abcClasses(
      sales.map((s, i) => ({ id: i + 1, sales: s })),
      cuts,
    );
    if (!r.ok) throw new Error('abc failed');
    return paretoChart(r.value.pareto, r.value.classes, cuts, maxPoints);
  };

  it('keeps every point of a small store and marks where A and B end', () => {
    // 50, 30 → A (80 % reached by the 2nd); 10, 5 → B (95 %); the last 5 → C.
    const chart = run([10, 50, 5, 30, 5]);
    expect(chart.curve.map((p) => [p.customerShare, p.salesShare])).toEqual([
      [0, 0],
      [0.2, 0.5],
      [0.4, 0.8],
      [0.6, 0.9],
      [0.8, 0.95],
      [1, 1],
    ]);
    expect(chart.cuts).toEqual([
      { abc: 'A', cut: 0.8, customerShare: 0.4, salesShare: 0.8 },
      { abc: 'B', cut: 0.95, customerShare: 0.8, salesShare: 0.95 },
    ]);
  });

  it('thins a big store to evenly spaced points plus the boundaries', () => {
    // 1,000 equal customers: A ends at the 800th (before it 79.9 %), B at the 950th.
    const chart = run(new Array<number>(1000).fill(1), 11);
    expect(chart.curve.map((p) => p.customerShare)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1]);
    expect(chart.curve.every((p) => p.salesShare === p.customerShare)).toBe(true);
    expect(chart.cuts.map((x) => [x.customerShare, x.salesShare])).toEqual([
      [0.8, 0.8],
      [0.95, 0.95],
    ]);
  });

  it('has no curve without customers', () => {
    expect(run([])).toEqual({ curve: [], cuts: [] });
  });

  it('one customer is all of A', () => {
    const chart = run([42]);
    expect(chart.curve).toEqual([
      { customerShare: 0, salesShare: 0 },
      { customerShare: 1, salesShare: 1 },
    ]);
    expect(chart.cuts.map((x) => [x.abc, x.customerShare, x.salesShare])).toEqual([
      ['A', 1, 1],
      ['B', 1, 1],
    ]);
  });

  it('all ties: four equal customers are all A (the 4th starts below 80 %), B is empty', () => {
    const chart = run([25, 25, 25, 25]);
    expect(chart.curve.map((p) => p.salesShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(chart.cuts.map((x) => x.customerShare)).toEqual([1, 1]);
  });

  it('a net refund adds customers but no sales', () => {
    const chart = run([10, -5]);
    expect(chart.curve.map((p) => [p.customerShare, p.salesShare])).toEqual([
      [0, 0],
      [0.5, 1],
      [1, 1],
    ]);
    expect(chart.cuts.map((x) => x.customerShare)).toEqual([0.5, 0.5]);
  });
});
