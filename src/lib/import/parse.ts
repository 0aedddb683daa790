/**
 * Text → rows of cells: PapaParse for files with a separator character (called on the whole
 * decoded text, in our own worker), and a line splitter of our own for the line-based shapes
 * PapaParse does not know: blank-separated columns (transaction logs such as CDNOW's), fixed-width
 * exports, and Markdown tables.
 */
import Papa from 'papaparse';
import { err, ok, type Result } from '../result';

export type Separator = ',' | ';' | '\t' | '|';
/**
 * How a line is cut into cells: a separator character; runs of spaces or tabs ('blanks'); a
 * Markdown table (`| a | b |`, its `|---|` row skipped); or fixed character positions (where
 * each column starts, found from the blank gutters every line shares).
 */
export type Delimiter = Separator | 'blanks' | 'markdown' | { fixed: readonly number[] };
const separators: Separator[] = [',', '\t', ';', '|'];

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
  if (typeof delimiter !== 'string' || delimiter === 'blanks' || delimiter === 'markdown') return forEachLineRow(text, lineSplitter(delimiter), visit, options);
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
  // One row as the parser gives it, `cursor` just past it and its line break: false stops.
  const take = (row: string[], cursor: number, badQuotes: boolean): boolean => {
    const start = line;
    line += breaksBefore(cursor);
    const length = cursor - rowStart;
    rowStart = cursor;
    if (length > MAX_ROW_CHARS) {
      error = { code: 'file.lineTooLong', line: start, length, limit: MAX_ROW_CHARS };
      return false;
    }
    if (badQuotes) {
      error = { code: 'file.unbalancedQuote', line: start };
      return false;
    }
    // Blank lines (and rows of empty cells, as Excel writes below a table) carry nothing.
    if (row.every((cell) => cell.trim() === '')) return true;
    if (row.length > MAX_COLUMNS) {
      error = { code: 'file.tooManyColumns', line: start, columns: row.length, limit: MAX_COLUMNS };
      return false;
    }
    visit(row, start);
    count++;
    if (options.onProgress && count % 20_000 === 0) options.onProgress(cursor / text.length);
    return options.limit === undefined || count < options.limit;
  };
  if (plainRows(text, delimiter, take)) return error;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    header: false,
    step: (results, parser) => {
      if (!take(results.data, results.meta.cursor, results.errors.some((e) => e.type === 'Quotes'))) parser.abort();
    },
  });
  return error;
}

/**
 * The rows of a text without a quote, as PapaParse gives them (it then splits each line at the
 * separator too) without its result object per row: a large file's rows come a third sooner.
 * False, having read nothing, for a text with a quote, or a byte-order mark (PapaParse's own).
 */
export function plainRows(text: string, separator: Separator, take: (row: string[], cursor: number, badQuotes: boolean) => boolean): boolean {
  if (text.indexOf('"') !== -1 || text.charCodeAt(0) === 0xfeff) return false;
  if (text === '') return true;
  const newline = guessNewline(text);
  for (let at = 0; ; ) {
    const end = text.indexOf(newline, at);
    if (end === -1) {
      take(text.slice(at).split(separator), text.length, false);
      return true;
    }
    if (!take(text.slice(at, end).split(separator), end + newline.length, false)) return true;
    at = end + newline.length;
  }
}

/**
 * The line break PapaParse takes for a text without quotes, judged from its first megabyte: LF
 * when there is no CR or an LF comes first; else CRLF when at least half of the CR-separated
 * pieces start with an LF, else CR.
 */
export function guessNewline(text: string): '\n' | '\r\n' | '\r' {
  const head = text.substring(0, 1024 * 1024);
  const firstCr = head.indexOf('\r');
  if (firstCr === -1) return '\n';
  const firstLf = head.indexOf('\n');
  if (firstLf !== -1 && firstLf < firstCr) return '\n';
  let pieces = 1;
  let withLf = 0;
  for (let r = firstCr; r !== -1; r = head.indexOf('\r', r + 1)) {
    pieces++;
    if (head.charCodeAt(r + 1) === 10) withLf++;
  }
  return withLf >= pieces / 2 ? '\r\n' : '\r';
}

/** Cuts one line (never holding a line break) into cells; null for a line that is no row (a Markdown `|---|` rule). */
type LineSplitter = (line: string) => string[] | null;

const BLANK_RUN = /[ \t\u3000]+/;
// A Markdown rule row: cells of dashes, with a colon at either end for alignment.
const MARKDOWN_RULE = /^\s*\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?\s*$/;

function lineSplitter(delimiter: 'blanks' | 'markdown' | { fixed: readonly number[] }): LineSplitter {
  if (delimiter === 'blanks') {
    // One split per line (not a test per cell): leading blanks are padding, not an empty column.
    return (line) => {
      const trimmed = line.trim();
      return trimmed === '' ? [] : trimmed.split(BLANK_RUN);
    };
  }
  if (delimiter === 'markdown') {
    return (line) => {
      if (MARKDOWN_RULE.test(line)) return null;
      // The outer pipes close the table's edges: they make no empty first and last columns.
      let trimmed = line.trim();
      if (trimmed.startsWith('|')) trimmed = trimmed.slice(1);
      if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) trimmed = trimmed.slice(0, -1);
      // '\|' is a pipe inside a cell.
      return trimmed.split(/(?<!\\)\|/).map((cell) => cell.replaceAll('\\|', '|').trim());
    };
  }
  const starts = delimiter.fixed;
  return (line) => starts.map((start, i) => line.slice(start, starts[i + 1] ?? line.length).trim());
}

/**
 * forEachRow for the line-based shapes: one row per line (no quoting, no cell spans lines), and
 * CRLF, LF and a lone CR each end a line, mixed as they may be.
 */
function forEachLineRow(
  text: string,
  split: LineSplitter,
  visit: (row: string[], line: number) => void,
  options: { limit?: number; onProgress?: (fraction: number) => void; firstLine?: number },
): ParseError | null {
  let line = options.firstLine ?? 1;
  let count = 0;
  let nextLf = text.indexOf('\n');
  let nextCr = text.indexOf('\r');
  for (let start = 0; start < text.length; line++) {
    if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
    const end = nextLf === -1 ? (nextCr === -1 ? text.length : nextCr) : nextCr === -1 ? nextLf : Math.min(nextLf, nextCr);
    const row = split(text.slice(start, end));
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    if (row === null || row.every((cell) => cell === '')) continue;
    if (row.length > MAX_COLUMNS) return { code: 'file.tooManyColumns', line, columns: row.length, limit: MAX_COLUMNS };
    visit(row, line);
    count++;
    if (options.onProgress && count % 20_000 === 0) options.onProgress(start / text.length);
    if (options.limit !== undefined && count >= options.limit) break;
  }
  return null;
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
 * How the first lines are cut most consistently into more than one column. A separator character
 * is ours to guess rather than Papa's: a title row above the header (common in Chinese exports)
 * throws Papa's guess off, so the title and any single-cell lines are given no vote. With no
 * separator on most lines, columns of blanks are looked for (runs of spaces or tabs, or fixed
 * positions); a table drawn with pipes on both edges is a Markdown table.
 */
export function guessDelimiter(text: string): Delimiter {
  const lines = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).filter((l) => l.trim() !== '');
  const sample = lines.slice(0, 30);
  if (sample.length === 0) return ',';
  const edged = sample.filter((l) => /^\s*\|.*\|\s*$/.test(l)).length;
  if (edged >= sample.length * 0.8) return 'markdown';
  // A title line ('客户资料表') has no separator and no second word: it casts no vote.
  const voters = sample.filter((l) => separators.some((d) => l.includes(d)) || l.trim().split(BLANK_RUN).length > 1).length;
  let best: Separator = ',';
  let bestScore = 0;
  let bestShare = 0;
  for (const d of separators) {
    const counts = sample.map((l) => countOutsideQuotes(l, d)).filter((n) => n > 0);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
    const score = times * Math.log2(mode + 1);
    if (score > bestScore) {
      bestScore = score;
      best = d;
      bestShare = times / Math.max(1, voters);
    }
  }
  // A separator on most lines wins (a ragged CSV stays one); blanks are looked at only without.
  if (bestScore > 0 && bestShare >= 0.5) return best;
  return blankLayout(lines.slice(0, 200)) ?? best;
}

/**
 * Columns made by blanks, or null: 'blanks' when the lines all have the same number of words (a
 * transaction log); else fixed positions when they share blank gutters (a fixed-width export,
 * whose cells may hold spaces or be empty); else 'blanks' still when nearly every line agrees.
 */
function blankLayout(lines: readonly string[]): Delimiter | null {
  const words = lines.map((l) => l.trim().split(BLANK_RUN).length);
  const multi = words.filter((n) => n > 1);
  if (multi.length === 0) return null;
  // Nearly every line must hold blanks between values: a few text cells with spaces make no layout.
  if (multi.length < lines.length * 0.8) return null;
  if (multi.every((n) => n === multi[0])) return 'blanks';
  const fixed = fixedColumns(lines.filter((_, i) => words[i]! > 1));
  if (fixed) return { fixed };
  const freq = new Map<number, number>();
  for (const n of multi) freq.set(n, (freq.get(n) ?? 0) + 1);
  const [, times] = [...freq.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return times >= lines.length * 0.8 ? 'blanks' : null;
}

/**
 * Where each column of a fixed-width layout starts: character positions blank on every line are
 * gutters; a cut falls in the middle of each gutter, so a value a little wider than those seen
 * (to either side) still lands in its own column. Null for fewer than two columns or lines.
 */
function fixedColumns(lines: readonly string[]): number[] | null {
  if (lines.length < 2) return null;
  const width = Math.max(...lines.map((l) => l.length));
  const used = new Uint8Array(width);
  for (const l of lines) for (let i = 0; i < l.length; i++) if (l.charCodeAt(i) > 32 && l.charCodeAt(i) !== 0x3000) used[i] = 1;
  const starts = [0];
  let gutterFrom = -1;
  for (let i = 0; i < width; i++) {
    if (!used[i]) {
      if (gutterFrom === -1) gutterFrom = i;
      continue;
    }
    // A gutter ends: a column starts here (not for the leading padding of the first one).
    if (gutterFrom > 0 && used.subarray(0, gutterFrom).some((u) => u === 1)) starts.push(gutterFrom + ((i - gutterFrom) >> 1));
    gutterFrom = -1;
  }
  return starts.length >= 2 ? starts : null;
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
 * The text with one kind of line break when it mixes them (files pasted together, or edited on
 * two systems): PapaParse reads a file by the first break it meets, so a lone CR or LF among
 * CRLF lines would join two rows. Each break stays one break, so line numbers do not move.
 */
export function evenLineBreaks(text: string): string {
  return mixedLineBreaks(text) ? evenedLineBreaks(text) : text;
}

/** Every break as LF (what evenLineBreaks does to a mixed file; a part of one is evened alike). */
export const evenedLineBreaks = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * A text or a file's bytes, as far as cutting it goes (cutPoint): CR, LF and '"' are the same
 * single bytes in UTF-8 and in every legacy encoding read here (their second bytes are 0x30 and
 * above), so what is found in the bytes is what the decoded text holds, position for position.
 */
interface Cuttable {
  length: number;
  codeAt: (i: number) => number;
  /** How many '"' stand before `end`. */
  quotesBefore: (end: number) => number;
  /** Line breaks before `end` as forEachRow counts them: CRLF, LF or a lone CR once each. */
  breaksBefore: (end: number) => number;
}

/** How many `ch` stand in `text` before `end` (one indexOf per match: few in a text). */
function countOf(text: string, ch: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1 && i < end; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function textCut(text: string): Cuttable {
  return {
    length: text.length,
    codeAt: (i) => text.charCodeAt(i),
    quotesBefore: (end) => countOf(text, '"', end),
    breaksBefore: (end) => {
      let n = countOf(text, '\n', end);
      for (let r = text.indexOf('\r'); r !== -1 && r < end; r = text.indexOf('\r', r + 1)) if (text.charCodeAt(r + 1) !== 10) n++;
      return n;
    },
  };
}

/** Line breaks and quotes in a stretch of a file's bytes; a CRLF is counted where its LF is. */
interface ByteCounts {
  lf: number;
  cr: number;
  crlf: number;
  quotes: number;
}

const addCounts = (a: ByteCounts, b: ByteCounts): ByteCounts => ({ lf: a.lf + b.lf, cr: a.cr + b.cr, crlf: a.crlf + b.crlf, quotes: a.quotes + b.quotes });

/**
 * ByteCounts of bytes [start, end), the byte before `start` looked at for a CRLF across it (so
 * counts of two stretches side by side add up). Four bytes at a time: a word holding none of LF,
 * CR or '"' (most of them) is passed over with a few operations, instead of four compares each
 * (an 86 MB file took 240 ms of the import's start, before either worker could begin).
 */
function countBytes(bytes: Uint8Array, start: number, end: number): ByteCounts {
  let lf = 0;
  let cr = 0;
  let crlf = 0;
  let quotes = 0;
  let previous = start > 0 ? bytes[start - 1]! : 0;
  const one = (b: number) => {
    if (b === 10) {
      lf++;
      if (previous === 13) crlf++;
    } else if (b === 13) cr++;
    else if (b === 34) quotes++;
    previous = b;
  };
  let i = start;
  // Whole aligned words: (v - 0x01…) & ~v & 0x80… is non-zero when a byte of v is zero, so
  // v ^ 0x0a0a0a0a has a zero byte where a byte is LF (a word flagged wrongly is only looked at).
  const first = Math.min(end, start + ((4 - ((bytes.byteOffset + start) & 3)) & 3)); // the first aligned byte
  for (; i < first; i++) one(bytes[i]!);
  const wordsEnd = i + ((end - i) & ~3);
  if (wordsEnd > i) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (wordsEnd - i) >> 2);
    for (let w = 0; w < words.length; w++) {
      const v = words[w]!;
      const x = v ^ 0x0a0a0a0a;
      const y = v ^ 0x0d0d0d0d;
      const z = v ^ 0x22222222;
      if ((((x - 0x01010101) & ~x) | ((y - 0x01010101) & ~y) | ((z - 0x01010101) & ~z)) & 0x80808080) {
        const at = i + 4 * w;
        one(bytes[at]!);
        one(bytes[at + 1]!);
        one(bytes[at + 2]!);
        one(bytes[at + 3]!);
      } else previous = 0; // none of them: the last byte is no CR
    }
    i = wordsEnd;
  }
  for (; i < end; i++) one(bytes[i]!);
  return { lf, cr, crlf, quotes };
}

/** Whether the text mixes CRLF, lone CR and lone LF breaks (and so is evened). */
function mixedLineBreaks(text: string): boolean {
  let crlf = false;
  let loneCr = false;
  let loneLf = false;
  for (let i = text.indexOf('\r'); i !== -1 && !(crlf && loneCr); i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) crlf = true;
    else loneCr = true;
  }
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) !== 13) {
      loneLf = true;
      break;
    }
  }
  return Number(crlf) + Number(loneCr) + Number(loneLf) > 1;
}

/**
 * Where a file can be cut in two for converting the halves side by side: the index just after
 * the first line break at or after `from` that is not inside a quoted cell, and the 1-based
 * line the second part starts on. Null when there is none.
 */
export function splitPoint(text: string, from: number): { at: number; line: number } | null {
  return cutPoint(textCut(text), from);
}

/**
 * splitPoint in a file's bytes (UTF-8 or a legacy encoding, not UTF-16), so that each half can be
 * decoded on its own: a break byte is never part of a multibyte character, so the cut never
 * splits one, and the line is the one the decoded text's cut would give. With it, whether the
 * whole file mixes its line breaks (mixedLineBreaks: each part is then evened alike). One pass
 * over the bytes.
 */
export function splitPointBytes(bytes: Uint8Array, from: number): { at: number; line: number; mixed: boolean } | null {
  // Counted once up to `from`; the cut asks again only up to the break just after it.
  const before = countBytes(bytes, 0, from);
  const upTo = (end: number) => (end >= from ? addCounts(before, countBytes(bytes, from, end)) : countBytes(bytes, 0, end));
  const cut = cutPoint(
    {
      length: bytes.length,
      codeAt: (i) => bytes[i] ?? Number.NaN,
      quotesBefore: (end) => upTo(end).quotes,
      breaksBefore: (end) => {
        const c = upTo(end);
        return c.lf + c.cr - c.crlf;
      },
    },
    from,
  );
  if (!cut) return null;
  const all = addCounts(upTo(cut.at), countBytes(bytes, cut.at, bytes.length));
  const kinds = Number(all.crlf > 0) + Number(all.cr > all.crlf) + Number(all.lf > all.crlf);
  return { ...cut, mixed: kinds > 1 };
}

function cutPoint(s: Cuttable, from: number): { at: number; line: number } | null {
  // Quotes come in pairs ("" inside a cell is two), so an odd count before a point means the
  // point is inside a quoted cell.
  let i = from;
  let inside = s.quotesBefore(from) % 2 === 1;
  for (; i < s.length; i++) {
    const ch = s.codeAt(i);
    if (ch === 34) inside = !inside;
    else if (!inside && (ch === 10 || ch === 13)) break;
  }
  if (i >= s.length) return null;
  const at = s.codeAt(i) === 13 && s.codeAt(i + 1) === 10 ? i + 2 : i + 1;
  if (at >= s.length) return null;
  return { at, line: 1 + s.breaksBefore(at) };
}
