/**
 * Text clean-up shared by the value parsers. Chinese IMEs type full-width forms ('１２３', '．')
 * and spreadsheet exports pad cells with NBSP, tabs or a BOM; the parsers then see one canonical text.
 */

// U+FF01–U+FF5E mirror ASCII U+0021–U+007E one to one, at this fixed distance.
const FULL_WIDTH_OFFSET = 0xfee0;

/** Full-width ASCII to half-width (this covers '．' U+FF0E and '，' U+FF0C), U+3000 to a space. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ');
}

// \s already holds tab, NBSP, U+3000, BOM and line breaks; the zero-width characters it does not.
const EDGE_JUNK = /^[\s\u200B-\u200D\u2060\uFEFF]+|[\s\u200B-\u200D\u2060\uFEFF]+$/g;

/** Trims blanks and invisible characters at both ends; the middle is left as written. */
export function cleanCell(s: string): string {
  return s.replace(EDGE_JUNK, '');
}
