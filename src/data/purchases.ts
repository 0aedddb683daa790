import { combineSummaries, splitColumns, summariseColumns, type ColumnsSummary, type PurchaseColumns } from '../lib/purchases/columns';
import { lineKeys } from '../lib/purchases/line-key';
import type { BatchKind, KeqingDb, PurchaseBatch } from './db';

/** Lines per stored chunk: big enough to write fast, small enough to read one at a time. */
export const CHUNK_LINES = 10_000;

export interface BatchExtras {
  at?: Date;
  /** Line keys when already computed (an import computes them in its worker). */
  keys?: Float64Array;
  report?: PurchaseBatch['report'];
}

/** Stores lines as one batch of packed chunks. Call inside a transaction to make it part of a larger change. */
export async function addPurchaseBatch(db: KeqingDb, kind: BatchKind, label: string, columns: PurchaseColumns, extras: BatchExtras = {}): Promise<number> {
  return db.transaction('rw', db.purchaseBatches, db.purchaseChunks, db.purchaseKeys, async () => {
    const batch: Omit<PurchaseBatch, 'id'> = { kind, label, at: (extras.at ?? new Date()).toISOString(), summary: summariseColumns(columns) };
    if (extras.report) batch.report = extras.report;
    const batchId = await db.purchaseBatches.add(batch);
    await db.purchaseChunks.bulkAdd(splitColumns(columns, CHUNK_LINES).map((piece) => ({ batchId, columns: piece })));
    await db.purchaseKeys.add({ batchId, keys: extras.keys ?? lineKeys(columns) });
    return batchId;
  });
}

/** Totals over all stored lines, from the batch summaries (no line is read). */
export async function purchaseTotals(db: KeqingDb): Promise<ColumnsSummary> {
  return combineSummaries((await db.purchaseBatches.toArray()).map((b) => b.summary));
}

/** Names the stored lines: changes whenever a batch is added or removed (the analysis worker reloads then). */
export async function purchasesVersion(db: KeqingDb): Promise<string> {
  return (await db.purchaseBatches.toCollection().primaryKeys()).join(',') || 'none';
}

/** Every stored chunk's columns, in storage order (for the analysis worker). */
export async function readAllColumns(db: KeqingDb): Promise<PurchaseColumns[]> {
  return (await db.purchaseChunks.toArray()).map((chunk) => chunk.columns);
}
