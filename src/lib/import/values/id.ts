import { cleanCell, toHalfWidth } from './text';

/**
 * Customer ids, card numbers, order numbers and item codes after Excel has had them: a numeric
 * id read as a float ('17850.0') or shown in scientific form ('1.785E+04').
 */

const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?e[+-]?\d+$/i;
const FLOAT_OF_INTEGER = /^(\d+)\.0+$/;
const POSITIVE_SCIENTIFIC = /^(\d+)(?:\.(\d+))?e\+?(\d+)$/i;
// Excel's General format shows at most 6 significant digits in scientific form ('1.23457E+15')
// and drops trailing zeros, so a number of up to 6 digits comes back whole; a longer one may not.
const EXCEL_SCIENTIFIC_DIGITS = 6;

/** True for texts like '1.38001E+10' or '6.22848e+15': a number Excel printed in scientific form. */
export function isScientificNotation(raw: string): boolean {
  return SCIENTIFIC.test(toHalfWidth(cleanCell(raw)));
}

/**
 * An id that needs no reading: letters, digits, '-' and '_' without an 'e' (so never Excel's
 * scientific form), as most ids in a POS export are. normaliseId gives it back as it is, and
 * nothing in it is hidden or at its edges. A loop over its characters: a large import reads
 * three ids a row.
 */
export function isPlainId(raw: string): boolean {
  if (raw === '') return false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const plain = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a && c !== 0x45) || (c >= 0x61 && c <= 0x7a && c !== 0x65) || c === 0x2d || c === 0x5f;
    if (!plain) return false;
  }
  return true;
}

/** The id as text, or null for an empty cell. A long id in lossy scientific form stays as written: the caller flags it. */
// Letters, digits, '-' and '_' only, and not digits-e-digits (which Excel could have meant as 1E5).
const PLAIN_ID = /^[0-9A-Za-z_-]+$/;
const BARE_EXPONENT = /^\d+[eE]\d+$/;

export function normaliseId(raw: string): string | null {
  if (PLAIN_ID.test(raw) && !BARE_EXPONENT.test(raw)) return raw; // the usual id: nothing to clean
  const text = toHalfWidth(cleanCell(raw)).replace(/\s+/g, ' ');
  if (text === '') return null;
  const float = FLOAT_OF_INTEGER.exec(text);
  if (float) return float[1] ?? text;
  const sci = POSITIVE_SCIENTIFIC.exec(text);
  if (sci) return integerFromScientific(sci[1] ?? '', sci[2] ?? '', Number(sci[3])) ?? text;
  return text;
}

/** The integer a scientific text stands for, when every digit of it is known; otherwise null. */
function integerFromScientific(whole: string, fraction: string, exponent: number): string | null {
  let digits = whole + fraction;
  const shift = exponent - fraction.length; // zeros to append (or, if negative, digits after the point)
  if (shift < 0) {
    const after = digits.slice(shift);
    if (!/^0+$/.test(after)) return null; // not an integer: '1.785E+02' is 178.5
    digits = digits.slice(0, shift);
  }
  digits = digits.replace(/^0+(?=\d)/, '');
  if (shift <= 0) return digits;
  // Appended zeros are real only if Excel had room to show the digits there.
  if (digits.length + shift > EXCEL_SCIENTIFIC_DIGITS) return null;
  return digits === '0' ? '0' : digits + '0'.repeat(shift);
}
