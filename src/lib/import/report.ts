/** The per-row problem report as a CSV the user downloads, in the UI's language. */
import { toCsv } from '../csv/export';
import { keptWarnings, type RowProblem } from './convert';
import { forEachRow, type Delimiter } from './parse';

export interface ProblemLabels {
  /** Headers: line, column, value, problem, severity. */
  headers: [string, string, string, string, string];
  messages: Record<string, string>;
  /** `kept`: for a warning whose value is imported all the same (convert keptWarnings). */
  severity: { error: string; warning: string; kept?: string };
  /** What a problem of this code did, where its severity alone would say it wrongly. */
  effects?: Record<string, string>;
  wholeRow: string;
}

export function problemsCsv(problems: readonly RowProblem[], labels: ProblemLabels): string {
  return toCsv(
    labels.headers,
    problems.map((p) => [p.line, p.column ?? labels.wholeRow, p.value, labels.messages[p.code] ?? p.code, effectOf(p, labels.severity, labels.effects)]),
  );
}

/** What a problem did to the row: its code's own effect where it has one, else not imported, value not imported, or imported to be checked. */
export function effectOf(p: RowProblem, severity: ProblemLabels['severity'], effects?: ProblemLabels['effects']): string {
  const own = effects?.[p.code];
  if (own !== undefined) return own;
  return p.severity === 'warning' && severity.kept !== undefined && keptWarnings.has(p.code) ? severity.kept : severity[p.severity];
}

/**
 * The user's own file back with a 错误原因 column (what Chinese import tools hand back): the
 * header and every data row as read, each with its problems (column: reason; …), so the rows can
 * be fixed in Excel and the file imported again (the extra column maps to nothing).
 */
export function fileWithReasons(text: string, delimiter: Delimiter, headerRow: number, problems: readonly RowProblem[], labels: Pick<ProblemLabels, 'messages' | 'wholeRow'> & { reasonColumn: string }): string {
  const reasons = new Map<number, string[]>();
  for (const p of problems) {
    const list = reasons.get(p.line) ?? reasons.set(p.line, []).get(p.line)!;
    list.push(`${p.column ?? labels.wholeRow}: ${labels.messages[p.code] ?? p.code}`);
  }
  let headers: string[] = [];
  const rows: string[][] = [];
  let index = 0;
  forEachRow(text, delimiter, (read, line) => {
    // A file with mixed line endings leaves a CR at the end of its rows' last cells.
    const row = read.map((cell, i) => (i === read.length - 1 ? cell.replace(/\r$/, '') : cell));
    if (index === headerRow) headers = [...row, labels.reasonColumn];
    else if (index > headerRow) rows.push([...row, (reasons.get(line) ?? []).join('；')]);
    index++;
  });
  // A file with no header row (NO_HEADER_ROW) gets the column names the preview showed: 1, 2, 3…
  if (headerRow < 0) headers = [...Array.from({ length: Math.max(0, ...rows.map((r) => r.length - 1)) }, (_, i) => String(i + 1)), labels.reasonColumn];
  return toCsv(headers, rows);
}
