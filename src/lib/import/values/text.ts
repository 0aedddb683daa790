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
