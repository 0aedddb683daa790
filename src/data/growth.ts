/**
 * 成长值 levels in the database (lib/growth): the scheme and the last review day in settings, each
 * customer's level in growthStates, every change in the shared tier log (rows with scheme 'growth').
 * A review's states, log and day land in one transaction, as does a manager's adjustment.
 */
import { adjustGrowth, defaultGrowthScheme, validateGrowthScheme, type GrowthLogEntry, type GrowthScheme, type GrowthState } from '../lib/growth';
import { err, ok, type Result } from '../lib/result';
import type { KeqingDb } from './db';
import { customerIds, getCustomers } from './customer-store';
import { appendRows, eachRowPack, readAllRows } from './row-packs';

const SCHEME = 'growthScheme';
const LAST_REVIEW = 'growthLastReview';

export type GrowthLogRow = GrowthLogEntry & { id: number };

export async function getGrowthScheme(db: KeqingDb): Promise<GrowthScheme> {
  const saved = (await db.settings.get(SCHEME))?.value as Partial<GrowthScheme> | undefined;
  const merged = { ...defaultGrowthScheme, ...saved };
  return validateGrowthScheme(merged).ok ? merged : defaultGrowthScheme;
}
export const saveGrowthScheme = (db: KeqingDb, scheme: GrowthScheme) => db.settings.put({ key: SCHEME, value: JSON.parse(JSON.stringify(scheme)) as GrowthScheme });

export async function growthReviewBase(db: KeqingDb): Promise<{ states: GrowthState[]; lastReview: number | null }> {
  return db.transaction('r', db.growthStates, db.settings, async () => ({
    states: await db.growthStates.toArray(),
    lastReview: ((await db.settings.get(LAST_REVIEW))?.value as number | undefined) ?? null,
  }));
}

const isGrowthEntry = (r: object): r is GrowthLogRow => (r as { scheme?: string }).scheme === 'growth';
const logOf = (db: KeqingDb) => db.tierLogPacks;

/** The growth entries of the shared tier log, oldest first. */
export const readGrowthLog = (db: KeqingDb): Promise<GrowthLogRow[]> => readAllRows(logOf(db)).then((rows) => rows.filter(isGrowthEntry));

export type GrowthSaveError = { code: 'growth.stateChanged' };

/** Stores a review made from `basedOn` (nothing if another review landed meanwhile); customers no longer on file are left out. */
export async function saveGrowthReview(db: KeqingDb, result: { states: GrowthState[]; log: GrowthLogEntry[] }, basedOn: number | null, today: number): Promise<Result<void, GrowthSaveError>> {
  return db.transaction('rw', [db.growthStates, db.settings, db.customerPacks, db.tierLogPacks], async () => {
    const now = ((await db.settings.get(LAST_REVIEW))?.value as number | undefined) ?? null;
    if (now !== basedOn) return err({ code: 'growth.stateChanged' as const });
    const filed = new Set(await customerIds(db));
    await db.growthStates.bulkPut(result.states.filter((s) => filed.has(s.id)));
    await appendRows(logOf(db), result.log.filter((e) => filed.has(e.customerId)));
    await db.settings.put({ key: LAST_REVIEW, value: today });
    return ok(undefined);
  });
}

/** A manager's adjustment (with or without lock), its log entry with it. */
export async function adjustGrowthLevel(db: KeqingDb, customerId: number, level: number, lock: boolean, reason: string, day: number): Promise<void> {
  const scheme = await getGrowthScheme(db);
  await db.transaction('rw', [db.growthStates, db.tierLogPacks], async () => {
    const r = adjustGrowth(customerId, await db.growthStates.get(customerId), level, lock, reason, day, scheme);
    await db.growthStates.put(r.state);
    if (r.entry) await appendRows(logOf(db), [r.entry]);
  });
}

/** The newest `n` growth changes with the customers' names, for the log beside the report. */
export async function recentGrowthChanges(db: KeqingDb, n = 20): Promise<(GrowthLogRow & { name: string })[]> {
  // From the newest pack down, until n are found: the log also holds every A/B/C change.
  const rows: GrowthLogRow[] = [];
  await eachRowPack(
    logOf(db),
    (pack) => {
      for (let i = pack.length - 1; i >= 0 && rows.length < n; i--) {
        const r = pack[i]!;
        if (isGrowthEntry(r)) rows.push(r);
      }
      return rows.length < n;
    },
    true,
  );
  const people = await getCustomers(db, rows.map((r) => r.customerId));
  return rows.map((r, i) => ({ ...r, name: people[i]?.name ?? `#${r.customerId}` }));
}

/** One customer's level as the customer page shows it (null when the scheme is off or no level yet). */
export async function customerGrowth(db: KeqingDb, customerId: number): Promise<{ name: string; state: GrowthState } | null> {
  const scheme = await getGrowthScheme(db);
  const state = await db.growthStates.get(customerId);
  if (!scheme.enabled || !state) return null;
  return { name: scheme.levels[Math.min(state.level, scheme.levels.length - 1)]!.name, state };
}
