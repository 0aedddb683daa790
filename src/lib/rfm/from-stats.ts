/**
 * RFM over the store's own purchases: recency in days from the analysis date, frequency in
 * distinct orders, monetary as net spend (fen), from the per-customer stats of lib/customers/stats.
 */
import type { CustomerStats } from '../customers/stats';
import { err, ok, type Result } from '../result';
import { PRESET_RULE_SETS, type PresetId } from './presets';
import { scoreRfm, type RfmError, type RfmInput, type RfmResult } from './score';
import { assignSegments } from './segments';
import { migration, type MigrationMatrix } from './migration';
import { segmentSummary, type SegmentSummaryRow } from './summary';

/** The default analysis date: the day after the last purchase (as the R package's examples use). */
export function defaultAnalysisDay(stats: CustomerStats): number | null {
  let last: number | null = null;
  for (const d of stats.lastDay) if (last === null || d > last) last = d;
  return last === null ? null : last + 1;
}

export function rfmInputs(stats: CustomerStats, analysisDay: number): RfmInput[] {
  // Monetary in yuan, not fen: the R method adds 1 to its cut points, so the unit changes results.
  return Array.from(stats.ids, (id, i) => ({ id, recencyDays: analysisDay - stats.lastDay[i]!, frequency: stats.orders[i]!, monetary: stats.amount[i]! / 100 }));
}

export interface RfmRequest {
  analysisDay: number | null;
  method: 'quantile' | 'rfm030';
  preset: PresetId;
}

export interface RfmOutcome {
  analysisDay: number;
  bands: RfmResult['bands'];
  summary: SegmentSummaryRow[];
  /** Per customer, aligned: id, R, F, M, score, segment id. */
  customers: { id: number; r: number; f: number; m: number; score: number; segment: string; recencyDays: number; frequency: number; monetary: number }[];
}

export type RfmRunError = { code: 'rfm.noPurchases' } | RfmError;

export function runRfm(stats: CustomerStats, request: RfmRequest): Result<RfmOutcome, RfmRunError[]> {
  const analysisDay = request.analysisDay ?? defaultAnalysisDay(stats);
  if (analysisDay === null) return err([{ code: 'rfm.noPurchases' }]);
  const set = PRESET_RULE_SETS[request.preset];
  const inputs = rfmInputs(stats, analysisDay);
  const scored = scoreRfm(inputs, { method: request.method, levels: set.levels });
  if (!scored.ok) return scored;
  const segmented = assignSegments(scored.value.scores, set.rules);
  const summary = segmentSummary(inputs, segmented, set.rules);
  return ok({
    analysisDay,
    bands: scored.value.bands,
    summary: summary.rows,
    customers: segmented.map((s, i) => ({ ...s, recencyDays: inputs[i]!.recencyDays, frequency: inputs[i]!.frequency, monetary: inputs[i]!.monetary })),
  });
}

/** Segment of every customer who had bought by each date, and the from → to counts between them. */
export function runMigration(before: CustomerStats, after: CustomerStats, request: Omit<RfmRequest, 'analysisDay'> & { from: number; to: number }): Result<MigrationMatrix, RfmRunError[]> {
  const a = runRfm(before, { ...request, analysisDay: request.from });
  if (!a.ok) return a;
  const b = runRfm(after, { ...request, analysisDay: request.to });
  if (!b.ok) return b;
  const order = PRESET_RULE_SETS[request.preset].rules.map((r) => r.id);
  return ok(migration(new Map(a.value.customers.map((c) => [c.id, c.segment])), new Map(b.value.customers.map((c) => [c.id, c.segment])), order));
}
