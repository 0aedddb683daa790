import { describe, expect, it } from 'vitest';
import { addCustomer, findCustomers, mergeCustomersInDb, readCustomersPaged, updateCustomer } from '../../src/data/customers';
import { replaceWithDemoStore, storeCounts } from '../../src/data/store';
import { customerStats, statsIndex } from '../../src/lib/customers/stats';
import { freshDb, smallDemo, customers as customerTable } from './helpers';

describe('customers by hand', () => {
  it('adds and updates, keeping the creation time and the shop id', async () => {
    const db = freshDb();
    const id = await addCustomer(db, { name: '王芳', phone: '13800138000' }, new Date('2026-01-01T00:00:00Z'));
    await customerTable(db).update(id, { externalId: 'C-9' });
    await updateCustomer(db, id, { name: '王芳', size: 'M' }, new Date('2026-02-01T00:00:00Z'));
    expect(await customerTable(db).get(id)).toEqual({ id, name: '王芳', size: 'M', externalId: 'C-9', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' });
  });

  it('keeps tags given from lists when the form is saved', async () => {
    const db = freshDb();
    const id = await addCustomer(db, { name: '李娜' });
    await customerTable(db).update(id, { tags: ['t1'] });
    await updateCustomer(db, id, { name: '李娜', size: 'S' });
    expect((await customerTable(db).get(id))?.tags).toEqual(['t1']);
  });
});

describe('merging duplicates', () => {
  it('moves the other record’s purchases to the kept one and deletes the other', async () => {
    const db = freshDb();
    const demo = smallDemo();
    await replaceWithDemoStore(db, demo);
    // The demo plants copies of people: same phone and birthday, a higher id.
    const copy = demo.customers.find((c) => c.id > 150 && c.phone)!;
    const original = demo.customers.find((c) => c.id <= 150 && c.phone === copy.phone)!;
    const chunks = () => db.purchaseChunks.toArray().then((all) => all.map((c) => c.columns));
    const before = customerStats(await chunks());
    const spend = (s: typeof before, id: number) => (statsIndex(s, id) >= 0 ? s.amount[statsIndex(s, id)]! : 0);
    const counts = await storeCounts(db);

    const r = await mergeCustomersInDb(db, original.id, copy.id);
    expect(r.merged.id).toBe(original.id);
    expect(await customerTable(db).get(copy.id)).toBeUndefined();
    const after = customerStats(await chunks());
    expect(spend(after, original.id)).toBe(spend(before, original.id) + spend(before, copy.id));
    expect(statsIndex(after, copy.id)).toBe(-1);
    expect(await storeCounts(db)).toEqual({ ...counts, customers: counts.customers - 1 });
  });

  it('refuses to merge a customer that is gone, changing nothing', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    const before = await storeCounts(db);
    await expect(mergeCustomersInDb(db, 1, 99_999)).rejects.toThrow(/gone/);
    expect(await storeCounts(db)).toEqual(before);
  });
});

describe('finding customers for a picker', () => {
  it('finds by number, then name, phone, card no. and shop id prefixes, each once, up to the limit', async () => {
    const db = freshDb();
    const wang = await addCustomer(db, { name: '王芳', phone: '13800138000', cardNo: 'VIP100' });
    const wang2 = await addCustomer(db, { name: '王丽', phone: '13912345678' });
    const li = await addCustomer(db, { name: '李娜', cardNo: 'VIP200' });
    const zhao = await addCustomer(db, { name: '赵敏' });
    await customerTable(db).update(zhao, { externalId: 'C-17' });
    const ids = async (text: string, limit?: number) => (await findCustomers(db, text, limit)).map((c) => c.id);
    expect(await ids('王')).toEqual([wang2, wang]); // in the name index's order: 丽 U+4E3D before 芳 U+82B3
    expect(await ids('王', 1)).toEqual([wang2]);
    expect(await ids('王丽')).toEqual([wang2]);
    expect(await ids('1380')).toEqual([wang]); // a phone prefix
    expect(await ids('VIP')).toEqual([wang, li]); // card nos.
    expect(await ids('C-1')).toEqual([zhao]); // the shop's id
    expect(await ids(`#${li}`)).toEqual([li]); // Keqing's number
    expect(await ids('  ')).toEqual([]);
    expect(await ids('张')).toEqual([]);
  });
});

describe('reading the customer file in pages', () => {
  it('reads every page, or stops after the page being read once the signal is aborted', async () => {
    const db = freshDb();
    for (let i = 0; i < 7; i++) await addCustomer(db, { name: `客户${i}` });
    const firsts: number[] = [];
    const counts: number[] = [];
    const all = await readCustomersPaged(db, (page) => firsts.push(page.length), 3, undefined, (n) => counts.push(n));
    expect(all.map((c) => c.name)).toEqual(['客户0', '客户1', '客户2', '客户3', '客户4', '客户5', '客户6']);
    expect(firsts).toEqual([3]);
    expect(counts).toEqual([7]); // one pack holds them all: one count after it
    const left = new AbortController();
    const part = await readCustomersPaged(db, () => left.abort(), 3, left.signal);
    expect(part).toHaveLength(3); // the first page, then no more
  });
});
