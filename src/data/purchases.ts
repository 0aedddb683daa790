import { combineSummaries, summariseColumns, type ColumnsSummary, type PackedBatch, type PurchaseColumns } from '../lib/purchases/columns';
import Dexie, { type PromiseExtended } from 'dexie';
import type { BatchKind, KeqingDb, PurchaseBatch } from './db';

export { CHUNK_LINES } from '../lib/purchases/columns';

export interface BatchExtras {
  at?: Date;
  report?: PurchaseBatch['report'];
  /**
   * Called with each chunk once it is written (its copy taken by IndexedDB, so the page may move
   * its arrays away), `last` on the batch's last: the analysis engine counts them meanwhile.
   */
  written?: (piece: PurchaseColumns, index: number, last: boolean) => void;
}

/** Chunk writes asked for before the first of them is answered (addPurchaseBatch). */
const CHUNKS_IN_FLIGHT = 3;

/**
 * Stores a packed batch (lib/purchases/line-key packBatch: chunks, totals, line keys).
 * Call inside a transaction to make it part of a larger change (it returns the transaction's own
 * Dexie promise: an import writes on after it, and a native promise there can let that write fall
 * outside the import's transaction).
 */
export function addPurchaseBatch(db: KeqingDb, kind: BatchKind, label: string, packed: PackedBatch, extras: BatchExtras = {}): PromiseExtended<number> {
  return db.transaction('rw', db.purchaseBatches, db.purchaseChunks, db.purchaseKeys, async () => {
    const batch: Omit<PurchaseBatch, 'id'> = { kind, label, at: (extras.at ?? new Date()).toISOString(), summary: packed.summary };
    if (extras.report) batch.report = extras.report;
    const batchId = await db.purchaseBatches.add(batch);
    // One chunk per request (each is a separate clone on the page, not one long task), a few in
    // flight: waiting for each before asking the next left the database idle between them (a
    // million lines: 100 chunks, 9 ms each, one after the other). They are stored, and handed on,
    // in order.
    const last = packed.pieces.length - 1;
    const inFlight: Promise<void>[] = [];
    for (const [i, piece] of packed.pieces.entries()) {
      const added = db.purchaseChunks.add({ batchId, columns: piece }).then(() => extras.written?.(piece, i, i === last));
      added.catch(() => {}); // awaited below (a failure aborts the transaction); not an unhandled rejection meanwhile
      inFlight.push(added);
      if (inFlight.length >= CHUNKS_IN_FLIGHT) await inFlight.shift();
    }
    for (const added of inFlight) await added;
    await db.purchaseKeys.add({ batchId, keys: packed.keys });
    return batchId;
  });
}

/**
 * Totals over all stored lines, from the batch summaries: no line is read, except those of a
 * batch stored before its excluded lines were counted (read once per call, then counted).
 */
export async function purchaseTotals(db: KeqingDb): Promise<ColumnsSummary> {
  const batches = await db.purchaseBatches.toArray();
  const summaries = await Promise.all(
    batches.map(async ({ id, summary }): Promise<ColumnsSummary> => {
      if (summary.excluded !== undefined && summary.excludedByMark !== undefined) return { ...summary, excluded: summary.excluded, excludedByMark: summary.excludedByMark };
      const chunks = await db.purchaseChunks.where('batchId').equals(id).toArray();
      const recount = combineSummaries(chunks.map((c) => summariseColumns(c.columns)));
      return { ...summary, excluded: recount.excluded, excludedByMark: recount.excludedByMark };
    }),
  );
  return combineSummaries(summaries);
}

/**
 * Writes the excluded-line counts into summaries stored before they were counted, so
 * purchaseTotals reads those batches' lines once, not on every call. Idempotent.
 */
export async function recountOldSummaries(db: KeqingDb): Promise<number> {
  const isOld = (b: PurchaseBatch) => b.summary.excluded === undefined || b.summary.excludedByMark === undefined;
  // Looked for first without writing: the Overview asks on every opening, and a write transaction,
  // even one that changes nothing, queues the page's reads behind whatever another tab is writing.
  if (!(await db.purchaseBatches.toArray()).some(isOld)) return 0;
  return db.transaction('rw', db.purchaseBatches, db.purchaseChunks, async () => {
    const old = (await db.purchaseBatches.toArray()).filter(isOld);
    for (const batch of old) {
      const chunks = await db.purchaseChunks.where('batchId').equals(batch.id).toArray();
      const recount = combineSummaries(chunks.map((c) => summariseColumns(c.columns)));
      await db.purchaseBatches.update(batch.id, { summary: { ...batch.summary, excluded: recount.excluded, excludedByMark: recount.excludedByMark } });
    }
    return old.length;
  });
}

/**
 * Each stored batch's id → a mark that changes when its lines do: when it was stored (a restore of
 * another store can reuse the ids), how many lines are not linked to a customer, and the token of
 * its last rewrite in place (markLinesChanged).
 */
export type BatchMarks = ReadonlyMap<number, string>;

export async function storedBatches(db: KeqingDb): Promise<BatchMarks> {
  return new Map((await db.purchaseBatches.toArray()).map((b) => [b.id, `${b.summary.linesWithoutCustomer}@${b.at}#${b.linesChanged ?? ''}`]));
}

/**
 * Every write that rewrites stored chunks in place (a merge moves lines, linking fills customer ids)
 * calls this, inside its transaction, for the batches it touched: their marks change, so the analysis
 * engine and anything kept for the old lines read them again. A fresh token, not a counter: a restore
 * can bring back an older count.
 */
export function markLinesChanged(db: KeqingDb, batchIds: Iterable<number>): PromiseExtended<void> {
  // Dexie promises (also when there is nothing to mark): a merge writes on after this in its transaction.
  return Dexie.Promise.all([...new Set(batchIds)].map((id) => db.purchaseBatches.update(id, { linesChanged: crypto.randomUUID() }))).then(() => undefined);
}

export const versionOf = (batches: BatchMarks) => [...batches].map(([id, mark]) => `${id}.${mark}`).join(',') || 'none';

/**
 * Names the stored lines: changes whenever a batch is added or removed, or its lines are rewritten
 * (markLinesChanged: a merge, linking), and the analysis worker reloads then.
 */
export const purchasesVersion = async (db: KeqingDb): Promise<string> => versionOf(await storedBatches(db));

/**
 * The batches added since `before`, when that is the only change (an import): then only their lines
 * need reading. null when a batch went or had its lines changed (an undo, a merge, linked lines).
 */
export function addedBatches(before: BatchMarks, now: BatchMarks): number[] | null {
  for (const [id, mark] of before) if (now.get(id) !== mark) return null;
  return [...now.keys()].filter((id) => !before.has(id));
}

/** The chunks of these batches in storage order, a few at a time, each read handed to `onRead` at once. */
export async function readBatchColumns(db: KeqingDb, batchIds: readonly number[], onRead: (columns: PurchaseColumns[]) => void = () => {}): Promise<PurchaseColumns[]> {
  const all: PurchaseColumns[] = [];
  for (const batchId of [...batchIds].sort((a, b) => a - b)) {
    const keys = await db.purchaseChunks.where('batchId').equals(batchId).primaryKeys();
    keys.sort((a, b) => a - b);
    for (let i = 0; i < keys.length; i += 4) {
      const page = await db.purchaseChunks.bulkGet(keys.slice(i, i + 4));
      const columns = page.flatMap((chunk) => (chunk ? [chunk.columns] : []));
      all.push(...columns);
      if (columns.length) onRead(columns);
    }
  }
  return all;
}

/**
 * Every stored chunk's columns, in storage order, read a few chunks at a time; each read is
 * handed to `onRead` at once (the analysis worker starts on them while the rest are read).
 */
export async function readAllColumns(db: KeqingDb, onRead: (columns: PurchaseColumns[]) => void = () => {}, chunksPerRead = 4): Promise<PurchaseColumns[]> {
  const all: PurchaseColumns[] = [];
  let last = 0;
  for (;;) {
    const page = await db.purchaseChunks.where(':id').above(last).limit(chunksPerRead).toArray();
    const columns = page.map((chunk) => chunk.columns);
    all.push(...columns);
    if (columns.length) onRead(columns);
    if (page.length < chunksPerRead) return all;
    last = page[page.length - 1]!.id;
  }
}
