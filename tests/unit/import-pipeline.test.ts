import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertFile, openFile, resolveSettings, type ImportSettings } from '../../src/lib/import/analyse';
import { decodeBytes } from '../../src/lib/import/decode';
import { autoMap, detectKind, findHeaderRow, mappingProblems } from '../../src/lib/import/mapping';
import { guessDelimiter, parseRows } from '../../src/lib/import/parse';
import { LineFlag } from '../../src/lib/purchases/columns';
import { nonProductPresets } from '../../src/lib/import/non-product';
import { dayFromYmd } from '../../src/lib/dates';

const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/import/${name}`));
const gbk = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));

function convert(name: string, settings: ImportSettings = {}) {
  const opened = openFile(fixture(name));
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const s = resolveSettings(opened.value, settings);
  const c = convertFile(opened.value, s);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  return { opened: opened.value, s, c: c.value };
}

describe('decodeBytes', () => {
  it('detects GBK without being told, with no replacement characters', () => {
    // 客户姓名 in GBK: bfcd bba7 d0d5 c3fb
    expect(decodeBytes(gbk('bfcdbba7d0d5c3fb2c0d0a'))).toEqual({ ok: true, value: { text: '客户姓名,\r\n', encoding: 'gb18030', bom: false } });
  });
  it('reads UTF-8 with and without BOM, UTF-16 LE and BE', () => {
    const text = '姓名,手机\n王芳,138\n';
    const utf8 = new TextEncoder().encode(text);
    expect(decodeBytes(utf8)).toMatchObject({ ok: true, value: { text, encoding: 'utf-8', bom: false } });
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toMatchObject({ ok: true, value: { text, encoding: 'utf-8', bom: true } });
    const le = [0xff, 0xfe, ...[...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])];
    const be = [0xfe, 0xff, ...[...text].flatMap((ch) => [ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff])];
    expect(decodeBytes(Uint8Array.from(le))).toMatchObject({ ok: true, value: { text, encoding: 'utf-16le' } });
    expect(decodeBytes(Uint8Array.from(be))).toMatchObject({ ok: true, value: { text, encoding: 'utf-16be' } });
  });
  it('refuses empty, binary, and a UTF-8 BOM over GBK bytes', () => {
    expect(decodeBytes(new Uint8Array())).toEqual({ ok: false, error: { code: 'file.empty' } });
    expect(decodeBytes(new TextEncoder().encode(' \r\n \n'))).toEqual({ ok: false, error: { code: 'file.empty' } });
    expect(decodeBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual({ ok: false, error: { code: 'file.binary' } }); // a zip (.xlsx)
    const r = decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0xbf, 0xcd, 0xbb, 0xa7]));
    expect(r).toMatchObject({ ok: false, error: { code: 'file.badEncoding', encoding: 'utf-8' } });
  });
});

describe('parseRows', () => {
  it('guesses the delimiter even under a title row', () => {
    expect(guessDelimiter('客户资料表\n姓名;手机;卡号\n王芳;138;V1\n')).toBe(';');
    expect(guessDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
    expect(guessDelimiter('a|b\n1|2\n')).toBe('|');
    expect(guessDelimiter('a,b,"c;d"\n1,2,3\n')).toBe(',');
  });
  it('keeps quoted newlines and quotes, and numbers rows by their first line', () => {
    const r = parseRows('姓名,地址\r\n王芳,"广州\r\n天河区"\r\n\r\n李娜,"他说""好"""\r\n,\r\n');
    expect(r).toEqual({ ok: true, value: { delimiter: ',', rows: [['姓名', '地址'], ['王芳', '广州\r\n天河区'], ['李娜', '他说"好"']], lines: [1, 2, 5] } });
  });
  it('numbers rows right with LF endings, quoted cells without breaks, lone CRs and mixed endings', () => {
    expect(parseRows('a,b\n"x",1\n"p\nq",2\nc,3\n').ok && parseRows('a,b\n"x",1\n"p\nq",2\nc,3\n')).toMatchObject({ value: { lines: [1, 2, 3, 5] } });
    expect(parseRows('a,b\r"p\rq",2\rc,3')).toMatchObject({ value: { lines: [1, 2, 4] } });
    // Papa reads a mixed file by its first ending (rows 2 and 3 run together); lines still count the file's.
    expect(parseRows('a,b\r\nc,1\n"p\r\nq",2\r\nd,3\n')).toMatchObject({ value: { lines: [1, 2, 4, 5] } });
  });
  it('refuses an unclosed quote and absurdly wide rows', () => {
    expect(parseRows('a,b\n1,"oops\n2,3\n')).toMatchObject({ ok: false, error: { code: 'file.unbalancedQuote' } });
    expect(parseRows(`a,b\n${'x,'.repeat(600)}x\n`)).toEqual({ ok: false, error: { code: 'file.tooManyColumns', line: 2, columns: 601, limit: 500 } });
  });
});

describe('header and mapping', () => {
  it('skips a title above the header and maps Chinese and English synonyms', () => {
    const rows = [['2024年客户资料'], [''], ['会员名', '手机号', '卡号', '出生日期', '金额(元)'], ['王芳', '1', '2', '3', '4']];
    expect(findHeaderRow(rows)).toBe(2);
    expect(autoMap(rows[2]!)).toEqual(['name', 'phone', 'cardNo', 'birthday', 'amount']);
    expect(autoMap(['Customer ID', 'InvoiceDate', 'Unit Price', 'QTY', 'stock_code'])).toEqual(['customerId', 'date', 'unitPrice', 'quantity', 'itemNo']);
    expect(autoMap(['电话', '手机'])).toEqual(['phone', null]); // one column per field
  });
  it('tells customer lists, purchase logs and POS exports apart', () => {
    expect(detectKind(['name', 'phone', 'birthday'])).toBe('customers');
    expect(detectKind(['orderNo', 'date', 'amount', 'phone'])).toBe('purchases');
    expect(detectKind(['orderNo', 'date', 'unitPrice', 'quantity', 'customerId', 'region'])).toBe('combined');
  });
  it('says what a mapping lacks', () => {
    expect(mappingProblems('purchases', ['itemNo', null], 'phone')).toEqual([{ code: 'mapping.noDate' }, { code: 'mapping.noAmount' }]);
    expect(mappingProblems('purchases', ['date', 'unitPrice'], 'phone')).toEqual([{ code: 'mapping.noAmount' }]);
    expect(mappingProblems('customers', ['name', 'phone'], 'phone')).toEqual([]);
    expect(mappingProblems('customers', ['notes'], 'cardNo')).toEqual([{ code: 'mapping.noIdentity' }, { code: 'mapping.noMatchKey', key: 'cardNo' }]);
  });
});

describe('converting the fixtures', () => {
  it('reads the GBK customer list: title and total rows skipped, messy values cleaned, damage reported', () => {
    const { opened, s, c } = convert('customers-gbk.csv');
    expect(opened.encoding).toBe('gb18030');
    expect(s).toMatchObject({ headerRow: 1, kind: 'customers', matchKey: 'phone' });
    expect(c.summaryLines).toEqual([9]);
    expect(c.rowsRead).toBe(7);
    expect(c.rowsValid).toBe(6);
    expect(c.problems).toEqual([
      { line: 5, column: '手机', value: '1.38001E+10', code: 'phone.damaged', severity: 'warning' },
      { line: 6, column: '生日', value: '2023/2/30', code: 'date.impossible', severity: 'warning' },
    ]);
    // 张伟's phone was damaged by Excel: kept without a phone, matched by card instead.
    expect(c.customers.map((x) => [x.key?.field, x.key?.value])).toEqual([
      ['phone', '13800138000'], ['phone', '13900139000'], ['cardNo', 'VIP003'], ['phone', '13700137000'], ['phone', '13600136000'], ['phone', '13500135000'],
    ]);
    expect(c.customers[0]!.values).toEqual({ cardNo: 'VIP001', phone: '13800138000', name: '王芳', size: 'M', address: '广州市天河区中山路1号', favouriteColour: '黑色', birthday: '1985-03-05', heightCm: 165, waistCm: 68 });
    expect(c.customers[2]!.values.heightCm).toBe(178); // "178cm"
    expect(c.customers[5]!.values.address).toBe('广州市海珠区滨江路"88"号');
  });

  it('reads the POS export: month-first dates, float ids, cancellations, postage and walk-ins flagged', () => {
    // The UK web shop's file: its codes (POST, D…) are the named preset, not the default.
    const { s, c } = convert('sales-pos-utf8.csv', { nonProductCodes: [...nonProductPresets.onlineRetail] });
    expect(s).toMatchObject({ kind: 'combined', matchKey: 'customerId' });
    expect(c.dateEvidence).toBe('monthFirst');
    expect(c.rowsRead).toBe(13);
    expect(c.rowsValid).toBe(11);
    // Line 6 repeats line 5 exactly (as the Online Retail data does): a suspected duplicate, kept by default.
    expect(c.problems.map((p) => [p.line, p.code])).toEqual([[6, 'row.repeated'], [13, 'date.impossible'], [14, 'number.notANumber']]);
    const l = c.lines!;
    expect(l.length).toBe(11);
    expect(l.day[0]).toBe(dayFromYmd(2010, 12, 1));
    expect(l.day[10]).toBe(dayFromYmd(2010, 12, 13));
    expect(l.amount[0]).toBe(1530); // 6 × 2.55 = 15.30
    expect(l.amount[3]).toBe(5408); // 32 × 1.69 = 54.08
    expect(l.customerRefDict[l.customerRef[0]!]).toBe('17850'); // "17850.0"
    expect(l.flags[5]).toBe(LineFlag.cancellation | LineFlag.returned | LineFlag.nonProduct); // C536379, D (discount), −1
    expect(l.flags[6]).toBe(LineFlag.nonProduct); // POST
    expect(l.flags[8]).toBe(LineFlag.nonPositivePrice | LineFlag.noCustomer);
    expect(l.flags[4]).toBe(LineFlag.repeated);
    expect(c.classCounts).toEqual({ cancellation: 1, returned: 1, nonPositivePrice: 1, noCustomer: 2, nonProduct: 2, futureDate: 0, repeated: 1 });
    expect(c.nonProductMatches).toEqual({ D: 1, POST: 1 });
    expect(c.customers.map((x) => [x.values.externalId, x.values.region])).toEqual([['17850', 'United Kingdom'], ['13047', 'United Kingdom'], ['14527', 'United Kingdom'], ['12583', 'France']]);
  });

  it('reads the UTF-16 tab-separated log: currency signs, thousands, accounting negatives', () => {
    const { opened, s, c } = convert('purchases-utf16.txt');
    expect([opened.encoding, opened.parsed.delimiter, s.kind, s.matchKey]).toEqual(['utf-16le', '\t', 'purchases', 'phone']);
    expect(c.problems).toEqual([]);
    expect(Array.from(c.lines!.amount)).toEqual([89_900, 65_800, 189_900, -12_900, 12_900]);
    expect(c.customers).toEqual([]); // a purchase log creates no customers
  });

  it('asks when dates cannot tell day from month, and obeys the answer', () => {
    const text = '日期,金额\n3/5/2024,10\n4/6/2024,20\n';
    const opened = openFile(new TextEncoder().encode(text));
    if (!opened.ok) throw new Error();
    const auto = convertFile(opened.value, resolveSettings(opened.value, {}));
    expect(auto.ok && [auto.value.dateEvidence, auto.value.problems.map((p) => p.code)]).toEqual(['undecided', ['date.ambiguous', 'date.ambiguous']]);
    const dmy = convertFile(opened.value, resolveSettings(opened.value, { dateOrder: 'DMY' }));
    expect(dmy.ok && dmy.value.lines!.day[0]).toBe(dayFromYmd(2024, 5, 3));
  });

  it('fills a repeated POS customer from later lines only where earlier lines left a gap', () => {
    const text = [
      'InvoiceNo,InvoiceDate,Amount,CustomerID,Name,Country',
      'A1,2024-03-05,10,C1,,United Kingdom', // no name yet
      'A2,2024-03-06,20,C1,Ann,France', // fills the name; the country stays as first given
      'A3,2024-03-07,30,C1,Bea,Spain', // complete now: nothing read, nothing changed
    ].join('\n');
    const opened = openFile(new TextEncoder().encode(text));
    if (!opened.ok) throw new Error();
    const c = convertFile(opened.value, resolveSettings(opened.value, {}));
    expect(c.ok && c.value.customers.map((x) => x.values)).toEqual([{ externalId: 'C1', region: 'United Kingdom', name: 'Ann' }]);
    expect(c.ok && c.value.lines!.length).toBe(3);
  });

  it('refuses a header with no data', () => {
    const opened = openFile(new TextEncoder().encode('姓名,手机\n'));
    if (!opened.ok) throw new Error();
    expect(convertFile(opened.value, resolveSettings(opened.value, {}))).toEqual({ ok: false, error: { code: 'file.headerOnly' } });
  });
});

describe('the file back with a 错误原因 column', () => {
  it('returns the header and every data row as read, each with its problems', async () => {
    const { fileWithReasons } = await import('../../src/lib/import/report');
    const text = '客户名单\n姓名,手机,生日\n王芳,13800138000,1990-01-02\n李娜,1.38001E+10,2023/2/30\n"张伟\n(老客)",13700137000,\n';
    const problems = [
      { line: 4, column: '手机', value: '1.38001E+10', code: 'phone.damaged', severity: 'warning' as const },
      { line: 4, column: '生日', value: '2023/2/30', code: 'date.impossible', severity: 'warning' as const },
    ];
    const csv = fileWithReasons(text, ',', 1, problems, { messages: { 'phone.damaged': '手机号被 Excel 改坏' }, wholeRow: '整行', reasonColumn: '错误原因' });
    expect(csv).toBe('\uFEFF姓名,手机,生日,错误原因\r\n王芳,13800138000,1990-01-02,\r\n李娜,1.38001E+10,2023/2/30,手机: 手机号被 Excel 改坏；生日: date.impossible\r\n"张伟\n(老客)",13700137000,,');
  });
});
