/**
 * The import's read side, as the worker runs it: decode → rows → header → mapping → converted
 * rows, and a small preview for the page (never the whole file: a million rows stay in the worker).
 */
import { lineAt, type PurchaseLine } from '../purchases/columns';
import { err, ok, type Result } from '../result';
import { convertRows, defaultNonProductCodes, type Converted, type FutureBirthdayChoice, type ImportedCustomer, type KeylessChoice, type RowSource } from './convert';
import { decodeBytes, decodePart, detectEncoding, textProblem, type DecodeError, type Encoding } from './decode';
import { autoMap, columnHeaders, defaultMatchKey, detectHeaderRow, detectKind, mappingProblems, type ImportKind, type Mapping, type MappingProblem, type MatchKey } from './mapping';
import { guessColumns } from './guess';
import { evenedLineBreaks, evenLineBreaks, forEachRow, parseRows, splitPointBytes, type ParseError, type ParsedRows } from './parse';
import { readWorkbook, type WorkbookError } from './workbook';
import type { DateOrder } from './values/date';
import { previewBaseOf, type PreviewBase } from './preview';

export type FileError = DecodeError | WorkbookError | ParseError | { code: 'file.headerOnly' } | { code: 'file.noRows' };

/** How the text was read: a detected text encoding, or an .xlsx workbook's sheet turned into CSV. */
export type FileSource = Encoding | 'xlsx';

/** Rows parsed when a file is opened: enough to find the header, sample values and read dates. */
const HEAD_ROWS = 5_000;

export interface OpenedFile {
  encoding: FileSource;
  /** For an .xlsx: the sheet read (the first one holding anything) and how many the workbook has. */
  sheet?: { name: string; count: number };
  text: string;
  /** The first rows only (HEAD_ROWS); the rest are parsed as they are converted. */
  parsed: ParsedRows;
  /** Whether `parsed` holds every row of the file. */
  complete: boolean;
}

export function openFile(bytes: Uint8Array): Result<OpenedFile, FileError> {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  return openText(decoded.value.text, decoded.value.encoding);
}

/** `even`: whether the line breaks are evened (decided from the whole file when this is a part of one). */
function openText(raw: string, encoding: FileSource, sheet?: OpenedFile['sheet'], even?: boolean): Result<OpenedFile, FileError> {
  const text = even === undefined ? evenLineBreaks(raw) : even ? evenedLineBreaks(raw) : raw;
  // A sheet's CSV is always comma-separated: guessing could pick a ';' that fills a text column.
  const parsed = parseRows(text, HEAD_ROWS + 1, encoding === 'xlsx' ? ',' : undefined);
  if (!parsed.ok) return parsed;
  if (parsed.value.rows.length === 0) return err({ code: 'file.noRows' });
  const complete = parsed.value.rows.length <= HEAD_ROWS;
  return ok({ encoding, ...(sheet ? { sheet } : {}), text, parsed: parsed.value, complete });
}

/**
 * Where a large text file's bytes are cut in two, so that each part is decoded and converted in
 * its own worker side by side (import.worker): a row boundary near the middle (parse.ts
 * splitPointBytes), the encoding detected from the whole file as openFile does, and whether the
 * whole file's line breaks are evened (each part is evened alike). Null for a file not cut so
 * (UTF-16, a refused file, no row boundary): it is opened whole.
 */
export interface ByteCut {
  encoding: Encoding;
  bom: number;
  /** The first byte of the second part, and the 1-based line it starts on. */
  at: number;
  line: number;
  even: boolean;
}

export function cutBytes(bytes: Uint8Array): ByteCut | null {
  const detected = detectEncoding(bytes);
  if ('refused' in detected || detected.encoding === 'utf-16le' || detected.encoding === 'utf-16be') return null;
  const cut = splitPointBytes(bytes, bytes.length >> 1);
  if (!cut || cut.at <= detected.bom) return null;
  return { encoding: detected.encoding, bom: detected.bom, at: cut.at, line: cut.line, even: cut.mixed };
}

/**
 * The file opened from its first part only (`text` holds that part): what openFile gives but for
 * the text's end. Null when the part cannot stand for the whole file's start (not valid text,
 * shorter than what decodeBytes looks at, refused, or holding every row): the file is then opened
 * whole, which gives any refusal its usual message.
 */
export function openFirstPart(bytes: Uint8Array, cut: ByteCut): OpenedFile | null {
  const text = decodePart(bytes.subarray(cut.bom, cut.at), cut.encoding);
  if (text === null || text.length < 65_536 || textProblem(text)) return null;
  const head = openText(text, cut.encoding, undefined, cut.even);
  return head.ok && !head.value.complete ? head.value : null;
}

/**
 * The second part's text (`bytes` from cut.at on), as the whole file's text holds it. Null where
 * its bytes are not valid, or it starts with U+FEFF: PapaParse drops that from the start of what
 * it is given, where the whole file's pass keeps it in the row (the file is then read whole).
 */
export function readSecondPart(bytes: Uint8Array, cut: ByteCut): string | null {
  const text = decodePart(bytes, cut.encoding, false);
  if (text === null || text.charCodeAt(0) === 0xfeff) return null;
  return cut.even ? evenedLineBreaks(text) : text;
}

/**
 * openFile for any chosen file, the one every import opens with: a text file is decoded as
 * ever; an .xlsx becomes its sheet's CSV text first (the reader is loaded only then); an old
 * .xls or a password-protected workbook is refused with its own message.
 */
export async function openUpload(bytes: Uint8Array): Promise<Result<OpenedFile, FileError>> {
  const read = await readWorkbook(bytes);
  if (read === null) return openFile(bytes);
  if (!read.ok) return read;
  return openText(read.value.text, 'xlsx', { name: read.value.sheet, count: read.value.sheetCount });
}

/** What the user can set on the preview; anything left out is detected. */
export interface ImportSettings {
  headerRow?: number;
  mapping?: Mapping;
  kind?: ImportKind;
  matchKey?: MatchKey;
  dateOrder?: DateOrder | null;
  nonProductCodes?: string[];
  /** Today as a day number; purchases and birthdays after it are flagged. Default: the clock's. */
  today?: number;
  keyless?: KeylessChoice;
  futureBirthday?: FutureBirthdayChoice;
}

export interface ResolvedSettings {
  headerRow: number;
  mapping: Mapping;
  kind: ImportKind;
  detectedKind: ImportKind;
  matchKey: MatchKey;
  dateOrder: DateOrder | null;
  nonProductCodes: string[];
  today?: number;
  /** Rows naming a customer without the match key: filed by name (the default) or failed. */
  keyless: KeylessChoice;
  /** Birthdays after today: not stored (the default) or kept as written. */
  futureBirthday: FutureBirthdayChoice;
}

export function resolveSettings(file: OpenedFile, settings: ImportSettings): ResolvedSettings {
  const rows = file.parsed.rows;
  // NO_HEADER_ROW (-1): the first row is data, and the columns are named 1, 2, 3… and guessed.
  const headerRow = Math.min(settings.headerRow ?? detectHeaderRow(rows), rows.length - 1);
  const headers = columnHeaders(rows, headerRow);
  const mapping = settings.mapping && settings.mapping.length === headers.length ? settings.mapping : headerRow < 0 ? guessColumns(rows, headers.length) : autoMap(headers);
  const detectedKind = detectKind(mapping);
  return {
    headerRow,
    mapping,
    kind: settings.kind ?? detectedKind,
    detectedKind,
    matchKey: settings.matchKey ?? defaultMatchKey(mapping),
    dateOrder: settings.dateOrder ?? null,
    nonProductCodes: settings.nonProductCodes ?? defaultNonProductCodes,
    ...(settings.today === undefined ? {} : { today: settings.today }),
    keyless: settings.keyless ?? 'create',
    futureBirthday: settings.futureBirthday ?? 'exclude',
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
  /** The whole file's characters (about), when the second part is joined to this one: room is made for all its rows (convertRows `spare`). */
  room?: number;
}

export function convertFile(file: OpenedFile, s: ResolvedSettings, onProgress?: (fraction: number) => void, part?: FilePart): Result<Converted, FileError> {
  const { rows } = file.parsed;
  const headers = columnHeaders(rows, s.headerRow);
  if (file.complete && s.headerRow === rows.length - 1) return err({ code: 'file.headerOnly' });
  // Rows are parsed again as they are converted (the head was only a look), skipping the header
  // and what stands above it; the typed arrays start at about the file's size in rows.
  const expected = file.complete ? rows.length : expectedRows(rows, part ? (part.room ?? part.end - part.start) : file.text.length);
  const data = dataRows(file, s.headerRow, onProgress, part);
  const converted = convertRows(headers, rows.slice(s.headerRow + 1), data.source, s, expected, part?.room !== undefined);
  const failure = data.error();
  if (failure) return err(failure);
  if (converted.rowsRead === 0 && !(part && !part.first)) return err({ code: 'file.headerOnly' });
  return ok(converted);
}

/**
 * About how many rows `length` characters hold, judged by the head's rows (a little over, so the
 * columns are not grown and copied again near the end): a million-line file is not grown from 40,000.
 */
function expectedRows(head: readonly string[][], length: number): number {
  let chars = 0;
  for (const row of head) {
    chars += row.length + 1; // separators and the line break
    for (const cell of row) chars += cell.length;
  }
  const perRow = Math.max(1, chars / Math.max(1, head.length));
  return Math.min(length, Math.ceil((length / perRow) * 1.05) + 16);
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

/** The shared part (lib/import/preview: how the file was read, counts, problems) and the customer/purchase file's own. */
export interface ImportPreview extends PreviewBase {
  settings: ResolvedSettings;
  mappingProblems: MappingProblem[];
  dateEvidence: Converted['dateEvidence'];
  summaryLines: number[];
  classCounts: Converted['classCounts'];
  nonProductMatches: Converted['nonProductMatches'];
  sampleCustomers: ImportedCustomer[];
  sampleLines: (PurchaseLine & { line: number })[];
  customersInFile: number;
  /** Of them, those the file names without the match key (filed by name). */
  customersKeyless: number;
  linesInFile: number;
}

export function previewOf(file: OpenedFile, s: ResolvedSettings, c: Converted): ImportPreview {
  const lines = c.lines;
  return {
    ...previewBaseOf(file, s, c, mappingProblems(s.kind, s.mapping, s.matchKey)),
    // Headerless files are all named 1, 2, 3…: a remembered mapping is for files whose columns
    // hold the same kinds of values (the same guess), not for every file of that width.
    ...(s.headerRow < 0 ? { signature: `#${guessColumns(file.parsed.rows, c.headers.length).map((f) => f ?? '').join('|')}` } : {}),
    dateEvidence: c.dateEvidence,
    summaryLines: c.summaryLines,
    classCounts: c.classCounts,
    nonProductMatches: c.nonProductMatches,
    sampleCustomers: c.customers.slice(0, PREVIEW_ROWS),
    sampleLines: lines ? Array.from({ length: Math.min(PREVIEW_ROWS, lines.length) }, (_, i) => ({ ...lineAt(lines, i), line: c.lineSource[i]! })) : [],
    customersInFile: c.customers.length,
    customersKeyless: c.customers.reduce((n, x) => (x.key ? n : n + 1), 0),
    linesInFile: lines?.length ?? 0,
  };
}
