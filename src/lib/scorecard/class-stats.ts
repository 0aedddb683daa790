/** A trainer's class: every trainee's assessment side by side, and the distribution per dimension. */
import { entryOf } from './assessment';
import type { Dimension } from './dimensions';
import type { AssessmentFile } from './file';

/**
 * One file per assessment id: a file dropped twice (or re-exported after an edit) counts once,
 * the most recently updated copy winning. Two trainees never share an id (it is random).
 */
export function dedupeMembers(files: readonly AssessmentFile[]): { members: AssessmentFile[]; duplicates: number } {
  const byId = new Map<string, AssessmentFile>();
  for (const f of files) {
    const seen = byId.get(f.assessment.id);
    if (!seen || f.assessment.updatedAt > seen.assessment.updatedAt) byId.set(f.assessment.id, f);
  }
  return { members: [...byId.values()], duplicates: files.length - byId.size };
}

/** The class's dimensions: the first member's set in its order, then any others' extra dimensions. */
export function classDimensions(members: readonly AssessmentFile[]): Dimension[] {
  const out = new Map<string, Dimension>();
  for (const m of members) for (const d of m.set.dimensions) if (!out.has(d.id)) out.set(d.id, d);
  return [...out.values()];
}

/** Quantile by linear interpolation between order statistics (R type 7, Excel QUARTILE.INC). */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

export interface DimensionStats {
  dimensionId: string;
  /** Members who scored it. */
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  mean: number;
  scores: number[];
}

export function dimensionStats(members: readonly AssessmentFile[], dimensionId: string): DimensionStats | null {
  const scores = members.flatMap((m) => {
    if (!m.set.dimensions.some((d) => d.id === dimensionId)) return [];
    const s = entryOf(m.assessment, dimensionId).score;
    return s === null ? [] : [s];
  });
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((x, y) => x - y);
  return {
    dimensionId,
    n: scores.length,
    min: sorted[0]!,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted.at(-1)!,
    mean: scores.reduce((s, x) => s + x, 0) / scores.length,
    scores,
  };
}

export function classStats(members: readonly AssessmentFile[]): DimensionStats[] {
  return classDimensions(members).flatMap((d) => dimensionStats(members, d.id) ?? []);
}

/** The `count` lowest class means; ties keep the dimension order. */
export function weakestDimensions(stats: readonly DimensionStats[], count = 3): DimensionStats[] {
  return [...stats].sort((x, y) => x.mean - y.mean).slice(0, count);
}

/** Dots for a strip chart: x = the dimension's index, equal scores spread sideways (0, +0.07, −0.07, +0.14, …). */
export function stripPoints(stats: readonly DimensionStats[], step = 0.07): { x: number; y: number }[] {
  return stats.flatMap((s, i) => {
    const seen = new Map<number, number>();
    return s.scores.map((y) => {
      const k = seen.get(y) ?? 0;
      seen.set(y, k + 1);
      return { x: i + (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * step, y };
    });
  });
}
