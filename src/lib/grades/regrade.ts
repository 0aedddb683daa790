/**
 * Re-grading on demand (seed 003: "re-grade regularly"): compares each customer's new grade with
 * the stored one and records every change — who, when, from, to — so a grade can be traced.
 */
import type { GradeFacts } from './facts';
import { scoreGrade, type Grade, type GradeCuts } from './rule';
import { inputAt } from './facts';

/** A customer's grade as of the last re-grade. */
export interface GradeState {
  /** Customer id. */
  id: number;
  grade: Grade;
  /** Points (0–5) behind the grade. */
  points: number;
  /** ISO instant of the re-grade that set it. */
  since: string;
}

/** One change; `from` null = first grade, `to` null = no longer graded (no purchases left). */
export interface GradeChange {
  customerId: number;
  from: Grade | null;
  to: Grade | null;
  points: number | null;
  /** ISO instant. */
  at: string;
  /** Who ran the re-grade, as they gave their name (or their role). */
  by: string;
}

export interface RegradeResult {
  /** States to store (changed or new). */
  put: GradeState[];
  /** Customers whose state goes (no purchases counted any more, or not in the file). */
  remove: number[];
  log: GradeChange[];
  counts: Record<Grade, number>;
}

/**
 * `filed`: ids in the customer file (lines of customers merged away are not graded). A customer
 * whose grade is unchanged keeps its state and `since`; only changes are written and logged.
 */
export function regrade(facts: GradeFacts, stored: readonly GradeState[], cuts: GradeCuts, at: string, by: string, filed?: ReadonlySet<number>): RegradeResult {
  const before = new Map(stored.map((s) => [s.id, s]));
  const put: GradeState[] = [];
  const log: GradeChange[] = [];
  const counts: Record<Grade, number> = { high: 0, medium: 0, low: 0 };
  const seen = new Set<number>();
  for (let k = 0; k < facts.ids.length; k++) {
    const id = facts.ids[k]!;
    if (filed && !filed.has(id)) continue;
    seen.add(id);
    const score = scoreGrade(inputAt(facts, k), cuts);
    counts[score.grade]++;
    const old = before.get(id);
    if (old && old.grade === score.grade) {
      if (old.points !== score.points) put.push({ ...old, points: score.points });
      continue;
    }
    put.push({ id, grade: score.grade, points: score.points, since: at });
    log.push({ customerId: id, from: old?.grade ?? null, to: score.grade, points: score.points, at, by });
  }
  const remove: number[] = [];
  for (const s of stored) {
    if (seen.has(s.id)) continue;
    remove.push(s.id);
    log.push({ customerId: s.id, from: s.grade, to: null, points: null, at, by });
  }
  return { put, remove, log, counts };
}

export function countGrades(states: readonly GradeState[]): Record<Grade, number> {
  const counts: Record<Grade, number> = { high: 0, medium: 0, low: 0 };
  for (const s of states) counts[s.grade]++;
  return counts;
}
