import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { convertFile, openFile, openUpload, previewOf, resolveSettings } from '../../src/lib/import/analyse';
import { fileWithReasons } from '../../src/lib/import/report';
import { fileKind, textBytesOf } from '../../src/lib/import/workbook';
import { cellText, dateText, numberText, readXlsx } from '../../src/lib/import/xlsx';
import { makeXlsx, type TestCell } from './helpers/xlsx-writer';

const one = (rows: TestCell[][], name = 'Sheet1') => makeXlsx([{ name, rows }]);

async function csvOf(bytes: Uint8Array): Promise<string> {
  const r = await readXlsx(bytes);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.text;
}

describe('xlsx cells as a CSV export gives them', () => {
  it('dates: serials in date-formatted cells, with the 1900 leap-year bug kept as Excel shows it', async () => {
    // Serial 1 = 1900-01-01; 59 = 1900-02-28; 60 = Lotus's false 1900-02-29; 61 = 1900-03-01;
    // 45000 = 2023-03-15; 32874 = 1990-01-01 (hand-checked against Excel's DATE()).
    const csv = await csvOf(one([[{ date: 1 }, { date: 59 }, { date: 60 }, { date: 61 }, { date: 45000 }, { date: 32874 }]]));
    expect(csv).toBe('1900-01-01,1900-02-28,1900-02-29,1900-03-01,2023-03-15,1990-01-01');
  });
  it('date with time, and a time-only cell', async () => {
    // 45000.604166666664 is 14:30 (0.6041666… of a day), stored with float noise; 0.75 = 18:00;
    // 45000.5000115741 is 12:00:01.
    const csv = await csvOf(one([[{ dateTime: 45000.604166666664 }, { date: 45000.75 }, { time: 0.75 }, { dateTime: 45000.5000115741 }, { dateTime: 45000 }]]));
    expect(csv).toBe('2023-03-15 14:30,2023-03-15 18:00,18:00,2023-03-15 12:00:01,2023-03-15');
  });
  it('a 1904 workbook (old Mac Excel) counts from 1904-01-01', async () => {
    expect(await csvOf(makeXlsx([{ name: 'S', rows: [[{ date: 0 }, { date: 43538 }]] }], { date1904: true }))).toBe('1904-01-01,2023-03-15');
  });
  it('phones: text cells as typed (leading zero kept), numbers in full, never in exponent form', async () => {
    const csv = await csvOf(one([['13800138000', '013800138000', '0755-12345678', 13800138000, { raw: '1.3800138E10' }, { raw: '13800138000' }]]));
    expect(csv).toBe('13800138000,013800138000,0755-12345678,13800138000,13800138000,13800138000');
  });
  it('numbers without float noise, booleans, inline and Chinese shared strings', async () => {
    const csv = await csvOf(one([[{ raw: '0.30000000000000004' }, 1.5, -0.1, 0, { raw: '1E-7' }, { raw: '123456789012345678' }, true, false, { inline: '王芳' }, '客户 "老" 朋友, 北京']]));
    // 123456789012345678 has more digits than Excel keeps (15): written as Excel's CSV shows it, so
    // it is flagged as damaged wherever it is read as an id or a phone.
    expect(csv).toBe('0.3,1.5,-0.1,0,0.0000001,1.23457E+17,TRUE,FALSE,王芳,"客户 ""老"" 朋友, 北京"');
  });
  it('empty cells, ragged rows and blank rows keep their places', async () => {
    const csv = await csvOf(one([[null, '姓名', '手机号'], ['王芳'], [], [null, null, '13800138000'], ['多行\n备注']]));
    expect(csv.split('\r\n')).toEqual([',姓名,手机号', '王芳,,', ',,', ',,13800138000', '"多行\n备注",,']);
  });
  it('cellText and numberText one by one', () => {
    expect(cellText(null)).toBe('');
    expect(cellText({ raw: '2' })).toBe('2');
    expect(numberText('not a number')).toBe('not a number');
    expect(numberText('-0')).toBe('0');
    expect(dateText(new Date(Date.UTC(2024, 1, 29, 9, 5)))).toBe('2024-02-29 09:05');
  });
});

describe('sheets', () => {
  it('reads the first sheet holding anything, and names it', async () => {
    const bytes = makeXlsx([
      { name: '说明', rows: [[null], []] },
      { name: '客户', rows: [['姓名', '手机号'], ['王芳', '13800138000']] },
      { name: '其他', rows: [['x']] },
    ]);
    expect(await readXlsx(bytes)).toEqual({ ok: true, value: { text: '姓名,手机号\r\n王芳,13800138000', sheet: '客户', sheetCount: 3 } });
  });
  it('an empty workbook is refused', async () => {
    expect(await readXlsx(makeXlsx([{ name: 'A', rows: [] }, { name: 'B', rows: [[null, ' ']] }]))).toEqual({ ok: false, error: { code: 'file.xlsxEmpty' } });
  });
});

describe('openUpload: the one door every import opens with', () => {
  const header = ['手机号', '姓名', '会员卡号', '性别', '生日', '备注'];
  const xlsx = makeXlsx([
    {
      name: '客户资料',
      rows: [
        ['填写说明：手机号必填'],
        header,
        ['13800138000', '王芳', 'VIP001', '女', { date: 31111 }, '老客户'],
        [13900139000, '李娜', { inline: 'VIP002' }, '女', { date: 33066 }, null],
        ['1380013', '张伟', 'VIP003', '男', '1988/2/30', '手机号短了'],
        [],
        ['13600136000', '陈静', null, null, null, '多行\n备注'],
      ],
    },
  ]);
  // The same sheet as Excel's "Save as CSV (UTF-8)" writes it.
  const csv = '\uFEFF填写说明：手机号必填,,,,,\r\n手机号,姓名,会员卡号,性别,生日,备注\r\n13800138000,王芳,VIP001,女,1985-03-05,老客户\r\n13900139000,李娜,VIP002,女,1990-07-12,\r\n1380013,张伟,VIP003,男,1988/2/30,手机号短了\r\n,,,,,\r\n13600136000,陈静,,,,"多行\n备注"\r\n';

  it('gives the same preview as the equivalent CSV, saying it read an .xlsx sheet', async () => {
    const fromXlsx = await openUpload(xlsx);
    const fromCsv = openFile(new TextEncoder().encode(csv));
    if (!fromXlsx.ok || !fromCsv.ok) throw new Error('not opened');
    expect(fromXlsx.value.encoding).toBe('xlsx');
    expect(fromXlsx.value.sheet).toEqual({ name: '客户资料', count: 1 });
    expect(fromXlsx.value.parsed).toEqual(fromCsv.value.parsed);
    const preview = (file: typeof fromCsv.value) => {
      const s = resolveSettings(file, {});
      const c = convertFile(file, s);
      if (!c.ok) throw new Error(JSON.stringify(c.error));
      return { preview: previewOf(file, s, c.value), c: c.value, s };
    };
    const a = preview(fromXlsx.value);
    const b = preview(fromCsv.value);
    expect({ ...a.preview, encoding: 'same', sheet: null }).toEqual({ ...b.preview, encoding: 'same' });
    expect(a.preview).toMatchObject({ encoding: 'xlsx', sheet: { name: '客户资料', count: 1 }, headerLine: 2, rowsRead: 4, rowsValid: 4 });
    // Sheet rows are file lines: row 5 is the one with the short phone and the impossible date
    // (warnings: the card number still identifies 张伟), the text and numeric phones read alike.
    expect(a.preview.sampleCustomers.map((c) => [c.line, c.values.name, c.values.phone, c.values.birthday])).toEqual([
      [3, '王芳', '13800138000', '1985-03-05'],
      [4, '李娜', '13900139000', '1990-07-12'],
      [5, '张伟', undefined, undefined],
      [7, '陈静', '13600136000', undefined],
    ]);
    expect(a.preview.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [5, '手机号', 'phone.invalid'],
      [5, '生日', 'date.impossible'],
    ]);
    // The user's file back with reasons: the sheet's rows as CSV, the problem rows marked.
    const back = fileWithReasons(fromXlsx.value.text, ',', a.s.headerRow, a.c.problems, { reasonColumn: '错误原因', wholeRow: '整行', messages: { 'phone.invalid': '手机号无效', 'date.impossible': '日期不存在' } });
    expect(back).toBe(fileWithReasons(fromCsv.value.text, ',', b.s.headerRow, b.c.problems, { reasonColumn: '错误原因', wholeRow: '整行', messages: { 'phone.invalid': '手机号无效', 'date.impossible': '日期不存在' } }));
    expect(back).toContain('1380013,张伟,VIP003,男,1988/2/30,手机号短了,手机号: 手机号无效；生日: 日期不存在\r\n');
  });
  it('refuses an old .xls, a password-protected workbook, a corrupt zip and a zip that is no workbook', async () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const xls = new Uint8Array(1024);
    xls.set(ole);
    xls.set(Uint8Array.from([...'Workbook'].flatMap((c) => [c.charCodeAt(0), 0])), 512);
    expect(await openUpload(xls)).toEqual({ ok: false, error: { code: 'file.xls' } });
    const encrypted = new Uint8Array(1024);
    encrypted.set(ole);
    encrypted.set(Uint8Array.from([...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0])), 512);
    expect(await openUpload(encrypted)).toEqual({ ok: false, error: { code: 'file.encrypted' } });
    // The first kilobyte of a real workbook: the zip's directory at its end is missing.
    expect(await openUpload(xlsx.slice(0, 1024))).toEqual({ ok: false, error: { code: 'file.xlsxDamaged' } });
    // Bytes damaged inside a compressed part.
    const damaged = xlsx.slice();
    for (let i = 200; i < 260; i++) damaged[i] = 0xff;
    expect(await openUpload(damaged)).toMatchObject({ ok: false, error: { code: 'file.xlsxDamaged' } });
    expect(await openUpload(zipSync({ 'a.csv': strToU8('x,y\n1,2\n') }))).toEqual({ ok: false, error: { code: 'file.notWorkbook' } });
    // The corpus's renamed files (tests/fixtures/import/bad): a sheet without its workbook part, an OLE file.
    expect(await openUpload(new Uint8Array(readFileSync('tests/fixtures/import/bad/xlsx-renamed.csv')))).toEqual({ ok: false, error: { code: 'file.xlsxDamaged' } });
    expect(await openUpload(new Uint8Array(readFileSync('tests/fixtures/import/bad/xls-ole-renamed.csv')))).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^file\.(xls|encrypted)$/) } });
  });
  it('text files still open as before, and the sniff tells the kinds apart', async () => {
    expect(await openUpload(new TextEncoder().encode(csv))).toEqual(openFile(new TextEncoder().encode(csv)));
    expect(fileKind(xlsx)).toBe('xlsx');
    expect(fileKind(new TextEncoder().encode('PK,1\n'))).toBe('text');
  });
  it('textBytesOf gives a bytes reader (opening balances) the sheet as UTF-8 CSV', async () => {
    const text = new TextEncoder().encode('手机号,积分\r\n13800138000,100');
    expect(await textBytesOf(text)).toEqual({ ok: true, value: text });
    expect(await textBytesOf(one([['手机号', '积分'], [13800138000, 100]]))).toEqual({ ok: true, value: text });
    expect(await textBytesOf(zipSync({ 'a.txt': strToU8('x') }))).toEqual({ ok: false, error: { code: 'file.notWorkbook' } });
  });
});
