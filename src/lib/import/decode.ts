/**
 * Bytes → text, with the encoding detected rather than asked: UTF-8 (with or without BOM),
 * UTF-16 LE/BE (Excel's "Unicode text", with or without BOM), and the legacy 8-bit encodings a
 * shop's Excel writes: GB18030/GBK (Chinese Excel's default), Big5 (Hong Kong, Taiwan),
 * Shift-JIS (Japanese) and Windows-1252 (Western Europe). Every one of those legacy encodings
 * turns almost any bytes into some text, so each is tried on a sample and kept only when the text
 * it gives is plausible; when none is, the file is refused instead of stored garbled.
 * The whole file is decoded at once: decoding in chunks splits multibyte characters at the edges.
 */
import { err, ok, type Result } from '../result';

export type LegacyEncoding = 'gb18030' | 'big5' | 'shift_jis' | 'windows-1252';
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

export type DecodeError =
  | { code: 'file.empty' }
  | { code: 'file.binary' }
  /** The file says it is UTF-8 (a BOM) or UTF-16, or was detected as `encoding`, but its bytes are not. */
  | { code: 'file.badEncoding'; encoding: Encoding; offset: number }
  /** No encoding gave plausible text: `tried` names them, in the order tried. */
  | { code: 'file.unknownEncoding'; tried: string }
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

/** What detection found: an encoding (and its BOM's length), or why none. */
export type Detected = { encoding: Encoding; bom: number } | { refused: 'binary' } | { refused: 'unknown' };

export function detectEncoding(bytes: Uint8Array): Detected {
  if (isOfficeBinary(bytes)) return { refused: 'binary' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // UTF-16 without a BOM: ASCII text then has a zero in every other byte.
  const head = bytes.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < head.length; i++) {
    if (head[i] !== 0) continue;
    if (i % 2) oddZeros++;
    else evenZeros++;
  }
  const half = head.length / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05) return { encoding: 'utf-16le', bom: 0 };
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05) return { encoding: 'utf-16be', bom: 0 };
  if (evenZeros + oddZeros > 0) {
    // Mostly Chinese UTF-16 has fewer zeros (only its ASCII: commas, digits), all on one side.
    const side = oddZeros > 0 && evenZeros === 0 ? 'utf-16le' : evenZeros > 0 && oddZeros === 0 ? 'utf-16be' : null;
    if (side && utf16Plausibility([bytes.subarray(0, SAMPLE_HEAD)], side) >= CONVINCING) return { encoding: side, bom: 0 };
    // A NUL or two in clean 8-bit text is a damaged row: read on, so that only that row fails.
    if (!strayNuls(head)) return { refused: 'binary' }; // NUL bytes all over: not a text file
  }
  if (looksUtf8(bytes)) return { encoding: 'utf-8', bom: 0 };
  const sample = sampleOf(bytes);
  let best: { encoding: LegacyEncoding; score: number } | null = null;
  for (const encoding of LEGACY) {
    const score = plausibility(sample, encoding);
    if (score >= CONVINCING && (!best || score > best.score)) best = { encoding, score };
  }
  if (best) return { encoding: best.encoding, bom: 0 };
  return { refused: 'unknown' };
}

/** Tried in this order; on equal scores the earlier wins (GBK: what a Chinese shop's Excel writes). */
export const LEGACY: readonly LegacyEncoding[] = ['gb18030', 'big5', 'shift_jis', 'windows-1252'];
/** The encodings a refusal names as tried (the message shows them). */
export const TRIED = 'UTF-8, UTF-16, GB18030/GBK, Big5, Shift-JIS, Windows-1252';

// Real text in the right encoding scores 0.9–1 (names in the common-character block of their
// standard); text read in the wrong one scores far lower (rare characters, invalid sequences).
const CONVINCING = 0.8;
const SAMPLE_HEAD = 64 * 1024;
const SAMPLE_MIDDLE = 16 * 1024;

/**
 * The first 64 KB and 16 KB from the middle: enough to judge, fast for an 86 MB file. The middle
 * part starts after a line break, which is never the second byte of a double-byte character
 * in these encodings (their trail bytes are 0x40 and above), so it starts on a character.
 */
function sampleOf(bytes: Uint8Array): Uint8Array[] {
  if (bytes.length <= SAMPLE_HEAD + SAMPLE_MIDDLE) return [bytes];
  const mid = bytes.indexOf(0x0a, bytes.length >> 1);
  const parts = [bytes.subarray(0, SAMPLE_HEAD)];
  if (mid !== -1) parts.push(bytes.subarray(mid + 1, mid + 1 + SAMPLE_MIDDLE));
  // Both parts plain ASCII (Chinese only in a column filled further down): judge from the line
  // holding the first byte that is not.
  if (parts.every((p) => p.every((b) => b < 0x80))) {
    const first = bytes.findIndex((b) => b >= 0x80);
    const lineStart = first <= 0 ? 0 : bytes.lastIndexOf(0x0a, first) + 1;
    if (first !== -1) parts.push(bytes.subarray(lineStart, lineStart + SAMPLE_HEAD));
  }
  return parts;
}

/**
 * How plausible the bytes are as text in `encoding`, 0–1: of the non-ASCII characters, the share
 * in the block of common characters of that standard (GB2312 level 1 for GBK, 常用字 for Big5,
 * kana and JIS level-1 kanji for Shift-JIS, accented letters beside ASCII letters for
 * Windows-1252), less rare ones at half weight; invalid sequences count against it four times.
 * A character cut off at the end of a sample part counts for nothing.
 */
export function plausibility(parts: readonly Uint8Array[], encoding: LegacyEncoding): number {
  let chars = 0;
  let weight = 0;
  let bad = 0;
  const grade = GRADERS[encoding];
  for (const b of parts) {
    for (let i = 0; i < b.length; ) {
      if (b[i]! < 0x80) {
        i++;
        continue;
      }
      const g = grade(b, i);
      if (g.length === 0) break; // cut off at the end
      if (g.weight < 0) bad++;
      else {
        chars++;
        weight += g.weight;
      }
      i += g.length;
    }
  }
  const total = chars + 4 * bad;
  return total === 0 ? 0 : weight / total;
}

/** One character at `i` (its first byte ≥ 0x80): its length (0 = cut off) and weight (−1 = invalid). */
type Grader = (b: Uint8Array, i: number) => { length: number; weight: number };
const INVALID = { length: 1, weight: -1 };
const CUT = { length: 0, weight: 0 };
const inRange = (x: number, lo: number, hi: number) => x >= lo && x <= hi;

const GRADERS: Record<LegacyEncoding, Grader> = {
  gb18030: (b, i) => {
    const lead = b[i]!;
    if (lead === 0x80 || lead === 0xff) return INVALID;
    if (i + 1 >= b.length) return CUT;
    const t = b[i + 1]!;
    if (inRange(t, 0x30, 0x39)) return { length: 4, weight: 0.5 }; // a four-byte GB18030 character: rare
    if (!(inRange(t, 0x40, 0x7e) || inRange(t, 0x80, 0xfe))) return INVALID;
    const gb2312 = inRange(t, 0xa1, 0xfe);
    // GB2312 level 1 (B0–D7): the 3,755 most used characters; A1–A3: punctuation and full-width forms.
    if (gb2312 && (inRange(lead, 0xb0, 0xd7) || inRange(lead, 0xa1, 0xa3))) return { length: 2, weight: 1 };
    if (gb2312 && inRange(lead, 0xd8, 0xf7)) return { length: 2, weight: 0.5 }; // level 2
    return { length: 2, weight: 0 };
  },
  big5: (b, i) => {
    const lead = b[i]!;
    if (!inRange(lead, 0x81, 0xfe)) return INVALID;
    if (i + 1 >= b.length) return CUT;
    const t = b[i + 1]!;
    if (!(inRange(t, 0x40, 0x7e) || inRange(t, 0xa1, 0xfe))) return INVALID;
    const code = (lead << 8) | t;
    // A440–C67E: the 5,401 常用字; A140–A3BF: punctuation and symbols; C940–F9D5: 次常用字.
    if (inRange(code, 0xa440, 0xc67e) || inRange(code, 0xa140, 0xa3bf)) return { length: 2, weight: 1 };
    if (inRange(code, 0xc940, 0xf9d5)) return { length: 2, weight: 0.5 };
    return { length: 2, weight: 0 };
  },
  shift_jis: (b, i) => {
    const lead = b[i]!;
    if (inRange(lead, 0xa1, 0xdf)) return { length: 1, weight: 0.5 }; // half-width katakana
    if (!(inRange(lead, 0x81, 0x9f) || inRange(lead, 0xe0, 0xfc))) return INVALID;
    if (i + 1 >= b.length) return CUT;
    const t = b[i + 1]!;
    if (!(inRange(t, 0x40, 0x7e) || inRange(t, 0x80, 0xfc))) return INVALID;
    const code = (lead << 8) | t;
    // 8140–81FF symbols, 824F–8396 full-width alphanumerics and kana, 889F–9872 level-1 kanji.
    if (inRange(code, 0x8140, 0x81ff) || inRange(code, 0x824f, 0x8396) || inRange(code, 0x889f, 0x9872)) return { length: 2, weight: 1 };
    if (inRange(code, 0x989f, 0xeaa4)) return { length: 2, weight: 0.5 }; // level-2 kanji
    return { length: 2, weight: 0 };
  },
  'windows-1252': (b, i) => {
    const c = b[i]!;
    if (c === 0x81 || c === 0x8d || c === 0x8f || c === 0x90 || c === 0x9d) return INVALID; // unassigned
    // Accented letters sit inside words: café, Müller, São. A byte of a double-byte character read
    // as Latin-1 sits beside another high byte instead.
    const letter = (c >= 0xc0 && c !== 0xd7 && c !== 0xf7) || c === 0x8a || c === 0x8c || c === 0x8e || c === 0x9a || c === 0x9c || c === 0x9e || c === 0x9f;
    const asciiLetter = (x: number | undefined) => x !== undefined && ((x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a));
    if (letter) return { length: 1, weight: asciiLetter(b[i - 1]) || asciiLetter(b[i + 1]) ? 1 : 0 };
    // Punctuation and symbols (€ ’ “ ” – … ° £ ²…): fine beside ASCII, not in runs of high bytes.
    const alone = (b[i - 1] ?? 0) < 0x80 && (b[i + 1] ?? 0) < 0x80;
    return { length: 1, weight: alone ? 1 : 0 };
  },
};

/**
 * UTF-16 without a BOM: the share of decoded characters in the blocks a shop's file is written in
 * (ASCII, Latin-1, punctuation, CJK, kana, full-width forms). Random bytes land there about a third of the time.
 */
function utf16Plausibility(parts: readonly Uint8Array[], encoding: 'utf-16le' | 'utf-16be'): number {
  let good = 0;
  let total = 0;
  for (const part of parts) {
    const decoded = new TextDecoder(encoding).decode(part.subarray(0, part.length & ~1));
    for (let i = 0; i < decoded.length; i++) {
      const c = decoded.charCodeAt(i);
      total++;
      const text = c === 9 || c === 10 || c === 13 || inRange(c, 0x20, 0x7e) || inRange(c, 0xa0, 0xff) || inRange(c, 0x2000, 0x206f);
      if (text || inRange(c, 0x3000, 0x30ff) || inRange(c, 0x4e00, 0x9fff) || inRange(c, 0xff00, 0xffef)) good++;
    }
  }
  return total === 0 ? 0 : good / total;
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
  if ('refused' in detected) {
    // Text of control characters is binary whatever the encoding; other bytes are text we cannot read.
    if (detected.refused === 'binary' || controlShare(new TextDecoder('windows-1252').decode(bytes.subarray(0, 65_536))) > 0.01) return err({ code: 'file.binary' });
    return err({ code: 'file.unknownEncoding', tried: TRIED });
  }
  const body = bytes.subarray(detected.bom);
  const text = decodePart(body, detected.encoding);
  if (text === null) return err({ code: 'file.badEncoding', encoding: detected.encoding, offset: detected.bom + firstBadOffset(body, detected.encoding) });
  const refused = textProblem(text);
  if (refused) return err(refused);
  return ok({ text, encoding: detected.encoding, bom: detected.bom > 0 });
}

/**
 * Bytes (a whole file after its BOM, or a part of one cut at a line break: parse.ts
 * splitPointBytes) as text in `encoding`; null where they are not valid in it. A later part
 * (`first` false) keeps a U+FEFF it starts with, as the whole file's text would.
 */
export function decodePart(bytes: Uint8Array, encoding: Encoding, first = true): string | null {
  try {
    return encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding, { fatal: true, ignoreBOM: !first }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Why decoded text is no table to read, judged from its start (the first 64 K characters) and
 * whether it holds anything: the same answer for a file's first part (of at least that length,
 * holding something) as for the whole file.
 */
export function textProblem(text: string): DecodeError | null {
  // Binary data decodes to control characters: refuse rather than import noise.
  if (controlShare(text) > 0.01) return { code: 'file.binary' };
  if (text.trim() === '') return { code: 'file.empty' };
  return markupKind(text);
}

// Windows-1252's 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ; five unassigned);
// the rest is Latin-1. Decoded here: Node's TextDecoder('windows-1252') gives Latin-1's C1 controls instead.
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
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
