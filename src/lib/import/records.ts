/**
 * Small record files (prospects and their stage changes, the product file, …) through the
 * importer's machinery: the same decode → parse → header row → column mapping → per-row problems
 * (file line, column, value, code) → preview → all-or-nothing write. A kind describes only its
 * fields, their header words, what the mapping needs, and how one row becomes a record; the rest
 * is here, once (the worker session holds the file as it does for customers).
 */
import { err, ok, type Result } from '../result';
import { dataRows, type FileError, type OpenedFile } from './analyse';
import type { RowProblem, RowSource } from './convert';
import { headerKey } from './fields';
import { autoMap, columnHeaders, findHeaderRow } from './mapping';
import { previewBaseOf, type PreviewBase } from './preview';
import { dateReader, inferDateOrder, type DateError, type DateOrder, type ParsedDate } from './values/date';

import { cleanCell } from './values/text';

export type RecordMapping = (string | null)[];

/** What a row converter is handed: its line, and how to report a problem or read a date. */
export interface RowContext<F extends string> {
  line: number;
  problem: (field: F | null, value: string, code: string, severity?: 'error' | 'warning') => void;
  date: (raw: string) => Result<ParsedDate, DateError>;
}

export interface RecordKind<F extends string, R, O> {
  fields: readonly F[];
  /** The kind's header words (Chinese and English), each compared through headerKey. */
  synonyms: Record<F, readonly string[]>;
  /** Fields whose dates decide the day/month order when the file does not say. */
  dateFields?: readonly F[];
  /** What the mapping lacks: the import cannot start until it is fixed. */
  mappingProblems: (mapping: readonly (F | null)[]) => { code: string }[];
  /** One row (cells already cleaned, '' when the field is not mapped) → a record, or null when it has an error. */
  row: (cell: (field: F) => string, context: RowContext<F>) => R | null;
  /** The valid records (with their lines) → what is written, with counts for the preview. */
  finish: (records: readonly { record: R; line: number }[]) => { output: O; summary: Record<string, number>; sample: string[][] };
  /** The columns of `sample` (field names or the kind's own words, labelled by the page). */
  sampleColumns: readonly string[];
}

/** A lookup from header text to the kind's field. */
export function fieldLookup<F extends string>(kind: { fields: readonly F[]; synonyms: Record<F, readonly string[]> }): (header: string) => F | null {
  const byKey = new Map<string, F>();
  for (const field of kind.fields) for (const word of kind.synonyms[field]) if (!byKey.has(headerKey(word))) byKey.set(headerKey(word), field);
  return (header) => byKey.get(headerKey(header)) ?? null;
}

export interface RecordSettings {
  headerRow?: number;
  mapping?: RecordMapping;
  dateOrder?: DateOrder | null;
}

export interface ResolvedRecordSettings {
  headerRow: number;
  mapping: RecordMapping;
  dateOrder: DateOrder | null;
}

export function resolveRecordSettings<F extends string, R, O>(file: OpenedFile, kind: RecordKind<F, R, O>, settings: RecordSettings): ResolvedRecordSettings {
  const fieldFor = fieldLookup(kind);
  const rows = file.parsed.rows;
  const headerRow = Math.min(settings.headerRow ?? findHeaderRow(rows, fieldFor), rows.length - 1);
  const headers = rows[headerRow]!;
  const mapping = settings.mapping && settings.mapping.length === headers.length ? settings.mapping : autoMap(headers, fieldFor);
  return { headerRow, mapping, dateOrder: settings.dateOrder ?? null };
}

export interface RecordsConverted<O> {
  headers: string[];
  rowsRead: number;
  rowsValid: number;
  problems: RowProblem[];
  output: O;
  summary: Record<string, number>;
  sample: string[][];
}

export function convertRecordRows<F extends string, R, O>(kind: RecordKind<F, R, O>, headers: string[], head: readonly string[][], source: RowSource, s: ResolvedRecordSettings): RecordsConverted<O> {
  const col = new Map<F, number>();
  s.mapping.forEach((f, i) => f && (kind.fields as readonly string[]).includes(f) && col.set(f as F, i));
  const dateCols = (kind.dateFields ?? []).map((f) => col.get(f)).filter((i) => i !== undefined);
  const order = s.dateOrder ?? inferDateOrder(head.slice(0, 5_000).flatMap((r) => dateCols.map((i) => cleanCell(r[i] ?? '')).filter((v) => v !== ''))).order;
  const readDate = dateReader(order);
  const problems: RowProblem[] = [];
  const records: { record: R; line: number }[] = [];
  let rowsRead = 0;
  source((row, line) => {
    if (row.every((c) => cleanCell(c) === '')) return;
    rowsRead++;
    const rowProblems: RowProblem[] = [];
    const problem = (field: F | null, value: string, code: string, severity: 'error' | 'warning' = 'error') =>
      rowProblems.push({ line, column: field === null ? null : (headers[col.get(field) ?? -1] ?? null), value, code, severity });
    if (row.length > headers.length && row.slice(headers.length).some((c) => cleanCell(c) !== '')) problem(null, row.slice(headers.length).join(' | ').slice(0, 200), 'row.tooManyCells');
    const cell = (field: F) => {
      const i = col.get(field);
      return i === undefined ? '' : cleanCell(row[i] ?? '');
    };
    const record = kind.row(cell, { line, problem, date: readDate });
    problems.push(...rowProblems);
    if (record !== null && !rowProblems.some((p) => p.severity === 'error')) records.push({ record, line });
  });
  const { output, summary, sample } = kind.finish(records);
  return { headers, rowsRead, rowsValid: records.length, problems, output, summary, sample };
}

/**
 * Converts the rows below the header row with `convert` (headers as written, the parsed head for
 * sampling dates, every data row as a source): a header-only file or a broken one is a file error.
 */
export function convertBelowHeader<C extends { rowsRead: number }>(
  file: OpenedFile,
  headerRow: number,
  convert: (headers: string[], head: readonly string[][], source: RowSource) => C,
  onProgress?: (fraction: number) => void,
): Result<C, FileError> {
  const rows = file.parsed.rows;
  // A header used twice is shown and reported as 手机 (1) and 手机 (2), as in the customer import.
  const headers = columnHeaders(rows, headerRow);
  if (file.complete && headerRow === rows.length - 1) return err({ code: 'file.headerOnly' });
  const data = dataRows(file, headerRow, onProgress);
  const converted = convert(headers, rows.slice(headerRow + 1), data.source);
  const failure = data.error();
  if (failure) return err(failure);
  if (converted.rowsRead === 0) return err({ code: 'file.headerOnly' });
  return ok(converted);
}

export function convertRecordFile<F extends string, R, O>(kind: RecordKind<F, R, O>, file: OpenedFile, s: ResolvedRecordSettings): Result<RecordsConverted<O>, FileError> {
  return convertBelowHeader(file, s.headerRow, (headers, head, source) => convertRecordRows(kind, headers, head, source, s));
}

/** What a write did, as the result table shows it (labels in the UI language). */
export type ImportCounts = { label: string; value: number }[];

export interface RecordPreview extends PreviewBase {
  settings: ResolvedRecordSettings;
  fields: string[];
  summary: Record<string, number>;
  sampleColumns: string[];
  sample: string[][];
}

export function recordPreviewOf<F extends string, R, O>(kind: RecordKind<F, R, O>, file: OpenedFile, s: ResolvedRecordSettings, c: RecordsConverted<O>): RecordPreview {
  return {
    ...previewBaseOf(file, s, c, kind.mappingProblems(s.mapping as (F | null)[])),
    fields: [...kind.fields],
    summary: c.summary,
    sampleColumns: [...kind.sampleColumns],
    sample: c.sample.slice(0, 20),
  };
}
