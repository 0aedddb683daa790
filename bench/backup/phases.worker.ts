/** Times a backup and a restore of the seeded store phase by phase (bench/backup.mjs prints them). */
import { exportBackup, restoreKeys, restoreRows } from '../../src/data/backup';
import { KeqingDb, keysForChunks, SCHEMA_VERSION } from '../../src/data/db';
import { BACKUP_FORMAT, backupContainer, backupLines } from '../../src/lib/backup/format';
import { crc32, encodeArray } from '../../src/lib/backup/binary';
import { readBackup } from '../../src/lib/backup/read';
import { validateTables } from '../../src/lib/backup/validate';
import { storeTables } from '../../src/lib/store-rows';

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
    const tables: Record<string, unknown[]> = {};
    await time(r, 'backup.read', () =>
      db.transaction('r', db.storeTables(), async () => {
        for (const t of storeTables) {
          const t0 = performance.now();
          tables[t] = await db.table(t).toArray();
          if (t === 'customers' || t === 'purchaseChunks') r[`backup.read.${t}`] = performance.now() - t0;
        }
      }),
    );
    const customerLines = await time(r, 'backup.serialise.customers', () => tables.customers!.map((row) => JSON.stringify(row)).join('\n'));
    const chunks = tables.purchaseChunks as { columns: Record<string, unknown> }[];
    await time(r, 'backup.serialise.chunkText', () => chunks.map((c) => JSON.stringify({ ...c, columns: { orderDict: c.columns.orderDict, itemDict: c.columns.itemDict } })).join('\n'));
    await time(r, 'backup.encodeArrays', () => {
      for (const c of chunks) for (const v of Object.values(c.columns)) if (ArrayBuffer.isView(v)) encodeArray(v as never);
    });
    const textBytes = await time(r, 'backup.utf8.customers', () => new TextEncoder().encode(customerLines));
    r['backup.customersTextMB'] = textBytes.length / 1e6;
    await time(r, 'backup.crc.customers', () => crc32(textBytes));
    const packed = await time(r, 'backup.deflate.customers', () => new Response(new Blob([textBytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    r['backup.customersPackedMB'] = packed.byteLength / 1e6;
    await time(r, 'restore.inflate.customers', () => new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());
    await time(r, 'restore.parse.customers', () => customerLines.split('\n').map((l) => JSON.parse(l)));
    // Format 1 (gzip of JSON lines, arrays as base64) against format 2 (the container), same rows, same run.
    const header = { app: 'keqing' as const, format: BACKUP_FORMAT, exportedAt: new Date().toISOString(), schemaVersion: SCHEMA_VERSION };
    const entries = () => storeTables.map((t) => [t, tables[t]!] as [string, unknown[]]);
    const format1 = await time(r, 'compare.format1.write', async () => {
      const lines = [...backupLines(header, entries())].map((l) => `${l}\n`);
      return new Response(new Blob(lines).stream().pipeThrough(new CompressionStream('gzip'))).blob();
    });
    const format2 = await time(r, 'compare.format2.write', () => backupContainer(header, entries()));
    r['compare.format1.MB'] = format1.size / 1e6;
    r['compare.format2.MB'] = format2.size / 1e6;
    await time(r, 'compare.format1.read', () => readBackup(format1));
    await time(r, 'compare.format2.read', () => readBackup(format2));
    const file = await time(r, 'backup.total', () => exportBackup(db));
    r['backup.fileMB'] = file.size / 1e6;
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
    r.customers = tables.customers!.length;
    self.postMessage(r);
  } catch (e) {
    self.postMessage({ error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
};
