import { describe, expect, it } from 'vitest';
import { stageFromText, sourceFromText, prospectKind, type ProspectImport } from '../../src/lib/funnel/import';
import { openFile } from '../../src/lib/import/analyse';
import { convertRecordFile, recordPreviewOf, resolveRecordSettings, type RecordKind, type RecordSettings } from '../../src/lib/import/records';
import { templateCsv, templateProblems } from '../../src/lib/import/template';
import { productKind, type ProductPatch } from '../../src/lib/products/file';
import { stages } from '../../src/lib/funnel/records';
import { zh } from '../../src/i18n/zh';
import { en } from '../../src/i18n/en';

const utf8 = (text: string) => new TextEncoder().encode(text);
// Day numbers (days since 1970-01-01): 2026-11-03 = 20 760, 11-05 = 20 762, 11-10 = 20 767.
const NOV3 = 20_760;
const NOV5 = 20_762;
const NOV10 = 20_767;

function read<F extends string, R, O>(kind: RecordKind<F, R, O>, text: string, settings: RecordSettings = {}) {
  const file = openFile(utf8(text));
  if (!file.ok) throw new Error(file.error.code);
  const s = resolveRecordSettings(file.value, kind, settings);
  const converted = convertRecordFile(kind, file.value, s);
  if (!converted.ok) throw new Error(converted.error.code);
  return { converted: converted.value, preview: recordPreviewOf(kind, file.value, s, converted.value) };
}

describe('stage and source words', () => {
  it('reads every stage name the UI shows, in Chinese and English, and the course’s short names', () => {
    for (const stage of stages) {
      expect(stageFromText(zh[`kpi.stage.${stage}`])).toBe(stage);
      expect(stageFromText(en[`kpi.stage.${stage}`])).toBe(stage);
    }
    const short: [string, string][] = [['迎接', 'greet'], ['打招呼', 'greet'], ['确认需求', 'needs'], ['推荐/展示', 'demo'], ['展示', 'demo'], ['试驾', 'trial'], ['试用', 'trial'], ['洽谈/成交', 'close'], ['成交', 'close'], ['交车', 'deliver'], ['交付', 'deliver'], ['回访', 'followUp'], ['跟进', 'followUp'], ['Test drive', 'trial'], ['FOLLOW-UP', 'followUp'], ['忠诚客户', 'loyal']];
    for (const [word, stage] of short) expect(stageFromText(word)).toBe(stage);
    expect(stageFromText('签约了')).toBeNull();
    expect(sourceFromText('主动开发')).toBe('new');
    expect(sourceFromText('熟客推荐')).toBe('referral');
    expect(sourceFromText('回头客')).toBe('repeat');
    expect(sourceFromText('Referral')).toBe('referral');
  });
});

describe('prospect file', () => {
  it('joins repeated rows into one prospect with its stage changes, and reports a bad row', () => {
    const text = [
      '潜在客户登记 2026年11月',
      '姓名,电话,来源,意向型号,预计购买月份,阶段,日期',
      '陈先生,138 0013 8000,熟客推荐,X1,2026年12月,迎接,2026-11-03',
      '陈先生,13800138000,,,,试驾,2026/11/5',
      '陈先生,13800138000,,,,试驾,2026/11/5', // the same change twice: kept once
      '王女士,13900139000,主动开发,Y2,2027-01,确认需求,2026-11-10',
      '李先生,13700137000,回头客,Z3,,签约了,2026-11-10', // unknown stage: the row fails
      '赵女士,,路过,,,,', // unknown source: a warning, the prospect is kept
      ',,,,,推荐,2026-11-10', // no name, phone or id
    ].join('\r\n');
    const { converted, preview } = read(prospectKind, text);
    expect(preview.settings.headerRow).toBe(1);
    expect(preview.mappingProblems).toEqual([]);
    expect(converted.rowsRead).toBe(7);
    expect(converted.rowsValid).toBe(5);
    const out: ProspectImport = converted.output;
    expect(out.map((p) => p.name)).toEqual(['陈先生', '王女士', '赵女士']);
    expect(out[0]).toMatchObject({ phone: '13800138000', source: 'referral', model: 'X1', expectedMonth: '2026-12', line: 3 });
    expect(out[0]!.events).toEqual([{ stage: 'greet', day: NOV3 }, { stage: 'trial', day: NOV5 }]);
    expect(out[1]).toMatchObject({ source: 'new', expectedMonth: '2027-01', events: [{ stage: 'needs', day: NOV10 }] });
    expect(out[2]!.events).toEqual([]);
    expect(out[2]!.source).toBeUndefined();
    expect(converted.problems).toEqual([
      { line: 7, column: '阶段', value: '签约了', code: 'records.stageUnknown', severity: 'error' },
      { line: 8, column: '来源', value: '路过', code: 'records.sourceUnknown', severity: 'warning' },
      { line: 9, column: null, value: '', code: 'records.prospectNoKey', severity: 'error' },
    ]);
    expect(preview.rowsWithErrors).toBe(2);
    expect(preview.problemCounts).toEqual({ 'records.stageUnknown': 1, 'records.sourceUnknown': 1, 'records.prospectNoKey': 1 });
    expect(preview.summary).toEqual({ prospects: 3, events: 3 });
  });

  it('reads a GBK file as Excel on Chinese Windows saves it', async () => {
    const { readFile } = await import('node:fs/promises');
    const file = openFile(new Uint8Array(await readFile('tests/fixtures/import/prospects-gbk.csv')));
    expect(file.ok && file.value.encoding).toMatch(/^(gbk|gb18030)$/);
    if (!file.ok) return;
    const converted = convertRecordFile(prospectKind, file.value, resolveRecordSettings(file.value, prospectKind, {}));
    expect(converted.ok && converted.value.output.map((p) => [p.name, p.source, p.events.map((e) => [e.stage, e.day])])).toEqual([
      ['陈先生', 'referral', [['greet', NOV3], ['trial', NOV5]]],
      ['王女士', 'repeat', [['close', NOV10]]],
    ]);
  });

  it('reads English headers, day-first dates, and keys rows on an id column', () => {
    const text = ['ID,Name,Stage,Date', 'P1,Ann,Greet,03/11/2026', 'P1,,Negotiate / close,20/11/2026', 'P2,Bob,needs,05/11/2026'].join('\n');
    const { converted } = read(prospectKind, text);
    expect(converted.output.map((p) => [p.prospectId, p.name, p.events.map((e) => e.stage)])).toEqual([
      ['P1', 'Ann', ['greet', 'close']],
      ['P2', 'Bob', ['needs']],
    ]);
    expect(converted.output[0]!.events[0]!.day).toBe(NOV3);
  });

  it('shows a header used twice as 手机 (1) and 手机 (2), the first one mapped (issue 16)', () => {
    const { preview } = read(prospectKind, '姓名,手机,手机\n陈,13800138000,13900139000\n');
    expect(preview.headers).toEqual(['姓名', '手机 (1)', '手机 (2)']);
    expect(preview.settings.mapping).toEqual(['name', 'phone', null]);
  });

  it('asks for a stage date with a stage, a date with the stage, and some key', () => {
    expect(read(prospectKind, '型号,颜色\nX1,红\n').preview.mappingProblems).toEqual([{ code: 'records.noProspectKey' }]);
    expect(read(prospectKind, '姓名,阶段\n陈,迎接\n').preview.mappingProblems).toEqual([{ code: 'records.stageNeedsDate' }]);
    const { converted } = read(prospectKind, '姓名,阶段,日期\n陈,迎接,\n王,,2026-11-03\n钱,确认需求,2026-13-45\n');
    expect(converted.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'date.empty'],
      [3, 'records.stageEmpty'],
      [4, 'date.impossible'],
    ]);
  });
});

describe('product file through the record importer', () => {
  it('reads numbers in yuan to fen and stock in units; a bad number is a row problem', () => {
    const { converted, preview } = read(productKind, '货号,品名,成本(元),期初库存,期末库存,销售目标\r\nA1,裙,"¥1,204.5",10,6,"50,000"\r\nA2,衫,-1,1,1,\r\n,无货号,1,1,1,1\r\nA1,,,,2,\r\n');
    const out: ProductPatch[] = converted.output;
    expect(out).toEqual([{ code: 'A1', name: '裙', cost: 120_450, stockOpen: 10, stockClose: 2, target: 5_000_000 }]);
    expect(converted.problems).toEqual([
      { line: 3, column: '成本(元)', value: '-1', code: 'products.rowBadNumber', severity: 'error' },
      { line: 4, column: null, value: '', code: 'products.rowNoCode', severity: 'error' },
    ]);
    expect(preview.sample[0]).toEqual(['A1', '裙', '1204.5', '10', '2', '50000']);
  });

  it('without an item no. column the file cannot be imported', () => {
    expect(read(productKind, '名称,成本\n裙,1\n').preview.mappingProblems).toEqual([{ code: 'products.noCodeColumn' }]);
  });
});

describe('templates', () => {
  it('prospect and product templates come back through their own importer', () => {
    expect(templateProblems()).toEqual([]);
    for (const [kind, fields] of [['prospects', prospectKind], ['products', productKind]] as const) {
      const csv = templateCsv(kind);
      const { preview } = read(fields as RecordKind<string, unknown, unknown>, `${csv.slice(1).trimEnd()}\r\n` + (kind === 'prospects' ? '陈先生,13800138000,熟客推荐,,,,,,,迎接,2026-11-03,\r\n' : 'A1,裙,1,1,1,1\r\n'));
      expect(preview.settings.headerRow).toBe(1);
      expect(preview.mappingProblems).toEqual([]);
      expect(preview.rowsValid).toBe(1);
    }
  });
});
