/**
 * What kind of spreadsheet file a chosen file is, from its bytes alone (no reader loaded):
 * an .xlsx is a zip whose parts are under xl/; an old .xls and a password-protected .xlsx are both
 * OLE compound files, the latter holding an "EncryptedPackage" stream.
 */
import { err, ok, type Result } from '../result';
import type { XlsxText } from './xlsx';

export type WorkbookError =
  /** Old Excel 97–2003 workbook: not read, the user saves it as .xlsx or CSV. */
  | { code: 'file.xls' }
  /** A workbook opened only with a password: its content is encrypted. */
  | { code: 'file.encrypted' }
  /** A zip (or what starts like one) that cannot be unpacked or read as a workbook. */
  | { code: 'file.xlsxDamaged' }
  /** A zip that is not an Excel workbook (.docx, a zip of CSV files…). */
  | { code: 'file.notWorkbook' }
  /** A workbook whose sheets are all empty. */
  | { code: 'file.xlsxEmpty' }
  /** A workbook that would inflate past the limit (in MB): a zip bomb, or far more than a shop's data. */
  | { code: 'file.xlsxTooLarge'; size: number; limit: number }
  /** A workbook inflating more than `limit` times its packed size: no real sheet compresses so well. */
  | { code: 'file.xlsxRatio'; ratio: number; limit: number };

export type FileKind = 'xlsx' | 'zip' | 'xls' | 'encrypted' | 'text';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Whether `needle` occurs in `bytes` (a plain scan: names in a zip directory are stored as is). */
function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first!); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first!, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const utf16le = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0), 0]));
// A workbook's own parts (names stored as is in the zip): either one makes it an .xlsx to read,
// and one missing its workbook part is then told apart as damaged.
const WORKBOOK_PARTS = [ascii('xl/workbook'), ascii('xl/worksheets/')];
const ENCRYPTED_STREAM = utf16le('EncryptedPackage');

export function fileKind(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return WORKBOOK_PARTS.some((part) => contains(bytes, part)) ? 'xlsx' : 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return contains(bytes, ENCRYPTED_STREAM) ? 'encrypted' : 'xls';
  return 'text';
}

/** Why a file that is not text is not read (for an .xlsx: null, it is read). */
export function refusal(kind: Exclude<FileKind, 'text'>): WorkbookError | null {
  if (kind === 'xlsx') return null;
  return { code: kind === 'xls' ? 'file.xls' : kind === 'encrypted' ? 'file.encrypted' : 'file.notWorkbook' };
}

/**
 * A chosen file read as a spreadsheet: null when it is text (read as CSV by the caller), else the
 * .xlsx sheet's CSV text (the reader is loaded only now) or why it is refused.
 */
export async function readWorkbook(bytes: Uint8Array): Promise<Result<XlsxText, WorkbookError> | null> {
  const kind = fileKind(bytes);
  if (kind === 'text') return null;
  const refused = refusal(kind);
  if (refused) return err(refused);
  const { readXlsx } = await import('./xlsx');
  return readXlsx(bytes);
}

/**
 * For the small files read on the page by a bytes reader (opening balances): an .xlsx becomes
 * its sheet's CSV as UTF-8 bytes, which that reader then decodes as any CSV; text is returned as is.
 */
export async function textBytesOf(bytes: Uint8Array): Promise<Result<Uint8Array, WorkbookError>> {
  const read = await readWorkbook(bytes);
  if (read === null) return ok(bytes);
  return read.ok ? ok(new TextEncoder().encode(read.value.text)) : read;
}
