import { describe, expect, it } from 'vitest';
import { convertFile, openFile, resolveSettings } from '../../src/lib/import/analyse';
import { templateCsv, templateProblems, templates } from '../../src/lib/import/template';

/** A filled-in template as Excel saves it (GBK when asked for "CSV", UTF-8 with BOM otherwise). */
function filled(kind: 'customers' | 'purchases', rows: string[]): Uint8Array {
  const text = `${templateCsv(kind).replace(/^\uFEFF/, '')}\r\n${rows.join('\r\n')}\r\n`;
  return new TextEncoder().encode(`\uFEFF${text}`);
}

describe('import templates', () => {
  it('use headers the importer maps to the intended fields', () => {
    expect(templateProblems()).toEqual([]);
  });

  it('put the 填写说明 line above the fixed Chinese header', () => {
    const lines = templateCsv('customers').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('填写说明：')).toBe(true);
    expect(lines[1]).toBe(templates.customers.map((c) => c.header).join(','));
    expect(lines).toHaveLength(2);
  });

  it('come back through the importer: the notes line is skipped, every column mapped', () => {
    const opened = openFile(filled('customers', ['13800138000,王芳,V001,女,1990-07-12,,,,广州,零售,老客户', '139 0013 9000,李娜,,,1991-08-15,农历,,,,,']));
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const s = resolveSettings(opened.value, {});
    expect(s.headerRow).toBe(1);
    expect(s.kind).toBe('customers');
    expect(s.mapping).toEqual(templates.customers.map((c) => c.field));
    const converted = convertFile(opened.value, s);
    expect(converted.ok && converted.value.customers.map((c) => [c.values.name, c.values.phone, c.values.customerClass ?? null, c.values.birthdayLunar ?? false])).toEqual([
      ['王芳', '13800138000', 'retail', false],
      ['李娜', '13900139000', null, true], // 生日类型 农历
    ]);
  });

  it('reads a filled purchases template as purchase lines', () => {
    const opened = openFile(filled('purchases', ['XP001,2024-03-05,13800138000,A1,羊毛大衣,1,1200,"¥1,200.00",', 'XP001,2024-03-05,13800138000,POST,运费,1,10,10,']));
    if (!opened.ok) throw new Error('not opened');
    const s = resolveSettings(opened.value, {});
    expect(s.kind).toBe('purchases');
    const converted = convertFile(opened.value, s);
    expect(converted.ok && converted.value.lines?.length).toBe(2);
    expect(converted.ok && Array.from(converted.value.lines!.amount)).toEqual([120_000, 1_000]);
  });
});

describe('the activity log template', () => {
  it('comes back through the activity importer with every column mapped', async () => {
    const { activityFieldForHeader } = await import('../../src/lib/timeuse/import');
    const lines = templateCsv('activity').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('填写说明：')).toBe(true);
    expect(lines[1]!.split(',').map(activityFieldForHeader)).toEqual(['rep', 'date', 'start', 'end', 'minutes', 'category']);
  });
});
