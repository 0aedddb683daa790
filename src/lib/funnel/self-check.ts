/**
 * The store self-check tool (门店销售自我检视工具, domain.md §5, seed 000):
 *   revenue = customers × average customer value
 *   customers = prospects (new development + referrals + repeat) × conversion rate
 * so revenue = prospects × conversion × average value, and a gap between two periods (this
 * month vs last month, or vs target) splits exactly into the three factors.
 *
 * The split is the log-mean (LMDI-I) decomposition: with L = (R₁ − R₀) ÷ (ln R₁ − ln R₀)
 * (L = R when R₁ = R₀), factor x contributes L × ln(x₁ ÷ x₀). Since ln R = ln P + ln c + ln v,
 * the three contributions add up to R₁ − R₀ exactly, whatever the order, with no leftover
 * "interaction" term. The prospects' part is then shared among the sources by their own change
 * (P is a plain sum, so ΔP = Δnew + Δreferral + Δrepeat).
 * Efficiency (selling vs non-selling time) and satisfaction (complaints by reason) are not in the
 * identity: they are shown beside it, as the course does, as likely causes to look at.
 */
import { err, ok, type Result } from '../result';
import { prospectSources, type ProspectSource } from './records';

export interface SelfCheckFigures {
  prospects: Record<ProspectSource, number>;
  customers: number;
  /** Fen. */
  revenue: number;
  /** Share of working time spent selling, 0–1 (from the time-allocation sheet), when known. */
  sellingShare?: number | null | undefined;
  /** Complaints by reason, when known. */
  complaints?: Record<string, number> | null | undefined;
}

export interface SelfCheckRatios {
  prospects: number;
  /** customers ÷ prospects; null with no prospects. */
  conversion: number | null;
  /** revenue ÷ customers (fen); null with no customers. */
  averageValue: number | null;
  revenue: number;
}

export function ratios(f: SelfCheckFigures): SelfCheckRatios {
  const prospects = prospectSources.reduce((n, s) => n + f.prospects[s], 0);
  return {
    prospects,
    conversion: prospects === 0 ? null : f.customers / prospects,
    averageValue: f.customers === 0 ? null : f.revenue / f.customers,
    revenue: f.revenue,
  };
}

export const factors = ['prospects', 'conversion', 'averageValue'] as const;
export type Factor = (typeof factors)[number];

export interface Decomposition {
  /** current − base revenue, fen. */
  gap: number;
  /** Each factor's share of the gap, fen; they sum to `gap`. */
  contributions: Record<Factor, number>;
  /** The prospects' contribution by source; sums to contributions.prospects. */
  bySource: Record<ProspectSource, number>;
  /** The factor that moved revenue most in the gap's direction; null when there is no gap. */
  explains: Factor | null;
  /** When `explains` is prospects: the source that moved most in that direction. */
  source: ProspectSource | null;
}

export type SelfCheckError = { code: 'selfCheck.zero'; which: 'base' | 'current'; factor: Factor };

const logMean = (a: number, b: number) => (a === b ? a : (a - b) / (Math.log(a) - Math.log(b)));

/** How current differs from base (last month, or the target), factor by factor. */
export function decompose(base: SelfCheckFigures, current: SelfCheckFigures): Result<Decomposition, SelfCheckError> {
  const r0 = ratios(base);
  const r1 = ratios(current);
  for (const [which, r] of [['base', r0], ['current', r1]] as const) {
    // Logs need every factor above zero; a month with no prospects or no sales has no split.
    if (r.prospects <= 0) return err({ code: 'selfCheck.zero', which, factor: 'prospects' });
    if (!r.conversion || r.conversion <= 0) return err({ code: 'selfCheck.zero', which, factor: 'conversion' });
    if (!r.averageValue || r.averageValue <= 0) return err({ code: 'selfCheck.zero', which, factor: 'averageValue' });
  }
  const L = logMean(r1.revenue, r0.revenue);
  const contributions: Record<Factor, number> = {
    prospects: L * Math.log(r1.prospects / r0.prospects),
    conversion: L * Math.log(r1.conversion! / r0.conversion!),
    averageValue: L * Math.log(r1.averageValue! / r0.averageValue!),
  };
  const dP = r1.prospects - r0.prospects;
  const bySource = Object.fromEntries(
    prospectSources.map((s) => [s, dP === 0 ? 0 : (contributions.prospects * (current.prospects[s] - base.prospects[s])) / dP]),
  ) as Record<ProspectSource, number>;
  const gap = r1.revenue - r0.revenue;
  const sign = Math.sign(gap);
  let explains: Factor | null = null;
  if (sign !== 0) {
    for (const f of factors) if (sign * contributions[f] > 0 && (explains === null || sign * contributions[f] > sign * contributions[explains])) explains = f;
  }
  let source: ProspectSource | null = null;
  if (explains === 'prospects') {
    for (const s of prospectSources) if (sign * bySource[s] > 0 && (source === null || sign * bySource[s] > sign * bySource[source])) source = s;
  }
  return ok({ gap, contributions, bySource, explains, source });
}

export interface SideFactors {
  /** Percentage points, current − base; null when either is unknown. */
  sellingShareChange: number | null;
  complaintsChange: number | null;
  /** The reason whose count rose most (null if none rose). */
  complaintReasonUp: string | null;
}

export function sideFactors(base: SelfCheckFigures, current: SelfCheckFigures): SideFactors {
  const s0 = base.sellingShare;
  const s1 = current.sellingShare;
  const c0 = base.complaints;
  const c1 = current.complaints;
  let reasonUp: string | null = null;
  let most = 0;
  if (c0 && c1) {
    for (const reason of new Set([...Object.keys(c0), ...Object.keys(c1)])) {
      const rise = (c1[reason] ?? 0) - (c0[reason] ?? 0);
      if (rise > most || (rise === most && rise > 0 && reasonUp !== null && reason < reasonUp)) {
        most = rise;
        reasonUp = reason;
      }
    }
  }
  const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  return {
    sellingShareChange: s0 === undefined || s0 === null || s1 === undefined || s1 === null ? null : s1 - s0,
    complaintsChange: c0 && c1 ? total(c1) - total(c0) : null,
    complaintReasonUp: reasonUp,
  };
}
