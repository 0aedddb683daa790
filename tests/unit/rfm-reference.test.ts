/**
 * Reference check against the R package rfm 0.3.0's own output on its example data
 * (tests/fixtures/rfm/, copied from /work/shared/fixtures): rfm_table_order + rfm_segment with
 * the ten default segments, analysis date 2006-12-31, 5 bins.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/lib/dates';
import { assignSegments, RFM030_SEGMENTS, scoreRfm, segmentSummary, type RfmInput } from '../../src/lib/rfm';

const fixture = (name: string) => {
  const text = readFileSync(new URL(`../fixtures/rfm/${name}`, import.meta.url), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

const day = (iso: string) => {
  const d = dayFromIso(iso);
  if (d === null) throw new Error(`bad date ${iso}`);
  return d;
};

// Aggregate as rfm_table_order does: last order date, order count, revenue sum per customer.
const analysisDay = day('2006-12-31');
const orders = fixture('rfm_data_orders.csv');
const names: string[] = [];
const byName = new Map<string, { last: number; frequency: number; monetary: number }>();
for (const o of orders) {
  const name = o.customer_id as string;
  const d = day(o.order_date as string);
  const revenue = Number(o.revenue);
  const c = byName.get(name);
  if (c) {
    c.last = Math.max(c.last, d);
    c.frequency++;
    c.monetary += revenue;
  } else {
    names.push(name);
    byName.set(name, { last: d, frequency: 1, monetary: revenue });
  }
}
const customers: RfmInput[] = names.map((name, id) => {
  const c = byName.get(name)!;
  return { id, recencyDays: analysisDay - c.last, frequency: c.frequency, monetary: c.monetary };
});
const nameOf = (id: number) => names[id]!;

const scored = scoreRfm(customers, { method: 'rfm030', levels: 5 });
if (!scored.ok) throw new Error(JSON.stringify(scored.error));
const result = scored.value;
const segmented = assignSegments(result.scores, RFM030_SEGMENTS.rules);
const enName = new Map(RFM030_SEGMENTS.rules.map((r) => [r.id, r.name.en]));
const segmentName = (id: string) => enName.get(id) ?? 'Others';

describe('rfm 0.3.0 reference: rfm_data_orders at 2006-12-31', () => {
  it('has the 4,906 orders of 995 customers', () => {
    expect(orders).toHaveLength(4906);
    expect(customers).toHaveLength(995);
  });

  it('uses the same thresholds', () => {
    const t = fixture('ref_orders_2006-12-31_thresholds.csv');
    const col = (name: string) => t.map((row) => Number(row[name]));
    // The file prints 15 significant digits; 297.4 is 296.4 (type-7 quantile) + 1.
    const same = (ours: number[], theirs: number[]) => {
      expect(ours).toHaveLength(theirs.length);
      ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 9));
    };
    same(result.bands.recency.lower, col('recency_lower'));
    same(result.bands.recency.upper, col('recency_upper'));
    same(result.bands.frequency.lower, col('frequency_lower'));
    same(result.bands.frequency.upper, col('frequency_upper'));
    same(result.bands.monetary.lower, col('monetary_lower'));
    same(result.bands.monetary.upper, col('monetary_upper'));
    // And the figures as the brief quotes them.
    expect(result.bands.recency.lower).toEqual([1, 115, 181, expect.closeTo(297.4, 9), 482]);
    expect(result.bands.recency.upper).toEqual([115, 181, expect.closeTo(297.4, 9), 482, 977]);
    expect(result.bands.frequency.lower).toEqual([1, 4, 5, 6, 8]);
    expect(result.bands.frequency.upper).toEqual([4, 5, 6, 8, 15]);
    expect(result.bands.monetary.lower).toEqual([12, expect.closeTo(255.8, 9), 382, expect.closeTo(506.4, 9), 666]);
    expect(result.bands.monetary.upper).toEqual([expect.closeTo(255.8, 9), 382, expect.closeTo(506.4, 9), 666, 1489]);
    expect(result.bands.recency.closed).toBe('lower');
  });

  it('gives every customer the reference days, orders, amount, scores and segment', () => {
    const ref = fixture('ref_orders_2006-12-31_scores_segments.csv');
    expect(ref).toHaveLength(995);
    const ours = new Map(
      segmented.map((s) => {
        const c = customers[s.id]!;
        return [
          nameOf(s.id),
          {
            recency_days: c.recencyDays,
            transaction_count: c.frequency,
            amount: c.monetary,
            recency_score: s.r,
            frequency_score: s.f,
            monetary_score: s.m,
            rfm_score: s.score,
            segment: segmentName(s.segment),
          },
        ];
      }),
    );
    const mismatches = ref.filter((row) => {
      const o = ours.get(row.customer_id!);
      const expected = {
        recency_days: Number(row.recency_days),
        transaction_count: Number(row.transaction_count),
        amount: Number(row.amount),
        recency_score: Number(row.recency_score),
        frequency_score: Number(row.frequency_score),
        monetary_score: Number(row.monetary_score),
        rfm_score: Number(row.rfm_score),
        segment: row.segment,
      };
      return JSON.stringify(o) !== JSON.stringify(expected);
    });
    expect(mismatches).toEqual([]);
  });

  it('scores the first customer, Abbey O\'Reilly, 343 Potential Loyalist', () => {
    const id = names.indexOf("Abbey O'Reilly");
    expect(customers[id]).toEqual({ id, recencyDays: 205, frequency: 6, monetary: 472 });
    const s = segmented[id]!;
    expect([s.r, s.f, s.m, s.score, segmentName(s.segment)]).toEqual([3, 4, 3, 343, 'Potential Loyalist']);
  });

  it("differs with the 'quantile' method only where a whole value sits just above a fractional cut", () => {
    const q = scoreRfm(customers, { method: 'quantile', levels: 5 });
    if (!q.ok) throw new Error('unexpected');
    const changed = q.value.scores.filter((s, i) => s.score !== result.scores[i]!.score).map((s) => ({ ...customers[s.id], rfm030: result.scores[s.id]!.score, quantile: s.score }));
    // Cuts 296.4 days, 505.4 and 254.8 money: rfm030 reads < 297.4, < 506.4, < 255.8.
    const rows = changed.map(({ recencyDays, monetary, rfm030, quantile }) => [recencyDays, monetary, rfm030, quantile]);
    expect(rows.sort((a, b) => a[0]! - b[0]!)).toEqual([
      [135, 506, 443, 444],
      [282, 255, 321, 322],
      [297, 698, 345, 245],
    ]);
  });

  it('summarises the segments as the reference summary', () => {
    const summary = segmentSummary(customers, segmented, RFM030_SEGMENTS.rules);
    const ref = fixture('ref_orders_2006-12-31_segment_summary.csv');
    const ours = summary.rows.filter((r) => r.customers > 0);
    expect(ours.map((r) => segmentName(r.segment)).sort()).toEqual(ref.map((r) => r.segment).sort());
    for (const row of ref) {
      const o = ours.find((r) => segmentName(r.segment) === row.segment)!;
      expect({ segment: row.segment, customers: o.customers, orders: o.orders, revenue: o.revenue }).toEqual({
        segment: row.segment,
        customers: Number(row.customers),
        orders: Number(row.orders),
        revenue: Number(row.revenue),
      });
      expect(o.averageOrderValue).toBeCloseTo(Number(row.aov), 2); // the file rounds to cents
    }
    const counts = Object.fromEntries(ours.map((r) => [segmentName(r.segment), r.customers]));
    expect(counts).toEqual({
      'Potential Loyalist': 342,
      'Loyal Customers': 170,
      Lost: 148,
      'New Customers': 104,
      'About To Sleep': 102,
      "Can't Lose Them": 47,
      Champions: 35,
      'At Risk': 28,
      'Need Attention': 10,
      Promising: 9,
    });
    expect(summary.customers).toBe(995);
    expect(summary.orders).toBe(4906);
  });
});
