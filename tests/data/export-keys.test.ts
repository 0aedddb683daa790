/**
 * Issue 15 §2: the all-customers export imports again onto the same customers — 0 new, 0 failed —
 * with masked phones (matched on 客户编号, 卡号 or 客情编号) and with full phones (matched on the phone).
 */
import { describe, expect, it } from 'vitest';
import { commitImport, readStoredKeys, type DuplicateMode } from '../../src/data/imports';
import { replaceWithDemoStore } from '../../src/data/store';
import type { KeqingDb } from '../../src/data/db';
import type { Customer } from '../../src/lib/customers/customer';
import { en } from '../../src/i18n/en';
import { zh } from '../../src/i18n/zh';
import type { MessageKey } from '../../src/i18n/keys';
import { toCsv } from '../../src/lib/csv/export';
import { exportKeyHeaders } from '../../src/lib/customers/export-keys';
import { convertFile, openFile, resolveSettings } from '../../src/lib/import/analyse';
import { defaultCleaningChoices, planImport, reportBase } from '../../src/lib/import/plan';
import { customerExportFigureHeaders, customerExportRows } from '../../src/lib/rfm/customer-export';
import { customerStats } from '../../src/lib/customers/stats';
import { joinStats, listCsvFigureHeaders, listCsvRows } from '../../src/lib/customers/list-view';
import { isoFromDay } from '../../src/lib/dates';
import { freshDb, smallDemo, customers as customerTable } from './helpers';

const now = new Date('2026-11-23T10:00:00Z');

async function exportAll(db: KeqingDb, dict: Record<MessageKey, string>, fullPhones: boolean) {
  const customers = await customerTable(db).toArray();
  const rows = customerExportRows({ customers, scored: [], abcOf: {}, tiers: [] }, { keys: { fullPhones }, segment: (s) => s, churned: (t) => t });
  const t = (key: MessageKey) => dict[key];
  const headers = [...exportKeyHeaders(t), ...customerExportFigureHeaders.map((h) => (h === 'R' || h === 'F' || h === 'M' ? h : t(h)))];
  return toCsv(headers, rows, fullPhones ? { notice: dict['access.fullNotice'] } : {});
}

/** What the import screen does with its defaults (match on phone), minus the screen. */
async function reimport(db: KeqingDb, csv: string, duplicates: DuplicateMode = 'overwrite') {
  const opened = openFile(new TextEncoder().encode(csv)); // the downloaded bytes, BOM and all
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const s = resolveSettings(opened.value, {});
  const c = convertFile(opened.value, s);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  const errors = c.value.problems.filter((p) => p.severity === 'error');
  const plan = planImport(c.value, defaultCleaningChoices, await readStoredKeys(db), now);
  const outcome = await commitImport(db, 'export.csv', plan, reportBase(s.kind, { ...c.value, rowsWithErrors: errors.length }, defaultCleaningChoices), now, duplicates);
  return { settings: s, problems: c.value.problems, errors, plan, report: outcome.report };
}

async function exportList(db: KeqingDb, dict: Record<MessageKey, string>) {
  const customers = await customerTable(db).toArray();
  const chunks = await db.purchaseChunks.toArray();
  const stats = customerStats(chunks.map((c) => c.columns));
  const headers = [...exportKeyHeaders((k) => dict[k]), ...listCsvFigureHeaders.map((h) => dict[h])];
  return toCsv(headers, listCsvRows(joinStats(customers, stats), stats, isoFromDay));
}

describe('re-importing the all-customers export', () => {
  it.each([
    ['zh', zh],
    ['en', en],
  ] as const)('matches every customer with masked phones (%s headers): 0 new, 0 failed, nothing changed', async (_, dict) => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    const before = await customerTable(db).toArray();
    const noShopKey = before.filter((c) => !c.externalId && !c.cardNo).length;
    expect(noShopKey).toBeGreaterThan(0); // the demo's planted duplicates have no card: matched on 客情编号
    const r = await reimport(db, await exportAll(db, dict, false));
    expect(r.settings.kind).toBe('customers');
    expect(r.settings.matchKey).toBe('phone'); // the default, as a user leaves it
    expect(r.errors).toEqual([]);
    // Every masked phone is reported as masked (a warning), never stored.
    expect(new Set(r.problems.map((p) => p.code))).toEqual(new Set(['phone.masked']));
    expect(r.plan.counts).toMatchObject({ customersNew: 0, customersMatched: before.length });
    expect(r.report).toMatchObject({ customersAdded: 0, rowsWithErrors: 0 });
    expect(r.report.customersUpdated + r.report.customersUnchanged).toBe(before.length);
    // The same people with the same phones, cards and ids; a name the demo planted with spaces comes back trimmed.
    const same = ({ updatedAt: _, ...c }: Customer) => ({ ...c, name: c.name.trim() });
    expect((await customerTable(db).toArray()).map(same)).toEqual(before.map(same));
  });

  it.each([
    ['zh', zh],
    ['en', en],
  ] as const)('matches every customer of the customer table export (%s): 0 new, 0 failed, birthdays and levels as they were', async (_, dict) => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    await customerTable(db).update(1, { birthday: '1990-04-08', birthdayLunar: true, birthdayLeap: true }); // 闰四月初八 goes out and comes back as one
    const before = await customerTable(db).toArray();
    const r = await reimport(db, await exportList(db, dict));
    expect(r.settings.kind).toBe('customers');
    expect(r.settings.mapping.filter((f) => f !== null)).toEqual(['customerId', 'cardNo', 'phone', 'name', 'keqingId', 'level', 'birthday', 'address']);
    expect(r.errors).toEqual([]);
    expect(r.plan.counts).toMatchObject({ customersNew: 0, customersMatched: before.length });
    const same = ({ updatedAt: _, ...c }: Customer) => ({ ...c, name: c.name.trim() });
    expect((await customerTable(db).toArray()).map(same)).toEqual(before.map(same));
  });

  it('matches on the phone when the manager chose full numbers, and 跳过 leaves everyone alone', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    const count = await customerTable(db).count();
    const r = await reimport(db, await exportAll(db, zh, true), 'skip');
    expect(r.errors).toEqual([]);
    // The demo's planted duplicate people share a phone: one customer for the file, said so.
    expect(r.problems.map((p) => p.code)).toEqual(r.problems.map(() => 'customer.duplicateInFile'));
    expect(r.plan.counts.customersNew).toBe(0);
    expect(r.report).toMatchObject({ customersAdded: 0, customersUpdated: 0, customersSkipped: r.plan.counts.customersMatched });
    expect(await customerTable(db).count()).toBe(count);
  });

  it("does not update a stranger: Keqing's number counts only with the name it was exported with", async () => {
    const db = freshDb();
    await customerTable(db).bulkAdd([
      { id: 1, name: '王芳', createdAt: now.toISOString(), updatedAt: now.toISOString() },
      { id: 2, name: '李娜', createdAt: now.toISOString(), updatedAt: now.toISOString() },
    ]);
    // A file from another browser's store: its customer 2 is someone else.
    const r = await reimport(db, '\uFEFF客户编号,卡号,手机,姓名,客情编号,备注\r\n,,,王芳,1,老顾客\r\n,,,赵敏,2,新朋友\r\n');
    expect(r.plan.counts).toMatchObject({ customersNew: 1, customersMatched: 1 });
    expect(await customerTable(db).get(1)).toMatchObject({ name: '王芳', notes: '老顾客' });
    expect(await customerTable(db).get(2)).toMatchObject({ name: '李娜' });
    expect((await customerTable(db).get(2))?.notes).toBeUndefined();
    expect(await customerTable(db).get(3)).toMatchObject({ name: '赵敏', notes: '新朋友' });
  });
});
