/**
 * Per needs segment: who is in it, its share of business (revenue) against its share of the
 * resources spent on it, market potential, share against the main competitor; and which
 * portfolio strategy the figures point to (seed 001: concentrate / differentiate / personalise).
 */
import { ruleMatches, type Facts } from './rules';
import type { NeedsSegment } from './segment';

/** Segments in the order that decides membership: priority, then the order they were made. */
export function byPriority<T extends Pick<NeedsSegment, 'id' | 'priority'>>(segments: readonly T[]): T[] {
  return [...segments].sort((a, b) => a.priority - b.priority || a.id - b.id);
}

/**
 * Each customer joins one segment at most, so shares add up to 100 %: a hand assignment first
 * (the first segment by priority that lists them), otherwise the first segment whose rule matches.
 */
export function assignCustomers(segments: readonly NeedsSegment[], customers: readonly { id: number; facts: Facts }[]): Map<number, number[]> {
  const ordered = byPriority(segments);
  const members = new Map<number, number[]>(ordered.map((s) => [s.id, []]));
  const byHand = new Map<number, number>();
  for (const s of ordered) for (const id of s.manualIds) if (!byHand.has(id)) byHand.set(id, s.id);
  for (const c of customers) {
    const segment = byHand.get(c.id) ?? ordered.find((s) => ruleMatches(s.rule, c.facts))?.id;
    if (segment !== undefined) members.get(segment)!.push(c.id);
  }
  return members;
}

/** What a segment's figures need of its members: worked out where the customers are (the analysis engine). */
export interface SegmentTotal {
  customers: number;
  /** fen */
  revenue: number;
  /** Coefficient of variation of revenue per customer inside the segment; null with fewer than two customers or no revenue. */
  variation: number | null;
}

export function segmentTotals(members: ReadonlyMap<number, readonly number[]>, revenueOf: ReadonlyMap<number, number>): Map<number, SegmentTotal> {
  const totals = new Map<number, SegmentTotal>();
  for (const [id, ids] of members) {
    const values = ids.map((c) => revenueOf.get(c) ?? 0);
    const revenue = values.reduce((a, b) => a + b, 0);
    let variation: number | null = null;
    if (values.length >= 2) {
      const mean = revenue / values.length;
      if (mean > 0) variation = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length) / mean;
    }
    totals.set(id, { customers: ids.length, revenue, variation });
  }
  return totals;
}

export interface SegmentFigures {
  id: number;
  customers: number;
  /** fen */
  revenue: number;
  /** revenue ÷ all customers' revenue (the whole store, not only the segments). */
  businessShare: number;
  /** staff hours × hourly cost + gifts + discounts, fen. */
  resourceCost: number;
  /** resourceCost ÷ all segments' resource cost; null when nothing was entered anywhere. */
  resourceShare: number | null;
  /** businessShare ÷ resourceShare: above 1 the segment earns more than it takes. */
  leverage: number | null;
  /** revenue ÷ marketPotential. */
  potentialTaken: number | null;
  /** ourShare − competitorShare, percentage points. */
  shareGap: number | null;
  /** fen per customer; null for an empty segment. */
  revenuePerCustomer: number | null;
}

/** `hourlyCost` in fen turns staff time into money, so the three resources add up. */
export function segmentFigures(segments: readonly NeedsSegment[], totals: ReadonlyMap<number, Pick<SegmentTotal, 'customers' | 'revenue'>>, totalRevenue: number, hourlyCost: number): SegmentFigures[] {
  const cost = (s: NeedsSegment) => s.staffHours * hourlyCost + s.gifts + s.discounts;
  const totalCost = segments.reduce((n, s) => n + cost(s), 0);
  return byPriority(segments).map((s) => {
    const { customers, revenue } = totals.get(s.id) ?? { customers: 0, revenue: 0 };
    const businessShare = totalRevenue > 0 ? revenue / totalRevenue : 0;
    const resourceShare = totalCost > 0 ? cost(s) / totalCost : null;
    return {
      id: s.id,
      customers,
      revenue,
      businessShare,
      resourceCost: cost(s),
      resourceShare,
      leverage: resourceShare ? businessShare / resourceShare : null,
      potentialTaken: s.marketPotential ? revenue / s.marketPotential : null,
      shareGap: s.ourShare !== null && s.competitorShare !== null ? s.ourShare - s.competitorShare : null,
      revenuePerCustomer: customers ? revenue / customers : null,
    };
  });
}

export type Strategy = 'concentrate' | 'differentiate' | 'personalise';

export interface StrategyAdvice {
  strategy: Strategy;
  /** Highest ÷ lowest revenue per customer across the segments with customers. */
  spread: number | null;
  /** Mean coefficient of variation of revenue per customer inside the segments. */
  withinVariation: number | null;
}

/** Cut points of the advice: documented in the UI beside it. */
export const strategyCuts = { concentrateSpread: 1.5, personaliseVariation: 1 } as const;

/**
 * Seed 001: concentrate when all customers create about equal value; differentiate when some
 * segments are worth clearly more; personalise when customers differ a lot in value even within
 * their segment. So: segments within 1.5× of each other per customer → concentrate; else a mean
 * within-segment coefficient of variation above 1 → personalise; else differentiate.
 */
export function adviseStrategy(figures: readonly SegmentFigures[], totals: ReadonlyMap<number, Pick<SegmentTotal, 'variation'>>): StrategyAdvice {
  const perCustomer = figures.map((f) => f.revenuePerCustomer).filter((v): v is number => v !== null && v > 0);
  const variations = figures.map((f) => totals.get(f.id)?.variation ?? null).filter((v): v is number => v !== null);
  const withinVariation = variations.length ? variations.reduce((a, b) => a + b, 0) / variations.length : null;
  if (perCustomer.length < 2) return { strategy: 'concentrate', spread: null, withinVariation };
  const spread = Math.max(...perCustomer) / Math.min(...perCustomer);
  if (spread <= strategyCuts.concentrateSpread) return { strategy: 'concentrate', spread, withinVariation };
  if (withinVariation !== null && withinVariation > strategyCuts.personaliseVariation) return { strategy: 'personalise', spread, withinVariation };
  return { strategy: 'differentiate', spread, withinVariation };
}
