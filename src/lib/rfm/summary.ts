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
  const n = segmented.length;
  const inputs = { recency: new Float64Array(n), frequency: new Float64Array(n), monetary: new Float64Array(n) };
  const segment = new Uint16Array(n);
  const segments: string[] = [];
  const indexOf = new Map<string, number>();
  for (let row = 0; row < n; row++) {
    const { id, segment: name } = segmented[row] as { id: number; segment: string };
    const c = customerOf(id, row);
    if (!c) throw new SegmentJoinError(id);
    let s = indexOf.get(name);
    if (s === undefined) {
      s = segments.length;
      indexOf.set(name, s);
      segments.push(name);
    }
    segment[row] = s;
    inputs.recency[row] = c.recencyDays;
    inputs.frequency[row] = c.frequency;
    inputs.monetary[row] = c.monetary;
  }
  return segmentSummaryColumns(segment, segments, inputs, rules);
}

/**
 * segmentSummary over columns aligned by row: `segment[row]` indexes `segments`, and the inputs are
 * the row's R (days), F and M. No object per customer: what the analysis worker runs.
 */
export function segmentSummaryColumns(
  segment: ArrayLike<number>,
  segments: readonly string[],
  inputs: { recency: ArrayLike<number>; frequency: ArrayLike<number>; monetary: ArrayLike<number> },
  rules: readonly SegmentRule[],
): SegmentSummary {
  const total = segment.length;
  // Per segment index: customers, then each row's place among its segment's rows (a counting sort).
  const count = new Int32Array(segments.length);
  const orderSum = new Float64Array(segments.length);
  const revenueSum = new Float64Array(segments.length);
  let orders = 0;
  let revenue = 0;
  // Columns in locals: a property read per row costs more than the work.
  const { recency, frequency, monetary } = inputs;
  // Sums in row order, as one pass over the customers adds them.
  for (let row = 0; row < total; row++) {
    const s = segment[row]!;
    const f = frequency[row]!;
    const m = monetary[row]!;
    count[s]!++;
    orderSum[s]! += f;
    revenueSum[s]! += m;
    orders += f;
    revenue += m;
  }
  const start = new Int32Array(segments.length + 1);
  for (let s = 0; s < segments.length; s++) start[s + 1] = start[s]! + count[s]!;
  const grouped = { recency: new Float64Array(total), frequency: new Float64Array(total), monetary: new Float64Array(total) };
  const { recency: gr, frequency: gf, monetary: gm } = grouped;
  const next = start.slice(0, segments.length);
  for (let row = 0; row < total; row++) {
    const at = next[segment[row]!]!++;
    gr[at] = recency[row]!;
    gf[at] = frequency[row]!;
    gm[at] = monetary[row]!;
  }
  const median = (column: Float64Array, s: number) => {
    const a = column.subarray(start[s]!, start[s + 1]!);
    const half = a.length >> 1;
    selectOrderStatistics(a, [half - 1, half]);
    return medianSorted(a);
  };

  const indexOf = new Map(segments.map((name, s) => [name, s]));
  const ruleIds = new Set(rules.map((r) => r.id));
  const extra = segments.filter((s) => !ruleIds.has(s) && s !== OTHERS);
  const rows: SegmentSummaryRow[] = [];
  for (const name of [...rules.map((r) => r.id), OTHERS, ...extra]) {
    const s = indexOf.get(name);
    const n = s === undefined ? 0 : count[s]!;
    // A rule's row is shown when empty; others and unknown segments only with customers.
    if (!ruleIds.has(name) && n === 0) continue;
    const g = s ?? -1;
    rows.push({
      segment: name,
      customers: n,
      customerShare: total > 0 ? n / total : 0,
      orders: g < 0 ? 0 : orderSum[g]!,
      revenue: g < 0 ? 0 : revenueSum[g]!,
      revenueShare: revenue !== 0 ? (g < 0 ? 0 : revenueSum[g]!) / revenue : 0,
      averageOrderValue: g >= 0 && orderSum[g] !== 0 ? revenueSum[g]! / orderSum[g]! : 0,
      medianRecencyDays: g < 0 ? null : median(grouped.recency, g),
      medianFrequency: g < 0 ? null : median(grouped.frequency, g),
      medianMonetary: g < 0 ? null : median(grouped.monetary, g),
    });
  }
  return { rows, customers: total, orders, revenue };
}
