/**
 * A file without a header row (a transaction log such as CDNOW's, a POS dump): its columns are
 * named 1, 2, 3… and mapped from what they hold, for the user to check and fix.
 */
import type { FieldId } from './fields';
import type { Mapping } from './mapping';
import { parseDate } from './values/date';
import { cleanCell, toHalfWidth } from './values/text';

/** Rows looked at per column: enough to see a file's variety, few enough to stay instant. */
const GUESS_ROWS = 500;

type Shape = 'compactDate' | 'date' | 'phone' | 'decimal' | 'smallInteger' | 'id' | 'name' | 'gender' | 'other';

const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const MOBILE = /^1[3-9]\d{9}$/;
const DECIMAL = /^-?\d+\.\d+$/;
const INTEGER = /^-?\d+$/;
// Letters then digits, as ids are written: 00004, C1001, VIP001, M-2031.
const ID = /^[A-Za-z]{0,6}[-_]?\d+$/;
const CHINESE_NAME = /^[\u4e00-\u9fff·]{2,5}$/;
const GENDER_WORDS = new Set(['男', '女', '先生', '女士', 'm', 'f', 'male', 'female']);
// YYYYMMDD from 1900 to 2099 with a real month and day: 20240305, not the id 10000001.
const plausibleCompactDate = (v: string) => {
  const m = COMPACT_DATE.exec(v);
  if (!m || Number(m[1]) < 1900 || Number(m[1]) > 2099) return false;
  return parseDate(v, null).ok;
};

function shapeOf(values: readonly string[]): Shape {
  if (values.length === 0) return 'other';
  const all = (test: (v: string) => boolean) => values.every(test);
  if (all(plausibleCompactDate)) return 'compactDate';
  if (all((v) => MOBILE.test(v.replace(/[\s-]/g, '')))) return 'phone';
  if (all((v) => GENDER_WORDS.has(v.toLowerCase()))) return 'gender';
  // Other date forms; a bare number is left to the number shapes (an Excel serial is also a price).
  if (all((v) => !INTEGER.test(v) && !DECIMAL.test(v) && (parseDate(v, null).ok || parseDate(v, 'DMY').ok || parseDate(v, 'MDY').ok))) return 'date';
  if (all((v) => INTEGER.test(v) || DECIMAL.test(v))) {
    if (values.some((v) => DECIMAL.test(v))) return 'decimal';
    // A leading zero is kept by ids only (00004); counts are small.
    if (values.some((v) => v.length > 1 && v.startsWith('0'))) return 'id';
    return values.every((v) => Math.abs(Number(v)) <= 999) ? 'smallInteger' : 'id';
  }
  if (all((v) => ID.test(v))) return 'id';
  if (all((v) => CHINESE_NAME.test(v))) return 'name';
  return 'other';
}

/**
 * A field for each column from its contents, each field at most once, the leftmost column first:
 * a YYYYMMDD or other date column → date; 11-digit 1[3-9]… → phone; decimals → amount; small
 * whole numbers → quantity; the first column of ids → customer id (a second one, such as an id
 * within a sample, is left unmapped); 男/女 → gender; a column of Chinese names → name.
 */
export function guessColumns(rows: readonly (readonly string[])[], width: number): Mapping {
  const sample = rows.slice(0, GUESS_ROWS);
  const target: Partial<Record<Shape, FieldId>> = {
    compactDate: 'date',
    date: 'date',
    phone: 'phone',
    decimal: 'amount',
    smallInteger: 'quantity',
    id: 'customerId',
    name: 'name',
    gender: 'gender',
  };
  const used = new Set<FieldId>();
  return Array.from({ length: width }, (_, c) => {
    const values = sample.map((r) => toHalfWidth(cleanCell(r[c] ?? ''))).filter((v) => v !== '');
    const field = target[shapeOf(values)];
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}
