/**
 * Recorded time against the course's split (30/25/25/10/10, domain.md §4) and the store's own
 * target for selling time: shares, the gap in percentage points and in hours.
 */
import type { Breakdown, TimeAnalysis } from './aggregate';
import { courseSplit, type TimeSetup } from './setup';

/** A share of `total`, 0 when nothing was recorded. */
export const share = (part: number, total: number) => (total > 0 ? part / total : 0);

export interface CategoryGap {
  category: string;
  minutes: number;
  share: number;
  /** The course's share for the category, null for the store's own categories. */
  courseShare: number | null;
  /** (share − course share) × 100. */
  gapPoints: number | null;
  /** Hours above (+) or below (−) what the course's share of the same total would be. */
  gapHours: number | null;
}

export function gapToCourse(b: Breakdown, categories: readonly string[]): CategoryGap[] {
  return categories.map((category, i) => {
    const minutes = b.minutes[i] ?? 0;
    const s = share(minutes, b.total);
    const course = courseSplit[category] ?? null;
    return {
      category,
      minutes,
      share: s,
      courseShare: course,
      gapPoints: course === null ? null : round1((s - course) * 100),
      gapHours: course === null ? null : round1((minutes - course * b.total) / 60),
    };
  });
}

/** The course's selling / customer-facing share: selling 25 % + visiting 10 %. */
export const courseSellingShare = 0.35;

export interface SellingGap {
  sellingShare: number;
  /** Percentage points: selling share − target. */
  toTarget: number;
  toCourse: number;
  /** Selling hours missing to reach the target with the same total (0 when at or above it). */
  hoursToTarget: number;
}

export function sellingGap(b: Breakdown, target: number): SellingGap {
  const s = share(b.selling, b.total);
  return {
    sellingShare: s,
    toTarget: round1((s - target) * 100),
    toCourse: round1((s - courseSellingShare) * 100),
    hoursToTarget: round1(Math.max(0, target * b.total - b.selling) / 60),
  };
}

export interface TransactionalLoad {
  category: string;
  minutes: number;
  /** Of all recorded time. */
  share: number;
  /** The reps carrying it, most minutes first, with their own share of their time. */
  reps: { rep: string; minutes: number; shareOfCategory: number; shareOfRep: number }[];
}

/**
 * Where transactional time goes: categories by minutes, each with the reps who carry it. A
 * category is taken as transactional when most of its recorded minutes were (a re-marked one
 * can be both).
 */
export function topTransactional(a: TimeAnalysis, setup: Pick<TimeSetup, 'categories'>, limit = 5): TransactionalLoad[] {
  const kinds = new Map(setup.categories.map((c) => [c.id, c.kinds[c.kinds.length - 1]?.kind]));
  return a.categories
    .map((category, i) => ({ category, i, minutes: a.team.minutes[i] ?? 0 }))
    .filter((c) => c.minutes > 0 && kinds.get(c.category) !== 'selling')
    .sort((x, y) => y.minutes - x.minutes)
    .slice(0, limit)
    .map(({ category, i, minutes }) => ({
      category,
      minutes,
      share: share(minutes, a.team.total),
      reps: a.reps
        .filter((r) => (r.minutes[i] ?? 0) > 0)
        .map((r) => ({ rep: r.key, minutes: r.minutes[i]!, shareOfCategory: share(r.minutes[i]!, minutes), shareOfRep: share(r.minutes[i]!, r.total) }))
        .sort((x, y) => y.minutes - x.minutes),
    }));
}

const round1 = (x: number) => Math.round(x * 10) / 10;
