/** Per-segment figures, as rfm's `rfm_segment_summary` plus shares and medians. */
import { medianSorted, selectOrderStatistics } from './quantile';
import type { RfmInput } from './score';
import { OTHERS, type SegmentRule } from './segments';

export interface SegmentSummaryRow {
  segment: string;
  customers: number;
  /** customers ÷ all customers, 0…1 (0 when there are none). */
  customerShare: number;
  /** Sum of frequency. */
  orders: number;
  /** Sum of monetary. */
  revenue: number;
  /** revenue ÷ all revenue (0 when the total is 0; with net refunds the total can be small or negative). */
  revenueShare: number;
  /** revenue ÷ orders, 0 when there are no orders. */
  averageOrderValue: number;
  /** Medians of the inputs (not of the levels); null for a segment without customers. */
  medianRecencyDays: number | null;
  medianFrequency: number | null;
  medianMonetary: number | null;
}

export interface SegmentSummary {
  /** One row per rule in rule order (also when empty), then 'others' and any other segment id met, when they have customers. */
  rows: SegmentSummaryRow[];
  customers: number;
  orders: number;
  revenue: number;
}

export class SegmentJoinError extends Error {
  readonly code = 'rfm.segmentWithoutCustomer';
  constructor(readonly id: number) {
    super(`segmented id ${id} is not among the customers`);
  }
}

/**
 * `segmented` (from assignSegments) is joined to `customers` by id; customers without a segment
 * are left out. A segmented id missing from `customers` is a caller bug and throws.
 */
export function segmentSummary(
  customers: readonly RfmInput[],
  segmented: readonly { id: number; segment: string }[],
  rules: readonly SegmentRule[],
): SegmentSummary {
  // Usually segmented is customers scored in order: take the same row, build the index only if not.
  let byId: Map<number, RfmInput> | null = null;
  const customerOf = (id: number, row: number): RfmInput | undefined => {
    const same = customers[row];
    if (same && same.id === id) return same;
    byId ??= new Map(customers.map((c) => [c.id, c]));
    return byId.get(id);
  };

  interface Acc {
    recency: number[];
    frequency: number[];
    monetary: number[];
    orders: number;
    revenue: number;
  }
  const groups = new Map<string, Acc>();
  const group = (segment: string): Acc => {
    let g = groups.get(segment);
    if (!g) {
      g = { recency: [], frequency: [], monetary: [], orders: 0, revenue: 0 };
      groups.set(segment, g);
    }
    return g;
  };
  for (const rule of rules) group(rule.id);
  const ruleIds = new Set(rules.map((r) => r.id));

  let orders = 0;
  let revenue = 0;
  for (let row = 0; row < segmented.length; row++) {
    const { id, segment } = segmented[row] as { id: number; segment: string };
    const c = customerOf(id, row);
    if (!c) throw new SegmentJoinError(id);
    const g = group(segment);
    g.recency.push(c.recencyDays);
    g.frequency.push(c.frequency);
    g.monetary.push(c.monetary);
    g.orders += c.frequency;
    g.revenue += c.monetary;
    orders += c.frequency;
    revenue += c.monetary;
  }

  const total = segmented.length;
  const median = (values: number[]) => {
    const a = Float64Array.from(values);
    const half = a.length >> 1;
    selectOrderStatistics(a, [half - 1, half]);
    return medianSorted(a);
  };
  const rows: SegmentSummaryRow[] = [];
  const extra = [...groups.keys()].filter((s) => !ruleIds.has(s) && s !== OTHERS);
  for (const segment of [...rules.map((r) => r.id), OTHERS, ...extra]) {
    const g = groups.get(segment);
    if (!g || (!ruleIds.has(segment) && g.recency.length === 0)) continue;
    const n = g.recency.length;
    rows.push({
      segment,
      customers: n,
      customerShare: total > 0 ? n / total : 0,
      orders: g.orders,
      revenue: g.revenue,
      revenueShare: revenue !== 0 ? g.revenue / revenue : 0,
      averageOrderValue: g.orders !== 0 ? g.revenue / g.orders : 0,
      medianRecencyDays: median(g.recency),
      medianFrequency: median(g.frequency),
      medianMonetary: median(g.monetary),
    });
  }
  return { rows, customers: total, orders, revenue };
}
