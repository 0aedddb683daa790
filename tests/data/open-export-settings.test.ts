/** Issue 19: the store id is made once and kept; a bad one is refused and the stored one stays. */
import { describe, expect, it } from 'vitest';
import { getOpenExportSettings, readOpenExportSettings, saveOpenExportSettings } from '../../src/data/open-export';
import { freshDb } from './helpers';

describe('open-format export settings', () => {
  it('make a store id once and keep it', async () => {
    const db = freshDb();
    const first = await getOpenExportSettings(db);
    expect(first).toEqual({ storeId: expect.stringMatching(/^KQ-[0-9A-F]{8}$/), sharedMemberIds: false });
    expect(await getOpenExportSettings(db)).toEqual(first);
    // Another store (another database) gets its own.
    expect((await getOpenExportSettings(freshDb())).storeId).not.toBe(first.storeId);
  });

  it("keep the head office's code and the shared-member-ids choice, and refuse a bad id", async () => {
    const db = freshDb();
    await getOpenExportSettings(db);
    expect(await saveOpenExportSettings(db, { storeId: ' SH-001 ', sharedMemberIds: true })).toEqual({ ok: true, value: { storeId: 'SH-001', sharedMemberIds: true } });
    expect(await saveOpenExportSettings(db, { storeId: 'SH 002', sharedMemberIds: false })).toEqual({ ok: false, error: { code: 'openExport.badStoreId', max: 32 } });
    expect(await getOpenExportSettings(db)).toEqual({ storeId: 'SH-001', sharedMemberIds: true });
  });

  it('replace a stored id that is not one (a hand-edited backup) with a new one', async () => {
    const db = freshDb();
    await db.settings.put({ key: 'openExport', value: { storeId: "x'; DROP", sharedMemberIds: true } });
    expect(await getOpenExportSettings(db)).toEqual({ storeId: expect.stringMatching(/^KQ-/), sharedMemberIds: true });
  });

  it('are read for a screen without writing: a new id is offered until it is saved or exported', async () => {
    const db = freshDb();
    const offered = await readOpenExportSettings(db);
    expect(offered).toEqual({ storeId: expect.stringMatching(/^KQ-[0-9A-F]{8}$/), sharedMemberIds: false });
    // Nothing stored: opening the screen changes no data (every analysis on it would be asked again).
    expect(await db.settings.get('openExport')).toBeUndefined();
    // The export saves what the screen shows first; from then on it is the store's.
    expect(await saveOpenExportSettings(db, offered)).toEqual({ ok: true, value: offered });
    expect(await readOpenExportSettings(db)).toEqual(offered);
    expect(await getOpenExportSettings(db)).toEqual(offered);
  });
});
