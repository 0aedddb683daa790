import { describe, expect, it } from 'vitest';
import { exportBackup, restoreRows } from '../../src/data/backup';
import { getLastBackupAt, saveStoreProfile } from '../../src/data/settings';
import { markBackedUp } from '../../src/data/backup';
import { replaceWithDemoStore, storeCounts } from '../../src/data/store';
import { readBackup } from '../../src/lib/backup/read';
import { freshDb, smallDemo, customers as customerTable } from './helpers';

describe('backup and restore', () => {
  it('restores a downloaded backup into an empty browser exactly', async () => {
    const source = freshDb();
    await replaceWithDemoStore(source, smallDemo());
    await saveStoreProfile(source, { name: '客情示范店', type: 'apparel', currency: 'CNY' });
    const blob = await exportBackup(source, new Date('2026-11-23T08:00:00Z'));
    expect(new TextDecoder().decode(await blob.slice(0, 8).arrayBuffer())).toBe('KQBACKUP'); // the container, lib/backup/container

    const read = await readBackup(blob);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.value.header.exportedAt).toBe('2026-11-23T08:00:00.000Z');
    const target = freshDb();
    await restoreRows(target, read.value.rows);

    expect(await storeCounts(target)).toEqual(await storeCounts(source));
    expect(await customerTable(target).toArray()).toEqual(await customerTable(source).toArray());
    expect(await target.purchaseChunks.toArray()).toEqual(await source.purchaseChunks.toArray());
    expect(await target.settings.toArray()).toEqual(await source.settings.toArray());
  });

  it('leaves current data untouched when a restore fails while writing', async () => {
    const db = freshDb();
    await replaceWithDemoStore(db, smallDemo(1));
    const before = await storeCounts(db);
    const other = freshDb();
    await replaceWithDemoStore(other, smallDemo(2));
    const read = await readBackup(await exportBackup(other));
    if (!read.ok) throw new Error('unreadable');
    // Two chunks with one key: the database refuses the second after the tables were cleared.
    const rows = { ...read.value.rows, purchaseChunks: [...read.value.rows.purchaseChunks, read.value.rows.purchaseChunks[0]!] };
    await expect(restoreRows(db, rows)).rejects.toThrow();
    expect(await storeCounts(db)).toEqual(before);
  });

  it('remembers when the last backup was made', async () => {
    const db = freshDb();
    expect(await getLastBackupAt(db)).toBeNull();
    await markBackedUp(db, new Date('2026-11-20T09:00:00Z'));
    expect(await getLastBackupAt(db)).toBe('2026-11-20T09:00:00.000Z');
  });
});
