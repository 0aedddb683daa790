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
import { PRESET_RULE_SETS } from '../../lib/rfm/presets';
import { OTHERS, OTHERS_NAME, type SegmentName } from '../../lib/rfm/segments';
import { buildFacts, type CustomerFacts } from '../../lib/tags/facts';
import { ok, type Result } from '../../lib/result';
import { analysis } from '../../workers/analysis-client';
import type { RfmAnswer } from '../../workers/analysis.worker';
import { nextTask } from '../../workers/rpc';
import type { WorkerError } from '../../workers/rpc';

export const GROUP_PRESET = 'rfm030' as const;

/** The segments a group or an auto tag can name (fixed: the course's default rule set). */
export const GROUP_SEGMENTS: { id: string; name: SegmentName }[] = [...PRESET_RULE_SETS[GROUP_PRESET].rules.map((r) => ({ id: r.id, name: r.name })), { id: OTHERS, name: OTHERS_NAME }];

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
  const facts = buildFacts(customers.map((c) => c.id), stats, { tiers, segments: segmentsOf(scored.value), contacts }, today);
  // The screen then filters every customer: in a task of its own (100,000 customers: two tasks of
  // about 150 ms on a quiet machine instead of one of 450 ms).
  await nextTask();
  return ok({ today, facts, segments: GROUP_SEGMENTS });
}

/** Each scored customer's segment, read from the packed answer (no object per customer). */
function segmentsOf(answer: RfmAnswer): Map<number, string> {
  const segments = new Map<number, string>();
  if (!answer.ok) return segments;
  // The worker always sends a scored answer packed (workers/analysis.worker `rfm`).
  const p = answer.packed;
  if (p) for (let i = 0; i < p.ids.length; i++) segments.set(p.ids[i]!, p.segments[p.segment[i]!]!);
  return segments;
}
