import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, backupLines, type BackupHeader } from '../../src/lib/backup/format';
import { readBackup } from '../../src/lib/backup/read';
import { packLines, summariseColumns } from '../../src/lib/purchases/columns';

const header = { app: 'keqing', format: BACKUP_FORMAT, exportedAt: '2026-11-23T08:00:00.000Z', schemaVersion: 9 };
const columns = packLines([{ day: 20_000, customerId: 1, amount: 12_345, quantity: 1, orderNo: 'S1' }]);
const batch = { id: 1, kind: 'demo', label: 'demo', at: '2026-11-23T08:00:00.000Z', summary: summariseColumns(columns) };
const tables = {
  settings: [{ key: 'profile', value: { name: '店', type: 'apparel', currency: 'CNY' } }],
  customers: [{ id: 1, name: '王芳', phone: '13800138000', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }],
  purchaseBatches: [batch],
  purchaseChunks: [{ id: 1, batchId: 1, columns }],
};
const now = new Date('2026-12-06T10:00:00Z');
const file = (h: object = header, t: Record<string, unknown[]> = tables) => new Blob([[...backupLines(h as BackupHeader, Object.entries(t))].join('\n') + '\n']);
const read = (blob: Blob) => readBackup(blob, undefined, { maxSchema: 9, now });

describe('restore checks on a backup the test builds', () => {
  it('refuses counts that are not whole numbers ("many", -1, 2.5) instead of showing NaN', async () => {
    const good = [...backupLines(header as BackupHeader, Object.entries(tables))].join('\n');
    for (const bad of ['"many"', '-1', '2.5', 'null']) {
      const text = good.replace(/"counts":\{"settings":1/, `"counts":{"settings":${bad}`);
      expect(text).not.toBe(good);
      expect(await read(new Blob([text + '\n'])), bad).toEqual({ ok: false, error: { code: 'backup.badCounts', table: 'settings' } });
    }
    // A table without its count is as suspect as a wrong one.
    const missing = good.replace('"settings":1,', '');
    expect(await read(new Blob([missing + '\n']))).toEqual({ ok: false, error: { code: 'backup.badCounts', table: 'settings' } });
  });

  it('refuses a batch whose line count is "many" or whose date is no date', async () => {
    const many = { ...tables, purchaseBatches: [{ ...batch, summary: { ...batch.summary, lines: 'many' } }] };
    expect(await read(file(header, many))).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'purchaseBatches', row: 1, problem: 'badField', field: 'summary' } });
    const noDate = { ...tables, purchaseBatches: [{ ...batch, at: 'yesterday' }] };
    expect(await read(file(header, noDate))).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'purchaseBatches', row: 1, problem: 'badField', field: 'at' } });
    // The lines' change token (a merge rewrote the batch's lines) is text when present.
    const badToken = { ...tables, purchaseBatches: [{ ...batch, linesChanged: 7 }] };
    expect(await read(file(header, badToken))).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'purchaseBatches', row: 1, problem: 'badField', field: 'linesChanged' } });
    const token = { ...tables, purchaseBatches: [{ ...batch, linesChanged: 'a1b2' }] };
    expect((await read(file(header, token))).ok).toBe(true);
  });

  it('keeps an invalid backup date as null with a warning, never "Invalid Date"', async () => {
    for (const exportedAt of ['not a date', '2026-13-45T99:00:00Z', 12345, undefined]) {
      const r = await read(file({ ...header, exportedAt }));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.value.header.exportedAt).toBeNull();
      expect(r.value.warnings).toEqual([{ code: 'backup.warn.noDate' }]);
    }
  });

  it('warns of a backup date in 2099; a date today or tomorrow (a till clock ahead) passes', async () => {
    const future = await read(file({ ...header, exportedAt: '2099-01-01T00:00:00Z' }));
    expect(future.ok && future.value.warnings).toEqual([{ code: 'backup.warn.futureDate', when: '2099-01-01T00:00:00.000Z' }]);
    const soon = await read(file({ ...header, exportedAt: '2026-12-07T09:00:00Z' })); // 23 h ahead
    expect(soon.ok && soon.value.warnings).toEqual([]);
  });

  it('refuses a schema version from the future or one that is not a number', async () => {
    expect(await read(file({ ...header, schemaVersion: 10 }))).toEqual({ ok: false, error: { code: 'backup.newerSchema', schema: 10, supported: 9 } });
    for (const schemaVersion of ['9', 0, 1.5, null]) {
      expect(await read(file({ ...header, schemaVersion })), String(schemaVersion)).toEqual({ ok: false, error: { code: 'backup.badSchema' } });
    }
  });

  it('type-checks settings values per key like table rows', async () => {
    const withSetting = (key: string, value: unknown) => file(header, { ...tables, settings: [{ key: 'growthLastReview', value: 20_000 }, { key, value }] });
    const bad: [string, unknown][] = [
      ['accessPin', '2580'], // a PIN in clear text would never match, and lock the shop out
      ['accessPin', { kdf: 'pbkdf2-sha256', iterations: 1, salt: btoa('x'.repeat(16)), hash: btoa('y'.repeat(32)) }],
      ['profile', { type: 'apparel' }],
      ['lastBackupAt', 'last week'],
      ['tierParams', { pointsForA: 'many' }],
      ['needsHourlyCost', -5],
      ['salesGroups', ['一组', 2]],
      ['importMapping:abc', 'x'],
    ];
    for (const [key, value] of bad) {
      expect(await read(withSetting(key, value)), key).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'settings', row: 2, problem: 'badField', field: key } });
    }
    const good: [string, unknown][] = [
      ['accessPin', { kdf: 'pbkdf2-sha256', iterations: 300_000, salt: btoa('x'.repeat(16)), hash: btoa('y'.repeat(32)) }],
      ['tierParams', { pointsForA: 50 }],
      ['salesGroups', ['一组']],
      ['importMapping:abc', { headerRow: 1 }],
    ];
    for (const [key, value] of good) expect((await read(withSetting(key, value))).ok, key).toBe(true);
  });
});
