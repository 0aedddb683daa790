import { describe, expect, it } from 'vitest';
import { checkCuts, defaultGradeCuts, scoreGrade, validateCuts, type GradeCuts } from '../../src/lib/grades/rule';
import { gradeFacts } from '../../src/lib/grades/facts';
import { regrade, type GradeState } from '../../src/lib/grades/regrade';
import { gradeLogProblem, gradeStateProblem } from '../../src/lib/grades/rows';
import { LineFlag, packLines } from '../../src/lib/purchases/columns';

// Round cuts so the edges are easy to check by hand: ¥10,000 / ¥3,000; 8 / 3 orders; ¥1,000 a unit, 50 %.
const cuts: GradeCuts = { ...defaultGradeCuts };

describe('scoreGrade at the cut edges', () => {
  it.each([
    // amount fen, orders, premium fen → amount pts, order pts, preference pt, grade
    [1_000_000, 8, 500_000, 2, 2, 1, 'high'], // every cut reached exactly: 5 points
    [999_999, 8, 0, 1, 2, 0, 'medium'], // one fen short of the high amount: 1 + 2 + 0 = 3
    [1_000_000, 7, 0, 2, 1, 0, 'medium'], // one order short: 2 + 1 = 3
    [1_000_000, 3, 500_000, 2, 1, 1, 'high'], // 2 + 1 + 1 = 4 = pointsHigh
    [1_000_000, 3, 499_999, 2, 1, 0, 'medium'], // premium share 49.99999 % < 50 %: no preference point
    [300_000, 3, 0, 1, 1, 0, 'medium'], // both mid cuts exactly: 2 = pointsMid
    [299_999, 3, 0, 0, 1, 0, 'low'], // one fen short: 1 point
    [300_000, 2, 0, 1, 0, 0, 'low'], // one order short: 1 point
    [299_999, 2, 299_999, 0, 0, 1, 'low'], // all premium, small: 1 point
    [0, 0, 0, 0, 0, 0, 'low'], // nothing spent: no preference point even with a 0 % cut below
  ] as const)('%i fen, %i orders, %i premium → %i+%i+%i = %s', (amount, orders, premiumAmount, a, o, p, grade) => {
    const s = scoreGrade({ amount, orders, premiumAmount }, cuts);
    expect([s.amountPoints, s.ordersPoints, s.preferencePoints, s.grade]).toEqual([a, o, p, grade]);
    expect(s.points).toBe(a + o + p);
  });

  it('gives no preference point for nothing spent, even at a 0 % share cut', () => {
    expect(scoreGrade({ amount: 0, orders: 0, premiumAmount: 0 }, { ...cuts, premiumShare: 0 }).preferencePoints).toBe(0);
  });

  it('reads pointsHigh and pointsMid inclusively', () => {
    const strict = { ...cuts, pointsHigh: 5, pointsMid: 3 };
    expect(scoreGrade({ amount: 1_000_000, orders: 8, premiumAmount: 0 }, strict).grade).toBe('medium'); // 4 < 5
    expect(scoreGrade({ amount: 300_000, orders: 8, premiumAmount: 0 }, strict).grade).toBe('medium'); // 3 = 3
    expect(scoreGrade({ amount: 300_000, orders: 3, premiumAmount: 0 }, strict).grade).toBe('low'); // 2 < 3
  });
});

describe('validateCuts', () => {
  it('accepts the defaults and equal mid/high cuts', () => {
    expect(validateCuts(defaultGradeCuts).ok).toBe(true);
    expect(validateCuts({ ...cuts, amountMid: cuts.amountHigh }).ok).toBe(true);
  });
  it.each([
    [{ amountMid: 1_000_001 }, 'grades.cutOrder', 'amountMid'],
    [{ ordersMid: 9 }, 'grades.cutOrder', 'ordersMid'],
    [{ pointsMid: 5 }, 'grades.cutOrder', 'pointsMid'],
    [{ pointsHigh: 6 }, 'grades.pointsRange', 'pointsHigh'],
    [{ premiumShare: 1.01 }, 'grades.shareRange', 'premiumShare'],
    [{ ordersMid: -1 }, 'grades.cutNegative', 'ordersMid'],
    [{ amountHigh: Number.NaN }, 'grades.cutNotNumber', 'amountHigh'],
  ])('rejects %j', (change, code, field) => {
    expect(validateCuts({ ...cuts, ...change })).toEqual({ ok: false, error: { code, field } });
  });
  it('falls back to the defaults for stored rubbish', () => {
    expect(checkCuts(null)).toEqual(defaultGradeCuts);
    expect(checkCuts({ ordersMid: 99 })).toEqual(defaultGradeCuts);
    expect(checkCuts({ ordersHigh: 10 })).toEqual({ ...defaultGradeCuts, ordersHigh: 10 });
  });
});

describe('gradeFacts', () => {
  it('counts premium spend by unit price, deducting returns, skipping excluded lines', () => {
    const chunk = packLines([
      { day: 1, customerId: 1, amount: 200_000, quantity: 2, orderNo: 'A' }, // ¥1,000 a unit: premium
      { day: 1, customerId: 1, amount: 99_900, quantity: 1, orderNo: 'A' }, // ¥999: not
      { day: 2, customerId: 1, amount: -100_000, quantity: -1, orderNo: 'B', flags: LineFlag.returned }, // premium returned
      { day: 3, customerId: 2, amount: 500_000, quantity: 1, orderNo: 'C', flags: LineFlag.excluded | LineFlag.cancellation },
      { day: 3, customerId: 2, amount: 50_000, quantity: 1, orderNo: 'D' },
      { day: 3, customerId: 0, amount: 900_000, quantity: 1, orderNo: 'E' },
    ]);
    const f = gradeFacts([chunk], 100_000);
    expect(Array.from(f.ids)).toEqual([1, 2]);
    expect(Array.from(f.amount)).toEqual([199_900, 50_000]);
    expect(Array.from(f.orders)).toEqual([2, 1]);
    expect(Array.from(f.premiumAmount)).toEqual([100_000, 0]);
  });
});

describe('regrade', () => {
  const facts = {
    ids: Int32Array.from([1, 2, 3]),
    amount: Float64Array.from([1_000_000, 300_000, 100]),
    orders: Int32Array.from([8, 3, 1]),
    premiumAmount: Float64Array.from([0, 0, 0]),
  };
  const at = '2026-11-23T08:00:00.000Z';

  it('records first grades, changes and removals; leaves unchanged grades alone', () => {
    const stored: GradeState[] = [
      { id: 1, grade: 'high', points: 5, since: '2026-01-01T00:00:00.000Z' }, // now 4 points, still high
      { id: 2, grade: 'high', points: 4, since: '2026-01-01T00:00:00.000Z' }, // now medium
      { id: 9, grade: 'low', points: 0, since: '2026-01-01T00:00:00.000Z' }, // no purchases now
    ];
    const r = regrade(facts, stored, cuts, at, '李店长');
    expect(r.counts).toEqual({ high: 1, medium: 1, low: 1 });
    expect(r.put).toEqual([
      { id: 1, grade: 'high', points: 4, since: '2026-01-01T00:00:00.000Z' },
      { id: 2, grade: 'medium', points: 2, since: at },
      { id: 3, grade: 'low', points: 0, since: at },
    ]);
    expect(r.remove).toEqual([9]);
    expect(r.log).toEqual([
      { customerId: 2, from: 'high', to: 'medium', points: 2, at, by: '李店长' },
      { customerId: 3, from: null, to: 'low', points: 0, at, by: '李店长' },
      { customerId: 9, from: 'low', to: null, points: null, at, by: '李店长' },
    ]);
  });

  it('grades only filed customers', () => {
    const r = regrade(facts, [], cuts, at, 'x', new Set([1]));
    expect(r.put.map((s) => s.id)).toEqual([1]);
  });
});

describe('grade rows', () => {
  it('accepts good rows and names the bad field', () => {
    expect(gradeStateProblem({ id: 1, grade: 'high', points: 5, since: 'x' })).toBeNull();
    expect(gradeStateProblem({ id: 1, grade: 'A', points: 5, since: 'x' })).toBe('grade');
    expect(gradeLogProblem({ id: 1, customerId: 2, from: null, to: 'low', points: 0, at: 'x', by: 'y' })).toBeNull();
    expect(gradeLogProblem({ id: 1, customerId: 2, from: 'mid', to: 'low', points: 0, at: 'x', by: 'y' })).toBe('from');
  });
});

describe('customer table filter by grade', () => {
  it('keeps the customers of the chosen grade, or those not graded', async () => {
    const { joinStats, selectRows } = await import('../../src/lib/customers/list-view');
    const { customerStats } = await import('../../src/lib/customers/stats');
    const stats = customerStats([]);
    const at = 'x';
    const rows = joinStats([1, 2, 3].map((id) => ({ id, name: `c${id}`, createdAt: at, updatedAt: at })), stats);
    const of = new Map([[1, 'high' as const], [2, 'low' as const]]);
    const base = { search: '', missing: null, recency: { kind: 'any' as const }, prospectsOnly: false, sort: 'name' as const, descending: false, today: 0 };
    const ids = (want: 'high' | 'low' | 'none') => selectRows(rows, stats, { ...base, grade: { want, of } }).map((r) => r.customer.id);
    expect(ids('high')).toEqual([1]);
    expect(ids('low')).toEqual([2]);
    expect(ids('none')).toEqual([3]);
    expect(selectRows(rows, stats, { ...base, grade: null })).toHaveLength(3);
  });
});
