import { err, ok, type Result } from '../../result';
import { cleanCell, toHalfWidth } from './text';

/**
 * Amounts, prices and quantities as shops write them: '¥1,234.50', '1234.5元', '（12.00）'.
 * The result is a plain number in the unit written (yuan, pieces); `toFen` turns yuan into fen.
 */
export type NumberError = { code: 'number.empty' | 'number.notANumber'; raw: string };

const CURRENCY_PREFIX = /^(?:[¥￥$]|RMB|CNY|人民币)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:[¥￥$元]|RMB|CNY)$/i;
const SIGN = /^([+-])\s*/;
// Thousands separators only where they belong: '1,234,567.5' yes, '1,23' and '12,34,567' no.
// No exponent: Number('1e3') is 1000, but no price list writes one, so it is more likely a mangled code.
const DECIMAL = /^(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)$/;

function stripCurrency(text: string): string {
  return text.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * '12' or '-3.50' (PLAIN_DECIMAL) of at most 15 digits: its value, or NaN for any other text.
 * Exactly what Number() reads: the digits are a whole number held exactly, and so is the power
 * of ten, so their quotient is the decimal correctly rounded. (A loop: three such cells a row.)
 */
function plainDecimal(raw: string): number {
  const negative = raw.charCodeAt(0) === 45;
  let digits = 0;
  let fraction = -1; // digits after the point; -1: no point
  let whole = 0;
  for (let i = negative ? 1 : 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === 46 && fraction < 0 && digits > 0) fraction = 0;
    else return Number.NaN;
  }
  if (digits === 0 || fraction === 0 || digits > 15) return Number.NaN;
  const value = fraction > 0 ? whole / POWERS_OF_TEN[fraction]! : whole;
  return negative ? -value : value;
}

export function parseDecimal(raw: string): Result<number, NumberError> {
  const plain = plainDecimal(raw);
  if (plain === plain) return ok(plain || 0); // not NaN; || 0: '-0' reads as 0
  // The usual cell with more digits: Number() reads it exactly as the full rules would.
  if (PLAIN_DECIMAL.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value)) return ok(value || 0); // || 0: '-0' reads as 0
  }
  let text = toHalfWidth(cleanCell(raw));
  if (text === '') return err({ code: 'number.empty', raw });
  let sign = SIGN.exec(text); // before the currency: '-¥12.50'
  if (sign) text = text.slice(sign[0].length);
  text = stripCurrency(text);
  if (!sign) {
    sign = SIGN.exec(text); // after the currency: '¥-12.50'
    if (sign) text = text.slice(sign[0].length);
  }
  let negative = sign?.[1] === '-';
  // Accounting negatives: '(12.00)', '¥(12.00)', '(¥12.00)'. Not combined with a sign.
  const parens = sign ? null : /^\((.*)\)$/.exec(text);
  if (parens) {
    negative = true;
    text = stripCurrency((parens[1] ?? '').trim());
  }
  if (!DECIMAL.test(text)) return err({ code: 'number.notANumber', raw });
  const value = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(value)) return err({ code: 'number.notANumber', raw });
  // '-0' reads as 0, not -0 (which would show as '-0' in some formatting paths).
  return ok(negative && value !== 0 ? -value : value);
}

/** Thrown by `toFen` for NaN or ±Infinity: a caller bug, since `parseDecimal` never returns them. */
export class NotFiniteAmountError extends Error {
  readonly code = 'number.notFinite';
}

/**
 * Yuan to whole fen, rounding half away from zero on the decimal as written: 1.005 is stored as
 * 1.00499999…, so Math.round(1.005 * 100) gives 100; the shortest text of the double is '1.005'.
 */
export function toFen(yuan: number): number {
  if (!Number.isFinite(yuan)) throw new NotFiniteAmountError(`toFen(${yuan})`);
  // Fast path: amounts with at most two decimals land within float noise of a whole number of
  // fen (0.29 × 100 = 28.999…96). Halves such as 1.005 (100.4999…) are far from one: full rules.
  const scaled = yuan * 100;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) < 1e-7 && Math.abs(scaled) < 1e15) return nearest || 0;
  const text = String(Math.abs(yuan));
  let fen: number;
  if (/e/.test(text)) {
    // Beyond 1e21 every double is already a whole number; below 1e-6 it rounds to 0 fen.
    fen = Math.round(Math.abs(yuan) * 100);
  } else {
    const [whole = '0', fraction = ''] = text.split('.');
    const cents = Number((fraction + '00').slice(0, 2));
    const roundUp = (fraction[2] ?? '0') >= '5' ? 1 : 0;
    fen = Number(whole) * 100 + cents + roundUp;
  }
  return yuan < 0 && fen !== 0 ? -fen : fen;
}
