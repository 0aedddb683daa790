/**
 * RFM over the store's own purchases: recency in days from the analysis date, frequency in
 * distinct orders (or visit days), monetary in yuan (purchases, or net of returns), from the
 * per-customer stats of lib/customers/stats.
 */
import type { CustomerStats, StatsOptions } from '../customers/stats';
import { err, ok, type Result } from '../result';
import { PRESET_RULE_SETS, type PresetId } from './presets';
import { scoreRfmColumns, type ManualCuts, type RfmError, type RfmInput, type RfmMethod, type QuantileMemo, type RfmMetric, type RfmResult } from './score';
import { ScoringFacts, factsOf } from '../customers/facts';
import { unpackScores, type PackedScores } from './packed';
import { segmentLookup, type SegmentRuleSet } from './segments';
import { migration, type MigrationMatrix } from './migration';
import { segmentSummaryColumns, type SegmentSummaryRow } from './summary';
import { rfGridColumns, type RfGrid } from './chart-data';

/** The default analysis date: the day after the last purchase (as the R package's examples use). */
export function defaultAnalysisDay(stats: CustomerStats): number | null {
  let last: number | null = null;
  for (const d of stats.lastDay) if (last === null || d > last) last = d;
  return last === null ? null : last + 1;
}

/** F: distinct order numbers (default), or distinct days with a line (a visit). */
export type FrequencyBasis = 'orders' | 'visitDays';
/** M: 'sum' adds the kept purchase lines (returns not deducted, default); 'net' also deducts the kept return lines. */
export type MonetaryBasis = 'sum' | 'net';

export interface RfmInputOptions {
  frequency?: FrequencyBasis;
  monetary?: MonetaryBasis;
}

export function rfmInputs(stats: CustomerStats, analysisDay: number, options: RfmInputOptions = {}): RfmInput[] {
  const visits = options.frequency === 'visitDays' ? stats.visitDays : stats.orders;
  // A caller bug, not a data problem: the stats must be built with { visitDays: true }.
  if (!visits) throw new Error('stats built without visit days');
  const net = options.monetary === 'net';
  // Monetary in yuan, not fen: the R method adds 1 to its cut points, so the unit changes results.
  return Array.from(stats.ids, (id, i) => ({
    id,
    recencyDays: analysisDay - stats.lastDay[i]!,
    frequency: visits[i]!,
    monetary: (net ? stats.amount[i]! : stats.amount[i]! - stats.returned[i]!) / 100,
  }));
}

/** Purchases considered: from and to are day numbers, inclusive; null = open. */
export interface Period {
  from: number | null;
  to: number | null;
}

export interface RfmRequest extends RfmInputOptions {
  analysisDay: number | null;
  method: RfmMethod;
  /** For 'manual': n − 1 ascending cuts per metric (R days, F count, M yuan), n = the rule set's levels. */
  cuts?: ManualCuts;
  preset: PresetId;
  /** The user's own rule set; when given, it is used instead of the preset. */
  ruleSet?: SegmentRuleSet;
  period?: Period;
}

export const ruleSetOf = (request: Pick<RfmRequest, 'preset' | 'ruleSet'>): SegmentRuleSet => request.ruleSet ?? PRESET_RULE_SETS[request.preset];

/**
 * Which lines the stats for a request must count: before the analysis date and inside the
 * period. Requests that differ only in method, cuts or rules share the same stats (so the
 * worker re-scores without counting the lines again).
 */
export function statsSpec(request: Pick<RfmRequest, 'analysisDay' | 'period' | 'frequency'>): { beforeDay: number; options: StatsOptions } {
  const to = request.period?.to ?? null;
  const from = request.period?.from ?? null;
  let beforeDay = request.analysisDay ?? Infinity;
  if (to !== null) beforeDay = Math.min(beforeDay, to + 1);
  const options: StatsOptions = {};
  if (from !== null) options.fromDay = from;
  if (request.frequency === 'visitDays') options.visitDays = true;
  return { beforeDay, options };
}

export const statsKey = (spec: ReturnType<typeof statsSpec>) => `${spec.beforeDay}|${spec.options.fromDay ?? ''}|${spec.options.visitDays ? 'v' : 'o'}`;

export interface RfmOutcome {
  analysisDay: number;
  levels: RfmResult['levels'];
  bands: RfmResult['bands'];
  summary: SegmentSummaryRow[];
  /** Customers and mean spend per R×F cell: the heatmap. */
  grid: RfGrid;
  /** Per customer, aligned: id, R, F, M, score, segment id. */
  customers: { id: number; r: number; f: number; m: number; score: number; segment: string; recencyDays: number; frequency: number; monetary: number }[];
}

export type RfmRunError = { code: 'rfm.noPurchases' } | { code: 'rfm.emptyPeriod' } | { code: 'rfm.badPeriod' } | { code: 'rfm.noCuts' } | RfmError;

/** RfmOutcome with the customers as columns (lib/rfm/packed): what the analysis worker sends. */
export type PackedRfmOutcome = Omit<RfmOutcome, 'customers'> & { packed: PackedScores };

/** `stats` must count the lines `statsSpec(request)` names (the worker keeps them per spec). */
export function runRfm(stats: CustomerStats, request: RfmRequest): Result<RfmOutcome, RfmRunError[]> {
  const r = runRfmPacked(new ScoringFacts(stats), request);
  if (!r.ok) return r;
  const { packed, ...outcome } = r.value;
  return ok({ ...outcome, customers: unpackScores(packed) });
}

/** The R, F and M inputs of every customer, aligned with the stats' ids. */
function inputColumns(stats: CustomerStats, analysisDay: number, request: RfmInputOptions): Record<RfmMetric, Float64Array> {
  const visits = request.frequency === 'visitDays' ? stats.visitDays : stats.orders;
  // A caller bug, not a data problem: the stats must be built with { visitDays: true }.
  if (!visits) throw new Error('stats built without visit days');
  const net = request.monetary === 'net';
  const n = stats.ids.length;
  // Monetary in yuan, not fen: the R method adds 1 to its cut points, so the unit changes results.
  const columns = { recency: new Float64Array(n), frequency: new Float64Array(n), monetary: new Float64Array(n) };
  // Columns in locals: a property read per customer in the loop costs more than the work.
  const { recency, frequency, monetary } = columns;
  const { lastDay, amount, returned } = stats;
  for (let i = 0; i < n; i++) {
    recency[i] = analysisDay - lastDay[i]!;
    frequency[i] = visits[i]!;
    monetary[i] = (net ? amount[i]! : amount[i]! - returned[i]!) / 100;
  }
  return columns;
}

/**
 * Score (100r + 10f + m) and segment of each customer into `score` and `segment` (an index into
 * `segments`, filled in order of first use). The segment of each (r, f, m) cell is looked up once.
 */
function segmentColumns(rs: Uint8Array, fs: Uint8Array, ms: Uint8Array, segmentOf: (r: number, f: number, m: number) => string, score: Uint16Array, segment: Uint16Array, segments: string[]): void {
  const cellSegment = new Int16Array(216).fill(-1); // levels are 1…5: (r·6 + f)·6 + m < 216
  const indexOf = new Map<string, number>();
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i]!;
    const f = fs[i]!;
    const m = ms[i]!;
    score[i] = 100 * r + 10 * f + m;
    const cell = (r * 6 + f) * 6 + m;
    let s = cellSegment[cell]!;
    if (s < 0) {
      const name = segmentOf(r, f, m);
      s = indexOf.get(name) ?? segments.push(name) - 1;
      indexOf.set(name, s);
      cellSegment[cell] = s;
    }
    segment[i] = s;
  }
}

/**
 * runRfm without an object per customer. The inputs and their quantiles are kept with the facts per
 * analysis day and bases: another method, preset, rule set or cut re-scores from them without
 * reading the stats or selecting order statistics again.
 */
export function runRfmPacked(facts: ScoringFacts, request: RfmRequest): Result<PackedRfmOutcome, RfmRunError[]> {
  const { stats } = facts;
  const { from, to } = request.period ?? { from: null, to: null };
  if (from !== null && to !== null && from > to) return err([{ code: 'rfm.badPeriod' }]);
  const analysisDay = request.analysisDay ?? facts.derived('analysisDay', () => defaultAnalysisDay(stats));
  if (analysisDay === null) return err([{ code: from !== null || to !== null ? 'rfm.emptyPeriod' : 'rfm.noPurchases' }]);
  const set = ruleSetOf(request);
  const inputs = `rfm|${analysisDay}|${request.frequency ?? 'orders'}|${request.monetary ?? 'sum'}`;
  const columns = facts.derived(inputs, () => inputColumns(stats, analysisDay, request));
  const memo: QuantileMemo = (key, build) => facts.derived(`${inputs}|${key}`, build);
  let scored;
  if (request.method === 'manual') {
    if (!request.cuts) return err([{ code: 'rfm.noCuts' }]);
    scored = scoreRfmColumns(stats.ids, columns, { method: 'manual', levels: set.levels, cuts: request.cuts });
  } else scored = scoreRfmColumns(stats.ids, columns, { method: request.method, levels: set.levels }, memo);
  if (!scored.ok) return scored;
  const { recency: rs, frequency: fs, monetary: ms } = scored.value.levels;
  const n = stats.ids.length;
  const packed: PackedScores = {
    ids: stats.ids.slice(),
    // The levels as scored (new arrays of this answer: moved, not copied).
    r: rs,
    f: fs,
    m: ms,
    score: new Uint16Array(n),
    segment: new Uint16Array(n),
    segments: [],
    // Copies: the answer's arrays are transferred away, the kept inputs stay for the next re-score.
    recencyDays: columns.recency.slice(),
    frequency: columns.frequency.slice(),
    monetary: columns.monetary.slice(),
  };
  segmentColumns(rs, fs, ms, segmentLookup(set.rules), packed.score, packed.segment, packed.segments);
  const summary = segmentSummaryColumns(packed.segment, packed.segments, columns, set.rules);
  return ok({
    analysisDay,
    levels: set.levels,
    bands: scored.value.bands,
    summary: summary.rows,
    grid: rfGridColumns(rs, fs, columns.monetary, set.levels),
    packed,
  });
}

/** Segment of every customer who had bought by each date, and the from → to counts between them. */
/** Two RFM runs with the same settings, on the day `from` and the day `to`. */
export type MigrationRequest = Omit<RfmRequest, 'analysisDay'> & { from: number; to: number };

export function runMigration(before: CustomerStats | ScoringFacts, after: CustomerStats | ScoringFacts, request: MigrationRequest): Result<MigrationMatrix, RfmRunError[]> {
  const a = runRfmPacked(factsOf(before), { ...request, analysisDay: request.from });
  if (!a.ok) return a;
  const b = runRfmPacked(factsOf(after), { ...request, analysisDay: request.to });
  if (!b.ok) return b;
  const order = ruleSetOf(request).rules.map((r) => r.id);
  const segmentById = ({ packed: p }: PackedRfmOutcome) => new Map(Array.from(p.ids, (id, i) => [id, p.segments[p.segment[i]!]!]));
  return ok(migration(segmentById(a.value), segmentById(b.value), order));
}
