import { describe, expect, it } from 'vitest';
import { validateTables } from '../../src/lib/backup/validate';
import { dayFromYmd } from '../../src/lib/dates';
import { demoFunnel } from '../../src/lib/funnel/demo';
import { compareMonth, conversionByMonth } from '../../src/lib/funnel/conversion';
import { delayNoticeRate, delayState } from '../../src/lib/funnel/delays';
import { monthDays, monthFromText, monthOfDay, monthText, quarterDays, quarterOfMonth, quarterText } from '../../src/lib/funnel/months';
import { pipelineForecast } from '../../src/lib/funnel/pipeline';
import { currentStage, reachedDays, relationship, type Stage, type StageEvent } from '../../src/lib/funnel/records';
import { remindersDue, remindersFor } from '../../src/lib/funnel/reminders';
import { decompose, ratios, sideFactors, type SelfCheckFigures } from '../../src/lib/funnel/self-check';

const d = dayFromYmd;
let seq = 0;
const ev = (opportunityId: string, stage: Stage, day: number): StageEvent => ({ id: `e${++seq}`, opportunityId, stage, day });
const M = (text: string) => monthFromText(text)!;

describe('months', () => {
  it('counts months and quarters across year ends', () => {
    expect(monthText(monthOfDay(d(2026, 12, 31)) + 1)).toBe('2027-01');
    expect(monthText(M('2026-03') - 12)).toBe('2025-03');
    expect(monthFromText('2026-13')).toBeNull();
    expect(monthDays(M('2024-02'))).toEqual({ start: d(2024, 2, 1), end: d(2024, 3, 1) }); // leap February: 29 days
    expect(monthDays(M('2024-02')).end - monthDays(M('2024-02')).start).toBe(29);
    expect(quarterText(quarterOfMonth(M('2026-11')))).toBe('2026-Q4');
    expect(quarterDays(quarterOfMonth(M('2026-11')))).toEqual({ start: d(2026, 10, 1), end: d(2027, 1, 1) });
  });
});

describe('stages', () => {
  it('treats a skipped step as passed on the day of the later one', () => {
    // Greeted 1 Mar, closed 5 Mar without a test drive: needs/demo/trial/close all reached 5 Mar.
    const events = [ev('a', 'greet', d(2026, 3, 1)), ev('a', 'close', d(2026, 3, 5))];
    expect(reachedDays(events)).toEqual([d(2026, 3, 1), d(2026, 3, 5), d(2026, 3, 5), d(2026, 3, 5), d(2026, 3, 5), null, null, null]);
    expect(currentStage(events)).toBe('close');
    expect(relationship(events)).toBe('newCustomer');
    expect(relationship([ev('b', 'trial', 1)])).toBe('prospect');
    expect(relationship([ev('c', 'greet', 1), ev('c', 'loyal', 400)])).toBe('loyal');
    expect(currentStage([])).toBeNull();
  });
});

describe('conversion by stage per month', () => {
  // March 2026: 4 greeted (a, b, c, d). a and b confirmed needs; a closed (in April); d dropped.
  // April 2026: 2 greeted (e, f); e closed.
  const events = [
    ev('a', 'greet', d(2026, 3, 2)),
    ev('a', 'needs', d(2026, 3, 2)),
    ev('a', 'close', d(2026, 4, 3)),
    ev('b', 'greet', d(2026, 3, 10)),
    ev('b', 'needs', d(2026, 3, 11)),
    ev('c', 'greet', d(2026, 3, 20)),
    ev('d', 'greet', d(2026, 3, 31)),
    ev('e', 'greet', d(2026, 4, 1)),
    ev('e', 'close', d(2026, 4, 9)),
    ev('f', 'greet', d(2026, 4, 30)),
    // A year earlier: 5 greeted in April 2025, 1 moved on to needs.
    ...['p', 'q', 'r', 's', 't'].map((id) => ev(id, 'greet', d(2025, 4, 15))),
    ev('p', 'needs', d(2025, 4, 16)),
  ];
  const rows = conversionByMonth(events);

  it('counts who entered each stage in a month and who moved on', () => {
    expect(rows.map((r) => monthText(r.month))).toEqual(['2025-04', '2026-03', '2026-04']);
    const march = rows[1]!;
    // greet → needs: 4 entered, 2 moved on (a, b) = 50 %.
    expect(march.steps[0]).toEqual({ stage: 'greet', next: 'needs', entered: 4, advanced: 2 });
    // needs → demo: a and b entered in March; only a moved on (its close in April passes demo).
    expect(march.steps[1]).toEqual({ stage: 'needs', next: 'demo', entered: 2, advanced: 1 });
    expect(march.greeted).toBe(4);
    expect(march.closed).toBe(1);
    const april = rows[2]!;
    // a's skipped demo and trial and its close are April's; so are e's.
    expect(april.steps[2]).toEqual({ stage: 'demo', next: 'trial', entered: 2, advanced: 2 });
    expect(april.steps[4]).toEqual({ stage: 'close', next: 'deliver', entered: 2, advanced: 0 });
    expect([april.greeted, april.closed]).toEqual([2, 1]);
  });

  it('compares a month with the month before, the three before and the same month in earlier years', () => {
    const c = compareMonth(rows, M('2026-04'));
    // greet → needs, April 2026: e (closed, so passed needs) 1 of 2 = 50 %.
    expect(c.steps[0]!.rate).toBe(0.5);
    expect(c.steps[0]!.previous).toBe(0.5); // March: 2 of 4
    expect(c.steps[0]!.previous3).toBe(0.5); // Jan + Feb empty, March 2 of 4: pooled 2 / 4
    expect(c.steps[0]!.sameMonthBefore).toBe(0.2); // April 2025: 1 of 5
    expect(c.close).toEqual({ greeted: 2, closed: 1, rate: 0.5, previous: 0.25, previous3: 0.25, sameMonthBefore: 0 });
    // No earlier history at all: nulls, not zeros.
    const first = compareMonth(rows, M('2025-04'));
    expect(first.steps[0]!.previous).toBeNull();
    expect(first.steps[0]!.sameMonthBefore).toBeNull();
  });
});

describe('pipeline forecast', () => {
  it('sums registered prospects per model and expected month', () => {
    const f = pipelineForecast([
      { model: 'X1', colour: '白', expectedMonth: '2026-12' },
      { model: 'X1', colour: '黑', expectedMonth: '2026-12' },
      { model: 'X1', colour: '白', expectedMonth: '2027-01' },
      { model: 'Y2', colour: '红', expectedMonth: '2027-01' },
      { model: ' Y2 ', expectedMonth: '2026-12' },
      { model: 'Z3' }, // no expected month
      { model: 'Z3', expectedMonth: 'soon' },
    ]);
    expect(f.months.map(monthText)).toEqual(['2026-12', '2027-01']);
    expect(f.models.map((m) => [m.model, m.counts, m.total])).toEqual([
      ['X1', [2, 1], 3],
      ['Y2', [1, 1], 2],
    ]);
    expect(f.models[0]!.colours).toEqual([{ colour: '白', count: 2 }, { colour: '黑', count: 1 }]);
    expect(f.monthTotals).toEqual([3, 2]);
    expect(f.total).toBe(5);
    expect(f.undated).toBe(2);
  });
});

describe('appointment reminders', () => {
  const visit = d(2026, 3, 1); // a Sunday at the start of a month: reminders fall in February
  it('asks for a contact 2–3 days before, a reminder 1 day before and the visit on the day', () => {
    expect(remindersFor({ id: 'a', day: visit })).toEqual([
      { id: 'a', kind: 'contact', appointmentDay: visit, from: d(2026, 2, 26), until: d(2026, 2, 27) },
      { id: 'a', kind: 'remind', appointmentDay: visit, from: d(2026, 2, 28), until: d(2026, 2, 28) },
      { id: 'a', kind: 'visit', appointmentDay: visit, from: visit, until: visit },
    ]);
  });
  it.each([
    [d(2026, 2, 25), []],
    [d(2026, 2, 26), ['contact']],
    [d(2026, 2, 27), ['contact']],
    [d(2026, 2, 28), ['remind']],
    [d(2026, 3, 1), ['visit']],
    [d(2026, 3, 2), []],
  ])('on day %i lists %j', (today, kinds) => {
    expect(remindersDue([{ id: 'a', day: visit }], today).map((r) => r.kind)).toEqual(kinds);
  });
  it('reaches back across a year end', () => {
    // A visit on 2 January 2027: contact on 30–31 December 2026, remind on 1 January.
    const due = remindersDue([{ id: 'n', day: d(2027, 1, 2) }], d(2026, 12, 30), 3);
    expect(due.map((r) => [r.kind, r.from, r.until])).toEqual([
      ['contact', d(2026, 12, 30), d(2026, 12, 31)],
      ['remind', d(2027, 1, 1), d(2027, 1, 1)],
    ]);
  });
  it('lists a week ahead in date order (same first day: the earlier appointment first)', () => {
    const due = remindersDue([{ id: 'b', day: d(2026, 3, 4) }, { id: 'a', day: visit }], d(2026, 2, 26), 7);
    expect(due.map((r) => `${r.id}:${r.kind}`)).toEqual(['a:contact', 'a:remind', 'a:visit', 'b:contact', 'b:remind', 'b:visit']);
  });
});

describe('delay notices', () => {
  it('reproduces the course figure: 8 of 17 late deliveries told in advance is 47.1 %', () => {
    const promised = d(2026, 6, 30);
    const late = Array.from({ length: 17 }, (_, i) => ({
      id: `o${i}`,
      promisedDay: promised,
      late: true,
      // 8 told before or on the promised day, 5 told after it, 4 never told.
      toldDay: i < 8 ? promised - (i % 2) : i < 13 ? promised + 2 : undefined,
    }));
    const r = delayNoticeRate([...late, { id: 'onTime', promisedDay: promised }]);
    expect(r).toMatchObject({ late: 17, toldInAdvance: 8, toldLate: 5, missingTold: ['o13', 'o14', 'o15', 'o16'] });
    expect(r.rate).toBeCloseTo(0.4706, 4);
    expect(delayState({ id: 'x', late: false })).toBeNull();
    expect(delayNoticeRate([]).rate).toBeNull();
  });
});

describe('self-check decomposition', () => {
  // Last month: 60 new + 30 referrals + 10 repeat = 100 prospects, 20 customers (20 %), ¥500 each = ¥10,000.
  const last: SelfCheckFigures = { prospects: { new: 60, referral: 30, repeat: 10 }, customers: 20, revenue: 1_000_000 };

  it('derives conversion and average value', () => {
    expect(ratios(last)).toEqual({ prospects: 100, conversion: 0.2, averageValue: 50_000, revenue: 1_000_000 });
  });

  it('puts a drop in average value on average value alone', () => {
    // Same prospects and customers, ¥400 each: revenue ¥8,000, the whole −¥2,000 is average value.
    const r = decompose(last, { ...last, revenue: 800_000 });
    if (!r.ok) throw new Error('expected a split');
    expect(r.value.gap).toBe(-200_000);
    expect(r.value.contributions.prospects).toBeCloseTo(0, 6);
    expect(r.value.contributions.conversion).toBeCloseTo(0, 6);
    expect(r.value.contributions.averageValue).toBeCloseTo(-200_000, 6);
    expect(r.value.explains).toBe('averageValue');
  });

  it('splits exactly, with no leftover, and names the factor and source behind the gap', () => {
    // This month: new development fell to 30 (80 prospects), conversion 25 % (20 customers), ¥450 each → ¥9,000.
    // L = (900,000 − 1,000,000) / ln(0.9) = 949,122.2; prospects L·ln 0.8 = −211,790.5;
    // conversion L·ln 1.25 = +211,790.5; average value L·ln 0.9 = −100,000. Sum −100,000 = the gap.
    const now: SelfCheckFigures = { prospects: { new: 40, referral: 30, repeat: 10 }, customers: 20, revenue: 900_000 };
    const r = decompose(last, now);
    if (!r.ok) throw new Error('expected a split');
    const L = -100_000 / Math.log(0.9);
    expect(L).toBeCloseTo(949_122.2, 1);
    expect(r.value.contributions.prospects).toBeCloseTo(L * Math.log(0.8), 6);
    expect(r.value.contributions.prospects).toBeCloseTo(-211_790.5, 0);
    expect(r.value.contributions.conversion).toBeCloseTo(211_790.5, 0);
    expect(r.value.contributions.averageValue).toBeCloseTo(-100_000, 6);
    const sum = r.value.contributions.prospects + r.value.contributions.conversion + r.value.contributions.averageValue;
    expect(sum).toBeCloseTo(r.value.gap, 6);
    expect(r.value.explains).toBe('prospects');
    // All of the prospects' change is new development.
    expect(r.value.bySource.new).toBeCloseTo(r.value.contributions.prospects, 6);
    expect(r.value.bySource.referral).toBe(0);
    expect(r.value.source).toBe('new');
  });

  it('has no gap to explain when revenue is unchanged', () => {
    const r = decompose(last, { prospects: { new: 40, referral: 30, repeat: 10 }, customers: 20, revenue: 1_000_000 });
    if (!r.ok) throw new Error('expected a split');
    // Fewer prospects (−22.3 %) exactly offset by better conversion: 1,000,000 × ln 0.8 = −223,144.
    expect(r.value.contributions.prospects).toBeCloseTo(1_000_000 * Math.log(0.8), 6);
    expect(r.value.explains).toBeNull();
  });

  it('reports a zero factor instead of dividing by it', () => {
    expect(decompose(last, { ...last, customers: 0, revenue: 0 })).toEqual({ ok: false, error: { code: 'selfCheck.zero', which: 'current', factor: 'conversion' } });
    expect(decompose({ ...last, prospects: { new: 0, referral: 0, repeat: 0 } }, last)).toEqual({ ok: false, error: { code: 'selfCheck.zero', which: 'base', factor: 'prospects' } });
  });

  it('shows selling time and complaints beside the identity', () => {
    const s = sideFactors(
      { ...last, sellingShare: 0.25, complaints: { service: 2, delivery: 1 } },
      { ...last, sellingShare: 0.2, complaints: { service: 2, delivery: 4, quality: 1 } },
    );
    expect(s.sellingShareChange).toBeCloseTo(-0.05, 10);
    expect(s.complaintsChange).toBe(4); // 7 − 3
    expect(s.complaintReasonUp).toBe('delivery'); // +3
    expect(sideFactors(last, last)).toEqual({ sellingShareChange: null, complaintsChange: null, complaintReasonUp: null });
  });
});

describe('demo funnel and stored rows', () => {
  const end = d(2026, 11, 23);
  const demo = demoFunnel(20_240_601, end);

  it('is the same every time, ends on the last day, and passes the backup checks', () => {
    expect(demoFunnel(20_240_601, end)).toEqual(demo);
    expect(demo.opportunities.length).toBeGreaterThan(13 * 20);
    expect(Math.max(...demo.events.map((e) => e.day))).toBeLessThanOrEqual(end);
    const checked = validateTables({ opportunities: demo.opportunities, stageEvents: demo.events, monthNotes: [{ month: '2026-11', text: '广告减少', updatedAt: '2026-11-30T00:00:00.000Z' }], kpiSettings: [{ id: 'churnRate', target: 0.02, alert: null, front: false }] });
    expect(checked.ok).toBe(true);
    // Something for every screen: open prospects with an expected month, appointments this week, late deliveries.
    expect(demo.opportunities.some((o) => o.expectedMonth)).toBe(true);
    expect(demo.opportunities.some((o) => o.appointmentDay !== undefined && o.appointmentDay >= end)).toBe(true);
    expect(delayNoticeRate(demo.opportunities).late).toBeGreaterThan(0);
  });

  it.each([
    ['opportunities', { id: 'o', name: 'x', source: 'walk-in', createdAt: '', updatedAt: '' }, 'source'],
    ['opportunities', { id: 'o', name: 'x', source: 'new', expectedMonth: '2026-13', createdAt: '', updatedAt: '' }, 'expectedMonth'],
    ['stageEvents', { id: 'e', opportunityId: 'o', stage: 'sold', day: 1 }, 'stage'],
    ['monthNotes', { month: 'Nov', text: '', updatedAt: '' }, 'month'],
    ['kpiSettings', { id: 'happiness', target: 1, alert: null, front: true }, 'id'],
  ])('rejects a bad %s row at %j', (table, row, field) => {
    expect(validateTables({ [table]: [row] })).toMatchObject({ ok: false, error: { code: 'backup.badRow', table, row: 1, problem: 'badField', field } });
  });
});
