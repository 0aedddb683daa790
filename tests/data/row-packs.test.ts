/**
 * Rows stored packed (data/row-packs): the tier states and the tier log. Whatever the packing, the
 * rows read back are the rows written, in id order, and a failed transaction leaves nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { appendRows, eachRowPack, getRows, putRows, readAllRows, replaceRows, rowsMeta, ROW_PACK_SIZE, type PackTable } from '../../src/data/row-packs';
import { freshDb } from './helpers';
import type { TierState } from '../../src/lib/tiers';

const state = (id: number, tier: 'A' | 'B' | 'C' = 'A'): TierState => ({ id, tier, churned: false });

describe('rows stored packed', () => {
  it('puts, replaces and deletes rows by id across packs, keeping the count', async () => {
    const db = freshDb();
    const t = db.tierStatePacks;
    // Ids in three packs, given out of order; id 5 twice (the last wins, as a bulkPut).
    await putRows(t, [state(ROW_PACK_SIZE * 2 + 1), state(5, 'B'), state(1), state(ROW_PACK_SIZE), state(5, 'C')]);
    expect((await readAllRows(t)).map((s) => [s.id, s.tier])).toEqual([[1, 'A'], [5, 'C'], [ROW_PACK_SIZE, 'A'], [ROW_PACK_SIZE * 2 + 1, 'A']]);
    expect(await t.where('id').aboveOrEqual(0).primaryKeys()).toEqual([0, 1, 2]);
    expect((await rowsMeta(t)).count).toBe(4);

    // Replace one, add one, delete two (one of them the only row of its pack) and one never stored.
    await putRows(t, [state(1, 'B'), state(7)], [ROW_PACK_SIZE, 5, 99]);
    expect((await readAllRows(t)).map((s) => [s.id, s.tier])).toEqual([[1, 'B'], [7, 'A'], [ROW_PACK_SIZE * 2 + 1, 'A']]);
    expect(await t.where('id').aboveOrEqual(0).primaryKeys()).toEqual([0, 2]);
    expect((await rowsMeta(t)).count).toBe(3);
    expect(await getRows(t, [7, 2, ROW_PACK_SIZE * 2 + 1])).toEqual([state(7), undefined, state(ROW_PACK_SIZE * 2 + 1)]);
  });

  it('gives every write a new stamp, and a read none', async () => {
    const db = freshDb();
    const t = db.tierStatePacks;
    expect((await rowsMeta(t)).stamp).toBe('');
    const stamps = new Set<string>();
    for (const write of [() => putRows(t, [state(1)]), () => putRows(t, [state(1, 'B')]), () => putRows(t, [], [1]), () => appendRows(t, [{ tier: 'A', churned: false }])]) {
      await write();
      const { stamp } = await rowsMeta(t);
      await readAllRows(t);
      expect((await rowsMeta(t)).stamp).toBe(stamp);
      stamps.add(stamp);
    }
    expect(stamps.size).toBe(4);
  });

  it('refuses an id no pack can hold, writing nothing', async () => {
    const db = freshDb();
    for (const id of [0, -1, 1.5, Number.NaN]) expect(() => putRows(db.tierStatePacks, [state(1), state(id)])).toThrow(/not a positive integer/);
    expect(await readAllRows(db.tierStatePacks)).toEqual([]);
  });

  it('appends under the next ids, across a pack boundary, and tells a reader the log grew', async () => {
    const db = freshDb();
    const t = db.tierLogPacks;
    const entry = (day: number) => ({ customerId: 1, from: null, to: 'A' as const, rule: 'points' as const, day, by: 'rule' as const });
    expect(await appendRows(t, [entry(1), entry(2)])).toEqual([1, 2]);
    const before = await rowsMeta(t);
    const ids = await appendRows(t, Array.from({ length: ROW_PACK_SIZE }, (_, i) => entry(10 + i)));
    expect(ids[0]).toBe(3);
    expect(ids.at(-1)).toBe(ROW_PACK_SIZE + 2);
    expect(await rowsMeta(t)).toMatchObject({ next: ROW_PACK_SIZE + 3, count: ROW_PACK_SIZE + 2 });
    expect((await rowsMeta(t)).next).not.toBe(before.next);
    const all = await readAllRows(t);
    expect(all.map((r) => r.id)).toEqual(Array.from({ length: ROW_PACK_SIZE + 2 }, (_, i) => i + 1));
    expect(all.map((r) => r.day).slice(0, 4)).toEqual([1, 2, 10, 11]);
    // Appending with nothing to append changes nothing.
    expect(await appendRows(t, [])).toEqual([]);
    expect((await rowsMeta(t)).next).toBe(ROW_PACK_SIZE + 3);
  });

  it('walks the packs newest first and stops when told', async () => {
    const db = freshDb();
    await putRows(db.tierStatePacks, [state(1), state(2), state(ROW_PACK_SIZE + 1), state(ROW_PACK_SIZE * 3)]);
    const seen: number[][] = [];
    await eachRowPack(db.tierStatePacks, (rows) => void seen.push(rows.map((r) => r.id)), true);
    expect(seen).toEqual([[ROW_PACK_SIZE * 3], [ROW_PACK_SIZE + 1], [1, 2]]);
    const first: number[][] = [];
    await eachRowPack(db.tierStatePacks, (rows) => (first.push(rows.map((r) => r.id)), false));
    expect(first).toEqual([[1, 2]]);
  });

  it('replaces the whole table for a restore, refusing an id given twice', async () => {
    const db = freshDb();
    await putRows(db.tierStatePacks, [state(1), state(9)]);
    await replaceRows(db.tierStatePacks, [state(3), state(2)]);
    expect(await readAllRows(db.tierStatePacks)).toEqual([state(2), state(3)]);
    expect(await rowsMeta(db.tierStatePacks)).toMatchObject({ next: 4, count: 2 });
    expect(() => replaceRows(db.tierStatePacks, [state(2), state(2)])).toThrow(/given twice/);
    expect(await readAllRows(db.tierStatePacks)).toEqual([state(2), state(3)]);
  });

  it('writes inside the caller’s transaction: a failure after it leaves the rows as they were', async () => {
    const db = freshDb();
    const t: PackTable<TierState> = db.tierStatePacks;
    await putRows(t, [state(1)]);
    await expect(
      db.transaction('rw', t, async () => {
        await putRows(t, [state(1, 'C'), state(2)]);
        expect((await readAllRows(t)).length).toBe(2);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await readAllRows(t)).toEqual([state(1)]);
    expect((await rowsMeta(t)).count).toBe(1);
  });
});
