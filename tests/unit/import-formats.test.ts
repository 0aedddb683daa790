/**
 * File shapes the importer reads (issue 15 §1, issue 16 "Structure"): blank-separated and
 * fixed-width text, files with no header row and their columns guessed from contents, Markdown
 * tables, repeated headers, mixed line ends. Every file is built here, or is the real public
 * CDNOW sample (tests/fixtures/import/CDNOW_sample.txt, kept byte for byte).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertFile, openFile, previewOf, resolveSettings, type ImportSettings } from '../../src/lib/import/analyse';
import { fieldForHeader } from '../../src/lib/import/fields';
import { guessColumns } from '../../src/lib/import/guess';
import { columnHeaders, detectHeaderRow, NO_HEADER_ROW } from '../../src/lib/import/mapping';
import { evenLineBreaks, guessDelimiter, parseRows } from '../../src/lib/import/parse';
import { lineAt } from '../../src/lib/purchases/columns';
import { dayFromYmd } from '../../src/lib/dates';
import { asksDateOrder } from '../../src/lib/import/values/date';

const enc = (text: string) => new TextEncoder().encode(text);

function run(bytes: Uint8Array, settings: ImportSettings = {}) {
  const opened = openFile(bytes);
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const s = resolveSettings(opened.value, settings);
  const c = convertFile(opened.value, s);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return { opened: opened.value, s, c: c.value, preview: previewOf(opened.value, s, c.value) };
}

describe('blank-separated and fixed-width text', () => {
  it('tells runs of blanks, fixed widths and Markdown tables from the separator characters', () => {
    // CDNOW's shape: leading spaces, columns padded to line up.
    expect(guessDelimiter(' 00004 0001 19970101  2   29.33\r\n 00021 0002 19970101  3   63.34\r\n')).toBe('blanks');
    expect(guessDelimiter('id\tqty\n1\t2\n')).toBe('\t'); // single tabs stay a tab-separated file
    expect(guessDelimiter('a,b c\n1,2 3\n')).toBe(','); // a comma file whose cells hold spaces
    // A ragged comma file with a few spaced cells: still commas, never a layout of blanks.
    expect(guessDelimiter('姓名,地址\n王芳,广州 天河区 体育西路 1 号\n李娜\n张伟,深圳\n陈静\n刘洋\n')).toBe(',');
    expect(guessDelimiter('| 姓名 | 手机 |\n|---|---|\n| 王芳 | 13800138000 |\n')).toBe('markdown');
    // Names with a space and an empty cell: the word counts differ, the blank gutters do not.
    // Cuts fall mid-gutter: 'Wang Fang' ends at 8, the gutter is 9–10, Phone starts at 11 → 10;
    // the phones end at 21, the gutter is 22–23, City starts at 24 → 23.
    const fixed = ['Name       Phone        City', 'Wang Fang  13800138000  Guangzhou', 'Li Na      13900139000', 'Zhang Wei  13700137000  Shenzhen'].join('\n');
    expect(guessDelimiter(fixed)).toEqual({ fixed: [0, 10, 23] });
    expect(parseRows(fixed)).toEqual({
      ok: true,
      value: {
        delimiter: { fixed: [0, 10, 23] },
        rows: [['Name', 'Phone', 'City'], ['Wang Fang', '13800138000', 'Guangzhou'], ['Li Na', '13900139000', ''], ['Zhang Wei', '13700137000', 'Shenzhen']],
        lines: [1, 2, 3, 4],
      },
    });
  });

  it('splits on any run of spaces and tabs, skipping blank lines and counting every kind of line end', () => {
    // One tab among the spaces (a tab on most lines would make a tab-separated file).
    const r = parseRows('  1 \t 20240305   2.50\r\n\r\n2 20240306 3\n3  20240307    4\r');
    expect(r).toEqual({ ok: true, value: { delimiter: 'blanks', rows: [['1', '20240305', '2.50'], ['2', '20240306', '3'], ['3', '20240307', '4']], lines: [1, 3, 4] } });
  });

  it('reads the CDNOW sample with no header: columns 1–5, guessed customer id, -, date, quantity, amount', () => {
    const { opened, s, c, preview } = run(new Uint8Array(readFileSync('tests/fixtures/import/CDNOW_sample.txt')));
    expect(opened.parsed.delimiter).toBe('blanks');
    expect(s).toMatchObject({ headerRow: NO_HEADER_ROW, mapping: ['customerId', null, 'date', 'quantity', 'amount'], kind: 'purchases', matchKey: 'customerId' });
    expect(preview.headers).toEqual(['1', '2', '3', '4', '5']);
    expect(preview.headerLine).toBe(1);
    // A mapping the user fixes is remembered for files holding the same kinds of columns.
    expect(preview.signature).toBe('#customerId||date|quantity|amount');
    // 6,919 lines, all valid; the 8 lines of $0.00 are zero-price lines (kept apart by default). The
    // only problems: 21 lines that repeat an earlier one exactly (same customer, day, CDs and dollars),
    // reported as suspected duplicates and kept (two equal purchases on one day can both be real).
    expect([c.rowsRead, c.rowsValid]).toEqual([6919, 6919]);
    expect(new Set(c.problems.map((p) => `${p.code}:${p.severity}`))).toEqual(new Set(['row.repeated:warning']));
    expect([c.problems.length, c.classCounts.repeated]).toEqual([21, 21]);
    expect(c.classCounts.nonPositivePrice).toBe(8);
    // No date alert: YYYYMMDD dates are year first.
    expect(c.dateEvidence).toBe('yearFirst');
    const lines = c.lines!;
    // First line ' 00004 0001 19970101  2   29.33': customer 00004 (leading zeros kept), 2 CDs, $29.33.
    expect(lineAt(lines, 0)).toMatchObject({ day: dayFromYmd(1997, 1, 1), quantity: 2, amount: 2_933 });
    expect(lines.customerRefDict[lines.customerRef[0]!]).toBe('00004');
    // Last line ' 23569 2357 19970325  2   25.74'.
    expect(lineAt(lines, 6918)).toMatchObject({ day: dayFromYmd(1997, 3, 25), quantity: 2, amount: 2_574 });
    expect(lines.customerRefDict[lines.customerRef[6918]!]).toBe('23569');
    // Totals summed over the file's fifth and fourth columns (python: sum(round(float(a[4]) * 100))).
    expect(Array.from(lines.amount).reduce((a, b) => a + b, 0)).toBe(24_409_194);
    expect(Array.from(lines.quantity).reduce((a, b) => a + b, 0)).toBe(16_479);
    expect(new Set(Array.from(lines.customerRef)).size).toBe(2_357);
  });
});

describe('files with no header row', () => {
  it('is headerless when no row names a field and the first holds numbers', () => {
    expect(detectHeaderRow([['00004', '19970101', '2'], ['00021', '19970101', '3']])).toBe(NO_HEADER_ROW);
    expect(detectHeaderRow([['客户资料表'], ['姓名', '手机'], ['王芳', '13800138000']])).toBe(1);
    // Unknown words on top and no number: a header we cannot read, not data.
    expect(detectHeaderRow([['Foo', 'Bar'], ['1', '2']])).toBe(0);
  });

  it('names the columns 1, 2, 3… as wide as the widest row', () => {
    expect(columnHeaders([['a', 'b'], ['c', 'd', 'e']], NO_HEADER_ROW)).toEqual(['1', '2', '3']);
  });

  it.each<[string, string[][], (string | null)[]]>([
    ['CDNOW: ids with leading zeros, a second id, YYYYMMDD, counts, dollars', [['00004', '0001', '19970101', '2', '29.33'], ['00021', '0002', '19970102', '11', '0.00']], ['customerId', null, 'date', 'quantity', 'amount']],
    // 19970132 is no date: the column is ids (a leading-zero-free id over 999).
    ['8 digits that are not all dates', [['19970101', '3'], ['19970132', '4']], ['customerId', 'quantity']],
    ['an 8-digit year before 1900', [['18991231', '1.5']], ['customerId', 'amount']],
    ['mobiles, names, 男/女', [['王芳', '13800138000', '女'], ['李娜', '139 0013 9000', '男']], ['name', 'phone', 'gender']],
    ['ISO and a/b/yyyy dates', [['2024-03-05', '5/3/2024'], ['2024-03-06', '25/3/2024']], ['date', null]],
    ['a count over 999 is an id', [['1200', '5'], ['7', '1']], ['customerId', 'quantity']],
    ['text and empty columns map to nothing', [['hello', ''], ['world', '']], [null, null]],
  ])('%s', (_name, rows, expected) => {
    expect(guessColumns(rows, expected.length)).toEqual(expected);
  });
});

describe('structure', () => {
  it('numbers repeated headers so both columns can be mapped', () => {
    expect(columnHeaders([['姓名', '手机', '手机', '备注']], 0)).toEqual(['姓名', '手机 (1)', '手机 (2)', '备注']);
    const { s, c, preview } = run(enc('姓名,手机,手机\r\n王芳,13800138000,13900139000\r\n'));
    expect(preview.headers).toEqual(['姓名', '手机 (1)', '手机 (2)']);
    expect(s.mapping).toEqual(['name', 'phone', null]);
    // The user maps the second one instead: its phone is the one stored.
    const second = run(enc('姓名,手机,手机\r\n王芳,13800138000,13900139000\r\n'), { mapping: ['name', null, 'phone'] });
    expect(second.c.customers[0]!.values).toEqual({ name: '王芳', phone: '13900139000' });
    expect(c.customers[0]!.values).toEqual({ name: '王芳', phone: '13800138000' });
  });

  it('reads a Markdown table: the |---| rule is skipped and the outer pipes make no columns', () => {
    const { opened, c, preview } = run(enc('| 姓名 | 手机 | 卡号 |\n|:---|---:|---|\n| 王芳 | 13800138000 | VIP001 |\n| 李娜 | 13900139000 | VIP\\|002 |\n'));
    expect(opened.parsed.delimiter).toBe('markdown');
    expect(preview.headers).toEqual(['姓名', '手机', '卡号']);
    expect([c.rowsRead, c.rowsValid, c.problems]).toEqual([2, 2, []]);
    expect(c.customers.map((x) => [x.line, x.values.name, x.values.cardNo])).toEqual([
      [3, '王芳', 'VIP001'],
      [4, '李娜', 'VIP|002'],
    ]);
  });

  it('reads CR, LF and CRLF line ends mixed in one file', () => {
    // Line 2 ends CRLF, line 3 LF, line 4 a lone CR, line 5 nothing.
    const text = '单号,日期,金额,手机\r\nS1,2024-03-05,10.00,13800138000\r\nS2,2024-03-06,20.00,13900139000\nS3,2024-03-07,30.00,13700137000\rS4,2024-03-08,40.00,13600136000';
    expect(evenLineBreaks(text)).toBe(text.replace(/\r\n?/g, '\n'));
    expect(evenLineBreaks('a\r\nb\r\n')).toBe('a\r\nb\r\n'); // one kind: left as is
    const { c } = run(enc(text));
    expect([c.rowsRead, c.rowsValid, c.problems]).toEqual([4, 4, []]);
    expect(Array.from(c.lines!.amount)).toEqual([1_000, 2_000, 3_000, 4_000]);
    expect(Array.from(c.lineSource)).toEqual([2, 3, 4, 5]);
  });
});

describe('the day/month alert', () => {
  const asks = (text: string, settings: ImportSettings = {}) => asksDateOrder(run(enc(text), settings).preview);
  it.each<[string, string, boolean]>([
    ['a customer list with no dates', '姓名,手机\r\n王芳,13800138000\r\n', false],
    ['ISO purchase dates', '日期,金额,手机\r\n2024-03-05,10,13800138000\r\n2024-03-06,20,13800138000\r\n', false],
    ['YYYYMMDD purchase dates', '日期,金额,手机\r\n20240305,10,13800138000\r\n', false],
    ['a/b/yyyy settled by 25/3/2024', '日期,金额,手机\r\n5/3/2024,10,13800138000\r\n25/3/2024,20,13800138000\r\n', false],
    ['a/b/yyyy that read the same both ways', '日期,金额,手机\r\n5/5/2024,10,13800138000\r\n7/7/2024,20,13800138000\r\n', false],
    ['a/b/yyyy that read two ways', '日期,金额,手机\r\n5/3/2024,10,13800138000\r\n1/2/2024,20,13800138000\r\n', true],
    ['day-first and month-first in one column', '日期,金额,手机\r\n25/3/2024,10,13800138000\r\n3/25/2024,20,13800138000\r\n', true],
    ['an ambiguous birthday on a customer list', '姓名,手机,生日\r\n王芳,13800138000,5/3/1990\r\n', true],
    // An unmapped column of ambiguous dates asks nothing: only mapped columns are read as dates.
    ['ambiguous dates in a column mapped to nothing', '姓名,手机,Visited\r\n王芳,13800138000,5/3/2024\r\n', false],
  ])('%s', (_name, text, expected) => {
    expect(asks(text)).toBe(expected);
  });
  it('asks no more once the user has chosen an order', () => {
    expect(asks('日期,金额,手机\r\n5/3/2024,10,13800138000\r\n', { dateOrder: 'DMY' })).toBe(false);
  });
});

describe('English headers', () => {
  // The README: "Columns map themselves from Chinese and English headers".
  it.each<[string, string]>([
    ['Mobile Phone', 'phone'],
    ['Mobile', 'phone'],
    ['Mobile No.', 'phone'],
    ['Cell', 'phone'],
    ['Cell Phone', 'phone'],
    ['Phone No.', 'phone'],
    ['Tel.', 'phone'],
    ['Contact Number', 'phone'],
    ['Membership No.', 'cardNo'],
    ['Membership Number', 'cardNo'],
    ['Card No.', 'cardNo'],
    ['VIP Card No', 'cardNo'],
    ['Member No', 'customerId'],
    ['Member ID', 'customerId'],
    ['Customer No.', 'customerId'],
    ['Customer Number', 'customerId'],
    ['Date of Birth', 'birthday'],
    ['DOB', 'birthday'],
    ['Birth Date', 'birthday'],
    ['Customer Name', 'name'],
    ['Full Name', 'name'],
    ['Gender', 'gender'],
    ['Mailing Address', 'address'],
    ['Total Amount', 'amount'],
    ['Amount (CNY)', 'amount'],
    ['Invoice Date', 'date'],
    ['Unit Price', 'unitPrice'],
    ['QTY', 'quantity'],
  ])('%s → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });
  it('has no field for an e-mail column (the customer file keeps none): it maps to nothing', () => {
    expect(fieldForHeader('E-mail')).toBeNull();
  });
  it('maps a whole English customer file', () => {
    const { s, c } = run(enc('Customer Name,Mobile Phone,Membership No.,Date of Birth,E-mail\r\nWang Fang,13800138000,VIP001,1985-03-05,a@b.cn\r\n'));
    expect(s.mapping).toEqual(['name', 'phone', 'cardNo', 'birthday', null]);
    expect(c.customers[0]!.values).toEqual({ name: 'Wang Fang', phone: '13800138000', cardNo: 'VIP001', birthday: '1985-03-05' });
  });
});
