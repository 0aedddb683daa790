import { describe, expect, it } from 'vitest';
import { adjustGrowth, growthValue, indexSpends, levelFor, levelReport, reviewAllGrowth, reviewDays, reviewGrowth, validateGrowthScheme, type GrowthScheme } from '../../src/lib/growth';
import { dayFromYmd, isoFromDay } from '../../src/lib/dates';

// Levels at 0 / 1,000 / 5,000 growth; 1 point per ¥; a year's validity; ¥2,000 keeps a level.
const scheme: GrowthScheme = {
  enabled: true,
  perYuan: 1,
  levels: [
    { name: '普通', threshold: 0 },
    { name: '银卡', threshold: 1_000 },
    { name: '金卡', threshold: 5_000 },
  ],
  validityDays: 365,
  keepAmountFen: 200_000,
};
const D = 20_000;

describe('growth value', () => {
  it('is floor(net ¥ × per ¥) over the last validity period; returns deduct', () => {
    const ix = indexSpends([
      { day: D, fen: 120_050 }, // ¥1,200.50
      { day: D + 10, fen: -30_000 }, // a ¥300 return
      { day: D - 365, fen: 999_999 }, // exactly one period before D + 0: outside the window ending on D
    ]);
    expect(growthValue(ix, D + 10, scheme)).toBe(900); // 1,200.50 − 300 = 900.50 → 900
    expect(growthValue(ix, D - 1, scheme)).toBe(9_999); // only the old purchase
    expect(growthValue(ix, D + 365 + 10, scheme)).toBe(0); // both out of the window
    expect(growthValue(indexSpends([{ day: D, fen: -5_000 }]), D, scheme)).toBe(0); // never negative
    expect([0, 999, 1_000, 4_999, 5_000, 1e9].map((g) => levelFor(g, scheme.levels))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('level review', () => {
  const buy = (...s: [number, number][]) => indexSpends(s.map(([day, yuan]) => ({ day, fen: yuan * 100 })));

  it('upgrades at once, valid for a period from that day', () => {
    const ix = buy([D, 1_200]);
    const r = reviewGrowth(1, ix, { id: 1, level: 0, since: D - 50, validUntil: D + 315 }, D, scheme);
    expect(r.state).toEqual({ id: 1, level: 1, since: D, validUntil: D + 365 });
    expect(r.entry).toMatchObject({ scheme: 'growth', from: '普通', to: '银卡', fromRank: 0, toRank: 1, rule: 'growthUp', by: 'rule' });
  });

  it('holds the level while valid, and recomputes it on the day it lapses', () => {
    const ix = buy([D, 1_200]);
    const silver = { id: 1, level: 1, since: D, validUntil: D + 365 };
    expect(reviewGrowth(1, ix, silver, D + 364, scheme)).toEqual({ state: silver, entry: null }); // growth is 1,200 until D + 364
    const lapsed = reviewGrowth(1, ix, silver, D + 365, scheme); // the purchase left the window
    expect(lapsed.state).toEqual({ id: 1, level: 0, since: D + 365, validUntil: D + 730 });
    expect(lapsed.entry).toMatchObject({ from: '银卡', to: '普通', rule: 'growthDown' });
  });

  it('keeps the level with 保级 spend in the last period, for another period', () => {
    const gold = { id: 1, level: 2, since: D, validUntil: D + 365 };
    // ¥2,000 in the last year is not gold's 5,000 growth, but it is the 保级 amount.
    const kept = reviewGrowth(1, buy([D + 200, 2_000]), gold, D + 365, scheme);
    expect(kept).toEqual({ state: { ...gold, validUntil: D + 730 }, entry: null });
    // ¥1,999.99 is not enough: recomputed to silver.
    const ix = indexSpends([{ day: D + 200, fen: 199_999 }]);
    expect(reviewGrowth(1, ix, gold, D + 365, scheme).state).toMatchObject({ level: 1, since: D + 365 });
    // A return inside the period lowers the 保级 spend too.
    expect(reviewGrowth(1, buy([D + 200, 2_500], [D + 300, -600]), gold, D + 365, scheme).state).toMatchObject({ level: 1 });
  });

  it('leaves a locked level alone; an adjustment logs by hand', () => {
    const a = adjustGrowth(1, { id: 1, level: 0, since: D, validUntil: D + 365 }, 2, true, '老顾客', D + 10, scheme);
    expect(a.state).toEqual({ id: 1, level: 2, since: D + 10, validUntil: D + 375, locked: true, reason: '老顾客' });
    expect(a.entry).toMatchObject({ from: '普通', to: '金卡', rule: 'growthManual', by: 'hand', reason: '老顾客' });
    expect(reviewGrowth(1, buy([D, 1]), a.state, D + 900, scheme)).toEqual({ state: a.state, entry: null });
  });

  it('reviews month ends from the first purchase to today, catching up', () => {
    const from = dayFromYmd(2025, 1, 15);
    expect(reviewDays(from, dayFromYmd(2025, 4, 10)).map(isoFromDay)).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-10']);
    const spends = new Map([[7, [{ day: from, fen: 600_000 }]]]); // ¥6,000: gold at once
    const r = reviewAllGrowth(spends, [], null, from + 400, scheme);
    // Gold at the first month-end review, valid a year; the review on the day it lapses recomputes it.
    expect(r.log.map((e) => [isoFromDay(e.day), e.from, e.to])).toEqual([
      ['2025-01-31', null, '金卡'],
      ['2026-01-31', '金卡', '普通'],
    ]);
    expect(r.states).toEqual([{ id: 7, level: 0, since: dayFromYmd(2026, 1, 31), validUntil: dayFromYmd(2026, 1, 31) + 365 }]);
  });
});

describe('等级变更报表', () => {
  it('counts opening, ups and downs (automatic vs manual) and closing per level', () => {
    const log = [
      { customerId: 1, fromRank: null, toRank: 0, day: 10, by: 'rule' as const },
      { customerId: 2, fromRank: null, toRank: 1, day: 10, by: 'rule' as const },
      { customerId: 1, fromRank: 0, toRank: 2, day: 25, by: 'rule' as const }, // up in the period
      { customerId: 2, fromRank: 1, toRank: 0, day: 30, by: 'hand' as const }, // down by hand
      { customerId: 3, fromRank: null, toRank: 1, day: 31, by: 'rule' as const }, // new in the period
      { customerId: 3, fromRank: 1, toRank: 2, day: 99, by: 'rule' as const }, // after the period
    ];
    const rows = levelReport(log, scheme.levels, 20, 40);
    expect(rows.map((r) => [r.name, r.opening, r.upAuto, r.upManual, r.downAuto, r.downManual, r.out, r.closing])).toEqual([
      ['普通', 1, 0, 0, 0, 1, 1, 1],
      ['银卡', 1, 1, 0, 0, 0, 1, 1],
      ['金卡', 0, 1, 0, 0, 0, 0, 1],
    ]);
    for (const r of rows) expect(r.opening + r.upAuto + r.upManual + r.downAuto + r.downManual - r.out).toBe(r.closing);
  });
});

describe('scheme checks', () => {
  it.each([
    [{ perYuan: 0 }, 'growth.badNumber'],
    [{ validityDays: 0 }, 'growth.badNumber'],
    [{ levels: [] }, 'growth.noLevels'],
    [{ levels: [{ name: 'a', threshold: 5 }] }, 'growth.thresholdOrder'],
    [{ levels: [{ name: 'a', threshold: 0 }, { name: 'b', threshold: 0 }] }, 'growth.thresholdOrder'],
    [{ levels: [{ name: 'a', threshold: 0 }, { name: 'a', threshold: 9 }] }, 'growth.levelName'],
  ])('rejects %j', (change, code) => {
    const r = validateGrowthScheme({ ...scheme, ...change } as GrowthScheme);
    expect(!r.ok && r.error.code).toBe(code);
  });
});
