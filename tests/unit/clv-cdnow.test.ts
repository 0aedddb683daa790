/**
 * Reference check of the whole set-up, raw transactions to fit (issue 15 §4): the CDNOW sample's
 * 6,919 lines (tests/fixtures/clv/CDNOW_sample.txt, unchanged from /work/shared/fixtures), end of
 * observation 1997-09-30, weeks, every line a transaction ($0 lines too) → the lifetimes summary
 * cdnow_customers_summary.csv for all 2,357 customers and the published BG/NBD fit.
 * The file is split on whitespace here; reading it through the importer comes with h-formats.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { fitClv } from '../../src/lib/clv/model';
import { defaultEndDay, transactionSummary } from '../../src/lib/clv/summary';
import { dayFromIso, dayFromYmd } from '../../src/lib/dates';
import { LineFlag, packLines, type PurchaseLine } from '../../src/lib/purchases/columns';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/clv/${name}`, import.meta.url), 'utf8');
const csv = (name: string) => Papa.parse<Record<string, string>>(fixture(name), { header: true, skipEmptyLines: true }).data;

// Columns: customer id, id within the sample, YYYYMMDD, CDs, dollars. The summary's ID is the sample id.
const lines: PurchaseLine[] = fixture('CDNOW_sample.txt')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const [, sampleId, ymd, cds, dollars] = l.trim().split(/\s+/);
    const amount = Math.round(Number(dollars) * 100);
    return {
      customerId: Number(sampleId),
      day: dayFromYmd(Number(ymd!.slice(0, 4)), Number(ymd!.slice(4, 6)), Number(ymd!.slice(6, 8))),
      quantity: Number(cds),
      amount,
      // What the importer marks on a $0 line; the user kept it (no `excluded` bit).
      flags: amount === 0 ? LineFlag.nonPositivePrice : 0,
    };
  });
const chunks = [packLines(lines)];
const end = dayFromIso('1997-09-30')!;
const summary = transactionSummary(chunks, end, 'week');
const reference = csv('cdnow_customers_summary.csv');
const within1Percent = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(0.01);

describe('CDNOW sample → lifetimes summary (end 1997-09-30, weeks)', () => {
  it('reads 6,919 lines, 8 of them $0', () => {
    expect(lines).toHaveLength(6919);
    expect(lines.filter((l) => l.amount === 0)).toHaveLength(8);
  });

  it('gives every one of the 2,357 customers the published frequency, recency and T', () => {
    expect(reference).toHaveLength(2357);
    // The 8 customers whose only purchase was $0 are there only because $0 lines count.
    expect(Array.from(summary.ids)).toEqual(reference.map((r) => Number(r.ID)));
    const off: string[] = [];
    reference.forEach((r, i) => {
      // The csv rounds weeks to 2 decimals: equal means within half a unit of its last digit.
      const close = (a: number, b: string) => Math.abs(a - Number(b)) <= 0.005 + 1e-9;
      if (summary.x[i] !== Number(r.frequency) || !close(summary.tx[i]!, r.recency!) || !close(summary.T[i]!, r.T!))
        off.push(`${r.ID}: ${summary.x[i]} ${summary.tx[i]} ${summary.T[i]} vs ${r.frequency} ${r.recency} ${r.T}`);
    });
    expect(off).toEqual([]);
  });

  it('computes customer 1 by hand: 1997-01-01, 01-18, 08-02 (12-12 is after the end)', () => {
    // Repeat days 2; recency 213 days = 30.43 weeks; T 272 days = 38.86 weeks.
    expect([summary.x[0], summary.tx[0], summary.T[0]]).toEqual([2, 213 / 7, 272 / 7]);
    // Mean repeat spend: ($29.73 + $14.96) / 2 = $22.345.
    expect(summary.monetary[0]).toBeCloseTo(2234.5, 9);
  });

  it('gives the 946 repeat customers the published mean repeat spend', () => {
    const spend = csv('cdnow_repeat_spend.csv');
    const at = new Map(Array.from(summary.ids, (id, i) => [id, i]));
    expect(spend).toHaveLength(946);
    const off = spend.filter((r) => {
      const i = at.get(Number(r.ID))!;
      return summary.x[i] !== Number(r.frequency) || Math.abs(summary.monetary[i]! / 100 - Number(r.monetary_value)) > 0.005 + 1e-9;
    });
    expect(off).toEqual([]);
    expect(Array.from(summary.x).filter((x) => x > 0)).toHaveLength(946);
  });

  it('fits r, α, a, b within 1 % of the published 0.2426, 4.4135, 0.7929, 2.4258', { timeout: 120_000 }, () => {
    const r = fitClv(summary, 90);
    if (!r.ok) throw new Error(r.error.code);
    const { params } = r.value.bgnbd;
    within1Percent(params.r, 0.2426);
    within1Percent(params.alpha, 4.4135);
    within1Percent(params.a, 0.7929);
    within1Percent(params.b, 2.4258);
    // lifetimes reports −9,582.43 on these 2,357 rows; without the 8 $0-only customers it would be ≈ 16 higher.
    expect(r.value.bgnbd.logLikelihood).toBeCloseTo(-9582.43, 1);
    // Gamma-Gamma on the same summary: the published p 6.25, q 3.74, v 15.45 (dollars).
    const gg = r.value.gammaGamma!.params;
    within1Percent(gg.p, 6.249);
    within1Percent(gg.q, 3.745);
    within1Percent(gg.v, 15.448);
  });

  it('defaults the end to the day after the last line (1998-06-30 → 1998-07-01)', () => {
    expect(defaultEndDay(chunks)).toBe(dayFromIso('1998-07-01'));
  });
});
