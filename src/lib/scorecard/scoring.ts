/** Overall score, gaps and weak dimensions of one assessment (domain.md §1). */
import { entryOf, type Assessment } from './assessment';
import type { DimensionSet, Score } from './dimensions';

export interface Gap {
  dimensionId: string;
  score: Score;
  target: Score;
  weight: number;
  /** target − score; negative when the store is above its target. */
  gap: number;
  /** gap × weight: what the order of work follows. */
  weightedGap: number;
}

/**
 * The weighted mean of the scored dimensions (1–5), or null when none is scored or every weight
 * is 0. Unscored dimensions are left out rather than counted as 0: a half-filled card is not a bad store.
 */
export function overallScore(set: DimensionSet, a: Assessment): number | null {
  let sum = 0;
  let weights = 0;
  for (const dim of set.dimensions) {
    const e = entryOf(a, dim.id);
    if (e.score === null) continue;
    sum += e.score * e.weight;
    weights += e.weight;
  }
  return weights > 0 ? sum / weights : null;
}

/** Dimensions with both a score and a target, largest weighted gap first; ties keep the set's order. */
export function gaps(set: DimensionSet, a: Assessment): Gap[] {
  const list: Gap[] = [];
  for (const dim of set.dimensions) {
    const e = entryOf(a, dim.id);
    if (e.score === null || e.target === null) continue;
    const gap = e.target - e.score;
    list.push({ dimensionId: dim.id, score: e.score, target: e.target, weight: e.weight, gap, weightedGap: gap * e.weight });
  }
  // Array.prototype.sort is stable: equal weighted gaps stay in the set's order.
  return list.sort((x, y) => y.weightedGap - x.weightedGap);
}

/** The course's threshold for "needs work": a score of 2 or less, or 2 or more below target. */
export const isWeak = (score: number | null, target: number | null): boolean => score !== null && (score <= 2 || (target !== null && target - score >= 2));

/** Weak dimensions in gap order (a weak dimension always has a score; without a target it sorts last). */
export function weakDimensions(set: DimensionSet, a: Assessment): string[] {
  const ordered = gaps(set, a).map((g) => g.dimensionId);
  const noTarget = set.dimensions.map((d) => d.id).filter((id) => !ordered.includes(id));
  return [...ordered, ...noTarget].filter((id) => {
    const e = entryOf(a, id);
    return isWeak(e.score, e.target);
  });
}
