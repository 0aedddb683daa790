import { defaultStoreProfile, type StoreProfile } from '../lib/store-profile';
import { defaultTierParams, type TierParams } from '../lib/tiers/rules';
import { validateRuleSet } from '../lib/rfm/rules-json';
import type { SegmentRuleSet } from '../lib/rfm/segments';
import type { RfmMethod } from '../lib/rfm/score';
import { checkHistoricSettings, type HistoricSettings } from '../lib/clv/historic';
import { checkClvSettings, type ClvSettings } from '../lib/clv/settings';
import type { PromiseExtended } from 'dexie';
import type { KeqingDb } from './db';

// Dexie promises: read-modify-write transactions below await them (a native promise there can let the write fall outside the transaction).
function read<T>(db: KeqingDb, key: string, fallback: T): PromiseExtended<T> {
  return db.settings.get(key).then((row) => (row === undefined ? fallback : (row.value as T)));
}

export const getStoreProfile = (db: KeqingDb) => read<StoreProfile>(db, 'profile', defaultStoreProfile);
export const saveStoreProfile = (db: KeqingDb, profile: StoreProfile) => db.settings.put({ key: 'profile', value: profile });

/** ISO instant of the last backup the user downloaded, or null. */
export const getLastBackupAt = (db: KeqingDb) => read<string | null>(db, 'lastBackupAt', null);
export const setLastBackupAt = (db: KeqingDb, at: Date) => db.settings.put({ key: 'lastBackupAt', value: at.toISOString() });

/** The shop's own suggested action per segment id (see lib/rfm/actions). */
export const getSegmentActions = (db: KeqingDb) => read<Record<string, string>>(db, 'segmentActions', {});
export async function saveSegmentAction(db: KeqingDb, segment: string, text: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const own = await getSegmentActions(db);
    await db.settings.put({ key: 'segmentActions', value: { ...own, [segment]: text } });
  });
}

/**
 * The segment rules and scoring method the store chose on the Segments screen, or null when it
 * never chose (the screen then takes the default for the UI language, lib/rfm/presets).
 */
export interface SegmentChoice {
  /** A preset id, or 'saved:<id>' for one of the store's rule sets. */
  preset: string;
  method: RfmMethod;
}
const isMethod = (v: unknown): v is RfmMethod => v === 'quantile' || v === 'rfm030' || v === 'manual' || v === 'mean';
export async function getSegmentChoice(db: KeqingDb): Promise<SegmentChoice | null> {
  const v = await read<unknown>(db, 'segmentChoice', null);
  // Anything else (a hand-edited backup) counts as no choice rather than a broken screen.
  if (typeof v !== 'object' || v === null) return null;
  const { preset, method } = v as Record<string, unknown>;
  return typeof preset === 'string' && isMethod(method) ? { preset, method } : null;
}
export const saveSegmentChoice = (db: KeqingDb, choice: SegmentChoice) => db.settings.put({ key: 'segmentChoice', value: { ...choice } });

/** The store's tier rules (points per yuan, thresholds); fields saved by an older version fall back to the defaults. */
export const getTierParams = async (db: KeqingDb): Promise<TierParams> => ({ ...defaultTierParams, ...(await read<Partial<TierParams>>(db, 'tierParams', {})) });
export const saveTierParams = (db: KeqingDb, params: TierParams) => db.settings.put({ key: 'tierParams', value: params });

/** The user's own RFM segment rule sets (lib/rfm), by id; read back through the same checks as an imported file. */
export interface SavedRuleSet {
  id: string;
  set: SegmentRuleSet;
}
export function getRuleSets(db: KeqingDb): PromiseExtended<SavedRuleSet[]> {
  return read<unknown>(db, 'rfmRuleSets', []).then((raw) => {
    if (!Array.isArray(raw)) return [];
    const sets: SavedRuleSet[] = [];
    for (const row of raw as { id?: unknown; set?: { name?: unknown; levels: unknown; rules: unknown } }[]) {
      const checked = typeof row?.id === 'string' && row.set ? validateRuleSet(row.set) : null;
      if (checked?.ok && checked.value.name) sets.push({ id: row.id as string, set: checked.value });
    }
    return sets;
  });
}
/** Adds the set, or replaces the one with the same id. */
export async function saveRuleSet(db: KeqingDb, saved: SavedRuleSet): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const sets = await getRuleSets(db);
    const i = sets.findIndex((s) => s.id === saved.id);
    if (i >= 0) sets[i] = saved;
    else sets.push(saved);
    await db.settings.put({ key: 'rfmRuleSets', value: sets });
  });
}
export async function deleteRuleSet(db: KeqingDb, id: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const sets = await getRuleSets(db);
    await db.settings.put({ key: 'rfmRuleSets', value: sets.filter((s) => s.id !== id) });
  });
}

/** Customer value (issue 8): store margin and the forward estimate's assumptions (lib/clv/historic). */
export const getValueSettings = async (db: KeqingDb): Promise<HistoricSettings> => checkHistoricSettings(await read<unknown>(db, 'valueSettings', {}));
export const saveValueSettings = (db: KeqingDb, settings: HistoricSettings) => db.settings.put({ key: 'valueSettings', value: settings });

/** The BG/NBD + Gamma-Gamma screen's unit, horizon and chosen end of observation (lib/clv/settings). */
export const getClvSettings = async (db: KeqingDb): Promise<ClvSettings> => checkClvSettings(await read<unknown>(db, 'clvSettings', {}));
export const saveClvSettings = (db: KeqingDb, settings: ClvSettings) => db.settings.put({ key: 'clvSettings', value: settings });

/** The last backup and how many import batches were stored after it (the Overview's backup nudge). */
export async function backupStatus(db: KeqingDb): Promise<{ at: string | null; importsSince: number }> {
  const at = await getLastBackupAt(db);
  const importsSince = at === null ? await db.purchaseBatches.count() : await db.purchaseBatches.where('at').above(at).count();
  return { at, importsSince };
}
