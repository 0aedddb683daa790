/** ABC over the store's customers by net spend, with the Pareto curve cut to a table of tenths. */
import type { CustomerStats } from '../customers/stats';
import { err, ok, type Result } from '../result';
import { abcClasses, type AbcClassRow, type AbcCuts, type AbcError } from './abc';
import { paretoChart, type ParetoChart } from './pareto';

export interface AbcOutcome {
  classes: AbcClassRow[];
  /** Share of sales made by the top 10 %, 20 %, … 100 % of customers: the curve as a table. */
  tenths: { customerShare: number; salesShare: number }[];
  /** The curve thinned to a few hundred points, with the A and B boundaries (the chart). */
  chart: ParetoChart;
  /** Customer id → class. */
  classOf: Record<number, 'A' | 'B' | 'C'>;
}

export function runAbc(stats: CustomerStats, cuts: AbcCuts): Result<AbcOutcome, AbcError> {
  const r = abcClasses(Array.from(stats.ids, (id, i) => ({ id, sales: stats.amount[i]! / 100 })), cuts);
  if (!r.ok) return err(r.error);
  const { customers, pareto, classes } = r.value;
  const n = customers.length;
  const tenths = Array.from({ length: 10 }, (_, k) => {
    const at = Math.round(((k + 1) / 10) * n); // pareto[0] is the origin; pareto[i] after i customers
    return { customerShare: (k + 1) / 10, salesShare: pareto[Math.min(at, pareto.length - 1)]?.salesShare ?? 0 };
  });
  const classOf: Record<number, 'A' | 'B' | 'C'> = {};
  for (const c of customers) classOf[c.id] = c.abc;
  return ok({ classes, tenths, chart: paretoChart(pareto, classes, cuts), classOf });
}
