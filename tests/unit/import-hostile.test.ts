/**
 * Issue 16, "no wrong value stored without a warning", on files built here: legacy encodings told
 * apart by their bytes, the limits, the value warnings, hidden characters. The bad-file corpus
 * (tests/unit/import-bad-files.test.ts) has the same on files kept in the repository.
 */
import { describe, expect, it } from 'vitest';
import { dayFromYmd, isoFromDay } from '../../src/lib/dates';
import { findDuplicates } from '../../src/lib/customers/duplicates';
import type { Customer } from '../../src/lib/customers/customer';
import { convertFile, openFile, resolveSettings, type ImportSettings } from '../../src/lib/import/analyse';
import { convertRows, mergeConverted, rowsOf, type ConvertOptions } from '../../src/lib/import/convert';
import { decodeBytes, plausibility, TRIED } from '../../src/lib/import/decode';
import { parseRows, splitPoint, MAX_ROW_CHARS } from '../../src/lib/import/parse';
import { effectOf } from '../../src/lib/import/report';
import { showInvisible, stripInvisible } from '../../src/lib/import/values/text';
import { numberText, zipTooLarge } from '../../src/lib/import/xlsx';
import { LineFlag } from '../../src/lib/purchases/columns';
import { joinBytes as join } from './helpers/bytes';

const hex = (h: string) => Uint8Array.from(h.replace(/\s/g, '').match(/../g)!, (x) => parseInt(x, 16));
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

// Byte sequences written out by hand (TextEncoder writes only UTF-8), checked against the code tables.
const BIG5 = { 陳美玲: 'B3AF ACFC ACC2', 黃志強: 'B6C0 A7D3 B16A' };
const SJIS = { 田中太郎: '9363 9286 91BE 9859', 佐藤花子: '8DB2 93A1 89D4 8E71' };
const GBK = { 陈美玲: 'B3C2 C3C0 C1E1', 王芳: 'CDF5 B7BC' };

function customersFile(names: [string, string][]): Uint8Array {
  return join(ascii('Name,Phone\r\n'), ...names.flatMap(([bytes, phone]) => [hex(bytes), ascii(`,${phone}\r\n`)]));
}

describe('legacy encodings, told apart by their bytes', () => {
  it.each([
    ['Big5', 'big5', customersFile([[BIG5.陳美玲, '13800138000'], [BIG5.黃志強, '13900139000']]), 'Name,Phone\r\n陳美玲,13800138000\r\n黃志強,13900139000\r\n'],
    ['Shift-JIS', 'shift_jis', customersFile([[SJIS.田中太郎, '13800138000'], [SJIS.佐藤花子, '13900139000']]), 'Name,Phone\r\n田中太郎,13800138000\r\n佐藤花子,13900139000\r\n'],
    ['GBK', 'gb18030', customersFile([[GBK.陈美玲, '13800138000'], [GBK.王芳, '13900139000']]), 'Name,Phone\r\n陈美玲,13800138000\r\n王芳,13900139000\r\n'],
    ['Windows-1252', 'windows-1252', join(ascii('Name\r\nJos'), hex('E9'), ascii(' M'), hex('FC'), ascii('ller\r\nO'), hex('92'), ascii('Brien\r\n')), 'Name\r\nJosé Müller\r\nO\u2019Brien\r\n'],
  ])('%s is read as %s', (_, encoding, bytes, text) => {
    expect(decodeBytes(bytes)).toEqual({ ok: true, value: { text, encoding, bom: false } });
  });

  it('scores each encoding: the right one near 1, the wrong ones low', () => {
    const big5 = [hex(BIG5.陳美玲 + BIG5.黃志強)];
    // 陳 B3AF, 美 ACFC, 玲 ACC2, 黃 B6C0, 志 A7D3, 強 B16A: all in Big5's A440–C67E block: 6 / 6.
    expect(plausibility(big5, 'big5')).toBe(1);
    // As GBK: B3AF, B6C0 level 1 (1 each); ACFC, ACC2, A7D3 private or symbol rows (0); B16A has a
    // trail byte below A1, a GBK-only character (0): 2 / 6.
    expect(plausibility(big5, 'gb18030')).toBeCloseTo(2 / 6, 10);
    // As Shift-JIS: B3, AF, AC… are half-width katakana (0.5 each) and 0xFC pairs: far from 0.8.
    expect(plausibility(big5, 'shift_jis')).toBeLessThan(0.8);
    const sjis = [hex(SJIS.田中太郎)];
    expect(plausibility(sjis, 'shift_jis')).toBe(1);
    // 93 63 … as GBK: leads 0x81–0xA0 are GBK-only characters (0): 0 / 4.
    expect(plausibility(sjis, 'gb18030')).toBe(0);
  });

  it('judges a large file by its head and a part from the middle, or where its first high byte is', () => {
    // ~84 KB of ASCII rows (28 bytes each), then 200 KB of Big5 names: the head has no high byte,
    // the part from the middle (at ~142 KB) is all Big5.
    const asciiRows = (n: number) => ascii('Name,Phone\r\n' + Array.from({ length: n }, (_, i) => `Customer ${String(i).padStart(5, '0')},138${String(i).padStart(8, '0')}\r\n`).join(''));
    const big5Rows = (n: number) => Array.from({ length: n }, () => [hex(BIG5.陳美玲), ascii(',13800138000\r\n')]).flat();
    const middle = decodeBytes(join(asciiRows(3000), ...big5Rows(10_000)));
    expect(middle.ok && middle.value.encoding).toBe('big5');
    // ~280 KB of ASCII, then 10 Big5 names at the very end: neither sample part has a high byte.
    const end = decodeBytes(join(asciiRows(10_000), ...big5Rows(10)));
    expect(end.ok && end.value.encoding).toBe('big5');
  });

  it('refuses what no encoding reads, naming what was tried', () => {
    const bytes = join(ascii('Name,Phone\r\n'), hex('8081 8D8F 909D'), ascii(',1\r\n'), hex('FFFE FFFE 8080'), ascii(',2\r\n'));
    expect(decodeBytes(bytes)).toEqual({ ok: false, error: { code: 'file.unknownEncoding', tried: TRIED } });
    expect(TRIED).toBe('UTF-8, UTF-16, GB18030/GBK, Big5, Shift-JIS, Windows-1252');
  });

  it('names the encoding it tried when that one then fails', () => {
    // Big5 names, then one broken character (lead B3, then a comma): detected as Big5, refused at that byte.
    // (Ten names: one bad character in 31 costs the score 4 / 34, still convincing.)
    const names = Array.from({ length: 10 }, (_, i): [string, string] => [i % 2 ? BIG5.黃志強 : BIG5.陳美玲, String(i)]);
    const bytes = join(customersFile(names), hex('B3'), ascii(',4\r\n'));
    expect(decodeBytes(bytes)).toEqual({ ok: false, error: { code: 'file.badEncoding', encoding: 'big5', offset: bytes.length - 5 } });
  });

  it('reads UTF-16 without a BOM when it is mostly Chinese', () => {
    const text = '陈美玲欧阳娜娜\t1\r\n司马相如诸葛亮\t2\r\n';
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) [le[2 * i], le[2 * i + 1]] = [text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8];
    expect(decodeBytes(le)).toEqual({ ok: true, value: { text, encoding: 'utf-16le', bom: false } });
    const be = le.map((_, i) => le[i ^ 1]!);
    expect(decodeBytes(be)).toEqual({ ok: true, value: { text, encoding: 'utf-16be', bom: false } });
  });
});

describe('limits', () => {
  it('refuses a line over 1 MB, with its line number', () => {
    const text = `姓名,备注\r\n王芳,短\r\n李娜,${'长'.repeat(MAX_ROW_CHARS)}\r\n张伟,短\r\n`;
    expect(parseRows(text)).toEqual({ ok: false, error: { code: 'file.lineTooLong', line: 3, length: MAX_ROW_CHARS + 5, limit: MAX_ROW_CHARS } });
    // One character shorter (the row is '李娜,' + the note + CRLF): read.
    expect(parseRows(`姓名,备注\r\n李娜,${'长'.repeat(MAX_ROW_CHARS - 5)}\r\n`).ok).toBe(true);
  }, 60_000);

  it('refuses a workbook inflating past 200 MB or 100 times its packed size', () => {
    const MB = 1024 * 1024;
    expect(zipTooLarge(200 * MB, 20 * MB)).toBeNull();
    expect(zipTooLarge(200 * MB + 1, 20 * MB)).toEqual({ code: 'file.xlsxTooLarge', size: 201, limit: 200 });
    expect(zipTooLarge(10 * MB, 0.1 * MB)).toBeNull(); // exactly 100 to 1
    expect(zipTooLarge(10 * MB, 0.1 * MB - 1)).toEqual({ code: 'file.xlsxRatio', ratio: 100, limit: 100 });
    // Small parts are inflated whatever their ratio: a 1 MB sheet of one repeated cell is harmless.
    expect(zipTooLarge(MB, 1)).toBeNull();
  });

  it('writes a 16-digit number cell as Excel shows it, so it is flagged, and keeps 15 digits whole', () => {
    expect(numberText('6228480012345678')).toBe('6.22848E+15');
    expect(numberText('6228480012345679')).toBe('6.22848E+15'); // the two cards can no longer be told apart
    expect(numberText('1E+15')).toBe('1E+15');
    expect(numberText('-1234567890123456789')).toBe('-1.23457E+18');
    expect(numberText('999999999999999')).toBe('999999999999999'); // 15 digits: whole
    expect(numberText('13800138000')).toBe('13800138000');
  });
});

const P_HEADERS = ['日期', '数量', '单价', '金额', '手机'];
const P_MAPPING: ConvertOptions['mapping'] = ['date', 'quantity', 'unitPrice', 'amount', 'phone'];
const TODAY = dayFromYmd(2026, 11, 23);
function convertPurchases(rows: string[][], today = TODAY) {
  const options: ConvertOptions = { kind: 'purchases', mapping: P_MAPPING, dateOrder: null, matchKey: 'phone', nonProductCodes: [], today };
  return convertRows(P_HEADERS, rows, rowsOf(rows, rows.map((_, i) => i + 2)), options);
}

describe('value warnings', () => {
  it('flags a purchase after today, not one on today', () => {
    const c = convertPurchases([
      ['2026-11-23', '1', '', '10', '13800138000'],
      ['2026-11-24', '1', '', '10', '13800138000'],
    ]);
    expect(c.problems).toEqual([{ line: 3, column: '日期', value: '2026-11-24', code: 'date.future', severity: 'warning' }]);
    expect(Array.from(c.lines!.flags)).toEqual([0, LineFlag.futureDate]);
    expect(c.classCounts.futureDate).toBe(1);
  });

  it('a birthday after today is not stored; today is', () => {
    const options: ConvertOptions = { kind: 'customers', mapping: ['name', 'phone', 'birthday'], dateOrder: null, matchKey: 'phone', nonProductCodes: [], today: TODAY };
    const rows = [['王芳', '13800138000', '2026-11-23'], ['李娜', '13900139000', '2026-11-24']];
    const c = convertRows(['姓名', '手机', '生日'], rows, rowsOf(rows, [2, 3]), options);
    expect(c.customers.map((x) => x.values.birthday ?? null)).toEqual([isoFromDay(TODAY), null]);
    expect(c.problems.map((p) => [p.line, p.code])).toEqual([[3, 'birthday.future']]);
  });

  it('a 2099 birthday: excluded by default (customer still imported), stored as written with keep, warned both ways', () => {
    const rows = [['王芳', '13800138000', '1985-03-05'], ['李娜', '13900139000', '2099-07-12']];
    const run = (futureBirthday?: 'exclude' | 'keep') => {
      const options: ConvertOptions = { kind: 'customers', mapping: ['name', 'phone', 'birthday'], dateOrder: null, matchKey: 'phone', nonProductCodes: [], today: TODAY, ...(futureBirthday ? { futureBirthday } : {}) };
      const c = convertRows(['姓名', '手机', '生日'], rows, rowsOf(rows, [2, 3]), options);
      return { birthdays: c.customers.map((x) => [x.values.name, x.values.birthday ?? null]), problems: c.problems.map((p) => [p.line, p.value, p.code, p.severity]) };
    };
    const excluded = { birthdays: [['王芳', '1985-03-05'], ['李娜', null]], problems: [[3, '2099-07-12', 'birthday.future', 'warning']] };
    expect(run()).toEqual(excluded);
    expect(run('exclude')).toEqual(excluded);
    expect(run('keep')).toEqual({ birthdays: [['王芳', '1985-03-05'], ['李娜', '2099-07-12']], problems: [[3, '2099-07-12', 'birthday.futureKept', 'warning']] });
  });

  it('the future-birthday choice reaches convert through the import settings (default exclude)', () => {
    const opened = openFile(new TextEncoder().encode('姓名,手机,生日\r\n李娜,13900139000,2099-07-12\r\n'));
    if (!opened.ok) throw new Error('not opened');
    const birthday = (settings: ImportSettings) => {
      const c = convertFile(opened.value, resolveSettings(opened.value, { ...settings, today: TODAY }));
      if (!c.ok) throw new Error(c.error.code);
      return c.value.customers[0]!.values.birthday ?? null;
    };
    expect(resolveSettings(opened.value, {}).futureBirthday).toBe('exclude');
    expect(birthday({})).toBeNull();
    expect(birthday({ futureBirthday: 'keep' })).toBe('2099-07-12');
  });

  it('amount and quantity limits: over them a warning, at them nothing', () => {
    const c = convertPurchases([
      ['2024-03-05', '100000', '100', '', '13800138000'], // 100,000 × ¥100 = ¥10,000,000: at both limits
      ['2024-03-05', '100001', '100', '', '13800138000'], // ¥10,000,100
    ]);
    expect(c.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, '单价', 'amount.huge'],
      [3, '数量', 'quantity.huge'],
    ]);
    expect(Array.from(c.lines!.amount)).toEqual([1_000_000_000, 1_000_010_000]);
  });

  it('quantity × price overflowing to Infinity flags that line only', () => {
    const big = '9'.repeat(200); // 1e200: finite alone, Infinity squared
    const c = convertPurchases([
      ['2024-03-05', big, big, '', '13800138000'],
      ['2024-03-06', '2', '1.5', '', '13800138000'],
    ]);
    expect(c.problems.filter((p) => p.severity === 'error')).toEqual([{ line: 2, column: '单价', value: `${big} × ${big}`, code: 'number.overflow', severity: 'error' }]);
    expect(Array.from(c.lines!.amount)).toEqual([300]);
  });

  it('a repeated line is reported against the first, across the two halves of a split file too', () => {
    const rows = ['日期,金额,手机'];
    for (let i = 0; i < 600; i++) rows.push(i % 200 === 7 ? '2024-03-05,99,13800138000' : `2024-03-${String(1 + (i % 28)).padStart(2, '0')},${i},13900139000`);
    const opened = openFile(new TextEncoder().encode(rows.join('\r\n') + '\r\n'));
    if (!opened.ok) throw new Error('not opened');
    const settings: ImportSettings = { today: TODAY };
    const s = resolveSettings(opened.value, settings);
    const whole = convertFile(opened.value, s);
    if (!whole.ok) throw new Error('not converted');
    // Rows i = 7, 207, 407 are one line (file lines 9, 209, 409): two repeats of line 9.
    expect(whole.value.problems.map((p) => [p.line, p.value, p.code])).toEqual([[209, '9', 'row.repeated'], [409, '9', 'row.repeated']]);
    expect(whole.value.classCounts.repeated).toBe(2);
    const cut = splitPoint(opened.value.text, Math.floor(opened.value.text.length / 2))!;
    const a = convertFile(opened.value, s, undefined, { start: 0, end: cut.at, firstLine: 1, first: true });
    const b = convertFile(opened.value, s, undefined, { start: cut.at, end: opened.value.text.length, firstLine: cut.line, first: false });
    if (!a.ok || !b.ok) throw new Error('part failed');
    expect(b.value.classCounts.repeated).toBe(0); // line 409 repeats line 9, which the second half never saw
    expect(mergeConverted(a.value, b.value, s.mapping)).toEqual(whole.value);
  });
});

describe('a NUL byte in a sales row (told while the row is hashed for repeats)', () => {
  it('fails that row only, wherever the NUL is, a repeat of it reported too; a clean row after it is kept', () => {
    const rows = [['2024-03-05', '1', '', '10', '13800138000'], ['2024-03-05', '1', '', '1\u00000', '13800138000'], ['2024-03-06', '2', '', '20', '13900139000'], ['2024-03-05', '1', '', '1\u00000', '13800138000'], ['2024-03-07', '1', '', '30', '13700137000', '\u0000']];
    const c = convertPurchases(rows);
    expect(c.problems.map((p) => [p.line, p.code, p.value])).toEqual([
      [3, 'row.nul', '2024-03-05 | 1 |  | 1\u24000 | 13800138000'],
      [3, 'number.notANumber', '1\u00000'],
      [5, 'row.repeated', '3'],
      [5, 'row.nul', '2024-03-05 | 1 |  | 1\u24000 | 13800138000'],
      [5, 'number.notANumber', '1\u00000'],
      [6, 'row.tooManyCells', '\u0000'],
      [6, 'row.nul', '2024-03-07 | 1 |  | 30 | 13700137000 | \u2400'], // in a cell past the last column
    ]);
    expect(c.rowsValid).toBe(2);
    expect(Array.from(c.lines!.amount)).toEqual([1_000, 2_000]);
  });
});

describe('hidden characters', () => {
  it('are removed and shown by code point', () => {
    expect(stripInvisible('\u202E王芳')).toBe('王芳');
    expect(stripInvisible('王\u200B芳\u2066\u2069')).toBe('王芳');
    expect(stripInvisible('王芳')).toBe('王芳');
    expect(showInvisible('李\u202E娜\u202C')).toBe('李<U+202E>娜<U+202C>');
  });

  it('do not keep two stored customers apart in the duplicate check', () => {
    const at = '2024-01-01T00:00:00.000Z';
    const people: Customer[] = [
      { id: 1, name: '王芳', phone: '13800138000', birthday: '1985-03-05', createdAt: at, updatedAt: at },
      { id: 2, name: '\u202E王芳\u202C', phone: '13900139000', birthday: '1985-03-05', createdAt: at, updatedAt: at },
    ];
    expect(findDuplicates(people)).toEqual([{ ids: [1, 2], reasons: ['similarNameSameBirthday'] }]);
  });
});

describe('the effect a problem report states', () => {
  it('a warning whose value is imported says so; other warnings drop the value', () => {
    const severity = { error: 'row not imported', warning: 'value not imported', kept: 'imported: check it' };
    const p = (code: string, s: 'error' | 'warning') => ({ line: 2, column: null, value: '', code, severity: s });
    expect(effectOf(p('date.future', 'warning'), severity)).toBe('imported: check it');
    expect(effectOf(p('row.repeated', 'warning'), severity)).toBe('imported: check it');
    expect(effectOf(p('birthday.future', 'warning'), severity)).toBe('value not imported');
    expect(effectOf(p('birthday.futureKept', 'warning'), severity)).toBe('imported: check it');
    expect(effectOf(p('number.overflow', 'error'), severity)).toBe('row not imported');
    // Screens that give no `kept` word keep their own warning word.
    expect(effectOf(p('date.future', 'warning'), { error: 'e', warning: 'w' })).toBe('w');
  });
});

describe('hidden characters on import', () => {
  it('are removed from names and ids, not from notes (an emoji family is joined by U+200D)', () => {
    const options: ConvertOptions = { kind: 'customers', mapping: ['name', 'cardNo', 'notes'], dateOrder: null, matchKey: 'cardNo', nonProductCodes: [], today: TODAY };
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const rows = [['王\u200B芳', 'VIP\u2060001', `全家 ${family}`]];
    const c = convertRows(['姓名', '卡号', '备注'], rows, rowsOf(rows, [2]), options);
    expect(c.customers.map((x) => x.values)).toEqual([{ name: '王芳', cardNo: 'VIP001', notes: `全家 ${family}` }]);
    expect(c.problems.map((p) => [p.column, p.value, p.code])).toEqual([
      ['卡号', 'VIP<U+2060>001', 'text.invisibleRemoved'],
      ['姓名', '王<U+200B>芳', 'text.invisibleRemoved'],
    ]);
  });
});
