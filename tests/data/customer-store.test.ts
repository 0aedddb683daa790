import { describe, expect, it } from 'vitest';
import {
  addCustomers,
  countCustomers,
  countCustomersWhere,
  customerCounts,
  customerIds,
  customersByPrefix,
  customersStamp,
  customersWhere,
  deleteCustomers,
  getCustomer,
  getCustomers,
  lastCustomerId,
  PACK_SIZE,
  packOf,
  putCustomers,
  replaceAllCustomers,
  scanCustomers,
  storedProspects,
  updateCustomers,
} from '../../src/data/customer-store';
import { readCustomersPaged } from '../../src/data/customers';
import type { Customer } from '../../src/lib/customers/customer';
import { restoreRows } from '../../src/data/backup';
import type { StoreRows } from '../../src/lib/store-rows';
import { backupTables, freshDb } from './helpers';

const at = '2026-01-01T00:00:00.000Z';
const person = (id: number, extra: Partial<Customer> = {}): Customer => ({ id, name: `客户${id}`, createdAt: at, updatedAt: at, ...extra });

describe('customer store (packed)', () => {
  it('files ids 2047 and 2048 in two packs and reads both back', async () => {
    const db = freshDb();
    expect([packOf(2047), packOf(2048), packOf(4095), packOf(4096)]).toEqual([0, 1, 1, 2]);
    await addCustomers(db, [person(2047), person(2048)]);
    expect(await db.customerPacks.where('id').aboveOrEqual(0).primaryKeys()).toEqual([0, 1]);
    expect((await getCustomers(db, [2048, 5, 2047])).map((c) => c?.id)).toEqual([2048, undefined, 2047]);
    expect(await countCustomers(db)).toBe(2);
  });

  it('numbers customers without an id from the next one, and a put across two packs changes only those', async () => {
    const db = freshDb();
    const ids = await addCustomers(db, Array.from({ length: PACK_SIZE + 2 }, (_, i) => ({ name: `n${i}`, createdAt: at, updatedAt: at })));
    expect(ids[0]).toBe(1);
    expect(ids.at(-1)).toBe(PACK_SIZE + 2);
    await putCustomers(db, [person(PACK_SIZE - 1, { name: '甲' }), person(PACK_SIZE + 1, { name: '乙' })]);
    const [a, b, c] = await getCustomers(db, [PACK_SIZE - 1, PACK_SIZE + 1, PACK_SIZE]);
    expect([a?.name, b?.name, c?.name]).toEqual(['甲', '乙', `n${PACK_SIZE - 1}`]);
    expect(await countCustomers(db)).toBe(PACK_SIZE + 2);
    expect((await customerIds(db)).slice(-3)).toEqual([PACK_SIZE, PACK_SIZE + 1, PACK_SIZE + 2]);
  });

  it('refuses an id already stored, leaving every pack as it was', async () => {
    const db = freshDb();
    await addCustomers(db, [person(3)]);
    await expect(addCustomers(db, [person(4), person(3, { name: 'dup' })])).rejects.toThrow('customer 3 already exists');
    expect(await customerIds(db)).toEqual([3]);
    expect((await getCustomer(db, 3))?.name).toBe('客户3');
  });

  it('never gives a deleted id again, even the last one', async () => {
    const db = freshDb();
    await addCustomers(db, [person(1), person(2)]);
    await deleteCustomers(db, [2]);
    expect(await lastCustomerId(db)).toBe(2);
    const [id] = await addCustomers(db, [{ name: 'new', createdAt: at, updatedAt: at }]);
    expect(id).toBe(3);
    await deleteCustomers(db, [1, 3]);
    expect(await countCustomers(db)).toBe(0);
    // An emptied pack goes.
    expect(await db.customerPacks.where('id').aboveOrEqual(0).count()).toBe(0);
    expect(await lastCustomerId(db)).toBe(3);
  });

  it('deletes across packs: one left with the rest, one emptied and gone, ids not stored ignored', async () => {
    const db = freshDb();
    await addCustomers(db, [person(1), person(2), person(3), person(PACK_SIZE + 1), person(PACK_SIZE * 3 + 2)]);
    await deleteCustomers(db, [2, PACK_SIZE + 1, 77, PACK_SIZE * 5]);
    expect(await customerIds(db)).toEqual([1, 3, PACK_SIZE * 3 + 2]);
    expect((await db.customerPacks.where('id').aboveOrEqual(0).toArray()).map((p) => [p.id, p.customers.map((c) => c.id)])).toEqual([
      [0, [1, 3]],
      [3, [PACK_SIZE * 3 + 2]],
    ]);
  });

  it('rolls back with the caller’s transaction', async () => {
    const db = freshDb();
    await addCustomers(db, [person(1), person(PACK_SIZE + 5)]);
    const before = await db.customerPacks.toArray();
    await expect(
      db.transaction('rw', db.customerPacks, db.settings, async () => {
        await putCustomers(db, [person(1, { name: 'changed' })]);
        await addCustomers(db, [person(9)]);
        await deleteCustomers(db, [PACK_SIZE + 5]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.customerPacks.toArray()).toEqual(before);
    expect((await getCustomer(db, 1))?.name).toBe('客户1');
    expect(await customerIds(db)).toEqual([1, PACK_SIZE + 5]);
  });

  it('answers the index questions by scanning, and a cached answer follows a write', async () => {
    const db = freshDb();
    await addCustomers(db, [
      person(1, { name: '王芳', phone: '13800000001', ownerId: 'r1' }),
      person(2, { name: '王小二', phone: '13800000002', cardNo: 'V2' }),
      person(PACK_SIZE * 2, { name: '李四', phone: '13800000001', externalId: 'E9', ownerId: 'r1', prospect: { model: 'X1' } }),
      person(PACK_SIZE * 2 + 1, { name: '阿王', phone: '' }),
    ]);
    expect((await customersWhere(db, 'phone', '13800000001')).map((c) => c.id)).toEqual([1, PACK_SIZE * 2]);
    expect(await countCustomersWhere(db, 'ownerId', 'r1')).toBe(2);
    expect(await customerCounts(db)).toEqual({ count: 4, withPhone: 3 });
    expect((await storedProspects(db)).map((c) => c.id)).toEqual([PACK_SIZE * 2]);
    // Ordered as an index was: by value, then id.
    const [names, phones] = await customersByPrefix(db, ['name', 'phone'], '王', 10);
    expect(names!.map((c) => c.name)).toEqual(['王小二', '王芳'].sort());
    expect(phones).toEqual([]);
    const stamp = await customersStamp(db);
    await updateCustomers(db, [2], (c) => ({ ...c, ownerId: 'r1' }));
    expect(await customersStamp(db)).not.toBe(stamp);
    expect(await countCustomersWhere(db, 'ownerId', 'r1')).toBe(3);
  });

  it('keeps the count of customers and of those with a phone through every kind of write, as a scan counts them', async () => {
    const db = freshDb();
    // A seeded pseudo-random run (the same every time): adds, puts, updates, deletes over five packs.
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), Math.floor(seed / 65_536) % n);
    const phone = () => [undefined, '', '13800000000', ' '][rand(4)];
    const withPhone = (id: number) => {
      const p = phone();
      return person(id, p === undefined ? {} : { phone: p });
    };
    const scanned = async () => {
      const all = await scanCustomers(db, () => true);
      return { count: all.length, withPhone: all.filter((c) => typeof c.phone === 'string' && c.phone > '').length };
    };
    expect(await customerCounts(db)).toEqual({ count: 0, withPhone: 0 });
    for (let step = 0; step < 60; step++) {
      const ids = Array.from({ length: 1 + rand(40) }, () => 1 + rand(PACK_SIZE * 5));
      const kind = rand(4);
      if (kind === 0) await addCustomers(db, ids.map(() => ({ name: 'n', ...(rand(2) ? { phone: '139' } : {}), createdAt: at, updatedAt: at })));
      else if (kind === 1) await putCustomers(db, ids.map(withPhone));
      else if (kind === 2) await updateCustomers(db, ids, (c) => (rand(3) === 0 ? null : { ...c, phone: phone() }));
      else await deleteCustomers(db, ids);
      expect(await customerCounts(db), `step ${step}`).toEqual(await scanned());
    }
    // The run reached a file of some size, with and without phones.
    const reached = await customerCounts(db);
    expect(reached.count).toBeGreaterThan(200);
    expect(reached.withPhone).toBeGreaterThan(reached.count / 5);
    expect(reached.withPhone).toBeLessThan(reached.count);
    // A rolled-back write leaves the counts as they were; a whole new file counts afresh.
    const before = await customerCounts(db);
    await expect(
      db.transaction('rw', db.customerPacks, async () => {
        await putCustomers(db, [person(PACK_SIZE * 9, { phone: '13800000009' })]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await customerCounts(db)).toEqual(before);
    await db.transaction('rw', db.customerPacks, () => replaceAllCustomers(db, [person(3, { phone: '1' }), person(PACK_SIZE * 2, { phone: '' }), person(PACK_SIZE * 2 + 1)]));
    expect(await customerCounts(db)).toEqual({ count: 3, withPhone: 1 });
    expect(await scanned()).toEqual({ count: 3, withPhone: 1 });
  }, 30_000);

  it('restores a backup’s customers into packs, numbering the next after the file’s highest id', async () => {
    const source = freshDb();
    await addCustomers(source, [person(4), person(PACK_SIZE + 7, { phone: '13800000007' })]);
    const rows = (await backupTables(source)) as unknown as StoreRows;
    expect(rows.customers.map((c) => c.id)).toEqual([4, PACK_SIZE + 7]);
    const db = freshDb();
    await addCustomers(db, [person(PACK_SIZE * 5)]);
    await restoreRows(db, rows, 'none', []);
    expect(await scanCustomers(db, () => true)).toEqual(rows.customers);
    // Counted as restored, not as the file it replaced (one customer with a phone of two).
    expect(await customerCounts(db)).toEqual({ count: 2, withPhone: 1 });
    expect(await addCustomers(db, [{ name: 'next', createdAt: at, updatedAt: at }])).toEqual([PACK_SIZE + 8]);
  });

  it('hands out copies by id, so editing one does not change the stored or cached record', async () => {
    const db = freshDb();
    await addCustomers(db, [person(1)]);
    const c = (await getCustomer(db, 1))!;
    c.name = 'edited';
    expect((await getCustomer(db, 1))?.name).toBe('客户1');
  });

  it('reads pages in id order across packs and stops after the page being read when aborted', async () => {
    const db = freshDb();
    await addCustomers(db, Array.from({ length: PACK_SIZE * 3 }, (_, i) => person(i + 1)));
    let first: number[] = [];
    const counts: number[] = [];
    const all = await readCustomersPaged(db, (page) => (first = page.map((c) => c.id)), 1_000, undefined, (n) => counts.push(n));
    expect(all.map((c) => c.id)).toEqual(Array.from({ length: PACK_SIZE * 3 }, (_, i) => i + 1));
    // Ids 1…6,144 fall in four packs (pack 0 holds ids 1…2,047): a running count after each.
    expect(counts).toEqual([PACK_SIZE - 1, PACK_SIZE * 2 - 1, PACK_SIZE * 3 - 1, PACK_SIZE * 3]);
    expect(first).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1));
    const stop = new AbortController();
    const part = await readCustomersPaged(db, () => stop.abort(), 1_000, stop.signal);
    expect(part.map((c) => c.id)).toEqual(first);
  }, 30_000);
});
