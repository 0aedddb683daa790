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

/** Excel's limit: a number with more digits before the point than this has lost the rest. */
export const EXCEL_DIGITS = 15;

export function numberText(raw: string): string {
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  // A bank or member card number of 16+ digits kept as a number: Excel (or a double) has already
  // dropped its last digits, so two cards may now read the same. Written as Excel's CSV shows it,
  // '6.22848E+15', which every id and phone reader flags as damaged and never matches on.
  if (Math.abs(n) >= 10 ** EXCEL_DIGITS) return excelScientific(n);
  return n === 0 ? '0' : numberFormat.format(n);
}

/** 6228480012345678 → '6.22848E+15': six significant digits, as Excel's General format shows it. */
function excelScientific(n: number): string {
  const [mantissa = '', exponent = '0'] = n.toExponential(5).split('e');
  const digits = mantissa.replace(/\.?0+$/, '');
  return `${digits}E${Number(exponent) < 0 ? '-' : '+'}${String(Math.abs(Number(exponent))).padStart(2, '0')}`;
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

/** Limits on what a workbook may inflate to: in total, and against its compressed size. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
export const MAX_ZIP_RATIO = 100;

export function zipTooLarge(unzipped: number, compressed: number): WorkbookError | null {
  const mb = (n: number) => Math.ceil(n / (1024 * 1024));
  if (unzipped > MAX_UNZIPPED_BYTES) return { code: 'file.xlsxTooLarge', size: mb(unzipped), limit: mb(MAX_UNZIPPED_BYTES) };
  // Worksheet XML compresses about 5–20 times; 100 times is no spreadsheet anyone typed.
  if (unzipped > 1024 * 1024 && unzipped > MAX_ZIP_RATIO * Math.max(1, compressed)) return { code: 'file.xlsxRatio', ratio: Math.round(unzipped / Math.max(1, compressed)), limit: MAX_ZIP_RATIO };
  return null;
}

const hasContent = (rows: readonly (readonly Cell[])[]) => rows.some((row) => row.some((cell) => cellText(cell).trim() !== ''));

export async function readXlsx(bytes: Uint8Array): Promise<Result<XlsxText, WorkbookError>> {
  let stored: Uint8Array;
  try {
    // Unpacked here (we are in a worker already), then handed over uncompressed: the reader's
    // own unzip inflates parts over 512 KB in blob: workers, which a this-origin-only
    // Content-Security-Policy may refuse; stored parts it reads in place.
    const wanted = (name: string) => name.endsWith('.xml') || name.endsWith('.rels');
    // The sizes the zip's directory declares, read before anything is inflated: a zip bomb (a few KB
    // inflating to gigabytes) is refused here instead of running for minutes.
    let declared = 0;
    let compressed = 0;
    unzipSync(bytes, {
      filter: (f) => {
        if (wanted(f.name)) {
          declared += f.originalSize;
          compressed += f.size;
        }
        return false;
      },
    });
    const tooLarge = zipTooLarge(declared, compressed);
    if (tooLarge) return err(tooLarge);
    // fflate inflates each part into a buffer of its declared size and stops there: a zip lying
    // about its sizes inflates no more than checked above (its cut XML then reads as damaged).
    const parts = unzipSync(bytes, { filter: (f) => wanted(f.name) });
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
