import { describe, expect, it } from 'vitest';
import { isOverdue, newAction } from '../../src/lib/scorecard/actions';
import { newAssessment, type Assessment } from '../../src/lib/scorecard/assessment';
import { classStats, dedupeMembers, quantile, stripPoints, weakestDimensions } from '../../src/lib/scorecard/class-stats';
import { assessmentCsvRows } from '../../src/lib/scorecard/csv';
import { addDimension, courseSet, moveDimension, removeDimension, renameDimension, type DimensionSet } from '../../src/lib/scorecard/dimensions';
import { assessmentToJson, classToJson, parseAssessmentFile, parseScorecardFile, type AssessmentFile } from '../../src/lib/scorecard/file';
import { compare, previousOf } from '../../src/lib/scorecard/history';
import { suggestionsByArea, suggestionText } from '../../src/lib/scorecard/improvements';
import { gaps, isWeak, overallScore, weakDimensions } from '../../src/lib/scorecard/scoring';
import { wrapLabel } from '../../src/lib/scorecard/labels';

const now = '2026-11-23T08:00:00.000Z';
const tiny: DimensionSet = {
  id: 'tiny',
  version: 1,
  name: { zh: '小', en: 'Tiny' },
  dimensions: ['a', 'b', 'c', 'd'].map((id) => ({ id, name: { zh: id, en: id.toUpperCase() }, description: { zh: '', en: '' }, hint: { zh: '', en: '' }, areas: id === 'a' ? ['crm'] : [] })),
};

/** scores/targets/weights per dimension a..d. */
function card(scores: (number | null)[], targets: (number | null)[] = [4, 4, 4, 4], weights = [1, 1, 1, 1], over: Partial<Assessment> = {}): Assessment {
  const a = newAssessment(tiny, { id: 'x1', store: '一号店', assessor: '李雷', role: 'trainee', date: '2026-11-20', now });
  tiny.dimensions.forEach((d, i) => {
    a.entries[d.id] = { score: scores[i] as never, target: targets[i] as never, weight: weights[i]!, note: '' };
  });
  return { ...a, ...over };
}

describe('overall score', () => {
  it('is the plain mean with equal weights', () => {
    // (1 + 2 + 4 + 5) / 4 = 3
    expect(overallScore(tiny, card([1, 2, 4, 5]))).toBe(3);
  });
  it('weights each score', () => {
    // (1×3 + 2×1 + 4×1 + 5×0) / (3 + 1 + 1 + 0) = 9 / 5 = 1.8
    expect(overallScore(tiny, card([1, 2, 4, 5], undefined, [3, 1, 1, 0]))).toBe(1.8);
  });
  it('leaves unscored dimensions out, and is null with none scored or all weights 0', () => {
    // (3 + 5) / 2 = 4
    expect(overallScore(tiny, card([3, null, 5, null]))).toBe(4);
    expect(overallScore(tiny, card([null, null, null, null]))).toBeNull();
    expect(overallScore(tiny, card([3, 3, 3, 3], undefined, [0, 0, 0, 0]))).toBeNull();
  });
});

describe('gaps', () => {
  it('orders by weighted gap, ties in the set order, negative gaps last', () => {
    // gaps: a 4−3=1 (w3 → 3), b 4−1=3 (w1 → 3), c 5−5=0, d 2−4=−2
    const list = gaps(tiny, card([3, 1, 5, 4], [4, 4, 5, 2], [3, 1, 1, 1]));
    expect(list.map((g) => [g.dimensionId, g.gap, g.weightedGap])).toEqual([
      ['a', 1, 3],
      ['b', 3, 3],
      ['c', 0, 0],
      ['d', -2, -2],
    ]);
  });
  it('skips dimensions without a score or a target', () => {
    expect(gaps(tiny, card([3, null, 2, 2], [4, 4, null, 5])).map((g) => g.dimensionId)).toEqual(['d', 'a']);
  });
});

describe('weak dimensions', () => {
  it.each([
    [2, 2, true], // score ≤ 2
    [3, 5, true], // gap 2
    [3, 4, false],
    [3, null, false],
    [null, 5, false],
    [1, null, true],
  ])('score %j target %j → weak %s', (score, target, weak) => expect(isWeak(score, target)).toBe(weak));

  it('lists them in gap order, one without a target last', () => {
    // a: 3→5 gap 2 weak; b: 2, no target, weak; c: 1→4 gap 3 weak; d: 4→4 not weak
    expect(weakDimensions(tiny, card([3, 2, 1, 4], [5, null, 4, 4]))).toEqual(['c', 'a', 'b']);
  });
});

describe('improvement mapping', () => {
  it('maps a weak dimension to its areas’ actions plus the two course remedies', () => {
    const areas = suggestionsByArea(tiny, ['a']);
    expect(areas.map((x) => [x.areaId, x.dimensionIds])).toEqual([['crm', ['a']], ['remedies', ['a']]]);
    expect(areas.flatMap((x) => x.suggestions.map((s) => s.key))).toEqual(['crm.0', 'crm.1', 'remedies.0', 'remedies.1']);
  });
  it('lists each area once, naming every weak dimension that points to it, weakest first', () => {
    // Gap order keyAccounts, customerInfo, segmentation: keyAccounts → crm, targetCustomers;
    // customerInfo → crm, targetCustomers; segmentation → segmentation, targetCustomers.
    const areas = suggestionsByArea(courseSet, ['keyAccounts', 'customerInfo', 'segmentation']);
    expect(areas.map((x) => [x.areaId, x.dimensionIds])).toEqual([
      ['crm', ['keyAccounts', 'customerInfo']],
      ['targetCustomers', ['keyAccounts', 'customerInfo', 'segmentation']],
      ['segmentation', ['segmentation']],
      ['remedies', ['keyAccounts', 'customerInfo', 'segmentation']],
    ]);
    // 2 + 2 + 2 + 2 actions, each once (by dimension it was 4 + 4 + 4 + 3 × 2 = 18 lines).
    const keys = areas.flatMap((x) => x.suggestions.map((s) => s.key));
    expect(keys).toHaveLength(8);
    expect(new Set(keys).size).toBe(8);
  });
  it('maps every course dimension to at least one area with Chinese and English text', () => {
    const all = suggestionsByArea(courseSet, courseSet.dimensions.map((d) => d.id));
    const covered = new Set(all.filter((x) => x.areaId !== 'remedies').flatMap((x) => x.dimensionIds));
    expect(covered.size).toBe(11);
    for (const area of all) for (const s of area.suggestions) expect(s.text.zh && s.text.en).toBeTruthy();
    expect(all.find((x) => x.areaId === 'kpi')!.suggestions[0]!.text.en).toContain('6–8');
    expect(suggestionsByArea(courseSet, [])).toEqual([]);
  });
  it('uses the shop’s own wording when given, the course’s otherwise', () => {
    const [s] = suggestionsByArea(tiny, ['a'])[0]!.suggestions;
    expect(suggestionText(s!, 'en', {})).toBe(s!.text.en);
    expect(suggestionText(s!, 'zh', { 'crm.0': '每周回访十位老客户' })).toBe('每周回访十位老客户');
    expect(suggestionText(s!, 'zh', { 'crm.0': '  ' })).toBe(s!.text.zh);
  });
});

describe('dimension set edits', () => {
  it('makes a new version for each edit, the old one unchanged', () => {
    const renamed = renameDimension(courseSet, 'training', { zh: '培训与辅导', en: 'Training and coaching' });
    expect(renamed.ok && renamed.value.version).toBe(2);
    expect(courseSet.dimensions.find((d) => d.id === 'training')!.name.zh).toBe('培训');
    const moved = moveDimension(courseSet, 'indicators', -20);
    expect(moved.ok && moved.value.dimensions[0]!.id).toBe('indicators');
    const added = addDimension(courseSet, { zh: '线上渠道', en: 'Online' });
    expect(added.ok && added.value.dimensions.length).toBe(12);
    expect(addDimension(courseSet, { zh: ' ', en: '' })).toEqual({ ok: false, error: { code: 'scorecard.set.emptyName' } });
    expect(removeDimension(courseSet, 'nope').ok).toBe(false);
  });
});

describe('action plan', () => {
  it('flags open actions due before today as overdue', () => {
    const a = { ...newAction('1', 'a', 'x'), due: '2026-11-22' };
    expect(isOverdue(a, '2026-11-23')).toBe(true);
    expect(isOverdue(a, '2026-11-22')).toBe(false); // due today is not late yet
    expect(isOverdue({ ...a, status: 'done' }, '2026-12-01')).toBe(false);
    expect(isOverdue({ ...a, due: '' }, '2026-12-01')).toBe(false);
  });
});

describe('history', () => {
  it('finds the previous assessment of the same store and what moved', () => {
    const q1 = card([2, 3, 4, null], undefined, undefined, { id: 'q1', date: '2026-03-31' });
    const q2 = card([3, 3, 2, 4], undefined, undefined, { id: 'q2', date: '2026-06-30' });
    const other = card([1, 1, 1, 1], undefined, undefined, { id: 'o', date: '2026-05-01', store: '二号店' });
    expect(previousOf([q2, other, q1], q2)?.id).toBe('q1');
    expect(previousOf([q2, other, q1], q1)).toBeNull();
    const moved = compare(tiny, q1, q2);
    expect(moved.improved).toEqual([{ dimensionId: 'a', before: 2, after: 3, delta: 1 }]);
    expect(moved.slipped).toEqual([{ dimensionId: 'c', before: 4, after: 2, delta: -2 }]);
    expect(moved.same.map((c) => c.dimensionId)).toEqual(['b']);
  });
});

describe('assessment file', () => {
  const file: AssessmentFile = { set: tiny, assessment: { ...card([3, 1, null, 5]), actions: [{ ...newAction('ac1', 'b', '培训'), due: '2026-12-31' }] } };

  it('round-trips through JSON', () => {
    expect(parseScorecardFile(assessmentToJson(file))).toEqual({ ok: true, value: { kind: 'assessment', file } });
    expect(parseAssessmentFile('\uFEFF' + assessmentToJson(file))).toEqual({ ok: true, value: file });
  });

  const data = () => JSON.parse(assessmentToJson(file));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- hand-broken copies of a parsed file
  it.each<[string, (d: any) => unknown, unknown]>([
    ['cut off', () => assessmentToJson(file).slice(0, 50), { code: 'scorecard.file.notJson' }],
    ['another app’s JSON', () => JSON.stringify({ customers: [] }), { code: 'scorecard.file.foreign' }],
    ['a newer format', (d) => JSON.stringify({ ...d, version: 2 }), { code: 'scorecard.file.newer', version: 2 }],
    ['a score of 6', (d) => ((d.assessment.entries.a.score = 6), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'assessment.entries.a.score' }],
    ['a score of 2.5', (d) => ((d.assessment.entries.a.score = 2.5), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'assessment.entries.a.score' }],
    ['a dimension the set lacks', (d) => ((d.assessment.entries.zz = d.assessment.entries.a), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'assessment.entries.zz' }],
    ['a negative weight', (d) => ((d.assessment.entries.b.weight = -1), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'assessment.entries.b.weight' }],
    ['an unknown role', (d) => ((d.assessment.role = 'boss'), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'assessment.role' }],
    ['a date that does not exist', (d) => ((d.assessment.date = '2026-02-30'), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'assessment.date' }],
    ['a set version that differs', (d) => ((d.assessment.setVersion = 7), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'assessment.setVersion' }],
    ['a bad action status', (d) => ((d.assessment.actions[0].status = 'later'), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'assessment.actions[0].status' }],
    ['no dimensions', (d) => ((d.set.dimensions = []), JSON.stringify(d)), { code: 'scorecard.file.invalid', field: 'set.dimensions' }],
  ])('rejects %s', (_name, make, error) => {
    expect(parseScorecardFile(make(data()) as string)).toEqual({ ok: false, error });
  });

  it('reads a class file and tells it apart from an assessment', () => {
    const text = classToJson({ name: '精英店长训练营', anonymous: true, members: [file] });
    const r = parseScorecardFile(text);
    expect(r.ok && r.value.kind).toBe('class');
    expect(parseAssessmentFile(text)).toEqual({ ok: false, error: { code: 'scorecard.file.foreign' } });
    const bad = JSON.parse(text);
    bad.members[0].assessment.role = 'x';
    expect(parseScorecardFile(JSON.stringify(bad))).toEqual({ ok: false, error: { code: 'scorecard.file.invalid', field: 'members[0].assessment.role' } });
  });
});

describe('CSV rows', () => {
  it('has one row per dimension with gap and weighted gap', () => {
    const rows = assessmentCsvRows(tiny, card([3, null, 5, 1], [5, 4, 4, 4], [2, 1, 1, 1]), 'en', 'Trainee');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual(['一号店', '2026-11-20', '李雷', 'Trainee', 'A', 3, 5, 2, 2, 4, '']);
    expect(rows[1]!.slice(5, 10)).toEqual([null, 4, null, 1, null]);
    expect(rows[2]!.slice(7, 10)).toEqual([-1, 1, -1]);
  });
});

describe('class statistics', () => {
  it('interpolates quartiles like R type 7', () => {
    // [1,2,3,4]: h = 3 × 0.25 = 0.75 → 1 + 0.75 × 1 = 1.75; median h = 1.5 → 2.5
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.75)).toBe(5);
  });

  const member = (id: string, scores: (number | null)[], updatedAt = now): AssessmentFile => ({ set: tiny, assessment: card(scores, undefined, undefined, { id, updatedAt }) });
  it('computes min, quartiles, max and mean per dimension over five trainees', () => {
    const members = [member('t1', [1, 3, 5, null]), member('t2', [2, 3, 4, null]), member('t3', [2, 4, 4, null]), member('t4', [3, 4, 5, null]), member('t5', [5, 2, 3, null])];
    const stats = classStats(members);
    // a: 1 2 2 3 5 → q1 h=1 → 2, median h=2 → 2, q3 h=3 → 3, mean 13/5 = 2.6
    expect(stats[0]).toMatchObject({ dimensionId: 'a', n: 5, min: 1, q1: 2, median: 2, q3: 3, max: 5, mean: 2.6 });
    // b: 2 3 3 4 4 → 3, 3, 4; mean 16/5 = 3.2
    expect(stats[1]).toMatchObject({ dimensionId: 'b', min: 2, q1: 3, median: 3, q3: 4, max: 4, mean: 3.2 });
    // c: 3 4 4 5 5 → mean 21/5 = 4.2
    expect(stats[2]!.mean).toBeCloseTo(4.2, 10);
    expect(stats.map((s) => s.dimensionId)).toEqual(['a', 'b', 'c']); // d never scored
    expect(weakestDimensions(stats, 2).map((s) => s.dimensionId)).toEqual(['a', 'b']);
  });

  it('spreads equal scores sideways in the strip chart', () => {
    const [s] = classStats([member('t1', [3, 1, 1, 1]), member('t2', [3, 1, 1, 1]), member('t3', [3, 1, 1, 1]), member('t4', [2, 1, 1, 1])]);
    expect(stripPoints([s!]).map((p) => [Math.round(p.x * 100) / 100, p.y])).toEqual([
      [0, 3],
      [-0.07, 3],
      [0.07, 3],
      [0, 2],
    ]);
  });

  it('counts the same trainee’s file once, keeping the latest copy', () => {
    const old = member('t1', [1, 1, 1, 1], '2026-11-20T00:00:00.000Z');
    const newer = member('t1', [5, 5, 5, 5], '2026-11-21T00:00:00.000Z');
    const { members, duplicates } = dedupeMembers([old, member('t2', [3, 3, 3, 3]), newer, old]);
    expect(duplicates).toBe(2);
    expect(members.map((m) => [m.assessment.id, m.assessment.entries.a!.score])).toEqual([
      ['t1', 5],
      ['t2', 3],
    ]);
  });
});

describe('radar labels', () => {
  it.each([
    ['Store image, layout, brand', 14, ['Store image,', 'layout, brand']],
    ['Key-account management', 14, ['Key-account', 'management']],
    ['门店形象/布局陈列/品牌突出', 6, ['门店形象/', '布局陈列/', '品牌突出']],
    ['顾问式销售', 6, ['顾问式销售']],
    ['客户信息管理与维护工作', 6, ['客户信息管理', '与维护工作']],
  ])('wraps %s', (text, max, lines) => expect(wrapLabel(text, max)).toEqual(lines));
});
