import { describe, expect, it } from 'vitest';
import { exportBackup, restoreRows } from '../../src/data/backup';
import { getTierParams, saveTierParams } from '../../src/data/settings';
import { clearAllData, replaceWithDemoStore } from '../../src/data/store';
import {
  overrideTier,
  readTierLog,
  readTierStates,
  removeTierOverride,
  restoreChurnedCustomer,
  saveTierReview,
  overviewOf,
  tierReviewBase,
} from '../../src/data/tiers';
import { readBackup } from '../../src/lib/backup/read';
import { validateTables } from '../../src/lib/backup/validate';
import { dayFromYmd } from '../../src/lib/dates';
import { packLines } from '../../src/lib/purchases/columns';
import { defaultTierParams, reviewFromLines } from '../../src/lib/tiers';
import { freshDb, smallDemo, customers as customerTable } from './helpers';

/** The counts and last review as the engine's tierOverview gives them for the stored states. */
const tierOverview = async (db: Parameters<typeof readTierStates>[0]) => overviewOf(await readTierStates(db));

const review = dayFromYmd(2024, 3, 2);
// 1: ¥60 → 60 points (A); 2: last bought 426 days before (churned); 3: bought twice (B).
const lines = packLines([
  { customerId: 1, day: dayFromYmd(2024, 1, 1), amount: 6_000, quantity: 1, orderNo: 'S1' },
  { customerId: 2, day: dayFromYmd(2023, 1, 1), amount: 1_000, quantity: 1, orderNo: 'S2' },
  { customerId: 3, day: dayFromYmd(2024, 2, 1), amount: 1_000, quantity: 1, orderNo: 'S3' },
  { customerId: 3, day: dayFromYmd(2024, 2, 2), amount: 1_000, quantity: 1, orderNo: 'S4' },
]);

const at = '2024-01-01T00:00:00.000Z';
async function filedDb() {
  const db = freshDb();
  await customerTable(db).bulkAdd(['王芳', '李娜', '张伟'].map((name, i) => ({ id: i + 1, name, createdAt: at, updatedAt: at })));
  return db;
}

async function reviewed() {
  const db = await filedDb();
  const base = await tierReviewBase(db);
  const result = reviewFromLines([lines], base.states, review, defaultTierParams);
  expect(await saveTierReview(db, result, base)).toEqual({ ok: true, value: undefined });
  return db;
}

describe('stored tiers', () => {
  it('stores a review’s state and log together and reads them back', async () => {
    const db = await reviewed();
    expect(await readTierStates(db)).toEqual([
      { id: 1, tier: 'A', churned: false, reviewedAt: review },
      { id: 2, tier: 'C', churned: true, reviewedAt: review },
      { id: 3, tier: 'B', churned: false, reviewedAt: review },
    ]);
    expect((await readTierLog(db)).map((e) => [e.id, e.customerId, e.from, e.to, e.rule])).toEqual([
      [1, 1, null, 'A', 'points'],
      [2, 2, null, 'C', 'boughtOnce'],
      [3, 2, 'C', 'C', 'churn12m'],
      [4, 3, null, 'B', 'boughtMoreThanOnce'],
    ]);
    expect(await tierOverview(db)).toEqual({ counts: { A: 1, B: 1, C: 0, churned: 1, overridden: 0 }, lastReview: review });
  });

  it('writes nothing when the log cannot be written (all or nothing)', async () => {
    const db = await filedDb();
    const base = await tierReviewBase(db);
    const result = reviewFromLines([lines], base.states, review, defaultTierParams);
    // The log is written after the states, in the same transaction: the states must go back too.
    const real = db.tierLogPacks.put.bind(db.tierLogPacks);
    db.tierLogPacks.put = (() => Promise.reject(new DOMException('disk full', 'QuotaExceededError'))) as unknown as typeof real;
    await expect(saveTierReview(db, result, base)).rejects.toThrow();
    db.tierLogPacks.put = real;
    expect(await readTierStates(db)).toEqual([]);
    expect(await readTierLog(db)).toEqual([]);
  });

  it('drops customers no longer in the file at the next review, keeping their log', async () => {
    const db = await reviewed();
    await customerTable(db).delete(3); // merged into another customer as a duplicate
    const base = await tierReviewBase(db);
    const next = reviewFromLines([lines], base.states, review + 1, defaultTierParams);
    expect(await saveTierReview(db, next, base)).toEqual({ ok: true, value: undefined });
    expect((await readTierStates(db)).map((s) => s.id)).toEqual([1, 2]);
    expect((await readTierLog(db)).filter((e) => e.customerId === 3)).toHaveLength(1);
  });

  it('refuses to store a review computed before another change landed', async () => {
    const db = await reviewed();
    const base = await tierReviewBase(db);
    const later = reviewFromLines([lines], base.states, review + 200, defaultTierParams);
    await overrideTier(db, 3, 'A', '大客户', review + 1); // lands while the review runs
    expect(await saveTierReview(db, later, base)).toEqual({ ok: false, error: { code: 'tiers.stateChanged' } });
    expect((await readTierStates(db)).find((s) => s.id === 3)).toMatchObject({ tier: 'A', reviewedAt: review });
  });

  it('overrides a tier with a reason, logged by hand, and removes it', async () => {
    const db = await reviewed();
    expect(await overrideTier(db, 3, 'A', '  ', review)).toEqual({ ok: false, error: { code: 'tiers.reasonRequired' } });
    expect(await overrideTier(db, 99, 'A', '朋友', review)).toEqual({ ok: false, error: { code: 'tiers.unknownCustomer', id: 99 } });
    expect(await overrideTier(db, 3, 'A', ' 总经理指定 ', review + 1)).toEqual({ ok: true, value: undefined });
    expect((await readTierStates(db))[2]).toEqual({ id: 3, tier: 'A', churned: false, reviewedAt: review, override: { tier: 'A', reason: '总经理指定' }, beforeOverride: 'B' });
    expect((await readTierLog(db)).at(-1)).toEqual({ id: 5, customerId: 3, from: 'B', to: 'A', rule: 'manual', day: review + 1, by: 'hand', reason: '总经理指定' });
    expect((await tierOverview(db)).counts).toMatchObject({ A: 2, B: 0, overridden: 1 });

    // Removed: back to the tier held before (B), logged by hand too.
    await removeTierOverride(db, 3, review + 2);
    expect((await readTierStates(db))[2]).toEqual({ id: 3, tier: 'B', churned: false, reviewedAt: review });
    expect((await readTierLog(db)).at(-1)).toMatchObject({ customerId: 3, from: 'A', to: 'B', rule: 'manual', by: 'hand' });
    // The churned list is read-only.
    expect(await overrideTier(db, 2, 'A', '老朋友', review)).toEqual({ ok: false, error: { code: 'tiers.isChurned', id: 2 } });
  });

  it('restores a churned customer, logged as restore', async () => {
    const db = await reviewed();
    expect(await restoreChurnedCustomer(db, 1, review + 3)).toEqual({ ok: false, error: { code: 'tiers.notChurned', id: 1 } });
    expect(await restoreChurnedCustomer(db, 2, review + 3)).toEqual({ ok: true, value: undefined });
    expect((await readTierStates(db))[1]).toEqual({ id: 2, tier: 'C', churned: false, reviewedAt: review, restoredAt: review + 3 });
    expect((await readTierLog(db)).at(-1)).toMatchObject({ customerId: 2, from: 'C', to: 'C', rule: 'restore', by: 'hand' });
    expect((await tierOverview(db)).counts).toMatchObject({ C: 1, churned: 0 });
  });

  it('is emptied with the rest of the data, and by loading the demo store', async () => {
    const db = await reviewed();
    await clearAllData(db);
    expect(await db.tierStatePacks.count()).toBe(0);
    expect(await db.tierLogPacks.count()).toBe(0);
    const again = await reviewed();
    await replaceWithDemoStore(again, smallDemo());
    expect(await readTierStates(again)).toEqual([]);
    expect(await readTierLog(again)).toEqual([]);
  });

  it('travels in the backup, and a bad tier row is refused', async () => {
    const db = await reviewed();
    await overrideTier(db, 1, 'B', '换季', review);
    const read = await readBackup(await exportBackup(db));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const target = freshDb();
    await restoreRows(target, read.value.rows);
    expect(await readTierStates(target)).toEqual(await readTierStates(db));
    expect(await readTierLog(target)).toEqual(await readTierLog(db));

    const tables = { tierStates: [{ id: 1, tier: 'D', churned: false }] };
    expect(validateTables(tables)).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'tierStates', row: 1, problem: 'badField', field: 'tier' } });
    const log = { tierLog: [{ id: 1, customerId: 1, from: null, to: 'A', rule: 'whim', day: 1, by: 'rule' }] };
    expect(validateTables(log)).toMatchObject({ ok: false, error: { table: 'tierLog', field: 'rule' } });
    // A backup from before the tiers restores with none.
    expect(validateTables({ customers: [] })).toMatchObject({ ok: true, value: { tierStates: [], tierLog: [] } });
  });

  it('keeps the tier settings, falling back to the defaults', async () => {
    const db = freshDb();
    expect(await getTierParams(db)).toEqual(defaultTierParams);
    await saveTierParams(db, { ...defaultTierParams, pointsPerYuan: 0.5, pointsForA: 200 });
    expect(await getTierParams(db)).toEqual({ ...defaultTierParams, pointsPerYuan: 0.5, pointsForA: 200 });
    await db.settings.put({ key: 'tierParams', value: { pointsForA: 80 } }); // saved by an older version
    expect(await getTierParams(db)).toEqual({ ...defaultTierParams, pointsForA: 80 });
  });
});
