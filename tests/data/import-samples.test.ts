/** Every filled sample file (lib/import/samples), imported back as the screens do, imports cleanly. */
import { describe, expect, it } from 'vitest';
import { commitImport, readStoredKeys } from '../../src/data/imports';
import { importOpeningBalances } from '../../src/data/ledger';
import { importProspects } from '../../src/data/funnel';
import { getTimeSetup, importTimeEntries } from '../../src/data/timeuse';
import { prospectKind } from '../../src/lib/funnel/import';
import { convertFile, openFile, resolveSettings } from '../../src/lib/import/analyse';
import { defaultCleaningChoices, planImport, reportBase } from '../../src/lib/import/plan';
import { convertRecordFile, resolveRecordSettings } from '../../src/lib/import/records';
import { sampleCsv, sampleKinds, sampleRows, type SampleKind } from '../../src/lib/import/samples';
import { templates } from '../../src/lib/import/template';
import { readOpeningFile } from '../../src/lib/ledger';
import { productKind } from '../../src/lib/products/file';
import { convertActivityFile, NEW_REP, resolveActivitySettings } from '../../src/lib/timeuse/import';
import type { KeqingDb } from '../../src/data/db';
import { freshDb, customers as customerTable } from './helpers';

const NOW = new Date('2026-11-23T10:00:00Z');
const bytes = (kind: SampleKind) => new TextEncoder().encode(sampleCsv(kind));

function opened(kind: SampleKind) {
  const file = openFile(bytes(kind));
  if (!file.ok) throw new Error(file.error.code);
  return file.value;
}

/** The customer importer's path (ImportWizard): read, plan against what is stored, write. */
async function importMain(db: KeqingDb, kind: 'customers' | 'purchases') {
  const file = opened(kind);
  const s = resolveSettings(file, {});
  expect(s.kind).toBe(kind);
  expect(s.headerRow).toBe(1); // the notes line above is read as a title
  const c = convertFile(file, s);
  if (!c.ok) throw new Error(c.error.code);
  expect(c.value.problems).toEqual([]);
  const plan = planImport(c.value, defaultCleaningChoices, await readStoredKeys(db), NOW);
  return commitImport(db, `${kind}.csv`, plan, reportBase(s.kind, { ...c.value, rowsWithErrors: 0 }, defaultCleaningChoices), NOW);
}

describe('filled sample files', () => {
  it('fill every column of their template, with the template’s own header', () => {
    for (const kind of sampleKinds) {
      const lines = sampleCsv(kind).slice(1).split('\r\n');
      expect(lines.length).toBe(2 + sampleRows[kind].length);
      if (kind !== 'opening') expect(lines[1]).toBe(templates[kind].map((c) => c.header).join(','));
      for (const row of sampleRows[kind]) expect(row.length).toBe(lines[1]!.split(',').length);
      // No column left empty in every row: the sample shows what goes in each.
      const width = sampleRows[kind][0]!.length;
      for (let col = 0; col < width; col++) expect(sampleRows[kind].some((r) => r[col] !== ''), `${kind} column ${col + 1}`).toBe(true);
    }
  });

  it('customers: five filed, none failed; then the purchases link to them, none failed', async () => {
    const db = freshDb();
    const customers = await importMain(db, 'customers');
    expect(customers.report).toMatchObject({ rowsRead: 5, rowsValid: 5, customersAdded: 5 });
    // Spaces and dashes are read: 张伟 is stored as 13711112222.
    expect((await customerTable(db).where('phone').equals('13711112222').first())?.name).toBe('张伟');
    const purchases = await importMain(db, 'purchases');
    // Six lines in five orders, every one matched to a customer filed above (no new customers).
    expect(purchases.report).toMatchObject({ rowsRead: 6, rowsValid: 6, linesAdded: 6, customersAdded: 0 });
  });

  it('opening balances: three rows, each finds its customer by phone', async () => {
    const db = freshDb();
    await importMain(db, 'customers');
    const file = readOpeningFile(bytes('opening'));
    if (!file.ok) throw new Error(file.error.code);
    expect(file.value.problems).toEqual([]);
    const r = await importOpeningBalances(db, file.value.rows, { by: '店长', day: 20_415, at: NOW.toISOString(), note: 'sample' });
    // One entry per ledger (积分; 储值 holds 本金 and 赠送金 together): 王芳 2, 李娜 2, 陈静 积分 only 1.
    expect(r.ok && { customers: r.value.customers, entries: r.value.entriesAdded, notFound: r.value.notFound.length }).toEqual({ customers: 3, entries: 5, notFound: 0 });
  });

  it('activity log: five entries, two reps added, no problems', async () => {
    const db = freshDb();
    const file = opened('activity');
    const setup = await getTimeSetup(db);
    const c = convertActivityFile(file, resolveActivitySettings(file, {}), { categories: setup.categories, reps: setup.reps });
    if (!c.ok) throw new Error(c.error.code);
    expect(c.value.problems).toEqual([]);
    expect(c.value.unknownCategories).toEqual([]);
    const r = await importTimeEntries(db, c.value.entries, c.value.newReps, NEW_REP);
    expect(r.ok && { added: r.value.added.length, reps: r.value.repsAdded }).toEqual({ added: 5, reps: 2 });
    // 王芳: 90 + 45 + 120 minutes; 李强: 120 + 60.
    expect(c.value.entries.reduce((s, e) => s + e.minutes, 0)).toBe(90 + 45 + 120 + 120 + 60);
  });

  it('prospects: three prospects with four stage changes, no problems', async () => {
    const db = freshDb();
    const file = opened('prospects');
    const c = convertRecordFile(prospectKind, file, resolveRecordSettings(file, prospectKind, {}));
    if (!c.ok) throw new Error(c.error.code);
    expect(c.value.problems).toEqual([]);
    expect(c.value.rowsValid).toBe(4);
    const r = await importProspects(db, c.value.output, NOW);
    expect(r.ok).toBe(true);
    expect(await db.opportunities.count()).toBe(3);
    expect(await db.stageEvents.count()).toBe(4);
  });

  it('products: five products with cost and stock, no problems', () => {
    const file = opened('products');
    const c = convertRecordFile(productKind, file, resolveRecordSettings(file, productKind, {}));
    if (!c.ok) throw new Error(c.error.code);
    expect(c.value.problems).toEqual([]);
    expect(c.value.output).toHaveLength(5);
    // 羊毛大衣: cost ¥576 = 57,600 fen.
    expect(c.value.output[0]).toMatchObject({ code: 'A1001', cost: 57_600, stockOpen: 40, stockClose: 22 });
  });
});
