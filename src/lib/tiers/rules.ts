/** Store tiers A/B/C (domain.md §3, seed 004): who is A, B or C by the rules. Pure. */
import { err, ok, type Result } from '../result';

export type Tier = 'A' | 'B' | 'C';

/** Why the rules gave a tier, in the order they are tried. */
export type AssignRule = 'points' | 'recentPurchases' | 'designated' | 'boughtMoreThanOnce' | 'boughtOnce';

export interface TierParams {
  /** A from this many cumulative points (inclusive). */
  pointsForA: number;
  /** A from MORE than this many purchases in the recent window. */
  purchasesForA: number;
  /** The recent window: days before the review day, both ends inclusive. */
  recentDays: number;
  /** Down one tier after this many days without a purchase or visit. */
  downgradeAfterDays: number;
  /** To the churned list 流失顾客名录 after this many days without a purchase. */
  churnAfterDays: number;
  /** The store's setting: points earned per yuan spent. */
  pointsPerYuan: number;
}

/** Seed 004: ≥ 50 points, > 5 purchases in 2 months, 6 months, 12 months; 1 point per yuan. */
export const defaultTierParams: TierParams = {
  pointsForA: 50,
  purchasesForA: 5,
  recentDays: 61,
  downgradeAfterDays: 182,
  churnAfterDays: 365,
  pointsPerYuan: 1,
};

export type TierParamsError = { code: 'tiers.paramInvalid'; field: keyof TierParams; value: number };

export function validateTierParams(params: TierParams): Result<TierParams, TierParamsError> {
  const counts = ['pointsForA', 'purchasesForA', 'recentDays', 'downgradeAfterDays', 'churnAfterDays'] as const;
  for (const field of counts) {
    const value = params[field];
    if (!Number.isInteger(value) || value < 0) return err({ code: 'tiers.paramInvalid', field, value });
  }
  for (const field of ['downgradeAfterDays', 'churnAfterDays'] as const) {
    // 0 days would downgrade or churn a customer on the day they buy.
    if (params[field] === 0) return err({ code: 'tiers.paramInvalid', field, value: 0 });
  }
  const ppy = params.pointsPerYuan;
  if (!Number.isFinite(ppy) || ppy < 0) return err({ code: 'tiers.paramInvalid', field: 'pointsPerYuan', value: ppy });
  return ok(params);
}

/**
 * Imported points win when present (null, undefined or NaN = absent); else floor(yuan × pointsPerYuan).
 * The small epsilon keeps e.g. 0.29 × 100 = 28.999… from losing a whole point to float error.
 */
export function pointsFor(amountFen: number, importedPoints: number | null | undefined, params: TierParams): number {
  if (importedPoints != null && !Number.isNaN(importedPoints)) return importedPoints;
  return Math.max(0, Math.floor((amountFen * params.pointsPerYuan) / 100 + 1e-9));
}

/** Purchases within the recent window: reviewDay − recentDays … reviewDay, both inclusive. */
export function countRecentOrders(orderDays: Iterable<number>, reviewDay: number, params: TierParams): number {
  let n = 0;
  for (const day of orderDays) if (day <= reviewDay && reviewDay - day <= params.recentDays) n++;
  return n;
}

export interface TierInput {
  points: number;
  ordersTotal: number;
  /** Purchases in the recent window (see countRecentOrders). */
  ordersRecent: number;
  /** Named special by the general manager. */
  designated: boolean;
}

export interface TierAssignment {
  tier: Tier;
  rule: AssignRule;
}

/** The tier and the first rule that gives it; null for a customer who never bought. */
export function assignTierWithRule(input: TierInput, params: TierParams): TierAssignment | null {
  if (input.points >= params.pointsForA) return { tier: 'A', rule: 'points' };
  if (input.ordersRecent > params.purchasesForA) return { tier: 'A', rule: 'recentPurchases' };
  if (input.designated) return { tier: 'A', rule: 'designated' };
  if (input.ordersTotal > 1) return { tier: 'B', rule: 'boughtMoreThanOnce' };
  if (input.ordersTotal >= 1) return { tier: 'C', rule: 'boughtOnce' };
  return null;
}

export function assignTier(input: TierInput, params: TierParams): Tier | null {
  return assignTierWithRule(input, params)?.tier ?? null;
}

export interface TierOverride {
  tier: Tier;
  reason: string;
}

/** A manager's override wins over the rules until it is removed. */
export function effectiveTier(rulesTier: Tier | null, override: TierOverride | undefined): Tier | null {
  return override ? override.tier : rulesTier;
}

const lower: Record<Tier, Tier> = { A: 'B', B: 'C', C: 'C' };

/** One step down; C stays C. */
export function downgradeTier(tier: Tier): Tier {
  return lower[tier];
}
