import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitImport, importHistory, readStoredKeys, undoLastImport, type DuplicateMode } from '../../src/data/imports';
import { replaceWithDemoStore, storeCounts } from '../../src/data/store';
import { convertFile, openFile, resolveSettings, type ImportSettings } from '../../src/lib/import/analyse';
import { nonProductPresets } from '../../src/lib/import/non-product';
import { defaultCleaningChoices, planImport, reportBase, type CleaningChoices } from '../../src/lib/import/plan';
import type { KeqingDb } from '../../src/data/db';
import { freshDb, smallDemo, customers as customerTable } from './helpers';

/** What the import screen does, minus the screen: read, plan against what is stored, write. */
async function importFixture(db: KeqingDb, name: string, settings: ImportSettings = {}, choices: CleaningChoices = defaultCleaningChoices, duplicates: DuplicateMode = 'overwrite') {
  const opened = openFile(new Uint8Array(readFileSync(`tests/fixtures/import/${name}`)));
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const s = resolveSettings(opened.value, settings);
  const c = convertFile(opened.value, s);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  const rowsWithErrors = new Set(c.value.problems.filter((p) => p.severity === 'error').map((p) => p.line)).size;
  const plan = planImport(c.value, choices, await readStoredKeys(db), new Date('2026-11-23T10:00:00Z'));
  return commitImport(db, name, plan, reportBase(s.kind, { ...c.value, rowsWithErrors }, choices), new Date('2026-11-23T10:00:00Z'), duplicates);
}

/** The UK web shop's file names its postage and discounts with the web shop's codes. */
const webShop: ImportSettings = { nonProductCodes: [...nonProductPresets.onlineRetail] };

describe('importing', () => {
  it('adds the customers of a GBK list, and nothing when the same file comes again', async () => {
    const db = freshDb();
    const first = await importFixture(db, 'customers-gbk.csv');
    expect(first.report).toMatchObject({ rowsRead: 7, rowsValid: 6, customersAdded: 6, customersUpdated: 0, linesAdded: 0 });
    const wang = await customerTable(db).where('phone').equals('13800138000').first();
    expect(wang).toMatchObject({ name: '王芳', cardNo: 'VIP001', birthday: '1985-03-05', heightCm: 165 });
    const again = await importFixture(db, 'customers-gbk.csv');
    expect(again.report).toMatchObject({ customersAdded: 0, customersUpdated: 0, customersUnchanged: 6 });
    expect(await customerTable(db).count()).toBe(6);
  });

  it('updates a matched customer with the new values and keeps the rest', async () => {
    const db = freshDb();
    await importFixture(db, 'customers-gbk.csv');
    const wang = (await customerTable(db).where('phone').equals('13800138000').first())!;
    await customerTable(db).update(wang.id, { size: 'L', notes: '老顾客' });
    const r = await importFixture(db, 'customers-gbk.csv');
    expect(r.report).toMatchObject({ customersAdded: 0, customersUpdated: 1, customersUnchanged: 5 });
    expect(await customerTable(db).get(wang.id)).toMatchObject({ size: 'M', notes: '老顾客' }); // the file's size wins; the note stays
  });

  it('leaves matched customers alone when the user chose 跳过 (skip), and says how many', async () => {
    const db = freshDb();
    await importFixture(db, 'customers-gbk.csv');
    const wang = (await customerTable(db).where('phone').equals('13800138000').first())!;
    await customerTable(db).update(wang.id, { size: 'L' });
    const r = await importFixture(db, 'customers-gbk.csv', {}, defaultCleaningChoices, 'skip');
    expect(r.report).toMatchObject({ customersAdded: 0, customersUpdated: 0, customersUnchanged: 0, customersSkipped: 6 });
    expect(await customerTable(db).get(wang.id)).toMatchObject({ size: 'L' }); // not overwritten by the file's M
    expect((await db.importUndo.get(r.batchId))?.previousCustomers).toEqual([]);
  });

  it('links a purchase log to customers by phone, and stores its lines once', async () => {
    const db = freshDb();
    await importFixture(db, 'customers-gbk.csv');
    const r = await importFixture(db, 'purchases-utf16.txt');
    // 5 lines; none excluded by default (the return and the walk-in line are kept).
    expect(r.report).toMatchObject({ customersAdded: 0, linesAdded: 5, linesExcluded: 0 });
    const chunk = (await db.purchaseChunks.where('batchId').equals(r.batchId).first())!;
    const wangId = (await customerTable(db).where('phone').equals('13800138000').first())!.id;
    const liId = (await customerTable(db).where('phone').equals('13900139000').first())!.id;
    expect(Array.from(chunk.columns.customerId)).toEqual([wangId, wangId, liId, wangId, 0]);
    const again = await importFixture(db, 'purchases-utf16.txt');
    expect(again.report).toMatchObject({ linesAdded: 0, linesAlreadyStored: 5 });
    expect((await storeCounts(db)).lines).toBe(5);
  });

  it('creates customers from a POS export and flags the lines the user excludes', async () => {
    const db = freshDb();
    const r = await importFixture(db, 'sales-pos-utf8.csv', webShop);
    expect(r.report).toMatchObject({ rowsRead: 13, rowsValid: 11, rowsWithErrors: 2, customersAdded: 4, linesAdded: 11 });
    // Excluded by default: the cancellation (also a discount line), postage, the zero-price line.
    expect(r.report.linesExcluded).toBe(3);
    expect(r.report.classes).toMatchObject({ cancellation: { lines: 1, excluded: true }, returned: { lines: 1, excluded: false } });
    const counts = await storeCounts(db);
    // Revenue leaves out excluded lines: 15.30 + 20.34 + 11.10 + 54.08 × 2 + 90.00 + 2.51 + 8.50 = 255.91
    expect(counts.revenue).toBe(25_591);
    expect(counts.linesWithoutCustomer).toBe(1); // the walk-in line kept (the other one is excluded at zero price)
    // 11 stored, 3 excluded: C536379 (cancelled discount, also a return), POST, the zero-price walk-in.
    expect([counts.lines, counts.linesExcluded]).toEqual([8, 3]);
    expect(counts.excludedByMark).toEqual({ cancellation: 1, returned: 1, nonPositivePrice: 1, noCustomer: 1, nonProduct: 2, futureDate: 0, repeated: 0 });
    expect((await customerTable(db).where('externalId').equals('12583').first())?.region).toBe('France');
    const again = await importFixture(db, 'sales-pos-utf8.csv', webShop);
    expect(again.report).toMatchObject({ customersAdded: 0, linesAdded: 0, linesAlreadyStored: 11 });
  });

  it('undoes the latest import only, restoring updated customers', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    const before = await storeCounts(db);
    const first = await importFixture(db, 'customers-gbk.csv');
    await importFixture(db, 'sales-pos-utf8.csv');
    expect((await importHistory(db)).map((h) => [h.label, h.undoable])).toEqual([['sales-pos-utf8.csv', true], ['customers-gbk.csv', false]]);
    expect(await undoLastImport(db)).toBeNull();
    expect((await importHistory(db)).map((h) => [h.label, h.undoable])).toEqual([['customers-gbk.csv', true]]);
    expect(await undoLastImport(db)).toBeNull();
    expect(await storeCounts(db)).toEqual(before);
    expect(await customerTable(db).where('cardNo').equals('VIP001').count()).toBe(0);
    expect(await db.importUndo.get(first.batchId)).toBeUndefined();
    expect(await undoLastImport(db)).toEqual({ code: 'undo.nothing' });
  });

  it('writes nothing when the disk fills up half-way', async () => {
    const db = freshDb();
    await importFixture(db, 'customers-gbk.csv');
    const before = await storeCounts(db);
    const real = db.purchaseChunks.add.bind(db.purchaseChunks);
    db.purchaseChunks.add = (() => Promise.reject(new DOMException('disk full', 'QuotaExceededError'))) as unknown as typeof real;
    await expect(importFixture(db, 'sales-pos-utf8.csv')).rejects.toThrow();
    db.purchaseChunks.add = real;
    expect(await storeCounts(db)).toEqual(before);
    expect(await customerTable(db).where('externalId').equals('17850').count()).toBe(0);
    expect((await importHistory(db)).length).toBe(1);
  });
});
