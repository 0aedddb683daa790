/**
 * The bad and awkward files of tests/fixtures/import/bad/ imported into a store that already holds
 * data, the way the import screen does it: a file that cannot be read, a mapping with problems or
 * no valid row leaves the Confirm button disabled, so nothing is written; otherwise the plan is
 * committed, which writes the valid rows only. Either way, everything stored before stays as it was.
 *
 * `it.fails` tests state the right outcome where the store now ends up wrong (`// BUG:` says how);
 * tests/unit/import-bad-files.test.ts has the file-reading side of the same bugs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitImport, readStoredKeys, type ImportOutcome } from '../../src/data/imports';
import { replaceWithDemoStore, storeCounts } from '../../src/data/store';
import type { KeqingDb } from '../../src/data/db';
import type { Customer } from '../../src/lib/customers/customer';
import { convertFile, openFile, openUpload, previewOf, resolveSettings, type ImportPreview } from '../../src/lib/import/analyse';
import type { Converted } from '../../src/lib/import/convert';
import { matchKeys } from '../../src/lib/import/mapping';
import { defaultCleaningChoices, planImport, reportBase, type ImportPlan } from '../../src/lib/import/plan';
import { findDuplicates } from '../../src/lib/customers/duplicates';
import { freshDb, smallDemo, customers as customerTable } from './helpers';

const DIR = 'tests/fixtures/import/bad';
const NOW = new Date('2026-11-23T10:00:00Z');

type Attempt =
  | { written: false; why: string }
  | { written: true; converted: Converted; preview: ImportPreview; plan: ImportPlan; outcome: ImportOutcome };

/** What the import screen does with a file, minus the screen (see ImportWizard and import.worker). */
async function attemptImport(db: KeqingDb, file: string): Promise<Attempt> {
  const bytes = new Uint8Array(readFileSync(`${DIR}/${file}`));
  const opened = file.endsWith('.xlsx') ? await openUpload(bytes) : openFile(bytes);
  if (!opened.ok) return { written: false, why: opened.error.code };
  const s = resolveSettings(opened.value, {});
  const c = convertFile(opened.value, s);
  if (!c.ok) return { written: false, why: c.error.code };
  const preview = previewOf(opened.value, s, c.value);
  // The Confirm button is disabled while the mapping has problems or no row is valid.
  if (preview.mappingProblems.length > 0) return { written: false, why: preview.mappingProblems.map((p) => p.code).join(',') };
  if (preview.rowsValid === 0) return { written: false, why: 'no valid row' };
  const plan = planImport(c.value, defaultCleaningChoices, await readStoredKeys(db), NOW);
  const outcome = await commitImport(db, file, plan, reportBase(s.kind, preview, defaultCleaningChoices, s), NOW);
  return { written: true, converted: c.value, preview, plan, outcome };
}

async function snapshot(db: KeqingDb) {
  return {
    counts: await storeCounts(db),
    customers: await customerTable(db).toArray(),
    products: await db.products.toArray(),
    batches: await db.purchaseBatches.toArray(),
    chunks: await db.purchaseChunks.toArray(),
    keys: await db.purchaseKeys.toArray(),
    undo: await db.importUndo.toArray(),
    settings: await db.settings.toArray(),
  };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

async function demoDb() {
  const db = freshDb();
  await replaceWithDemoStore(db, smallDemo());
  return db;
}

const withoutStamps = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: Customer) => rest;
const added = (before: Snapshot, after: Snapshot) => {
  const maxId = Math.max(0, ...before.customers.map((c) => c.id));
  return after.customers.filter((c) => c.id > maxId);
};
/** The lines of one stored batch, chunks joined. */
const batchLines = (s: Snapshot, batchId: number) => {
  const chunks = s.chunks.filter((c) => c.batchId === batchId).map((c) => c.columns);
  const join = (pick: (c: (typeof chunks)[number]) => ArrayLike<number>) => chunks.flatMap((c) => Array.from(pick(c)));
  return { day: join((c) => c.day), amount: join((c) => c.amount), quantity: join((c) => c.quantity), customerId: join((c) => c.customerId) };
};

/** The stored data from before, all of it, untouched. */
function expectPriorDataUnchanged(before: Snapshot, after: Snapshot) {
  const ids = new Set(before.customers.map((c) => c.id));
  expect(after.customers.filter((c) => ids.has(c.id))).toEqual(before.customers);
  expect(after.products).toEqual(before.products);
  expect(after.settings).toEqual(before.settings);
  const batchIds = new Set(before.batches.map((b) => b.id));
  expect(after.batches.filter((b) => batchIds.has(b.id))).toEqual(before.batches);
  expect(after.chunks.filter((c) => batchIds.has(c.batchId))).toEqual(before.chunks);
  expect(after.keys.filter((k) => batchIds.has(k.batchId))).toEqual(before.keys);
  expect(after.undo.filter((u) => batchIds.has(u.batchId))).toEqual(before.undo);
}

interface DataCase {
  file: string;
  /** Hand-checked: what a correct import writes (new customers, new purchase lines), or nothing. */
  writes: 'nothing' | { customers: number; lines: number };
  /** Set when the store now ends up wrong; the `writes` and `check` then run as `it.fails`. */
  bug?: string;
  /** The new customers are not those the file reading accepted (rows are lost in between). */
  /** Rows naming one person under different keys are merged when planning: fewer customers than rows. */
  mergesRows?: boolean;
  /** More of the correct outcome. */
  check?: (a: Extract<Attempt, { written: true }>, before: Snapshot, after: Snapshot) => void;
}

const nothing = 'nothing' as const;
const customers = (n: number) => ({ customers: n, lines: 0 });
/** n lines, and the customers filed for the phones (ids) they name that the store did not have. */
const lines = (n: number, newRefs = 0) => ({ customers: newRefs, lines: n });

/** The customers the default ('create') files for lines naming someone unknown, in line order. */
function unknownRefCustomers(before: Snapshot, c: Converted): Record<string, string>[] {
  const field = { customerId: 'externalId', cardNo: 'cardNo', phone: 'phone', keqingId: 'keqingId' } as const;
  const known = new Set([...before.customers, ...c.customers.map((x) => x.values)].flatMap((x) => (['externalId', 'cardNo', 'phone'] as const).map((k) => `${k}:${x[k]}`)));
  const out: Record<string, string>[] = [];
  const lines = c.lines;
  for (let i = 0; lines && i < lines.length; i++) {
    if (lines.customerRef[i]! < 0) continue;
    const k = field[matchKeys[c.lineRefField[i]!]!];
    const v = lines.customerRefDict[lines.customerRef[i]!]!;
    if (known.has(`${k}:${v}`)) continue;
    known.add(`${k}:${v}`);
    out.push({ [k]: v, name: '' });
  }
  return out;
}

const cases: DataCase[] = [
  // Refused as files.
  ...['empty.csv', 'whitespace-only.csv', 'bom-only.csv', 'only-commas.csv', 'binary-random.csv', 'xlsx-renamed.csv', 'xls-ole-renamed.csv'].map((file) => ({ file, writes: nothing })),
  ...['utf8-bom-over-gbk.csv', 'gbk-truncated.csv', 'header-only.csv', 'title-and-header-only.csv', 'unbalanced-quote.csv', 'stray-quotes.csv', 'too-many-columns.csv'].map((file) => ({ file, writes: nothing })),
  // Blocked by the mapping.
  { file: 'purchases-no-amount.csv', writes: nothing },
  {
    file: 'purchases-no-date.csv',
    // Recognised as purchases without a date column: mapping.noDate blocks it (no nameless customers).
    writes: nothing,
  },
  {
    file: 'utf8-mixed-with-gbk-row.csv',
    // Refused as damaged UTF-8 rather than stored as GB18030 mojibake ('鐜嬭姵' for 王芳).
    writes: nothing,
  },
  // Awkward but good.
  { file: 'gbk-title-row-chinese-headers.csv', writes: customers(4) },
  // No header row: columns 1–4 mapped from their contents (name, phone, id, gender).
  { file: 'no-header-row.csv', writes: customers(3) },
  { file: 'utf16be-bom.txt', writes: lines(3, 2) },
  { file: 'utf16le-no-bom.txt', writes: lines(2, 2) },
  { file: 'pipe-delimited.csv', writes: lines(3, 2) },
  { file: 'trailing-empty-lines-and-commas.csv', writes: lines(3, 3) },
  {
    file: 'formula-cells.csv',
    writes: customers(4),
    check: (_, before, after) => expect(added(before, after).map((c) => c.name)).toEqual(['王芳', '=1+1', '张伟', '陈静']),
  },
  {
    file: 'negative-and-accounting-amounts.csv',
    writes: lines(8, 4),
    // All returns; the 0.00 line is excluded by default (zero price), so revenue drops by 2,618.00.
    check: (_, before, after) => expect(after.counts.revenue - before.counts.revenue).toBe(-(89_900 + 32_900 + 1_250 + 1_250 + 5_800 + 800 + 129_900)),
  },
  // Partly valid: only the valid rows are written.
  { file: 'ragged-rows.csv', writes: customers(5) },
  { file: 'wide-row-200-cells.csv', writes: lines(4, 4) },
  { file: 'semicolon-european.csv', writes: lines(2, 2) },
  { file: 'line-endings-crlf.csv', writes: lines(3, 3) },
  { file: 'line-endings-lf.csv', writes: lines(3, 3) },
  { file: 'line-endings-cr.csv', writes: lines(3, 3) },
  { file: 'embedded-newline-in-quotes.csv', writes: customers(4) },
  { file: 'cr-only-multiline-cell.csv', writes: customers(3) },
  { file: 'text-in-amount.csv', writes: lines(2, 2) },
  { file: 'impossible-dates.csv', writes: lines(2, 2) },
  { file: 'unknown-date-formats.csv', writes: lines(2, 2) },
  // Only 07/07/2024 can be read before a date order is chosen.
  { file: 'ambiguous-dates.csv', writes: lines(1, 1) },
  {
    file: 'duplicate-customers.csv',
    writes: customers(3),
    check: (_, before, after) => expect(added(before, after).map((c) => [c.name, c.size])).toEqual([['王芳', 'M'], ['李娜', 'S'], ['张伟', 'XL']]),
  },
  {
    file: 'duplicate-id-different-phone.csv',
    // Lines 4 and 5 repeat 客户编号 C101/C102 with another phone: merged into the customers the
    // same file adds (the first row's values win), not planned as updates of records not yet written.
    mergesRows: true,
    writes: customers(2),
    check: (a, before, after) => {
      expect(added(before, after).map((c) => [c.externalId, c.name, c.phone])).toEqual([['C101', '王芳', '13800138000'], ['C102', '李娜', '13900139000']]);
      expect(a.outcome.report).toMatchObject({ customersAdded: 2, customersUnchanged: 0 });
    },
  },
  { file: 'excel-damaged-phones.csv', writes: customers(6) },
  {
    file: 'excel-damaged-card-numbers.csv',
    // The damaged card number '6.22848E+15' is neither stored nor matched on: 王芳, 李娜 and 刘洋 are
    // added by phone, 张伟 (nothing left to key on) by name alone.
    writes: customers(4),
    check: (_, before, after) => {
      expect(added(before, after).map((c) => [c.name, c.phone])).toEqual([['王芳', '13800138000'], ['李娜', '13900139000'], ['张伟', undefined], ['刘洋', '13600136000']]);
      expect(after.customers.filter((c) => c.cardNo === '6.22848E+15')).toEqual([]);
    },
  },
  {
    file: 'total-row-at-bottom.csv',
    writes: lines(3, 3),
    check: (_, before, after) => expect(after.counts.revenue - before.counts.revenue).toBe(89_900 + 65_800 + 189_900),
  },
  {
    file: 'subtotal-rows-with-dates.csv',
    // The two 小计 rows are totals, not walk-in sales: revenue grows by 3,456.00, not 6,912.00.
    writes: lines(3, 3),
    check: (_, before, after) => expect(after.counts.revenue - before.counts.revenue).toBe(345_600),
  },
  {
    file: 'summary-word-in-name.csv',
    // 'Sum Wing Kei' and 'Total Beauty Salon' are customers, not total rows.
    writes: customers(3),
  },
  // File shapes (issue 15 §1, issue 16 "Structure").
  { file: 'blank-separated-no-header.txt', writes: lines(4, 3) },
  { file: 'tab-and-space-runs.txt', writes: lines(3, 2) },
  {
    file: 'fixed-width-report.txt',
    writes: customers(3),
    check: (_, before, after) => expect(added(before, after).map((c) => [c.name, c.region ?? null])).toEqual([['Wang Fang', 'Guangzhou'], ['Li Na', null], ['Zhang Wei', 'Shenzhen']]),
  },
  { file: 'no-header-purchases.csv', writes: lines(3, 2) },
  // 李娜 has only the second 手机, which is not mapped by default: filed by name and reported (customer.keyless).
  { file: 'duplicate-headers.csv', writes: customers(2) },
  {
    file: 'markdown-table.txt',
    writes: customers(2),
    check: (_, before, after) => expect(added(before, after).map((c) => c.name)).toEqual(['王芳', '李娜']),
  },
  { file: 'line-endings-mixed.csv', writes: lines(4, 4) },
  {
    file: 'nul-byte-in-row.csv',
    writes: customers(4),
    check: (_, before, after) => expect(added(before, after).map((c) => c.name)).toEqual(['王芳', '张伟', '陈静', '刘洋']),
  },
  ...['html-table-as-xls.xls', 'html-table-as-csv.csv', 'excel-2003-xml-as-xls.xls'].map((file) => ({ file, writes: nothing })),
  { file: 'english-headers.csv', writes: customers(2) },
  { file: 'compact-dates.csv', writes: lines(2, 2) },
  // The ambiguous birthdays are left out (warnings) until an order is chosen; the customers are written.
  { file: 'ambiguous-birthdays.csv', writes: customers(2) },

  // Issue 16. Refused: no encoding reads them, binary, too wide, zip bombs.
  ...['undecodable-high-bytes.csv', 'control-chars-no-nul.csv', 'header-600-columns.csv', 'xlsx-zip-bomb-declared.xlsx', 'xlsx-zip-ratio.xlsx', 'xlsx-zip-size-lies.xlsx'].map((file) => ({ file, writes: nothing })),
  {
    file: 'gbk-and-big5-joined.csv',
    bug: 'stored as Big5: 王芳 and 李娜 become 卼滂 and 燠饑',
    writes: nothing,
  },
  // Encodings read right: the names stored as written.
  ...(
    [
      ['big5-customers.csv', ['陳美玲', '黃志強', '張家豪']],
      ['shift-jis-customers.csv', ['田中太郎', '佐藤花子', 'すずき　いちろう']],
      ['windows-1252-accents.csv', ['José Müller', 'Françoise Dupré', 'Zoë O\u2019Brien']],
      ['utf16le-no-bom-chinese.txt', ['陈美玲', '欧阳娜娜', '司马相如']],
      ['utf16be-no-bom.txt', ['王芳', '李娜']],
    ] as const
  ).map(([file, names]): DataCase => ({ file, writes: customers(names.length), check: (_, before, after) => expect(added(before, after).map((c) => c.name)).toEqual(names) })),
  { file: 'gbk-one-name-in-ascii.csv', writes: customers(41) },
  { file: 'gbk-rare-name-characters.csv', writes: customers(6) },
  {
    file: 'field-over-1000-chars.csv',
    // The 1,001- and 1,700-character names are not stored; the 1,000-character note is.
    writes: customers(2),
    check: (_, before, after) => expect(added(before, after).map((c) => [c.name, c.notes?.length])).toEqual([['王芳', 1000], ['张伟', undefined]]),
  },
  {
    file: 'xlsx-card-numbers-16-digits.xlsx',
    // No card number that lost digits is stored or matched: 王芳 by phone, 刘洋 with her text card, 李娜 and 张伟 by name.
    writes: customers(4),
    check: (_, before, after) => {
      expect(added(before, after).map((c) => [c.name, c.phone, c.cardNo])).toEqual([['王芳', '13800138000', undefined], ['李娜', undefined, undefined], ['张伟', undefined, undefined], ['刘洋', '13600136000', 'VIP531']]);
      expect(after.customers.filter((c) => c.cardNo?.startsWith('6.22848') || c.cardNo?.startsWith('622848'))).toEqual([]);
    },
  },
  {
    file: 'future-purchase-dates.csv',
    // Both valid lines are stored; the one dated 2099 is excluded by default (the user may keep it).
    writes: lines(2, 2),
    check: (a) => expect(a.plan.counts.linesExcluded).toBe(1),
  },
  {
    file: 'future-birthday.csv',
    writes: customers(3),
    check: (_, before, after) => expect(added(before, after).map((c) => c.birthday ?? null)).toEqual(['1985-03-05', null, null]),
  },
  { file: 'huge-amount.csv', writes: lines(4, 3) },
  { file: 'huge-quantity.csv', writes: lines(2, 2) },
  { file: 'quantity-times-price-infinity.csv', writes: lines(2, 2) },
  { file: 'amount-beyond-safe-integer.csv', writes: lines(1, 1) },
  {
    file: 'repeated-line-1000-times.csv',
    // Suspected duplicates are kept by default (two equal lines can be two sales) and reported.
    writes: lines(1002, 3),
    check: (a) => expect(a.plan.counts.linesExcluded).toBe(0),
  },
  {
    file: 'rlo-in-names.csv',
    writes: customers(3),
    check: (_, before, after) => expect(added(before, after).map((c) => c.name)).toEqual(['王芳', '李娜', '张伟']),
  },
  {
    file: 'zero-width-in-names.csv',
    writes: customers(3),
    check: (_, before, after) => expect(added(before, after).map((c) => [c.name, c.cardNo])).toEqual([['王芳', 'VIP541'], ['李娜', 'VIP542'], ['张伟', 'VIP543']]),
  },
  {
    file: 'lookalike-twins.csv',
    // Stored as two customers (two phones) with one clean name and one birthday: the duplicate
    // check then links them (similarNameSameBirthday), which it could not with the hidden character.
    writes: customers(4),
    check: (_, before, after) => {
      const twins = added(before, after).filter((c) => c.name === '王芳');
      expect(twins.map((c) => [c.phone, c.birthday])).toEqual([['13800138000', '1985-03-05'], ['13900139000', '1985-03-05']]);
      expect(findDuplicates(twins)).toEqual([{ ids: twins.map((c) => c.id), reasons: ['similarNameSameBirthday'] }]);
    },
  },
  { file: 'concatenated-exports.csv', writes: lines(3, 3) },
  {
    file: 'sales-row-without-phone.csv',
    // 李娜 has no phone on either of her rows: one customer filed by name, with her birthday, and
    // both her lines (158.00 and 42.00) linked to her; none left without a customer.
    writes: { customers: 3, lines: 4 },
    check: (a, before, after) => {
      const fresh = added(before, after);
      expect(fresh.map((c) => [c.name, c.phone, c.birthday])).toEqual([['王芳', '13800138000', '1985-03-05'], ['李娜', undefined, '1990-07-12'], ['张伟', '13700137000', '1978-11-30']]);
      const lines = batchLines(after, a.outcome.batchId);
      expect(lines.customerId).toEqual([fresh[0]!.id, fresh[1]!.id, fresh[2]!.id, fresh[1]!.id]);
      expect(a.outcome.report).toMatchObject({ keyless: 'create', customersKeyless: 1 });
    },
  },
  {
    file: 'purchases-unknown-customer-ids.csv',
    // Ids 00001–00003 are no stored customer's: one customer each (the id as 客户编号), all 5 lines theirs.
    writes: lines(5, 3),
    check: (a, before, after) => {
      const fresh = added(before, after);
      expect(fresh.map((c) => [c.externalId, c.name])).toEqual([['00001', ''], ['00002', ''], ['00003', '']]);
      const [c1, c2, c3] = fresh.map((c) => c.id);
      expect(batchLines(after, a.outcome.batchId).customerId).toEqual([c1, c2, c2, c3, c1]);
      expect(a.outcome.report.unknownRefs).toEqual({ lines: 5, refs: 3, choice: 'create', customersAdded: 3 });
    },
  },
];

describe('importing bad files into a store that holds data', () => {
  it('covers every file in the corpus', () => {
    expect(cases.map((c) => c.file).sort()).toEqual(readdirSync(DIR).filter((f) => f !== 'README.md').sort());
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s: what was stored stays, only valid rows are added', async (_, c) => {
    const db = await demoDb();
    const before = await snapshot(db);
    expect(before.counts.customers).toBeGreaterThan(0);
    expect(before.counts.lines).toBeGreaterThan(0);
    const a = await attemptImport(db, c.file);
    const after = await snapshot(db);
    if (!a.written) {
      expect(after).toEqual(before);
      if (!c.bug) expect(c.writes).toBe('nothing');
      return;
    }
    expectPriorDataUnchanged(before, after);

    // One new batch holding exactly the lines the file reading accepted (a line per valid purchase row).
    const newBatches = after.batches.filter((b) => !before.batches.some((old) => old.id === b.id));
    expect(newBatches.map((b) => b.id)).toEqual([a.outcome.batchId]);
    expect(a.plan.counts.linesAlreadyStored).toBe(0);
    const source = a.converted.lines;
    const stored = batchLines(after, a.outcome.batchId);
    expect(stored.day).toEqual(source ? Array.from(source.day) : []);
    expect(stored.amount).toEqual(source ? Array.from(source.amount) : []);
    expect(stored.quantity).toEqual(source ? Array.from(source.quantity) : []);
    if (a.converted.kind === 'purchases') expect(stored.day.length).toBe(a.preview.rowsValid);

    // New customers: exactly those the file reading accepted, then one per customer id (phone) the
    // lines name that neither the store nor the file had (the default: create them).
    const fresh = added(before, after);
    if (!c.mergesRows) expect(fresh.map(withoutStamps)).toEqual([...a.converted.customers.map((x) => ({ ...x.values, name: x.values.name ?? '' })), ...unknownRefCustomers(before, a.converted)]);
    // Stored lines: those counted plus those excluded at import (counted apart).
    const storedLines = (c: typeof after.counts) => c.lines + c.linesExcluded;
    expect({ ...after.counts, stored: storedLines(after.counts) }).toMatchObject({ customers: before.counts.customers + fresh.length, stored: storedLines(before.counts) + stored.day.length, products: before.counts.products });
    expect(a.outcome.report).toMatchObject({ rowsRead: a.preview.rowsRead, rowsValid: a.preview.rowsValid, customersAdded: fresh.length, customersUpdated: 0, linesAdded: stored.day.length });

    if (!c.bug) {
      expect({ customers: fresh.length, lines: stored.day.length }).toEqual(c.writes);
      c.check?.(a, before, after);
    }
  });

  it.fails.each(cases.filter((c) => c.bug).map((c) => [c.file, c] as const))('%s: the right outcome (known bug)', async (_, c) => {
    const db = await demoDb();
    const before = await snapshot(db);
    const a = await attemptImport(db, c.file);
    const after = await snapshot(db);
    if (c.writes === 'nothing') {
      expect(a.written).toBe(false);
      expect(after).toEqual(before);
      return;
    }
    expect(a.written).toBe(true);
    if (!a.written) return;
    expectPriorDataUnchanged(before, after);
    expect({ customers: added(before, after).length, lines: batchLines(after, a.outcome.batchId).day.length }).toEqual(c.writes);
    c.check?.(a, before, after);
  });
});
