/** The whole store path (packed lines → customer stats → RFM) against the R package's results. */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { customerStats } from '../../src/lib/customers/stats';
import { dayFromIso } from '../../src/lib/dates';
import { packLines, splitColumns } from '../../src/lib/purchases/columns';
import { defaultAnalysisDay, runMigration, runRfm } from '../../src/lib/rfm/from-stats';
import { actionFor } from '../../src/lib/rfm/actions';
import { PRESET_RULE_SETS } from '../../src/lib/rfm/presets';

const read = (name: string) => Papa.parse<Record<string, string>>(readFileSync(`tests/fixtures/rfm/${name}`, 'utf8'), { header: true, skipEmptyLines: true }).data;

describe('RFM over stored purchases', () => {
  const orders = read('rfm_data_orders.csv');
  const ids = new Map<string, number>();
  // Each row of the R data is one order: no order no., so each line counts as its own order.
  const lines = orders.map((o) => ({
    day: dayFromIso(o.order_date!)!,
    customerId: ids.get(o.customer_id!) ?? ids.set(o.customer_id!, ids.size + 1).get(o.customer_id!)!,
    amount: Number(o.revenue) * 100,
    quantity: 1,
  }));
  // Spread over chunks, as the store keeps them.
  const stats = customerStats(splitColumns(packLines(lines), 1_000));

  it('gives the R package segment counts on its example data (analysis date 2006-12-31)', () => {
    const r = runRfm(stats, { analysisDay: dayFromIso('2006-12-31'), method: 'rfm030', preset: 'rfm030' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    // Rule ids → the preset's English names, which are the R package's segment names.
    const nameOf = new Map(PRESET_RULE_SETS.rfm030.rules.map((rule) => [rule.id, rule.name.en]));
    const counts = Object.fromEntries(r.value.summary.filter((s) => s.customers > 0).map((s) => [nameOf.get(s.segment) ?? s.segment, s.customers]));
    const reference = Object.fromEntries(read('ref_orders_2006-12-31_segment_summary.csv').map((s) => [s.segment!, Number(s.customers)]));
    expect(counts).toEqual(reference); // Potential Loyalist 342, Loyal Customers 170, Lost 148, …
    const abbey = r.value.customers.find((c) => c.id === ids.get("Abbey O'Reilly"))!;
    expect([abbey.recencyDays, abbey.frequency, abbey.monetary, abbey.score]).toEqual([205, 6, 472, 343]);
  });

  it('defaults the analysis date to the day after the last purchase, and says when there is nothing', () => {
    expect(defaultAnalysisDay(stats)).toBe(dayFromIso('2006-12-31'));
    const empty = customerStats([]);
    expect(runRfm(empty, { analysisDay: null, method: 'quantile', preset: 'rfm030' })).toEqual({ ok: false, error: [{ code: 'rfm.noPurchases' }] });
  });
});

describe('suggested actions', () => {
  it('has a default for every segment of every preset, in both languages', () => {
    for (const set of Object.values(PRESET_RULE_SETS)) {
      for (const rule of set.rules) {
        expect([rule.id, actionFor(rule.id, {}, 'zh') !== '', actionFor(rule.id, {}, 'en') !== '']).toEqual([rule.id, true, true]);
      }
    }
  });
  it('shows the shop’s own text over the default', () => {
    expect(actionFor('champions', { champions: '每周五送新品目录' }, 'en')).toBe('每周五送新品目录');
    expect(actionFor('unknown', {}, 'zh')).toBe('');
  });
});

describe('segments at an earlier date, and migration', () => {
  const orders = Papa.parse<Record<string, string>>(readFileSync('tests/fixtures/rfm/rfm_data_orders.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
  const ids = new Map<string, number>();
  const chunks = splitColumns(
    packLines(orders.map((o) => ({ day: dayFromIso(o.order_date!)!, customerId: ids.get(o.customer_id!) ?? ids.set(o.customer_id!, ids.size + 1).get(o.customer_id!)!, amount: Number(o.revenue) * 100, quantity: 1 }))),
    1_000,
  );
  const from = dayFromIso('2005-12-31')!;
  const to = dayFromIso('2006-12-31')!;

  it('counts only purchases before the analysis date', () => {
    const early = customerStats(chunks, from);
    for (const d of early.lastDay) expect(d).toBeLessThan(from);
    const r = runRfm(early, { analysisDay: from, method: 'quantile', preset: 'rfm030' });
    expect(r.ok && r.value.customers.every((c) => c.recencyDays >= 1)).toBe(true);
  });

  it('moves every customer from one segment (or none yet) to another', () => {
    const m = runMigration(customerStats(chunks, from), customerStats(chunks, to), { method: 'rfm030', preset: 'rfm030', from, to });
    if (!m.ok) throw new Error();
    const { segments, counts, total, stayed } = m.value;
    const sum = counts.flat().reduce((a, b) => a + b, 0);
    expect(sum).toBe(total);
    expect(total).toBe(995); // everyone had bought by 2006-12-31
    const none = segments.indexOf('none');
    const newSince = customerStats(chunks, to).ids.length - customerStats(chunks, from).ids.length;
    expect(counts[none]!.reduce((a, b) => a + b, 0)).toBe(newSince); // first bought during 2006
    expect(stayed).toBe(segments.reduce((n, _, i) => n + (i === none ? 0 : counts[i]![i]!), 0));
  });
});
