/**
 * The Pareto curve for a chart: abcClasses gives a point per customer (100,000 of them for a big
 * store); a chart needs a few hundred, and must pass exactly through the A and B boundaries.
 */
import type { AbcClassRow, AbcCuts, ParetoPoint } from './abc';

export interface ParetoCut {
  /** The class that ends here. */
  abc: 'A' | 'B';
  /** The cut as set (share of sales, 0–1). */
  cut: number;
  /** Share of customers in this class and the classes above it … */
  customerShare: number;
  /** … and their share of sales: the curve's point where the class ends. */
  salesShare: number;
}

export interface ParetoChart {
  /** From (0, 0) to (1, total share), customer shares rising. */
  curve: ParetoPoint[];
  cuts: ParetoCut[];
}

/**
 * `pareto` as abcClasses returns it ((0, 0), then one point per ranked customer); at most
 * `maxPoints` of them are kept, evenly spaced by rank, plus the points where A and B end.
 */
export function paretoChart(pareto: readonly ParetoPoint[], classes: readonly AbcClassRow[], cuts: AbcCuts, maxPoints = 201): ParetoChart {
  return paretoChartOf(pareto.length - 1, (k) => ({ ...pareto[k]! }), classes, cuts, maxPoints);
}

/** paretoChart over `n` customers whose curve point after k of them is `point(k)` (no array of them). */
export function paretoChartOf(n: number, point: (k: number) => ParetoPoint, classes: readonly AbcClassRow[], cuts: AbcCuts, maxPoints = 201): ParetoChart {
  const count = (abc: 'A' | 'B' | 'C') => classes.find((c) => c.abc === abc)?.customers ?? 0;
  const endA = count('A');
  const endB = endA + count('B');
  if (n <= 0) return { curve: [], cuts: [] };

  const keep = new Set<number>([0, n, endA, endB]);
  const steps = Math.max(1, maxPoints - 1);
  for (let j = 1; j < steps; j++) keep.add(Math.round((j * n) / steps));
  const curve = [...keep].sort((x, y) => x - y).map(point);
  return {
    curve,
    cuts: [
      { abc: 'A', cut: cuts.a, customerShare: endA / n, salesShare: point(endA).salesShare },
      { abc: 'B', cut: cuts.b, customerShare: endB / n, salesShare: point(endB).salesShare },
    ],
  };
}
