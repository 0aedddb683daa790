/**
 * The backup worker's handlers (workers/backup.handlers), run here directly on a test database:
 * the file it writes is the one the reader reads, and a restore writes only a file it has checked.
 */
import { describe, expect, it } from 'vitest';
import { keysForChunks, type KeqingDb } from '../../src/data/db';
import { saveStoreProfile } from '../../src/data/settings';
import { replaceWithDemoStore, storeCounts } from '../../src/data/store';
import { readBackup } from '../../src/lib/backup/read';
import { backupHandlers } from '../../src/workers/backup.handlers';
import type { CallContext } from '../../src/workers/rpc';
import { freshDb, smallDemo, customers as customerTable } from './helpers';

function context(progress: number[] = []): CallContext<number> {
  return { signal: new AbortController().signal, checkpoint: async () => {}, progress: (f) => progress.push(f) };
}

async function demoDb(seed: number): Promise<KeqingDb> {
  const db = freshDb();
  await replaceWithDemoStore(db, smallDemo(seed));
  await saveStoreProfile(db, { name: `店${seed}`, type: 'apparel', currency: 'CNY' });
  return db;
}

describe('backup worker handlers', () => {
  it('writes a file the reader reads, reporting progress up to the whole store', async () => {
    const source = await demoDb(3);
    const progress: number[] = [];
    const file = await backupHandlers(() => source).write({ now: '2026-12-01T08:00:00.000Z' }, context(progress));
    const read = await readBackup(file);
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.value.header.exportedAt).toBe('2026-12-01T08:00:00.000Z');
    expect(read.value.rows.customers).toEqual(await customerTable(source).toArray());
    expect(read.value.rows.purchaseChunks).toEqual(await source.purchaseChunks.toArray());
    // Fractions only grow and end at 1 (every row of every table written).
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1]!)).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it('reads tables larger than one page in key order, every row once', async () => {
    const source = freshDb();
    // 4,500 customers: three pages of 2,000 (the last partial), ids 1…4,500.
    await customerTable(source).bulkAdd(Array.from({ length: 4_500 }, (_, i) => ({ name: `客户${i + 1}`, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }) as never));
    const read = await readBackup(await backupHandlers(() => source).write({ now: '2026-12-01T08:00:00.000Z' }, context()));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    expect(read.value.rows.customers.map((c) => c.id)).toEqual(Array.from({ length: 4_500 }, (_, i) => i + 1));
  });

  it('seals the file with a passphrase', async () => {
    const source = await demoDb(4);
    const file = await backupHandlers(() => source).write({ now: '2026-12-01T08:00:00.000Z', passphrase: '门店备份密码', iterations: 1000 }, context());
    expect((await readBackup(file)).ok).toBe(false); // no passphrase: refused
    const opened = await readBackup(file, undefined, { passphrase: '门店备份密码' });
    expect(opened.ok && opened.value.encrypted).toBe(true);
  });

  it('checks a file, shows its counts, then restores it with the line keys computed at reading', async () => {
    const source = await demoDb(5);
    const file = await backupHandlers(() => source).write({ now: '2026-12-01T08:00:00.000Z' }, context());
    const target = await demoDb(6);
    const targetBefore = await storeCounts(target);
    const worker = backupHandlers(() => target);
    const summary = await worker.read({ file, options: {} }, context());
    if (!summary.ok) throw new Error(JSON.stringify(summary.error));
    const counts = await storeCounts(source);
    expect(summary.value).toMatchObject({ customers: counts.customers, lines: counts.lines, hasPin: false, encrypted: false, warnings: [] });
    // Nothing written until the user confirms.
    expect(targetBefore).not.toEqual(counts);
    expect(await storeCounts(target)).toEqual(targetBefore);

    expect(await worker.restore({ pin: 'current' })).toEqual({ ok: true, value: null });
    expect(await storeCounts(target)).toEqual(counts);
    expect(await customerTable(target).toArray()).toEqual(await customerTable(source).toArray());
    const keys = (await target.purchaseKeys.toArray()).map(({ batchId, keys }) => ({ batchId, keys }));
    expect(keys).toEqual(keysForChunks(await source.purchaseChunks.toArray()));
    // The rows were let go: a second restore has nothing to write.
    expect(await worker.restore({ pin: 'current' })).toEqual({ ok: false, error: { code: 'backup.notRead' } });
  });

  it('refuses a damaged file and then has nothing to restore; the data stays', async () => {
    const source = await demoDb(7);
    const good = await backupHandlers(() => source).write({ now: '2026-12-01T08:00:00.000Z' }, context());
    const target = await demoDb(8);
    const before = await storeCounts(target);
    const worker = backupHandlers(() => target);
    expect((await worker.read({ file: good, options: {} }, context())).ok).toBe(true);
    // A second, cut-off file replaces the first: the checked rows of the first are not written.
    const cut = good.slice(0, Math.floor(good.size / 2));
    expect(await worker.read({ file: cut, options: {} }, context())).toEqual({ ok: false, error: { code: 'backup.truncated' } });
    expect(await worker.restore({ pin: 'current' })).toEqual({ ok: false, error: { code: 'backup.notRead' } });
    expect(await storeCounts(target)).toEqual(before);
  });

  it('forgets a checked file the user cancelled', async () => {
    const source = await demoDb(9);
    const target = freshDb();
    const worker = backupHandlers(() => target);
    await worker.read({ file: await backupHandlers(() => source).write({ now: '2026-12-01T08:00:00.000Z' }, context()), options: {} }, context());
    worker.forget();
    expect(await worker.restore({ pin: 'current' })).toEqual({ ok: false, error: { code: 'backup.notRead' } });
    expect((await storeCounts(target)).customers).toBe(0);
  });
});
