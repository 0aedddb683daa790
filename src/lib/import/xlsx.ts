/**
 * An .xlsx workbook → the CSV text a "Save as CSV" of its sheet gives, so the rest of the import
 * (mapping, conversion, the problem report, the file back with reasons) reads it as any CSV.
 * Loaded with import() only when a chosen file is an .xlsx (lib/import/analyse openUpload):
 * read-excel-file and fflate stay out of the worker's first chunk.
 */
import { unzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/universal';
import { err, ok, type Result } from '../result';
import type { WorkbookError } from './workbook';

export interface XlsxText {
  /** The sheet as CSV (comma, CRLF, quoted where needed). */
  text: string;
  /** The name of the sheet read: the first one holding anything. */
  sheet: string;
  sheetCount: number;
}

/** A number cell's digits as written in the file (never rounded by a parse before we see them). */
interface RawNumber {
  raw: string;
}
type Cell = string | boolean | Date | RawNumber | null;

const DAY_SECONDS = 86_400;
// read-excel-file turns serial n into 1970-01-01 + (n − 25569) days (UTC), the same line for
// every n: the serial is that taken back. 1900 workbooks count from 1899-12-31 and hold Lotus's
// false 1900-02-29 (serial 60); from serial 61 on, day n is 1899-12-30 + n.
const UNIX_EPOCH_SERIAL = 25_569;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date cell as Excel's CSV writes it with an ISO format: 'YYYY-MM-DD', ' HH:mm(:ss)' when it has a time. */
export function dateText(date: Date): string {
  const seconds = Math.round(date.getTime() / 1000) + UNIX_EPOCH_SERIAL * DAY_SECONDS;
  const whole = Math.floor(seconds / DAY_SECONDS);
  const rest = seconds - whole * DAY_SECONDS;
  const time = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest / 60) % 60)}${rest % 60 ? `:${pad(rest % 60)}` : ''}`;
  if (whole === 0) return time; // a time-only cell (h:mm)
  let day: string;
  if (whole === 60) day = '1900-02-29';
  else {
    const d = new Date(Date.UTC(1899, 11, whole < 60 ? 31 : 30) + whole * DAY_SECONDS * 1000);
    day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return rest ? `${day} ${time}` : day;
}

// Excel keeps 15 significant digits: 0.1+0.2 is stored as 0.30000000000000004 but shown as 0.3;
// never grouped, never in exponent form (a phone typed as a number stays 13800138000).
const numberFormat = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

export function numberText(raw: string): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  return n === 0 ? '0' : numberFormat.format(n);
}

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return dateText(cell);
  return numberText(cell.raw);
}

/** The rows of a sheet as CSV text (what the CSV pipeline then reads back as the same cells). */
export function rowsToCsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows as string[][], { delimiter: ',', newline: '\r\n', quotes: false });
}

const hasContent = (rows: readonly (readonly Cell[])[]) => rows.some((row) => row.some((cell) => cellText(cell).trim() !== ''));

export async function readXlsx(bytes: Uint8Array): Promise<Result<XlsxText, WorkbookError>> {
  let stored: Uint8Array;
  try {
    // Unpacked here (we are in a worker already), then handed over uncompressed: the reader's
    // own unzip inflates parts over 512 KB in blob: workers, which a this-origin-only
    // Content-Security-Policy may refuse; stored parts it reads in place.
    const parts = unzipSync(bytes, { filter: (f) => f.name.endsWith('.xml') || f.name.endsWith('.rels') });
    if (!parts['xl/workbook.xml']) return err({ code: 'file.xlsxDamaged' });
    stored = zipSync(parts, { level: 0 });
  } catch {
    return err({ code: 'file.xlsxDamaged' });
  }
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    const buffer = stored.buffer.slice(stored.byteOffset, stored.byteOffset + stored.byteLength) as ArrayBuffer;
    sheets = (await readXlsxFile<RawNumber>(buffer, { parseNumber: (raw) => ({ raw }), trim: false })) as { sheet: string; data: Cell[][] }[];
  } catch {
    return err({ code: 'file.xlsxDamaged' });
  }
  const chosen = sheets.find((s) => hasContent(s.data));
  if (!chosen) return err({ code: 'file.xlsxEmpty' });
  const text = rowsToCsv(chosen.data.map((row) => row.map(cellText)));
  return ok({ text, sheet: chosen.sheet, sheetCount: sheets.length });
}
