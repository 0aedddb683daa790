/**
 * Issue 15 §1 in the store: rows without the match key and lines naming unknown ids, written in
 * one transaction, imported twice, undone, and stored lines linked afterwards (data/link-lines).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitImport, readStoredKeys, undoLastImport } from '../../src/data/imports';
import { linkStoredLines } from '../../src/data/link-lines';
import { purchaseTotals, purchasesVersion } from '../../src/data/purchases';
import type { KeqingDb } from '../../src/data/db';
import { convertFile, openFile, previewOf, resolveSettings, type ImportSettings } from '../../src/lib/import/analyse';
import { defaultCleaningChoices, planImport, reportBase, type PlanOptions } from '../../src/lib/import/plan';
import { freshDb, customers as customerTable } from './helpers';

const NOW = new Date('2026-11-23T10:00:00Z');

async function importText(db: KeqingDb, text: string, settings: ImportSettings = {}, options?: PlanOptions) {
  const opened = openFile(new TextEncoder().encode(text));
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  const s = resolveSettings(opened.value, settings);
  const c = convertFile(opened.value, s);
  if (!c.ok) throw new Error(JSON.stringify(c.error));
  const plan = planImport(c.value, defaultCleaningChoices, await readStoredKeys(db), NOW, options);
  return commitImport(db, 'file.csv', plan, reportBase(s.kind, previewOf(opened.value, s, c.value), defaultCleaningChoices, s), NOW);
}
const fixture = (name: string) => readFileSync(`tests/fixtures/import/bad/${name}`, 'utf8');
const storedLines = async (db: KeqingDb) => (await db.purchaseChunks.toArray()).flatMap((c) => Array.from(c.columns.customerId));

describe('rows without the match key, in the store', () => {
  it('files the phoneless customer once, even when the file is imported again', async () => {
    const db = freshDb();
    const first = await importText(db, fixture('sales-row-without-phone.csv'));
    expect(first.report).toMatchObject({ customersAdded: 3, linesAdded: 4, customersKeyless: 1, keyless: 'create', matchKey: 'phone' });
    const li = (await customerTable(db).where('name').equals('李娜').toArray())!;
    expect(li.map((c) => [c.name, c.phone ?? null, c.birthday])).toEqual([['李娜', null, '1990-07-12']]);
    expect(await storedLines(db)).toEqual([1, li[0]!.id, 3, li[0]!.id]);

    const again = await importText(db, fixture('sales-row-without-phone.csv'));
    expect(again.report).toMatchObject({ customersAdded: 0, linesAdded: 0, linesAlreadyStored: 4, customersUnchanged: 3 });
    expect(await customerTable(db).count()).toBe(3);
  });

  it('writes nothing of a failed row, and undo takes back the customers filed by name', async () => {
    const db = freshDb();
    const r = await importText(db, fixture('sales-row-without-phone.csv'), { keyless: 'fail' });
    expect(r.report).toMatchObject({ customersAdded: 2, linesAdded: 2, rowsWithErrors: 2, rowsKeylessFailed: 2, keyless: 'fail' });
    expect((await customerTable(db).toArray()).map((c) => c.name)).toEqual(['王芳', '张伟']);
    await undoLastImport(db);
    await importText(db, fixture('sales-row-without-phone.csv'));
    expect(await undoLastImport(db)).toBeNull();
    expect(await customerTable(db).count()).toBe(0);
    expect(await db.purchaseChunks.count()).toBe(0);
  });
});

describe('lines naming an unknown customer id, in the store', () => {
  it('files a customer per id by default, and the result says so', async () => {
    const db = freshDb();
    const r = await importText(db, fixture('purchases-unknown-customer-ids.csv'));
    expect(r.report.unknownRefs).toEqual({ lines: 5, refs: 3, choice: 'create', customersAdded: 3 });
    expect((await customerTable(db).toArray()).map((c) => [c.id, c.externalId, c.name])).toEqual([[1, '00001', ''], [2, '00002', ''], [3, '00003', '']]);
    expect(await storedLines(db)).toEqual([1, 2, 2, 3, 1]);
    expect((await purchaseTotals(db)).linesWithoutCustomer).toBe(0);
  });

  it('kept unlinked, are linked later: to a customer file imported since, then to customers filed for the rest', async () => {
    const db = freshDb();
    const r = await importText(db, fixture('purchases-unknown-customer-ids.csv'), {}, { unknownRefs: 'unlinked' });
    expect(r.report.unknownRefs).toEqual({ lines: 5, refs: 3, choice: 'unlinked', customersAdded: 0 });
    expect(await customerTable(db).count()).toBe(0);
    expect(await storedLines(db)).toEqual([0, 0, 0, 0, 0]);
    expect((await purchaseTotals(db)).linesWithoutCustomer).toBe(5);

    // A customer file naming 00002 arrives: linking without creating finds her 2 lines.
    await importText(db, '客户编号,姓名\r\n00002,周敏\r\n');
    const before = await purchasesVersion(db);
    expect(await linkStoredLines(db, false, NOW)).toEqual({ linked: 2, customersAdded: 0 });
    expect(await storedLines(db)).toEqual([0, 1, 1, 0, 0]);
    expect((await purchaseTotals(db)).linesWithoutCustomer).toBe(3);
    expect(await purchasesVersion(db)).not.toBe(before); // the analyses reload

    // Then the rest: 00001 (2 lines) and 00003 (1 line) filed by their ids.
    expect(await linkStoredLines(db, true, NOW)).toEqual({ linked: 3, customersAdded: 2 });
    expect((await customerTable(db).toArray()).map((c) => [c.id, c.externalId, c.name])).toEqual([[1, '00002', '周敏'], [2, '00001', ''], [3, '00003', '']]);
    expect(await storedLines(db)).toEqual([2, 1, 1, 3, 2]);
    expect((await purchaseTotals(db)).linesWithoutCustomer).toBe(0);
    expect(await linkStoredLines(db, true, NOW)).toEqual({ linked: 0, customersAdded: 0 });
  });

  it('a phone reference is filed as a phone when linking', async () => {
    const db = freshDb();
    await importText(db, '单号,日期,金额,手机\r\nS1,2024-03-05,10.00,13800138000\r\n', {}, { unknownRefs: 'unlinked' });
    expect(await linkStoredLines(db, true, NOW)).toEqual({ linked: 1, customersAdded: 1 });
    expect((await customerTable(db).toArray()).map((c) => [c.phone, c.externalId ?? null])).toEqual([['13800138000', null]]);
  });
});
