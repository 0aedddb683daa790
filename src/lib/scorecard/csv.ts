/** The scorecard as rows for CSV export: one row per dimension (headers come from the UI language). */
import type { CsvCell } from '../csv/export';
import { entryOf, type Assessment } from './assessment';
import { pick, type DimensionSet } from './dimensions';
import type { DimensionStats } from './class-stats';
import type { AssessmentFile } from './file';

export const assessmentCsvColumns = ['store', 'date', 'assessor', 'role', 'dimension', 'score', 'target', 'gap', 'weight', 'weightedGap', 'note'] as const;

export function assessmentCsvRows(set: DimensionSet, a: Assessment, locale: 'zh' | 'en', roleLabel: string): CsvCell[][] {
  return set.dimensions.map((dim) => {
    const e = entryOf(a, dim.id);
    const gap = e.score !== null && e.target !== null ? e.target - e.score : null;
    return [a.store, a.date, a.assessor, roleLabel, pick(dim.name, locale), e.score, e.target, gap, e.weight, gap === null ? null : gap * e.weight, e.note];
  });
}

export const classCsvColumns = ['dimension', 'n', 'min', 'q1', 'median', 'q3', 'max', 'mean'] as const;

/** The class table; each member's score follows under the name the UI shows (real or anonymous). */
export function classCsvRows(stats: readonly DimensionStats[], members: readonly AssessmentFile[], names: (dimensionId: string) => string): CsvCell[][] {
  const round = (x: number) => Math.round(x * 100) / 100;
  return stats.map((s) => [names(s.dimensionId), s.n, s.min, round(s.q1), round(s.median), round(s.q3), s.max, round(s.mean), ...members.map((m) => entryOf(m.assessment, s.dimensionId).score)]);
}
