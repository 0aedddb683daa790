/**
 * The KPI board keeps its purchase figures with the lines' version (data/engine-cache): opening it
 * again counts nothing, a new import counts again, and the last board is there for the Overview to
 * show at once. The cache is derived: a clear of the purchases empties it.
 */
import { describe, expect, it, vi } from 'vitest';
import { clearAllData, replaceWithDemoStore } from '../../src/data/store';
import { claimKept, keptLock, lastCached, storeCached } from '../../src/data/engine-cache';
import { computeBoard, KPI_PURCHASES, LAST_BOARD, watchKeptBoard, type Board } from '../../src/data/kpi-board';
import { addPurchaseBatch } from '../../src/data/purchases';
import type { KeqingDb } from '../../src/data/db';
import { dayFromYmd } from '../../src/lib/dates';
import { purchaseKpis, type PurchaseKpiRequest } from '../../src/lib/kpi/purchases';
import { packLines } from '../../src/lib/purchases/columns';
import { packBatch } from '../../src/lib/purchases/line-key';
import { freshDb, smallDemo } from './helpers';
import { CustomerFile } from '../../src/workers/customer-file';

const TODAY = dayFromYmd(2026, 11, 23);

/** Counts from every stored line, as the worker does, and says how often it was asked. */
function counter(db: KeqingDb) {
  return vi.fn(async (request: PurchaseKpiRequest) => purchaseKpis((await db.purchaseChunks.orderBy(':id').toArray()).map((c) => c.columns), request));
}

describe('the KPI board kept across visits', () => {
  it('counts the purchase figures once per version of the lines', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    const count = counter(db);
    const first = await computeBoard(db, TODAY, count);
    expect(count).toHaveBeenCalledTimes(1);
    expect(first.rows.length).toBeGreaterThan(0);

    // Opened again: the kept figures, the same board, nothing counted.
    const again = await computeBoard(db, TODAY, count);
    expect(count).toHaveBeenCalledTimes(1);
    expect(again).toEqual(first);
    expect(await lastCached<Board>(db, LAST_BOARD)).toEqual(first);

    // An import changes the lines: counted again, and the month's sales grow by the new line.
    const month = first.purchases.months.at(-1)!;
    const lastDay = (await db.purchaseBatches.toArray()).reduce((d, b) => Math.max(d, b.summary.lastDay ?? 0), 0);
    await addPurchaseBatch(db, 'import', 'more.csv', packBatch(packLines([{ day: lastDay, customerId: 0, amount: 12_345, quantity: 1, orderNo: 'NEW-1' }])));
    const after = await computeBoard(db, TODAY, count);
    expect(count).toHaveBeenCalledTimes(2);
    const monthAfter = after.purchases.months.at(-1)!;
    expect(monthAfter.month).toBe(month.month);
    expect(JSON.stringify(monthAfter)).not.toBe(JSON.stringify(month));
  });

  it('is counted once when two pages ask at once (a tab reopened while the importing one counts): the second reads the first one’s', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = counter(db);
    const importing = vi.fn(async (request: PurchaseKpiRequest) => {
      await gate;
      return slow(request);
    });
    const reopened = counter(db);
    const first = computeBoard(db, TODAY, importing);
    // The importing page is counting (held at the gate); the reopened one asks meanwhile and waits.
    await vi.waitFor(() => expect(importing).toHaveBeenCalledTimes(1));
    const second = computeBoard(db, TODAY, reopened);
    await new Promise((r) => setTimeout(r, 50));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(reopened).not.toHaveBeenCalled();
    expect(slow).toHaveBeenCalledTimes(1);
    expect(b).toEqual(a);
  });

  it('waits for a page that claimed the figures before reading anything (the engine after an import): counted once', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const importing = counter(db);
    const reopened = counter(db);
    // The importing engine claims the lock, then takes the new lines in (held at the gate) before it reads the board's inputs.
    const claim = claimKept(db, KPI_PURCHASES);
    const first = claim.got.then(async () => {
      await gate;
      return computeBoard(db, TODAY, importing, claim);
    });
    // The claim is let go once the figures are kept, before the rest of the board is built.
    let builtAfter = false;
    const second = computeBoard(db, TODAY, reopened).then((b) => ((builtAfter = true), b));
    await new Promise((r) => setTimeout(r, 50));
    expect(importing).not.toHaveBeenCalled();
    expect(builtAfter).toBe(false);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(importing).toHaveBeenCalledTimes(1);
    expect(reopened).not.toHaveBeenCalled();
    expect(b).toEqual(a);
    // Let go: the next asking for the lock gets it at once.
    await expect(keptLock(db, KPI_PURCHASES, async () => 'free')).resolves.toBe('free');
  });

  it('is the same board built from the engine’s customer file as from the file read page by page', { timeout: 60_000 }, async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    const paged = await computeBoard(db, TODAY, counter(db));
    const file = new CustomerFile(db);
    let reads = 0;
    const shared = await computeBoard(db, TODAY, counter(db), undefined, async () => {
      reads++;
      return (await file.byId(0)).values();
    });
    expect(reads).toBe(1);
    expect(shared).toEqual(paged);
    expect(shared.filesByGroup.reduce((n, g) => n + g.count, 0)).toBeGreaterThan(0);
  });

  it('shows the kept board at once and each one kept later (another tab\'s engine), until stopped', async () => {
    const db = freshDb();
    const shown: string[] = [];
    const until = async (n: number) => {
      for (let i = 0; i < 200 && shown.length < n; i++) await new Promise((r) => setTimeout(r, 5));
    };
    const boardOf = (month: number) => ({ month, rows: [] }) as unknown as Board;
    await storeCached(db, LAST_BOARD, String(TODAY), boardOf(1));
    const stop = watchKeptBoard(db, (b) => void shown.push(`month ${b.month}`));
    await until(1);
    await storeCached(db, LAST_BOARD, String(TODAY), boardOf(2)); // kept meanwhile, as by the importing tab
    await until(2);
    await storeCached(db, 'another', '1', 3); // another figure kept: the board is read again, the same
    await until(3);
    stop();
    await storeCached(db, LAST_BOARD, String(TODAY), boardOf(4));
    await new Promise((r) => setTimeout(r, 50));
    expect(shown).toEqual(['month 1', 'month 2', 'month 2']);
  });

  it('counts again after a count that failed, and leaves nothing kept from it', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    const failing = vi.fn(async () => {
      throw new Error('engine stopped');
    });
    await expect(computeBoard(db, TODAY, failing)).rejects.toThrow('engine stopped');
    expect(await db.engineCache.get(KPI_PURCHASES)).toBeUndefined();
    const count = counter(db);
    const board = await computeBoard(db, TODAY, count);
    expect(count).toHaveBeenCalledTimes(1);
    expect(board.rows.length).toBeGreaterThan(0);
  });

  it('is emptied with the purchases', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo());
    await computeBoard(db, TODAY, counter(db));
    expect(await db.engineCache.get(KPI_PURCHASES)).toBeDefined();
    await clearAllData(db);
    expect(await db.engineCache.count()).toBe(0);
  });
});
