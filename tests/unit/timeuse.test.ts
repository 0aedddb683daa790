import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../../src/lib/dates';
import { analyseTime } from '../../src/lib/timeuse/aggregate';
import { gapToCourse, sellingGap, topTransactional } from '../../src/lib/timeuse/compare';
import { chunkEntries, packEntries, parseClock, parseDuration, timeColumnsAreConsistent, unpackEntries, type TimeEntry } from '../../src/lib/timeuse/entries';
import { mergeEntries } from '../../src/lib/timeuse/merge';
import { comparePlan, emptyWeekPlan, planProblem, reviewTargets } from '../../src/lib/timeuse/plans';
import { addCategory, defaultSetup, kindOn, remarkCategory, renameCategory, retireCategory, type TimeSetup } from '../../src/lib/timeuse/setup';
import { applySheetRow, entriesForRun } from '../../src/lib/timeuse/sheet';
import { checkEntries } from '../../src/lib/timeuse/validate';
import { isoWeekLabel } from '../../src/lib/timeuse/weeks';
import { whatIf } from '../../src/lib/timeuse/what-if';

const d = (iso: string) => dayFromIso(iso)!;
const setup = (): TimeSetup => ({ ...defaultSetup(), reps: [{ id: 'r1', name: '王芳', role: 'rep' }, { id: 'r2', name: '李强', role: 'rep' }] });
const cats = defaultSetup().categories;

describe('durations and clock times', () => {
  it.each([['90', 90], ['1:30', 90], ['1.5h', 90], ['1.5小时', 90], ['90分钟', 90], ['45 min', 45], ['', 0], ['１２０', 120]])('reads %j as %i minutes', (raw, minutes) => expect(parseDuration(raw)).toBe(minutes));
  it.each(['abc', '1:75', '-5'])('rejects %j', (raw) => expect(parseDuration(raw)).toBeNull());
  it.each([['9:00', 540], ['09:30:00', 570], ['下午2:30', 870], ['2:30 PM', 870], ['12:00am', 0], ['24:00', 1440]])('reads %j as minute %i', (raw, m) => expect(parseClock(raw)).toBe(m));
  it.each(['25:00', '9:60', '13:00pm', 'noon'])('rejects clock %j', (raw) => expect(parseClock(raw)).toBeNull());
});

describe('ISO weeks', () => {
  it.each([['2026-01-01', '2026-W01'], ['2027-01-01', '2026-W53'], ['2024-12-30', '2025-W01'], ['2026-11-23', '2026-W48'], ['2026-11-29', '2026-W48']])('%s is in %s', (iso, label) => expect(isoWeekLabel(d(iso))).toBe(label));
});

describe('validation', () => {
  const day = d('2026-11-02');
  it('accepts exactly 24 h in a day and rejects one minute more', () => {
    const full: TimeEntry[] = [{ rep: 'r1', day, category: 'selling', minutes: 1000 }, { rep: 'r1', day, category: 'admin', minutes: 440 }];
    expect(checkEntries(full, cats)).toEqual([]);
    const over = [...full, { rep: 'r1', day, category: 'reports', minutes: 1 }];
    const problems = checkEntries(over, cats);
    expect(problems.filter((p) => p.code === 'timeuse.dayOver24h')).toHaveLength(3);
    expect(problems[0]).toMatchObject({ code: 'timeuse.dayOver24h', minutes: 1441 });
    // Another rep's or another day's time is its own.
    expect(checkEntries([...full, { rep: 'r2', day, category: 'reports', minutes: 1 }, { rep: 'r1', day: day + 1, category: 'reports', minutes: 1 }], cats)).toEqual([]);
  });
  it('flags overlapping intervals but not touching ones', () => {
    const e = (start: number, end: number): TimeEntry => ({ rep: 'r1', day, category: 'selling', minutes: end - start, start, end });
    expect(checkEntries([e(540, 600), e(600, 660)], cats)).toEqual([]);
    expect(checkEntries([e(540, 600), e(599, 660)], cats)).toEqual([{ code: 'timeuse.overlap', index: 1, other: 0, rep: 'r1', day }]);
    // Inside a long one: both later ones run into the first.
    expect(checkEntries([e(540, 720), e(600, 630), e(700, 710)], cats).map((p) => p.code === 'timeuse.overlap' && [p.index, p.other])).toEqual([[1, 0], [2, 0]]);
    // Untimed minutes never overlap anything.
    expect(checkEntries([e(540, 600), { rep: 'r1', day, category: 'admin', minutes: 60 }], cats)).toEqual([]);
  });
  it('rejects unknown categories, bad intervals and minutes', () => {
    expect(checkEntries([{ rep: 'r1', day, category: 'coffee', minutes: 10 }], cats)).toEqual([{ code: 'timeuse.unknownCategory', index: 0, category: 'coffee' }]);
    expect(checkEntries([{ rep: 'r1', day, category: 'admin', minutes: 10, start: 600, end: 590 }], cats)[0]).toMatchObject({ code: 'timeuse.badInterval' });
    expect(checkEntries([{ rep: 'r1', day, category: 'admin', minutes: 0 }], cats)[0]).toMatchObject({ code: 'timeuse.badMinutes' });
  });
});

describe('categories', () => {
  it('re-marking takes effect from its day: older entries keep their kind', () => {
    const r = remarkCategory(cats, 'reports', 'selling', d('2026-11-01'));
    expect(r.ok).toBe(true);
    const reports = r.ok ? r.value.find((c) => c.id === 'reports')! : cats[0]!;
    expect(kindOn(reports, d('2026-10-31'))).toBe('transactional');
    expect(kindOn(reports, d('2026-11-01'))).toBe('selling');
    const chunks = chunkEntries([
      { rep: 'r1', day: d('2026-10-31'), category: 'reports', minutes: 60 },
      { rep: 'r1', day: d('2026-11-02'), category: 'reports', minutes: 30 },
    ]);
    const a = analyseTime(chunks, { ...setup(), categories: r.ok ? r.value : cats });
    expect(a.team).toMatchObject({ total: 90, selling: 30, transactional: 60 });
  });
  it('adds, renames and retires without changing ids', () => {
    const added = addCategory(cats, { zh: '培训', en: 'Training' }, 'transactional');
    expect(added.ok && added.value.at(-1)).toMatchObject({ id: 'c6', name: { zh: '培训', en: 'Training' } });
    expect(addCategory(cats, { zh: '报表填写', en: '' }, 'selling')).toEqual({ ok: false, error: { code: 'timeuse.nameTaken', name: '报表填写' } });
    const renamed = renameCategory(cats, 'reports', { zh: '日报', en: 'Daily reports' });
    expect(renamed.ok && renamed.value.find((c) => c.id === 'reports')!.name.en).toBe('Daily reports');
    const retired = retireCategory(cats, 'reports', d('2026-12-01'));
    expect(retired.ok && retired.value.find((c) => c.id === 'reports')!.retiredOn).toBe(d('2026-12-01'));
  });
});

/** A week for two reps (hand-made): r1 10 h, r2 10 h. */
function week(): TimeEntry[] {
  const mon = d('2026-11-02');
  return [
    // r1: invoicing 180, selling 120, admin 120, reports 60, visiting 120 = 600 min; selling 240 (40 %).
    { rep: 'r1', day: mon, category: 'invoicing', minutes: 180 },
    { rep: 'r1', day: mon, category: 'selling', minutes: 120, start: 540, end: 660 },
    { rep: 'r1', day: mon + 1, category: 'admin', minutes: 120 },
    { rep: 'r1', day: mon + 1, category: 'reports', minutes: 60 },
    { rep: 'r1', day: mon + 2, category: 'visiting', minutes: 120 },
    // r2: invoicing 300, selling 60, admin 180, reports 60 = 600; selling 60 (10 %).
    { rep: 'r2', day: mon, category: 'invoicing', minutes: 300 },
    { rep: 'r2', day: mon, category: 'selling', minutes: 60 },
    { rep: 'r2', day: mon + 7, category: 'admin', minutes: 180 },
    { rep: 'r2', day: mon + 7, category: 'reports', minutes: 60 },
  ];
}

describe('aggregation and the gap to the course split', () => {
  const a = analyseTime(chunkEntries(week()), setup());
  it('sums per category, rep, week and month', () => {
    expect(a.categories).toEqual(['invoicing', 'selling', 'admin', 'reports', 'visiting']);
    expect(a.team.minutes).toEqual([480, 180, 300, 120, 120]);
    expect(a.team).toMatchObject({ total: 1200, selling: 300, transactional: 900, repDays: 5 });
    expect(a.reps.map((r) => [r.key, r.total, r.selling])).toEqual([['r1', 600, 240], ['r2', 600, 60]]);
    expect(a.weeks.map((w) => [w.key, w.total, w.selling])).toEqual([['2026-W45', 960, 300], ['2026-W46', 240, 0]]);
    expect(a.months.map((m) => [m.key, m.total])).toEqual([['2026-11', 1200]]);
    expect(a.weekCount).toBe(2);
  });
  it('filters by period and rep', () => {
    expect(analyseTime(chunkEntries(week()), setup(), { to: d('2026-11-08') }).team.total).toBe(960);
    expect(analyseTime(chunkEntries(week()), setup(), { reps: ['r2'] }).team.total).toBe(600);
  });
  it('gives the gap in points and hours', () => {
    // Team: invoicing 480/1200 = 40 % vs 30 % → +10 pp, +(480 − 360)/60 = +2 h.
    const gap = gapToCourse(a.team, a.categories);
    expect(gap[0]).toEqual({ category: 'invoicing', minutes: 480, share: 0.4, courseShare: 0.3, gapPoints: 10, gapHours: 2 });
    // Selling 180/1200 = 15 % vs 25 % → −10 pp, (180 − 300)/60 = −2 h.
    expect(gap[1]).toMatchObject({ gapPoints: -10, gapHours: -2 });
    // Selling + visiting 300/1200 = 25 %: against a 50 % target −25 pp, 5 h missing; against the course's 35 %, −10 pp.
    expect(sellingGap(a.team, 0.5)).toEqual({ sellingShare: 0.25, toTarget: -25, toCourse: -10, hoursToTarget: 5 });
    expect(sellingGap(a.reps[0]!, 0.3).hoursToTarget).toBe(0);
  });
  it('lists the top transactional categories and who carries them', () => {
    const top = topTransactional(a, setup(), 2);
    expect(top.map((t) => [t.category, t.minutes])).toEqual([['invoicing', 480], ['admin', 300]]);
    // r2 does 300 of the 480 invoicing minutes (62.5 %), half of r2's own time.
    expect(top[0]!.reps[0]).toEqual({ rep: 'r2', minutes: 300, shareOfCategory: 0.625, shareOfRep: 0.5 });
  });
});

describe('packing', () => {
  it('round-trips entries and checks columns', () => {
    const entries = week().filter((e) => e.rep === 'r1');
    const c = packEntries(entries);
    expect(timeColumnsAreConsistent(c)).toBe(true);
    expect(unpackEntries('r1', c)).toEqual(entries);
    expect(timeColumnsAreConsistent({ ...c, minutes: new Int16Array(1) })).toBe(false);
    expect(chunkEntries(week()).map((ch) => ch.key)).toEqual(['r1|24322', 'r2|24322']);
  });
});

describe('the daily sheet and the quick log', () => {
  const day = d('2026-11-02');
  const timed: TimeEntry = { rep: 'r1', day, category: 'selling', minutes: 60, start: 540, end: 600 };
  it('keeps timed entries and stores the rest untimed', () => {
    expect(applySheetRow([timed, { rep: 'r1', day, category: 'admin', minutes: 30 }], { selling: 90, admin: 0, reports: 15 }, 'r1', day)).toEqual({
      ok: true,
      value: [timed, { rep: 'r1', day, category: 'selling', minutes: 30 }, { rep: 'r1', day, category: 'reports', minutes: 15 }],
    });
    expect(applySheetRow([timed], { selling: 30 }, 'r1', day)).toEqual({ ok: false, error: { code: 'timeuse.belowTimed', category: 'selling', timed: 60 } });
    expect(applySheetRow([], { selling: 1440, admin: 1 }, 'r1', day)).toEqual({ ok: false, error: { code: 'timeuse.dayOver24h', minutes: 1441 } });
  });
  it('splits a run past midnight', () => {
    expect(entriesForRun('r1', 'admin', { day, minute: 1430 }, { day: day + 1, minute: 20 })).toEqual([
      { rep: 'r1', day, category: 'admin', minutes: 10, start: 1430, end: 1440 },
      { rep: 'r1', day: day + 1, category: 'admin', minutes: 20, start: 0, end: 20 },
    ]);
    expect(entriesForRun('r1', 'admin', { day, minute: 600 }, { day, minute: 600 })).toEqual([]);
  });
  it('does not add an entry twice, and refuses days over 24 h with what is stored', () => {
    const stored: TimeEntry[] = [{ rep: 'r1', day, category: 'admin', minutes: 1400 }];
    const m = mergeEntries(stored, [{ rep: 'r1', day, category: 'admin', minutes: 1400 }, { rep: 'r1', day, category: 'reports', minutes: 41 }]);
    expect(m.alreadyStored).toBe(1);
    expect(m.overDays).toEqual([{ rep: 'r1', day, minutes: 1441 }]);
  });
});

describe('what-if (self-check formula, domain.md §5)', () => {
  it('turns moved hours into customers and revenue', () => {
    // 20 selling h/week bring 40 prospects: 2 per hour. Moving 5 h: +10 prospects; × 25 % = +2.5
    // customers a week; × ¥800 = +¥2,000 a week; over 52 weeks +130 customers, +¥104,000.
    const r = whatIf({ hoursPerWeek: 5, availableHoursPerWeek: 30, sellingHoursPerWeek: 20, totalHoursPerWeek: 80, prospectsPerWeek: 40, conversionRate: 0.25, averageValueFen: 80_000, weeks: 52 });
    expect(r).toEqual({
      ok: true,
      value: {
        movedHoursPerWeek: 5,
        capped: false,
        prospectsPerSellingHour: 2,
        sellingShareBefore: 0.25,
        sellingShareAfter: 0.3125,
        customersPerWeekBefore: 10,
        revenuePerWeekBeforeFen: 800_000,
        extraProspectsPerWeek: 10,
        extraCustomersPerWeek: 2.5,
        extraRevenuePerWeekFen: 200_000,
        extraCustomersOverPeriod: 130,
        extraRevenueOverPeriodFen: 10_400_000,
      },
    });
  });
  it('moves no more than the chosen categories take, and needs selling time', () => {
    const r = whatIf({ hoursPerWeek: 10, availableHoursPerWeek: 4, sellingHoursPerWeek: 8, totalHoursPerWeek: 40, prospectsPerWeek: 16, conversionRate: 0.5, averageValueFen: 10_000, weeks: 1 });
    expect(r.ok && [r.value.movedHoursPerWeek, r.value.capped, r.value.extraCustomersPerWeek, r.value.extraRevenuePerWeekFen]).toEqual([4, true, 4, 40_000]);
    expect(whatIf({ hoursPerWeek: 1, availableHoursPerWeek: 4, sellingHoursPerWeek: 0, totalHoursPerWeek: 40, prospectsPerWeek: 16, conversionRate: 0.5, averageValueFen: 1, weeks: 1 })).toEqual({ ok: false, error: { code: 'whatIf.noSellingTime' } });
    expect(whatIf({ hoursPerWeek: 1, availableHoursPerWeek: 4, sellingHoursPerWeek: 1, totalHoursPerWeek: 40, prospectsPerWeek: 16, conversionRate: 1.5, averageValueFen: 1, weeks: 1 })).toEqual({ ok: false, error: { code: 'whatIf.badInput', field: 'conversionRate' } });
  });
});

describe('weekly action plan and month targets', () => {
  it('compares planned with recorded minutes', () => {
    const a = analyseTime(chunkEntries(week()), setup(), { reps: ['r1'], to: d('2026-11-08') });
    const plan = { ...emptyWeekPlan('r1', d('2026-11-02')), minutes: { selling: 300, invoicing: 60 } };
    const c = comparePlan(plan, a.categories, a.reps[0]!, (id) => id === 'selling' || id === 'visiting');
    // r1 recorded invoicing 180, selling 120, admin 120, reports 60, visiting 120.
    expect(c.rows).toEqual([
      { category: 'invoicing', planned: 60, recorded: 180, difference: 120 },
      { category: 'selling', planned: 300, recorded: 120, difference: -180 },
      { category: 'admin', planned: 0, recorded: 120, difference: 120 },
      { category: 'reports', planned: 0, recorded: 60, difference: 60 },
      { category: 'visiting', planned: 0, recorded: 120, difference: 120 },
    ]);
    // Planned selling 300 of 360 = 5/6; recorded 240 of 600 = 40 %.
    expect([c.planned, c.recorded, c.plannedSellingShare, c.recordedSellingShare]).toEqual([360, 600, 300 / 360, 0.4]);
  });
  it('reviews month targets: actual ÷ target, mean of those reviewed', () => {
    expect(reviewTargets([{ text: 'a', target: 20, actual: 15 }, { text: 'b', target: 30, actual: 27 }, { text: 'c', target: 10, actual: null }, { text: 'd', target: 0, actual: 3 }])).toEqual({ rates: [0.75, 0.9, null, null], mean: 0.825 });
  });
  it('checks stored plan rows', () => {
    expect(planProblem({ ...emptyWeekPlan('r1', 100) })).toBeNull();
    expect(planProblem({ ...emptyWeekPlan('r1', 100), key: 'week|r1|101' })).toBe('key');
    expect(planProblem({ ...emptyWeekPlan('r1', 100), minutes: { selling: -5 } })).toBe('minutes');
    expect(planProblem({ ...emptyWeekPlan('r1', 100), targets: [{ text: 'x', target: 'ten', actual: null }] })).toBe('targets');
  });
});
