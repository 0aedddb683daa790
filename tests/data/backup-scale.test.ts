/**
 * A store with a million purchase lines must back up and restore: the file is streamed, never
 * one giant string (V8 refuses strings over ~512 M characters, and weak laptops run out long before).
 */
import { describe, expect, it } from 'vitest';
import { exportBackup, restoreRows } from '../../src/data/backup';
import { addPurchaseBatch } from '../../src/data/purchases';
import { storeCounts } from '../../src/data/store';
import { readBackup } from '../../src/lib/backup/read';
import { packBatch } from '../../src/lib/purchases/line-key';
import { emptyColumns, type PurchaseColumns } from '../../src/lib/purchases/columns';
import { freshDb } from './helpers';

function millionLines(): PurchaseColumns {
  const n = 1_000_000;
  const c: PurchaseColumns = { ...emptyColumns(n), itemDict: Array.from({ length: 500 }, (_, i) => `SKU${i}`) };
  c.quantity.fill(1);
  c.points.fill(Number.NaN);
  c.customerRef.fill(-1);

  for (let i = 0; i < n; i++) {
    c.day[i] = 19_000 + (i % 1_000);
    c.customerId[i] = (i % 100_000) + 1;
    c.amount[i] = (i % 997) * 100 + 1;
    c.orderNo[i] = i >> 1;
    c.itemNo[i] = i % 500;
  }
  for (let o = 0; o < n / 2; o++) c.orderDict.push(`S${o}`);
  return c;
}

describe('backup at scale', () => {
  it('round-trips 1,000,000 purchase lines', { timeout: 600_000 }, async () => {
    const source = freshDb();
    await addPurchaseBatch(source, 'import', 'big.csv', packBatch(millionLines()));
    const blob = await exportBackup(source);
    const read = await readBackup(blob);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const target = freshDb();
    await restoreRows(target, read.value.rows);
    const counts = await storeCounts(target);
    expect(counts).toEqual(await storeCounts(source));
    expect(counts.lines).toBe(1_000_000);
    expect(counts.orders).toBe(500_000);
    const chunks = await target.purchaseChunks.toArray();
    expect(chunks.reduce((n, c) => n + c.columns.amount.reduce((a, b) => a + b, 0), 0)).toBe(counts.revenue);
  });

  // Encrypted, the same store streams through the 1 MiB AES-GCM chunks (lib/backup/envelope).
  it('seals and opens 1,000,000 purchase lines', { timeout: 600_000 }, async () => {
    const source = freshDb();
    await addPurchaseBatch(source, 'import', 'big.csv', packBatch(millionLines()));
    const sealed = await exportBackup(source, new Date(), { passphrase: '一百万行的备份', iterations: 1000 });
    const opened = await readBackup(sealed, undefined, { passphrase: '一百万行的备份' });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.encrypted).toBe(true);
    expect(opened.value.rows.purchaseChunks.reduce((n, c) => n + c.columns.length, 0)).toBe(1_000_000);
  });
});
