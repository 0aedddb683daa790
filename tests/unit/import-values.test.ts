import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/lib/dates';
import { inferDateOrder, dateReader, parseDate, type DateOrder } from '../../src/lib/import/values/date';
import { isPlainId, isScientificNotation, normaliseId } from '../../src/lib/import/values/id';
import { NotFiniteAmountError, parseDecimal, toFen } from '../../src/lib/import/values/number';
import { isPlainMobile, maskPhone, normalisePhone } from '../../src/lib/import/values/phone';
import { cleanCell, stripInvisible, toHalfWidth } from '../../src/lib/import/values/text';

const ymd = dayFromYmd;

describe('toHalfWidth', () => {
  it.each([
    ['１２３４．５', '1234.5'],
    ['１，２３４', '1,234'],
    ['ＶＩＰ１００', 'VIP100'],
    ['（１２）', '(12)'],
    ['Ａ\u3000Ｂ', 'A B'], // ideographic space U+3000
    ['！～', '!~'], // the two ends of the U+FF01–U+FF5E block
    ['￥12', '￥12'], // U+FFE5 is outside the block: the parsers handle it themselves
    ['张三 13800138000', '张三 13800138000'],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(toHalfWidth(input)).toBe(expected));
});

describe('cleanCell', () => {
  it.each([
    ['  abc  ', 'abc'],
    ['\tabc\t', 'abc'],
    ['\u00A0abc\u00A0', 'abc'], // NBSP from HTML-ish exports
    ['\uFEFFabc', 'abc'], // BOM glued to the first cell
    ['\u200Babc\u200B', 'abc'], // zero-width space
    ['\u3000abc\u3000', 'abc'],
    ['abc\r\n', 'abc'],
    [' a  \u00A0 b ', 'a  \u00A0 b'], // the middle stays as written
    ['   ', ''],
    ['', ''],
  ])('%j → %j', (input, expected) => expect(cleanCell(input)).toBe(expected));

  it('does not convert full-width forms', () => expect(cleanCell(' １２ ')).toBe('１２'));
});

describe('parseDecimal', () => {
  it.each([
    ['12', 12],
    ['12.5', 12.5],
    ['0', 0],
    ['0.29', 0.29],
    ['.5', 0.5],
    ['12.', 12],
    ['+12', 12],
    ['-12.5', -12.5],
    ['1,234', 1234],
    ['1,234,567.5', 1_234_567.5],
    ['1，234', 1234], // full-width comma
    ['１２３４．５', 1234.5], // full-width digits and point
    ['¥12.50', 12.5],
    ['￥ 12.50', 12.5], // full-width yen, space after
    ['12.50元', 12.5],
    ['12.50 元', 12.5],
    ['RMB 1,234.00', 1234],
    ['rmb12', 12],
    ['CNY 99', 99],
    ['99 CNY', 99],
    ['$3.5', 3.5],
    ['人民币100', 100],
    ['¥12元', 12],
    ['-¥12.50', -12.5],
    ['¥-12.50', -12.5],
    ['(12.00)', -12], // accounting negative
    ['（12.00）', -12], // full-width parentheses
    ['¥(1,234.00)', -1234],
    ['(¥12.00)', -12],
    ['  12  ', 12],
    ['\u00A012\u200B', 12],
    ['999,999,999,999.99', 999_999_999_999.99],
    ['- 5', -5],
  ])('reads %j as %d', (raw, value) => {
    expect(parseDecimal(raw)).toEqual({ ok: true, value });
  });

  it.each(['-0', '-0.00', '(0.00)', '+0'])('reads %j as plain 0, not -0', (raw) => {
    const r = parseDecimal(raw);
    expect(r.ok && Object.is(r.value, 0)).toBe(true);
  });

  it.each([
    ['', 'number.empty'],
    ['   ', 'number.empty'],
    ['\u3000', 'number.empty'],
    ['abc', 'number.notANumber'],
    ['12abc', 'number.notANumber'],
    ['1e3', 'number.notANumber'], // Number('1e3') is 1000: no price is written so
    ['1.2E+04', 'number.notANumber'],
    ['--5', 'number.notANumber'],
    ['+-5', 'number.notANumber'],
    ['5-', 'number.notANumber'], // trailing minus is not accepted
    ['1.2.3', 'number.notANumber'],
    ['1,23', 'number.notANumber'], // a comma not in a thousands position
    ['12,34,567', 'number.notANumber'], // Indian grouping: not a Chinese export
    ['1234,567', 'number.notANumber'],
    [',123', 'number.notANumber'],
    ['1,234,', 'number.notANumber'],
    ['-(12)', 'number.notANumber'], // sign and parentheses together
    ['(-12)', 'number.notANumber'],
    ['(12', 'number.notANumber'],
    ['¥', 'number.notANumber'],
    ['-', 'number.notANumber'],
    ['.', 'number.notANumber'],
    ['0x10', 'number.notANumber'],
    ['Infinity', 'number.notANumber'],
    ['NaN', 'number.notANumber'],
    ['1 234', 'number.notANumber'],
    ['1' + '0'.repeat(400), 'number.notANumber'], // beyond a double: Infinity
  ])('rejects %j as %s', (raw, code) => {
    expect(parseDecimal(raw)).toEqual({ ok: false, error: { code, raw } });
  });
});

describe('parseDecimal of plain decimals (read by a loop, not Number)', () => {
  it('reads exactly what Number() reads, -0 as 0, for 20,000 random texts of 1–18 digits', () => {
    let seed = 3;
    const next = (n: number) => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) % n;
    for (let run = 0; run < 20_000; run++) {
      const digits = Array.from({ length: 1 + next(18) }, () => String(next(10))).join('');
      const point = next(3) === 0 ? digits.length : 1 + next(digits.length);
      const text = `${next(4) === 0 ? '-' : ''}${digits.slice(0, point)}${point < digits.length ? `.${digits.slice(point)}` : ''}`;
      const read = parseDecimal(text);
      expect(read.ok && Object.is(read.value, Number(text) || 0), text).toBe(true);
    }
  });

  it.each(['-', '.', '-.5', '1.', '1..2', '1.2.3', '--1', '1-', ''])('%j is not one: read by the full rules', (text) => {
    const outcome = (r: ReturnType<typeof parseDecimal>) => (r.ok ? r.value : r.error.code);
    expect(outcome(parseDecimal(text))).toEqual(outcome(parseDecimal(` ${text}`))); // the full rules, as with a blank before it
  });
});

describe('toFen', () => {
  it.each([
    [0.29, 29], // 0.29 × 100 = 28.999999999999996 in floats
    [1.005, 101], // stored as 1.00499999999999989…: Math.round(1.005 * 100) would give 100
    [2.675, 268], // stored as 2.67499999999999982…
    [-1.005, -101], // half away from zero
    [1234.5, 123_450],
    [0, 0],
    [12, 1200],
    [0.1 + 0.2, 30], // 0.30000000000000004
    [0.004, 0],
    [0.005, 1],
    [-0.004, 0],
    [19.999, 2000],
    [123_456_789_012.34, 12_345_678_901_234],
    [1e21, 1e23], // exponent form of the text: already whole
    [1e-7, 0],
  ])('%d yuan → %d fen', (yuan, fen) => {
    expect(toFen(yuan)).toBe(fen);
  });

  it('gives 0, not -0, for a negative amount below half a fen', () => {
    expect(Object.is(toFen(-0.001), 0)).toBe(true);
    expect(Object.is(toFen(-0), 0)).toBe(true);
  });

  it('throws for NaN and Infinity: a caller bug, not a data error', () => {
    expect(() => toFen(Number.NaN)).toThrow(NotFiniteAmountError);
    expect(() => toFen(Number.POSITIVE_INFINITY)).toThrow(NotFiniteAmountError);
  });
});

describe('normaliseId', () => {
  it.each([
    ['17850', '17850'],
    ['17850.0', '17850'], // an integer id read as a float
    ['17850.00', '17850'],
    ['0.0', '0'],
    ['1.785E+04', '17850'], // 5 digits: Excel General shows up to 6, so the trailing 0 is real
    ['1.785e4', '17850'],
    ['1.785E4', '17850'],
    ['1.23457E+05', '123457'], // all 6 digits written
    ['1.7850E+03', '1785'], // the written trailing zero falls after the point
    ['1.2345678901E+10', '12345678901'], // every digit written, none implied
    ['1E+05', '100000'],
    ['6.22848E+15', '6.22848E+15'], // a 16-digit card: 10 digits lost, kept for the caller to flag
    ['1.38001E+10', '1.38001E+10'], // an 11-digit phone used as id: 5 digits unknown
    ['1.2E+07', '1.2E+07'], // 8 digits, only 2 known
    ['1.785E+02', '1.785E+02'], // 178.5 is not an integer id
    ['1.5E-3', '1.5E-3'],
    ['C536379', 'C536379'],
    ['VIP100123', 'VIP100123'],
    ['A-001', 'A-001'],
    ['00123', '00123'], // leading zeros of a text id are kept
    ['12.5', '12.5'],
    ['  C536379\t', 'C536379'],
    ['ＶＩＰ１００１２３', 'VIP100123'],
    ['１７８５０．０', '17850'],
    ['张  三\u3000丰', '张 三 丰'], // internal runs of blanks collapse to one space
  ])('%j → %j', (raw, id) => expect(normaliseId(raw)).toBe(id));

  it.each(['', '   ', '\uFEFF', '\u3000'])('%j → null', (raw) => expect(normaliseId(raw)).toBeNull());
});

describe('isScientificNotation', () => {
  it.each([
    ['1.38001E+10', true],
    ['6.22848e+15', true],
    ['1E5', true],
    ['1.5e-3', true],
    [' １．３８Ｅ＋１０ ', true],
    ['13800138000', false],
    ['17850.0', false],
    ['E+10', false],
    ['1.38E', false],
    ['ABC1E5', false],
    ['', false],
  ])('%j → %s', (raw, expected) => expect(isScientificNotation(raw)).toBe(expected));
});

describe('isPlainId (an id the import takes as it is, without normaliseId)', () => {
  it.each([
    ['XP00000001', true],
    ['A1004', true],
    ['m-48_08', true],
    ['17850', true],
    ['1E5', false], // Excel's scientific form: read by normaliseId
    ['1e-5', false],
    ['ABCE1', false], // any 'e' goes the long way (it is still read right)
    ['17850.0', false],
    [' A1', false],
    ['A\u200B1', false],
    ['A\r1', false], // a control character is no '-' nor a digit
    ['A\u0011', false],
    ['A\u007f', false],
    ['Ａ1', false],
    ['王1', false],
    ['', false],
  ])('%j → %s', (raw, expected) => expect(isPlainId(raw)).toBe(expected));

  it('gives back only what the long way gives back unchanged, not damaged (every text of up to two ASCII characters)', () => {
    const chars = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
    for (const a of chars) {
      for (const b of ['', ...chars]) {
        const text = a + b;
        if (!isPlainId(text)) continue;
        expect([cleanCell(text), stripInvisible(text), normaliseId(text), isScientificNotation(text)]).toEqual([text, text, text, false]);
      }
    }
    expect(chars.filter((a) => isPlainId(a)).join('')).toBe('-0123456789ABCDFGHIJKLMNOPQRSTUVWXYZ_abcdfghijklmnopqrstuvwxyz');
  });
});

describe('normalisePhone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['138.0013.8000', '13800138000'],
    ['(138)00138000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['(+86) 13800138000', '13800138000'],
    ['＋８６ １３８００１３８０００', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['13800138000.0', '13800138000'], // Excel float printed whole
    ['+8613800138000.0', '13800138000'],
    ['19912345678', '19912345678'],
    ['\t13800138000\u00A0', '13800138000'],
    ['020-12345678', '02012345678'],
    ['(020) 1234 5678', '02012345678'],
    ['010-1234567', '0101234567'], // 10 digits: the shortest with an area code
    ['0755-1234567', '07551234567'],
    ['0755-12345678', '075512345678'], // 12 digits: the longest
    ['020-1234-5678', '02012345678'], // dashes inside the local number, not an extension
    ['+86 20 1234 5678', '02012345678'], // the trunk 0 comes back once +86 is gone
    ['+86 (0)20 1234 5678', '02012345678'],
    ['0086-755-1234567', '07551234567'],
    ['020-12345678-123', '02012345678-123'],
    ['020-12345678转123', '02012345678-123'],
    ['020-12345678 转 123', '02012345678-123'],
    ['020-12345678 ext123', '02012345678-123'],
    ['020-12345678 ext.123', '02012345678-123'],
    ['020-12345678x123', '02012345678-123'],
    ['020-12345678 X 123', '02012345678-123'],
    ['020-12345678分机8', '02012345678-8'],
    ['+86 20 12345678-123', '02012345678-123'],
    ['0755-1234567-8', '075512345678'], // read whole first: a valid 12-digit landline
    ['23456789', '23456789'], // local number without area code
    ['8765432', '8765432'],
    ['2345678-12', '2345678-12'],
  ])('%j → %j', (raw, phone) => {
    expect(normalisePhone(raw)).toEqual({ ok: true, value: phone });
  });

  it.each([
    ['', 'phone.empty'],
    ['  ', 'phone.empty'],
    ['\u3000', 'phone.empty'],
    ['1.38001E+10', 'phone.damaged'], // Excel scientific form: digits are lost, never guess
    ['1.38E+10', 'phone.damaged'],
    ['1.38001e10', 'phone.damaged'],
    ['1380013800', 'phone.damaged'], // 10 digits starting with 1: a mobile that lost one
    ['138 0013 800', 'phone.damaged'],
    ['+86 1380013800', 'phone.damaged'],
    ['138001380001', 'phone.invalid'], // 12 digits starting with 1, no +86
    ['1380013800012345', 'phone.invalid'],
    ['12345678901', 'phone.invalid'], // 11 digits, but no mobile starts 12
    ['12345678', 'phone.invalid'], // local numbers never start with 1 (110, 12345 are services)
    ['1234567', 'phone.invalid'],
    ['13800138000-123', 'phone.invalid'], // a mobile has no extension
    ['13800138000转8', 'phone.invalid'],
    ['+1 415 555 2671', 'phone.invalid'], // not mainland China
    ['+852 2345 6789', 'phone.invalid'],
    ['+86 23456789', 'phone.invalid'], // after +86 an area code or a mobile must follow
    ['00 20 12345678', 'phone.invalid'],
    ['020-123456', 'phone.invalid'], // 9 digits: too short for an area code and a local number
    ['020-123456789', 'phone.invalid'], // 12 digits, but after a 2-digit area code 9 is too long
    ['0755-123456', 'phone.invalid'], // 10 digits, but after a 3-digit area code 6 is too short
    ['0012345678', 'phone.invalid'], // '00' is the international prefix, not an area code
    ['0755-123456789', 'phone.invalid'], // 13 digits
    ['123456', 'phone.invalid'],
    ['abc', 'phone.invalid'],
    ['138001380OO', 'phone.invalid'], // letters O for zeros
    ['tel:13800138000', 'phone.invalid'],
    ['13800138000/13900139000', 'phone.invalid'],
    ['无', 'phone.invalid'],
    ['-', 'phone.invalid'],
    ['13800138000.5', 'phone.invalid'],
  ])('rejects %j as %s', (raw, code) => {
    expect(normalisePhone(raw)).toEqual({ ok: false, error: { code, raw } });
  });
});

describe('isPlainMobile (the import reads such a cell as itself, without normalisePhone)', () => {
  it('holds only for a cell normalisePhone reads as itself', () => {
    const plain = ['13800138000', '19912345678', '15000000000'];
    const not = ['12800138000', '1380013800', '138001380000', ' 13800138000', '13800138000 ', '+8613800138000', '8613800138000', '138-0013-8000', '１３８００１３８０００', '13800138000.0', '1.38001E+10', '138****8000', '02012345678', ''];
    for (const raw of plain) {
      expect(isPlainMobile(raw)).toBe(true);
      expect(normalisePhone(raw)).toEqual({ ok: true, value: raw });
    }
    for (const raw of not) expect(isPlainMobile(raw)).toBe(false);
    // Every 11-digit text starting with 1: where the pattern says plain, normalisePhone agrees.
    for (let second = 0; second <= 9; second++) {
      const raw = `1${second}912345678`;
      if (isPlainMobile(raw)) expect(normalisePhone(raw)).toEqual({ ok: true, value: raw });
      else expect(normalisePhone(raw).ok).toBe(false);
    }
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['02012345678', '020****5678'],
    ['0101234567', '010***4567'], // one * per hidden digit
    ['07551234567', '0755***4567'],
    ['075512345678', '0755****5678'],
    ['02012345678-123', '020****5678-123'], // the extension stays after the masked number
    ['23456789', '****6789'],
    ['8765432', '***5432'],
    ['123456', '****56'], // shorter than 7: all but the last 2
    ['12', '12'],
    ['', ''],
  ])('%j → %j', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});

describe('parseDate', () => {
  it('counts day numbers as lib/dates does (hand check)', () => {
    // 2024-01-01: 54 years × 365 + 13 leap days (1972…2020) = 19,723; + 31 (Jan) + 29 (Feb) + 4 = 19,787.
    expect(ymd(2024, 3, 5)).toBe(19_787);
    // Excel's day 0, 1899-12-30, is 25,569 days before 1970-01-01 (Excel serial of 1970-01-01 = 25569).
    expect(ymd(1899, 12, 30)).toBe(-25_569);
  });

  const t = (h: number, m: number) => h * 60 + m;

  it.each([
    ['2024-03-05', ymd(2024, 3, 5), null],
    ['2024-3-5', ymd(2024, 3, 5), null],
    ['2024/3/5', ymd(2024, 3, 5), null],
    ['2024/03/05', ymd(2024, 3, 5), null],
    ['2024.3.5', ymd(2024, 3, 5), null],
    ['2024年3月5日', ymd(2024, 3, 5), null],
    ['2024年03月05日', ymd(2024, 3, 5), null],
    ['2024年3月5号', ymd(2024, 3, 5), null],
    ['2024年3月5', ymd(2024, 3, 5), null],
    ['2024 年 3 月 5 日', ymd(2024, 3, 5), null],
    ['２０２４年３月５日', ymd(2024, 3, 5), null],
    ['２０２４－０３－０５', ymd(2024, 3, 5), null],
    ['20240305', ymd(2024, 3, 5), null],
    ['19000101', ymd(1900, 1, 1), null],
    ['21001231', ymd(2100, 12, 31), null],
    [' 2024-03-05\u00A0', ymd(2024, 3, 5), null],
    ['2024-02-29', ymd(2024, 2, 29), null], // leap year
    ['2000-02-29', ymd(2000, 2, 29), null], // divisible by 400: leap
    ['2024-03-05T14:30', ymd(2024, 3, 5), t(14, 30)],
    ['2024-03-05T14:30:00Z', ymd(2024, 3, 5), t(14, 30)],
    ['2024-03-05T23:30:00-05:00', ymd(2024, 3, 5), t(23, 30)], // the written local date, offset ignored
    ['2024-03-05T01:15:00.123+08:00', ymd(2024, 3, 5), t(1, 15)],
    ['2024-03-05T01:15:00+0800', ymd(2024, 3, 5), t(1, 15)],
    ['2024-03-05 14:30', ymd(2024, 3, 5), t(14, 30)],
    ['2024/3/5 14:30:00', ymd(2024, 3, 5), t(14, 30)],
    ['2024/3/5  14:30:59', ymd(2024, 3, 5), t(14, 30)], // seconds dropped, not rounded up
    ['2024/3/5 下午2:30', ymd(2024, 3, 5), t(14, 30)],
    ['2024/3/5 下午 2:30:00', ymd(2024, 3, 5), t(14, 30)],
    ['2024/3/5 上午9:05', ymd(2024, 3, 5), t(9, 5)],
    ['2024/3/5 上午12:10', ymd(2024, 3, 5), t(0, 10)], // 12 am is just after midnight
    ['2024/3/5 下午12:10', ymd(2024, 3, 5), t(12, 10)], // 12 pm is just after noon
    ['2024/3/5 下午14:30', ymd(2024, 3, 5), t(14, 30)], // already on the 24-hour clock
    ['2024/3/5 2:30 PM', ymd(2024, 3, 5), t(14, 30)],
    ['2024/3/5 2:30pm', ymd(2024, 3, 5), t(14, 30)],
    ['2024/3/5 2:30 AM', ymd(2024, 3, 5), t(2, 30)],
    ['2024年3月5日 14:30', ymd(2024, 3, 5), t(14, 30)],
    ['2024年3月5日14:30', ymd(2024, 3, 5), t(14, 30)],
    ['2024年3月5日 下午2:30', ymd(2024, 3, 5), t(14, 30)],
    ['2010-12-01 08:26:00', ymd(2010, 12, 1), t(8, 26)],
    ['2024-03-05 00:00', ymd(2024, 3, 5), 0], // midnight is 0, not null
    ['2024-03-05 23:59', ymd(2024, 3, 5), t(23, 59)],
    ['2024-03-05 0:00:00', ymd(2024, 3, 5), 0],
  ])('reads %j as day %i, minutes %s', (raw, day, minutes) => {
    expect(parseDate(raw, null)).toEqual({ ok: true, value: { day, minutes } });
  });

  describe('Excel serial numbers', () => {
    it.each([
      // 45356 − 25569 = 19787 = 2024-03-05 (see the hand check above). Excel's serial 1 is
      // 1900-01-01 and it counts a fake 1900-02-29, so from March 1900 on it counts from 1899-12-30.
      ['45356', 19_787, null],
      ['25569', 0, null], // 1970-01-01, day 0
      ['45356.5', 19_787, t(12, 0)],
      ['45356.604166666664', 19_787, t(14, 30)], // 870 / 1440
      ['40513.35138888889', ymd(2010, 12, 1), t(8, 26)], // 40513 − 25569 = 14944 = 2010-12-01; 506 / 1440
      ['45356.0', 19_787, 0], // a time was written: midnight
      ['45356.99999', 19_788, 0], // 1439.986 minutes rounds up to the next midnight
      ['20000', ymd(1954, 10, 3), null], // lowest serial taken as a date: 5844 − 5569 = Oct 3rd 1954
      ['73051', ymd(2100, 1, 1), null], // 2100-01-01 = 130 × 365 + 32 leap days = 47482; + 25569
      ['73415', ymd(2100, 12, 31), null],
      ['４５３５６', 19_787, null],
    ])('serial %j → day %i, minutes %s', (raw, day, minutes) => {
      expect(parseDate(raw, null)).toEqual({ ok: true, value: { day, minutes } });
    });

    it.each([
      ['19999', 'date.invalid'], // below the serial range: a quantity, not a date
      ['0', 'date.invalid'],
      ['12', 'date.invalid'],
      ['2024', 'date.invalid'], // a bare year
      ['80001', 'date.invalid'],
      ['73416', 'date.impossible'], // 2101-01-01: past 2100
      ['80000', 'date.impossible'], // 2119-01-10
      ['-45356', 'date.invalid'],
    ])('rejects %j as %s', (raw, code) => {
      expect(parseDate(raw, null)).toEqual({ ok: false, error: { code, raw } });
    });
  });

  describe('a/b/year', () => {
    it.each<[string, DateOrder | null, number, number | null]>([
      ['5/3/2024', 'DMY', ymd(2024, 3, 5), null],
      ['5/3/2024', 'MDY', ymd(2024, 5, 3), null],
      ['05-03-2024', 'DMY', ymd(2024, 3, 5), null],
      ['5.3.2024', 'DMY', ymd(2024, 3, 5), null],
      ['12/1/2010 8:26', 'MDY', ymd(2010, 12, 1), t(8, 26)], // the UCI Online Retail file
      ['1/12/2010 08:26', 'DMY', ymd(2010, 12, 1), t(8, 26)],
      ['25/3/2024', 'DMY', ymd(2024, 3, 25), null],
      ['3/25/2024', 'MDY', ymd(2024, 3, 25), null],
      ['25/3/2024', null, ymd(2024, 3, 25), null], // no order: the only possible reading
      ['3/25/2024', null, ymd(2024, 3, 25), null],
      ['25/3/2024', 'YMD', ymd(2024, 3, 25), null], // YMD says nothing about this form: as null
      ['5/5/2024', null, ymd(2024, 5, 5), null], // both readings agree
      ['5/3/24', 'DMY', ymd(2024, 3, 5), null], // yy ≤ 69 → 20yy
      ['5/3/69', 'DMY', ymd(2069, 3, 5), null],
      ['5/3/70', 'DMY', ymd(1970, 3, 5), null], // yy ≥ 70 → 19yy
      ['5/3/99', 'DMY', ymd(1999, 3, 5), null],
      ['5/3/00', 'DMY', ymd(2000, 3, 5), null],
      ['29/2/2024', 'DMY', ymd(2024, 2, 29), null],
      ['2/29/24', null, ymd(2024, 2, 29), null],
      ['31/12/2024 23:59', null, ymd(2024, 12, 31), t(23, 59)],
    ])('reads %j with order %s', (raw, order, day, minutes) => {
      expect(parseDate(raw, order)).toEqual({ ok: true, value: { day, minutes } });
    });

    it.each<[string, DateOrder | null, string]>([
      ['5/3/2024', null, 'date.ambiguous'], // 5 March or May 3rd: the caller asks the user
      ['5/3/2024', 'YMD', 'date.ambiguous'],
      ['12/1/2010 8:26', null, 'date.ambiguous'],
      ['25/3/2024', 'MDY', 'date.impossible'], // strict: no silent switch to day first
      ['3/25/2024', 'DMY', 'date.impossible'],
      ['29/2/2023', 'DMY', 'date.impossible'], // 2023 is not a leap year
      ['31/4/2024', null, 'date.impossible'], // April has 30 days; month 31 is no reading either
      ['13/13/2024', null, 'date.impossible'],
      ['32/1/2024', 'DMY', 'date.impossible'],
      ['5/3/2024 25:00', 'DMY', 'date.impossible'],
      ['5/3/2024 soon', 'DMY', 'date.invalid'],
      ['5/3-2024', 'DMY', 'date.invalid'], // mixed separators
      ['5/3/202', 'DMY', 'date.invalid'], // three-digit year
      ['5/3', 'DMY', 'date.invalid'],
    ])('rejects %j with order %s as %s', (raw, order, code) => {
      expect(parseDate(raw, order)).toEqual({ ok: false, error: { code, raw } });
    });
  });

  it('ignores the order for year-first forms', () => {
    for (const order of ['YMD', 'DMY', 'MDY', null] as const) {
      expect(parseDate('2024-03-05', order)).toEqual({ ok: true, value: { day: 19_787, minutes: null } });
    }
  });

  it.each([
    ['', 'date.empty'],
    ['   ', 'date.empty'],
    ['\u3000\t', 'date.empty'],
    ['2023-02-29', 'date.impossible'], // 2023 is not a leap year
    ['1900-02-29', 'date.impossible'], // 1900 is not a leap year (only Excel thinks so)
    ['2100-02-29', 'date.impossible'],
    ['2024-13-01', 'date.impossible'],
    ['2024-00-10', 'date.impossible'],
    ['2024/4/31', 'date.impossible'],
    ['2024-03-00', 'date.impossible'],
    ['2024年2月30日', 'date.impossible'],
    ['1899-12-31', 'date.impossible'], // before 1900
    ['2101-01-01', 'date.impossible'], // after 2100
    ['2024-03-05 24:00', 'date.impossible'],
    ['2024-03-05 23:60', 'date.impossible'],
    ['2024-03-05 12:30:60', 'date.impossible'],
    ['2024/3/5 上午14:30', 'date.impossible'], // am and 14 o'clock contradict
    ['2024-03-05 14', 'date.invalid'],
    ['2024-03-05 14:3', 'date.invalid'],
    ['2024-03-05 PM 2:30 PM', 'date.invalid'],
    ['2024-03-05T', 'date.invalid'],
    ['2024-03/05', 'date.invalid'], // mixed separators
    ['20231345', 'date.invalid'], // 8 digits that make no date: an order number, not a date
    ['20230229', 'date.invalid'],
    ['18991231', 'date.invalid'],
    ['202403051', 'date.invalid'],
    ['00:00', 'date.invalid'],
    ['yesterday', 'date.invalid'],
    ['2024', 'date.invalid'],
    ['24-3-5 x', 'date.invalid'],
    ['2024-03-05 14:30 tomorrow', 'date.invalid'],
    ['Mar 5, 2024', 'date.invalid'],
  ])('rejects %j as %s', (raw, code) => {
    expect(parseDate(raw, null)).toEqual({ ok: false, error: { code, raw } });
  });
});

describe('inferDateOrder', () => {
  it.each<[string, string[], DateOrder | null, string]>([
    ['a first part over 12', ['5/3/2024', '25/3/2024', '1/4/2024'], 'DMY', 'dayFirst'],
    ['a second part over 12', ['12/1/2010 8:26', '12/13/2010 9:00'], 'MDY', 'monthFirst'],
    ['both proven', ['25/3/2024', '3/25/2024'], null, 'conflict'],
    ['nothing over 12', ['5/3/2024', '1/2/2024', '12/12/2024'], null, 'undecided'],
    // Issue 16: a date that reads the same both ways asks nothing.
    ['only dates that read the same both ways', ['5/5/2024', '12/12/2024'], null, 'none'],
    ['same-both-ways beside year-first', ['2024-03-05', '7/7/2024'], 'YMD', 'yearFirst'],
    ['only year-first forms', ['2024-03-05', '2024/3/5 14:30', '2024年3月5日', '20240305', '45356'], 'YMD', 'yearFirst'],
    ['year-first mixed with undecided a/b/year', ['2024-03-05', '5/3/2024'], null, 'undecided'],
    ['year-first mixed with day-first', ['2024-03-05', '25/3/2024'], 'DMY', 'dayFirst'],
    ['two-digit years', ['5/3/24', '5/30/24'], 'MDY', 'monthFirst'],
    ['no samples', [], null, 'none'],
    ['only blanks and junk', ['', '  ', 'n/a', '2024-13-45'], null, 'none'],
    ['junk beside real evidence', ['', 'n/a', '25/3/2024'], 'DMY', 'dayFirst'],
    // '31/2/2024' has a first part over 12 but no possible reading at all: it proves nothing.
    ['an impossible sample', ['31/2/2024', '3/25/2024'], 'MDY', 'monthFirst'],
    ['full-width samples', ['２５／３／２０２４'], 'DMY', 'dayFirst'],
  ])('%s', (_name, samples, order, evidence) => {
    expect(inferDateOrder(samples)).toEqual({ order, evidence });
  });

  it('gives an order parseDate accepts for the whole column', () => {
    const column = ['5/3/2024', '25/3/2024', '1/12/2024 8:00'];
    const { order } = inferDateOrder(column);
    expect(column.map((raw) => parseDate(raw, order).ok)).toEqual([true, true, true]);
  });
});

describe('dateReader (a column of dates, halves remembered)', () => {
  const samples = [
    '2024/1/5 10:00', '2024/1/5 10:00', '2024/1/5 23:59:59', '2024-01-05 下午2:30', '2024年1月5日 10:00', '2024年1月5日 上午10:00',
    '3/5/2024 10:00', '13/5/2024 10:00', '5/13/2024 10:00 PM', '2024/2/30 10:00', '2024/1/5 25:00', '2024/1/5 oops', '20240105 10:00',
    '45000 10:00', '45000.5', '2024 年 1 月 5 日', '2024/1/5', ' 2024/1/5 10:00', '２０２４/１/５ １０:００', '2024/1/5  10:00', '2024/1/5 10:00 +08:00',
    '2024-01-05T10:00', '', 'hello world', '2024/1/5 PM 2:30 PM', "'2024/1/5 10:00",
  ];
  it.each([null, 'DMY', 'MDY', 'YMD'] as const)('answers exactly as parseDate does (order %s)', (order) => {
    const read = dateReader(order);
    for (const raw of [...samples, ...samples]) expect([raw, read(raw)]).toEqual([raw, parseDate(raw, order)]);
  });
  it('answers the same for runs of one day (the last date kept apart) and for dates written alone', () => {
    const run = ['2024/1/5 09:00', '2024/1/5 10:30', '2024/1/5 oops', '2024/1/5 11:00', '2024/2/30 10:00', '2024/2/30 11:00', '2024/1/6 08:00', '2024/1/5 12:00', '2024-03-05', '2024-03-05', '2024/2/30', '2024-03-05'];
    const read = dateReader(null);
    expect(run.map(read)).toEqual(run.map((raw) => parseDate(raw, null)));
    // 2024-01-06 is day 19,728 (2024-01-01 is 1,704,067,200 s / 86,400 = 19,723).
    expect(read('2024/1/6 09:15')).toEqual({ ok: true, value: { day: 19_728, minutes: 9 * 60 + 15 } });
  });
});
