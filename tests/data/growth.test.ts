import { describe, expect, it } from 'vitest';
import { addCustomer } from '../../src/data/customers';
import { adjustGrowthLevel, growthReviewBase, readGrowthLog, saveGrowthReview } from '../../src/data/growth';
import { readTierLog } from '../../src/data/tiers';
import { validateTables } from '../../src/lib/backup/validate';
import { reviewAllGrowth, defaultGrowthScheme } from '../../src/lib/growth';
import { freshDb, customers as customerTable } from './helpers';
import { appendTierLog } from '../../src/data/tiers';
import { readAllRows } from '../../src/data/row-packs';

describe('growth levels in the shared tier log', () => {
  it('stores a review and an adjustment beside A/B/C entries, which the tier screens still read alone', async () => {
    const db = freshDb();
    const id = await addCustomer(db, { name: '王芳', phone: '13800138000' });
    await appendTierLog(db, [{ customerId: id, from: null, to: 'B', rule: 'boughtMoreThanOnce', day: 20_000, by: 'rule' }]);
    const scheme = { ...defaultGrowthScheme, enabled: true };
    const review = reviewAllGrowth(new Map([[id, [{ day: 20_000, fen: 150_000 }]]]), [], null, 20_040, scheme);
    expect((await saveGrowthReview(db, review, null, 20_040)).ok).toBe(true);
    expect(await saveGrowthReview(db, review, null, 20_040)).toEqual({ ok: false, error: { code: 'growth.stateChanged' } }); // based on a stale review
    await adjustGrowthLevel(db, id, 3, true, '老顾客', 20_041);

    expect((await growthReviewBase(db)).lastReview).toBe(20_040);
    expect((await readGrowthLog(db)).map((e) => [e.from, e.to, e.by])).toEqual([
      [null, '银卡', 'rule'], // ¥1,500 → 1,500 growth
      ['银卡', '钻石卡', 'hand'],
    ]);
    expect((await readTierLog(db)).map((e) => e.to)).toEqual(['B']);
    // A backup of both kinds of rows passes the restore checks.
    const tables = { customers: await customerTable(db).toArray(), tierLog: await readAllRows(db.tierLogPacks), growthStates: await db.growthStates.toArray() };
    expect(validateTables(tables as never).ok).toBe(true);
    expect(validateTables({ ...tables, tierLog: [{ ...tables.tierLog[1], rule: 'inactive6m' }] } as never).ok).toBe(false);
  });
});
