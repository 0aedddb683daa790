/**
 * The periodic tier review (domain.md §3, seed 004): inactivity downgrades, churn, manager overrides,
 * and a log of every change. Pure: takes the stored state, returns the next one; the caller stores it.
 */
import { err, ok, type Result } from '../result';
import { downgradeTier, type AssignRule, type Tier, type TierAssignment, type TierOverride, type TierParams } from './rules';

export type TierLogRule = AssignRule | 'inactive6m' | 'churn12m' | 'manual' | 'restore';

export interface TierLogEntry {
  customerId: number;
  /** null when the customer is given a tier for the first time. */
  from: Tier | null;
  to: Tier;
  rule: TierLogRule;
  day: number;
  by: 'rule' | 'hand';
}

export interface TierState {
  id: number;
  tier: Tier;
  /** On the churned list: kept for reference, skipped by reviews until restored by hand. */
  churned: boolean;
  override?: TierOverride;
  reviewedAt?: number;
  /** Day of the last inactivity downgrade: no further one until a full period passes after it. */
  downgradedAt?: number;
  /** Day a churned customer was restored by hand: the inactivity clocks restart from it. */
  restoredAt?: number;
  /** The tier held before the manager's override: removing the override goes back to it. */
  beforeOverride?: Tier;
}

export interface ReviewCustomer {
  id: number;
  /** Last purchase or visit; null when none is known. */
  lastDay: number | null;
  /** What the rules give on the review day (assignTierWithRule), null for never bought. */
  rulesTier: Tier | null;
  rulesReason: AssignRule | null;
}

export interface ReviewResult {
  state: TierState[];
  log: TierLogEntry[];
}

/**
 * Per customer, in this order: an override pins the tier (no downgrade, no churn); churned customers
 * are left alone; ≥ churnAfterDays without a purchase → churned (tier kept); ≥ downgradeAfterDays
 * since the last purchase, downgrade or restore → down one tier, once per period; while a downgrade
 * or restore is newer than the last purchase the tier is held; otherwise the rules decide.
 * Idempotent: reviewing the same data on the same day again returns the same state and no log.
 */
export function reviewTiers(
  customers: readonly ReviewCustomer[],
  state: readonly TierState[],
  reviewDay: number,
  params: TierParams,
): ReviewResult {
  // Only the stored customers are looked up: a first review (no state) needs no index.
  const byId = state.length > 0 ? new IdTable() : null;
  customers.forEach((c, k) => byId?.set(c.id, k)); // a repeated id: the last row counts
  const log: TierLogEntry[] = [];
  const next: TierState[] = [];
  const seen = new IdTable();

  const review = (s: TierState | undefined, c: ReviewCustomer): TierState | undefined => {
    const id = c.id;
    if (s?.override) {
      if (s.override.tier !== s.tier) log.push(entry(id, s.tier, s.override.tier, 'manual', reviewDay, 'hand'));
      return { ...s, tier: s.override.tier, reviewedAt: reviewDay };
    }
    if (s?.churned) return s;
    const current = s?.tier ?? c.rulesTier;
    if (current === null) return undefined; // never bought, no stored tier: nothing to file
    if (c.lastDay === null) {
      // No activity known: only the rules can file a new customer; a stored one is left as is.
      if (s) return s;
      log.push(entry(id, null, current, reasonOf(c), reviewDay, 'rule'));
      return { id, tier: current, churned: false, reviewedAt: reviewDay };
    }
    const lastDay = c.lastDay;
    if (!s) return fileNew(id, current, lastDay, c);
    const mark = Math.max(s?.downgradedAt ?? -Infinity, s?.restoredAt ?? -Infinity);
    const held = mark > lastDay; // a downgrade or restore with no purchase since
    const clock = held ? mark : lastDay;
    const churnClock = s?.restoredAt !== undefined && s.restoredAt > lastDay ? s.restoredAt : lastDay;
    const base: TierState = s ? { ...s, reviewedAt: reviewDay } : { id, tier: current, churned: false, reviewedAt: reviewDay };
    if (!s) log.push(entry(id, null, current, reasonOf(c), reviewDay, 'rule'));

    if (reviewDay - churnClock >= params.churnAfterDays) {
      log.push(entry(id, current, current, 'churn12m', reviewDay, 'rule'));
      // Literals for a first filing (most customers of a first review): spreads cost far more.
      return s ? { ...base, churned: true } : { id, tier: current, churned: true, reviewedAt: reviewDay };
    }
    if (reviewDay - clock >= params.downgradeAfterDays) {
      const lowered = downgradeTier(current);
      if (lowered === current) return base; // C stays C: nothing to record
      log.push(entry(id, current, lowered, 'inactive6m', reviewDay, 'rule'));
      return { ...base, tier: lowered, downgradedAt: reviewDay };
    }
    if (held || c.rulesTier === null) return base;
    if (!s) return { id, tier: c.rulesTier, churned: false, reviewedAt: reviewDay };
    // Bought since any downgrade or restore: the rules decide again, and the old marks go.
    const { downgradedAt: _d, restoredAt: _r, ...fresh } = base;
    if (s && c.rulesTier !== s.tier) log.push(entry(id, s.tier, c.rulesTier, reasonOf(c), reviewDay, 'rule'));
    return { ...fresh, tier: c.rulesTier };
  };

  /**
   * A customer filed for the first time (most of a first review): the path below for no stored
   * state, as literals (no clocks held, none to keep), which 100,000 customers make far cheaper.
   */
  const fileNew = (id: number, tier: Tier, lastDay: number, c: ReviewCustomer): TierState => {
    log.push(entry(id, null, tier, reasonOf(c), reviewDay, 'rule'));
    if (reviewDay - lastDay >= params.churnAfterDays) {
      log.push(entry(id, tier, tier, 'churn12m', reviewDay, 'rule'));
      return { id, tier, churned: true, reviewedAt: reviewDay };
    }
    if (reviewDay - lastDay >= params.downgradeAfterDays) {
      const lowered = downgradeTier(tier);
      if (lowered === tier) return { id, tier, churned: false, reviewedAt: reviewDay };
      log.push(entry(id, tier, lowered, 'inactive6m', reviewDay, 'rule'));
      return { id, tier: lowered, churned: false, reviewedAt: reviewDay, downgradedAt: reviewDay };
    }
    return { id, tier: c.rulesTier ?? tier, churned: false, reviewedAt: reviewDay };
  };

  for (const s of state) {
    seen.set(s.id, 0);
    const k = byId?.get(s.id) ?? -1;
    next.push(k >= 0 ? (review(s, customers[k]!) ?? s) : s);
  }
  for (const c of customers) {
    if (seen.get(c.id) >= 0) continue;
    seen.set(c.id, 0);
    const s = review(undefined, c);
    if (s) next.push(s);
  }
  return { state: next, log };
}

/**
 * Customer id → a non-negative number: a typed array for the store's own ids (small whole numbers),
 * a Map for any other; far cheaper than a Map or a Set of 100,000 numbers.
 */
class IdTable {
  #dense = new Int32Array(1024);
  readonly #other = new Map<number, number>();

  /** The number stored for `id`, or −1. */
  get(id: number): number {
    if ((id >>> 0) === id && id < 1 << 24) return id < this.#dense.length ? this.#dense[id]! - 1 : -1;
    return this.#other.get(id) ?? -1;
  }

  set(id: number, value: number): void {
    if ((id >>> 0) === id && id < 1 << 24) {
      if (id >= this.#dense.length) {
        const wider = new Int32Array(Math.max(id + 1, this.#dense.length * 2));
        wider.set(this.#dense);
        this.#dense = wider;
      }
      this.#dense[id] = value + 1;
    } else this.#other.set(id, value);
  }
}

/** Builds a review row from assignTierWithRule's answer. */
export function reviewCustomer(id: number, lastDay: number | null, rules: TierAssignment | null): ReviewCustomer {
  return { id, lastDay, rulesTier: rules?.tier ?? null, rulesReason: rules?.rule ?? null };
}

const plainReason: Record<Tier, AssignRule> = { A: 'designated', B: 'boughtMoreThanOnce', C: 'boughtOnce' };
// A rulesTier without its reason (hand-built input): B and C have one reason each; A is logged as designated.
const reasonOf = (c: ReviewCustomer): AssignRule => c.rulesReason ?? plainReason[c.rulesTier ?? 'C'];

function entry(customerId: number, from: Tier | null, to: Tier, rule: TierLogRule, day: number, by: 'rule' | 'hand'): TierLogEntry {
  return { customerId, from, to, rule, day, by };
}

export type TierStateError = { code: 'tiers.unknownCustomer' | 'tiers.notChurned' | 'tiers.isChurned'; id: number };

export interface TierChange {
  state: TierState[];
  entry: TierLogEntry;
}

function change(
  state: readonly TierState[],
  id: number,
  update: (s: TierState) => Result<{ next: TierState; entry: TierLogEntry }, TierStateError>,
): Result<TierChange, TierStateError> {
  const i = state.findIndex((s) => s.id === id);
  const s = state[i];
  if (!s) return err({ code: 'tiers.unknownCustomer', id });
  const r = update(s);
  if (!r.ok) return r;
  const next = state.slice();
  next[i] = r.value.next;
  return ok({ state: next, entry: r.value.entry });
}

/**
 * The manager sets a tier by hand; it holds through reviews until removeOverride. A churned customer
 * is read-only: restore them first. The tier held before the first override is kept to go back to.
 */
export function setOverride(
  state: readonly TierState[],
  id: number,
  override: TierOverride,
  day: number,
): Result<TierChange, TierStateError> {
  return change(state, id, (s) => {
    if (s.churned) return err({ code: 'tiers.isChurned', id });
    const before = s.override ? (s.beforeOverride ?? s.tier) : s.tier;
    return ok({ next: { ...s, tier: override.tier, override, beforeOverride: before }, entry: entry(id, s.tier, override.tier, 'manual', day, 'hand') });
  });
}

/**
 * Undoes the override: back to the tier held before it (the next review then applies the rules and
 * clocks as usual). The entry records the removal.
 */
export function removeOverride(state: readonly TierState[], id: number, day: number): Result<TierChange, TierStateError> {
  return change(state, id, (s) => {
    const { override: _o, beforeOverride, ...rest } = s;
    const back = s.override ? (beforeOverride ?? s.tier) : s.tier;
    return ok({ next: { ...rest, tier: back }, entry: entry(id, s.tier, back, 'manual', day, 'hand') });
  });
}

/**
 * Bring a churned customer back to the active file by hand, at their old tier or the one given.
 * The inactivity clocks restart on `day`, or the next review would churn them straight away.
 */
export function restoreChurned(
  state: readonly TierState[],
  id: number,
  day: number,
  tier?: Tier,
): Result<TierChange, TierStateError> {
  return change(state, id, (s) => {
    if (!s.churned) return err({ code: 'tiers.notChurned', id });
    const to = tier ?? s.tier;
    const { downgradedAt: _d, ...rest } = s;
    return ok({ next: { ...rest, tier: to, churned: false, restoredAt: day }, entry: entry(id, s.tier, to, 'restore', day, 'hand') });
  });
}
