/** Where the manager PIN's hash is kept (settings row 'accessPin'); see lib/access/pin. */
import { makeStoredPin, type StoredPin } from '../lib/access/pin';
import type { KeqingDb } from './db';

const KEY = 'accessPin';

export async function getStoredPin(db: KeqingDb): Promise<StoredPin | null> {
  const row = await db.settings.get(KEY);
  const v = row?.value as Partial<StoredPin> | undefined;
  return v && typeof v.salt === 'string' && typeof v.hash === 'string' ? { salt: v.salt, hash: v.hash } : null;
}

export const savePin = (db: KeqingDb, pin: string) => db.settings.put({ key: KEY, value: makeStoredPin(pin) });
export const removePin = (db: KeqingDb) => db.settings.delete(KEY);
