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

export const readTierStates = (db: KeqingDb): Promise<TierState[]> => db.tierStates.toArray();

/** The page's write counts of the customer file, the states and the log: the engine reads again what moved. */
export const tierStamps = () => ({ customers: customersVersion(), states: tableVersion('tierStates'), log: tableVersion('tierLog') });

/** Oldest first, in the order written. */
// The log is shared with the 成长值 levels (lib/growth): their entries carry `scheme` and are not A/B/C changes.
// Read whole (getAll) and filtered here: a Dexie filter walks a cursor, one record at a time.
const isTierEntry = (r: TierLogRow) => (r as { scheme?: string }).scheme === undefined;
export const readTierLog = async (db: KeqingDb): Promise<TierLogRow[]> => (await db.tierLog.toArray()).filter(isTierEntry);

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
export async function saveTierReview(db: KeqingDb, result: ReviewResult, basedOn: { lastReview: number | null; logCount: number }): Promise<Result<void, TierReviewError>> {
  return db.transaction('rw', db.tierStates, db.tierLog, db.customerPacks, async () => {
    const [states, logCount, ids] = await Promise.all([readTierStates(db), db.tierLog.count(), customerIds(db)]);
    if (lastReviewDay(states) !== basedOn.lastReview || logCount !== basedOn.logCount) return err({ code: 'tiers.stateChanged' as const });
    const filed = new Set(ids);
    await db.tierStates.bulkDelete(states.filter((s) => !filed.has(s.id)).map((s) => s.id));
    await db.tierStates.bulkPut(result.state.filter((s) => filed.has(s.id)));
    await db.tierLog.bulkAdd(result.log.filter((e) => filed.has(e.customerId)) as TierLogRow[]);
    return ok(undefined);
  });
}

/** What a review starts from: the stored states, with what saveTierReview checks nothing changed. */
export async function tierReviewBase(db: KeqingDb): Promise<{ states: TierState[]; lastReview: number | null; logCount: number }> {
  return db.transaction('r', db.tierStates, db.tierLog, async () => {
    const [states, logCount] = await Promise.all([readTierStates(db), db.tierLog.count()]);
    return { states, lastReview: lastReviewDay(states), logCount };
  });
}

/** One customer's hand change: their new state and its log entry, together. */
async function changeOne(
  db: KeqingDb,
  id: number,
  apply: (state: readonly TierState[]) => Result<TierChange, TierStateError>,
  reason?: string,
): Promise<Result<void, TierStateError>> {
  return db.transaction('rw', db.tierStates, db.tierLog, async () => {
    const s = await db.tierStates.get(id);
    const r = apply(s ? [s] : []);
    if (!r.ok) return r;
    await db.tierStates.put(r.value.state[0]!);
    await db.tierLog.add({ ...r.value.entry, ...(reason ? { reason } : {}) } as TierLogRow);
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
