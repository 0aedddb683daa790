/**
 * The analysis as tables (rows of cells) for CSV export and the weekly report: minutes as
 * recorded, shares as percentages with one decimal. Labels come from the caller (UI language).
 */
import type { Breakdown, TimeAnalysis } from './aggregate';
import { gapToCourse, share, type TransactionalLoad } from './compare';
import { courseSplit } from './setup';

export interface TableLabels {
  who: string;
  /** Header for a category's minutes. */
  minutesOf: (categoryName: string) => string;
  total: string;
  selling: string;
  transactional: string;
  sellingShare: string;
  categoryName: (id: string) => string;
  repName: (id: string) => string;
  team: string;
}

export type Cell = string | number;
export const pct1 = (x: number) => Math.round(x * 1000) / 10;

function breakdownRow(label: string, b: Breakdown): Cell[] {
  return [label, ...b.minutes, b.total, b.selling, b.transactional, pct1(share(b.selling, b.total))];
}

/** Per rep, then the team: minutes per category, totals and the selling share (%). */
export function splitTable(a: TimeAnalysis, l: TableLabels): { headers: string[]; rows: Cell[][] } {
  return {
    headers: [l.who, ...a.categories.map((c) => l.minutesOf(l.categoryName(c))), l.total, l.selling, l.transactional, l.sellingShare],
    rows: [...a.reps.map((r) => breakdownRow(l.repName(r.key), r)), breakdownRow(l.team, a.team)],
  };
}

/** Per ISO week (or month): the same columns. */
export function periodTable(periods: readonly Breakdown[], a: TimeAnalysis, l: TableLabels, periodHeader: string): { headers: string[]; rows: Cell[][] } {
  return {
    headers: [periodHeader, ...a.categories.map((c) => l.minutesOf(l.categoryName(c))), l.total, l.selling, l.transactional, l.sellingShare],
    rows: periods.map((p) => breakdownRow(p.key, p)),
  };
}

/** Per category: store share, course share, gap in points and hours. */
export function gapTable(a: TimeAnalysis, headers: [string, string, string, string, string, string], categoryName: (id: string) => string): { headers: string[]; rows: Cell[][] } {
  return {
    headers,
    rows: gapToCourse(a.team, a.categories).map((g) => [
      categoryName(g.category),
      Math.round((g.minutes / 60) * 10) / 10,
      pct1(g.share),
      g.courseShare === null ? '' : pct1(g.courseShare),
      g.gapPoints ?? '',
      g.gapHours ?? '',
    ]),
  };
}

/** The course's split as shares per category id of `categories` (0 for the store's own). */
export const courseShares = (categories: readonly string[]) => categories.map((c) => courseSplit[c] ?? 0);

/** Where transactional time goes: one row per category and rep carrying it. */
export function topTable(top: readonly TransactionalLoad[], headers: [string, string, string, string, string, string], categoryName: (id: string) => string, repName: (id: string) => string): { headers: string[]; rows: Cell[][] } {
  return {
    headers,
    rows: top.flatMap((c) => c.reps.map((r) => [categoryName(c.category), c.minutes, pct1(c.share), repName(r.rep), r.minutes, pct1(r.shareOfRep)])),
  };
}
