import { NO_DAY } from '../../src/lib/customers/stats';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/lib/customers/customer';
import { evaluateAutoTags, ruleMatches, validateRule } from '../../src/lib/tags/auto';
import { factsFrom, noFacts } from '../../src/lib/tags/facts';
import { inGroup, validateGroup } from '../../src/lib/tags/groups';
import { addGroup, addTag, removeTag, renameTag, retag, tagLabel, type TagGroup } from '../../src/lib/tags/tags';

const TODAY = 20_000;

describe('tag groups', () => {
  const built = (() => {
    let g: TagGroup[] = [];
    const step = (r: { ok: boolean; value?: TagGroup[] }) => {
      if (!r.ok) throw new Error('unexpected');
      g = r.value!;
    };
    step(addGroup(g, ' 风格 '));
    step(addGroup(g, '来源'));
    step(addTag(g, 'g1', '休闲'));
    step(addTag(g, 'g1', '商务'));
    step(addTag(g, 'g2', '门店'));
    step(addTag(g, 'g2', '休闲')); // the same word in another group is another tag
    return g;
  })();

  it('hold named tags under named groups, with short stable ids', () => {
    expect(built).toEqual([
      { id: 'g1', name: '风格', tags: [{ id: 't1', name: '休闲' }, { id: 't2', name: '商务' }] },
      { id: 'g2', name: '来源', tags: [{ id: 't3', name: '门店' }, { id: 't4', name: '休闲' }] },
    ]);
    expect(tagLabel(built, 't4')).toBe('来源: 休闲');
    expect(tagLabel(built, 'nope')).toBeNull();
  });

  it('refuse empty, over-long and duplicate names', () => {
    expect(addGroup(built, '  ')).toEqual({ ok: false, error: { code: 'tags.nameEmpty' } });
    expect(addGroup(built, '风格')).toEqual({ ok: false, error: { code: 'tags.duplicateName', name: '风格' } });
    expect(addTag(built, 'g1', '商务')).toEqual({ ok: false, error: { code: 'tags.duplicateName', name: '商务' } });
    expect(addTag(built, 'g1', '长'.repeat(21))).toEqual({ ok: false, error: { code: 'tags.nameTooLong', max: 20 } });
    expect(renameTag(built, 't1', '商务')).toEqual({ ok: false, error: { code: 'tags.duplicateName', name: '商务' } });
    expect(renameTag(built, 't1', '运动').ok).toBe(true);
  });

  it('never reuse a removed tag id while another tag has it', () => {
    const fewer = removeTag(built, 't2');
    const more = addTag(fewer, 'g1', '运动');
    expect(more.ok && more.value[0]!.tags.map((t) => t.id)).toEqual(['t1', 't5']);
  });

  it('tag many customers at once, returning only those that change', () => {
    const customers = [{ id: 1, tags: ['t1'] }, { id: 2 }, { id: 3, tags: ['t2'] }];
    expect(retag(customers, 't1', true)).toEqual([{ id: 2, tags: ['t1'] }, { id: 3, tags: ['t2', 't1'] }]);
    expect(retag(customers, 't1', false)).toEqual([{ id: 1, tags: [] }]);
  });
});

describe('auto tag rules', () => {
  const facts = factsFrom({ lastDay: TODAY - 180, orders: 5, amount: 100_000, tier: 'A' }, TODAY);

  it('compute 客单价 without dividing by zero', () => {
    expect(facts).toMatchObject({ recencyDays: 180, averageOrder: 20_000 });
    expect(factsFrom({ lastDay: null, orders: 0, amount: 0 }, TODAY)).toMatchObject({ recencyDays: null, averageOrder: 0 });
  });

  it('match at their edges', () => {
    expect(ruleMatches({ kind: 'amountAtLeast', yuan: 1000 }, facts)).toBe(true);
    expect(ruleMatches({ kind: 'amountAtLeast', yuan: 1000.01 }, facts)).toBe(false);
    expect(ruleMatches({ kind: 'ordersAtLeast', orders: 5 }, facts)).toBe(true);
    expect(ruleMatches({ kind: 'ordersAtLeast', orders: 6 }, facts)).toBe(false);
    expect(ruleMatches({ kind: 'dormantDays', days: 180 }, facts)).toBe(true);
    expect(ruleMatches({ kind: 'dormantDays', days: 181 }, facts)).toBe(false);
    expect(ruleMatches({ kind: 'dormantDays', days: 1 }, noFacts)).toBe(false); // never bought: a prospect, not asleep
    expect(ruleMatches({ kind: 'tier', tier: 'A' }, facts)).toBe(true);
    expect(ruleMatches({ kind: 'tier', tier: 'A' }, { ...facts, churned: true })).toBe(false);
    expect(ruleMatches({ kind: 'segment', segment: 'lost' }, { ...facts, segment: 'lost' })).toBe(true);
  });

  it('refuse values that mean nothing', () => {
    expect(validateRule({ kind: 'ordersAtLeast', orders: 0 })).toEqual({ code: 'tags.ruleValue', kind: 'ordersAtLeast' });
    expect(validateRule({ kind: 'dormantDays', days: 1.5 })).not.toBeNull();
    expect(validateRule({ kind: 'amountAtLeast', yuan: -1 })).not.toBeNull();
    expect(validateRule({ kind: 'amountAtLeast', yuan: 0 })).toBeNull();
  });

  it('give a tag to the union of its rules, members sorted', () => {
    const customers = [
      { id: 3, facts: factsFrom({ lastDay: TODAY - 400, orders: 1, amount: 500 }, TODAY) },
      { id: 1, facts },
      { id: 2, facts: factsFrom({ lastDay: TODAY, orders: 9, amount: 100 }, TODAY) },
    ];
    const members = evaluateAutoTags(
      [
        { tagId: 'vip', rule: { kind: 'amountAtLeast', yuan: 500 } },
        { tagId: 'vip', rule: { kind: 'ordersAtLeast', orders: 8 } },
        { tagId: 'asleep', rule: { kind: 'dormantDays', days: 365 } },
      ],
      customers,
    );
    expect(Object.fromEntries(members)).toEqual({ vip: [1, 2], asleep: [3] });
  });
});

describe('saved groups (客群)', () => {
  const wang: Customer = { id: 1, name: '王芳', phone: '13800138000', gender: 'F', region: '广州市', level: '金卡', createdAt: '', updatedAt: '' };
  const facts = factsFrom({ lastDay: TODAY - 30, orders: 4, amount: 80_000, tier: 'B', segment: 'loyal', lastContact: TODAY - 7 }, TODAY);
  const tags = new Set(['t1']);
  const is = (filter: Parameters<typeof inGroup>[3]) => inGroup(wang, tags, facts, filter, TODAY);

  it('take everyone with an empty filter', () => expect(is({})).toBe(true));

  it('test fields, tags, figures, tier and segment', () => {
    expect(is({ gender: 'F', region: '广州', level: '金卡', tagsAny: ['t1', 't9'], tagsNone: ['t2'] })).toBe(true);
    expect(is({ tagsAny: ['t2'] })).toBe(false);
    expect(is({ tagsNone: ['t1'] })).toBe(false);
    expect(is({ recencyDays: { min: 30, max: 30 }, orders: { min: 4 }, amount: { max: 800 }, averageOrder: { min: 200, max: 200 } })).toBe(true);
    expect(is({ amount: { min: 800.01 } })).toBe(false);
    expect(is({ tiers: ['A', 'B'], segments: ['loyal'] })).toBe(true);
    expect(is({ tiers: ['A'] })).toBe(false);
    expect(inGroup(wang, tags, noFacts, { recencyDays: { max: 90 } }, TODAY)).toBe(false); // never bought
  });

  it('leave out customers contacted within the last N days, today included', () => {
    expect(is({ notContactedDays: 7 })).toBe(true); // contacted 7 days ago: outside a 7-day window
    expect(is({ notContactedDays: 8 })).toBe(false);
    expect(inGroup(wang, tags, { ...facts, lastContact: null }, { notContactedDays: 30 }, TODAY)).toBe(true);
  });

  it('need a phone when asked', () => {
    expect(inGroup({ ...wang, phone: undefined }, tags, facts, { withPhone: true }, TODAY)).toBe(false);
  });

  it('check names and ranges before saving', () => {
    expect(validateGroup(' ', {})).toEqual({ ok: false, error: { code: 'groups.nameEmpty' } });
    expect(validateGroup('沉睡客', { orders: { min: 5, max: 2 } })).toEqual({ ok: false, error: { code: 'groups.badRange', field: 'orders' } });
    expect(validateGroup('沉睡客', { amount: { min: -1 } })).toEqual({ ok: false, error: { code: 'groups.badRange', field: 'amount' } });
    expect(validateGroup('沉睡客', { notContactedDays: 0 })).toEqual({ ok: false, error: { code: 'groups.badDays' } });
    expect(validateGroup(' 沉睡客 ', { recencyDays: { min: 180 } })).toEqual({ ok: true, value: { name: '沉睡客', filter: { recencyDays: { min: 180 } } } });
  });
});

describe('buildFacts', () => {
  it('joins stats, tiers, segments and contacts per customer, with blanks for a customer who never bought', async () => {
    const { buildFacts } = await import('../../src/lib/tags/facts');
    const stats = { ids: Int32Array.of(2, 5), lastPurchaseDay: Int32Array.of(TODAY - 10, TODAY - 400), orders: Int32Array.of(3, 1), amount: Float64Array.of(30_000, 999) };
    const facts = buildFacts([2, 5, 7], stats, { tiers: new Map([[2, { tier: 'A' as const, churned: false }]]), segments: new Map([[5, 'lost']]), contacts: new Map([[7, TODAY - 1]]) }, TODAY);
    expect(facts.get(2)).toEqual({ recencyDays: 10, orders: 3, amount: 30_000, averageOrder: 10_000, tier: 'A', churned: false, segment: null, lastContact: null });
    expect(facts.get(5)).toMatchObject({ recencyDays: 400, averageOrder: 999, segment: 'lost' });
    expect(facts.get(7)).toEqual({ ...noFacts, lastContact: TODAY - 1 });
    // Only returns on file (no purchase day, lib/metrics): no recency, like a customer who never bought.
    const onlyReturns = buildFacts([4], { ids: Int32Array.of(4), lastPurchaseDay: Int32Array.of(NO_DAY), orders: Int32Array.of(1), amount: Float64Array.of(-500) }, { tiers: new Map(), segments: new Map(), contacts: new Map() }, TODAY);
    expect(onlyReturns.get(4)).toMatchObject({ recencyDays: null });
  });

  it('finds each customer’s stats whether the ids are dense or far apart, and a customer past the last id has none', async () => {
    const { buildFacts } = await import('../../src/lib/tags/facts');
    const none = { tiers: new Map(), segments: new Map(), contacts: new Map() };
    const dense = { ids: Int32Array.of(0, 1, 3), lastPurchaseDay: Int32Array.of(TODAY - 1, TODAY - 2, TODAY - 3), orders: Int32Array.of(1, 2, 3), amount: Float64Array.of(100, 200, 300) };
    const a = buildFacts([3, 1, 0, 2, 4, 99], dense, none, TODAY);
    expect([3, 1, 0, 2, 4, 99].map((id) => a.get(id)!.orders)).toEqual([3, 2, 1, 0, 0, 0]);
    expect(a.get(3)).toMatchObject({ recencyDays: 3, amount: 300, averageOrder: 100 });
    // Ids a typed array indexed by id would not fit (not made by Keqing, but possible in a test or a restore).
    const sparse = { ids: Int32Array.of(7, 2_000_000_000), lastPurchaseDay: Int32Array.of(TODAY - 5, TODAY - 6), orders: Int32Array.of(2, 4), amount: Float64Array.of(500, 800) };
    const b = buildFacts([2_000_000_000, 7, 8], sparse, none, TODAY);
    expect(b.get(2_000_000_000)).toMatchObject({ recencyDays: 6, orders: 4, amount: 800, averageOrder: 200 });
    expect(b.get(7)).toMatchObject({ recencyDays: 5, orders: 2, averageOrder: 250 });
    expect(b.get(8)).toEqual(noFacts);
  });
});

describe('tagsByCustomer', () => {
  it('joins hand tags and auto tags per customer', async () => {
    const { tagsByCustomer } = await import('../../src/lib/tags/tags');
    const map = tagsByCustomer([{ id: 1, tags: ['t1'] }, { id: 2 }, { id: 3, tags: [] }], { t9: [1, 3] });
    expect([...map].map(([id, s]) => [id, [...s]])).toEqual([[1, ['t1', 't9']], [3, ['t9']]]);
  });
});

describe('a group’s members, packed for the screen and written as the contact list', () => {
  const customers: Customer[] = [
    { id: 1, name: '王芳', phone: '13800138000', cardNo: 'VIP001', gender: 'F', createdAt: '', updatedAt: '' },
    { id: 2, name: '', externalId: 'M-2', gender: 'M', createdAt: '', updatedAt: '' },
    { id: 3, name: '李强', phone: '13900139000', gender: 'F', createdAt: '', updatedAt: '' },
  ];
  const facts = new Map([
    // 30 days, 4 orders, ¥800.00: 客单价 ¥200.00.
    [1, factsFrom({ lastDay: TODAY - 30, orders: 4, amount: 80_000, tier: 'B', segment: 'loyal' }, TODAY)],
    // Never bought.
    [2, factsFrom({ lastDay: null, orders: 0, amount: 0 }, TODAY)],
    // Churned from A: no tier shown.
    [3, factsFrom({ lastDay: TODAY - 400, orders: 1, amount: 12_345, tier: 'A', churned: true, segment: 'lost' }, TODAY)],
  ]);
  const tagsOf = new Map([[1, new Set(['t1', 't9'])], [3, new Set(['t2'])]]);

  it('keeps the file’s order and tests each customer with the group rule', async () => {
    const { membersOf } = await import('../../src/lib/tags/groups');
    expect(membersOf(customers, tagsOf, facts, {}, TODAY).map((m) => m.customer.id)).toEqual([1, 2, 3]);
    expect(membersOf(customers, tagsOf, facts, { gender: 'F' }, TODAY).map((m) => m.customer.id)).toEqual([1, 3]);
    expect(membersOf(customers, tagsOf, facts, { tagsAny: ['t2'] }, TODAY).map((m) => m.customer.id)).toEqual([3]);
    // A customer the engine has no facts for (not in the file it read) is no member.
    expect(membersOf([...customers, { id: 4, name: '新客', createdAt: '', updatedAt: '' }], tagsOf, facts, {}, TODAY)).toHaveLength(3);
  });

  it('packs each member’s shown figures into columns and reads them back as the table shows them', async () => {
    const { groupRow, membersOf, NO_SEGMENT, packGroup } = await import('../../src/lib/tags/groups');
    const p = packGroup(membersOf(customers, tagsOf, facts, {}, TODAY));
    expect(Array.from(p.ids)).toEqual([1, 2, 3]);
    expect(Array.from(p.tier)).toEqual([2, 0, 0]);
    expect(p.segments).toEqual(['loyal', 'lost']);
    expect(Array.from(p.segment)).toEqual([0, NO_SEGMENT, 1]);
    expect(groupRow(p, 0, TODAY)).toEqual({ id: 1, name: '王芳', externalId: undefined, phone: '13800138000', lastDay: TODAY - 30, orders: 4, amount: 80_000, tier: 'B', segment: 'loyal' });
    expect(groupRow(p, 1, TODAY)).toEqual({ id: 2, name: '', externalId: 'M-2', phone: undefined, lastDay: null, orders: 0, amount: 0, tier: '', segment: null });
    expect(groupRow(p, 2, TODAY)).toMatchObject({ lastDay: TODAY - 400, orders: 1, amount: 12_345, tier: '', segment: 'lost' });
    expect(packGroup([]).ids).toHaveLength(0);
    // The names as one text: '王芳' + '' + '李强', ending at 2, 2, 4.
    expect(p.names).toEqual({ text: '王芳李强', ends: Int32Array.of(2, 2, 4) });
  });

  it('writes every member with keys, last purchase, figures in yuan, tier, segment and tag names', async () => {
    const { groupCsvRows, membersOf } = await import('../../src/lib/tags/groups');
    const { isoFromDay } = await import('../../src/lib/dates');
    const labels: Record<string, string> = { t1: '风格: 休闲', t2: '价值: 高消费' };
    const rows = groupCsvRows(membersOf(customers, tagsOf, facts, {}, TODAY), { today: TODAY, fullPhones: false, tagsOf, tagLabel: (t) => labels[t] ?? null, segmentName: (id) => ({ loyal: '忠诚客户' })[id] ?? id });
    expect(rows).toEqual([
      ['', 'VIP001', '138****8000', '王芳', 1, isoFromDay(TODAY - 30), 4, 800, 'B', '忠诚客户', '风格: 休闲'],
      ['M-2', '', '', '', 2, '', 0, 0, '', '', ''],
      ['', '', '139****9000', '李强', 3, isoFromDay(TODAY - 400), 1, 123.45, '', 'lost', '价值: 高消费'],
    ]);
  });

  it('read each scored customer’s segment from a packed scoring', async () => {
    const { segmentsOf } = await import('../../src/lib/tags/facts');
    const packed = { ids: Int32Array.of(4, 9), segment: Uint16Array.of(1, 0), segments: ['lost', 'loyal'] } as unknown as Parameters<typeof segmentsOf>[0];
    expect([...segmentsOf(packed)]).toEqual([[4, 'loyal'], [9, 'lost']]);
    expect(segmentsOf(undefined).size).toBe(0);
  });
});
