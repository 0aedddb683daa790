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
  | { code: 'file.badEncoding'; encoding: Encoding; offset: number };

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
  if (evenZeros + oddZeros > 0) return null; // NUL bytes in 8-bit text: not a text file
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', bom: 0 };
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
    return err({ code: 'file.badEncoding', encoding: detected.encoding, offset: firstBadOffset(body, detected.encoding) });
  }
  // Binary data decodes to control characters: refuse rather than import noise.
  if (controlShare(text) > 0.01) return err({ code: 'file.binary' });
  if (text.trim() === '') return err({ code: 'file.empty' });
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

/** Where decoding first fails (for the message), found by halving. */
function firstBadOffset(bytes: Uint8Array, encoding: Encoding): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 4) {
    const mid = (good + bad) >> 1;
    try {
      // stream: a character cut at `mid` is not an error, only a bad byte before it is.
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  return good;
}
