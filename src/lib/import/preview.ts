/**
 * What every preview of the shared importer shows alike (customers and purchases, activity logs,
 * small record files): how the file was read, header row and mapping, row counts and problems.
 * The page never gets the rows, only this and each kind's own sample.
 */
import type { OpenedFile } from './analyse';
import { tallyProblems, type RowProblem } from './convert';
import { headerSignature } from './mapping';
import type { DateOrder } from './values/date';

/** The first problems a preview carries (all of them are in the downloadable report). */
export const PREVIEW_PROBLEMS = 1_000;

/** One screen (ui/import/ImportPanel) renders it for the activity log and the record kinds. */
export interface PreviewBase {
  encoding: OpenedFile['encoding'];
  sheet: OpenedFile['sheet'] | null;
  delimiter: OpenedFile['parsed']['delimiter'];
  headerLine: number;
  topRows: string[][];
  headers: string[];
  sampleRows: string[][];
  signature: string;
  settings: { headerRow: number; mapping: (string | null)[]; dateOrder: DateOrder | null };
  mappingProblems: { code: string }[];
  rowsRead: number;
  rowsValid: number;
  rowsWithErrors: number;
  problems: RowProblem[];
  problemCount: number;
  problemCounts: Record<string, number>;
}

/** The part of a preview every kind shows alike, from the opened file and its converted rows. */
export function previewBaseOf<S extends PreviewBase['settings'], M extends { code: string }>(
  file: OpenedFile,
  s: S,
  c: { headers: string[]; rowsRead: number; rowsValid: number; problems: RowProblem[] },
  mappingProblems: M[],
): PreviewBase & { settings: S; mappingProblems: M[] } {
  const { problemCounts, rowsWithErrors } = tallyProblems(c.problems);
  return {
    encoding: file.encoding,
    sheet: file.sheet ?? null,
    delimiter: file.parsed.delimiter,
    headerLine: file.parsed.lines[s.headerRow] ?? 1,
    topRows: file.parsed.rows.slice(0, Math.min(10, file.parsed.rows.length)),
    headers: c.headers,
    sampleRows: file.parsed.rows.slice(s.headerRow + 1, s.headerRow + 4),
    signature: headerSignature(c.headers),
    settings: s,
    mappingProblems,
    rowsRead: c.rowsRead,
    rowsValid: c.rowsValid,
    rowsWithErrors,
    problems: c.problems.slice(0, PREVIEW_PROBLEMS),
    problemCount: c.problems.length,
    problemCounts,
  };
}

