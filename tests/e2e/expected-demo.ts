/** What the demo store holds today: the browser builds it from the same pure generator. */
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { findDuplicates } from '../../src/lib/customers/duplicates';
import { registrationRate } from '../../src/lib/customers/quality';
import { customerStats } from '../../src/lib/customers/stats';
import { summariseColumns } from '../../src/lib/purchases/columns';
import { runMigration, runRfm } from '../../src/lib/rfm/from-stats';
import { formatPercent } from '../../src/lib/format';
import { runAbc } from '../../src/lib/abc/from-stats';
import { openSummary } from '../../src/lib/complaints/complaint';
import { classroomDemo } from '../../src/lib/demo/classroom';

/** A Result's value, or a clear failure: the demo store always has purchases. */
function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T {
  if (!r.ok) throw new Error(`no ${what} for the demo store: ${JSON.stringify(r.error)}`);
  return r.value;
}

export function expectedDemo() {
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const s = summariseColumns(demo.purchases);
  const stats = customerStats([demo.purchases]);
  const fmt = (n: number) => n.toLocaleString('en-US');
  // As the Segments screen first shows it: rfm 0.3.0 preset, quantile scoring, default date.
  const rfm = must(runRfm(stats, { analysisDay: null, method: 'quantile', preset: 'rfm030' }), 'RFM');
  const to = rfm.analysisDay;
  const classroom = classroomDemo(demoDefaults.seed, s.lastDay!, demo.customers);
  return {
    customers: fmt(demo.customers.length),
    lines: fmt(demo.purchases.length),
    orders: fmt(s.orders),
    withoutPhone: fmt(demo.planted.customersWithoutPhone),
    withoutCustomer: fmt(s.linesWithoutCustomer),
    registration: formatPercent(registrationRate([demo.purchases]).rate ?? 0, 'en-US'),
    duplicateGroups: findDuplicates(demo.customers).length,
    /** Customers per segment, and each segment's summary row. */
    segments: Object.fromEntries(rfm.summary.map((row) => [row.segment, row.customers])),
    segmentRows: Object.fromEntries(rfm.summary.map((row) => [row.segment, row])),
    abc: Object.fromEntries(must(runAbc(stats, { a: 0.8, b: 0.95 }), 'ABC').classes.map((c) => [c.abc, c.customers])),
    /** The migration shown by default: a year before the analysis date to the analysis date. */
    migration: must(runMigration(customerStats([demo.purchases], to - 365), customerStats([demo.purchases], to), { method: 'quantile', preset: 'rfm030', from: to - 365, to }), 'migration'),
    store: demo,
    /** The classroom data loaded beside it (lib/demo/classroom), ending on the last trading day. */
    classroom,
    complaints: { count: classroom.complaints.length, ...openSummary(classroom.complaints, dayFromLocalDate(new Date())) },
  };
}
