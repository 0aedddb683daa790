import { combineSummaries, splitColumns, summariseColumns, type ColumnsSummary, type PurchaseColumns } from '../lib/purchases/columns';
import type { BatchKind, KeqingDb } from './db';

/** Lines per stored chunk: big enough to write fast, small enough to read one at a time. */
export const CHUNK_LINES = 10_000;

/** Stores lines as one batch of packed chunks. Call inside a transaction to make it part of a larger change. */
export async function addPurchaseBatch(db: KeqingDb, kind: BatchKind, label: string, columns: PurchaseColumns, at = new Date()): Promise<number> {
  return db.transaction('rw', db.purchaseBatches, db.purchaseChunks, async () => {
    const batchId = await db.purchaseBatches.add({ kind, label, at: at.toISOString(), summary: summariseColumns(columns) });
    await db.purchaseChunks.bulkAdd(splitColumns(columns, CHUNK_LINES).map((piece) => ({ batchId, columns: piece })));
    return batchId;
  });
}

/** Totals over all stored lines, from the batch summaries (no line is read). */
export async function purchaseTotals(db: KeqingDb): Promise<ColumnsSummary> {
  return combineSummaries((await db.purchaseBatches.toArray()).map((b) => b.summary));
}
