/**
 * The analysis engine's resident lines (workers/lines-store): an import adds its batch's chunks to
 * the per-customer facts without reading the others again, and the facts are the same as counting
 * every stored line afresh; a batch undone, lines linked later or moved by a merge read everything again.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addPurchaseBatch } from '../../src/data/purchases';
import type { KeqingDb } from '../../src/data/db';
import { linkStoredLines } from '../../src/data/link-lines';
import { mergeCustomersInDb } from '../../src/data/customers';
import { customerStats, statsIndex, type CustomerStats } from '../../src/lib/customers/stats';
import { packLines, type PurchaseColumns, type PurchaseLine } from '../../src/lib/purchases/columns';
import { packBatch } from '../../src/lib/purchases/line-key';
import { KEPT_ORDERS, KEPT_STATS, LinesStore } from '../../src/workers/lines-store';
import { purchaseBasis, purchaseKpis } from '../../src/lib/kpi/purchases';
import { monthOfDay } from '../../src/lib/funnel/months';
import { OrderIndex } from '../../src/lib/purchases/order-index';
import { exportBackup, restoreRows } from '../../src/data/backup';
import { readBackup } from '../../src/lib/backup/read';
import { updateCustomers } from '../../src/data/customer-store';
import { ScoringFacts } from '../../src/lib/customers/facts';
import { runRfmPacked, type RfmRequest } from '../../src/lib/rfm/from-stats';
import { runAbcPacked } from '../../src/lib/abc/from-stats';
import { freshDb, customers as customerTable } from './helpers';

const add = (db: KeqingDb, lines: PurchaseLine[]) => addPurchaseBatch(db, 'import', 'file.csv', packBatch(packLines(lines)));

/** Two records of 王芳 (the same phone, a merge's case) and 李娜, one line each (¥100, ¥40, ¥10). */
async function twoWangFangs(db: KeqingDb) {
  const at = '2026-01-01T00:00:00Z';
  await customerTable(db).bulkAdd([
    { id: 1, name: '王芳', phone: '13800138000', createdAt: at, updatedAt: at },
    { id: 2, name: '王芳', phone: '13800138000', createdAt: at, updatedAt: at },
    { id: 3, name: '李娜', createdAt: at, updatedAt: at },
  ]);
  await add(db, [
    { day: 100, customerId: 1, amount: 10_000, quantity: 1, orderNo: 'A' },
    { day: 120, customerId: 2, amount: 4_000, quantity: 1, orderNo: 'B' },
    { day: 110, customerId: 3, amount: 1_000, quantity: 1, orderNo: 'C' },
  ]);
}

/** A new engine over the same database once `before` has kept its counts (a reopened app). */
async function reopenedStore(db: KeqingDb, before: LinesStore): Promise<LinesStore> {
  await before.saved();
  return new LinesStore(db);
}

/** Every stored line counted afresh: what the incremental facts must equal. */
async function fromScratch(db: KeqingDb): Promise<CustomerStats> {
  const chunks = (await db.purchaseChunks.orderBy(':id').toArray()).map((c) => c.columns);
  return customerStats(chunks);
}

const plain = (s: CustomerStats) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]));

/** Many lines over 300 customers and 3,000 order nos., some orders shared between customers and batches. */
function manyLines(n: number, seed: number): PurchaseLine[] {
  let x = seed;
  const next = () => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648);
  return Array.from({ length: n }, () => ({
    day: 19_000 + (next() % 900),
    customerId: next() % 301, // 0: a line without a customer
    amount: (next() % 50_000) - 5_000, // some returns
    quantity: 1,
    orderNo: `O${next() % 3_000}`,
    ...(next() % 4 === 0 ? { points: next() % 100 } : {}),
  }));
}

describe('the resident lines', () => {
  it('adds an imported batch to the facts: orders, spend and days as if counted afresh (hand-checked)', async () => {
    const db = freshDb();
    await add(db, [
      { day: 100, customerId: 1, amount: 10_000, quantity: 1, orderNo: 'A' },
      { day: 105, customerId: 2, amount: 5_000, quantity: 1, orderNo: 'B' },
    ]);
    const store = new LinesStore(db);
    const before = (await store.current()).stats;
    expect(Array.from(before.orders)).toEqual([1, 1]);

    // Customer 1: a second line of order A (the same order: still 1), and order C on day 90.
    await add(db, [
      { day: 100, customerId: 1, amount: 2_000, quantity: 1, orderNo: 'A' },
      { day: 90, customerId: 1, amount: 3_000, quantity: 1, orderNo: 'C' },
    ]);
    const after = (await store.current()).stats;
    expect(store.counts).toEqual({ full: 1, incremental: 1 });
    const i = statsIndex(after, 1);
    expect(after.orders[i]).toBe(2); // A and C
    expect(after.amount[i]).toBe(15_000); // 10,000 + 2,000 + 3,000 fen
    expect([after.firstDay[i], after.lastDay[i]]).toEqual([90, 100]);
    expect(plain(after)).toEqual(plain(await fromScratch(db)));
    // The answer given before the import is not changed under a screen that still shows it.
    expect(Array.from(before.amount)).toEqual([10_000, 5_000]);
  });

  it('gives the same facts batch by batch as in one read, over chunks of many lines', { timeout: 60_000 }, async () => {
    const db = freshDb();
    const store = new LinesStore(db);
    await add(db, manyLines(25_000, 1)); // three chunks of at most 10,000 lines
    await store.current();
    await add(db, manyLines(12_000, 2));
    await add(db, manyLines(3_000, 3));
    const loaded = await store.current();
    expect(store.counts).toEqual({ full: 1, incremental: 1 });
    expect(loaded.chunks.reduce((n, c) => n + c.length, 0)).toBe(40_000);
    expect(plain(loaded.stats)).toEqual(plain(await fromScratch(db)));
    expect(plain(loaded.stats)).toEqual(plain((await new LinesStore(db).current()).stats));
  });

  it('takes a batch the page handed over as written instead of reading it back, and reads one handed only in part', { timeout: 60_000 }, async () => {
    const db = freshDb();
    const store = new LinesStore(db);
    await add(db, manyLines(5_000, 6));
    await store.current();
    const batch = packBatch(packLines(manyLines(25_000, 7)));
    const id = await addPurchaseBatch(db, 'import', 'file.csv', batch);
    // Handed in two messages, as the page sends them; the chunks held are the very objects handed.
    store.hand(id, batch.pieces.slice(0, 2), false);
    store.hand(id, batch.pieces.slice(2), true);
    const loaded = await store.current();
    expect(store.counts).toEqual({ full: 1, incremental: 1 });
    expect(loaded.chunks.slice(-3)).toEqual(batch.pieces);
    expect(loaded.chunks.at(-1)).toBe(batch.pieces.at(-1));
    expect(plain(loaded.stats)).toEqual(plain(await fromScratch(db)));

    // A batch whose last part never came is read back from the database.
    const other = packBatch(packLines(manyLines(15_000, 8)));
    const otherId = await addPurchaseBatch(db, 'import', 'file.csv', other);
    store.hand(otherId, other.pieces.slice(0, 1), false);
    const again = await store.current();
    expect(again.chunks.slice(-2)).toEqual(other.pieces);
    expect(again.chunks.at(-2)).not.toBe(other.pieces[0]);
    expect(plain(again.stats)).toEqual(plain(await fromScratch(db)));
    // And one handed after it was read back is not kept.
    store.hand(otherId, other.pieces.slice(1), true);
    expect(plain((await store.current()).stats)).toEqual(plain(await fromScratch(db)));
  });

  describe('a batch counted while the page writes it (ahead)', () => {
    /** The batch as the engine receives it: copies, in two messages. */
    function handAhead(store: LinesStore, token: number, pieces: readonly PurchaseColumns[]) {
      const copies = structuredClone(pieces);
      store.ahead(token, copies.slice(0, 1), false);
      store.ahead(token, copies.slice(1), true);
      return copies;
    }

    it('takes that count once the batch is stored: the same facts as counting afresh, the chunks as handed', { timeout: 60_000 }, async () => {
      const db = freshDb();
      await add(db, manyLines(5_000, 21));
      const store = new LinesStore(db);
      const before = plain((await store.current()).stats);
      const batch = packBatch(packLines(manyLines(25_000, 22)));
      const copies = handAhead(store, 1, batch.pieces);
      const counted = await store.countedAhead(1);
      expect(counted?.chunks.at(-1)).toBe(copies.at(-1));
      // Counted, not stored yet: the lines as stored are still the held ones, and so are their facts.
      expect(plain((await store.current()).stats)).toEqual(before);
      const id = await addPurchaseBatch(db, 'import', 'file.csv', batch);
      store.stored(1, id);
      const loaded = await store.current();
      expect(store.adopted).toBe(1);
      expect(store.counts).toEqual({ full: 1, incremental: 1 });
      expect(loaded.chunks.at(-1)).toBe(copies.at(-1));
      expect(plain(loaded.stats)).toEqual(plain(await fromScratch(db)));
      expect(plain(loaded.stats)).toEqual(plain(counted!.stats));
      // The KPI basis counted along, over the lines held before too, for whichever months.
      const months = [monthOfDay(19_000), monthOfDay(19_300), monthOfDay(19_899)];
      expect((await loaded.kpiCounter!).basis(months)).toEqual(purchaseBasis(loaded.chunks, months));
      // Kept for the next visit as counted, and the next import adds to that count.
      const again = await reopenedStore(db, store);
      expect(plain((await again.current()).stats)).toEqual(plain(loaded.stats));
      expect(again.reused).toBe(1);
      await add(db, manyLines(3_000, 23));
      const next = await store.current();
      expect(plain(next.stats)).toEqual(plain(await fromScratch(db)));
      expect(next.kpiCounter).toBeNull(); // counted along with the last batch only: not these lines'
    });

    it('takes each chunk as the page writes it, its arrays moved away once stored: the stored copy is whole', { timeout: 60_000 }, async () => {
      const db = freshDb();
      await add(db, manyLines(3_000, 30));
      const store = new LinesStore(db);
      await store.current();
      const lines = manyLines(35_000, 31);
      const batch = packBatch(packLines(lines));
      const handed: boolean[] = [];
      const id = await addPurchaseBatch(db, 'import', 'file.csv', batch, {
        written: (piece, _index, last) => {
          handed.push(last);
          // As the page posts it to the engine: moved, so the page's arrays are empty afterwards.
          const moved = structuredClone(piece, { transfer: [...new Set(Object.values(piece).filter(ArrayBuffer.isView).map((v) => v.buffer as ArrayBuffer))] });
          expect(piece.day.length).toBe(0);
          store.ahead(5, [moved], last);
        },
      });
      expect(handed).toEqual([false, false, false, true]);
      store.stored(5, id);
      const loaded = await store.current();
      expect(store.adopted).toBe(1);
      const reference = customerStats([packLines(manyLines(3_000, 30)), packLines(lines)]);
      expect(plain(loaded.stats)).toEqual(plain(reference));
      expect(plain(await fromScratch(db))).toEqual(plain(reference));
    });

    it('numbers a first import’s orders as the batch numbered them, and the next import’s by their texts, as if counted afresh', { timeout: 60_000 }, async () => {
      const db = freshDb();
      const store = new LinesStore(db);
      await store.current(); // an empty store
      // Orders shared across pieces and with the next batch (O0–O2,999 in both).
      const batch = packBatch(packLines(manyLines(25_000, 32)));
      expect(batch.orderNumbers?.map((n, i) => n.length === batch.pieces[i]!.orderDict.length)).toEqual([true, true, true]);
      const copies = structuredClone({ pieces: batch.pieces, numbers: batch.orderNumbers! });
      store.ahead(9, copies.pieces.slice(0, 2), false, copies.numbers.slice(0, 2));
      store.ahead(9, copies.pieces.slice(2), true, copies.numbers.slice(2));
      store.stored(9, await addPurchaseBatch(db, 'import', 'file.csv', batch));
      const loaded = await store.current();
      expect(store.adopted).toBe(1);
      expect(loaded.orderIndex.of(copies.pieces[1]!)).toBe(copies.numbers[1]); // no order text read
      expect(plain(loaded.stats)).toEqual(plain(await fromScratch(db)));
      await add(db, manyLines(6_000, 33));
      expect(plain((await store.current()).stats)).toEqual(plain(await fromScratch(db)));
    });

    it('leaves nothing of a batch never stored (an import that failed): the next import is counted as if afresh', { timeout: 60_000 }, async () => {
      const db = freshDb();
      await add(db, manyLines(4_000, 24));
      const store = new LinesStore(db);
      await store.current();
      handAhead(store, 7, packBatch(packLines(manyLines(12_000, 25))).pieces);
      expect(await store.countedAhead(7)).not.toBeNull();
      store.dropped(7);
      await add(db, manyLines(2_000, 26));
      expect(plain((await store.current()).stats)).toEqual(plain(await fromScratch(db)));
      expect(store.adopted).toBe(0);
    });

    it('is not taken when the stored lines are not the held ones plus that batch (another tab stored one meanwhile)', { timeout: 60_000 }, async () => {
      const db = freshDb();
      await add(db, manyLines(4_000, 27));
      const store = new LinesStore(db);
      await store.current();
      const batch = packBatch(packLines(manyLines(12_000, 28)));
      handAhead(store, 3, batch.pieces);
      await store.countedAhead(3);
      await add(db, manyLines(2_000, 29)); // another tab's import, first
      store.stored(3, await addPurchaseBatch(db, 'import', 'file.csv', batch));
      expect(plain((await store.current()).stats)).toEqual(plain(await fromScratch(db)));
      expect(store.adopted).toBe(0);
    });
  });

  it('reads everything again when a batch goes (an undone import)', async () => {
    const db = freshDb();
    const store = new LinesStore(db);
    await add(db, manyLines(2_000, 4));
    const second = await add(db, manyLines(2_000, 5));
    await store.current();
    await db.transaction('rw', db.purchaseBatches, db.purchaseChunks, async () => {
      await db.purchaseChunks.where('batchId').equals(second).delete();
      await db.purchaseBatches.delete(second);
    });
    const loaded = await store.current();
    expect(store.counts).toEqual({ full: 2, incremental: 0 });
    expect(loaded.chunks.reduce((n, c) => n + c.length, 0)).toBe(2_000);
    expect(plain(loaded.stats)).toEqual(plain(await fromScratch(db)));
  });

  it('reads everything again when stored lines are linked to customers', async () => {
    const db = freshDb();
    await customerTable(db).add({ id: 7, name: '王芳', phone: '13800138000', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
    await add(db, [{ day: 200, customerId: 0, customerRef: '13800138000', amount: 8_800, quantity: 1, orderNo: 'X' }]);
    const store = new LinesStore(db);
    expect((await store.current()).stats.ids.length).toBe(0);
    expect((await linkStoredLines(db, false)).linked).toBe(1);
    const stats = (await store.current()).stats;
    expect(store.counts.full).toBe(2);
    expect([Array.from(stats.ids), Array.from(stats.amount)]).toEqual([[7], [8_800]]);
  });

  it('after a merge, holds the kept customer’s lines and spend, as a full reload does (hand-checked)', async () => {
    const db = freshDb();
    await twoWangFangs(db);
    // A second batch only customer 2 bought in: its chunk is rewritten too; customer 3's facts stay.
    await add(db, [{ day: 90, customerId: 2, amount: 500, quantity: 1, orderNo: 'D' }]);
    const store = new LinesStore(db);
    const before = (await store.current()).stats;
    expect(Array.from(before.ids)).toEqual([1, 2, 3]);

    await mergeCustomersInDb(db, 1, 2);
    const after = (await store.current()).stats;
    expect(store.counts.full).toBe(2);
    const i = statsIndex(after, 1);
    expect(Array.from(after.ids)).toEqual([1, 3]); // customer 2 has no lines left
    expect(after.amount[i]).toBe(14_500); // 10,000 + 4,000 + 500 fen
    expect(after.orders[i]).toBe(3); // A, B and D
    expect([after.firstDay[i], after.lastDay[i]]).toEqual([90, 120]);
    expect(plain(after)).toEqual(plain(await fromScratch(db)));
    expect(plain(after)).toEqual(plain((await new LinesStore(db).current()).stats));
  });

  it('a merge that moves no line leaves the held lines as they are', async () => {
    const db = freshDb();
    const at = '2026-01-01T00:00:00Z';
    await customerTable(db).bulkAdd([
      { id: 1, name: '王芳', createdAt: at, updatedAt: at },
      { id: 2, name: '王芳', createdAt: at, updatedAt: at },
    ]);
    await add(db, [{ day: 100, customerId: 1, amount: 10_000, quantity: 1, orderNo: 'A' }]);
    const store = new LinesStore(db);
    const held = await store.current();
    await mergeCustomersInDb(db, 1, 2);
    expect(await store.current()).toBe(held);
    expect(store.counts.full).toBe(1);
  });

  it('answers questions asked together from one read, and one asked after an import from that import too', async () => {
    const db = freshDb();
    await add(db, manyLines(1_000, 6));
    const store = new LinesStore(db);
    const [a, b] = await Promise.all([store.current(), store.current()]);
    expect(a).toBe(b);
    await add(db, manyLines(1_000, 7));
    const [c, d] = await Promise.all([store.current(), store.current()]);
    expect(c).toBe(d);
    expect(store.counts).toEqual({ full: 1, incremental: 1 });
    expect(plain(c.stats)).toEqual(plain(await fromScratch(db)));
  });

  describe('the facts the scorings keep (lib/customers/facts)', () => {
    const request: RfmRequest = { analysisDay: null, method: 'quantile', preset: 'rfm030' };
    /** Scoring every stored line from scratch: what an answer after a change must equal. */
    const coldRfm = async (db: KeqingDb) => runRfmPacked(new ScoringFacts(await fromScratch(db)), request);

    it('are new with an import: the next answer counts the imported lines (hand-checked)', async () => {
      const db = freshDb();
      await add(db, [
        { day: 100, customerId: 1, amount: 10_000, quantity: 1, orderNo: 'A' },
        { day: 105, customerId: 2, amount: 5_000, quantity: 1, orderNo: 'B' },
      ]);
      const store = new LinesStore(db);
      const before = await store.current();
      const first = runRfmPacked(before.facts, request);
      runAbcPacked(before.facts, { a: 0.8, b: 0.95 });
      expect(before.facts.held).toBeGreaterThan(0);
      if (!first.ok) throw new Error('scored');
      expect(Array.from(first.value.packed.monetary)).toEqual([100, 50]); // ¥100 and ¥50

      await add(db, [{ day: 110, customerId: 2, amount: 20_000, quantity: 1, orderNo: 'C' }]);
      const after = await store.current();
      expect(store.counts).toEqual({ full: 1, incremental: 1 });
      expect(after.facts).not.toBe(before.facts);
      expect(after.facts.held).toBe(0); // nothing derived from the older lines comes along
      const again = runRfmPacked(after.facts, request);
      if (!again.ok) throw new Error('scored');
      expect(Array.from(again.value.packed.monetary)).toEqual([100, 250]); // ¥50 + ¥200
      expect(again.value.analysisDay).toBe(111); // the day after the new last purchase
      expect(again).toEqual(await coldRfm(db));
      // Customer 2 now leads the ABC ranking: ¥250 of ¥350 (71 %) before customer 1.
      const abc = runAbcPacked(after.facts, { a: 0.5, b: 0.95 });
      if (!abc.ok) throw new Error('cut');
      expect(Array.from(abc.value.packed.classes)).toEqual([1, 0]);
    });

    it('are new when a merge moves lines (markLinesChanged): the answer is the merged customer’s', async () => {
      const db = freshDb();
      await twoWangFangs(db);
      const store = new LinesStore(db);
      const before = await store.current();
      const first = runRfmPacked(before.facts, request);
      if (!first.ok) throw new Error('scored');
      expect(Array.from(first.value.packed.ids)).toEqual([1, 2, 3]);

      await mergeCustomersInDb(db, 1, 2);
      const after = await store.current();
      expect(after.facts).not.toBe(before.facts);
      expect(after.facts.held).toBe(0);
      const again = runRfmPacked(after.facts, request);
      if (!again.ok) throw new Error('scored');
      expect(Array.from(again.value.packed.ids)).toEqual([1, 3]);
      expect(Array.from(again.value.packed.monetary)).toEqual([140, 10]); // ¥100 + ¥40, and ¥10
      expect(Array.from(again.value.packed.recencyDays)).toEqual([1, 11]); // analysis day 121: 121 − 120, 121 − 110
      expect(again).toEqual(await coldRfm(db));
    });

    it('stay while the lines stay: a second question reuses what the first derived', async () => {
      const db = freshDb();
      await add(db, manyLines(3_000, 8));
      const store = new LinesStore(db);
      const l = await store.current();
      runRfmPacked(l.facts, request);
      const held = l.facts.held;
      expect((await store.current()).facts).toBe(l.facts);
      expect(runRfmPacked(l.facts, { ...request, method: 'rfm030' })).toEqual(runRfmPacked(new ScoringFacts({ ...l.stats }), { ...request, method: 'rfm030' }));
      expect(l.facts.held).toBe(held); // rfm030 reads the quantiles the first question kept
    });
  });

  describe('kept across visits (engine cache, issue 17 §2)', () => {
    it('a reopened engine counts nothing: the kept stats and order numbering, equal to counting afresh (hand-checked)', async () => {
      const db = freshDb();
      await twoWangFangs(db);
      const first = new LinesStore(db);
      await first.current();
      const store = await reopenedStore(db, first);
      const loaded = await store.current();
      expect(store.reused).toBe(1);
      expect(store.counts).toEqual({ full: 1, incremental: 0 });
      expect(Array.from(loaded.stats.ids)).toEqual([1, 2, 3]);
      expect(Array.from(loaded.stats.amount)).toEqual([10_000, 4_000, 1_000]);
      expect(Array.from(loaded.stats.orders)).toEqual([1, 1, 1]);
      expect(plain(loaded.stats)).toEqual(plain(await fromScratch(db)));
      // The kept numbering counts orders as a fresh one does (the KPI months count distinct orders with it).
      const request = { months: [monthOfDay(100), monthOfDay(120)], quarters: [] };
      expect(purchaseKpis(loaded.chunks, request, loaded.orderIndex)).toEqual(purchaseKpis(loaded.chunks, request));
    });

    it('answers the stats from what was kept before any chunk is read', async () => {
      const db = freshDb();
      await add(db, manyLines(3_000, 9));
      const first = new LinesStore(db);
      const counted = (await first.current()).stats;
      const store = await reopenedStore(db, first);
      expect(plain(await store.stats())).toEqual(plain(counted));
      expect(store.counts).toEqual({ full: 0, incremental: 0 }); // no chunk read for it
    });

    it('counts again when the lines changed since (an import): the kept stats are not the answer', async () => {
      const db = freshDb();
      await add(db, [{ day: 100, customerId: 1, amount: 10_000, quantity: 1, orderNo: 'A' }]);
      const first = new LinesStore(db);
      await first.current();
      await first.saved();
      await add(db, [{ day: 110, customerId: 1, amount: 5_000, quantity: 1, orderNo: 'B' }]);
      // Another context imported: this engine was closed before it saw the import.
      const store = new LinesStore(db);
      const stats = await store.stats();
      expect([Array.from(stats.amount), Array.from(stats.orders)]).toEqual([[15_000], [2]]); // ¥150 in orders A and B
      expect(store.reused).toBe(0);
      expect(plain(stats)).toEqual(plain(await fromScratch(db)));
      // …and what it counted is kept for the next visit.
      const next = await reopenedStore(db, store);
      expect(plain((await next.current()).stats)).toEqual(plain(stats));
      expect(next.reused).toBe(1);
    });

    it('an import after a reopen adds to the kept stats as if counted afresh', { timeout: 60_000 }, async () => {
      const db = freshDb();
      await add(db, manyLines(12_000, 10));
      const first = new LinesStore(db);
      await first.current();
      const store = await reopenedStore(db, first);
      await store.current();
      expect(store.reused).toBe(1);
      await add(db, manyLines(4_000, 11)); // order nos. shared with the kept chunks
      const after = await store.current();
      expect(store.counts).toEqual({ full: 1, incremental: 1 });
      expect(plain(after.stats)).toEqual(plain(await fromScratch(db)));
      const request = { months: [monthOfDay(19_000), monthOfDay(19_500)], quarters: [] };
      expect(purchaseKpis(after.chunks, request, after.orderIndex)).toEqual(purchaseKpis(after.chunks, request));
    });

    it('counts again after a merge moved lines, and keeps the merged customer’s figures (hand-checked)', async () => {
      const db = freshDb();
      await twoWangFangs(db);
      const first = new LinesStore(db);
      await first.current();
      await first.saved();
      await mergeCustomersInDb(db, 1, 2);
      const store = new LinesStore(db);
      const stats = await store.stats();
      expect([Array.from(stats.ids), Array.from(stats.amount)]).toEqual([[1, 3], [14_000, 1_000]]); // ¥100 + ¥40 on the kept record
      expect(store.reused).toBe(0);
      expect(plain(stats)).toEqual(plain(await fromScratch(db)));
    });

    it('a customer edit leaves the lines, so the kept stats stay right', async () => {
      const db = freshDb();
      await twoWangFangs(db);
      const first = new LinesStore(db);
      await first.current();
      await updateCustomers(db, [3], (c) => ({ ...c, name: '李娜娜' }));
      const store = await reopenedStore(db, first);
      expect(plain((await store.current()).stats)).toEqual(plain(await fromScratch(db)));
      expect(store.reused).toBe(1);
    });

    it('a restore empties what was kept: the restored lines are counted', async () => {
      const source = freshDb();
      await twoWangFangs(source);
      const read = await readBackup(await exportBackup(source));
      if (!read.ok) throw new Error(JSON.stringify(read.error));
      const db = freshDb();
      await add(db, [{ day: 100, customerId: 1, amount: 99_900, quantity: 1, orderNo: 'Z' }]);
      const first = new LinesStore(db);
      await first.current();
      await first.saved();
      expect(await db.engineCache.get(KEPT_STATS)).toBeDefined();
      await restoreRows(db, read.value.rows);
      expect(await db.engineCache.get(KEPT_STATS)).toBeUndefined();
      const store = new LinesStore(db);
      const stats = await store.stats();
      expect([Array.from(stats.ids), Array.from(stats.amount)]).toEqual([[1, 2, 3], [10_000, 4_000, 1_000]]);
      expect(store.reused).toBe(0);
    });

    it('kept rows that do not fit are not used: another version, or a numbering for other chunks', async () => {
      const db = freshDb();
      await add(db, manyLines(2_000, 12));
      const first = new LinesStore(db);
      const counted = (await first.current()).stats;
      await first.saved();
      const orders = (await db.engineCache.get(KEPT_ORDERS))!;
      // A numbering one entry short for the first chunk: counted afresh, not trusted.
      const ids = (orders.value as { ids: Int32Array[] }).ids;
      await db.engineCache.put({ ...orders, value: { ...(orders.value as object), ids: [ids[0]!.subarray(1), ...ids.slice(1)] } });
      const store = new LinesStore(db);
      expect(plain((await store.current()).stats)).toEqual(plain(counted));
      expect(store.reused).toBe(0);
      // Stats kept for another version: not an answer.
      await store.saved();
      const row = (await db.engineCache.get(KEPT_STATS))!;
      await db.engineCache.put({ ...row, version: 'another', value: { ...(row.value as object), amount: new Float64Array((row.value as CustomerStats).amount.length) } });
      const again = new LinesStore(db);
      expect(plain(await again.stats())).toEqual(plain(counted));
    });

    describe('with another context counting the same lines (Web Locks)', () => {
      afterEach(() => vi.unstubAllGlobals());
      /** navigator.locks as the browser gives it: one holder per name, the others wait in turn. */
      function stubLocks() {
        const tails = new Map<string, Promise<unknown>>();
        vi.stubGlobal('navigator', {
          locks: {
            request(name: string, fn: () => Promise<unknown>) {
              const run = (tails.get(name) ?? Promise.resolve()).then(fn);
              tails.set(name, run.catch(() => {}));
              return run;
            },
          },
        });
      }

      it('a second engine waits for the first one’s count and takes what it kept, counting nothing', async () => {
        stubLocks();
        const db = freshDb();
        await add(db, manyLines(3_000, 13));
        const importer = new LinesStore(db); // another tab, which imported
        await importer.current();
        await importer.saved();
        await add(db, manyLines(2_000, 14));
        // That tab counts its import (under the lock) while a reopened app asks for the stats.
        const reopened = new LinesStore(db);
        const [held, stats] = await Promise.all([importer.current(), reopened.stats()]);
        expect(importer.counts).toEqual({ full: 1, incremental: 1 });
        expect(plain(stats)).toEqual(plain(held.stats));
        expect(plain(stats)).toEqual(plain(await fromScratch(db)));
        expect(reopened.counts).toEqual({ full: 0, incremental: 0 });
      });

      it('an engine counting an import as it is written holds the lock from the first part: one asking as the import ends waits for its count', { timeout: 60_000 }, async () => {
        stubLocks();
        const db = freshDb();
        await add(db, manyLines(3_000, 15));
        const importer = new LinesStore(db);
        await importer.current();
        await importer.saved();
        const batch = packBatch(packLines(manyLines(4_000, 16)));
        importer.ahead(1, structuredClone(batch.pieces), true);
        const id = await addPurchaseBatch(db, 'import', 'file.csv', batch);
        // Stored; the importing engine has not taken the new lines in yet, and another tab asks first.
        const reopened = new LinesStore(db);
        let answered = false;
        const asked = reopened.stats().then((s) => ((answered = true), s));
        await new Promise((r) => setTimeout(r, 50));
        expect(answered).toBe(false);
        importer.stored(1, id);
        const held = await importer.current();
        const stats = await asked;
        expect(importer.adopted).toBe(1);
        expect(reopened.counts).toEqual({ full: 0, incremental: 0 });
        expect(plain(stats)).toEqual(plain(held.stats));
        expect(plain(stats)).toEqual(plain(await fromScratch(db)));
      });

      it('a batch never stored lets the lock go: another engine counts the lines as stored', { timeout: 60_000 }, async () => {
        stubLocks();
        const db = freshDb();
        await add(db, manyLines(2_000, 17));
        // Lines nobody counted yet (nothing kept), and an engine that claims the lock for an import.
        const importer = new LinesStore(db);
        importer.ahead(1, structuredClone(packBatch(packLines(manyLines(1_000, 18))).pieces), true);
        const other = new LinesStore(db);
        let answered = false;
        const asked = other.stats().then((s) => ((answered = true), s));
        await new Promise((r) => setTimeout(r, 50));
        expect(answered).toBe(false);
        importer.dropped(1);
        const stats = await asked;
        expect(other.counts).toEqual({ full: 1, incremental: 0 });
        expect(plain(stats)).toEqual(plain(await fromScratch(db)));
      });
    });
  });
});

describe('an order numbering kept and restored (lib/purchases/order-index)', () => {
  it('gives the kept numbers, and numbers a new chunk on from them (hand-checked)', () => {
    const a = packLines([
      { day: 1, customerId: 1, amount: 1, quantity: 1, orderNo: 'A' },
      { day: 1, customerId: 1, amount: 1, quantity: 1, orderNo: 'B' },
    ]);
    const b = packLines([{ day: 1, customerId: 1, amount: 1, quantity: 1, orderNo: 'C' }]);
    const index = new OrderIndex();
    const kept = index.keep([a, b]);
    expect(kept.size).toBe(3);
    expect(kept.ids.map((x) => Array.from(x))).toEqual([[0, 1], [2]]);
    const restored = OrderIndex.restore([a, b], kept)!;
    expect(Array.from(restored.of(a))).toEqual([0, 1]);
    expect(restored.size).toBe(3);
    // B comes again (the same number) and D is new (the next one).
    const c = packLines([
      { day: 1, customerId: 1, amount: 1, quantity: 1, orderNo: 'D' },
      { day: 1, customerId: 1, amount: 1, quantity: 1, orderNo: 'B' },
    ]);
    expect(Array.from(restored.of(c))).toEqual([3, 1]);
    expect(restored.size).toBe(4);
    expect(OrderIndex.restore([a], kept)).toBeNull();
    expect(OrderIndex.restore([b, a], kept)).toBeNull();
  });
});
