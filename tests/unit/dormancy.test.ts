import { describe, expect, it } from 'vitest';
import { countDormancy, defaultDormancyParams, dormancyDetail, dormancyOf, matchesDormancy, validateDormancyParams } from '../../src/lib/dormancy';
import { defaultTierParams } from '../../src/lib/tiers';

const p = { dormantAfterDays: 180, lostAfterDays: 365, warnDays: 30 };
const today = 20_000;

describe('dormant and lost by days without a purchase', () => {
  it('defaults to the tier review’s 6 and 12 months', () => {
    expect(defaultDormancyParams).toEqual({ dormantAfterDays: defaultTierParams.downgradeAfterDays, lostAfterDays: defaultTierParams.churnAfterDays, warnDays: 30 });
    expect(defaultDormancyParams).toMatchObject({ dormantAfterDays: 182, lostAfterDays: 365 });
  });

  it.each([
    [0, 'active'],
    [149, 'active'], // N − K − 1
    [150, 'dormantSoon'], // exactly N − K: the warning starts
    [179, 'dormantSoon'], // N − 1
    [180, 'dormant'], // exactly N
    [334, 'dormant'], // M − K − 1
    [335, 'lostSoon'], // exactly M − K
    [364, 'lostSoon'], // M − 1
    [365, 'lost'], // exactly M
    [2_000, 'lost'],
  ])('%i days since the last purchase → %s', (days, status) => expect(dormancyOf(today - days, today, p)).toBe(status));

  it('has no status for a customer who never bought, and no warning with K = 0', () => {
    expect(dormancyOf(null, today, p)).toBe('never');
    const noWarn = { ...p, warnDays: 0 };
    expect([179, 180, 364, 365].map((d) => dormancyOf(today - d, today, noWarn))).toEqual(['active', 'dormant', 'dormant', 'lost']);
  });

  it('agrees with the tier review at the defaults: downgraded on the day dormant begins, churned on the day lost begins', () => {
    const d = defaultDormancyParams;
    expect(dormancyOf(today - defaultTierParams.downgradeAfterDays, today, d)).toBe('dormant');
    expect(dormancyOf(today - defaultTierParams.downgradeAfterDays + 1, today, d)).toBe('dormantSoon');
    expect(dormancyOf(today - defaultTierParams.churnAfterDays, today, d)).toBe('lost');
  });

  it('tells the days since and the day the next status begins', () => {
    expect(dormancyDetail(today - 160, today, p)).toEqual({ status: 'dormantSoon', days: 160, nextDay: today + 20 }); // dormant in 180 − 160 days
    expect(dormancyDetail(today - 200, today, p)).toEqual({ status: 'dormant', days: 200, nextDay: today + 165 }); // lost in 365 − 200
    expect(dormancyDetail(today - 400, today, p)).toEqual({ status: 'lost', days: 400, nextDay: null });
  });

  it('filters: a warning is either soon; dormant includes soon lost', () => {
    expect(matchesDormancy('dormantSoon', 'warn') && matchesDormancy('lostSoon', 'warn') && !matchesDormancy('dormant', 'warn')).toBe(true);
    expect(matchesDormancy('lostSoon', 'dormant') && !matchesDormancy('lost', 'dormant')).toBe(true);
  });

  it('counts', () => {
    expect(countDormancy([today, today - 150, today - 180, today - 335, today - 365, null], today, p)).toEqual({ active: 1, dormantSoon: 1, dormant: 1, lostSoon: 1, lost: 1, never: 1 });
  });

  it.each([
    [{ ...p, lostAfterDays: 180 }, 'dormancy.lostBeforeDormant'],
    [{ ...p, warnDays: 180 }, 'dormancy.warnTooLong'],
    [{ ...p, dormantAfterDays: 0 }, 'dormancy.paramInvalid'],
    [{ ...p, warnDays: -1 }, 'dormancy.paramInvalid'],
    [{ ...p, lostAfterDays: 1.5 }, 'dormancy.paramInvalid'],
  ])('rejects %j', (params, code) => {
    const r = validateDormancyParams(params);
    expect(!r.ok && r.error.code).toBe(code);
  });
});

describe('the customer table’s dormancy filter', () => {
  it('keeps only customers with the chosen status on today', async () => {
    const { joinStats, selectRows } = await import('../../src/lib/customers/list-view');
    const { customerStats } = await import('../../src/lib/customers/stats');
    const { packLines } = await import('../../src/lib/purchases/columns');
    const at = '2026-01-01T00:00:00.000Z';
    const customers = [1, 2, 3, 4].map((id) => ({ id, name: `c${id}`, createdAt: at, updatedAt: at }));
    // Last purchases 10, 160, 200 and 400 days before today; customer 5 never bought.
    const stats = customerStats([packLines([10, 160, 200, 400].map((ago, i) => ({ day: today - ago, customerId: i + 1, amount: 100, quantity: 1, orderNo: `S${i}` })))]);
    const rows = joinStats([...customers, { id: 5, name: 'c5', createdAt: at, updatedAt: at }], stats);
    const q = { search: '', missing: null, recency: { kind: 'any' as const }, prospectsOnly: false, sort: 'name' as const, descending: false, today };
    const ids = (filter: 'warn' | 'dormant' | 'lost' | 'dormantSoon') => selectRows(rows, stats, { ...q, dormancy: { filter, params: p } }).map((r) => r.customer.id);
    expect(ids('dormantSoon')).toEqual([2]); // 160 ≥ 180 − 30
    expect(ids('dormant')).toEqual([3]);
    expect(ids('lost')).toEqual([4]);
    expect(ids('warn')).toEqual([2]);
    expect(selectRows(rows, stats, { ...q, dormancy: null })).toHaveLength(5);
  });
});

describe('warnings for the care calendar', () => {
  it('lists the customers whose warning day (N − K or M − K after the last purchase) falls in the week', async () => {
    const { dormancyWarnings } = await import('../../src/lib/dormancy');
    // Week 20,000–20,006. Customer 1 last bought 150 days before its start: warned on day 20,000 (180 − 30).
    // Customer 2: 335 days before day 20,006, warned of lost on 20,006. Customer 3: 149 days before day 20,006 → next week.
    const w = dormancyWarnings([[1, 19_850], [2, 19_671], [3, 19_857]], 20_000, 20_006, p);
    expect(w).toEqual([
      { customerId: 1, day: 20_000, becomes: 'dormant', thresholdDay: 20_030 },
      { customerId: 2, day: 20_006, becomes: 'lost', thresholdDay: 20_036 },
    ]);
  });
});
