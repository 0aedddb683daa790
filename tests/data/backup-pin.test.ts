import { describe, expect, it } from 'vitest';
import { getLockout, getStoredPin, LOCKOUT_KEY, savePin, tryPin } from '../../src/data/access';
import { backupHasPin, exportBackup, restoreRows } from '../../src/data/backup';
import { SCHEMA_VERSION } from '../../src/data/db';
import { storeCounts } from '../../src/data/store';
import { PIN_ITERATIONS_FLOOR } from '../../src/lib/access/pin';
import { readBackup } from '../../src/lib/backup/read';
import { freshDb, customers as customerTable } from './helpers';

/** A store with one customer and a manager PIN, backed up (encrypted or not) and read back. */
async function backupWithPin(pin: string, passphrase?: string) {
  const source = freshDb();
  await customerTable(source).add({ name: '王芳', phone: '13800138000', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
  await savePin(source, pin, PIN_ITERATIONS_FLOOR);
  const blob = await exportBackup(source, new Date('2026-12-01T08:00:00Z'), passphrase ? { passphrase, iterations: 1000 } : {});
  const read = await readBackup(blob, undefined, { passphrase, maxSchema: SCHEMA_VERSION });
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  return read.value;
}

describe('restore and the manager PIN', () => {
  it('keeps the current PIN unless told otherwise, and the backup PIN only when chosen', { timeout: 60_000 }, async () => {
    const backup = await backupWithPin('111111');
    expect(backupHasPin(backup.rows)).toBe(true);

    const here = freshDb();
    await savePin(here, '222222', PIN_ITERATIONS_FLOOR);
    await restoreRows(here, backup.rows); // default: current
    expect(await customerTable(here).count()).toBe(1);
    expect(await tryPin(here, '222222')).toEqual({ ok: true });
    expect(await tryPin(here, '111111')).toMatchObject({ ok: false });

    await restoreRows(here, backup.rows, 'backup');
    expect(await tryPin(here, '111111')).toEqual({ ok: true });

    await restoreRows(here, backup.rows, 'none');
    expect(await getStoredPin(here)).toBeNull();
  });

  it('keeps this browser’s wrong-try count whatever the backup says', { timeout: 60_000 }, async () => {
    const backup = await backupWithPin('111111');
    const rows = { ...backup.rows, settings: [...backup.rows.settings, { key: LOCKOUT_KEY, value: { failures: 0, until: 0 } }] };
    const here = freshDb();
    await savePin(here, '222222', PIN_ITERATIONS_FLOOR);
    await here.settings.put({ key: LOCKOUT_KEY, value: { failures: 7, until: 5 } });
    await restoreRows(here, rows, 'backup');
    expect(await getLockout(here)).toEqual({ failures: 7, until: 5 });
  });

  it('restores an encrypted backup with its passphrase; a wrong one changes nothing', { timeout: 60_000 }, async () => {
    const backup = await backupWithPin('111111', 'correct horse');
    const here = freshDb();
    await customerTable(here).bulkAdd([{ name: 'A', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }, { name: 'B', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }]);
    const before = await storeCounts(here);
    const source = freshDb();
    await customerTable(source).add({ name: 'C', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
    const sealed = await exportBackup(source, new Date(), { passphrase: 'correct horse', iterations: 1000 });
    expect(await readBackup(sealed, undefined, { passphrase: 'wrong horse' })).toEqual({ ok: false, error: { code: 'backup.wrongPassphrase' } });
    expect(await storeCounts(here)).toEqual(before);
    expect(backup.encrypted).toBe(true);
    await restoreRows(here, backup.rows);
    expect((await customerTable(here).toArray()).map((c) => c.name)).toEqual(['王芳']);
  });
});
