/**
 * Value grades 高 / 中 / 低 (domain.md §3, seed 003: "by purchase amount, purchase frequency and
 * product preference"). The course names the three criteria but no formula; the rule here is a
 * points score, so every grade can be explained from three numbers:
 *   amount     net spend ≥ amountHigh → 2 points, ≥ amountMid → 1, else 0
 *   frequency  orders    ≥ ordersHigh → 2 points, ≥ ordersMid → 1, else 0
 *   preference share of spend on premium items (unit price ≥ premiumUnitPrice) ≥ premiumShare → 1
 * Total 0–5: ≥ pointsHigh → high, ≥ pointsMid → medium, otherwise low. Every cut is inclusive
 * (reaching it counts) and editable by the store.
 */
import { err, ok, type Result } from '../result';

export const grades = ['high', 'medium', 'low'] as const;
export type Grade = (typeof grades)[number];

export interface GradeCuts {
  /** fen */
  amountHigh: number;
  amountMid: number;
  ordersHigh: number;
  ordersMid: number;
  /** A line's unit price (amount ÷ quantity, fen) from which its item counts as premium. */
  premiumUnitPrice: number;
  /** Share (0–1) of spend on premium items that earns the preference point. */
  premiumShare: number;
  /** Points (0–5) needed for high and for medium. */
  pointsHigh: number;
  pointsMid: number;
}

/** Defaults sized for a small apparel shop (the demo store: median spend ≈ ¥5,000, 4 orders). */
export const defaultGradeCuts: GradeCuts = {
  amountHigh: 1_000_000,
  amountMid: 300_000,
  ordersHigh: 8,
  ordersMid: 3,
  premiumUnitPrice: 100_000,
  premiumShare: 0.5,
  pointsHigh: 4,
  pointsMid: 2,
};

export const MAX_POINTS = 5;

export type CutsError = { code: 'grades.cutNotNumber' | 'grades.cutNegative' | 'grades.cutOrder' | 'grades.shareRange' | 'grades.pointsRange'; field: keyof GradeCuts };

const cutFields = Object.keys(defaultGradeCuts) as (keyof GradeCuts)[];

export function validateCuts(cuts: GradeCuts): Result<GradeCuts, CutsError> {
  for (const field of cutFields) {
    const v = cuts[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) return err({ code: 'grades.cutNotNumber', field });
    if (v < 0) return err({ code: 'grades.cutNegative', field });
  }
  if (cuts.amountMid > cuts.amountHigh) return err({ code: 'grades.cutOrder', field: 'amountMid' });
  if (cuts.ordersMid > cuts.ordersHigh) return err({ code: 'grades.cutOrder', field: 'ordersMid' });
  if (cuts.premiumShare > 1) return err({ code: 'grades.shareRange', field: 'premiumShare' });
  if (cuts.pointsHigh > MAX_POINTS) return err({ code: 'grades.pointsRange', field: 'pointsHigh' });
  if (cuts.pointsMid > cuts.pointsHigh) return err({ code: 'grades.cutOrder', field: 'pointsMid' });
  return ok(cuts);
}

/** Stored cuts (settings) read back: anything missing or wrong falls back to the default. */
export function checkCuts(value: unknown): GradeCuts {
  if (typeof value !== 'object' || value === null) return defaultGradeCuts;
  const merged = { ...defaultGradeCuts, ...(value as Partial<GradeCuts>) };
  const r = validateCuts(merged);
  return r.ok ? r.value : defaultGradeCuts;
}

/** What the rule looks at for one customer. */
export interface GradeInput {
  /** Net spend, fen. */
  amount: number;
  orders: number;
  /** Net spend on premium items, fen. */
  premiumAmount: number;
}

export interface GradeScore {
  grade: Grade;
  amountPoints: number;
  ordersPoints: number;
  preferencePoints: number;
  points: number;
  /** premiumAmount ÷ amount; 0 when nothing was spent. */
  premiumShare: number;
}

const tier = (value: number, high: number, mid: number) => (value >= high ? 2 : value >= mid ? 1 : 0);

export function premiumShareOf(input: GradeInput): number {
  return input.amount > 0 ? Math.min(1, Math.max(0, input.premiumAmount / input.amount)) : 0;
}

export function scoreGrade(input: GradeInput, cuts: GradeCuts): GradeScore {
  const amountPoints = tier(input.amount, cuts.amountHigh, cuts.amountMid);
  const ordersPoints = tier(input.orders, cuts.ordersHigh, cuts.ordersMid);
  const premiumShare = premiumShareOf(input);
  // Nothing spent: no preference to speak of, whatever the share cut says.
  const preferencePoints = input.amount > 0 && premiumShare >= cuts.premiumShare ? 1 : 0;
  const points = amountPoints + ordersPoints + preferencePoints;
  const grade: Grade = points >= cuts.pointsHigh ? 'high' : points >= cuts.pointsMid ? 'medium' : 'low';
  return { grade, amountPoints, ordersPoints, preferencePoints, points, premiumShare };
}
