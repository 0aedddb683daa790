import { describe, expect, it } from 'vitest';
import { ageOn, conditionHolds, ruleMatches, validateRule, type Condition, type Facts } from '../../src/lib/needs/rules';
import { emptySegment, segmentProblem, validateSegment, type NeedsSegment } from '../../src/lib/needs/segment';
import { adviseStrategy, assignCustomers, segmentFigures, segmentTotals } from '../../src/lib/needs/portfolio';

const c = (field: Condition['field'], op: Condition['op'], value = ''): Condition => ({ field, op, value });

describe('conditions', () => {
  const facts: Facts = { age: 40, amount: 5_000, gender: 'M', region: '天河区', level: '金卡' };
  it.each<[Condition, boolean]>([
    [c('age', 'gte', '40'), true], // edge: 40 ≥ 40
    [c('age', 'gt', '40'), false],
    [c('age', 'lte', '40'), true],
    [c('age', 'lt', '40'), false],
    [c('amount', 'eq', '5000'), true],
    [c('amount', 'ne', '5000'), false],
    [c('gender', 'eq', 'm'), true], // text compares case-insensitively
    [c('region', 'contains', '天河'), true],
    [c('level', 'ne', '银卡'), true],
    [c('orders', 'gte', '0'), false], // unknown number: no comparison holds
    [c('orders', 'ne', '3'), true], // …except "is not"
    [c('orders', 'empty'), true],
    [c('level', 'notEmpty'), true],
  ])('%j → %s', (cond, holds) => expect(conditionHolds(cond, facts)).toBe(holds));

  it('reads a value grade typed as 高 / 中 / 低 (the zh UI\'s words) as the stored high / medium / low', () => {
    const graded: Facts = { grade: 'high' };
    expect(conditionHolds(c('grade', 'eq', '高'), graded)).toBe(true);
    expect(conditionHolds(c('grade', 'eq', 'High'), graded)).toBe(true);
    expect(conditionHolds(c('grade', 'eq', '低'), graded)).toBe(false);
    expect(conditionHolds(c('grade', 'ne', '中'), graded)).toBe(true);
    // Only the grade field: 高 elsewhere is just text.
    expect(conditionHolds(c('level', 'eq', '高'), { level: 'high' })).toBe(false);
  });

  it('matches all or any; an empty rule matches nobody', () => {
    const conditions = [c('age', 'gte', '35'), c('age', 'lte', '45'), c('gender', 'eq', 'F')];
    expect(ruleMatches({ match: 'all', conditions }, facts)).toBe(false);
    expect(ruleMatches({ match: 'any', conditions }, facts)).toBe(true);
    expect(ruleMatches({ match: 'all', conditions: conditions.slice(0, 2) }, facts)).toBe(true);
    expect(ruleMatches({ match: 'any', conditions: [] }, facts)).toBe(false);
  });

  it('checks rules', () => {
    expect(validateRule({ match: 'all', conditions: [c('age', 'gte', ' 35 ')] }).ok).toBe(true);
    expect(validateRule({ match: 'all', conditions: [c('age', 'gte', 'x')] })).toEqual({ ok: false, error: { code: 'needs.notANumber', index: 0 } });
    expect(validateRule({ match: 'all', conditions: [c('age', 'empty'), c('gender', 'gt', '1')] })).toEqual({ ok: false, error: { code: 'needs.badOperator', index: 1 } });
    expect(validateRule({ match: 'all', conditions: [c('region', 'eq', ' ')] })).toEqual({ ok: false, error: { code: 'needs.valueRequired', index: 0 } });
  });

  it('counts age in whole years, birthday day included', () => {
    expect(ageOn('1986-11-23', '2026-11-23')).toBe(40);
    expect(ageOn('1986-11-24', '2026-11-23')).toBe(39);
    expect(ageOn(undefined, '2026-11-23')).toBeNull();
  });
});

const seg = (id: number, priority: number, change: Partial<NeedsSegment> = {}): NeedsSegment => ({ ...emptySegment(priority), id, name: `S${id}`, createdAt: 'x', updatedAt: 'x', ...change });

describe('segments', () => {
  it('refuses an eighth segment and bad fields', () => {
    const d = { ...emptySegment(1), name: 'A组' };
    expect(validateSegment(d, 6).ok).toBe(true);
    expect(validateSegment(d, 7)).toEqual({ ok: false, error: { code: 'needs.tooMany', field: 'name' } });
    expect(validateSegment({ ...d, ourShare: 101 }, 0)).toEqual({ ok: false, error: { code: 'needs.badShare', field: 'ourShare' } });
    expect(validateSegment({ ...d, rule: { match: 'all', conditions: [c('age', 'gte', 'x')] } }, 0)).toEqual({ ok: false, error: { code: 'needs.notANumber', field: 'rule', index: 0 } });
    expect(segmentProblem(seg(1, 1) as unknown as Record<string, unknown>)).toBeNull();
    expect(segmentProblem({ ...seg(1, 1), manualIds: [0] } as unknown as Record<string, unknown>)).toBe('manualIds');
  });

  it('assigns each customer once: by hand first, then by the first matching rule in priority order', () => {
    const men = seg(1, 2, { rule: { match: 'all', conditions: [c('gender', 'eq', 'M')] } });
    const big = seg(2, 1, { rule: { match: 'all', conditions: [c('amount', 'gte', '1000')] }, manualIds: [3] });
    const members = assignCustomers([men, big], [
      { id: 1, facts: { gender: 'M', amount: 2_000 } }, // both rules: priority 1 (big) wins
      { id: 2, facts: { gender: 'M', amount: 10 } },
      { id: 3, facts: { gender: 'F', amount: 10 } }, // by hand into big
      { id: 4, facts: { gender: 'F', amount: 10 } }, // nowhere
    ]);
    expect(members).toEqual(new Map([[2, [1, 3]], [1, [2]]]));
  });

  it('works out shares of business and resources by hand-checked numbers', () => {
    // Revenue: customers 1–3 in A (¥600 + ¥300 + ¥100), 4 in B (¥500); the store also sold ¥500 to others: total ¥2,000.
    // Resources at ¥30/h: A 10 h + ¥200 gifts + ¥100 discounts = ¥600; B 0 h + ¥1,400 gifts = ¥1,400; total ¥2,000.
    const a = seg(1, 1, { staffHours: 10, gifts: 20_000, discounts: 10_000, marketPotential: 500_000, ourShare: 20, competitorShare: 35 });
    const b = seg(2, 2, { gifts: 140_000 });
    const members = new Map([[1, [1, 2, 3]], [2, [4]]]);
    const revenue = new Map([[1, 60_000], [2, 30_000], [3, 10_000], [4, 50_000]]);
    const totals = segmentTotals(members, revenue);
    expect(totals.get(1)).toMatchObject({ customers: 3, revenue: 100_000 });
    // Inside A: ¥600, ¥300, ¥100, mean ¥333.33, sd √(((266.67)² + (33.33)² + (233.33)²) / 3) = √42,222.2 ≈ ¥205.48: CV ≈ 0.6164.
    expect(totals.get(1)!.variation).toBeCloseTo(0.6164, 4);
    expect(totals.get(2)).toEqual({ customers: 1, revenue: 50_000, variation: null });
    const [fa, fb] = segmentFigures([b, a], totals, 200_000, 3_000);
    expect(fa).toEqual({ id: 1, customers: 3, revenue: 100_000, businessShare: 0.5, resourceCost: 60_000, resourceShare: 0.3, leverage: 0.5 / 0.3, potentialTaken: 0.2, shareGap: -15, revenuePerCustomer: 100_000 / 3 });
    expect(fb).toMatchObject({ revenue: 50_000, businessShare: 0.25, resourceCost: 140_000, resourceShare: 0.7, potentialTaken: null, shareGap: null, revenuePerCustomer: 50_000 });
  });

  it('advises concentrate, differentiate or personalise from the spread of value', () => {
    const figures = (perA: number, perB: number) => [
      { id: 1, revenuePerCustomer: perA },
      { id: 2, revenuePerCustomer: perB },
    ] as never;
    const members = new Map([[1, [1, 2]], [2, [3, 4]]]);
    const advise = (f: never, m: Map<number, number[]>, revenue: Map<number, number>) => adviseStrategy(f, segmentTotals(m, revenue));
    // Per customer ¥100 vs ¥150: 1.5× → concentrate (edge included).
    expect(advise(figures(100, 150), members, new Map([[1, 100], [2, 100], [3, 150], [4, 150]])).strategy).toBe('concentrate');
    // ¥100 vs ¥200 with alike customers inside: differentiate.
    expect(advise(figures(100, 200), members, new Map([[1, 100], [2, 100], [3, 200], [4, 200]]))).toEqual({ strategy: 'differentiate', spread: 2, withinVariation: 0 });
    // Same means, but inside A one customer has it all (0 and 200: CV 1) and inside B 0 and 400… CV 1: not above 1.
    expect(advise(figures(100, 200), members, new Map([[1, 0], [2, 200], [3, 0], [4, 400]])).strategy).toBe('differentiate');
    // Three customers, one with everything: mean 100, sd √20000 ≈ 141 → CV ≈ 1.41 > 1: personalise.
    const three = new Map([[1, [1, 2, 5]], [2, [3, 4]]]);
    expect(advise(figures(100, 200), three, new Map([[1, 0], [2, 300], [5, 0], [3, 0], [4, 400]])).strategy).toBe('personalise');
  });
});

describe('customerFacts', () => {
  it('reads file fields and behaviour in the units rules use', async () => {
    const { customerFacts } = await import('../../src/lib/needs/facts');
    const { dayFromIso } = await import('../../src/lib/dates');
    const today = dayFromIso('2026-11-23')!;
    const customer = { id: 1, name: '王', gender: 'M' as const, birthday: '1986-11-24', region: '', createdAt: 'x', updatedAt: 'x' };
    expect(customerFacts(customer, { amount: 123_450, orders: 3, lastDay: today - 10, premiumShare: 0.4567 }, 'high', today)).toEqual({ gender: 'M', age: 39, grade: 'high', amount: 1234.5, orders: 3, daysSinceLast: 10, premiumShare: 45.7 });
    expect(customerFacts(customer, undefined, undefined, today)).toEqual({ gender: 'M', age: 39 });
  });

  it('ages a 农历 birthday from its solar date', async () => {
    const { customerFacts, solarBirthday } = await import('../../src/lib/needs/facts');
    const { lunarDayIn } = await import('../../src/lib/care/lunar');
    const { dayFromIso } = await import('../../src/lib/dates');
    // 农历 1990 腊月二十 was 1991-02-04: on 2026-01-20 the customer is 34, not 35 as the lunar date read as solar would say.
    const lunar = { id: 2, name: '李', birthday: '1990-12-20', birthdayLunar: true as const, createdAt: 'x', updatedAt: 'x' };
    expect(solarBirthday(lunar, lunarDayIn)).toBe('1991-02-04');
    expect(customerFacts(lunar, undefined, undefined, dayFromIso('2026-01-20')!, lunarDayIn)).toEqual({ age: 34 });
    expect(customerFacts(lunar, undefined, undefined, dayFromIso('2026-02-04')!, lunarDayIn)).toEqual({ age: 35 });
    // Without the calendar loaded the lunar date stands in.
    expect(customerFacts(lunar, undefined, undefined, dayFromIso('2026-01-20')!)).toEqual({ age: 35 });
    // 闰四月初八 2020 (2020-05-30) vs the ordinary 四月初八 (2020-04-30).
    expect(solarBirthday({ birthday: '2020-04-08', birthdayLunar: true, birthdayLeap: true }, lunarDayIn)).toBe('2020-05-30');
    expect(solarBirthday({ birthday: '2020-04-08', birthdayLunar: true }, lunarDayIn)).toBe('2020-04-30');
    expect(solarBirthday({ birthday: '1990-07-12' }, lunarDayIn)).toBe('1990-07-12');
  });
});

describe('needsBreakdown', () => {
  it('counts every customer on file into one segment with the store’s revenue as the base, by hand-checked numbers', async () => {
    const { behaviourOf, needsBreakdown } = await import('../../src/lib/needs/breakdown');
    const { NO_DAY } = await import('../../src/lib/customers/stats');
    const today = 20_000;
    // Bought: 1 (¥12,000, 2 orders, ¥3,000 of it premium), 2 (¥500, 5 orders, returns only after day today−40), 9 (¥300, not on file).
    const stats = {
      ids: Int32Array.of(1, 2, 9),
      amount: Float64Array.of(1_200_000, 50_000, 30_000),
      orders: Int32Array.of(2, 5, 1),
      lastDay: Int32Array.of(today - 10, today - 5, today - 1),
      lastPurchaseDay: Int32Array.of(today - 10, NO_DAY, today - 1),
    } as unknown as Parameters<typeof needsBreakdown>[1];
    const premium = { ids: Int32Array.of(1, 2, 9), premiumAmount: Float64Array.of(300_000, 90_000, 0) };
    const b = behaviourOf(stats, premium);
    expect(b.behaviour.get(1)).toEqual({ amount: 1_200_000, orders: 2, lastDay: today - 10, premiumShare: 0.25 });
    // No purchase day (returns only): the last line's day; a premium share above the spend is capped at 1.
    expect(b.behaviour.get(2)).toEqual({ amount: 50_000, orders: 5, lastDay: today - 5, premiumShare: 1 });
    expect(b.total).toBe(1_280_000);

    const people = [1, 2, 3].map((id) => ({ id, name: `c${id}`, gender: id === 3 ? 'F' : 'M', createdAt: '', updatedAt: '' }) as const);
    const big = seg(1, 1, { rule: { match: 'all', conditions: [c('amount', 'gte', '10000')] } });
    const regular = seg(2, 2, { rule: { match: 'all', conditions: [c('orders', 'gte', '3')] } });
    const women = seg(3, 3, { rule: { match: 'all', conditions: [c('gender', 'eq', 'F'), c('grade', 'eq', 'high')] } });
    const r = needsBreakdown(people, stats, premium, new Map([[3, 'high']]), [women, regular, big], today);
    expect(r).toMatchObject({ totalRevenue: 1_280_000, customers: 3, assigned: 3 });
    expect(r.totals).toEqual(new Map([[1, { customers: 1, revenue: 1_200_000, variation: null }], [2, { customers: 1, revenue: 50_000, variation: null }], [3, { customers: 1, revenue: 0, variation: null }]]));
    // Without the grade, customer 3 (never bought: no amount) matches nothing.
    expect(needsBreakdown(people, stats, premium, new Map(), [women, regular, big], today)).toMatchObject({ assigned: 2 });
  });
});
