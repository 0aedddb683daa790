import { describe, expect, it } from 'vitest';
import {
  assignSegments,
  cellMap,
  defaultSegmentChoice,
  methodForLevels,
  defaultActions,
  EIGHT_GROUP_SEGMENTS,
  PRESET_RULE_SETS,
  presetDefinitions,
  RFM030_SEGMENTS,
  ruleDefinition,
  scoreRfm,
  validateRuleSet,
  type RfmInput,
} from '../../src/lib/rfm';
import { customerStats } from '../../src/lib/customers/stats';
import { packLines } from '../../src/lib/purchases/columns';
import { runRfm } from '../../src/lib/rfm/from-stats';
import type { Result } from '../../src/lib/result';

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}
const c = (id: number, recencyDays: number, frequency: number, monetary: number): RfmInput => ({ id, recencyDays, frequency, monetary });

/**
 * Eight customers, one per group. Averages, by hand:
 *   R days  10 + 20 + 200 + 300 + 30 + 40 + 250 + 350 = 1200 / 8 = 150
 *   F       6 + 1 + 5 + 1 + 8 + 2 + 7 + 2           =   32 / 8 = 4
 *   M yuan  5000 + 4000 + 3000 + 6000 + 200 + 100 + 300 + 100 = 18700 / 8 = 2337.5
 */
const shop = [
  c(1, 10, 6, 5000), // recent, often, a lot → 重要价值
  c(2, 20, 1, 4000), // recent, once, a lot → 重要发展
  c(3, 200, 5, 3000), // 200 > 150 days, often, a lot → 重要保持
  c(4, 300, 1, 6000), // long ago, once, a lot → 重要挽留
  c(5, 30, 8, 200), // recent, often, little → 一般价值
  c(6, 40, 2, 100), // recent, rarely, little → 一般发展
  c(7, 250, 7, 300), // long ago, often, little → 一般保持
  c(8, 350, 2, 100), // long ago, rarely, little → 一般挽留
];

describe('Chinese standard eight customer groups (八大客户群)', () => {
  it('covers the eight high/low cells once each, in the order of the course table', () => {
    const map = cellMap(EIGHT_GROUP_SEGMENTS.rules, 2);
    expect(map.uncoveredCells).toEqual([]);
    expect(map.shadowedRules).toEqual([]);
    expect(map.cellsWon).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(EIGHT_GROUP_SEGMENTS.rules.map((r) => r.name.zh)).toEqual([
      '重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户', '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户',
    ]);
    expect(value(validateRuleSet(EIGHT_GROUP_SEGMENTS))).toEqual(EIGHT_GROUP_SEGMENTS);
  });

  it('scores each metric high or low against its average', () => {
    const result = value(scoreRfm(shop, { method: 'mean', levels: 2 }));
    expect(result.bands.recency.cuts).toEqual([150]);
    expect(result.bands.frequency.cuts).toEqual([4]);
    expect(result.bands.monetary.cuts).toEqual([2337.5]);
    const groups = assignSegments(result.scores, EIGHT_GROUP_SEGMENTS.rules).map((s) => s.segment);
    expect(groups).toEqual([
      'important-value', 'important-develop', 'important-keep', 'important-win-back',
      'general-value', 'general-develop', 'general-keep', 'general-win-back',
    ]);
    expect(result.bands.frequency.counts).toEqual([4, 4]);
  });

  it('reads a value equal to the average as low for F and M and as recent for R', () => {
    // Averages: R (100 + 300) / 2 = 200, F (2 + 6) / 2 = 4, M (100 + 300) / 2 = 200; customer 3 sits on all three.
    const result = value(scoreRfm([c(1, 100, 2, 100), c(2, 300, 6, 300), c(3, 200, 4, 200)], { method: 'mean', levels: 2 }));
    expect(result.scores[2]).toEqual({ id: 3, r: 2, f: 1, m: 1, score: 211 });
    expect(assignSegments(result.scores, EIGHT_GROUP_SEGMENTS.rules)[2]!.segment).toBe('general-develop');
  });

  it('uses the line the shop sets instead of the average', () => {
    // Lines: R within 90 days is recent, F above 3 orders is often, M above ¥1,000 is a lot.
    const cuts = { recency: [90], frequency: [3], monetary: [1000] };
    const result = value(scoreRfm(shop, { method: 'manual', levels: 2, cuts }));
    const groups = assignSegments(result.scores, EIGHT_GROUP_SEGMENTS.rules).map((s) => s.segment);
    // Customer 5 (30 days, 8 orders, ¥200) stays 一般价值; customer 3 (200 days) is not recent either way.
    expect(groups).toEqual([
      'important-value', 'important-develop', 'important-keep', 'important-win-back',
      'general-value', 'general-develop', 'general-keep', 'general-win-back',
    ]);
    // Moving the money line to ¥3,500 turns customer 3 (¥3,000) from 重要保持 into 一般保持.
    const higher = value(scoreRfm(shop, { method: 'manual', levels: 2, cuts: { ...cuts, monetary: [3500] } }));
    expect(assignSegments(higher.scores, EIGHT_GROUP_SEGMENTS.rules)[2]!.segment).toBe('general-keep');
  });

  it('refuses the average with more than two levels', () => {
    expect(scoreRfm(shop, { method: 'mean', levels: 5 })).toEqual({ ok: false, error: [{ code: 'rfm.meanNeedsTwoLevels', levels: 5 }] });
  });

  it('is a preset of the store run, scored against the average', () => {
    // Customer 1 bought ¥2,000 on day 100 and ¥3,000 on day 190; customer 2 ¥100 on day 50.
    // Analysis day 200: R 10 and 150 days (average 80), F 2 and 1 (1.5), M ¥5,000 and ¥100 (¥2,550).
    const lines = [
      { day: 100, customerId: 1, amount: 200_000, quantity: 1 },
      { day: 190, customerId: 1, amount: 300_000, quantity: 1 },
      { day: 50, customerId: 2, amount: 10_000, quantity: 1 },
    ];
    const r = value(runRfm(customerStats([packLines(lines)]), { analysisDay: 200, method: 'mean', preset: 'eightGroups' }));
    expect(r.bands.monetary.cuts).toEqual([2550]);
    expect(r.customers.map((x) => x.segment)).toEqual(['important-value', 'general-win-back']);
  });
});

describe('segment definitions and actions', () => {
  it('gives every preset segment a written definition and a suggested action in both languages', () => {
    for (const set of Object.values(PRESET_RULE_SETS)) {
      for (const rule of set.rules) {
        const d = ruleDefinition(rule, set.levels);
        expect(d.kind, rule.id).toBe('text');
        expect(presetDefinitions[rule.id]!.zh.length).toBeGreaterThan(0);
        expect(defaultActions[rule.id]?.zh, rule.id).toBeTruthy();
        expect(defaultActions[rule.id]?.en, rule.id).toBeTruthy();
      }
    }
  });

  it('describes a changed rule by its ranges, never by the preset text it no longer fits', () => {
    const champions = RFM030_SEGMENTS.rules[0]!;
    expect(ruleDefinition({ ...champions, r: [4, 5] }, 5)).toEqual({ kind: 'ranges', levels: 5, r: [4, 5], f: [5, 5], m: [5, 5] });
    expect(ruleDefinition({ ...champions, id: 'vip' }, 5).kind).toBe('ranges');
  });

  it('names no segment 流失 (that word is the churned list) nor as a literal translation', () => {
    const names = Object.values(PRESET_RULE_SETS).flatMap((s) => s.rules.map((r) => r.name.zh));
    expect(names.filter((n) => n.includes('流失') || n.includes('不能失去'))).toEqual([]);
    expect(RFM030_SEGMENTS.rules.find((r) => r.id === 'lost')!.name).toEqual({ zh: '久未光顾客户', en: 'Lost' });
  });
});

describe('the choice a store starts with', () => {
  it('is the eight groups against the average in Chinese, R\'s ten by quantiles in English', () => {
    expect(defaultSegmentChoice('zh')).toEqual({ preset: 'eightGroups', method: 'mean' });
    expect(defaultSegmentChoice('en')).toEqual({ preset: 'rfm030', method: 'quantile' });
  });

  it.each([
    ['quantile', 2, 'mean'], // two levels: the average, not a median split
    ['rfm030', 2, 'mean'],
    ['manual', 2, 'manual'], // the shop's own line stays
    ['mean', 5, 'quantile'], // the average cannot make five levels
    ['mean', 3, 'quantile'],
    ['rfm030', 5, 'rfm030'],
    ['manual', 3, 'manual'],
  ] as const)('with %s on %i levels scores by %s', (method, levels, expected) => {
    expect(methodForLevels(method, levels)).toBe(expected);
  });
});
