import { dayFromYmd, ymdFromDay } from '../../dates';
import { err, ok, type Result } from '../../result';
import { cleanCell, toHalfWidth } from './text';

/**
 * Purchase dates as shops export them: ISO, '2024/3/5', '2024年3月5日', '20240305', Excel serial
 * numbers, and 'a/b/yyyy' whose order (day or month first) only the whole column can tell.
 */
export type DateOrder = 'YMD' | 'DMY' | 'MDY';
/** 'undecided': a/b/year dates that read two ways and nothing tells which; 'none': no such date (nothing to ask). */
export type DateOrderEvidence = 'dayFirst' | 'monthFirst' | 'yearFirst' | 'undecided' | 'none' | 'conflict';
/** `day` is a day number (lib/dates); `minutes` since midnight, null when no time was written. */
export type ParsedDate = { day: number; minutes: number | null };
type DateErrorCode = 'date.empty' | 'date.invalid' | 'date.impossible' | 'date.ambiguous';
export type DateError = { code: DateErrorCode; raw: string };

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
// Excel counts days from 1899-12-30 (its serial 1 is 1900-01-01, plus a fake 1900-02-29 for
// Lotus 1-2-3 compatibility): from March 1900 on, serial n is simply this day + n.
const EXCEL_EPOCH = dayFromYmd(1899, 12, 30);
// 1954-10-03 … 2119-01-10: a bare number outside this is a quantity or a code, not a date.
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;
const MINUTES_PER_DAY = 1440;

const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^\d+(?:\.\d+)?$/;
const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ](.+))?$/;
const YEAR_FIRST_CN = /^(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?(?:[日号] ?(.+)?| (.+))?$/;
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?: (.+))?$/;
// 上午/下午 are am/pm; an ISO offset ('Z', '+08:00') is ignored: the written local time is the shop's.
const TIME =
  /^(?:(上午|下午|am|pm) ?)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?(上午|下午|am|pm))?(?: ?(?:z|[+-]\d{2}(?::?\d{2})?))?$/i;

function normalise(raw: string): string {
  return toHalfWidth(cleanCell(raw)).replace(/\s+/g, ' ');
}

export function parseDate(raw: string, order: DateOrder | null): Result<ParsedDate, DateError> {
  const read = readDate(normalise(raw), order);
  return typeof read === 'string' ? err({ code: read, raw }) : ok(read);
}

/**
 * parseDate for a whole column, with the same answers: a POS export's 'date time' cells are
 * nearly all distinct, but their dates and their times repeat, so each half is read once and
 * remembered, as is each date written alone (the answers are shared: callers only read them).
 * Anything the halves do not both read (or a bare-number date, whose time the whole form refuses)
 * is parsed whole.
 */
export function dateReader(order: DateOrder | null): (raw: string) => Result<ParsedDate, DateError> {
  const days = new Map<string, number | null>();
  const times = new Map<string, number | null>();
  const wholes = new Map<string, Result<ParsedDate, DateError>>();
  const LIMIT = 100_000;
  const remember = <T>(map: Map<string, T>, key: string, value: T) => {
    if (map.size >= LIMIT) map.clear();
    map.set(key, value);
    return value;
  };
  // The last date read, apart: an export sorted by time has each day's lines together, and a
  // compare costs less than hashing a new string for the map.
  let lastDatePart = '';
  let lastDay: number | null = null;
  return (raw) => {
    const space = raw.indexOf(' ');
    if (space > 0) {
      const datePart = raw.slice(0, space);
      let day = datePart === lastDatePart ? lastDay : days.get(datePart);
      if (day === undefined) {
        const read = /^\d+$/.test(datePart) ? null : readDate(normalise(datePart), order);
        day = remember(days, datePart, read !== null && typeof read !== 'string' && read.minutes === null ? read.day : null);
      }
      lastDatePart = datePart;
      lastDay = day;
      if (day !== null) {
        const timePart = raw.slice(space + 1);
        let minutes = times.get(timePart);
        if (minutes === undefined) {
          const read = readTime(normalise(timePart));
          minutes = remember(times, timePart, typeof read === 'string' ? null : read);
        }
        if (minutes !== null) return ok({ day, minutes });
      }
      return parseDate(raw, order);
    }
    // A date alone ('2024-03-05'): a few hundred distinct over a million lines, each read once.
    let whole = wholes.get(raw);
    if (whole === undefined) whole = remember(wholes, raw, parseDate(raw, order));
    return whole;
  };
}

function readDate(text: string, order: DateOrder | null): ParsedDate | DateErrorCode {
  if (text === '') return 'date.empty';

  const compact = COMPACT.exec(text);
  if (compact) {
    // Eight digits are a date only when they make one; otherwise an order number or a code.
    const day = dayOf(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    return day === null ? 'date.invalid' : { day, minutes: null };
  }
  if (SERIAL.test(text)) return readSerial(text);

  const ymd = YEAR_FIRST.exec(text);
  if (ymd) return withTime(dayOf(Number(ymd[1]), Number(ymd[3]), Number(ymd[4])), ymd[5]);
  const cn = YEAR_FIRST_CN.exec(text);
  if (cn) return withTime(dayOf(Number(cn[1]), Number(cn[2]), Number(cn[3])), cn[4] ?? cn[5]);

  const yearLast = YEAR_LAST.exec(text);
  if (yearLast) {
    const [a, b, year] = [Number(yearLast[1]), Number(yearLast[3]), fullYear(yearLast[4] ?? '')];
    const day = resolveYearLast(a, b, year, order);
    return typeof day === 'string' ? day : withTime(day, yearLast[5]);
  }
  return 'date.invalid';
}

function readSerial(text: string): ParsedDate | DateErrorCode {
  const serial = Number(text);
  if (serial < SERIAL_MIN || serial > SERIAL_MAX) return 'date.invalid';
  const whole = Math.floor(serial);
  let day = EXCEL_EPOCH + whole;
  let minutes: number | null = null;
  if (text.includes('.')) {
    minutes = Math.round((serial - whole) * MINUTES_PER_DAY);
    if (minutes === MINUTES_PER_DAY) {
      // 23:59:45 and later round up to the next midnight.
      day += 1;
      minutes = 0;
    }
  }
  const { year } = ymdFromDay(day);
  return year < MIN_YEAR || year > MAX_YEAR ? 'date.impossible' : { day, minutes };
}

/**
 * 'a/b/year' with the caller's order. No silent fallback to the other reading when the order
 * says otherwise: a file is consistent, and the caller inferred the order from the whole column.
 */
function resolveYearLast(a: number, b: number, year: number, order: DateOrder | null): number | DateErrorCode {
  const dayFirst = dayOf(year, b, a);
  const monthFirst = dayOf(year, a, b);
  if (order === 'DMY') return dayFirst ?? 'date.impossible';
  if (order === 'MDY') return monthFirst ?? 'date.impossible';
  // 'YMD' says nothing about this form, so it is treated like no order at all.
  if (a === b) return dayFirst ?? 'date.impossible'; // '5/5/2024' reads the same both ways
  if (a <= 12 && b <= 12) return 'date.ambiguous';
  return dayFirst ?? monthFirst ?? 'date.impossible'; // at most one can be valid here
}

function fullYear(text: string): number {
  if (text.length === 4) return Number(text);
  const yy = Number(text);
  return yy <= 69 ? 2000 + yy : 1900 + yy;
}

function withTime(day: number | null, time: string | undefined): ParsedDate | DateErrorCode {
  const minutes = time === undefined ? null : readTime(time);
  if (typeof minutes === 'string') return minutes;
  return day === null ? 'date.impossible' : { day, minutes };
}

/** Minutes since midnight; seconds are dropped, not rounded, so 23:59:59 stays on its day. */
function readTime(text: string): number | DateErrorCode {
  const m = TIME.exec(text);
  if (!m) return 'date.invalid';
  if (m[1] !== undefined && m[5] !== undefined) return 'date.invalid'; // 'PM 2:30 PM'
  const marker = (m[1] ?? m[5])?.toLowerCase();
  let hour = Number(m[2]);
  const minute = Number(m[3]);
  const second = m[4] === undefined ? 0 : Number(m[4]);
  if (minute > 59 || second > 59 || hour > 23) return 'date.impossible';
  if (marker !== undefined) {
    const pm = marker === '下午' || marker === 'pm';
    if (hour > 12) {
      // '下午14:30' is already on the 24-hour clock; '上午14:30' contradicts itself.
      if (!pm) return 'date.impossible';
    } else if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  return hour * 60 + minute;
}

/** The day number of a real calendar date in 1900–2100, or null. */
function dayOf(year: number, month: number, date: number): number | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || date < 1 || date > 31) return null;
  const day = dayFromYmd(year, month, date);
  // Date.UTC rolls 2023-02-29 over to March 1st; a real date survives the round trip.
  const back = ymdFromDay(day);
  return back.month === month && back.day === date ? day : null;
}

/**
 * The order of a column's 'a/b/year' dates, from all its samples: a first part over 12 proves
 * day first, a second part over 12 proves month first. 'undecided' (for the user to settle) only
 * when some date really reads two ways: '5/5/2024' reads the same either way and asks nothing.
 */
export function inferDateOrder(samples: readonly string[]): { order: DateOrder | null; evidence: DateOrderEvidence } {
  let twoWays = false;
  let yearFirstSeen = false;
  let dayFirst = false;
  let monthFirst = false;
  for (const sample of samples) {
    const text = normalise(sample);
    const m = YEAR_LAST.exec(text);
    if (m) {
      const [a, b, year] = [Number(m[1]), Number(m[3]), fullYear(m[4] ?? '')];
      // Only a sample with exactly one possible reading is evidence; '31/2/2024' proves nothing.
      const asDayFirst = dayOf(year, b, a) !== null;
      const asMonthFirst = dayOf(year, a, b) !== null;
      if (asDayFirst && !asMonthFirst) dayFirst = true;
      if (asMonthFirst && !asDayFirst) monthFirst = true;
      if (asDayFirst && asMonthFirst && a !== b) twoWays = true;
    } else if (typeof readDate(text, 'YMD') !== 'string') {
      yearFirstSeen = true;
    }
  }
  if (dayFirst && monthFirst) return { order: null, evidence: 'conflict' };
  if (dayFirst) return { order: 'DMY', evidence: 'dayFirst' };
  if (monthFirst) return { order: 'MDY', evidence: 'monthFirst' };
  // Mixed with year-first dates, the 'a/b/year' ones still need an order: undecided.
  if (twoWays) return { order: null, evidence: 'undecided' };
  if (yearFirstSeen) return { order: 'YMD', evidence: 'yearFirst' };
  return { order: null, evidence: 'none' };
}

/**
 * Whether an import preview asks "day/month or month/day?": only while no order is chosen and a
 * mapped date column really reads two ways (or contradicts itself), or a mapped birthday does (its
 * date.ambiguous problems). Never for a file with no dates, or with ISO or YYYYMMDD dates
 * (issue 16: it showed on 34 of 65 files).
 */
export function asksDateOrder(p: { dateEvidence: DateOrderEvidence; problemCounts: Record<string, number>; settings: { dateOrder: DateOrder | null } }): boolean {
  if (p.settings.dateOrder !== null) return false;
  return p.dateEvidence === 'undecided' || p.dateEvidence === 'conflict' || (p.problemCounts['date.ambiguous'] ?? 0) > 0;
}
