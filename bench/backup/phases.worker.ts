/** Times a backup and a restore of the seeded store phase by phase (bench/backup.mjs prints them). */
import { exportBackup, readBackupTable, restoreKeys, restoreRows } from '../../src/data/backup';
import { KeqingDb, keysForChunks, SCHEMA_VERSION } from '../../src/data/db';
import { BACKUP_APP, BACKUP_FORMAT, ContainerBackupWriter } from '../../src/lib/backup/format';
import { readBackup } from '../../src/lib/backup/read';
import { validateTables } from '../../src/lib/backup/validate';
import { storeTables, type StoreTable } from '../../src/lib/store-rows';

const db = new KeqingDb();

async function time<T>(out: Record<string, number>, name: string, work: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const r = await work();
  out[name] = performance.now() - t0;
  return r;
}

self.onmessage = async () => {
  try {
    const r: Record<string, number> = {};
    const file = await time(r, 'backup.total', () => exportBackup(db));
    r['backup.fileMB'] = file.size / 1e6;
    // The same backup taken apart: each table read, then its rows encoded (column lines, chunks as
    // row lines, arrays packed), then the text compressed at the end; tables under 20 ms are not printed.
    const writer = new ContainerBackupWriter({ app: BACKUP_APP, format: BACKUP_FORMAT, exportedAt: null, schemaVersion: SCHEMA_VERSION });
    const tables: Partial<Record<StoreTable, unknown[]>> = {};
    await db.transaction('r', db.storeTables(), async () => {
      for (const t of storeTables) {
        const t0 = performance.now();
        const rows = (tables[t] = await readBackupTable(db, t));
        const t1 = performance.now();
        writer.table(t);
        for (let i = 0; i < rows.length; i += 2_048) writer.page(rows.slice(i, i + 2_048));
        const t2 = performance.now();
        if (t1 - t0 > 20) r[`backup.read.${t}`] = t1 - t0;
        if (t2 - t1 > 20) r[`backup.encode.${t}`] = t2 - t1;
      }
    });
    await time(r, 'backup.finish', () => writer.finish());
    r.customers = tables.customers!.length;
    r.tierStates = tables.tierStates!.length;
    r.tierLog = tables.tierLog!.length;
    const text = await time(r, 'restore.unpack', async () => {
      const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
      const body = magic[0] === 0x1f ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream();
      return new Response(body).blob();
    });
    r['restore.bodyMB'] = text.size / 1e6;
    const read = await time(r, 'restore.readAndCheck', () => readBackup(file));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    await time(r, 'restore.check', () => validateTables(read.value.rows as never));
    await time(r, 'restore.keys.mapPerLine', () => keysForChunks(read.value.rows.purchaseChunks));
    const keys = await time(r, 'restore.keys', () => restoreKeys(read.value.rows.purchaseChunks));
    const scratch = new KeqingDb('bench-scratch');
    await scratch.purchaseChunks.clear();
    await time(r, 'restore.write.chunksOnly', () => scratch.transaction('rw', scratch.purchaseChunks, () => scratch.purchaseChunks.bulkAdd(read.value.rows.purchaseChunks)));
    await scratch.purchaseChunks.clear();
    scratch.close();
    await time(r, 'restore.write', () => restoreRows(db, read.value.rows, 'current', keys));
    self.postMessage(r);
  } catch (e) {
    self.postMessage({ error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
};
