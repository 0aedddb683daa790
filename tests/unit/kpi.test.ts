import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../src/lib/dates';
import { monthFromText, monthText, quarterOfMonth } from '../../src/lib/funnel/months';
import type { Opportunity, Stage, StageEvent } from '../../src/lib/funnel/records';
import { boardPeriods, buildBoard, customerGroups, fileCounts, fileDaysOf, newFilesByGroup, type BoardInput } from '../../src/lib/kpi/board';
import { defaultFront, kpiStatus, monthlyQuota, settingsWithDefaults } from '../../src/lib/kpi/definitions';
import { purchaseKpis } from '../../src/lib/kpi/purchases';
import { LineFlag, packLines, type PurchaseLine } from '../../src/lib/purchases/columns';

const d = dayFromYmd;
const M = (t: string) => monthFromText(t)!;

// Customer 1 bought in January and March 2026; customer 2 once, on 1 Feb 2025 (so 12 months
// without a purchase end on 1 Feb 2026); customer 3 bought in March and returned it;
// two buyers without a file in March (a walk-in order, and a named buyer not on file).
const lines: PurchaseLine[] = [
  { day: d(2025, 2, 1), customerId: 2, amount: 5_000, quantity: 1, orderNo: 'O3' },
  { day: d(2026, 1, 10), customerId: 1, amount: 10_000, quantity: 1, orderNo: 'O1' },
  { day: d(2026, 3, 5), customerId: 1, amount: 20_000, quantity: 1, orderNo: 'O2' },
  { day: d(2026, 3, 20), customerId: 3, amount: 30_000, quantity: 1, orderNo: 'O4' },
  { day: d(2026, 3, 25), customerId: 3, amount: -30_000, quantity: -1, orderNo: 'R4', flags: LineFlag.returned },
  { day: d(2026, 3, 8), customerId: 0, amount: 8_000, quantity: 1, orderNo: 'W1' },
  { day: d(2026, 3, 9), customerId: 0, amount: 6_000, quantity: 1, orderNo: 'W2', customerRef: '13800138000' },
  { day: d(2026, 3, 9), customerId: 1, amount: 99_999, quantity: 1, orderNo: 'X', flags: LineFlag.excluded },
];
const chunks = [packLines(lines)];
const purchases = purchaseKpis(chunks, {
  months: [M('2026-02'), M('2026-03')],
  quarters: [quarterOfMonth(M('2025-02')), quarterOfMonth(M('2026-03'))],
  groupOf: { 1: 'A组', 3: 'B组' },
});

describe('purchase-based indicators', () => {
  const [feb, march] = purchases.months;

  it('registration rate per month: buyers with a file ÷ all buyers of the month', () => {
    // March: on file 1 and 3; without: the named buyer and the walk-in order → 2 ÷ 4.
    expect(march!.registration).toMatchObject({ buyersWithFile: 2, allBuyers: 4, rate: 0.5 });
    // All lines: on file 1, 2, 3 → 3 ÷ 5.
    expect(purchases.registration.rate).toBe(0.6);
  });

  it('spend per customer: net spend on file ÷ buyers on file', () => {
    // 200 + 300 − 300 = ¥200 over customers 1 and 3 → ¥100 each; the excluded line is left out.
    expect(march!.revenueOnFile).toBe(20_000);
    expect(march!.buyersOnFile).toBe(2);
    expect(march!.spendPerCustomer).toBe(10_000);
    // The whole month, walk-ins too: 200 + 300 − 300 + 80 + 60.
    expect(march!.revenue).toBe(34_000);
    expect(feb!.spendPerCustomer).toBeNull();
  });

  it('churn rate: active at the month start, 12 months without a purchase ending within the month', () => {
    // February: 1 (Jan) and 2 (lapses 1 Feb 2026) are active; 2 churns → 1 ÷ 2.
    expect([feb!.active, feb!.churned, feb!.churnRate]).toEqual([2, 1, 0.5]);
    // March: 2 has gone; 1 is active and stays → 0 ÷ 1.
    expect([march!.active, march!.churned, march!.churnRate]).toEqual([1, 0, 0]);
  });

  it('repeat-purchase rate per quarter and group: bought in the quarter, on 2+ days up to its end', () => {
    const [q2025, q2026] = purchases.quarters;
    // 2026-Q1: 1 (Jan + Mar: repeat) and 3 (one day; the return is no purchase) → 1 ÷ 2.
    expect(q2026).toMatchObject({ buyers: 2, repeat: 1, rate: 0.5 });
    expect(q2026!.byGroup).toEqual([
      { group: 'A组', buyers: 1, repeat: 1, rate: 1 },
      { group: 'B组', buyers: 1, repeat: 0, rate: 0 },
    ]);
    // 2025-Q1: only 2, once.
    expect(q2025).toMatchObject({ buyers: 1, repeat: 0, rate: 0 });
  });
});

describe('status', () => {
  it.each([
    [1, 'green'],
    [0.85, 'amber'], // 17 ÷ 20 is 0.85 in decimal: the alert line itself is not red
    [17 / 20, 'amber'],
    [0.849, 'red'],
    [null, 'none'],
  ] as const)('registration rate %s is %s (target 100 %, alert below 85 %)', (value, status) => {
    expect(kpiStatus(value, 1, 0.85, true)).toBe(status);
  });
  it.each([
    [0.02, 'green'],
    [0.03, 'amber'],
    [0.04, 'amber'],
    [0.05, 'red'],
  ] as const)('churn %s is %s (lower is better: target 2 %, alert above 4 %)', (value, status) => {
    expect(kpiStatus(value, 0.02, 0.04, false)).toBe(status);
  });
  it('has no colour without a target, amber below target without an alert line', () => {
    expect(kpiStatus(5, null, null, true)).toBe('none');
    expect(kpiStatus(5, 10, null, true)).toBe('amber');
  });
  it('sets the new-files quota to 30, 20 in July to September', () => {
    expect([1, 6, 7, 8, 9, 10, 12].map((m) => monthlyQuota(m))).toEqual([30, 30, 20, 20, 20, 30, 30]);
  });
  it('starts with at most eight indicators on the front page', () => {
    const s = settingsWithDefaults([]);
    expect(s.filter((x) => x.front).map((x) => x.id)).toEqual([...defaultFront]);
    expect(defaultFront.length).toBeLessThanOrEqual(8);
    expect(s.find((x) => x.id === 'registrationRate')).toEqual({ id: 'registrationRate', target: 1, alert: 0.85, front: true });
  });
});

describe('the board', () => {
  const at = (y: number, m: number, day: number) => `${new Date(Date.UTC(y, m - 1, day)).toISOString()}`;
  const customers = [
    { id: 1, createdAt: at(2025, 12, 1) },
    { id: 2, createdAt: at(2025, 1, 1) },
    { id: 3, createdAt: at(2026, 2, 27) },
    { id: 4, createdAt: at(2026, 3, 3) },
    { id: 5, createdAt: at(2026, 3, 31) },
  ];
  const opp = (id: string, extra: Partial<Opportunity>): Opportunity => ({ id, name: id, source: 'new', createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z', ...extra });
  const opportunities = [
    opp('X', { appointmentDay: d(2026, 3, 3), promisedDay: d(2026, 3, 10), late: true, toldDay: d(2026, 3, 8), customerId: 4, group: 'A组' }),
    opp('Y', { appointmentDay: d(2026, 3, 15), promisedDay: d(2026, 3, 20), late: true, customerId: 5, group: 'B组' }),
    opp('Z', { appointmentDay: d(2026, 3, 25) }),
    opp('W', { appointmentDay: d(2026, 3, 31) }), // after today: not due yet
  ];
  let n = 0;
  const e = (o: string, stage: Stage, day: number): StageEvent => ({ id: `e${++n}`, opportunityId: o, stage, day });
  const events = [
    e('X', 'greet', d(2026, 3, 1)),
    e('X', 'trial', d(2026, 3, 3)),
    e('X', 'close', d(2026, 3, 4)),
    e('X', 'deliver', d(2026, 3, 10)),
    e('X', 'followUp', d(2026, 3, 12)),
    e('Y', 'greet', d(2026, 3, 14)),
    e('Y', 'deliver', d(2026, 3, 20)), // no test drive recorded: reaching delivery passes it
    e('Z', 'greet', d(2026, 3, 20)),
  ];
  const input: BoardInput = {
    month: M('2026-03'),
    today: d(2026, 3, 28),
    customers,
    opportunities,
    events,
    purchases,
    groups: ['A组', 'B组'],
    settings: settingsWithDefaults([]),
  };
  const board = buildBoard(input);
  const row = (id: string) => board.find((r) => r.id === id)!;

  it('counts files per month by their sorted days as a pass over the file would: month edges, unreadable dates', () => {
    const files = [at(2026, 2, 28), at(2026, 3, 1), at(2026, 3, 31), at(2026, 4, 1), at(2025, 12, 31), 'not a date', at(2026, 3, 1), '2026-02-30T00:00:00.000Z'].map((createdAt, i) => ({ id: i + 1, createdAt }));
    const pass = (month: number) => {
      const days = files.map((f) => f.createdAt.slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !d.endsWith('02-30'));
      const text = monthText(month);
      return { created: days.filter((d) => d.startsWith(text)).length, before: days.filter((d) => d < `${text}-01`).length };
    };
    for (const m of ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']) expect(fileCounts(fileDaysOf(files), M(m))).toEqual(pass(M(m)));
    expect(fileCounts(fileDaysOf(files), M('2026-03'))).toEqual({ created: 3, before: 2 });
  });

  it('counts new files against the quota, per group too', () => {
    expect(fileCounts(fileDaysOf(customers), M('2026-03'))).toEqual({ created: 2, before: 3 });
    // File growth: 2 new ÷ 3 before. Quota: 2 ÷ (30 × 2 groups).
    expect(row('fileGrowth')).toMatchObject({ value: 2 / 3, count: { part: 2, whole: 3 }, status: 'green' });
    expect(row('newFilesVsQuota')).toMatchObject({ count: { part: 2, whole: 60 }, status: 'red' });
    expect(customerGroups(opportunities)).toEqual({ 4: 'A组', 5: 'B组' });
    // No customer id on the record: the file with the same phone (spaces, +86 ignored) is the group's.
    const byPhone = [opp('P', { phone: '+86 139 0013 9000', group: 'C组' })];
    expect(customerGroups(byPhone, [{ id: 9, createdAt: at(2026, 3, 5), phone: '13900139000' }, { id: 10, createdAt: at(2026, 3, 5) }])).toEqual({ 9: 'C组' });
    expect(newFilesByGroup(customers, opportunities, ['A组', 'B组', 'C组'], M('2026-03'))).toEqual([
      { group: 'A组', count: 1, quota: 30 },
      { group: 'B组', count: 1, quota: 30 },
      { group: 'C组', count: 0, quota: 30 },
    ]);
    expect(newFilesByGroup(customers, [], ['A组'], M('2026-02'))).toEqual([
      { group: 'A组', count: 0, quota: 30 },
      { group: '', count: 1, quota: null },
    ]);
  });

  it('counts follow-up, visit and delay-notice completion from the funnel', () => {
    // Delivered in March: X (followed up), Y (not) → 1 ÷ 2, red below 90 %.
    expect(row('followUpCompletion')).toMatchObject({ value: 0.5, count: { part: 1, whole: 2 }, status: 'red' });
    // Appointments up to 28 March: X, Y (took place), Z (no) → 2 ÷ 3; W (31st) not yet due.
    expect(row('visitCompletion')).toMatchObject({ count: { part: 2, whole: 3 }, status: 'red' });
    // Late: X told 2 days before, Y never → 1 ÷ 2.
    expect(row('delayNoticeRate')).toMatchObject({ value: 0.5, count: { part: 1, whole: 2 } });
  });

  it('takes the purchase figures from the worker, registration over every purchase', () => {
    expect(row('registrationRate')).toMatchObject({ period: 'all', value: 0.6, count: { part: 3, whole: 5 }, status: 'red', front: true });
    expect(row('spendPerCustomer')).toMatchObject({ period: '2026-03', value: 10_000, count: null, status: 'none' });
    expect(row('churnRate')).toMatchObject({ value: 0, status: 'green' });
    expect(row('repeatRate')).toMatchObject({ period: '2026-Q1', value: 0.5, status: 'green' });
  });

  it('draws trends over 12 months and 8 quarters', () => {
    const reg = row('registrationRate').trend;
    expect(reg).toHaveLength(12);
    expect(reg.at(-1)).toEqual({ label: '2026-03', value: 0.5, noData: false });
    // February had no buyers: 0, marked as no data (issue 10: 0, never a division error; was null).
    expect(reg.at(-2)).toEqual({ label: '2026-02', value: 0, noData: true });
    expect(reg[0]!.label).toBe('2025-04');
    const churn = row('churnRate').trend;
    expect(churn.at(-2)).toEqual({ label: '2026-02', value: 0.5, noData: false });
    expect(row('repeatRate').trend.map((p) => p.label)).toEqual(['2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(boardPeriods(M('2026-03')).months.map(monthText).at(0)).toBe('2025-04');
  });

  it('re-colours when the store changes a target', () => {
    const settings = settingsWithDefaults([{ id: 'registrationRate', target: 0.6, alert: 0.5, front: true }]);
    expect(buildBoard({ ...input, settings }).find((r) => r.id === 'registrationRate')!.status).toBe('green');
  });
});
