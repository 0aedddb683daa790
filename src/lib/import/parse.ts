/** Text → rows of cells with PapaParse (called on the whole decoded text, in our own worker). */
import Papa from 'papaparse';
import { err, ok, type Result } from '../result';

export type Delimiter = ',' | ';' | '\t' | '|';
const delimiters: Delimiter[] = [',', '\t', ';', '|'];

export interface ParsedRows {
  rows: string[][];
  delimiter: Delimiter;
  /** 1-based line number in the file where each row starts (rows may span lines). */
  lines: number[];
}

export type ParseError =
  | { code: 'file.unbalancedQuote'; line: number }
  | { code: 'file.tooManyColumns'; line: number; columns: number; limit: number }
  | { code: 'file.lineTooLong'; line: number; length: number; limit: number };

export const MAX_COLUMNS = 500;
/** A row of a table is never this long (in characters): a file of one endless line is refused. */
export const MAX_ROW_CHARS = 1024 * 1024;

/**
 * Calls `visit` for each row that holds anything, with the 1-based line it starts on, parsing as
 * it goes (rows are not kept: a million of them would be millions of strings held at once).
 * Stops at `limit` rows, or at a structural error, which it returns.
 */
export function forEachRow(
  text: string,
  delimiter: Delimiter,
  visit: (row: string[], line: number) => void,
  options: { limit?: number; onProgress?: (fraction: number) => void; firstLine?: number } = {},
): ParseError | null {
  // A part of a file (lib/import/analyse) starts further down: its first line is given.
  let line = options.firstLine ?? 1;
  let count = 0;
  let error: ParseError | null = null;
  // Lines are counted in the raw text each row spans (CRLF, LF or a lone CR once each), with the
  // next break positions found by indexOf: native scanning instead of testing every cell.
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  const breaksBefore = (end: number) => {
    let n = 0;
    while (nextLf !== -1 && nextLf < end) {
      n++;
      nextLf = text.indexOf('\n', nextLf + 1);
    }
    while (nextCr !== -1 && nextCr < end) {
      if (text.charCodeAt(nextCr + 1) !== 10) n++;
      nextCr = text.indexOf('\r', nextCr + 1);
    }
    return n;
  };
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    header: false,
    step: (results, parser) => {
      const row = results.data;
      const start = line;
      line += breaksBefore(results.meta.cursor);
      const length = results.meta.cursor - rowStart;
      rowStart = results.meta.cursor;
      if (length > MAX_ROW_CHARS) {
        error = { code: 'file.lineTooLong', line: start, length, limit: MAX_ROW_CHARS };
        return parser.abort();
      }
      if (results.errors.some((e) => e.type === 'Quotes')) {
        error = { code: 'file.unbalancedQuote', line: start };
        return parser.abort();
      }
      // Blank lines (and rows of empty cells, as Excel writes below a table) carry nothing.
      if (row.every((cell) => cell.trim() === '')) return;
      if (row.length > MAX_COLUMNS) {
        error = { code: 'file.tooManyColumns', line: start, columns: row.length, limit: MAX_COLUMNS };
        return parser.abort();
      }
      visit(row, start);
      count++;
      if (options.onProgress && count % 20_000 === 0) options.onProgress(results.meta.cursor / text.length);
      if (options.limit !== undefined && count >= options.limit) parser.abort();
    },
  });
  return error;
}

/** The rows (at most `limit`) as arrays, with their delimiter and lines. */
export function parseRows(text: string, limit?: number, delimiter: Delimiter = guessDelimiter(text)): Result<ParsedRows, ParseError> {
  const rows: string[][] = [];
  const lines: number[] = [];
  const error = forEachRow(
    text,
    delimiter,
    (row, line) => {
      rows.push(row);
      lines.push(line);
    },
    limit === undefined ? {} : { limit },
  );
  return error ? err(error) : ok({ rows, delimiter, lines });
}

/**
 * The delimiter that splits the first lines most consistently into more than one column.
 * Ours rather than Papa's guess: a title row above the header (common in Chinese exports)
 * throws Papa's guess off, so the title and any single-cell lines are given no vote.
 */
export function guessDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).slice(0, 30).filter((l) => l.trim() !== '');
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of delimiters) {
    const counts = sample.map((l) => countOutsideQuotes(l, d)).filter((n) => n > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    const score = times * Math.log2(mode + 1);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/**
 * Where a file can be cut in two for converting the halves side by side: the index just after
 * the first line break at or after `from` that is not inside a quoted cell, and the 1-based
 * line the second part starts on. Null when there is none.
 */
export function splitPoint(text: string, from: number): { at: number; line: number } | null {
  // Quotes come in pairs ("" inside a cell is two), so an odd count before a point means the
  // point is inside a quoted cell.
  let quotes = 0;
  for (let q = text.indexOf('"'); q !== -1 && q < from; q = text.indexOf('"', q + 1)) quotes++;
  let i = from;
  let inside = quotes % 2 === 1;
  for (; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inside = !inside;
    else if (!inside && (ch === 10 || ch === 13)) break;
  }
  if (i >= text.length) return null;
  const at = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  if (at >= text.length) return null;
  // The line number as forEachRow counts it: CRLF, LF or a lone CR once each.
  let line = 1;
  for (let n = text.indexOf('\n'); n !== -1 && n < at; n = text.indexOf('\n', n + 1)) line++;
  for (let r = text.indexOf('\r'); r !== -1 && r < at; r = text.indexOf('\r', r + 1)) if (text.charCodeAt(r + 1) !== 10) line++;
  return { at, line };
}

