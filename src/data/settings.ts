import { defaultStoreProfile, type StoreProfile } from '../lib/store-profile';
import type { KeqingDb } from './db';

async function read<T>(db: KeqingDb, key: string, fallback: T): Promise<T> {
  const row = await db.settings.get(key);
  return row === undefined ? fallback : (row.value as T);
}

export const getStoreProfile = (db: KeqingDb) => read<StoreProfile>(db, 'profile', defaultStoreProfile);
export const saveStoreProfile = (db: KeqingDb, profile: StoreProfile) => db.settings.put({ key: 'profile', value: profile });

/** ISO instant of the last backup the user downloaded, or null. */
export const getLastBackupAt = (db: KeqingDb) => read<string | null>(db, 'lastBackupAt', null);
export const setLastBackupAt = (db: KeqingDb, at: Date) => db.settings.put({ key: 'lastBackupAt', value: at.toISOString() });

/** A mapping the user confirmed, remembered for files with the same headers. */
export interface SavedMapping {
  headerRow: number;
  mapping: (string | null)[];
  kind: string;
  matchKey: string;
  dateOrder: string | null;
}
const mappingKey = (signature: string) => `importMapping:${signature}`;
export const getSavedMapping = (db: KeqingDb, signature: string) => read<SavedMapping | null>(db, mappingKey(signature), null);
export const saveMapping = (db: KeqingDb, signature: string, saved: SavedMapping) => db.settings.put({ key: mappingKey(signature), value: saved });

/** The shop's own suggested action per segment id (see lib/rfm/actions). */
export const getSegmentActions = (db: KeqingDb) => read<Record<string, string>>(db, 'segmentActions', {});
export async function saveSegmentAction(db: KeqingDb, segment: string, text: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const own = await getSegmentActions(db);
    await db.settings.put({ key: 'segmentActions', value: { ...own, [segment]: text } });
  });
}
