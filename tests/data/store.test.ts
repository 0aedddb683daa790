import { describe, expect, it } from 'vitest';
import { addPurchaseBatch, CHUNK_LINES, recountOldSummaries } from '../../src/data/purchases';
import { clearAllData, replaceWithDemoStore, storeCounts } from '../../src/data/store';
import { saveStoreProfile } from '../../src/data/settings';
import { LineFlag, lineAt, packLines, summariseColumns } from '../../src/lib/purchases/columns';
import { packBatch } from '../../src/lib/purchases/line-key';
import { freshDb, smallDemo, customers as customerTable } from './helpers';
import { classroomDemo } from '../../src/lib/demo/classroom';
import { demoDefaults } from '../../src/lib/demo/generate';
import { getAutoTags, getTagGroups } from '../../src/data/tags';
import { getTimeSetup, readTimeChunks } from '../../src/data/timeuse';

describe('store data', () => {
  it('loads the demo store and counts it without reading the lines', async () => {
    const db = freshDb();
    const demo = smallDemo();
    await replaceWithDemoStore(db, demo);
    const s = summariseColumns(demo.purchases);
    expect(await storeCounts(db)).toEqual({
      customers: demo.customers.length,
      customersWithoutPhone: demo.customers.filter((c) => !c.phone).length,
      products: demo.products.length,
      lines: demo.purchases.length,
      orders: s.orders,
      revenue: s.amount,
      firstDay: s.firstDay,
      lastDay: s.lastDay,
      linesWithoutCustomer: s.linesWithoutCustomer,
      linesExcluded: 0,
      excludedByMark: { cancellation: 0, returned: 0, nonPositivePrice: 0, noCustomer: 0, nonProduct: 0, futureDate: 0, repeated: 0 },
    });
  });

  it('counts lines excluded at import apart, also in a batch stored before they were counted', async () => {
    const db = freshDb();
    const lines = [
      { day: 10, customerId: 1, amount: 1_000, quantity: 1, orderNo: 'S1' },
      { day: 11, customerId: 0, amount: 2_000, quantity: 1, orderNo: 'S2', flags: LineFlag.noCustomer },
      { day: 12, customerId: 0, amount: 3_000, quantity: 1, orderNo: 'C3', flags: LineFlag.excluded | LineFlag.cancellation | LineFlag.noCustomer },
      { day: 13, customerId: 1, amount: 0, quantity: 1, orderNo: 'S4', flags: LineFlag.excluded | LineFlag.nonPositivePrice },
    ];
    const batchId = await addPurchaseBatch(db, 'import', 'pos.csv', packBatch(packLines(lines)));
    const expected = {
      lines: 2, // 4 stored, 2 excluded
      orders: 2,
      revenue: 3_000, // 1,000 + 2,000: excluded lines left out
      linesWithoutCustomer: 1, // S2; C3 has none either, but it is excluded
      linesExcluded: 2,
      excludedByMark: { cancellation: 1, returned: 0, nonPositivePrice: 1, noCustomer: 1, nonProduct: 0, futureDate: 0, repeated: 0 },
    };
    expect(await storeCounts(db)).toMatchObject(expected);
    // A summary written before excluded lines were counted: the lines are read to count them.
    const batch = (await db.purchaseBatches.get(batchId))!;
    const { excluded: _e, excludedByMark: _m, ...old } = batch.summary;
    await db.purchaseBatches.put({ ...batch, summary: old });
    expect((await db.purchaseBatches.get(batchId))!.summary.excluded).toBeUndefined();
    expect(await storeCounts(db)).toMatchObject(expected);
    // Written back once (the Overview asks on opening): then no line needs reading again.
    expect(await recountOldSummaries(db)).toBe(1);
    expect((await db.purchaseBatches.get(batchId))!.summary).toMatchObject({ excluded: 2, excludedByMark: expected.excludedByMark, orders: 2 });
    expect(await recountOldSummaries(db)).toBe(0);
    expect(await storeCounts(db)).toMatchObject(expected);
  });

  it('stores lines in packed chunks that read back line for line', async () => {
    const db = freshDb();
    const lines = Array.from({ length: CHUNK_LINES + 5 }, (_, i) => ({ day: 19_000 + (i % 30), customerId: (i % 7) + 1, amount: i * 10, quantity: 1, orderNo: `S${i >> 1}` }));
    const batchId = await addPurchaseBatch(db, 'import', 'sales.csv', packBatch(packLines(lines)));
    const chunks = await db.purchaseChunks.where('batchId').equals(batchId).sortBy('id');
    expect(chunks.map((c) => c.columns.length)).toEqual([CHUNK_LINES, 5]);
    const back = chunks.flatMap((c) => Array.from({ length: c.columns.length }, (_, i) => lineAt(c.columns, i)));
    expect(back).toEqual(lines);
    expect((await db.purchaseBatches.get(batchId))?.summary.orders).toBe(Math.ceil(lines.length / 2));
  });

  it('loads the classroom data beside it: reps and time log, scorecards, a class, complaints, tags', async () => {
    const db = freshDb();
    const demo = smallDemo();
    await replaceWithDemoStore(db, demo);
    const classroom = classroomDemo(demoDefaults.seed, summariseColumns(demo.purchases).lastDay!, demo.customers);
    expect((await getTimeSetup(db)).reps.map((r) => r.name)).toEqual(classroom.timeSetup.reps.map((r) => r.name));
    const entries = (await readTimeChunks(db)).reduce((n, c) => n + c.columns.length, 0);
    expect(entries).toBe(classroom.timeEntries.length);
    // A week plan and a month plan per rep.
    expect(await db.timePlans.count()).toBe(2 * classroom.timeSetup.reps.length);
    expect((await db.assessments.toArray()).map((a) => a.id).sort()).toEqual(['demo-course-1', 'demo-course-2']);
    expect((await db.trainerClasses.toArray()).map((c) => c.members.length)).toEqual([8]);
    expect(await db.complaints.count()).toBe(6);
    expect((await getTagGroups(db)).map((g) => g.name)).toEqual(['着装偏好', '客户来源', '客情关怀', '自动分群']);
    expect(await getAutoTags(db)).toEqual(classroom.autoTags);
    const tagged = (await customerTable(db).toArray()).filter((c) => c.tags?.length);
    expect(tagged.length).toBe(classroom.customerTags.size);
    // The customers and lines themselves are the generator's, unchanged but for the tags.
    expect(await customerTable(db).count()).toBe(demo.customers.length);
  });

  it('replaces earlier data when the demo is loaded again, leaving no mix', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo(1));
    const second = smallDemo(2);
    await replaceWithDemoStore(db, second);
    expect((await storeCounts(db)).customers).toBe(second.customers.length);
    expect(await db.purchaseBatches.count()).toBe(1);
  });

  it('keeps the old data whole when loading fails part-way (a full disk)', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo(1));
    const before = await storeCounts(db);
    // The customers are written, then the disk fills up while the lines are written.
    const realBulkAdd = db.purchaseChunks.add.bind(db.purchaseChunks);
    db.purchaseChunks.add = (() => Promise.reject(new DOMException('disk full', 'QuotaExceededError'))) as unknown as typeof realBulkAdd;
    await expect(replaceWithDemoStore(db, smallDemo(2))).rejects.toThrow();
    db.purchaseChunks.add = realBulkAdd;
    expect(await storeCounts(db)).toEqual(before);
  });

  it('stores a batch’s chunks in order with several in flight, handing each on once stored; one failing part-way stores none of it', async () => {
    const db = freshDb();
    const lines = Array.from({ length: CHUNK_LINES * 6 + 7 }, (_, i) => ({ day: 19_000 + (i % 40), customerId: (i % 9) + 1, amount: 100 + i, quantity: 1, orderNo: `S${i >> 1}` }));
    const handed: number[] = [];
    const batchId = await addPurchaseBatch(db, 'import', 'ok.csv', packBatch(packLines(lines)), { written: (_, i, last) => handed.push(i * 10 + (last ? 1 : 0)) });
    const stored = await db.purchaseChunks.where('batchId').equals(batchId).sortBy('id');
    expect(handed).toEqual([0, 10, 20, 30, 40, 50, 61]);
    expect(stored.flatMap((c) => Array.from({ length: c.columns.length }, (_, i) => lineAt(c.columns, i).amount))).toEqual(lines.map((l) => l.amount));
    // The fourth chunk fails (a full disk) while others are asked for: the batch is not stored at all.
    const before = { batches: await db.purchaseBatches.count(), chunks: await db.purchaseChunks.count(), keys: await db.purchaseKeys.count() };
    const real = db.purchaseChunks.add.bind(db.purchaseChunks);
    let calls = 0;
    db.purchaseChunks.add = ((row: Parameters<typeof real>[0]) => (++calls === 4 ? Promise.reject(new DOMException('disk full', 'QuotaExceededError')) : real(row))) as typeof real;
    await expect(addPurchaseBatch(db, 'import', 'full.csv', packBatch(packLines(lines)))).rejects.toThrow('disk full');
    db.purchaseChunks.add = real;
    expect({ batches: await db.purchaseBatches.count(), chunks: await db.purchaseChunks.count(), keys: await db.purchaseKeys.count() }).toEqual(before);
  });

  it('clears customers and purchases but keeps the store profile', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    await saveStoreProfile(db, { name: '我的店', type: 'phone', currency: 'CNY' });
    await clearAllData(db);
    const counts = await storeCounts(db);
    expect([counts.customers, counts.lines, counts.products]).toEqual([0, 0, 0]);
    expect((await db.settings.get('profile'))?.value).toEqual({ name: '我的店', type: 'phone', currency: 'CNY' });
  });
});

describe('the demo store', () => {
  it('carries the course\'s Children\'s Day campaign for the campaign evaluation', async () => {
    const { freshDb: fresh, smallDemo: demo } = await import('./helpers');
    const { replaceWithDemoStore: load } = await import('../../src/data/store');
    const db = fresh();
    await load(db, demo());
    const campaigns = await db.campaigns.toArray();
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toMatchObject({ name: '六一家庭活动（课程示例）', came: 30, bought: 2, intendPercent: 65, segmentId: null });
  });
});
