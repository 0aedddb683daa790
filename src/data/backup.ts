/**
 * Whole-store backup: streamed out as a container of JSON lines and binary columns
 * (lib/backup/container), and restored in one transaction (the current data stays exactly as it
 * was unless every row of the file has been checked and written).
 */
import { encryptBackup } from '../lib/backup/envelope';
import { BACKUP_APP, BACKUP_FORMAT, ContainerBackupWriter } from '../lib/backup/format';
import { LOCKOUT_KEY, PIN_KEY } from './access';
import { storeTables, type StoreRows, type StoreTable } from '../lib/store-rows';
import type { IndexableType, PromiseExtended, Table } from 'dexie';
import { SCHEMA_VERSION, storedTable, type KeqingDb, type PurchaseKeys } from './db';
import { batchLineKeys } from '../lib/purchases/line-key';
import type { PurchaseChunk } from '../lib/store-rows';
import { setLastBackupAt } from './settings';
import { countCustomers, eachCustomerPack, replaceAllCustomers } from './customer-store';
import { eachRowPack, replaceRows, rowsMeta, type PackTable } from './row-packs';

export interface ExportOptions {
  /** Seal the file with this passphrase (lib/backup/envelope); iterations only for tests. */
  passphrase?: string;
  iterations?: number;
  /** Rows written so far ÷ all rows. */
  onProgress?: (fraction: number) => void;
}

/**
 * Rows read per request: getAll over a key range costs one round trip per page, where a cursor
 * (`each`) costs one per row (100,000 customers: seconds). Purchase chunks are large already.
 */
const READ_PAGE_ROWS = 2_000;
const READ_PAGE_CHUNKS = 4;

/**
 * Every row of a table in primary-key order, a page at a time. The next page is asked for before
 * this one is written out, so the database reads it while the rows are encoded.
 */
async function eachPage(table: Table, size: number, onPage: (rows: readonly unknown[]) => void): Promise<void> {
  const keyPath = table.schema.primKey.keyPath as string;
  let rows = await table.toCollection().limit(size).toArray();
  for (;;) {
    const last = rows.length < size ? undefined : (rows[rows.length - 1] as Record<string, IndexableType>)[keyPath]!;
    const next = last === undefined ? null : table.where(':id').above(last).limit(size).toArray();
    onPage(rows);
    if (!next) return;
    rows = await next;
  }
}

/** A table stored packed by data/row-packs (stored under another name than the file's, and not the customer file). */
const rowPacks = (db: KeqingDb, name: StoreTable): PackTable<{ id: number }> | null => (name !== 'customers' && storedTable(name) !== name ? db.table(storedTable(name)) : null);

/** How many rows a backup table holds: the file's customers, tier states and tier log are stored packed. */
function countRows(db: KeqingDb, name: StoreTable): PromiseExtended<number> {
  const packs = rowPacks(db, name);
  if (packs) return rowsMeta(packs).then((m) => m.count);
  return name === 'customers' ? countCustomers(db) : db.table(name).count();
}

// eachTablePage and writeRows hand back the reads' and writes' own promises, not an async wrapper's:
// the export and the restore go on to the next table inside their transaction after each (a native
// promise there is a chance for that table's requests to fall outside the transaction).

/** Every row of a backup table, a page (for customers: a pack) at a time. */
function eachTablePage(db: KeqingDb, name: StoreTable, onPage: (rows: readonly unknown[]) => void): Promise<void> {
  if (name === 'customers') return eachCustomerPack(db, (pack) => void onPage(pack));
  const packs = rowPacks(db, name);
  if (packs) return eachRowPack(packs, (rows) => void onPage(rows));
  return eachPage(db.table(name), name === 'purchaseChunks' ? READ_PAGE_CHUNKS : READ_PAGE_ROWS, onPage);
}

/** Every row of a backup table as the file holds it. */
export function readBackupTable(db: KeqingDb, name: StoreTable): Promise<unknown[]> {
  const rows: unknown[] = [];
  return eachTablePage(db, name, (page) => void rows.push(...page)).then(() => rows);
}

/** Writes a backup table's rows into the emptied store (customers as packs, next id past the file's highest). */
function writeRows(db: KeqingDb, name: StoreTable, rows: readonly unknown[]): PromiseExtended<void> {
  if (name === 'customers') return replaceAllCustomers(db, rows as StoreRows['customers']);
  const packs = rowPacks(db, name);
  if (packs) return replaceRows(packs, rows as { id: number }[]);
  return db.table(name).bulkAdd(rows as unknown[]).then(() => undefined);
}

/**
 * The backup file as a Blob. Meant to run in the backup worker (workers/backup.handlers): the
 * rows are encoded and compressed there, so the page only waits.
 */
export async function exportBackup(db: KeqingDb, now = new Date(), options: ExportOptions = {}): Promise<Blob> {
  const out = new ContainerBackupWriter({ app: BACKUP_APP, format: BACKUP_FORMAT, exportedAt: now.toISOString(), schemaVersion: SCHEMA_VERSION });
  // One read transaction: the file is a consistent snapshot even if the user edits meanwhile.
  await db.transaction('r', db.storeTables(), async () => {
    const totals = await Promise.all(storeTables.map((name) => countRows(db, name)));
    const total = totals.reduce((a, b) => a + b, 0) || 1;
    let done = 0;
    for (const name of storeTables) {
      out.table(name);
      await eachTablePage(db, name, (rows) => {
        out.page(rows);
        done += rows.length;
        options.onProgress?.(done / total);
      });
    }
  });
  const plain = await out.finish();
  // WebCrypto runs the cipher; the plaintext is read a chunk at a time.
  return options.passphrase ? encryptBackup(plain, options.passphrase, { iterations: options.iterations }) : plain;
}

export function backupFileName(now = new Date(), encrypted = false): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `keqing-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.kqbackup${encrypted ? '.enc' : ''}`;
}

/** Records that the user has a fresh backup (shown in Settings as "last backup N days ago"). */
export const markBackedUp = (db: KeqingDb, at = new Date()) => setLastBackupAt(db, at);

/**
 * The line keys of restored chunks: what `keysForChunks` (data/db) computes, a batch at a time
 * with its repeats found by one sort (a million lines: a map entry per line costs seconds).
 */
export function restoreKeys(chunks: readonly PurchaseChunk[]): Omit<PurchaseKeys, 'id'>[] {
  const sorted = [...chunks].sort((a, b) => a.id - b.id);
  const batches = new Map<number, PurchaseChunk[]>();
  for (const chunk of sorted) {
    const list = batches.get(chunk.batchId);
    if (list) list.push(chunk);
    else batches.set(chunk.batchId, [chunk]);
  }
  const keys = new Map<PurchaseChunk, Float64Array>();
  for (const list of batches.values()) batchLineKeys(list.map((c) => c.columns)).forEach((k, i) => keys.set(list[i]!, k));
  return sorted.map((chunk) => ({ batchId: chunk.batchId, keys: keys.get(chunk)! }));
}

/**
 * The manager PIN after a restore, always the user's explicit choice: a backup's PIN taken
 * silently could lock the shop out of its own data (a PIN nobody here knows).
 */
export type PinChoice = 'current' | 'backup' | 'none';

/**
 * Replaces everything with checked rows. One transaction: a failure part-way changes nothing.
 * Line keys are rebuilt from the lines (pass them in when already computed: hashing a million
 * lines inside the transaction is seconds of nothing else); undo data does not survive a restore.
 * The wrong-PIN count stays this browser's; the PIN is the one `pin` names.
 */
export async function restoreRows(db: KeqingDb, rows: StoreRows, pin: PinChoice = 'current', keys: Omit<PurchaseKeys, 'id'>[] = restoreKeys(rows.purchaseChunks)): Promise<void> {
  await db.transaction('rw', db.allTables(), async () => {
    const current = await db.settings.bulkGet([PIN_KEY, LOCKOUT_KEY]);
    for (const table of db.allTables()) await table.clear();
    for (const name of storeTables) {
      const list = name === 'settings' ? rows.settings.filter((r) => r.key !== PIN_KEY && r.key !== LOCKOUT_KEY) : rows[name];
      await writeRows(db, name, list);
    }
    await db.purchaseKeys.bulkAdd(keys);
    const keep = [pin === 'current' ? current[0] : pin === 'backup' ? rows.settings.find((r) => r.key === PIN_KEY) : undefined, current[1]];
    for (const row of keep) if (row) await db.settings.put(row);
  });
}

/** The backup carries a manager PIN record (the restore must ask what to do with it). */
export const backupHasPin = (rows: StoreRows) => rows.settings.some((r) => r.key === PIN_KEY);
