import { describe, expect, it } from 'vitest';
import {
  birthdayIn,
  birthdaysBetween,
  cycleDays,
  defaultCareRules,
  giftBudget,
  giftTasks,
  holidaysBetween,
  validateCareRules,
  weekday,
  weekStartOf,
  weekTasks,
  type CareRules,
  type CareTier,
  type WeekInput,
} from '../../src/lib/care';
import { lunarCalendar, springFestivalDay } from '../../src/lib/care/lunar';
import { dayFromIso, isoFromDay } from '../../src/lib/dates';

const d = (iso: string) => dayFromIso(iso)!;
const isoList = (days: number[]) => days.map(isoFromDay);

describe('Spring Festival (lunar new year) dates', () => {
  // Published dates of 春节, 2020–2031.
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    [2030, '2030-02-03'],
    [2031, '2031-01-23'],
  ])('%i falls on %s', (year, iso) => {
    expect(isoFromDay(springFestivalDay(year))).toBe(iso);
  });
});

describe('weeks and cycles', () => {
  it('starts weeks on Monday', () => {
    expect(weekday(d('2026-11-23'))).toBe(0); // a Monday
    expect(weekday(d('2026-11-29'))).toBe(6); // Sunday
    expect(isoFromDay(weekStartOf(d('2026-11-29')))).toBe('2026-11-23');
    expect(isoFromDay(weekStartOf(d('1969-12-31')))).toBe('1969-12-29'); // before day 0
  });

  it('repeats every 15 days across month ends (28-day February)', () => {
    // From 1 Jan 2026: 1, 16, 31 Jan; 15 Feb; 2 Mar (15 Feb + 13 days of February + 2).
    expect(isoList(cycleDays(d('2026-01-01'), 15, d('2026-01-01'), d('2026-03-05')))).toEqual(['2026-01-01', '2026-01-16', '2026-01-31', '2026-02-15', '2026-03-02']);
  });

  it('repeats every 15 days across the year end, and backwards from the anchor', () => {
    // 20 Dec 2026 + 15 = 4 Jan 2027 (11 days left in December + 4).
    expect(isoList(cycleDays(d('2026-12-20'), 15, d('2026-12-28'), d('2027-01-10')))).toEqual(['2027-01-04']);
    // The week before the anchor: 20 Dec − 15 = 5 Dec.
    expect(isoList(cycleDays(d('2026-12-20'), 15, d('2026-11-30'), d('2026-12-06')))).toEqual(['2026-12-05']);
    expect(cycleDays(d('2026-12-20'), 15, d('2026-12-21'), d('2027-01-03'))).toEqual([]);
  });
});

describe('occasions', () => {
  it('puts a 29 February birthday on 28 February in other years', () => {
    expect(isoFromDay(birthdayIn('1992-02-29', 2027)!)).toBe('2027-02-28');
    expect(isoFromDay(birthdayIn('1992-02-29', 2028)!)).toBe('2028-02-29');
    expect(birthdayIn(undefined, 2027)).toBeNull();
    expect(birthdayIn('1992-13-01', 2027)).toBeNull();
  });

  it('finds birthdays across the year end', () => {
    const found = birthdaysBetween([{ id: 1, birthday: '1980-12-31' }, { id: 2, birthday: '1990-01-02' }, { id: 3 }], d('2026-12-28'), d('2027-01-07'), lunarCalendar);
    expect(found.map((o) => [o.customerId, isoFromDay(o.day), o.key])).toEqual([
      [1, '2026-12-31', 'birthday-2026'],
      [2, '2027-01-02', 'birthday-2027'],
    ]);
  });

  it('lists May Day, National Day, Spring Festival, Mid-Autumn and store days in range', () => {
    const store = [
      { id: 1, name: '店庆', date: '09-28' },
      { id: 2, name: '新品发布', date: '2027-10-03' },
    ];
    const found = holidaysBetween(d('2026-09-25'), d('2026-10-05'), lunarCalendar, store);
    expect(found.map((o) => [o.key, isoFromDay(o.day)])).toEqual([
      ['midAutumn-2026', '2026-09-25'],
      ['store1-2026', '2026-09-28'],
      ['nationalDay-2026', '2026-10-01'],
    ]);
    const may = holidaysBetween(d('2027-01-01'), d('2027-12-31'), lunarCalendar, store);
    expect(may.map((o) => [o.kind, isoFromDay(o.day)])).toEqual([
      ['springFestival', '2027-02-06'],
      ['mayDay', '2027-05-01'],
      ['midAutumn', '2027-09-15'],
      ['store', '2027-09-28'],
      ['nationalDay', '2027-10-01'],
      ['store', '2027-10-03'],
    ]);
  });
});

function input(overrides: Partial<WeekInput> & { tiers?: Record<number, CareTier | null> }): WeekInput {
  const tiers = overrides.tiers ?? {};
  return {
    weekStart: d('2026-11-23'),
    customers: [],
    tierOf: (id) => (id in tiers ? tiers[id]! : 'none'),
    rules: { ...defaultCareRules, smsFrom: '2026-01-01' },
    storeOccasions: [],
    lunar: lunarCalendar,
    ...overrides,
  };
}
// The SMS cycle has its own test; elsewhere it is left out of the comparison.
const brief = (tasks: ReturnType<typeof weekTasks>, withCycle = false) => tasks.filter((t) => withCycle || t.reason !== 'smsCycle').map((t) => `${isoFromDay(t.day)} ${t.channel} ${t.customerId ?? 'all'} ${t.occasion?.key ?? t.reason}${t.gift ? ' gift' : ''}${t.count !== undefined ? ` ×${t.count}` : ''}`);

describe('a week of care tasks', () => {
  it('mails the card 4 days before a birthday, across the year end, and phones on the day', () => {
    // Birthday Sat 2 Jan 2027: card Tue 29 Dec 2026 (week of Mon 28 Dec), call on 2 Jan (same week).
    const tasks = weekTasks(input({ weekStart: d('2026-12-28'), customers: [{ id: 7, birthday: '1985-01-02' }], tiers: { 7: 'B' }, rules: { ...defaultCareRules, smsFrom: '2026-12-01' } }));
    expect(brief(tasks)).toEqual(['2026-12-29 card 7 birthday-2027', '2027-01-02 call 7 birthday-2027 gift']);
    expect(tasks.find((t) => t.channel === 'call')!.key).toBe('2027-01-02|call|7|birthday-2027');
  });

  it('mails the card in the week before when the birthday is early in the next week', () => {
    // Birthday Tue 1 Dec 2026 → card Fri 27 Nov, in the week of 23 Nov; the call is next week.
    // Weekly contacts spread Monday–Friday by id: 3 % 5 = 3 → Thursday.
    const tasks = weekTasks(input({ customers: [{ id: 3, birthday: '1970-12-01' }], tiers: { 3: 'A' }, rules: { ...defaultCareRules, smsFrom: '2026-11-20' } }));
    expect(brief(tasks)).toEqual(['2026-11-26 visit 3 weekly', '2026-11-27 card 3 birthday-2026']);
  });

  it('counts 4 days back over a month end, in leap and common years', () => {
    const rules: CareRules = { ...defaultCareRules, smsFrom: '2026-01-10' };
    // 1 Mar 2027 − 4 = 25 Feb (28-day February); 1 Mar 2028 − 4 = 26 Feb (29 days).
    const y27 = weekTasks(input({ weekStart: d('2027-02-22'), customers: [{ id: 1, birthday: '2000-03-01' }], tiers: { 1: 'B' }, rules }));
    expect(brief(y27).filter((t) => t.includes(' card '))).toEqual(['2027-02-25 card 1 birthday-2027']);
    const y28 = weekTasks(input({ weekStart: d('2028-02-21'), customers: [{ id: 1, birthday: '2000-03-01' }], tiers: { 1: 'B' }, rules }));
    expect(brief(y28).filter((t) => t.includes(' card '))).toEqual(['2028-02-26 card 1 birthday-2028']);
  });

  it('applies each tier: A card + call + gift + weekly, B card + call + gift, C SMS only, churned none', () => {
    // Week of Mon 1 Feb 2027: Spring Festival Sat 6 Feb (card Tue 2 Feb). SMS cycle from 1 Jan 2027: 1, 16, 31 Jan, 15 Feb: none this week.
    const customers = [
      { id: 10, phone: '13800000010' },
      { id: 11, phone: '13800000011' },
      { id: 12, phone: '13800000012', birthday: '1990-02-03' },
      { id: 13, phone: '13800000013' },
      { id: 14 },
    ];
    const tasks = weekTasks(
      input({ weekStart: d('2027-02-01'), customers, tiers: { 10: 'A', 11: 'B', 12: 'C', 13: null, 14: 'C' }, rules: { ...defaultCareRules, smsFrom: '2027-01-01' } }),
    );
    expect(brief(tasks)).toEqual([
      '2027-02-01 visit 10 weekly', // 10 % 5 = 0 → Monday
      '2027-02-02 card 10 springFestival-2027',
      '2027-02-02 card 11 springFestival-2027',
      '2027-02-03 sms 12 birthday-2027', // C: the birthday greeting by SMS, no gift
      '2027-02-06 call 10 springFestival-2027 gift',
      '2027-02-06 call 11 springFestival-2027 gift',
      '2027-02-06 sms all springFestival-2027 ×2', // C customers 12 and 14, one message
    ]);
    // A holiday gift ¥25 + B brochure and voucher ¥100.
    expect(giftTasks(tasks).map((t) => t.gift!.budgetFen)).toEqual([2_500, 10_000]);
    expect(giftBudget(tasks)).toBe(12_500);
  });

  it('sends the store SMS every 15 days to everyone in care with a phone', () => {
    const customers = [{ id: 1, phone: '13800000001' }, { id: 2 }, { id: 3, phone: '13800000003' }];
    // From 1 Jan 2026: … 2 Mar … → 27 Nov? 1 Jan + 15k: day 330 = 27 Nov 2026 (k = 22).
    const tasks = weekTasks(input({ customers, tiers: { 1: 'C', 2: 'C', 3: null } }));
    expect(brief(tasks, true)).toEqual(['2026-11-27 sms all smsCycle ×1']);
    // Nobody in care has a phone: no message to send, so no task.
    expect(brief(weekTasks(input({ customers: [{ id: 2 }], tiers: { 2: 'C' } })), true)).toEqual([]);
  });

  it('puts the gift on the card when the tier is neither phoned nor texted', () => {
    const rules: CareRules = {
      ...defaultCareRules,
      smsFrom: '2026-01-02',
      tiers: { ...defaultCareRules.tiers, B: { ...defaultCareRules.tiers.B, call: false } },
    };
    const tasks = weekTasks(input({ weekStart: d('2026-09-28'), customers: [{ id: 5 }], tiers: { 5: 'B' }, rules }));
    // National Day Thu 1 Oct 2026 → card Sun 27 Sep, the week before: nothing this week.
    expect(brief(tasks)).toEqual([]);
    const before = weekTasks(input({ weekStart: d('2026-09-21'), customers: [{ id: 5 }], tiers: { 5: 'B' }, rules }));
    // Mid-Autumn Fri 25 Sep 2026 → card Mon 21 Sep, in the same week.
    expect(brief(before)).toEqual(['2026-09-21 card 5 midAutumn-2026 gift', '2026-09-27 card 5 nationalDay-2026 gift']);
  });

  it('includes store occasions', () => {
    const tasks = weekTasks(input({ customers: [{ id: 2 }], tiers: { 2: 'B' }, storeOccasions: [{ id: 4, name: '店庆', date: '11-26' }], rules: { ...defaultCareRules, smsFrom: '2026-11-20' } }));
    expect(brief(tasks)).toEqual(['2026-11-26 call 2 store4-2026 gift']);
    expect(tasks[0]!.occasion!.name).toBe('店庆');
  });
});

describe('care rules', () => {
  it('accepts the defaults', () => expect(validateCareRules(defaultCareRules).ok).toBe(true));
  it.each([
    [{ cardDaysBefore: -1 }, 'cardDaysBefore'],
    [{ callFrom: '25:00' }, 'callFrom'],
    [{ callTo: '14:00' }, 'callTo'],
    [{ smsEveryDays: 0 }, 'smsEveryDays'],
    [{ smsFrom: '2026-02-30' }, 'smsFrom'],
    [{ tiers: { ...defaultCareRules.tiers, A: { ...defaultCareRules.tiers.A, birthdayGift: { zh: 'x', en: 'x', budgetFen: 1.5 } } } }, 'A.birthdayGift'],
  ])('rejects %j', (change, field) => {
    expect(validateCareRules({ ...defaultCareRules, ...change } as CareRules)).toEqual({ ok: false, error: { code: 'care.ruleInvalid', field } });
  });
});

describe('dormancy warnings as care tasks', () => {
  it('puts a call on the warning day for customers about to go dormant or lost, not for churned ones', async () => {
    const { dormancyWarnings } = await import('../../src/lib/dormancy');
    const params = { dormantAfterDays: 182, lostAfterDays: 365, warnDays: 30 };
    const monday = d('2026-11-23');
    // Customer 1 warns on Wednesday (182 − 30 = 152 days after their last purchase); customer 2 is
    // 335 days past theirs on Friday (lost warning); customer 3 would too, but is on the churned list.
    const lastDays: [number, number][] = [[1, monday + 2 - 152], [2, monday + 4 - 335], [3, monday + 4 - 335], [4, monday - 1]];
    const warnings = dormancyWarnings(lastDays, monday, monday + 6, params);
    const tasks = weekTasks(input({ customers: [1, 2, 3, 4].map((id) => ({ id })), tiers: { 1: 'B', 2: 'A', 3: null, 4: 'C' }, dormancy: warnings, rules: { ...defaultCareRules, smsFrom: '' } }));
    const calls = tasks.filter((t) => t.reason === 'dormantSoon' || t.reason === 'lostSoon');
    expect(calls.map((t) => [t.customerId, t.day - monday, t.channel, t.reason])).toEqual([
      [1, 2, 'call', 'dormantSoon'],
      [2, 4, 'call', 'lostSoon'],
    ]);
  });
});
