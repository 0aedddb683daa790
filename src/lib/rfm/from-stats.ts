/**
 * RFM over the store's own purchases: recency in days from the analysis date, frequency in
 * distinct orders (or visit days), monetary in yuan (purchases, or net of returns), from the
 * per-customer stats of lib/customers/stats.
 */
import type { CustomerStats, StatsOptions } from '../customers/stats';
import { err, ok, type Result } from '../result';
import { PRESET_RULE_SETS, type PresetId } from './presets';
import { scoreRfmColumns, type ManualCuts, type RfmError, type RfmInput, type RfmMethod, type RfmResult } from './score';
import { segmentLookup, type SegmentRuleSet } from './segments';
import { migration, type MigrationMatrix } from './migration';
import { segmentSummary, type SegmentSummaryRow } from './summary';
import { rfGrid, type RfGrid } from './chart-data';

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

/** `stats` must count the lines `statsSpec(request)` names (the worker keeps them per spec). */
export function runRfm(stats: CustomerStats, request: RfmRequest): Result<RfmOutcome, RfmRunError[]> {
  const { from, to } = request.period ?? { from: null, to: null };
  if (from !== null && to !== null && from > to) return err([{ code: 'rfm.badPeriod' }]);
  const analysisDay = request.analysisDay ?? defaultAnalysisDay(stats);
  if (analysisDay === null) return err([{ code: from !== null || to !== null ? 'rfm.emptyPeriod' : 'rfm.noPurchases' }]);
  const set = ruleSetOf(request);
  // Columns straight from the stats, as rfmInputs computes them: no object per customer until the one the outcome holds.
  const visits = request.frequency === 'visitDays' ? stats.visitDays : stats.orders;
  if (!visits) throw new Error('stats built without visit days');
  const net = request.monetary === 'net';
  const n = stats.ids.length;
  const columns = { recency: new Float64Array(n), frequency: new Float64Array(n), monetary: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    columns.recency[i] = analysisDay - stats.lastDay[i]!;
    columns.frequency[i] = visits[i]!;
    columns.monetary[i] = (net ? stats.amount[i]! : stats.amount[i]! - stats.returned[i]!) / 100;
  }
  let scored;
  if (request.method === 'manual') {
    if (!request.cuts) return err([{ code: 'rfm.noCuts' }]);
    scored = scoreRfmColumns(stats.ids, columns, { method: 'manual', levels: set.levels, cuts: request.cuts });
  } else scored = scoreRfmColumns(stats.ids, columns, { method: request.method, levels: set.levels });
  if (!scored.ok) return scored;
  const segmentOf = segmentLookup(set.rules);
  const { recency: rs, frequency: fs, monetary: ms } = scored.value.levels;
  const customers = new Array<RfmOutcome['customers'][number]>(n);
  for (let i = 0; i < n; i++) {
    const r = rs[i]!;
    const f = fs[i]!;
    const m = ms[i]!;
    // A literal, not a spread: spreading 100,000 objects costs many times more.
    customers[i] = { id: stats.ids[i]!, r, f, m, score: 100 * r + 10 * f + m, segment: segmentOf(r, f, m), recencyDays: columns.recency[i]!, frequency: columns.frequency[i]!, monetary: columns.monetary[i]! };
  }
  // Each customer carries its inputs and its segment: the summary and the grid read the one array.
  const summary = segmentSummary(customers, customers, set.rules);
  return ok({
    analysisDay,
    levels: set.levels,
    bands: scored.value.bands,
    summary: summary.rows,
    grid: rfGrid(customers, customers, set.levels),
    customers,
  });
}

/** Segment of every customer who had bought by each date, and the from → to counts between them. */
/** Two RFM runs with the same settings, on the day `from` and the day `to`. */
export type MigrationRequest = Omit<RfmRequest, 'analysisDay'> & { from: number; to: number };

export function runMigration(before: CustomerStats, after: CustomerStats, request: MigrationRequest): Result<MigrationMatrix, RfmRunError[]> {
  const a = runRfm(before, { ...request, analysisDay: request.from });
  if (!a.ok) return a;
  const b = runRfm(after, { ...request, analysisDay: request.to });
  if (!b.ok) return b;
  const order = ruleSetOf(request).rules.map((r) => r.id);
  return ok(migration(new Map(a.value.customers.map((c) => [c.id, c.segment])), new Map(b.value.customers.map((c) => [c.id, c.segment])), order));
}
