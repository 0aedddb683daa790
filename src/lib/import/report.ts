/** The per-row problem report as a CSV the user downloads, in the UI's language. */
import { toCsv } from '../csv/export';
import type { RowProblem } from './convert';

export interface ProblemLabels {
  /** Headers: line, column, value, problem, severity. */
  headers: [string, string, string, string, string];
  messages: Record<string, string>;
  severity: { error: string; warning: string };
  wholeRow: string;
}

export function problemsCsv(problems: readonly RowProblem[], labels: ProblemLabels): string {
  return toCsv(
    labels.headers,
    problems.map((p) => [p.line, p.column ?? labels.wholeRow, p.value, labels.messages[p.code] ?? p.code, labels.severity[p.severity]]),
  );
}
