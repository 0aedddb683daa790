/** What the demo store holds today: the browser builds it from the same pure generator. */
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { findDuplicates } from '../../src/lib/customers/duplicates';
import { registrationRate } from '../../src/lib/customers/quality';
import { customerStats } from '../../src/lib/customers/stats';
import { summariseColumns } from '../../src/lib/purchases/columns';
import { defaultAnalysisDay, runMigration, runRfm } from '../../src/lib/rfm/from-stats';
import { runAbc } from '../../src/lib/abc/from-stats';

export function expectedDemo() {
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const s = summariseColumns(demo.purchases);
  const fmt = (n: number) => n.toLocaleString('en-US');
  return {
    customers: fmt(demo.customers.length),
    lines: fmt(demo.purchases.length),
    orders: fmt(s.orders),
    withoutPhone: fmt(demo.planted.customersWithoutPhone),
    withoutCustomer: fmt(s.linesWithoutCustomer),
    registration: new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(registrationRate([demo.purchases]).rate ?? 0),
    duplicateGroups: findDuplicates(demo.customers).length,
    /** Customers per segment (rfm 0.3.0 preset, quantile scoring, default analysis date). */
    segments: (() => {
      const r = runRfm(customerStats([demo.purchases]), { analysisDay: null, method: 'quantile', preset: 'rfm030' });
      if (!r.ok) throw new Error('no RFM for the demo store');
      return Object.fromEntries(r.value.summary.map((row) => [row.segment, row.customers]));
    })(),
    abc: (() => {
      const r = runAbc(customerStats([demo.purchases]), { a: 0.8, b: 0.95 });
      if (!r.ok) throw new Error('no ABC for the demo store');
      return Object.fromEntries(r.value.classes.map((c) => [c.abc, c.customers]));
    })(),
    /** The migration shown by default: a year before the analysis date to the analysis date. */
    migration: (() => {
      const all = customerStats([demo.purchases]);
      const to = defaultAnalysisDay(all)!;
      const r = runMigration(customerStats([demo.purchases], to - 365), customerStats([demo.purchases], to), { method: 'quantile', preset: 'rfm030', from: to - 365, to });
      if (!r.ok) throw new Error('no migration for the demo store');
      return r.value;
    })(),
    segmentRows: (() => {
      const r = runRfm(customerStats([demo.purchases]), { analysisDay: null, method: 'quantile', preset: 'rfm030' });
      if (!r.ok) throw new Error('no RFM for the demo store');
      return Object.fromEntries(r.value.summary.map((row) => [row.segment, row]));
    })(),
    store: demo,
  };
}
