/** The open-format export's settings (issue 19): the store id, made once and kept, and whether the chain shares member ids. */
import type { OpenExportSettings } from '../lib/export/open-export';
import { newStoreId, validateStoreId, type StoreIdError } from '../lib/export/store-id';
import type { Result } from '../lib/result';
import type { KeqingDb } from './db';

const KEY = 'openExport';

/** The settings as stored; a store without a (valid) store id gets a new one, not yet stored. */
function fromRow(row: Partial<OpenExportSettings> | undefined): OpenExportSettings & { stored: boolean } {
  const stored = typeof row?.storeId === 'string' ? validateStoreId(row.storeId) : null;
  if (stored?.ok) return { storeId: stored.value, sharedMemberIds: row?.sharedMemberIds === true, stored: true };
  return { storeId: newStoreId(crypto.getRandomValues(new Uint8Array(4))), sharedMemberIds: row?.sharedMemberIds === true, stored: false };
}

/** The settings; a store without a store id gets one now, kept from then on. */
export async function getOpenExportSettings(db: KeqingDb): Promise<OpenExportSettings> {
  return db.transaction('rw', db.settings, async () => {
    const { stored, ...settings } = fromRow((await db.settings.get(KEY))?.value as Partial<OpenExportSettings> | undefined);
    if (!stored) await db.settings.put({ key: KEY, value: settings });
    return settings;
  });
}

/**
 * The settings for a screen, read without writing: a store with no id yet is offered a new one, kept
 * when it is saved or first exported. (Writing it on opening Segments changed the stored data, so
 * every analysis on the screen was asked again, the slowest, ABC by class, twice.)
 */
export async function readOpenExportSettings(db: KeqingDb): Promise<OpenExportSettings> {
  const { stored: _stored, ...settings } = fromRow((await db.settings.get(KEY))?.value as Partial<OpenExportSettings> | undefined);
  return settings;
}

export async function saveOpenExportSettings(db: KeqingDb, settings: OpenExportSettings): Promise<Result<OpenExportSettings, StoreIdError>> {
  const id = validateStoreId(settings.storeId);
  if (!id.ok) return id;
  const value = { storeId: id.value, sharedMemberIds: settings.sharedMemberIds };
  await db.settings.put({ key: KEY, value });
  return { ok: true, value };
}
