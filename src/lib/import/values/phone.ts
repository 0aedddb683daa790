import { err, ok, type Result } from '../../result';
import { isScientificNotation } from './id';
import { cleanCell, toHalfWidth } from './text';

/**
 * Mainland China phone numbers as member lists hold them: mobiles with or without +86, landlines
 * with an area code and maybe an extension, and numbers Excel has damaged by treating them as floats.
 * The result is digits only ('13800138000', '02012345678', '02012345678-123'), so the same phone
 * written two ways matches.
 */
export type PhoneError = { code: 'phone.empty' | 'phone.damaged' | 'phone.invalid' | 'phone.masked'; raw: string };

type Reading =
  | { kind: 'mobile'; digits: string }
  | { kind: 'landline'; digits: string }
  | { kind: 'error'; code: 'phone.damaged' | 'phone.invalid' };

const MOBILE = /^1[3-9]\d{9}$/;
// '0' + area code + a 7–8 digit local number (10–12 digits). Area codes are 2 digits for Beijing
// (10) and the 2x cities, 3 digits starting 3–9 elsewhere: '020' + 9 digits is not a number.
const LANDLINE_WITH_AREA = /^0(?:10|2\d|[3-9]\d\d)\d{7,8}$/;
// Local numbers never start with 0 (trunk prefix) or 1 (mobiles and service numbers such as 110).
const LANDLINE_LOCAL = /^[2-9]\d{6,7}$/;
const EXTENSION_MARKED = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const EXTENSION_DASHED = /-\s*(\d{1,6})\s*$/;
const PHONE_CHARS = /^\(?\+?[\d\s\-.()]+$/;

/** A cell holding just a mobile number, '13800138000' (most cells of a POS export): normalisePhone reads it as itself. */
export const isPlainMobile = (raw: string): boolean => MOBILE.test(raw);

export function normalisePhone(raw: string): Result<string, PhoneError> {
  const text = toHalfWidth(cleanCell(raw));
  if (text === '') return err({ code: 'phone.empty', raw });
  // Excel stored the number as a float and printed it rounded ('1.38001E+10'): digits are lost, never guess.
  if (isScientificNotation(text)) return err({ code: 'phone.damaged', raw });
  // '138****1234', as Keqing's own exports write phones: the hidden digits are gone, never a number.
  if (/^\+?[\d\s-]*\*{2,}[\d\s-]*$/.test(text)) return err({ code: 'phone.masked', raw });
  let body = text.replace(/^(\+?\d+)\.0+$/, '$1'); // '13800138000.0': the same float, printed whole
  let extension: string | null = null;
  const marked = EXTENSION_MARKED.exec(body);
  if (marked) {
    body = marked[1] ?? '';
    extension = marked[2] ?? '';
  }
  if (!PHONE_CHARS.test(body)) return err({ code: 'phone.invalid', raw });
  const international = /^\(?\+/.test(body);
  const digits = body.replace(/\D/g, '');

  const whole = readDigits(digits, international);
  if (whole.kind === 'landline') return ok(extension === null ? whole.digits : `${whole.digits}-${extension}`);
  if (whole.kind === 'mobile') {
    return extension === null ? ok(whole.digits) : err({ code: 'phone.invalid', raw }); // mobiles have no extension
  }

  // '020-12345678-123': a last dash group is an extension only if what precedes it is a landline
  // ('020-1234-5678' is read whole first, so its last group stays part of the number).
  const dashed = extension === null ? EXTENSION_DASHED.exec(body) : null;
  if (dashed?.[1] !== undefined) {
    const head = readDigits(digits.slice(0, -dashed[1].length), international);
    if (head.kind === 'landline') return ok(`${head.digits}-${dashed[1]}`);
  }
  return err({ code: whole.code, raw });
}

function readDigits(all: string, plus: boolean): Reading {
  let digits = all;
  let international = plus;
  if (plus) {
    if (!digits.startsWith('86')) return { kind: 'error', code: 'phone.invalid' }; // not mainland China
    digits = digits.slice(2);
  } else if (digits.startsWith('0086')) {
    digits = digits.slice(4);
    international = true;
  } else if (/^861[3-9]\d{9}$/.test(digits)) {
    // A bare '86' only before a mobile: '86123456' is also a plain 8-digit local number.
    digits = digits.slice(2);
  }
  // After the country code the trunk '0' is dropped: +86 20 1234 5678 is 020-1234 5678.
  if (international && /^[2-9]\d{8,10}$/.test(digits)) digits = '0' + digits;

  if (MOBILE.test(digits)) return { kind: 'mobile', digits };
  // A 10-digit number starting with 1 is a mobile that lost a digit (Excel dropped it, or a typo).
  if (digits.startsWith('1')) return { kind: 'error', code: digits.length === 10 ? 'phone.damaged' : 'phone.invalid' };
  if (LANDLINE_WITH_AREA.test(digits)) return { kind: 'landline', digits };
  if (!international && LANDLINE_LOCAL.test(digits)) return { kind: 'landline', digits };
  return { kind: 'error', code: 'phone.invalid' };
}

/**
 * For screens and exports that must not show whole numbers: '138****1234', '020****5678'.
 * One '*' per hidden digit; an extension is kept after the masked main number.
 */
export function maskPhone(phone: string): string {
  const dash = phone.indexOf('-');
  if (dash < 0) return maskMain(phone);
  return maskMain(phone.slice(0, dash)) + phone.slice(dash);
}

function maskMain(main: string): string {
  if (main.length < 7) return '*'.repeat(Math.max(0, main.length - 2)) + main.slice(-2);
  let keep = 0;
  if (/^1\d{10}$/.test(main)) keep = 3;
  // Beijing (010) and the 02x cities have 2-digit area codes; the rest have 3.
  else if (main.startsWith('0')) keep = /^0[12]/.test(main) ? 3 : 4;
  // Never let the kept head and tail leave fewer than 3 digits hidden.
  if (main.length - keep - 4 < 3) keep = 0;
  return main.slice(0, keep) + '*'.repeat(main.length - keep - 4) + main.slice(-4);
}
