/** Tags, auto-tag rules and their last evaluation, saved groups (客群), and the contact log. */
import type { AutoTag } from '../lib/tags/auto';
import { lastContacts, type ContactChannel } from '../lib/tags/contacts';
import type { SavedGroup } from '../lib/tags/groups';
import { retag, type TagGroup } from '../lib/tags/tags';
import type { PromiseExtended } from 'dexie';
import type { KeqingDb } from './db';
import { getCustomers, putCustomers } from './customer-store';

// A Dexie promise: saveGroup and deleteGroup await it inside their transactions (a native one can let the write fall outside).
function read<T>(db: KeqingDb, key: string, fallback: T): PromiseExtended<T> {
  return db.settings.get(key).then((row) => (row === undefined ? fallback : (row.value as T)));
}

export const getTagGroups = (db: KeqingDb) => read<TagGroup[]>(db, 'tagGroups', []);
export const saveTagGroups = (db: KeqingDb, groups: TagGroup[]) => db.settings.put({ key: 'tagGroups', value: groups });

export const getAutoTags = (db: KeqingDb) => read<AutoTag[]>(db, 'autoTags', []);
export const saveAutoTags = (db: KeqingDb, rules: AutoTag[]) => db.settings.put({ key: 'autoTags', value: rules });

/** The last evaluation of the auto tags: members per tag, and when (ISO instant). */
export interface AutoTagMembers {
  at: string;
  members: Record<string, number[]>;
}
export const getAutoMembers = (db: KeqingDb) => read<AutoTagMembers | null>(db, 'autoTagMembers', null);
export const saveAutoMembers = (db: KeqingDb, members: Map<string, number[]>, at: Date) =>
  db.settings.put({ key: 'autoTagMembers', value: { at: at.toISOString(), members: Object.fromEntries(members) } satisfies AutoTagMembers });

export const getSavedGroups = (db: KeqingDb) => read<SavedGroup[]>(db, 'savedGroups', []);
export async function saveGroup(db: KeqingDb, group: SavedGroup): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const all = await getSavedGroups(db);
    const at = all.findIndex((g) => g.id === group.id);
    await db.settings.put({ key: 'savedGroups', value: at < 0 ? [...all, group] : all.map((g) => (g.id === group.id ? group : g)) });
  });
}
export async function deleteGroup(db: KeqingDb, id: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: 'savedGroups', value: (await getSavedGroups(db)).filter((g) => g.id !== id) });
  });
}

/** Puts a tag on (or takes it off) these customers, all in one transaction; returns how many changed. */
export async function tagCustomers(db: KeqingDb, ids: readonly number[], tagId: string, on: boolean): Promise<number> {
  return db.transaction('rw', db.customerPacks, async () => {
    const found = (await getCustomers(db, [...ids])).filter((c) => c !== undefined);
    const changed = retag(found, tagId, on).map((c) => ({ ...c, updatedAt: new Date().toISOString() }));
    await putCustomers(db, changed);
    return changed.length;
  });
}

/** Records these customers as contacted on `day` (after calling down an exported list). */
export async function recordContacts(db: KeqingDb, ids: readonly number[], day: number, channel: ContactChannel, note?: string): Promise<void> {
  await db.contacts.bulkAdd(ids.map((customerId) => ({ customerId, day, channel, ...(note ? { note } : {}) })) as never);
}

export async function readLastContacts(db: KeqingDb): Promise<Map<number, number>> {
  return lastContacts(await db.contacts.toArray());
}
