/**
 * RFM results shaped for charts: the R×F heatmap's cells, segment size against revenue, and
 * where each segment's customers went between two dates. Pure: the worker or a test calls these.
 */
import { NONE, type MigrationMatrix } from './migration';
import type { SegmentSummaryRow } from './summary';

export interface RfCell {
  r: number;
  f: number;
  customers: number;
  /** Sum of monetary (yuan). */
  revenue: number;
  /** revenue ÷ customers; null for an empty cell (no mean, rather than a misleading 0). */
  meanSpend: number | null;
}

export interface RfGrid {
  levels: number;
  /** levels × levels cells, R from the best (levels) down to 1, F from 1 up within each R. */
  cells: RfCell[];
  /** Largest count and largest mean spend over the cells (0 when none), to scale the colours. */
  maxCustomers: number;
  maxMeanSpend: number;
  /** Customers whose R or F lies outside 1…levels (none when scored with the same levels). */
  unplaced: number;
}

/**
 * Count and mean spend of the customers in each R×F cell (M is summed over, whatever its level).
 * `scores[i]` and `spend[i]` are the same customer (scores and inputs as the scorer aligns them).
 */
export function rfGrid(scores: readonly { r: number; f: number }[], spend: readonly { monetary: number }[], levels: number): RfGrid {
  return rfGridColumns(
    scores.map((s) => s.r),
    scores.map((s) => s.f),
    spend.map((s) => s.monetary),
    levels,
  );
}

/** rfGrid over columns aligned by customer: R and F levels and M (what the analysis worker holds). */
export function rfGridColumns(rLevel: ArrayLike<number>, fLevel: ArrayLike<number>, monetary: ArrayLike<number>, levels: number): RfGrid {
  const count = new Array<number>(levels * levels).fill(0);
  const revenue = new Array<number>(levels * levels).fill(0);
  let unplaced = 0;
  for (let k = 0; k < rLevel.length; k++) {
    const r = rLevel[k]!;
    const f = fLevel[k]!;
    if (!(r >= 1 && r <= levels && f >= 1 && f <= levels && Number.isInteger(r) && Number.isInteger(f))) {
      unplaced++;
      continue;
    }
    const i = (r - 1) * levels + (f - 1);
    count[i]!++;
    revenue[i]! += monetary[k]!;
  }
  const cells: RfCell[] = [];
  let maxCustomers = 0;
  let maxMeanSpend = 0;
  for (let r = levels; r >= 1; r--) {
    for (let f = 1; f <= levels; f++) {
      const i = (r - 1) * levels + (f - 1);
      const n = count[i]!;
      const meanSpend = n > 0 ? revenue[i]! / n : null;
      cells.push({ r, f, customers: n, revenue: revenue[i]!, meanSpend });
      maxCustomers = Math.max(maxCustomers, n);
      if (meanSpend !== null) maxMeanSpend = Math.max(maxMeanSpend, meanSpend);
    }
  }
  return { levels, cells, maxCustomers, maxMeanSpend, unplaced };
}

export interface SegmentShare {
  segment: string;
  customers: number;
  customerShare: number;
  revenue: number;
  revenueShare: number;
  /** The two shares in percent (0–100), the bars' lengths. */
  customerPercent: number;
  revenuePercent: number;
}

/**
 * % of customers against % of revenue per segment, in the summary's order. Segments without
 * customers are left out: a pair of zero bars says nothing the summary table does not.
 */
export function segmentShares(rows: readonly SegmentSummaryRow[]): SegmentShare[] {
  return rows
    .filter((row) => row.customers > 0)
    .map((row) => ({
      segment: row.segment,
      customers: row.customers,
      customerShare: row.customerShare,
      revenue: row.revenue,
      revenueShare: row.revenueShare,
      customerPercent: row.customerShare * 100,
      revenuePercent: row.revenueShare * 100,
    }));
}

export interface MigrationFlow {
  to: string;
  /** Customers who went from each `from` segment to `to`: aligned with MigrationBars.from. */
  counts: number[];
  /** The same as a share of each from-segment's customers (0–1). */
  shares: number[];
}

export interface MigrationBars {
  /** From-segments that had customers, in the matrix's order (NONE, the newly bought, last). */
  from: string[];
  /** Customers in each from-segment (the bar's whole). */
  totals: number[];
  /** One stack per to-segment that anyone went to, in the matrix's order. */
  flows: MigrationFlow[];
}

/** For each from-segment, where its customers went: the matrix as 100 % stacked bars. */
export function migrationBars(matrix: MigrationMatrix): MigrationBars {
  const { segments, counts } = matrix;
  const rowTotal = (i: number) => counts[i]!.reduce((sum, n) => sum + n, 0);
  const columnTotal = (j: number) => counts.reduce((sum, row) => sum + row[j]!, 0);
  const rows = segments.map((_, i) => i).filter((i) => rowTotal(i) > 0);
  const columns = segments.map((_, j) => j).filter((j) => columnTotal(j) > 0);
  const totals = rows.map(rowTotal);
  return {
    from: rows.map((i) => segments[i]!),
    totals,
    flows: columns.map((j) => {
      const column = rows.map((i) => counts[i]![j]!);
      return { to: segments[j]!, counts: column, shares: column.map((n, k) => n / totals[k]!) };
    }),
  };
}

export { NONE };
