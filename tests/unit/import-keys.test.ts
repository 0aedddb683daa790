/**
 * Issue 15 §1: rows naming a customer without the match key, and purchase lines naming customer
 * ids the store lacks — converted, split across two workers, and planned against a store.
 */
import { describe, expect, it } from 'vitest';
import { convertFile, openFile, resolveSettings, type ImportSettings, type OpenedFile } from '../../src/lib/import/analyse';
import { mergeConverted } from '../../src/lib/import/convert';
import { splitPoint } from '../../src/lib/import/parse';
import { defaultCleaningChoices, planImport, reportBase, unknownRefCounts, type StoredKeys } from '../../src/lib/import/plan';
import { countWithoutMatchKey } from '../../src/lib/customers/quality';
import { lineKeys } from '../../src/lib/purchases/line-key';

const NOW = new Date('2026-11-23T10:00:00Z');

function open(text: string): OpenedFile {
  const r = openFile(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
function convert(text: string, settings: ImportSettings = {}) {
  const file = open(text);
  const s = resolveSettings(file, settings);
  const r = convertFile(file, s);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return { s, c: r.value };
}
const empty = (): StoredKeys => ({
  customers: { customerId: { values: [], ids: [] }, cardNo: { values: [], ids: [] }, phone: { values: [], ids: [] }, keqingId: { values: [], ids: [] } },
  keyless: { names: [], ids: [] },
  maxCustomerId: 0,
  lineKeys: [],
});

const SALES = ['姓名,手机号,生日,消费金额,消费日期', '王芳,13800138000,1985-03-05,299.00,2024-03-01', '李娜,,1990-07-12,158.00,2024-03-02', '张伟,13700137000,1978-11-30,89.50,2024-03-03', '李娜,,,42.00,2024-03-09', '刘洋,,1988-01-02,10.00,2024-03-10', ',,,5.00,2024-03-11'].join('\r\n');

describe('a row naming a customer without the match key', () => {
  it('is filed by name by default: one customer per name, their lines linked, the walk-in line left alone', () => {
    const { c } = convert(SALES);
    expect(c.kind).toBe('combined');
    expect(c.customers.map((x) => [x.line, x.key?.value ?? null, x.values.name, x.values.birthday ?? null])).toEqual([
      [2, '13800138000', '王芳', '1985-03-05'],
      [3, null, '李娜', '1990-07-12'],
      [4, '13700137000', '张伟', '1978-11-30'],
      [6, null, '刘洋', '1988-01-02'],
    ]);
    // 李娜's lines (3 and 5) point to customer 1, 刘洋's to 3; line 7 (no name, no phone) is a walk-in.
    expect(Array.from(c.lineKeyless)).toEqual([-1, 1, -1, 1, 3, -1]);
    expect(c.classCounts.noCustomer).toBe(1);
    expect(c.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [3, 'customer.keyless', 'warning'],
      [6, 'customer.keyless', 'warning'],
    ]);

    const plan = planImport(c, defaultCleaningChoices, empty(), NOW);
    expect(plan.newCustomers.map((x) => [x.id, x.name, x.phone ?? null])).toEqual([
      [1, '王芳', '13800138000'],
      [2, '李娜', null],
      [3, '张伟', '13700137000'],
      [4, '刘洋', null],
    ]);
    expect(Array.from(plan.batch.pieces.flatMap((p) => Array.from(p.customerId)))).toEqual([1, 2, 3, 2, 4, 0]);
    expect(plan.counts).toMatchObject({ customersNew: 4, customersKeyless: 2, linesWithCustomer: 5, linesNew: 6 });
  });

  it('matches a stored customer of the same name who has no key either, so importing the file again adds no one', () => {
    const { c } = convert(SALES);
    const stored = { ...empty(), customers: { ...empty().customers, phone: { values: ['13700137000', '13800138000'], ids: [3, 1] } }, keyless: { names: ['李娜', '刘洋'], ids: [2, 4] }, maxCustomerId: 4 };
    const plan = planImport(c, defaultCleaningChoices, stored, NOW);
    expect(plan.newCustomers).toEqual([]);
    expect(plan.updates.map((u) => u.id)).toEqual([1, 2, 3, 4]);
    expect(Array.from(plan.batch.pieces.flatMap((p) => Array.from(p.customerId)))).toEqual([1, 2, 3, 2, 4, 0]);
  });

  it('is a failed row when the user chose so, on customer lists and sales lines alike', () => {
    const { c, s } = convert(SALES, { keyless: 'fail' });
    expect(c.problems.map((p) => [p.line, p.column, p.code, p.severity])).toEqual([
      [3, null, 'customer.noKey', 'error'],
      [5, null, 'customer.noKey', 'error'],
      [6, null, 'customer.noKey', 'error'],
    ]);
    expect(c.rowsValid).toBe(3);
    expect(c.customers.map((x) => x.values.name)).toEqual(['王芳', '张伟']);
    expect(Array.from(c.lineSource)).toEqual([2, 4, 7]);
    const base = reportBase(s.kind, { rowsRead: 6, rowsValid: 3, rowsWithErrors: 3, classCounts: c.classCounts, problemCounts: { 'customer.noKey': 3 } }, defaultCleaningChoices, s);
    expect(base).toMatchObject({ keyless: 'fail', matchKey: 'phone', rowsKeylessFailed: 3 });

    const list = convert('姓名,手机\r\n王芳,13800138000\r\n李娜,\r\n', { keyless: 'fail' }).c;
    expect(list.problems.map((p) => [p.line, p.code])).toEqual([[3, 'customer.noKey']]);
  });

  it('uses the next key present before the name: a card no. when the phone is missing', () => {
    const { c } = convert('姓名,手机,会员卡号\r\n李娜,,VIP7\r\n');
    expect(c.customers.map((x) => x.key)).toEqual([{ field: 'cardNo', value: 'VIP7' }]);
    expect(c.problems).toEqual([]);
  });

  it('in a list of customers, the same name twice without a key is one customer (the repeat reported)', () => {
    const { c } = convert('姓名,手机,地址\r\n李娜,,\r\n李娜,,广州\r\n');
    expect(c.customers.map((x) => x.values)).toEqual([{ name: '李娜', address: '广州' }]);
    expect(c.problems.map((p) => [p.line, p.column, p.value, p.code])).toEqual([
      [2, '姓名', '李娜', 'customer.keyless'],
      [3, '姓名', '李娜', 'customer.duplicateInFile'],
    ]);
  });

  it('gives the same customers and links when the file is converted in two parts', () => {
    const lines = ['姓名,手机号,消费金额,消费日期'];
    for (let i = 0; i < 400; i++) lines.push(i % 4 === 0 ? `无卡${i % 3},,${i + 1}.00,2024-03-01` : `客户${i % 7},1390000${String(i % 7).padStart(4, '0')},${i + 1}.00,2024-03-01`);
    const text = lines.join('\r\n') + '\r\n';
    const file = open(text);
    const s = resolveSettings(file, {});
    const whole = convertFile(file, s);
    const cut = splitPoint(file.text, Math.floor(text.length / 2))!;
    const a = convertFile(file, s, undefined, { start: 0, end: cut.at, firstLine: 1, first: true });
    const b = convertFile(file, s, undefined, { start: cut.at, end: file.text.length, firstLine: cut.line, first: false });
    if (!whole.ok || !a.ok || !b.ok) throw new Error('conversion failed');
    const merged = mergeConverted(a.value, b.value, s.mapping)!;
    expect(merged.customers.map((x) => x.values.name)).toEqual(whole.value.customers.map((x) => x.values.name));
    expect(Array.from(merged.lineKeyless)).toEqual(Array.from(whole.value.lineKeyless));
    // 无卡0, 无卡1, 无卡2: three keyless customers among the 10.
    expect(whole.value.customers.filter((x) => !x.key).map((x) => x.values.name).sort()).toEqual(['无卡0', '无卡1', '无卡2']);
  });
});

const LOG = 'customer_id,date,quantity,amount\n00001,1997-01-01,1,11.77\n00002,1997-01-12,1,12.00\n00002,1997-01-12,5,77.00\n00003,1997-01-02,2,20.76\n00001,1997-03-30,2,20.76\n';

describe('purchase lines naming a customer id the store lacks', () => {
  it('are counted for the preview against the store', () => {
    const { c } = convert(LOG);
    expect(unknownRefCounts(c, empty())).toEqual({ lines: 5, refs: 3 });
    // 00002 is on file: its 2 lines are known; 3 lines and 2 ids are not.
    const stored = { ...empty(), customers: { ...empty().customers, customerId: { values: ['00002'], ids: [9] } } };
    expect(unknownRefCounts(c, stored)).toEqual({ lines: 3, refs: 2 });
  });

  it('file a customer per id by default (the id as 客户编号), every line theirs', () => {
    const { c } = convert(LOG);
    const stored = { ...empty(), customers: { ...empty().customers, customerId: { values: ['00002'], ids: [9] } }, maxCustomerId: 9 };
    const plan = planImport(c, defaultCleaningChoices, stored, NOW);
    expect(plan.newCustomers.map((x) => [x.id, x.externalId, x.name])).toEqual([
      [10, '00001', ''],
      [11, '00003', ''],
    ]);
    expect(Array.from(plan.batch.pieces[0]!.customerId)).toEqual([10, 9, 9, 11, 10]);
    expect(plan.counts).toMatchObject({ linesUnknownRef: 3, refsUnknown: 2, customersFromRefs: 2, linesWithCustomer: 5 });
    expect(plan.options).toEqual({ unknownRefs: 'create' });
  });

  it('give the same plan with the line keys worked out ahead (while the preview shows), and ignore keys of other lines', () => {
    const { c } = convert(LOG);
    const stored = { ...empty(), customers: { ...empty().customers, customerId: { values: ['00002'], ids: [9] } }, maxCustomerId: 9 };
    const plain = planImport(c, defaultCleaningChoices, stored, NOW);
    expect(planImport(c, defaultCleaningChoices, stored, NOW, undefined, lineKeys(c.lines!))).toEqual(plain);
    expect(planImport(c, defaultCleaningChoices, stored, NOW, undefined, new Float64Array(2))).toEqual(plain);
    // Lines already stored are found by the keys given: the second import of the file adds nothing.
    const again = planImport(c, defaultCleaningChoices, { ...stored, lineKeys: [plain.batch.keys] }, NOW, undefined, lineKeys(c.lines!));
    expect(again.counts).toMatchObject({ linesNew: 0, linesAlreadyStored: 5 });
  });

  it('stay unlinked when the user chose so, and say how many', () => {
    const { c } = convert(LOG);
    const plan = planImport(c, defaultCleaningChoices, empty(), NOW, { unknownRefs: 'unlinked' });
    expect(plan.newCustomers).toEqual([]);
    expect(Array.from(plan.batch.pieces[0]!.customerId)).toEqual([0, 0, 0, 0, 0]);
    expect(plan.counts).toMatchObject({ linesUnknownRef: 5, refsUnknown: 3, customersFromRefs: 0, linesWithCustomer: 0 });
  });

  it('a phone the store lacks files a customer with that phone', () => {
    const { c } = convert('单号,日期,金额,手机\r\nS1,2024-03-05,10.00,138 0013 8000\r\nS2,2024-03-06,20.00,13800138000\r\n');
    const plan = planImport(c, defaultCleaningChoices, empty(), NOW);
    expect(plan.newCustomers.map((x) => [x.phone, x.name])).toEqual([['13800138000', '']]);
    expect(Array.from(plan.batch.pieces[0]!.customerId)).toEqual([1, 1]);
  });
});

describe('data quality', () => {
  it('counts customers with no phone, card no. or customer id', () => {
    expect(countWithoutMatchKey([{ phone: '13800138000' }, {}, { cardNo: 'V1' }, { externalId: 'C1' }, { phone: '' }])).toBe(2);
  });
});

describe('two people of one name without a key', () => {
  it('are two customers when their birthdays differ, whole or in two parts', () => {
    const rows = ['姓名,手机号,生日,消费金额,消费日期', '张伟,,1978-11-30,10.00,2024-03-01', '张伟,,,20.00,2024-03-02', '张伟,,1990/1/2,30.00,2024-03-03'];
    for (let i = 0; i < 200; i++) rows.push(`客户${i % 5},1390000${String(i % 5).padStart(4, '0')},,1.00,2024-03-04`);
    rows.push('张伟,,1990-01-02,40.00,2024-03-05', '张伟,,1978-11-30,50.00,2024-03-06');
    const text = rows.join('\r\n') + '\r\n';
    const { c } = convert(text);
    const zhang = c.customers.flatMap((x, i) => (x.values.name === '张伟' ? [[i, x.values.birthday]] : []));
    expect(zhang).toEqual([
      [0, '1978-11-30'],
      [1, '1990-01-02'],
    ]);
    // Lines 2, 3 and 207 are the first 张伟's (10 + 20 + 50), lines 4 and 206 the second's (30 + 40).
    const owner = Array.from(c.lineKeyless);
    expect([owner[0], owner[1], owner[2], owner[203], owner[204]]).toEqual([0, 0, 1, 1, 0]);

    const file = open(text);
    const s = resolveSettings(file, {});
    const cut = splitPoint(file.text, Math.floor(text.length / 2))!;
    const a = convertFile(file, s, undefined, { start: 0, end: cut.at, firstLine: 1, first: true });
    const b = convertFile(file, s, undefined, { start: cut.at, end: file.text.length, firstLine: cut.line, first: false });
    if (!a.ok || !b.ok) throw new Error('conversion failed');
    const merged = mergeConverted(a.value, b.value, s.mapping)!;
    expect(merged.customers.map((x) => [x.values.name, x.values.birthday ?? null])).toEqual(c.customers.map((x) => [x.values.name, x.values.birthday ?? null]));
    expect(Array.from(merged.lineKeyless)).toEqual(owner);
  });
});
