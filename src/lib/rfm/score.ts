/**
 * RFM scoring (domain.md §3, seed 001): recency, frequency and money each cut into n levels,
 * score = 100r + 10f + m. Pure and allocation-light: 100,000 customers in a worker or a test.
 */
import { err, ok, type Result } from '../result';
import { quantileType7, rProbabilities, selectOrderStatistics, type7Positions } from './quantile';

/** 2 is high / low: the Chinese 八大客户群 (each of R, F, M above or below a line). */
export type RfmLevels = 2 | 3 | 4 | 5;
export const RFM_LEVELS: readonly RfmLevels[] = [2, 3, 4, 5];

/**
 * - 'rfm030': the R package rfm 0.3.0 (`rfm_table_order`) exactly: type-7 quantiles, interior
 *   cut points + 1, a level is [lower, upper).
 * - 'quantile': the same quantiles without the + 1; a value equal to a cut stays in the lower
 *   level, a level is (lower, upper] and the lowest also takes the minimum. For whole-number
 *   data it agrees with rfm030 whenever the cut points are whole too; a fractional cut (296.4
 *   days) differs for the whole number just above it (297: rfm030 level [.., 297.4), quantile the
 *   next). 3 of the 995 customers of rfm's example data score differently. Decimal money is read
 *   as it is, not shifted by one unit.
 * - 'manual': the user's n − 1 ascending cut points, read like 'quantile'.
 * - 'mean': two levels only, the cut is the average (arithmetic mean), read like 'quantile': F and
 *   M above the average are high; R at or below the average number of days is high (recent).
 */
export type RfmMethod = 'rfm030' | 'quantile' | 'manual' | 'mean';

export type RfmMetric = 'recency' | 'frequency' | 'monetary';
export const RFM_METRICS: readonly RfmMetric[] = ['recency', 'frequency', 'monetary'];

/** Computed by the caller; monetary in any unit (fen, yuan), may be negative (net refunds). */
export interface RfmInput {
  id: number;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

/** Levels 1…n, n best: fewest days since the last purchase, most orders, most money. */
export interface RfmScore {
  id: number;
  r: number;
  f: number;
  m: number;
  score: number;
}

export type ManualCuts = Record<RfmMetric, readonly number[]>;

export type RfmOptions =
  | { method: 'rfm030' | 'quantile' | 'mean'; levels: RfmLevels }
  | { method: 'manual'; levels: RfmLevels; cuts: ManualCuts };

export interface MetricBands {
  /**
   * Interior boundaries as applied, ascending by value (n − 1 of them): for rfm030 the quantile
   * + 1, for quantile the quantile, for manual the user's cuts. Empty when there was no customer
   * to take quantiles of.
   */
  cuts: number[];
  /** 'lower': band j is [lower[j], upper[j]) (rfm030). 'upper': (lower[j], upper[j]], band 0 also takes lower[0]. */
  closed: 'lower' | 'upper';
  /**
   * Bounds per band in value order, as the rfm package's threshold table: rfm030
   * [min, c1, …, c(n−1)] and [c1, …, c(n−1), max + 1]; quantile and manual [min, c1, …] and
   * [c1, …, max] (max only while above the last cut; a manual band may lie beyond the data).
   * Band j is level j + 1 for F and M and level n − j for R. Empty without customers.
   */
  lower: number[];
  upper: number[];
  /** Customers per score level: counts[level − 1]. */
  counts: number[];
  /** Score levels nobody has (ties, or manual cuts outside the data), ascending. */
  emptyLevels: number[];
}

export interface RfmResult {
  method: RfmMethod;
  levels: RfmLevels;
  /** Same order as the input. */
  scores: RfmScore[];
  bands: Record<RfmMetric, MetricBands>;
}

export type RfmError =
  | { code: 'rfm.badLevels'; levels: number }
  | { code: 'rfm.meanNeedsTwoLevels'; levels: number }
  | { code: 'rfm.notFinite'; metric: RfmMetric; id: number; row: number }
  | { code: 'rfm.cutCount'; metric: RfmMetric; expected: number; actual: number }
  | { code: 'rfm.cutNotFinite'; metric: RfmMetric; index: number }
  | { code: 'rfm.cutsNotAscending'; metric: RfmMetric; index: number };

export type RfmCutError = Extract<RfmError, { code: 'rfm.cutCount' | 'rfm.cutNotFinite' | 'rfm.cutsNotAscending' }>;

export const isRfmLevels = (n: unknown): n is RfmLevels => n === 2 || n === 3 || n === 4 || n === 5;

/** Every problem at once, per metric, so a form can mark each field. Cuts must rise strictly. */
export function validateManualCuts(cuts: ManualCuts, levels: RfmLevels): Result<ManualCuts, RfmCutError[]> {
  const errors: RfmCutError[] = [];
  for (const metric of RFM_METRICS) {
    const list = cuts[metric];
    if (list.length !== levels - 1) {
      errors.push({ code: 'rfm.cutCount', metric, expected: levels - 1, actual: list.length });
      continue;
    }
    const bad = list.findIndex((c) => typeof c !== 'number' || !Number.isFinite(c));
    if (bad >= 0) {
      errors.push({ code: 'rfm.cutNotFinite', metric, index: bad });
      continue;
    }
    for (let i = 1; i < list.length; i++) {
      if (!((list[i] as number) > (list[i - 1] as number))) {
        errors.push({ code: 'rfm.cutsNotAscending', metric, index: i });
        break;
      }
    }
  }
  if (errors.length > 0) return err(errors);
  return ok({ recency: [...cuts.recency], frequency: [...cuts.frequency], monetary: [...cuts.monetary] });
}

/** Scores every customer; errors (bad level count, bad cuts, a NaN/∞ metric, first per metric) as values. */
export function scoreRfm(customers: readonly RfmInput[], options: RfmOptions): Result<RfmResult, RfmError[]> {
  const count = customers.length;
  const ids = new Float64Array(count);
  const columns: Record<RfmMetric, Float64Array> = {
    recency: new Float64Array(count),
    frequency: new Float64Array(count),
    monetary: new Float64Array(count),
  };
  const { recency: rv, frequency: fv, monetary: mv } = columns;
  for (let i = 0; i < count; i++) {
    const c = customers[i] as RfmInput;
    ids[i] = c.id;
    rv[i] = c.recencyDays;
    fv[i] = c.frequency;
    mv[i] = c.monetary;
  }
  const scored = scoreRfmColumns(ids, columns, options);
  if (!scored.ok) return scored;
  const { levels: levelColumns, ...rest } = scored.value;
  const scores = new Array<RfmScore>(count);
  const { recency: rs, frequency: fs, monetary: ms } = levelColumns;
  for (let i = 0; i < count; i++) {
    const r = rs[i] as number;
    const f = fs[i] as number;
    const m = ms[i] as number;
    scores[i] = { id: (customers[i] as RfmInput).id, r, f, m, score: 100 * r + 10 * f + m };
  }
  return ok({ ...rest, levels: options.levels, scores });
}

/** scoreRfm's result as columns: the level of each customer per metric, aligned with the input. */
export interface RfmColumnsResult {
  method: RfmMethod;
  bands: Record<RfmMetric, MetricBands>;
  levels: Record<RfmMetric, Uint8Array>;
}

/** Keeps what `build` gives for `key` (the quantiles of a column): a caller that keeps the columns passes one. */
export type QuantileMemo = (key: string, build: () => number[]) => number[];

/**
 * scoreRfm over columns (aligned with `ids`): no object per customer, for callers that hold the
 * values as arrays already (from-stats). The columns are read, not changed. `memo`: where the
 * caller keeps each column's quantiles while the columns stay the same, so a re-score with another
 * method or rule set of the same levels selects no order statistic again.
 */
export function scoreRfmColumns(
  ids: ArrayLike<number>,
  columns: Record<RfmMetric, Float64Array>,
  options: RfmOptions,
  memo: QuantileMemo = (_, build) => build(),
): Result<RfmColumnsResult, RfmError[]> {
  const { levels, method } = options;
  if (!isRfmLevels(levels)) return err([{ code: 'rfm.badLevels', levels }]);
  // One average makes one line: high or low, nothing in between.
  if (method === 'mean' && levels !== 2) return err([{ code: 'rfm.meanNeedsTwoLevels', levels }]);
  let manual: ManualCuts | null = null;
  if (options.method === 'manual') {
    const checked = validateManualCuts(options.cuts, levels);
    if (!checked.ok) return checked;
    manual = checked.value;
  }

  const count = ids.length;
  const errors: RfmError[] = [];
  for (const metric of RFM_METRICS) {
    const values = columns[metric];
    for (let i = 0; i < count; i++) {
      if (!Number.isFinite(values[i] as number)) {
        errors.push({ code: 'rfm.notFinite', metric, id: ids[i] as number, row: i });
        break;
      }
    }
  }
  if (errors.length > 0) return err(errors);

  const bands = {} as Record<RfmMetric, MetricBands>;
  const levelColumns = {} as Record<RfmMetric, Uint8Array>;
  for (const metric of RFM_METRICS) {
    const values = columns[metric];
    const banding = bandsFor(values, method, levels, manual?.[metric], (key, build) => memo(`${metric}|${key}`, build));
    const levelOf = new Uint8Array(count);
    // Fewest days since the last purchase is the best recency.
    const reverse = metric === 'recency';
    if (banding.closed === 'lower') assignHalfOpen(values, Float64Array.from(banding.lower), Float64Array.from(banding.upper), levelOf, reverse);
    else assignUpperClosed(values, Float64Array.from(banding.cuts), levelOf, reverse);
    const counts = new Array<number>(levels).fill(0);
    for (let i = 0; i < count; i++) counts[(levelOf[i] as number) - 1]!++;
    const emptyLevels: number[] = [];
    counts.forEach((n, i) => {
      if (n === 0) emptyLevels.push(i + 1);
    });
    bands[metric] = { ...banding, counts, emptyLevels };
    levelColumns[metric] = levelOf;
  }
  return ok({ method, bands, levels: levelColumns });
}

type Banding = Pick<MetricBands, 'cuts' | 'lower' | 'upper' | 'closed'>;

function bandsFor(values: Float64Array, method: RfmMethod, n: RfmLevels, manualCuts: readonly number[] | undefined, memo: QuantileMemo): Banding {
  const empty = values.length === 0;
  let min = 0;
  let max = 0;
  let quantiles: number[] = [];
  if (!empty) {
    min = max = values[0] as number;
    for (let i = 1; i < values.length; i++) {
      const v = values[i] as number;
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    if (method === 'mean') {
      quantiles = memo('mean', () => {
        let sum = 0;
        for (let i = 0; i < values.length; i++) sum += values[i] as number;
        return [sum / values.length];
      });
    } else if (method !== 'manual') {
      // rfm030 and quantile read the same type-7 quantiles (rfm030 adds 1 to them).
      quantiles = memo(`type7|${n}`, () => {
        // Only the order statistics the quantiles read are put in place, not the whole column.
        const probs = rProbabilities(n).slice(1, n);
        const partial = values.slice();
        selectOrderStatistics(partial, probs.flatMap((p) => type7Positions(partial.length, p)));
        return probs.map((p) => quantileType7(partial, p));
      });
    }
  }
  if (method === 'rfm030') {
    if (empty) return { cuts: [], lower: [], upper: [], closed: 'lower' };
    // utils.R: bins = quantile(...)[-c(1, n+1)] + 1; lower = c(min, bins); upper = c(bins, max + 1).
    const cuts = quantiles.map((q) => q + 1);
    return { cuts, lower: [min, ...cuts], upper: [...cuts, max + 1], closed: 'lower' };
  }
  const cuts = method === 'manual' ? [...(manualCuts ?? [])] : quantiles;
  if (empty) return { cuts, lower: [], upper: [], closed: 'upper' };
  const lower = [Math.min(min, cuts[0] as number), ...cuts];
  const upper = [...cuts, Math.max(max, cuts[cuts.length - 1] as number)];
  return { cuts, lower, upper, closed: 'upper' };
}

/**
 * rfm030: R's loop gives level i where lower[i] <= x < upper[i], later i overwriting earlier,
 * so the last matching band wins. Every value lies in [min, max + 1), so one always matches;
 * the count of bounds at or below x is a guard for bounds out of order by a rounding.
 */
function assignHalfOpen(values: Float64Array, lower: Float64Array, upper: Float64Array, out: Uint8Array, reverse: boolean): void {
  const n = lower.length;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    let band = -1;
    for (let j = n - 1; j >= 0; j--) {
      if (x >= (lower[j] as number) && x < (upper[j] as number)) {
        band = j;
        break;
      }
    }
    if (band < 0) {
      band = 0;
      for (let j = 1; j < n; j++) if (x >= (lower[j] as number)) band++;
    }
    out[i] = reverse ? n - band : band + 1;
  }
}

/** quantile and manual: band = number of cuts strictly below x (a value equal to a cut stays low). */
function assignUpperClosed(values: Float64Array, cuts: Float64Array, out: Uint8Array, reverse: boolean): void {
  const n = cuts.length + 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    let band = 0;
    while (band < n - 1 && x > (cuts[band] as number)) band++;
    out[i] = reverse ? n - band : band + 1;
  }
}
