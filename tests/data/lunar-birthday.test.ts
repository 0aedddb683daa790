import { describe, expect, it } from 'vitest';
import { readCareRules, saveCareRules } from '../../src/data/care';
import { commitImport, readStoredKeys } from '../../src/data/imports';
import { defaultCareRules } from '../../src/lib/care';
import { convertRows, rowsOf } from '../../src/lib/import/convert';
import { defaultCleaningChoices, planImport, reportBase } from '../../src/lib/import/plan';
import type { KeqingDb } from '../../src/data/db';
import { freshDb, customers as customerTable, readCareBase } from './helpers';

const at = new Date('2026-11-23T10:00:00Z');

async function importRows(db: KeqingDb, rows: string[][]) {
  const headers = ['手机号', '姓名', '生日', '生日类型'];
  const c = convertRows(headers, rows, rowsOf(rows, rows.map((_, i) => i + 2)), { kind: 'customers', mapping: ['phone', 'name', 'birthday', 'birthdayType'], dateOrder: null, matchKey: 'phone', nonProductCodes: [] });
  const plan = planImport(c, defaultCleaningChoices, await readStoredKeys(db), at);
  return commitImport(db, 'x.csv', plan, reportBase('customers', { ...c, rowsWithErrors: 0 }, defaultCleaningChoices), at);
}

describe('lunar birthdays in the store', () => {
  it('are set by an import, cleared by a later solar one, and kept when the file has no birthday', async () => {
    const db = freshDb();
    await importRows(db, [['13800138000', '王芳', '1990-04-08', '农历'], ['13800138001', '李娜', '1990年闰四月初八', '']]);
    const wang = (await customerTable(db).where('phone').equals('13800138000').first())!;
    expect(wang).toMatchObject({ birthday: '1990-04-08', birthdayLunar: true });
    expect(await customerTable(db).where('phone').equals('13800138001').first()).toMatchObject({ birthday: '1990-04-08', birthdayLunar: true, birthdayLeap: true });
    // The care calendar reads the marks with the birthday.
    const base = await readCareBase(db);
    expect(base.people.find((p) => p.id === wang.id)).toMatchObject({ birthday: '1990-04-08', birthdayLunar: true });
    // No birthday in the file: the mark stays. A solar birthday: the mark goes.
    await importRows(db, [['13800138000', '王芳', '', '']]);
    expect(await customerTable(db).get(wang.id)).toMatchObject({ birthday: '1990-04-08', birthdayLunar: true });
    await importRows(db, [['13800138000', '王芳', '1990-05-22', '公历']]);
    const after = (await customerTable(db).get(wang.id))!;
    expect(after.birthday).toBe('1990-05-22');
    expect(after.birthdayLunar).toBeUndefined();
  });

  it('reads care rules saved before birthday-month benefits with the default benefits', async () => {
    const db = freshDb();
    const old = structuredClone(defaultCareRules);
    for (const tier of ['A', 'B', 'C', 'none'] as const) delete (old.tiers[tier] as { birthdayBenefit?: unknown }).birthdayBenefit;
    await db.careRules.put({ ...old, cardDaysBefore: 5, id: 'store' });
    const rules = await readCareRules(db);
    expect(rules.cardDaysBefore).toBe(5);
    expect(rules.tiers.A.birthdayBenefit).toEqual(defaultCareRules.tiers.A.birthdayBenefit);
    // Turned off and saved: stays off.
    rules.tiers.A.birthdayBenefit = null;
    expect((await saveCareRules(db, rules)).ok).toBe(true);
    expect((await readCareRules(db)).tiers.A.birthdayBenefit).toBeNull();
  });
});
