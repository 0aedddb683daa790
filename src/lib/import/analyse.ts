/**
 * The import's read side, as the worker runs it: decode → rows → header → mapping → converted
 * rows, and a small preview for the page (never the whole file: a million rows stay in the worker).
 */
import { lineAt, type PurchaseLine } from '../purchases/columns';
import { err, ok, type Result } from '../result';
import { convertRows, defaultNonProductCodes, tallyProblems, type Converted, type ImportedCustomer, type RowProblem, type RowSource } from './convert';
import { decodeBytes, type DecodeError, type Encoding } from './decode';
import { autoMap, defaultMatchKey, detectKind, findHeaderRow, headerSignature, mappingProblems, type ImportKind, type Mapping, type MappingProblem, type MatchKey } from './mapping';
import { forEachRow, parseRows, type Delimiter, type ParseError, type ParsedRows } from './parse';
import type { DateOrder } from './values/date';

export type FileError = DecodeError | ParseError | { code: 'file.headerOnly' } | { code: 'file.noRows' };

/** Rows parsed when a file is opened: enough to find the header, sample values and read dates. */
const HEAD_ROWS = 5_000;

export interface OpenedFile {
  encoding: Encoding;
  text: string;
  /** The first rows only (HEAD_ROWS); the rest are parsed as they are converted. */
  parsed: ParsedRows;
  /** Whether `parsed` holds every row of the file. */
  complete: boolean;
}

export function openFile(bytes: Uint8Array): Result<OpenedFile, FileError> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseRows(decoded.value.text, HEAD_ROWS + 1);
  if (!parsed.ok) return parsed;
  if (parsed.value.rows.length === 0) return err({ code: 'file.noRows' });
  const complete = parsed.value.rows.length <= HEAD_ROWS;
  return ok({ encoding: decoded.value.encoding, text: decoded.value.text, parsed: parsed.value, complete });
}

/** What the user can set on the preview; anything left out is detected. */
export interface ImportSettings {
  headerRow?: number;
  mapping?: Mapping;
  kind?: ImportKind;
  matchKey?: MatchKey;
  dateOrder?: DateOrder | null;
  nonProductCodes?: string[];
}

export interface ResolvedSettings {
  headerRow: number;
  mapping: Mapping;
  kind: ImportKind;
  detectedKind: ImportKind;
  matchKey: MatchKey;
  dateOrder: DateOrder | null;
  nonProductCodes: string[];
}

export function resolveSettings(file: OpenedFile, settings: ImportSettings): ResolvedSettings {
  const rows = file.parsed.rows;
  const headerRow = Math.min(settings.headerRow ?? findHeaderRow(rows), rows.length - 1);
  const headers = rows[headerRow]!;
  const mapping = settings.mapping && settings.mapping.length === headers.length ? settings.mapping : autoMap(headers);
  const detectedKind = detectKind(mapping);
  return {
    headerRow,
    mapping,
    kind: settings.kind ?? detectedKind,
    detectedKind,
    matchKey: settings.matchKey ?? defaultMatchKey(mapping),
    dateOrder: settings.dateOrder ?? null,
    nonProductCodes: settings.nonProductCodes ?? defaultNonProductCodes,
  };
}

/**
 * A stretch of the file's text converted on its own (two halves run in two workers side by
 * side, then mergeConverted joins them): [start, end) of the text, the line it starts on, and
 * whether it holds the header (the first part) or only data rows.
 */
export interface FilePart {
  start: number;
  end: number;
  firstLine: number;
  first: boolean;
}

export function convertFile(file: OpenedFile, s: ResolvedSettings, onProgress?: (fraction: number) => void, part?: FilePart): Result<Converted, FileError> {
  const { rows } = file.parsed;
  const headers = rows[s.headerRow]!.map((h) => h.trim());
  if (file.complete && s.headerRow === rows.length - 1) return err({ code: 'file.headerOnly' });
  // Rows are parsed again as they are converted (the head was only a look), skipping the header
  // and what stands above it; the typed arrays start at about the file's size in rows.
  const expected = file.complete ? rows.length : HEAD_ROWS * 8;
  const data = dataRows(file, s.headerRow, onProgress, part);
  const converted = convertRows(headers, rows.slice(s.headerRow + 1), data.source, s, expected);
  const failure = data.error();
  if (failure) return err(failure);
  if (converted.rowsRead === 0 && !(part && !part.first)) return err({ code: 'file.headerOnly' });
  return ok(converted);
}

/**
 * The rows below the header as a row source (shared by every kind of import: customers,
 * purchases, activity logs). Rows are parsed again as they are visited (the head was only a
 * look), skipping the header and what stands above it; `error()` tells a structural parse error
 * once the source has run.
 */
export function dataRows(file: OpenedFile, headerRow: number, onProgress?: (fraction: number) => void, part?: FilePart): { source: RowSource; error: () => FileError | null } {
  let parseError: FileError | null = null;
  const text = part ? file.text.slice(part.start, part.end) : file.text;
  // A later part of the file has no header above its rows.
  const skip = part && !part.first ? -1 : headerRow;
  const source: RowSource = (visit) => {
    let index = 0;
    parseError = forEachRow(text, file.parsed.delimiter, (row, line) => {
      if (index++ > skip) visit(row, line);
    }, { ...(onProgress ? { onProgress } : {}), ...(part ? { firstLine: part.firstLine } : {}) });
  };
  return { source, error: () => parseError };
}

const PREVIEW_ROWS = 20;
export const PREVIEW_PROBLEMS = 1_000;

export interface ImportPreview {
  encoding: Encoding;
  delimiter: Delimiter;
  /** 1-based file line of the header. */
  headerLine: number;
  /** The rows above and including the header, for choosing another header row. */
  topRows: string[][];
  headers: string[];
  /** The first data rows as written, to show beside the mapping. */
  sampleRows: string[][];
  signature: string;
  settings: ResolvedSettings;
  mappingProblems: MappingProblem[];
  dateEvidence: Converted['dateEvidence'];
  rowsRead: number;
  rowsValid: number;
  rowsWithErrors: number;
  summaryLines: number[];
  /** The first problems (all of them are in the downloadable report). */
  problems: RowProblem[];
  problemCount: number;
  problemCounts: Record<string, number>;
  classCounts: Converted['classCounts'];
  sampleCustomers: ImportedCustomer[];
  sampleLines: (PurchaseLine & { line: number })[];
  customersInFile: number;
  linesInFile: number;
}

export function previewOf(file: OpenedFile, s: ResolvedSettings, c: Converted): ImportPreview {
  const { problemCounts, rowsWithErrors } = tallyProblems(c.problems);
  const lines = c.lines;
  return {
    encoding: file.encoding,
    delimiter: file.parsed.delimiter,
    headerLine: file.parsed.lines[s.headerRow] ?? 1,
    topRows: file.parsed.rows.slice(0, Math.min(10, file.parsed.rows.length)),
    headers: c.headers,
    sampleRows: file.parsed.rows.slice(s.headerRow + 1, s.headerRow + 4),
    signature: headerSignature(c.headers),
    settings: s,
    mappingProblems: mappingProblems(s.kind, s.mapping, s.matchKey),
    dateEvidence: c.dateEvidence,
    rowsRead: c.rowsRead,
    rowsValid: c.rowsValid,
    rowsWithErrors,
    summaryLines: c.summaryLines,
    problems: c.problems.slice(0, PREVIEW_PROBLEMS),
    problemCount: c.problems.length,
    problemCounts,
    classCounts: c.classCounts,
    sampleCustomers: c.customers.slice(0, PREVIEW_ROWS),
    sampleLines: lines ? Array.from({ length: Math.min(PREVIEW_ROWS, lines.length) }, (_, i) => ({ ...lineAt(lines, i), line: c.lineSource[i]! })) : [],
    customersInFile: c.customers.length,
    linesInFile: lines?.length ?? 0,
  };
}
