/**
 * Text clean-up shared by the value parsers. Chinese IMEs type full-width forms ('１２３', '．')
 * and spreadsheet exports pad cells with NBSP, tabs or a BOM; the parsers then see one canonical text.
 */

// U+FF01–U+FF5E mirror ASCII U+0021–U+007E one to one, at this fixed distance.
const FULL_WIDTH_OFFSET = 0xfee0;

/** Full-width ASCII to half-width (this covers '．' U+FF0E and '，' U+FF0C), U+3000 to a space. */
const NEEDS_HALF_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(s: string): string {
  // Most cells have nothing to convert: one test instead of two replacements (a million rows).
  if (!NEEDS_HALF_WIDTH.test(s)) return s;
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ');
}

// \s already holds tab, NBSP, U+3000, BOM and line breaks; the zero-width characters it does not.
const EDGE_JUNK = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/** Trims blanks and invisible characters at both ends; the middle is left as written. */
/** Characters EDGE_JUNK removes (what \s matches, plus the zero-width ones). */
function isEdgeJunk(c: number): boolean {
  return c <= 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200d) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff;
}

export function cleanCell(s: string): string {
  // Fast path: nothing to trim at either end (the usual case).
  if (s === '' || (!isEdgeJunk(s.charCodeAt(0)) && !isEdgeJunk(s.charCodeAt(s.length - 1)))) return s;
  return s.replace(EDGE_JUNK, '');
}

// Zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), the direction marks and overrides
// (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069): invisible, yet they make '王芳' another name
// or show '芳王' (U+202E reverses what follows). No shop types them on purpose.
export const INVISIBLE_CHARS = '\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\u061C';
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');
const HAS_INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`);

/** The text without invisible characters (the same string when it has none, the usual case). */
export function stripInvisible(s: string): string {
  return HAS_INVISIBLE.test(s) ? s.replace(INVISIBLE, '') : s;
}

/** The text with each invisible character written as <U+202E>, for a report that shows what was removed. */
export function showInvisible(s: string): string {
  return s.replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
