/**
 * The store's A/B/C tiers as stored: each customer's state as of the last review, and the log of
 * every change. A review's new state and its log land in one transaction, as do hand changes.
 */
import { err, ok, type Result } from '../lib/result';
import type { TierLogRow } from '../lib/store-rows';
import {
  countTiers,
  lastReviewDay,
  removeOverride,
  restoreChurned,
  setOverride,
  type ReviewResult,
  type Tier,
  type TierChange,
  type TierCounts,
  type TierState,
  type TierStateError,
} from '../lib/tiers';
import type { KeqingDb } from './db';
import { customerIds, customersVersion } from './customer-store';
import { tableVersion } from './versions';
import { appendRows, getRows, putRows, readAllRows, rowsMeta } from './row-packs';

/** Where the states and the log are stored (data/row-packs). */
export const TIER_STATES_TABLE = 'tierStatePacks';
export const TIER_LOG_TABLE = 'tierLogPacks';

export const readTierStates = (db: KeqingDb): Promise<TierState[]> => readAllRows(db.tierStatePacks);

/** The page's write counts of the customer file, the states and the log: the engine reads again what moved. */
export const tierStamps = () => ({ customers: customersVersion(), states: tableVersion(TIER_STATES_TABLE), log: tableVersion(TIER_LOG_TABLE) });

/** Oldest first, in the order written. */
// The log is shared with the 成长值 levels (lib/growth): their entries carry `scheme` and are not A/B/C changes.
const isTierEntry = (r: object): r is TierLogRow => (r as { scheme?: string }).scheme === undefined;
export const readTierLog = async (db: KeqingDb): Promise<TierLogRow[]> => (await readAllRows(db.tierLogPacks)).filter(isTierEntry);

/** The stored write stamps of the states and of the log (data/row-packs): an answer kept with them is current while they are unchanged. */
export const tierStatesStamp = (db: KeqingDb): Promise<string> => rowsMeta(db.tierStatePacks).then((m) => m.stamp);
export const tierLogStamp = (db: KeqingDb): Promise<string> => rowsMeta(db.tierLogPacks).then((m) => m.stamp);

/** Stores these states whole (demo stores and tests set tiers this way; the screens through reviews and hand changes). */
export const putTierStates = (db: KeqingDb, states: readonly TierState[]) => putRows(db.tierStatePacks, states);
/** Adds log entries (ids given in order). */
export const appendTierLog = (db: KeqingDb, entries: readonly Omit<TierLogRow, 'id'>[]) => appendRows(db.tierLogPacks, entries);

export interface TierOverview {
  counts: TierCounts;
  lastReview: number | null;
}

/** The counts and last review of these states: the Overview's tier tile and the tiers screen show the same. */
export const overviewOf = (states: readonly TierState[]): TierOverview => ({ counts: countTiers(states), lastReview: lastReviewDay(states) });

export type TierReviewError = { code: 'tiers.stateChanged' };

/**
 * Stores a review: every state it returned and its log, all or nothing. `basedOn` is what the review
 * started from: if another review or a hand change landed meanwhile, nothing is written. Customers
 * no longer in the file (merged as duplicates, an import undone) leave the tiers; their log stays.
 */
export async function saveTierReview(db: KeqingDb, result: ReviewResult, basedOn: { lastReview: number | null; logMark: number }): Promise<Result<void, TierReviewError>> {
  return db.transaction('rw', db.tierStatePacks, db.tierLogPacks, db.customerPacks, async () => {
    const [states, log, ids] = await Promise.all([readTierStates(db), rowsMeta(db.tierLogPacks), customerIds(db)]);
    if (lastReviewDay(states) !== basedOn.lastReview || log.next !== basedOn.logMark) return err({ code: 'tiers.stateChanged' as const });
    const filed = new Set(ids);
    const gone = states.filter((s) => !filed.has(s.id)).map((s) => s.id);
    await putRows(db.tierStatePacks, result.state.filter((s) => filed.has(s.id)), gone);
    await appendTierLog(db, result.log.filter((e) => filed.has(e.customerId)));
    return ok(undefined);
  });
}

/** What a review starts from: the stored states, with what saveTierReview checks nothing changed. */
// `logMark` is the id the next log entry gets: any entry added meanwhile (a hand change, a 成长值 review) moves it.
export async function tierReviewBase(db: KeqingDb): Promise<{ states: TierState[]; lastReview: number | null; logMark: number }> {
  return db.transaction('r', db.tierStatePacks, db.tierLogPacks, async () => {
    const [states, log] = await Promise.all([readTierStates(db), rowsMeta(db.tierLogPacks)]);
    return { states, lastReview: lastReviewDay(states), logMark: log.next };
  });
}

/** One customer's hand change: their new state and its log entry, together. */
async function changeOne(
  db: KeqingDb,
  id: number,
  apply: (state: readonly TierState[]) => Result<TierChange, TierStateError>,
  reason?: string,
): Promise<Result<void, TierStateError>> {
  return db.transaction('rw', db.tierStatePacks, db.tierLogPacks, async () => {
    const [s] = await getRows(db.tierStatePacks, [id]);
    const r = apply(s ? [s] : []);
    if (!r.ok) return r;
    await putRows(db.tierStatePacks, [r.value.state[0]!]);
    await appendTierLog(db, [{ ...r.value.entry, ...(reason ? { reason } : {}) }]);
    return ok(undefined);
  });
}

export type OverrideError = TierStateError | { code: 'tiers.reasonRequired' };

/** The manager's tier for a customer, with the reason (logged as 'manual', by hand). */
export async function overrideTier(db: KeqingDb, id: number, tier: Tier, reason: string, day: number): Promise<Result<void, OverrideError>> {
  const text = reason.trim();
  if (!text) return err({ code: 'tiers.reasonRequired' });
  return changeOne(db, id, (state) => setOverride(state, id, { tier, reason: text }, day), text);
}

export const removeTierOverride = (db: KeqingDb, id: number, day: number) => changeOne(db, id, (state) => removeOverride(state, id, day));

export const restoreChurnedCustomer = (db: KeqingDb, id: number, day: number) => changeOne(db, id, (state) => restoreChurned(state, id, day));
