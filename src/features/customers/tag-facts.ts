/**
 * Gathers what auto tags and saved groups test: purchase stats and RFM segments from the analysis
 * worker, tiers and contacts from the store. Segments are scored as of today with the course's
 * default (quantile cuts, the rfm 0.3.0 ten), so a group means the same whichever screen was open.
 */
import type { KeqingDb } from '../../data/db';
import { readLastContacts } from '../../data/tags';
import { readTierStates } from '../../data/tiers';
import type { Customer } from '../../lib/customers/customer';
import { dayFromLocalDate } from '../../lib/dates';
import type { SegmentName } from '../../lib/rfm/segments';
import { buildFacts, GROUP_PRESET, GROUP_SEGMENTS, segmentsOf, type CustomerFacts } from '../../lib/tags/facts';
import { ok, type Result } from '../../lib/result';
import { analysis } from '../../workers/analysis-client';
import { nextTask } from '../../workers/rpc';
import type { WorkerError } from '../../workers/rpc';

export { GROUP_PRESET, GROUP_SEGMENTS };

export interface LoadedFacts {
  today: number;
  facts: Map<number, CustomerFacts>;
  segments: { id: string; name: SegmentName }[];
}

/** `signal`: from a LiveAnalysis, so a question overtaken by a newer one stops in the worker. */
export async function loadFacts(db: KeqingDb, customers: readonly Customer[], signal?: AbortSignal): Promise<Result<LoadedFacts, WorkerError>> {
  const today = dayFromLocalDate(new Date());
  const [asked, tierRows, contacts, scored] = await Promise.all([
    analysis.call('customerStats', undefined, { signal }),
    readTierStates(db),
    readLastContacts(db),
    analysis.call('rfm', { analysisDay: today + 1, method: 'quantile', preset: GROUP_PRESET }, { signal }),
  ]);
  if (!asked.ok) return asked;
  if (!scored.ok) return scored;
  const stats = asked.value;
  const tiers = new Map(tierRows.map((s) => [s.id, { tier: s.tier, churned: s.churned }]));
  const facts = buildFacts(customers.map((c) => c.id), stats, { tiers, segments: segmentsOf(scored.value.ok ? scored.value.packed : undefined), contacts }, today);
  // The screen then filters every customer: in a task of its own (100,000 customers: two tasks of
  // about 150 ms on a quiet machine instead of one of 450 ms).
  await nextTask();
  return ok({ today, facts, segments: GROUP_SEGMENTS });
}
