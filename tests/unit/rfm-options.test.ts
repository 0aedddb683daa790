/** Issue 5's RFM options: manual cut points, the rule editor's cell map, period, visit days, net of returns. */
import { describe, expect, it } from 'vitest';
import { customerStats } from '../../src/lib/customers/stats';
import { LineFlag, packLines, splitColumns, type PurchaseLine } from '../../src/lib/purchases/columns';
import { blankRule, freshRuleId, moveRule, parseCutFields, withLevels } from '../../src/lib/rfm/editing';
import { runMigration, runRfm, statsKey, statsSpec, type RfmRequest } from '../../src/lib/rfm/from-stats';
import { RFM030_SEGMENTS, THREE_LEVEL_SEGMENTS } from '../../src/lib/rfm/presets';
import { ruleSetFromJson, ruleSetToJson } from '../../src/lib/rfm/rules-json';
import { cellMap, type SegmentRule, type SegmentRuleSet } from '../../src/lib/rfm/segments';

const rule = (id: string, r: [number, number], f: [number, number], m: [number, number]): SegmentRule => ({ id, name: { zh: id, en: id }, r, f, m });
const line = (customerId: number, day: number, yuan: number, orderNo: string, flags = 0): PurchaseLine => ({ customerId, day, amount: yuan * 100, quantity: yuan < 0 ? -1 : 1, orderNo, flags });

/**
 * Four customers over days 100–130 (analysis date 131 unless told):
 * 1: day 100 order A (two lines 60 + 40), day 100 order B 50, day 120 order C 30, day 125 return R1 −20.
 *    orders A B C R1 = 4, visit days 100 120 125 = 3, purchases 180, net 160.
 * 2: day 130 order D 500; an excluded line of 999 on day 130 is never counted.
 * 3: day 110 order E 20.
 * 4: day 90 order F 70 (before most periods below).
 */
const lines: PurchaseLine[] = [
  line(1, 100, 60, 'A'),
  line(1, 100, 40, 'A'),
  line(1, 100, 50, 'B'),
  line(1, 120, 30, 'C'),
  line(1, 125, -20, 'R1', LineFlag.returned),
  line(2, 130, 500, 'D'),
  line(2, 130, 999, 'X', LineFlag.excluded),
  line(3, 110, 20, 'E'),
  line(4, 90, 70, 'F'),
];
const chunks = splitColumns(packLines(lines), 4); // spread over chunks, as stored
const base: RfmRequest = { analysisDay: 131, method: 'quantile', preset: 'threeLevel' };

/** runRfm over stats built the way the worker builds them for this request. */
function run(request: RfmRequest) {
  const spec = statsSpec(request);
  return runRfm(customerStats(chunks, spec.beforeDay, spec.options), request);
}
function customers(request: RfmRequest) {
  const r = run(request);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return Object.fromEntries(r.value.customers.map((c) => [c.id, c]));
}

describe('frequency and monetary bases', () => {
  it('counts distinct orders by default, distinct visit days as an option', () => {
    expect(customers(base)[1]!.frequency).toBe(4); // A, B, C and the return R1
    expect(customers({ ...base, frequency: 'visitDays' })[1]!.frequency).toBe(3); // days 100, 120, 125
    expect(customers({ ...base, frequency: 'visitDays' })[2]!.frequency).toBe(1); // the excluded line's day is the same anyway
  });

  it('sums purchases by default and deducts returns when asked; excluded lines never count', () => {
    expect(customers(base)[1]!.monetary).toBe(180); // 60 + 40 + 50 + 30
    expect(customers({ ...base, monetary: 'net' })[1]!.monetary).toBe(160); // 180 − 20
    expect(customers(base)[2]!.monetary).toBe(500); // not 1,499
    expect(customers({ ...base, monetary: 'net' })[2]!.monetary).toBe(500);
  });

  it('keeps the stats’ own net amount and counts the returns apart', () => {
    const s = customerStats(chunks, Infinity, { visitDays: true });
    expect([s.amount[0], s.returned[0], s.visitDays?.[0]]).toEqual([16_000, -2_000, 3]);
    expect(customerStats(chunks).visitDays).toBeUndefined(); // only counted when asked
  });
});

describe('period filter', () => {
  it('counts only purchases from … to, inclusive', () => {
    const c = customers({ ...base, analysisDay: null, period: { from: 100, to: 120 } });
    expect(Object.keys(c).map(Number)).toEqual([1, 3]); // 2 bought on day 130, 4 on day 90
    // Customer 1 within the period: A, B (day 100) and C (day 120); 180 yuan.
    expect([c[1]!.frequency, c[1]!.monetary]).toEqual([3, 180]);
    // Default analysis date: the day after the last purchase considered (120 + 1).
    expect([c[1]!.recencyDays, c[3]!.recencyDays]).toEqual([1, 11]);
  });

  it('also stops at the analysis date when it comes before the period’s end', () => {
    const c = customers({ ...base, analysisDay: 111, period: { from: 95, to: null } });
    expect(Object.keys(c).map(Number)).toEqual([1, 3]);
    expect([c[1]!.frequency, c[1]!.recencyDays, c[3]!.recencyDays]).toEqual([2, 11, 1]);
  });

  it('says when the period holds no purchase, or runs backwards', () => {
    expect(run({ ...base, analysisDay: null, period: { from: 200, to: 300 } })).toEqual({ ok: false, error: [{ code: 'rfm.emptyPeriod' }] });
    expect(run({ ...base, period: { from: 120, to: 100 } })).toEqual({ ok: false, error: [{ code: 'rfm.badPeriod' }] });
  });

  it('scores a single customer (every metric ties, so only one level is used)', () => {
    const r = run({ ...base, analysisDay: null, period: { from: 130, to: 130 } });
    if (!r.ok) throw new Error();
    expect(r.value.customers).toHaveLength(1);
    expect(r.value.bands.recency.emptyLevels).toEqual([1, 2]); // one value, level 3 (fewest days)
    expect(r.value.customers[0]!.score).toBe(311);
  });
});

describe('manual cut points', () => {
  // Three levels, two cuts each. Recency: 131 − last day → 1: 6 (day 125), 2: 1, 3: 21, 4: 41.
  const cuts = { recency: [5, 30], frequency: [1, 3], monetary: [50, 200] };
  it('scores with the typed cuts; a value equal to a cut stays in the lower band', () => {
    const c = customers({ ...base, method: 'manual', cuts });
    // 1: 6 days → band (5, 30] → R 2; 4 orders > 3 → F 3; 180 in (50, 200] → M 2.
    expect(c[1]!.score).toBe(232);
    // 2: 1 day → R 3; 1 order = cut 1 → F 1; 500 → M 3.
    expect(c[2]!.score).toBe(313);
    // 3: 21 days → R 2; F 1; 20 → M 1. 4: 41 days → R 1; F 1; 70 → M 2.
    expect([c[3]!.score, c[4]!.score]).toEqual([211, 112]);
  });

  it('reports the cuts used and the levels nobody reaches', () => {
    const r = run({ ...base, method: 'manual', cuts });
    if (!r.ok) throw new Error();
    expect(r.value.bands.frequency.cuts).toEqual([1, 3]);
    expect(r.value.bands.frequency.counts).toEqual([3, 0, 1]); // nobody with 2 or 3 orders
    expect(r.value.bands.frequency.emptyLevels).toEqual([2]);
  });

  it('rejects cuts for the wrong level count, or missing cuts', () => {
    expect(run({ ...base, method: 'manual', cuts: { ...cuts, monetary: [50] } })).toEqual({
      ok: false,
      error: [{ code: 'rfm.cutCount', metric: 'monetary', expected: 2, actual: 1 }],
    });
    expect(run({ ...base, method: 'manual' })).toEqual({ ok: false, error: [{ code: 'rfm.noCuts' }] });
  });

  it('checks each typed field: number, not negative, above the previous one', () => {
    expect(parseCutFields(['30', ' 90 ', '1,000', '¥2000.5'])).toEqual({ ok: true, value: [30, 90, 1000, 2000.5] });
    expect(parseCutFields(['30', '', 'abc', '-1'])).toEqual({ ok: false, error: [null, { code: 'cut.empty' }, { code: 'cut.notANumber' }, { code: 'cut.negative' }] });
    expect(parseCutFields(['90', '30', '30'])).toEqual({ ok: false, error: [null, { code: 'cut.notAbove', previous: 90 }, { code: 'cut.notAbove', previous: 30 }] });
    expect(parseCutFields([])).toEqual({ ok: true, value: [] });
  });
});

describe('the worker keeps stats per date, period and frequency basis', () => {
  it('gives the same stats key whatever the method, cuts or rules', () => {
    const a = statsKey(statsSpec({ ...base }));
    const b = statsKey(statsSpec({ ...base, method: 'manual', cuts: { recency: [1, 2], frequency: [1, 2], monetary: [1, 2] }, ruleSet: RFM030_SEGMENTS } as RfmRequest));
    expect(a).toBe(b);
    expect(statsKey(statsSpec({ ...base, frequency: 'visitDays' }))).not.toBe(a);
    expect(statsKey(statsSpec({ ...base, period: { from: 100, to: null } }))).not.toBe(a);
    // A period ending before the analysis date: the end decides (131 vs 121).
    expect(statsSpec({ ...base, period: { from: null, to: 120 } }).beforeDay).toBe(121);
  });
});

describe('cell map warnings', () => {
  it('finds the rfm 0.3.0 preset’s uncovered cells, e.g. 2-5-1', () => {
    const map = cellMap(RFM030_SEGMENTS.rules, 5);
    // R 2, F 5, M 1: Need Attention wants M 3–5, About To Sleep F 1–3, Loyal F 2–4, Lost R 1.
    expect(map.uncoveredCells).toContainEqual({ r: 2, f: 5, m: 1 });
    expect(map.cells.find((c) => c.r === 1 && c.f === 1 && c.m === 1)?.ruleId).toBe('lost');
    expect(map.shadowedRules).toEqual([]);
  });

  it('flags a rule that earlier rules hide, and clears it when moved up', () => {
    // 3 levels: 'recent' takes every R 3 cell (9), so 'star' (R 3, F 3, M 3) is never reached.
    const rules = [rule('recent', [3, 3], [1, 3], [1, 3]), rule('star', [3, 3], [3, 3], [3, 3])];
    const map = cellMap(rules, 3);
    expect(map.shadowedRules).toEqual(['star']);
    expect(map.cellsWon).toEqual([9, 0]);
    expect(map.uncoveredCells).toHaveLength(18); // R 1 and R 2: 2 × 9
    const moved = cellMap(moveRule(rules, 1, -1), 3);
    expect(moved.shadowedRules).toEqual([]);
    expect(moved.cellsWon).toEqual([1, 8]);
  });

  it('a rule with min above max covers nothing', () => {
    expect(cellMap([rule('odd', [3, 2], [1, 3], [1, 3])], 3).emptyRules).toEqual(['odd']);
  });
});

describe('rule editing steps', () => {
  it('moves a rule up or down, and not past the ends', () => {
    expect(moveRule(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRule(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveRule(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveRule(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('gives new rules unused ids and full ranges', () => {
    expect(freshRuleId([{ id: 'rule-2' }, { id: 'x' }])).toBe('rule-3');
    expect(freshRuleId([{ id: 'rule-2' }])).toBe('rule-3'); // rule-2 is taken
    expect(blankRule([], 4, { zh: '', en: '' })).toEqual({ id: 'rule-1', name: { zh: '', en: '' }, r: [1, 4], f: [1, 4], m: [1, 4] });
  });

  it('clamps a 5-level set to 3 levels', () => {
    const three = withLevels(RFM030_SEGMENTS, 3);
    expect(three.levels).toBe(3);
    expect(three.rules.find((r) => r.id === 'champions')).toMatchObject({ r: [3, 3], f: [3, 3], m: [3, 3] });
    expect(three.rules.find((r) => r.id === 'lost')).toMatchObject({ r: [1, 1], f: [1, 3] });
  });
});

describe('rule set files with a name', () => {
  const named: SegmentRuleSet = { ...THREE_LEVEL_SEGMENTS, name: { zh: '我的规则', en: 'My rules' } };
  it('round-trips the set’s name; files without one still read', () => {
    expect(ruleSetFromJson(ruleSetToJson(named))).toEqual({ ok: true, value: named });
    const r = ruleSetFromJson(ruleSetToJson(THREE_LEVEL_SEGMENTS));
    expect(r.ok && r.value.name).toBe(undefined);
  });
  it('rejects a name in one language only, and broken files', () => {
    const json = JSON.parse(ruleSetToJson(named));
    json.name = { zh: '我的规则' };
    expect(ruleSetFromJson(JSON.stringify(json))).toEqual({ ok: false, error: [{ code: 'rules.badName' }] });
    expect(ruleSetFromJson('{"format": "keqing.rfmSegments", "version": 1, "levels": 5, "rules": [')).toEqual({ ok: false, error: [{ code: 'rules.badJson' }] });
  });
});

describe('migration with the same options', () => {
  it('uses the user’s rule set and bases at both dates', () => {
    const set: SegmentRuleSet = { levels: 3, rules: [rule('recent', [3, 3], [1, 3], [1, 3])] };
    const m = runMigration(customerStats(chunks, 111, { visitDays: true }), customerStats(chunks, 131, { visitDays: true }), {
      method: 'quantile',
      preset: 'rfm030',
      ruleSet: set,
      frequency: 'visitDays',
      from: 111,
      to: 131,
    });
    if (!m.ok) throw new Error(JSON.stringify(m.error));
    expect(m.value.segments).toEqual(['recent', 'others', 'none']);
    expect(m.value.total).toBe(4);
  });
});
