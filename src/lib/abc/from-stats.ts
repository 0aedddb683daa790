/** ABC over the store's customers by net spend, with the Pareto curve cut to a table of tenths. */
import type { CustomerStats } from '../customers/stats';
import { err, ok, type Result } from '../result';
import { classifyRanking, rankBySales, validateAbcCuts, type AbcClassRow, type AbcCuts, type AbcError, type SalesRanking } from './abc';
import { factsOf, type ScoringFacts } from '../customers/facts';
import { paretoChartOf, type ParetoChart } from './pareto';
import { unpackClasses, type PackedClasses } from '../rfm/packed';

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
  const r = runAbcPacked(stats, cuts);
  if (!r.ok) return r;
  const { packed, ...rest } = r.value;
  return ok({ ...rest, classOf: unpackClasses(packed) });
}

/**
 * runAbc with the classes as columns in the stats' (ascending) id order, as packClasses gives them:
 * what the worker sends, without an object per customer on the way. The ranking by sales is kept
 * with the facts: another cut re-classes it in one pass.
 */
export function runAbcPacked(from: CustomerStats | ScoringFacts, cuts: AbcCuts): Result<Omit<AbcOutcome, 'classOf'> & { packed: PackedClasses }, AbcError> {
  const checked = validateAbcCuts(cuts);
  if (!checked.ok) return err(checked.error);
  const facts = factsOf(from);
  const { stats } = facts;
  const n = stats.ids.length;
  const ranking = facts.derived('abc', (): Result<SalesRanking, AbcError> => {
    const sales = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sales[i] = stats.amount[i]! / 100;
      if (!Number.isFinite(sales[i]!)) return err({ code: 'abc.notFinite', row: i, id: stats.ids[i]! });
    }
    return ok(rankBySales(Float64Array.from(stats.ids), sales));
  });
  if (!ranking.ok) return ranking;
  const { order, abc, cumulativeShare, classes } = classifyRanking(ranking.value, checked.value);
  // The curve after k customers: (0, 0), then what abcClasses' pareto holds.
  const point = (k: number) => ({ customerShare: k === 0 ? 0 : k / n, salesShare: k === 0 ? 0 : cumulativeShare[k - 1]! });
  const tenths = Array.from({ length: 10 }, (_, k) => {
    const at = Math.round(((k + 1) / 10) * n); // pareto[0] is the origin; pareto[i] after i customers
    return { customerShare: (k + 1) / 10, salesShare: point(Math.min(at, n)).salesShare };
  });
  const packed = { ids: Int32Array.from(stats.ids), classes: new Uint8Array(n) };
  for (let k = 0; k < n; k++) packed.classes[order[k]!] = abc[k]!;
  return ok({ classes, tenths, chart: paretoChartOf(n, point, classes, cuts), packed });
}
