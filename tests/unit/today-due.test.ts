import { describe, expect, it } from 'vitest';
import { birthdaysBetween, defaultCareRules, weekTasks, type CareTier } from '../../src/lib/care';
import { lunarCalendar } from '../../src/lib/care/lunar';
import { dayFromIso } from '../../src/lib/dates';
import { customerGroups, customerItems, storeItems, todayItems, type TodayInput } from '../../src/lib/today/due';

const d = (iso: string) => dayFromIso(iso)!;
// Wednesday 2026-12-09; its week runs Monday 12-07 to Sunday 12-13.
const today = d('2026-12-09');
const weekStart = d('2026-12-07');

const customers = [
  { id: 1, birthday: '1990-12-08' }, // Tuesday: A tier, call due (yesterday, not done)
  { id: 2, birthday: '1985-12-12' }, // Saturday: call later this week, not due yet; birthday listed
  { id: 3, birthday: '1992-11-08', birthdayLunar: true }, // 农历十一月初八: 2026-12-16 (冬月初一 is 12-09), next week
  { id: 4 }, // no birthday
];
const tiers: Record<number, CareTier> = { 1: 'A', 2: 'B', 3: 'B', 4: 'A' };

function base(over: Partial<TodayInput> = {}): TodayInput {
  const tasks = weekTasks({ weekStart, customers, tierOf: (id) => tiers[id] ?? null, rules: defaultCareRules, storeOccasions: [], lunar: lunarCalendar });
  return {
    today,
    tasks,
    birthdays: birthdaysBetween(customers, weekStart, weekStart + 6, lunarCalendar),
    done: new Set(),
    hasCustomers: true,
    lastTierReview: d('2026-12-01'), // next review 2027-01-01: not due
    assessments: [],
    complaints: { open: 0, oldestDays: null },
    lastBackupDay: d('2026-12-08'), // yesterday
    importsSinceBackup: 0,
    ...over,
  };
}

describe('todayItems', () => {
  it('lists calls due on or before today that are not done, A-tier weekly contacts due, and the week’s birthdays', () => {
    const items = todayItems(base());
    // Customer 1's birthday call on Tuesday 12-08 (day ≤ today); customer 2's on Saturday is not due yet.
    expect(items.filter((i) => i.kind === 'call').map((i) => [i.customerId, i.day])).toEqual([[1, d('2026-12-08')]]);
    // Weekly contacts spread Monday + (id % 5): id 1 → Tuesday 12-08 (due), id 4 → Friday 12-11 (not yet).
    expect(items.filter((i) => i.kind === 'weekly').map((i) => [i.customerId, i.day])).toEqual([[1, d('2026-12-08')]]);
    // Birthdays of the week: 12-08 and 12-12; the lunar one (农历十一月初八 = 2026-12-16) is next week.
    expect(items.filter((i) => i.kind === 'birthday').map((i) => [i.customerId, i.day])).toEqual([
      [1, d('2026-12-08')],
      [2, d('2026-12-12')],
    ]);
    expect(items.map((i) => i.kind)).not.toContain('backup');
    expect(items.map((i) => i.kind)).not.toContain('tierReview');
  });

  it('lists a lunar birthday on its solar day of this year', () => {
    // 农历十一月初八 falls on 2026-12-16 (冬月初一 is the new moon of 12-09; Wednesday of the week 12-14 to 12-20).
    const items = todayItems(base({ today: d('2026-12-14'), birthdays: birthdaysBetween(customers, d('2026-12-14'), d('2026-12-20'), lunarCalendar), tasks: [] }));
    expect(items.filter((i) => i.kind === 'birthday')).toEqual([{ kind: 'birthday', customerId: 3, day: d('2026-12-16'), lunar: true }]);
  });

  it('drops a call marked done in the care calendar', () => {
    const all = base();
    const call = all.tasks.find((t) => t.channel === 'call' && t.customerId === 1)!;
    const items = todayItems({ ...all, done: new Set([call.key]) });
    expect(items.filter((i) => i.kind === 'call')).toEqual([]);
  });

  it('lists win-back calls from the dormancy warnings', () => {
    const tasks = weekTasks({ weekStart, customers, tierOf: (id) => tiers[id] ?? null, rules: defaultCareRules, storeOccasions: [], lunar: lunarCalendar, dormancy: [{ customerId: 4, day: d('2026-12-09'), becomes: 'lost' }] });
    const calls = todayItems(base({ tasks })).filter((i) => i.kind === 'call');
    expect(calls.map((c) => (c.kind === 'call' ? [c.customerId, c.reason] : null))).toEqual([
      [1, 'occasion'],
      [4, 'lostSoon'],
    ]);
  });

  it('says the tier review is due a month after the last one, or when there never was one', () => {
    // Last review 2026-11-09: next 2026-12-09 = today → due.
    expect(todayItems(base({ lastTierReview: d('2026-11-09') })).filter((i) => i.kind === 'tierReview')).toEqual([{ kind: 'tierReview', lastReview: d('2026-11-09') }]);
    // 2026-11-10 → next 2026-12-10, tomorrow: not due.
    expect(todayItems(base({ lastTierReview: d('2026-11-10') })).some((i) => i.kind === 'tierReview')).toBe(false);
    expect(todayItems(base({ lastTierReview: null })).some((i) => i.kind === 'tierReview')).toBe(true);
  });

  it('lists action-plan items past their due date and not done', () => {
    const actions = [
      { id: 'a', dimensionId: 'd1', text: '每周回访A类顾客', owner: '王', due: '2026-12-08', status: 'doing' as const }, // overdue
      { id: 'b', dimensionId: 'd1', text: '整理会员档案', owner: '', due: '2026-12-09', status: 'planned' as const }, // due today: not overdue
      { id: 'c', dimensionId: 'd2', text: '培训', owner: '', due: '2026-11-01', status: 'done' as const }, // done
      { id: 'e', dimensionId: 'd2', text: '无期限', owner: '', due: '', status: 'planned' as const }, // no date
    ];
    const items = todayItems(base({ assessments: [{ id: 'x', store: '示范店', actions }] }));
    expect(items.filter((i) => i.kind === 'action')).toEqual([{ kind: 'action', assessmentId: 'x', store: '示范店', actionId: 'a', text: '每周回访A类顾客', due: '2026-12-08' }]);
  });

  it('lists complaints waiting only when some are open', () => {
    expect(todayItems(base({ complaints: { open: 2, oldestDays: 5 } })).filter((i) => i.kind === 'complaints')).toEqual([{ kind: 'complaints', open: 2, oldestDays: 5 }]);
    expect(todayItems(base()).some((i) => i.kind === 'complaints')).toBe(false);
  });

  it.each([
    ['never backed up', null, 0, true],
    ['backed up 6 days ago', '2026-12-03', 0, false],
    ['backed up 7 days ago', '2026-12-02', 0, true],
    ['backed up yesterday, one import since', '2026-12-08', 1, true],
  ] as const)('backup nudge: %s', (_, last, imports, due) => {
    const items = todayItems(base({ lastBackupDay: last === null ? null : d(last), importsSinceBackup: imports }));
    expect(items.some((i) => i.kind === 'backup')).toBe(due);
  });

  it('has nothing to back up or review in an empty store', () => {
    const items = todayItems(base({ hasCustomers: false, lastBackupDay: null, lastTierReview: null, tasks: [], birthdays: [] }));
    expect(items).toEqual([]);
  });
});

describe('the list in two parts (customers from the analysis engine, the store from the page)', () => {
  it('is the customers’ items, then the store’s, in the same order as the whole list', () => {
    const input = base({ lastTierReview: null, lastBackupDay: null });
    expect([...customerItems(input), ...storeItems(input)]).toEqual(todayItems(input));
    // Call 1 (12-08), weekly 1 (12-08), birthdays 1 and 2; then the review (never) and the backup (never).
    expect(todayItems(input).map((i) => i.kind)).toEqual(['call', 'weekly', 'birthday', 'birthday', 'tierReview', 'backup']);
  });

  it('keeps the first `shown` of each group and counts them all', () => {
    const items = customerItems(base());
    // Calls: birthday call 1 and weekly contact 1 → 2; birthdays 1 and 2 → 2.
    expect(customerGroups(items, 1)).toEqual({
      calls: [{ kind: 'call', customerId: 1, day: d('2026-12-08'), reason: 'occasion', occasion: expect.objectContaining({ kind: 'birthday' }), taskKey: expect.any(String) }],
      callCount: 2,
      birthdays: [{ kind: 'birthday', customerId: 1, day: d('2026-12-08'), lunar: false }],
      birthdayCount: 2,
    });
    const all = customerGroups(items, 8);
    expect(all.calls.map((c) => [c.kind, c.customerId])).toEqual([['call', 1], ['weekly', 1]]);
    expect(all.birthdays.map((b) => b.customerId)).toEqual([1, 2]);
    expect(customerGroups([], 8)).toEqual({ calls: [], callCount: 0, birthdays: [], birthdayCount: 0 });
  });
});
