/**
 * Whole-store backup: streamed out as gzip JSON, and restored in one transaction (the current data
 * stays exactly as it was unless every row of the file has been checked and written).
 */
import { BACKUP_APP, BACKUP_FORMAT, headerLine, rowLine, TABLE_CLOSE_LINE, tableOpenLine, trailerLine } from '../lib/backup/format';
import { storeTables, type StoreRows } from '../lib/store-rows';
import { keysForChunks, SCHEMA_VERSION, type KeqingDb } from './db';
import { setLastBackupAt } from './settings';

/** Strings are gathered into Blobs of about this size, so no giant string is ever built. */
const PART_CHARS = 4 * 1024 * 1024;

export async function exportBackup(db: KeqingDb, now = new Date()): Promise<Blob> {
  const parts: Blob[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  const push = (line: string) => {
    pending.push(line, '\n');
    pendingChars += line.length + 1;
    if (pendingChars >= PART_CHARS) {
      parts.push(new Blob(pending));
      pending = [];
      pendingChars = 0;
    }
  };
  push(headerLine({ app: BACKUP_APP, format: BACKUP_FORMAT, exportedAt: now.toISOString(), schemaVersion: SCHEMA_VERSION }));
  const counts: Record<string, number> = {};
  // One read transaction: the file is a consistent snapshot even if the user edits meanwhile.
  await db.transaction('r', db.storeTables(), async () => {
    for (const [t, name] of storeTables.entries()) {
      push(tableOpenLine(name, t === 0));
      let n = 0;
      await db.table(name).each((row: unknown) => push(rowLine(row, n++ === 0)));
      counts[name] = n;
      push(TABLE_CLOSE_LINE);
    }
  });
  push(trailerLine(counts));
  parts.push(new Blob(pending));
  const gzip = new Blob(parts).stream().pipeThrough(new CompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  return new Blob([await new Response(gzip).blob()], { type: 'application/gzip' });
}

export function backupFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `keqing-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json.gz`;
}

/** Records that the user has a fresh backup (shown in Settings as "last backup N days ago"). */
export const markBackedUp = (db: KeqingDb, at = new Date()) => setLastBackupAt(db, at);

/**
 * Replaces everything with checked rows. One transaction: a failure part-way changes nothing.
 * Line keys are rebuilt from the lines; undo data does not survive a restore.
 */
export async function restoreRows(db: KeqingDb, rows: StoreRows): Promise<void> {
  await db.transaction('rw', db.allTables(), async () => {
    for (const table of db.allTables()) await table.clear();
    for (const name of storeTables) await db.table(name).bulkAdd(rows[name]);
    await db.purchaseKeys.bulkAdd(keysForChunks(rows.purchaseChunks));
  });
}
