/**
 * Every backup format the app ever wrote still restores. The format-1 files in
 * tests/fixtures/backup were made by the app before format 2 (commit fd1db08), format2.kqbackup
 * by the app before format 3 (commit 0fbe7e7) from the format-1 file restored: the demo store
 * generated with seed 17 and 40 customers (41 with the walk-in card), profile 格式一示范店,
 * plain gzip and sealed with the passphrase 格式一备份密码 (1,000 iterations). The figures below
 * are that store's, as it showed them when the files were made.
 */
import { getCustomer } from '../../src/data/customer-store';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportBackup, restoreKeys, restoreRows } from '../../src/data/backup';
import { keysForChunks } from '../../src/data/db';
import { storeCounts } from '../../src/data/store';
import { BACKUP_FORMAT } from '../../src/lib/backup/format';
import { readBackup } from '../../src/lib/backup/read';
import { packLines, splitColumns, type PurchaseLine } from '../../src/lib/purchases/columns';
import { backupHandlers } from '../../src/workers/backup.handlers';
import type { CallContext } from '../../src/workers/rpc';
import { freshDb } from './helpers';

const fixture = (name: string) => new Blob([readFileSync(new URL(`../fixtures/backup/${name}`, import.meta.url))]);
const context: CallContext<number> = { signal: new AbortController().signal, checkpoint: async () => {}, progress: () => {} };

async function expectFormat1Store(db: ReturnType<typeof freshDb>) {
  const counts = await storeCounts(db);
  expect(counts).toMatchObject({ customers: 41, products: 24, lines: 534, orders: 294, revenue: 40_533_000, linesWithoutCustomer: 27 });
  const first = await getCustomer(db, 1);
  expect(first).toMatchObject({ name: '郭雨桐', phone: '15023596820', cardNo: 'VIP100001', birthday: '1983-09-09', tags: ['dt2'] });
  expect((await db.settings.get('profile'))?.value).toMatchObject({ name: '格式一示范店' });
  expect([await db.opportunities.count(), await db.stageEvents.count(), await db.timeChunks.count(), await db.complaints.count()]).toEqual([405, 1265, 12, 6]);
  const chunks = await db.purchaseChunks.toArray();
  expect(chunks.map((c) => c.columns.length)).toEqual([534]);
  expect(chunks[0]!.columns.amount.reduce((a, b) => a + b, 0)).toBe(40_533_000);
}

describe('older backup files', () => {
  it('restores a format-1 gzip file made by the app before the container', async () => {
    const read = await readBackup(fixture('format1.json.gz'));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.value.header).toEqual({ app: 'keqing', format: BACKUP_FORMAT, exportedAt: '2026-12-06T08:00:00.000Z', schemaVersion: expect.any(Number) });
    expect(read.value.encrypted).toBe(false);
    const db = freshDb();
    await restoreRows(db, read.value.rows);
    await expectFormat1Store(db);
    expect((await db.purchaseKeys.toArray()).map(({ batchId, keys }) => ({ batchId, keys }))).toEqual(keysForChunks(await db.purchaseChunks.toArray()));
  });

  it('restores a sealed format-1 file with its passphrase, through the backup worker', async () => {
    const db = freshDb();
    const worker = backupHandlers(() => db);
    expect(await worker.read({ file: fixture('format1.json.gz.enc'), options: { passphrase: '格式一备份密码x' } }, context)).toEqual({ ok: false, error: { code: 'backup.wrongPassphrase' } });
    const summary = await worker.read({ file: fixture('format1.json.gz.enc'), options: { passphrase: '格式一备份密码' } }, context);
    expect(summary).toMatchObject({ ok: true, value: { encrypted: true, customers: 41, lines: 534, hasPin: false } });
    expect(await worker.restore({ pin: 'current' })).toEqual({ ok: true, value: null });
    await expectFormat1Store(db);
  });

  it('restores a format-2 container made by the app before column lines (commit 0fbe7e7, from the format-1 store)', async () => {
    const read = await readBackup(fixture('format2.kqbackup'));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.value.header).toEqual({ app: 'keqing', format: BACKUP_FORMAT, exportedAt: '2026-12-07T09:00:00.000Z', schemaVersion: 13 });
    const db = freshDb();
    await restoreRows(db, read.value.rows);
    await expectFormat1Store(db);
    const format1 = await readBackup(fixture('format1.json.gz'));
    if (!format1.ok) throw new Error(JSON.stringify(format1.error));
    expect(read.value.rows).toEqual(format1.value.rows);
  });

  it('backs the restored store up again as a container that restores to the same rows', async () => {
    const read = await readBackup(fixture('format1.json.gz'));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const db = freshDb();
    await restoreRows(db, read.value.rows);
    const again = await exportBackup(db, new Date('2026-12-06T09:00:00.000Z'));
    expect(new TextDecoder().decode(await again.slice(0, 8).arrayBuffer())).toBe('KQBACKUP');
    const back = await readBackup(again);
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(back.value.rows).toEqual(read.value.rows);
    const target = freshDb();
    await restoreRows(target, back.value.rows);
    await expectFormat1Store(target);
  });
});

describe('restoreKeys', () => {
  it('gives what keysForChunks gives: batches interleaved, chunks out of order, repeats across chunks', () => {
    const line = (orderNo: string, amount: number): PurchaseLine => ({ day: 19_800, customerId: 0, amount, quantity: 1, orderNo, itemNo: 'A1' });
    const a = splitColumns(packLines([line('X1', 100), line('X1', 100), line('X2', 5), line('X1', 100), line('X1', 100)]), 2);
    const b = splitColumns(packLines([line('X1', 100), line('X9', 9), line('X1', 100)]), 2);
    const chunks = [
      { id: 5, batchId: 1, columns: a[2]! },
      { id: 1, batchId: 1, columns: a[0]! },
      { id: 2, batchId: 2, columns: b[0]! },
      { id: 3, batchId: 1, columns: a[1]! },
      { id: 4, batchId: 2, columns: b[1]! },
    ];
    const keys = restoreKeys(chunks);
    expect(keys).toEqual(keysForChunks(chunks));
    expect(keys.map((k) => k.batchId)).toEqual([1, 2, 1, 2, 1]);
    // Batch 1's four X1/100 lines: four keys; batch 2's two: the same first two (numbering is per batch).
    const x1 = [keys[0]!.keys[0], keys[0]!.keys[1], keys[2]!.keys[1], keys[4]!.keys[0]];
    expect(new Set(x1).size).toBe(4);
    expect([keys[1]!.keys[0], keys[3]!.keys[0]]).toEqual([x1[0], x1[1]]);
  });
});
