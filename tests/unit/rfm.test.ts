import { describe, expect, it } from 'vitest';
import {
  assignSegments,
  cellMap,
  matchRule,
  migration,
  NONE,
  OTHERS,
  quantileType7,
  RF_GRID_SEGMENTS,
  RFM030_SEGMENTS,
  rProbabilities,
  ruleSetFromJson,
  ruleSetToJson,
  scoreRfm,
  segmentOf,
  segmentSummary,
  THREE_LEVEL_SEGMENTS,
  validateManualCuts,
  validateRuleSet,
  type RfmInput,
  type RfmOptions,
  type RfmResult,
  type SegmentRule,
} from '../../src/lib/rfm';
import { selectOrderStatistics, type7Positions } from '../../src/lib/rfm/quantile';
import { createRandom } from '../../src/lib/random';
import type { Result } from '../../src/lib/result';

function value<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const score = (customers: RfmInput[], options: RfmOptions): RfmResult => value(scoreRfm(customers, options));
const scoresOf = (result: RfmResult) => Object.fromEntries(result.scores.map((s) => [s.id, s.score]));
const c = (id: number, recencyDays: number, frequency: number, monetary: number): RfmInput => ({ id, recencyDays, frequency, monetary });

describe('R quantile arithmetic', () => {
  it('builds probabilities as R seq(0, 1, length.out = n + 1) does', () => {
    expect(rProbabilities(5)).toEqual([0, 0.2, 0.4, 0.6000000000000001, 0.8, 1]); // 3 × 0.2, as R computes it
    expect(rProbabilities(4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(rProbabilities(3)).toEqual([0, 1 / 3, 0.6666666666666666, 1]);
  });

  it('interpolates like quantile(type = 7)', () => {
    // 1:10 at 0.25: index 1 + 9 × 0.25 = 3.25 → 3 + 0.25 × (4 − 3)
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.25)).toBe(3.25);
    // c(1, 2, 3, 4, 10) at 0.5: index 3 exactly → 3
    expect(quantileType7([1, 2, 3, 4, 10], 0.5)).toBe(3);
    // 1:11 at R's 0.6000000000000001: index 7 + 2^-50, so (1 − h)·7 + h·8 = 7 + 2^-50, as in R.
    expect(quantileType7([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], rProbabilities(5)[3]!)).toBe(7 + 2 ** -50);
  });
});

describe('partial sort', () => {
  it('puts the order statistics the quantiles read where a full sort would, ties and all', () => {
    const random = createRandom(42);
    for (let round = 0; round < 200; round++) {
      const n = random.int(1, 300);
      const spread = random.pick([1, 3, 20, 1000]); // 1: all equal … 1000: few ties
      const values = Float64Array.from({ length: n }, () => random.int(0, spread) - spread / 2);
      const sorted = values.slice().sort();
      const positions = rProbabilities(5).flatMap((p) => type7Positions(n, p));
      const partial = values.slice();
      selectOrderStatistics(partial, positions);
      for (const k of positions) expect(partial[k]).toBe(sorted[k]);
      for (const p of rProbabilities(5)) expect(quantileType7(partial, p)).toBe(quantileType7(sorted, p));
    }
  });
});

describe('scoreRfm, 5 levels, whole numbers with whole quantiles', () => {
  // 6 customers: index 1 + 5p = 2, 3, 4, 5, so the cuts are the 2nd…5th smallest values.
  // recency  10 20 30 40 50 60        → cuts 20 30 40 50 → R 5 5 4 3 2 1 (fewest days best)
  // frequency 1 2 3 4 5 6             → cuts 2 3 4 5     → F 1 1 2 3 4 5
  // monetary 50 100 200 250 300 600   → cuts 100 200 250 300 → M 1 1 2 3 4 5
  const customers = [c(1, 10, 5, 300), c(2, 60, 1, 50), c(3, 30, 4, 200), c(4, 20, 2, 100), c(5, 50, 6, 600), c(6, 40, 3, 250)];
  const expected = { 1: 544, 2: 111, 3: 432, 4: 511, 5: 255, 6: 323 };

  it('quantile: a value equal to a cut stays in the lower level', () => {
    const result = score(customers, { method: 'quantile', levels: 5 });
    expect(scoresOf(result)).toEqual(expected);
    expect(result.scores[0]).toEqual({ id: 1, r: 5, f: 4, m: 4, score: 544 });
    expect(result.bands.recency).toEqual({
      cuts: [20, 30, 40, 50],
      closed: 'upper',
      lower: [10, 20, 30, 40, 50],
      upper: [20, 30, 40, 50, 60],
      counts: [1, 1, 1, 1, 2], // R1 (60) … R5 (10, 20)
      emptyLevels: [],
    });
  });

  it('rfm030: cuts + 1, [lower, upper), the same levels', () => {
    const result = score(customers, { method: 'rfm030', levels: 5 });
    expect(scoresOf(result)).toEqual(expected);
    expect(result.bands.recency).toMatchObject({ cuts: [21, 31, 41, 51], closed: 'lower', lower: [10, 21, 31, 41, 51], upper: [21, 31, 41, 51, 61] });
    expect(result.bands.monetary).toMatchObject({ lower: [50, 101, 201, 251, 301], upper: [101, 201, 251, 301, 601] });
    expect(result.scores.map((s) => s.id)).toEqual([1, 2, 3, 4, 5, 6]); // input order kept
  });

  it('1…11: R leaves the 3rd cut at 7 + 2^-50; both methods still agree', () => {
    // index 1 + 10p = 3, 5, 7 + 2^-50, 9 → cuts 3, 5, 7 + 2^-50, 9. rfm030's 7 + 2^-50 + 1 rounds to 8.
    const eleven = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((f, i) => c(i + 1, 0, f, 0));
    const q = score(eleven, { method: 'quantile', levels: 5 });
    const r = score(eleven, { method: 'rfm030', levels: 5 });
    expect(q.bands.frequency.cuts).toEqual([3, 5, 7 + 2 ** -50, 9]);
    expect(r.bands.frequency.cuts).toEqual([4, 6, 8, 10]);
    const levels = [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5];
    expect(q.scores.map((s) => s.f)).toEqual(levels);
    expect(r.scores.map((s) => s.f)).toEqual(levels);
  });
});

describe('scoreRfm, fractional quantiles', () => {
  // 8 values, index 1 + 7p = 2.4, 3.8, 5.2, 6.6:
  // 10…80 → 20 + 0.4·10 = 24, 30 + 0.8·10 = 38, 50 + 0.2·10 = 52, 60 + 0.6·10 = 66.
  const money = [10, 20, 30, 40, 50, 60, 70, 80];
  const customers = money.map((m, i) => c(i + 1, 1, 1, m));

  it('5 levels: cuts 24 38 52 66 (quantile), 25 39 53 67 (rfm030), same levels for whole amounts', () => {
    const q = score(customers, { method: 'quantile', levels: 5 });
    const r = score(customers, { method: 'rfm030', levels: 5 });
    q.bands.monetary.cuts.forEach((cut, i) => expect(cut).toBeCloseTo([24, 38, 52, 66][i]!, 12));
    r.bands.monetary.cuts.forEach((cut, i) => expect(cut).toBeCloseTo([25, 39, 53, 67][i]!, 12));
    const levels = [1, 1, 2, 3, 3, 4, 5, 5];
    expect(q.scores.map((s) => s.m)).toEqual(levels);
    expect(r.scores.map((s) => s.m)).toEqual(levels);
  });

  it('3 levels on 1, 2, 3: quantile gives 1 2 3; rfm030 gives 1 1 2 and leaves level 3 empty', () => {
    // index 1 + 2p = 1.667, 2.333 → cuts 1.667, 2.333; rfm030 bounds [1, 2.667), [2.667, 3.333), [3.333, 4).
    const three = [1, 2, 3].map((f, i) => c(i + 1, 0, f, 0));
    const q = score(three, { method: 'quantile', levels: 3 });
    const r = score(three, { method: 'rfm030', levels: 3 });
    expect(q.scores.map((s) => s.f)).toEqual([1, 2, 3]);
    expect(r.scores.map((s) => s.f)).toEqual([1, 1, 2]);
    expect(r.bands.frequency.emptyLevels).toEqual([3]);
    expect(r.bands.frequency.counts).toEqual([2, 1, 0]);
  });

  it('3 levels on decimal money 10, 10.5, 20: rfm030 pulls 10.5 down and empties level 2', () => {
    // cuts 10 + ⅔·0.5 = 10.333 and 10.5 + ⅓·9.5 = 13.667; rfm030 adds 1: 11.333, 14.667.
    const three = [10, 10.5, 20].map((m, i) => c(i + 1, 0, 1, m));
    const q = score(three, { method: 'quantile', levels: 3 });
    const r = score(three, { method: 'rfm030', levels: 3 });
    expect(q.bands.monetary.cuts[0]).toBeCloseTo(10.333333, 5);
    expect(q.bands.monetary.cuts[1]).toBeCloseTo(13.666667, 5);
    expect(q.scores.map((s) => s.m)).toEqual([1, 2, 3]);
    expect(r.scores.map((s) => s.m)).toEqual([1, 1, 3]);
    expect(r.bands.monetary.emptyLevels).toEqual([2]);
  });
});

describe('scoreRfm, 4 levels and ties', () => {
  // 5 values, index 1 + 4p = 2, 3, 4 → cuts are the 2nd, 3rd and 4th smallest.
  const customers = [1, 1, 1, 2, 9].map((f, i) => c(i + 1, 0, f, 0));

  it('ties share a level and leave a level empty (quantile)', () => {
    const q = score(customers, { method: 'quantile', levels: 4 });
    expect(q.bands.frequency.cuts).toEqual([1, 1, 2]);
    expect(q.scores.map((s) => s.f)).toEqual([1, 1, 1, 3, 4]);
    expect(q.bands.frequency.counts).toEqual([3, 0, 1, 1]);
    expect(q.bands.frequency.emptyLevels).toEqual([2]);
  });

  it('ties share a level and leave a level empty (rfm030, bounds [1,2) [2,2) [2,3) [3,10))', () => {
    const r = score(customers, { method: 'rfm030', levels: 4 });
    expect(r.bands.frequency.lower).toEqual([1, 2, 2, 3]);
    expect(r.bands.frequency.upper).toEqual([2, 2, 3, 10]);
    expect(r.scores.map((s) => s.f)).toEqual([1, 1, 1, 3, 4]);
    expect(r.bands.frequency.emptyLevels).toEqual([2]);
  });

  it('does not split ties by row order', () => {
    const shuffled = [9, 1, 2, 1, 1].map((f, i) => c(i + 1, 0, f, 0));
    expect(score(shuffled, { method: 'quantile', levels: 4 }).scores.map((s) => s.f)).toEqual([4, 1, 3, 1, 1]);
  });
});

describe('scoreRfm, manual cuts', () => {
  const cuts = { recency: [30, 90], frequency: [1, 3], monetary: [100, 500] };

  it('reads a value equal to a cut as the lower level', () => {
    // a: 30 days = cut → best R 3; 1 order = cut → F 1; 100.5 > 100 → M 2 → 312
    // b: 91 > 90 → R 1; 4 > 3 → F 3; 500 = cut → M 2 → 132
    // c: 0 days → R 3; 2 → F 2; 10,000 → M 3 → 323
    const result = score([c(1, 30, 1, 100.5), c(2, 91, 4, 500), c(3, 0, 2, 10_000)], { method: 'manual', levels: 3, cuts });
    expect(scoresOf(result)).toEqual({ 1: 312, 2: 132, 3: 323 });
    expect(result.bands.recency).toEqual({ cuts: [30, 90], closed: 'upper', lower: [0, 30, 90], upper: [30, 90, 91], counts: [1, 0, 2], emptyLevels: [2] });
    expect(result.bands.monetary.emptyLevels).toEqual([1]);
  });

  it('validates the cuts, every metric at once', () => {
    expect(validateManualCuts({ recency: [30], frequency: [1, Number.NaN], monetary: [500, 500] }, 3)).toEqual({
      ok: false,
      error: [
        { code: 'rfm.cutCount', metric: 'recency', expected: 2, actual: 1 },
        { code: 'rfm.cutNotFinite', metric: 'frequency', index: 1 },
        { code: 'rfm.cutsNotAscending', metric: 'monetary', index: 1 },
      ],
    });
    expect(validateManualCuts({ recency: [90, 30, 10, 5], frequency: [1, 2, 3, 5], monetary: [1, 2, 3, Infinity] }, 5)).toEqual({
      ok: false,
      error: [
        { code: 'rfm.cutsNotAscending', metric: 'recency', index: 1 },
        { code: 'rfm.cutNotFinite', metric: 'monetary', index: 3 },
      ],
    });
    expect(validateManualCuts(cuts, 3)).toEqual({ ok: true, value: cuts });
  });

  it('refuses to score with bad cuts', () => {
    const r = scoreRfm([c(1, 1, 1, 1)], { method: 'manual', levels: 4, cuts });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.map((e) => e.code)).toEqual(['rfm.cutCount', 'rfm.cutCount', 'rfm.cutCount']);
  });
});

describe('scoreRfm, edge cases', () => {
  it('one customer: every quantile is the value; R best, F and M lowest, as rfm 0.3.0', () => {
    const r = score([c(7, 5, 2, 99)], { method: 'rfm030', levels: 5 });
    expect(r.scores).toEqual([{ id: 7, r: 5, f: 1, m: 1, score: 511 }]);
    expect(r.bands.recency).toMatchObject({ lower: [5, 6, 6, 6, 6], upper: [6, 6, 6, 6, 6], emptyLevels: [1, 2, 3, 4] });
    expect(r.bands.monetary.emptyLevels).toEqual([2, 3, 4, 5]);
    const q = score([c(7, 5, 2, 99)], { method: 'quantile', levels: 5 });
    expect(q.scores[0]!.score).toBe(511);
    expect(q.bands.frequency).toMatchObject({ cuts: [2, 2, 2, 2], lower: [2, 2, 2, 2, 2], upper: [2, 2, 2, 2, 2] });
  });

  it('all values equal: everyone in one level', () => {
    const same = [1, 2, 3, 4].map((id) => c(id, 7, 3, 50));
    for (const method of ['rfm030', 'quantile'] as const) {
      const r = score(same, { method, levels: 3 });
      expect(r.scores.map((s) => s.score)).toEqual([311, 311, 311, 311]);
      expect(r.bands.frequency.counts).toEqual([4, 0, 0]);
      expect(r.bands.recency.emptyLevels).toEqual([1, 2]);
    }
  });

  it('negative money (net refunds) is cut like any other number', () => {
    // 5 values, index 1 + 4p = 1.8, 2.6, 3.4, 4.2:
    // −50 + 0.8·40 = −18, −10 + 0.6·10 = −4, 0 + 0.4·40 = 16, 40 + 0.2·60 = 52
    const customers = [-50, -10, 0, 40, 100].map((m, i) => c(i + 1, 1, 1, m));
    const q = score(customers, { method: 'quantile', levels: 5 });
    [-18, -4, 16, 52].forEach((cut, i) => expect(q.bands.monetary.cuts[i]).toBeCloseTo(cut, 12));
    expect(q.scores.map((s) => s.m)).toEqual([1, 2, 3, 4, 5]);
    const r = score(customers, { method: 'rfm030', levels: 5 });
    expect(r.bands.monetary.lower[0]).toBe(-50);
    expect(r.scores.map((s) => s.m)).toEqual([1, 2, 3, 4, 5]);
  });

  it('no customers: an empty result, no NaN', () => {
    for (const method of ['rfm030', 'quantile'] as const) {
      const r = score([], { method, levels: 4 });
      expect(r.scores).toEqual([]);
      expect(r.bands.monetary).toEqual({ cuts: [], closed: method === 'rfm030' ? 'lower' : 'upper', lower: [], upper: [], counts: [0, 0, 0, 0], emptyLevels: [1, 2, 3, 4] });
      expect(JSON.stringify(r)).not.toMatch(/NaN|null/);
    }
    const m = score([], { method: 'manual', levels: 3, cuts: { recency: [1, 2], frequency: [1, 2], monetary: [1, 2] } });
    expect(m.bands.recency).toMatchObject({ cuts: [1, 2], lower: [], upper: [] });
  });

  it('refuses a level count outside 3–5 and non-finite metrics', () => {
    expect(scoreRfm([], { method: 'quantile', levels: 6 as never })).toEqual({ ok: false, error: [{ code: 'rfm.badLevels', levels: 6 }] });
    expect(scoreRfm([c(1, 1, 1, 1), c(9, 1, 1, Number.NaN)], { method: 'quantile', levels: 3 })).toEqual({
      ok: false,
      error: [{ code: 'rfm.notFinite', metric: 'monetary', id: 9, row: 1 }],
    });
  });
});

describe('segment rules', () => {
  const rules = RFM030_SEGMENTS.rules;

  it('first match wins; no match is others', () => {
    expect(segmentOf(rules, 5, 5, 5)).toBe('champions');
    expect(segmentOf(rules, 3, 4, 3)).toBe('potential-loyalist');
    // 4-3-3 is in Potential Loyalist (3–5/3–5/2–5) and Loyal Customers (2–4/2–4/2–4): the first wins.
    expect(matchRule(rules, 4, 3, 3)).toBe(1);
    expect(segmentOf(rules, 2, 5, 1)).toBe(OTHERS);
    expect(segmentOf(rules, 1, 1, 1)).toBe('lost');
  });

  it('assigns segments to scores, in order', () => {
    const scores = [
      { id: 1, r: 5, f: 4, m: 4, score: 544 },
      { id: 2, r: 1, f: 1, m: 1, score: 111 },
      { id: 3, r: 4, f: 3, m: 2, score: 432 },
      { id: 4, r: 5, f: 1, m: 1, score: 511 },
      { id: 5, r: 2, f: 5, m: 5, score: 255 },
      { id: 6, r: 3, f: 2, m: 3, score: 323 },
    ];
    const grid = assignSegments(scores, RF_GRID_SEGMENTS.rules);
    expect(grid.map((s) => s.segment)).toEqual(['champions', 'hibernating', 'potential-loyalist', 'new', 'cant-lose', 'about-to-sleep']);
    expect(grid[0]).toEqual({ id: 1, r: 5, f: 4, m: 4, score: 544, segment: 'champions' });
    // A level outside the lookup table takes the slow path and still matches nothing.
    expect(assignSegments([{ id: 9, r: 7, f: 1, m: 1, score: 711 }], rules)[0]!.segment).toBe(OTHERS);
  });

  it('maps the rfm 0.3.0 defaults: 10 uncovered cells, nothing shadowed', () => {
    const map = cellMap(rules, 5);
    expect(map.cells).toHaveLength(125);
    expect(map.cells[0]).toEqual({ r: 1, f: 1, m: 1, ruleId: 'lost' });
    // R 1 is all Lost. R 2: 2-1-5, 2-4-1, 2-5-1, 2-5-2. R 3–5: F 4–5 with M 1.
    expect(map.uncoveredCells).toEqual([
      { r: 2, f: 1, m: 5 },
      { r: 2, f: 4, m: 1 },
      { r: 2, f: 5, m: 1 },
      { r: 2, f: 5, m: 2 },
      { r: 3, f: 4, m: 1 },
      { r: 3, f: 5, m: 1 },
      { r: 4, f: 4, m: 1 },
      { r: 4, f: 5, m: 1 },
      { r: 5, f: 4, m: 1 },
      { r: 5, f: 5, m: 1 },
    ]);
    expect(map.shadowedRules).toEqual([]);
    expect(map.emptyRules).toEqual([]);
    expect(map.cellsWon[0]).toBe(1); // Champions: 5-5-5 only
    expect(map.cellsWon.reduce((a, b) => a + b, 0)).toBe(115);
  });

  it('the R×F grid and the 3-level set cover every cell, nothing shadowed', () => {
    for (const set of [RF_GRID_SEGMENTS, THREE_LEVEL_SEGMENTS]) {
      const map = cellMap(set.rules, set.levels);
      expect(map.uncoveredCells).toEqual([]);
      expect(map.shadowedRules).toEqual([]);
      expect(map.emptyRules).toEqual([]);
    }
    // R×F grid: 25 R×F cells × 5 M levels; Champions is 5-4 and 5-5.
    expect(cellMap(RF_GRID_SEGMENTS.rules, 5).cellsWon).toEqual([20, 20, 10, 10, 5, 20, 5, 5, 20, 10]);
    const three = THREE_LEVEL_SEGMENTS.rules;
    expect([segmentOf(three, 3, 3, 2), segmentOf(three, 3, 3, 1), segmentOf(three, 3, 1, 3), segmentOf(three, 2, 1, 1), segmentOf(three, 1, 3, 3), segmentOf(three, 1, 1, 3)]).toEqual([
      'champions',
      'loyal',
      'recent',
      'needs-attention',
      'at-risk',
      'inactive',
    ]);
    expect(cellMap(three, 3).cellsWon).toEqual([2, 10, 3, 3, 6, 3]);
  });

  it('reports uncovered cells, shadowed rules and rules with no cell', () => {
    const rule = (id: string, r: [number, number], f: [number, number] = [1, 3], m: [number, number] = [1, 3]): SegmentRule => ({ id, name: { zh: id, en: id }, r, f, m });
    const map = cellMap([rule('top', [2, 3]), rule('late', [3, 3], [1, 1]), rule('big', [5, 5])], 3);
    expect(map.uncoveredCells).toHaveLength(9); // every R 1 cell
    expect(map.uncoveredCells[0]).toEqual({ r: 1, f: 1, m: 1 });
    expect(map.shadowedRules).toEqual(['late']);
    expect(map.emptyRules).toEqual(['big']);
    expect(map.cellsWon).toEqual([18, 0, 0]);
  });

  it('gives every preset segment a Chinese and an English name', () => {
    for (const set of [RFM030_SEGMENTS, RF_GRID_SEGMENTS, THREE_LEVEL_SEGMENTS]) {
      for (const rule of set.rules) {
        expect(rule.name.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(rule.name.en).not.toBe('');
      }
      expect(validateRuleSet(set)).toEqual({ ok: true, value: set });
    }
  });
});

describe('rule sets as JSON', () => {
  it('round-trips the presets', () => {
    for (const set of [RFM030_SEGMENTS, RF_GRID_SEGMENTS, THREE_LEVEL_SEGMENTS]) {
      expect(ruleSetFromJson(ruleSetToJson(set))).toEqual({ ok: true, value: set });
    }
  });

  it('trims names and drops unknown properties', () => {
    const text = JSON.stringify({
      format: 'keqing.rfmSegments',
      version: 1,
      levels: 3,
      extra: true,
      rules: [{ id: ' vip ', name: { zh: ' 贵宾 ', en: 'VIP' }, r: [3, 3], f: [2, 3], m: [1, 3], colour: 'red' }],
    });
    expect(ruleSetFromJson(text)).toEqual({ ok: true, value: { levels: 3, rules: [{ id: 'vip', name: { zh: '贵宾', en: 'VIP' }, r: [3, 3], f: [2, 3], m: [1, 3] }] } });
  });

  it('refuses what is not a rule set', () => {
    expect(ruleSetFromJson('{')).toEqual({ ok: false, error: [{ code: 'rules.badJson' }] });
    expect(ruleSetFromJson('[]')).toEqual({ ok: false, error: [{ code: 'rules.notObject' }] });
    expect(ruleSetFromJson('{"version":2}')).toEqual({ ok: false, error: [{ code: 'rules.badFormat', format: undefined, version: 2 }] });
    const wrap = (levels: unknown, rules: unknown) => JSON.stringify({ format: 'keqing.rfmSegments', version: 1, levels, rules });
    expect(ruleSetFromJson(wrap(6, []))).toEqual({ ok: false, error: [{ code: 'rules.badLevels', levels: 6 }] });
    expect(ruleSetFromJson(wrap(5, {}))).toEqual({ ok: false, error: [{ code: 'rules.notList' }] });
  });

  it('reports every bad rule with its index', () => {
    const name = { zh: '甲', en: 'A' };
    const ok3: [number, number] = [1, 3];
    const rules = [
      { id: 'a', name, r: ok3, f: ok3, m: ok3 },
      { id: 'a', name, r: ok3, f: ok3, m: ok3 }, // duplicate
      { id: 'others', name, r: ok3, f: ok3, m: ok3 }, // reserved
      { id: 'b', name: { zh: '', en: 'B' }, r: [0, 2], f: [3, 2], m: [1.5, 2] },
      { id: 'c', name, r: [1, 4], f: ok3, m: [1] },
      'not a rule',
      { name, r: ok3, f: ok3, m: ok3 },
    ];
    expect(validateRuleSet({ levels: 3, rules })).toEqual({
      ok: false,
      error: [
        { code: 'rules.duplicateId', index: 1, id: 'a' },
        { code: 'rules.reservedId', index: 2, id: 'others' },
        { code: 'rules.badField', index: 3, field: 'name.zh' },
        { code: 'rules.badRange', index: 3, field: 'r', levels: 3 },
        { code: 'rules.badRange', index: 3, field: 'f', levels: 3 },
        { code: 'rules.badRange', index: 3, field: 'm', levels: 3 },
        { code: 'rules.badRange', index: 4, field: 'r', levels: 3 },
        { code: 'rules.badRange', index: 4, field: 'm', levels: 3 },
        { code: 'rules.ruleNotObject', index: 5 },
        { code: 'rules.badField', index: 6, field: 'id' },
      ],
    });
    expect(validateRuleSet({ levels: 3, rules: [{ id: NONE, name, r: ok3, f: ok3, m: ok3 }] })).toEqual({
      ok: false,
      error: [{ code: 'rules.reservedId', index: 0, id: 'none' }],
    });
  });
});

describe('segment summary', () => {
  const rule = (id: string): SegmentRule => ({ id, name: { zh: id, en: id }, r: [1, 1], f: [1, 1], m: [1, 1] });
  const customers = [c(1, 10, 2, 100), c(2, 20, 3, 50), c(3, 40, 5, 250), c(4, 5, 0, 0), c(5, 100, 1, -20), c(6, 15, 2, 30)];
  const segmented = [
    { id: 1, segment: 'a' },
    { id: 2, segment: 'a' },
    { id: 3, segment: 'a' },
    { id: 4, segment: 'b' },
    { id: 5, segment: OTHERS },
    { id: 6, segment: 'b' },
  ];

  it('adds up customers, orders and revenue per segment, with shares, AOV and medians', () => {
    // Totals: 6 customers, 2+3+5+0+1+2 = 13 orders, 100+50+250+0−20+30 = 410 revenue.
    const s = segmentSummary(customers, segmented, [rule('a'), rule('b'), rule('c')]);
    expect({ customers: s.customers, orders: s.orders, revenue: s.revenue }).toEqual({ customers: 6, orders: 13, revenue: 410 });
    expect(s.rows.map((r) => r.segment)).toEqual(['a', 'b', 'c', OTHERS]);
    const [a, b, empty, others] = s.rows;
    // a: 3 customers (½), 10 orders, 400 revenue, AOV 40; medians of (10 20 40), (2 3 5), (50 100 250).
    expect(a).toEqual({
      segment: 'a',
      customers: 3,
      customerShare: 0.5,
      orders: 10,
      revenue: 400,
      revenueShare: 400 / 410,
      averageOrderValue: 40,
      medianRecencyDays: 20,
      medianFrequency: 3,
      medianMonetary: 100,
    });
    // b: customers 4 and 6, 2 orders, 30 revenue → AOV 15; even count → mean of the middle two.
    expect(b).toMatchObject({ customers: 2, customerShare: 1 / 3, orders: 2, revenue: 30, averageOrderValue: 15, medianRecencyDays: 10, medianFrequency: 1, medianMonetary: 15 });
    expect(empty).toEqual({
      segment: 'c',
      customers: 0,
      customerShare: 0,
      orders: 0,
      revenue: 0,
      revenueShare: 0,
      averageOrderValue: 0,
      medianRecencyDays: null,
      medianFrequency: null,
      medianMonetary: null,
    });
    expect(others).toMatchObject({ customers: 1, orders: 1, revenue: -20, averageOrderValue: -20, revenueShare: -20 / 410 });
  });

  it('joins by id when the lists are not in the same order, and gives 0, not NaN, for no orders', () => {
    const s = segmentSummary(customers, [{ id: 4, segment: 'b' }], [rule('b')]);
    expect(s.rows).toEqual([expect.objectContaining({ segment: 'b', customers: 1, orders: 0, averageOrderValue: 0, revenueShare: 0, medianRecencyDays: 5 })]);
    expect(segmentSummary([], [], [rule('a')]).rows[0]).toMatchObject({ customers: 0, customerShare: 0, medianMonetary: null });
    expect(() => segmentSummary(customers, [{ id: 99, segment: 'b' }], [rule('b')])).toThrow(/99/);
  });
});

describe('migration between two dates', () => {
  it('counts from → to, with a none row and column for customers at one date only', () => {
    const before = new Map([
      [1, 'a'],
      [2, 'a'],
      [3, 'b'],
      [4, 'b'],
    ]);
    const after = new Map([
      [1, 'a'],
      [2, 'b'],
      [3, 'b'],
      [5, 'c'],
    ]);
    const m = migration(before, after, ['a', 'b', 'c', OTHERS]);
    expect(m.segments).toEqual(['a', 'b', 'c', OTHERS, NONE]);
    expect(m.counts).toEqual([
      [1, 1, 0, 0, 0], // 1 stayed in a, 2 moved to b
      [0, 1, 0, 0, 1], // 3 stayed in b, 4 is gone
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0], // 5 is new, in c
    ]);
    expect(m.total).toBe(5);
    expect(m.stayed).toBe(2);
  });

  it('labels segments as first met without an order, and handles nothing at all', () => {
    expect(migration(new Map([[1, 'x']]), new Map([[1, 'y']])).segments).toEqual(['x', 'y', NONE]);
    expect(migration(new Map(), new Map())).toEqual({ segments: [NONE], counts: [[0]], total: 0, stayed: 0 });
  });
});
