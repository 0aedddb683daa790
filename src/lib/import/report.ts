/** The per-row problem report as a CSV the user downloads, in the UI's language. */
import { toCsv } from '../csv/export';
import type { RowProblem } from './convert';
import { forEachRow, type Delimiter } from './parse';

export interface ProblemLabels {
  /** Headers: line, column, value, problem, severity. */
  headers: [string, string, string, string, string];
  messages: Record<string, string>;
  severity: { error: string; warning: string };
  /** What a problem of this code did, where its severity alone would say it wrongly. */
  effects?: Record<string, string>;
  wholeRow: string;
}

export function problemsCsv(problems: readonly RowProblem[], labels: ProblemLabels): string {
  return toCsv(
    labels.headers,
    problems.map((p) => [p.line, p.column ?? labels.wholeRow, p.value, labels.messages[p.code] ?? p.code, labels.effects?.[p.code] ?? labels.severity[p.severity]]),
  );
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
  return toCsv(headers, rows);
}
