import { describe, expect, it } from 'vitest';
import { birthdaysBetween, defaultCareRules, holidaysBetween, weekTasks, withRuleDefaults, type CareRules } from '../../src/lib/care';
import { leapMonthOf, lunarCalendar, lunarDayIn, midAutumnDay } from '../../src/lib/care/lunar';
import { birthdayText, lunarDayName, lunarMonthName, readBirthdayText } from '../../src/lib/care/lunar-text';
import { careRulesProblem } from '../../src/lib/care/rows';
import { mergeCustomers } from '../../src/lib/customers/merge';
import { formFromCustomer, validateCustomerForm } from '../../src/lib/customers/validate';
import { convertRows, rowsOf } from '../../src/lib/import/convert';
import { dayFromIso, isoFromDay } from '../../src/lib/dates';

const d = (iso: string) => dayFromIso(iso)!;
const iso = (day: number | null) => (day === null ? null : isoFromDay(day));

describe('中秋 (lunar 8/15)', () => {
  // Published dates of the Mid-Autumn Festival.
  it.each([
    [2020, '2020-10-01'],
    [2021, '2021-09-21'],
    [2022, '2022-09-10'],
    [2023, '2023-09-29'],
    [2024, '2024-09-17'],
    [2025, '2025-10-06'],
    [2026, '2026-09-25'],
    [2027, '2027-09-15'],
    [2028, '2028-10-03'],
    [2029, '2029-09-22'],
    [2030, '2030-09-12'],
  ])('%i falls on %s', (year, date) => {
    expect(iso(midAutumnDay(year))).toBe(date);
  });

  it('is a holiday occasion of its own beside 春节', () => {
    const found = holidaysBetween(d('2025-01-01'), d('2025-12-31'), lunarCalendar);
    expect(found.map((o) => [o.key, iso(o.day)])).toEqual([
      ['springFestival-2025', '2025-01-29'],
      ['mayDay-2025', '2025-05-01'],
      ['nationalDay-2025', '2025-10-01'],
      ['midAutumn-2025', '2025-10-06'],
    ]);
  });
});

describe('lunar birthdays on the solar calendar', () => {
  it('knows the leap months (闰月) of 2020–2030', () => {
    expect(Array.from({ length: 11 }, (_, i) => leapMonthOf(2020 + i))).toEqual([4, 0, 0, 2, 0, 6, 0, 0, 5, 0, 0]);
  });

  // 四月初八 (佛诞, a public holiday in Hong Kong: published dates).
  it.each([
    [2020, '2020-04-30'],
    [2021, '2021-05-19'],
    [2022, '2022-05-08'],
    [2023, '2023-05-26'],
    [2024, '2024-05-15'],
    [2025, '2025-05-05'],
    [2026, '2026-05-24'],
    [2027, '2027-05-13'],
    [2028, '2028-05-02'],
    [2029, '2029-05-20'],
    [2030, '2030-05-09'],
  ])('四月初八 %i → %s', (year, date) => {
    expect(iso(lunarDayIn(year, 4, 8))).toBe(date);
  });

  it('puts a 闰月 birthday in the leap month when the year has it', () => {
    // 闰四月 2020 began 23 May; 闰二月 2023 on 22 Mar; 闰六月 2025 on 25 Jul; 闰五月 2028 on 23 Jun.
    expect(iso(lunarDayIn(2020, 4, 8, true))).toBe('2020-05-30');
    expect(iso(lunarDayIn(2023, 2, 8, true))).toBe('2023-03-29');
    expect(iso(lunarDayIn(2025, 6, 8, true))).toBe('2025-08-01');
    expect(iso(lunarDayIn(2028, 5, 8, true))).toBe('2028-06-30');
  });

  it('falls back to the ordinary month of that number in years without it', () => {
    expect(iso(lunarDayIn(2021, 4, 8, true))).toBe('2021-05-19'); // = 四月初八 2021
    expect(iso(lunarDayIn(2023, 4, 8, true))).toBe('2023-05-26'); // 2023 has 闰二月, not 闰四月
    expect(iso(lunarDayIn(2025, 6, 8, true))).toBe('2025-08-01');
    expect(iso(lunarDayIn(2026, 6, 8, true))).toBe(iso(lunarDayIn(2026, 6, 8)));
  });

  it('puts day 30 on the 29th in a month of 29 days', () => {
    // 八月 2021 has 29 days: 十五 = 21 Sep → 廿九 = 5 Oct. 八月 2022 has 30: 十五 = 10 Sep → 三十 = 25 Sep.
    expect(iso(lunarDayIn(2021, 8, 30))).toBe('2021-10-05');
    expect(iso(lunarDayIn(2021, 8, 29))).toBe('2021-10-05');
    expect(iso(lunarDayIn(2022, 8, 30))).toBe('2022-09-25');
    // 闰四月 2020 (29 days, 23 May – 20 Jun): its 30th is 20 Jun, not 五月初一 (21 Jun).
    expect(iso(lunarDayIn(2020, 4, 30, true))).toBe('2020-06-20');
  });

  it('refuses impossible months and days', () => {
    expect(lunarDayIn(2026, 13, 1)).toBeNull();
    expect(lunarDayIn(2026, 1, 31)).toBeNull();
    expect(lunarDayIn(2026, 0, 1)).toBeNull();
  });

  it('finds a late 腊月 birthday in January of the next Gregorian year, across the window’s year end', () => {
    // 腊月二十 of lunar 2026 (春节 2027 is 6 Feb; 腊月 2026 has 29 days) = 27 Jan 2027.
    const c = [{ id: 1, birthday: '1980-12-20', birthdayLunar: true }];
    const found = birthdaysBetween(c, d('2026-12-28'), d('2027-01-31'), lunarCalendar);
    expect(found.map((o) => [o.key, iso(o.day), o.lunar])).toEqual([['birthday-lunar2026', '2027-01-27', true]]);
    // Nothing in Gregorian 2026 before it except lunar 2025's: 腊月二十 of lunar 2025 = 7 Feb 2026.
    expect(birthdaysBetween(c, d('2026-01-01'), d('2026-12-31'), lunarCalendar).map((o) => iso(o.day))).toEqual(['2026-02-07']);
  });

  it('can fall twice in one Gregorian year (腊月初一 in 2022)', () => {
    // Lunar 2021's 腊月 began 3 Jan 2022; lunar 2022's on 23 Dec 2022 (30 days before 春节, 22 Jan 2023).
    const found = birthdaysBetween([{ id: 9, birthday: '1970-12-01', birthdayLunar: true }], d('2022-01-01'), d('2022-12-31'), lunarCalendar);
    expect(found.map((o) => [o.key, iso(o.day)])).toEqual([
      ['birthday-lunar2021', '2022-01-03'],
      ['birthday-lunar2022', '2022-12-23'],
    ]);
  });

  it('mixes solar and lunar customers, by day then customer', () => {
    const customers = [
      { id: 3, birthday: '1990-09-25' }, // solar
      { id: 2, birthday: '1990-08-15', birthdayLunar: true }, // 中秋 2026 = 25 Sep
      { id: 1, birthday: '1988-04-08', birthdayLunar: true, birthdayLeap: true }, // not this week
      { id: 4, birthday: '1992-02-30', birthdayLunar: true }, // 二月三十: no Gregorian date, but a lunar one
      { id: 5, birthday: '1992-02-30' }, // solar and impossible: ignored
    ];
    const found = birthdaysBetween(customers, d('2026-09-21'), d('2026-09-27'), lunarCalendar);
    expect(found.map((o) => [o.customerId, iso(o.day), o.key])).toEqual([
      [2, '2026-09-25', 'birthday-lunar2026'],
      [3, '2026-09-25', 'birthday-2026'],
    ]);
    // 二月 2026 has 29 days: 二月三十 → 二月廿九 = 16 Apr 2026 (春节 17 Feb; 正月 of 30 days → 二月初一 19 Mar; + 28 days).
    expect(birthdaysBetween(customers, d('2026-04-13'), d('2026-04-19'), lunarCalendar).map((o) => [o.customerId, iso(o.day)])).toEqual([[4, '2026-04-16']]);
  });
});

describe('birthday-month benefits by tier', () => {
  it('has sensible editable defaults: A and B get one, C and untiered none', () => {
    expect(defaultCareRules.tiers.A.birthdayBenefit?.zh).toContain('双倍积分');
    expect(defaultCareRules.tiers.B.birthdayBenefit?.zh).toContain('九五折');
    expect(defaultCareRules.tiers.C.birthdayBenefit).toBeNull();
    expect(defaultCareRules.tiers.none.birthdayBenefit).toBeNull();
  });

  it('gives rules saved before benefits existed the defaults, and keeps a benefit turned off', () => {
    const old = structuredClone(defaultCareRules) as CareRules;
    for (const tier of ['A', 'B', 'C', 'none'] as const) delete (old.tiers[tier] as Partial<CareRules['tiers']['A']>).birthdayBenefit;
    old.tiers.A.card = false; // a change the store made stays
    expect(careRulesProblem(old as unknown as Record<string, unknown>)).toBeNull(); // old backups restore
    const merged = withRuleDefaults(old);
    expect(merged.tiers.A.birthdayBenefit).toEqual(defaultCareRules.tiers.A.birthdayBenefit);
    expect(merged.tiers.A.card).toBe(false);
    expect(merged.tiers.C.birthdayBenefit).toBeNull();
    const off = withRuleDefaults({ ...defaultCareRules, tiers: { ...defaultCareRules.tiers, A: { ...defaultCareRules.tiers.A, birthdayBenefit: null } } });
    expect(off.tiers.A.birthdayBenefit).toBeNull();
    expect(careRulesProblem({ ...defaultCareRules, tiers: { ...defaultCareRules.tiers, B: { ...defaultCareRules.tiers.B, birthdayBenefit: 'x' } } })).toBe('tiers.B.birthdayBenefit');
  });

  it('goes with a lunar birthday’s card and call in the week of its solar date', () => {
    const tasks = weekTasks({
      weekStart: d('2026-09-21'),
      customers: [{ id: 7, birthday: '1990-08-15', birthdayLunar: true }, { id: 8, birthday: '1991-09-22' }],
      tierOf: (id) => (id === 7 ? 'A' : 'C'),
      rules: { ...defaultCareRules, smsFrom: '2026-01-01' },
      storeOccasions: [],
      lunar: lunarCalendar,
    });
    const birthday = tasks.filter((t) => t.occasion?.kind === 'birthday');
    expect(birthday.map((t) => `${iso(t.day)} ${t.channel} ${t.customerId} ${t.benefit?.zh ?? '-'}`)).toEqual([
      '2026-09-21 card 7 生日当月消费双倍积分，另享九折', // 4 days before 25 Sep
      '2026-09-22 sms 8 -', // C: no benefit by default
      '2026-09-25 call 7 生日当月消费双倍积分，另享九折',
    ]);
    // 中秋 the same day: a holiday task without the birthday benefit.
    expect(tasks.filter((t) => t.occasion?.kind === 'midAutumn').every((t) => t.benefit === undefined)).toBe(true);
    expect(tasks.some((t) => t.occasion?.key === 'midAutumn-2026' && t.channel === 'call')).toBe(true);
  });
});

describe('lunar birthday text', () => {
  it('names months and days as a calendar does', () => {
    expect(`${lunarMonthName(8)}${lunarDayName(15)}`).toBe('八月十五');
    expect(`${lunarMonthName(4, true)}${lunarDayName(8)}`).toBe('闰四月初八');
    expect([1, 11, 12].map((m) => lunarMonthName(m))).toEqual(['正月', '冬月', '腊月']);
    expect([1, 10, 11, 20, 21, 30].map(lunarDayName)).toEqual(['初一', '初十', '十一', '二十', '廿一', '三十']);
  });

  it('reads what files hold', () => {
    expect(readBirthdayText('农历1990-08-15', null)).toEqual({ birthday: '1990-08-15', leap: false });
    expect(readBirthdayText('1990年闰四月初八', null)).toEqual({ birthday: '1990-04-08', leap: true });
    expect(readBirthdayText('阴历 1985年腊月廿三', null)).toEqual({ birthday: '1985-12-23', leap: false });
    expect(readBirthdayText('1992/2/30', true)).toEqual({ birthday: '1992-02-30', leap: false });
    expect(readBirthdayText('1990-08-15', null)).toEqual({ solar: '1990-08-15' });
    expect(readBirthdayText('1990年8月15日', false)).toEqual({ solar: '1990年8月15日' });
    expect(readBirthdayText('公历1990-08-15', true)).toEqual({ solar: '1990-08-15' });
    expect(readBirthdayText('农历1990-13-01', null)).toBe('invalid');
  });

  it('imports a 生日类型 column and lunar text', () => {
    const headers = ['手机号', '姓名', '生日', '生日类型'];
    const rows = [
      ['13800138000', '王芳', '1990-08-15', '农历'],
      ['13800138001', '李娜', '1991-03-02', '公历'],
      ['13800138002', '张伟', '1988年闰四月初八', ''],
      ['13800138003', '赵敏', '1992-02-30', '是'],
    ];
    const c = convertRows(headers, rows, rowsOf(rows, [2, 3, 4, 5]), { kind: 'customers', mapping: ['phone', 'name', 'birthday', 'birthdayType'], dateOrder: null, matchKey: 'phone', nonProductCodes: [] });
    expect(c.customers.map((x) => [x.values.birthday, x.values.birthdayLunar, x.values.birthdayLeap])).toEqual([
      ['1990-08-15', true, undefined],
      ['1991-03-02', undefined, undefined],
      ['1988-04-08', true, true],
      ['1992-02-30', true, undefined],
    ]);
    expect(c.problems).toEqual([]);
    // A 农历生日 column holding the date itself.
    const only = [['13800138004', '钱红', '', '1979-01-01']];
    const c2 = convertRows(headers, only, rowsOf(only, [2]), { kind: 'customers', mapping: ['phone', 'name', 'birthday', 'birthdayType'], dateOrder: null, matchKey: 'phone', nonProductCodes: [] });
    expect(c2.customers[0]!.values).toMatchObject({ birthday: '1979-01-01', birthdayLunar: true });
  });
});

describe('the customer record', () => {
  it('checks a lunar birthday as a lunar date (二月三十 is fine, 十三月 is not)', () => {
    const form = { ...formFromCustomer(), name: '王芳', birthday: '1992-02-30', birthdayLunar: true, birthdayLeap: true };
    expect(validateCustomerForm(form)).toEqual({ ok: true, value: { name: '王芳', birthday: '1992-02-30', birthdayLunar: true, birthdayLeap: true } });
    expect(validateCustomerForm({ ...form, birthday: '1992-13-01' }).ok).toBe(false);
    expect(validateCustomerForm({ ...form, birthday: '1988年闰四月初八', birthdayLeap: false })).toEqual({ ok: true, value: { name: '王芳', birthday: '1988-04-08', birthdayLunar: true, birthdayLeap: true } });
    expect(validateCustomerForm({ ...form, birthday: '公历1990-01-01' }).ok).toBe(false);
    expect(validateCustomerForm({ ...form, birthdayLunar: false }).ok).toBe(false); // no such solar date
    // A leap mark without 农历 is dropped.
    expect(validateCustomerForm({ ...form, birthday: '1992-02-28', birthdayLunar: false })).toEqual({ ok: true, value: { name: '王芳', birthday: '1992-02-28' } });
    expect(formFromCustomer({ birthday: '1990-08-15', birthdayLunar: true })).toMatchObject({ birthdayLunar: true, birthdayLeap: false });
  });

  it('merges the lunar marks with the birthday they describe', () => {
    const base = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
    const lunar = { ...base, id: 2, name: '王芳', birthday: '1990-08-15', birthdayLunar: true as const };
    const none = { ...base, id: 1, name: '王芳' };
    expect(mergeCustomers(none, lunar, 'now').merged).toMatchObject({ birthday: '1990-08-15', birthdayLunar: true });
    const solar = { ...base, id: 1, name: '王芳', birthday: '1990-08-15' };
    const r = mergeCustomers(solar, lunar, 'now');
    expect(r.merged.birthdayLunar).toBeUndefined();
    expect(r.conflicts).toEqual([{ field: 'birthday', kept: '1990-08-15', dropped: '1990-08-15 农历' }]);
  });
});

describe('a birthday as lists and exports write it', () => {
  it('marks a lunar birthday so that importing the export again keeps its calendar', () => {
    expect(birthdayText({})).toBe('');
    expect(birthdayText({ birthday: '1990-07-12' })).toBe('1990-07-12');
    expect(birthdayText({ birthday: '1990-08-15', birthdayLunar: true })).toBe('农历1990-08-15');
    expect(birthdayText({ birthday: '2020-04-08', birthdayLunar: true, birthdayLeap: true })).toBe('农历2020-闰04-08');
    expect(readBirthdayText(birthdayText({ birthday: '1990-08-15', birthdayLunar: true }), null)).toEqual({ birthday: '1990-08-15', leap: false });
    expect(readBirthdayText(birthdayText({ birthday: '2020-04-08', birthdayLunar: true, birthdayLeap: true }), null)).toEqual({ birthday: '2020-04-08', leap: true });
    expect(readBirthdayText(birthdayText({ birthday: '1990-07-12' }), null)).toEqual({ solar: '1990-07-12' });
  });
});
