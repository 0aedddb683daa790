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
