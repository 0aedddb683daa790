import { describe, expect, it } from 'vitest';
import { getGradeCuts, gradeLogFor, gradeMap, readGradeLog, saveGradeCuts, saveRegrade } from '../../src/data/grades';
import { addCampaign, addSegment, deleteSegment, readCampaigns, readSegments } from '../../src/data/needs';
import { validateTables } from '../../src/lib/backup/validate';
import { defaultGradeCuts, regrade } from '../../src/lib/grades';
import { courseExampleCampaign } from '../../src/lib/needs/campaign';
import { emptySegment } from '../../src/lib/needs/segment';
import { backupTables, freshDb } from './helpers';

const facts = (amounts: number[]) => ({
  ids: Int32Array.from(amounts.map((_, i) => i + 1)),
  amount: Float64Array.from(amounts),
  orders: Int32Array.from(amounts.map(() => 3)),
  premiumAmount: Float64Array.from(amounts.map(() => 0)),
});

describe('grade storage', () => {
  it('keeps cut points, states and a log of every change, and backs them up', async () => {
    const db = freshDb();
    expect(await getGradeCuts(db)).toEqual(defaultGradeCuts);
    await saveGradeCuts(db, { ...defaultGradeCuts, ordersMid: 2 });
    expect((await getGradeCuts(db)).ordersMid).toBe(2);
    await saveGradeCuts(db, defaultGradeCuts);

    // Customer 1 spends ¥10,000 (2 + 1 points: medium), customer 2 ¥100 (1 point: low).
    await saveRegrade(db, regrade(facts([1_000_000, 10_000]), [], defaultGradeCuts, '2026-11-01T00:00:00.000Z', '李店长'));
    // Then customer 2 reaches ¥3,000 (1 + 1 = medium); customer 1 is unchanged.
    const states = await db.gradeStates.toArray();
    await saveRegrade(db, regrade(facts([1_000_000, 300_000]), states, defaultGradeCuts, '2026-11-23T00:00:00.000Z', '小王'));
    expect(await gradeMap(db)).toEqual(new Map([[1, 'medium'], [2, 'medium']]));
    expect((await readGradeLog(db)).map((r) => [r.customerId, r.from, r.to, r.by])).toEqual([
      [2, 'low', 'medium', '小王'],
      [2, null, 'low', '李店长'],
      [1, null, 'medium', '李店长'],
    ]);
    expect((await gradeLogFor(db, 2)).map((r) => r.to)).toEqual(['medium', 'low']);
    expect(await readGradeLog(db, 1)).toHaveLength(1);

    const tables = await backupTables(db);
    expect(validateTables(tables).ok).toBe(true);
    expect(validateTables({ ...tables, gradeLog: [{ id: 1, customerId: 1, from: 'A', to: 'high', points: 5, at: 'x', by: 'y' }] })).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'gradeLog', row: 1, problem: 'badField', field: 'from' } });
  });
});

describe('needs storage', () => {
  it('keeps segments by priority and unlinks a deleted segment’s campaigns', async () => {
    const db = freshDb();
    const b = await addSegment(db, { ...emptySegment(2), name: 'B组' });
    const a = await addSegment(db, { ...emptySegment(1), name: 'A组', rule: { match: 'all', conditions: [{ field: 'gender', op: 'eq', value: 'M' }] } });
    expect((await readSegments(db)).map((s) => s.name)).toEqual(['A组', 'B组']);
    await addCampaign(db, courseExampleCampaign(2026, a, '六一家庭活动'));
    await addCampaign(db, { ...courseExampleCampaign(2026, b, '七夕'), date: '2026-08-19' });
    expect((await readCampaigns(db)).map((c) => c.name)).toEqual(['七夕', '六一家庭活动']);

    const tables = await backupTables(db);
    expect(validateTables(tables).ok).toBe(true);
    expect(validateTables({ ...tables, campaigns: [{ ...tables.campaigns![0] as object, bought: 31 }] })).toMatchObject({ ok: false, error: { table: 'campaigns', field: 'bought' } });

    await deleteSegment(db, a);
    expect((await readCampaigns(db)).map((c) => [c.name, c.segmentId])).toEqual([['七夕', b], ['六一家庭活动', null]]);
  });
});
