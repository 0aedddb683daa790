/**
 * Bytes → text, with the encoding detected rather than asked: UTF-8 (with or without BOM),
 * UTF-16 LE/BE (Excel's "Unicode text"), or GB18030/GBK (what Chinese Excel writes by default).
 * The whole file is decoded at once: decoding in chunks splits multibyte characters at the edges.
 */
import { err, ok, type Result } from '../result';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeError =
  | { code: 'file.empty' }
  | { code: 'file.binary' }
  /** The file says it is UTF-8 (a BOM) or UTF-16 but its bytes are not. */
  | { code: 'file.badEncoding'; encoding: Encoding; offset: number }
  | MarkupError;

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

/** Spreadsheet files chosen by mistake: .xlsx is a zip, old .xls an OLE compound file. */
function isOfficeBinary(b: Uint8Array): boolean {
  const zip = b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  const ole = b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;
  return zip || ole;
}

/**
 * A NUL or two in otherwise clean 8-bit text: a damaged row, read as text so that only that row
 * fails (issue 16). Binary data has control bytes all over (random bytes: about one in nine).
 */
function strayNuls(sample: Uint8Array): boolean {
  let control = 0;
  for (const b of sample) if ((b < 32 && b !== 9 && b !== 10 && b !== 13) || b === 0x7f) control++;
  return control <= Math.max(2, sample.length / 100);
}

export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } | null {
  if (isOfficeBinary(bytes)) return null;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // UTF-16 without a BOM: ASCII text then has a zero in every other byte.
  const sample = bytes.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) oddZeros++;
    else evenZeros++;
  }
  const half = sample.length / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05) return { encoding: 'utf-16le', bom: 0 };
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05) return { encoding: 'utf-16be', bom: 0 };
  if (evenZeros + oddZeros > 0 && !strayNuls(sample)) return null; // NUL bytes in 8-bit text: not a text file
  return { encoding: looksUtf8(bytes) ? 'utf-8' : 'gb18030', bom: 0 };
}

/**
 * UTF-8, or at least meant as UTF-8? Wholly valid UTF-8 is. So is a file that is mostly valid
 * multibyte UTF-8 with a few bad bytes (two exports pasted together): decoding that as GB18030
 * would garble every UTF-8 name without a word, so it must be refused as damaged UTF-8 instead.
 * GBK text makes a valid 3-byte UTF-8 sequence only by chance (about 1 character in 50) against
 * one or two invalid bytes for every character, so "valid at least half the invalid" is far from both.
 */
const EARLY_VERDICT_BYTES = 2 * 1024 * 1024;

function looksUtf8(bytes: Uint8Array): boolean {
  if (isUtf8(bytes)) return true;
  let valid = 0;
  let invalid = 0;
  let checked = false;
  for (let i = 0; i < bytes.length; ) {
    // A large GBK file shows itself in its first megabytes: past them, stop counting when
    // invalid bytes outnumber valid characters many times over (the verdict cannot turn).
    if (!checked && i >= EARLY_VERDICT_BYTES) {
      checked = true;
      if (invalid > 64 * (valid + 1)) return false;
    }
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      if (length >= 3) valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return valid >= 2 && valid * 2 >= invalid;
}

/** Valid UTF-8 throughout? GBK text is almost never valid UTF-8, so this tells them apart. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decodeBytes(bytes: Uint8Array): Result<Decoded, DecodeError> {
  if (bytes.length === 0) return err({ code: 'file.empty' });
  const detected = detectEncoding(bytes);
  if (!detected) return err({ code: 'file.binary' });
  const body = bytes.subarray(detected.bom);
  let text: string;
  try {
    text = new TextDecoder(detected.encoding, { fatal: true }).decode(body);
  } catch {
    return err({ code: 'file.badEncoding', encoding: detected.encoding, offset: detected.bom + firstBadOffset(body, detected.encoding) });
  }
  // Binary data decodes to control characters: refuse rather than import noise.
  if (controlShare(text) > 0.01) return err({ code: 'file.binary' });
  if (text.trim() === '') return err({ code: 'file.empty' });
  const markup = markupKind(text);
  if (markup) return err(markup);
  return ok({ text, encoding: detected.encoding, bom: detected.bom > 0 });
}

function controlShare(text: string): number {
  const sample = text.slice(0, 65_536);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f) control++;
  }
  return sample.length ? control / sample.length : 0;
}

/** Where decoding first fails (the byte's offset, for the message). */
function firstBadOffset(bytes: Uint8Array, encoding: Encoding): number {
  // With {stream: true} a character cut at the end of a prefix is not an error, a bad byte is;
  // so "the prefix fails" turns true at one length and stays true: search for that length.
  const fails = (n: number) => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!fails(bytes.length)) {
    // Only the end is wrong: a character cut off. It starts where the last complete one ends.
    for (let n = bytes.length - 1; n > 0; n--) {
      try {
        new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, n));
        return n;
      } catch {
        // keep looking
      }
    }
    return 0;
  }
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (fails(mid)) bad = mid;
    else good = mid;
  }
  // The byte at bad − 1 is where decoding gave up; the bad character may have started a few
  // bytes before it (a lead byte whose follower is wrong): point at that start.
  for (let k = bad - 1; k > Math.max(0, bad - 5); k--) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, k));
      return k;
    } catch {
      // still inside the bad character
    }
  }
  return bad - 1;
}

/**
 * A web page or an Excel 2003 XML spreadsheet saved with an .xls or .csv name (what many web
 * systems' "export to Excel" hand out): text, but not rows. Excel opens both and can save them
 * as .xlsx or CSV, which is what the user is told to do.
 */
export type MarkupError = { code: 'file.html' } | { code: 'file.xmlSpreadsheet' };

export function markupKind(text: string): MarkupError | null {
  const head = text.slice(0, 4096).replace(/^[\s\uFEFF]+/, '').toLowerCase();
  if (!head.startsWith('<')) return null;
  if (head.startsWith('<?xml') && /<workbook[\s>]/.test(head) && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return { code: 'file.xmlSpreadsheet' };
  if (/^<(!doctype html|html[\s>]|table[\s>]|head[\s>]|body[\s>]|meta[\s>]|style[\s>])/.test(head) || (head.startsWith('<?xml') && /<html[\s>]/.test(head))) return { code: 'file.html' };
  return null;
}
