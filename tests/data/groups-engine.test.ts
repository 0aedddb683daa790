/**
 * Saved groups (客群) worked out in the analysis engine (workers/groups.ts) instead of on the page:
 * the same members as the page found by testing every customer, the basis kept while only the
 * filter changes, read again when the data changes, and a contact list naming every member.
 */
import { putTierStates } from '../../src/data/tiers';
import { describe, expect, it } from 'vitest';
import { readCustomersPaged } from '../../src/data/customers';
import { recordContacts, saveAutoMembers, saveTagGroups, tagCustomers } from '../../src/data/tags';
import { replaceWithDemoStore } from '../../src/data/store';
import { ScoringFacts } from '../../src/lib/customers/facts';
import { customerStats, NO_DAY } from '../../src/lib/customers/stats';
import { summariseColumns } from '../../src/lib/purchases/columns';
import { runRfmPacked, type RfmRequest } from '../../src/lib/rfm/from-stats';
import { GROUP_PRESET } from '../../src/lib/tags/facts';
import { inGroup, type GroupFilter } from '../../src/lib/tags/groups';
import { CustomerFile } from '../../src/workers/customer-file';
import { Groups } from '../../src/workers/groups';
import type { CallContext } from '../../src/workers/rpc';
import { freshDb, smallDemo } from './helpers';

const ctx: CallContext = { signal: new AbortController().signal, checkpoint: async () => {}, progress: () => {} };

describe('saved groups from the analysis engine', () => {
  it('finds the members the page found, keeps its basis for a new filter and reads again after a write', { timeout: 120_000 }, async () => {
    const demo = smallDemo();
    const db = freshDb();
    await replaceWithDemoStore(db, demo);
    const today = summariseColumns(demo.purchases).lastDay! + 3;
    // Tiers (every fifth churned), a hand tag, an auto tag, a contact two days ago.
    await putTierStates(db, demo.customers.map((c) => ({ id: c.id, tier: (['A', 'B', 'C'] as const)[c.id % 3]!, churned: c.id % 5 === 0 })));
    await saveTagGroups(db, [{ id: 'g1', name: '风格', tags: [{ id: 't1', name: '休闲' }, { id: 't2', name: '高消费' }] }]);
    const ids = demo.customers.map((c) => c.id);
    await tagCustomers(db, ids.filter((id) => id % 4 === 0), 't1', true);
    await saveAutoMembers(db, new Map([['t2', ids.filter((id) => id % 6 === 1)]]), new Date());
    await recordContacts(db, ids.filter((id) => id % 2 === 0), today - 2, 'call');

    const stats = customerStats([demo.purchases]);
    const file = new CustomerFile(db);
    let fileReads = 0;
    const counted = { byId: (stamp: number) => (fileReads++, file.byId(stamp)) } as CustomerFile;
    const score = async (analysisDay: number) => {
      const request: RfmRequest = { analysisDay, method: 'quantile', preset: GROUP_PRESET };
      const r = runRfmPacked(new ScoringFacts(stats), request);
      return r.ok ? r.value.packed : undefined;
    };
    const groups = new Groups({ db, file: counted, stats: async () => ({ version: 'v1', stats }), score });

    // The page's way: every customer read, tested one by one against facts worked out by hand here.
    const all = await readCustomersPaged(db, () => {});
    const at = new Map(Array.from(stats.ids, (id, i) => [id, i]));
    const scored = (await score(today + 1))!;
    const segmentOf = new Map(Array.from(scored.ids, (id, i) => [id, scored.segments[scored.segment[i]!]!]));
    const byPage = (filter: GroupFilter, contactedDay: number | null) =>
      all
        .filter((c) => {
          const i = at.get(c.id);
          const last = i === undefined || stats.lastPurchaseDay[i] === NO_DAY ? null : stats.lastPurchaseDay[i]!;
          const orders = i === undefined ? 0 : stats.orders[i]!;
          const amount = i === undefined ? 0 : stats.amount[i]!;
          const tags = new Set([...(c.id % 4 === 0 ? ['t1'] : []), ...(c.id % 6 === 1 ? ['t2'] : [])]);
          const facts = {
            recencyDays: last === null ? null : today - last,
            orders,
            amount,
            averageOrder: orders > 0 ? Math.round(amount / orders) : 0,
            tier: (['A', 'B', 'C'] as const)[c.id % 3]!,
            churned: c.id % 5 === 0,
            segment: segmentOf.get(c.id) ?? null,
            lastContact: c.id % 2 === 0 && contactedDay !== null ? contactedDay : null,
          };
          return inGroup(c, tags, facts, filter, today);
        })
        .map((c) => c.id);

    const filters: GroupFilter[] = [
      {},
      { tagsAny: ['t1', 't2'] },
      { tagsNone: ['t1'], gender: 'F' },
      { recencyDays: { max: 90 }, orders: { min: 2 } },
      { amount: { min: 1000 }, averageOrder: { max: 800 } },
      { tiers: ['A', 'B'] },
      { segments: [scored.segments[0]!, scored.segments[1]!] },
      { notContactedDays: 7, withPhone: true },
    ];
    const ask = { today, customers: 1, data: 1 };
    for (const filter of filters) {
      const got = (await groups.members({ ...ask, filter }, ctx)).members.map((m) => m.customer.id);
      expect(got, JSON.stringify(filter)).toEqual(byPage(filter, today - 2));
    }
    // The filters cannot all be trivially empty or full.
    const sizes = filters.map((f) => byPage(f, today - 2).length);
    expect(sizes.filter((n) => n > 0 && n < all.length).length).toBeGreaterThanOrEqual(6);
    // The basis (customer file, tiers, contacts, tags, segments) worked out once for every filter on the same data.
    expect(fileReads).toBe(1);

    // A contact recorded long ago for everyone: the same data key keeps the basis, a new one reads it again.
    await db.contacts.clear();
    await recordContacts(db, ids, today - 30, 'call');
    const notContacted = { ...ask, filter: { notContactedDays: 7 } };
    expect((await groups.members(notContacted, ctx)).members.map((m) => m.customer.id)).toEqual(byPage({ notContactedDays: 7 }, today - 2));
    expect((await groups.members({ ...notContacted, data: 2 }, ctx)).members).toHaveLength(all.length);
    expect(fileReads).toBe(2);

    // Auto tags re-evaluated in the engine: the customers the same rules pick in the page's facts.
    const auto = await groups.autoTags({ today, customers: 1, data: 2 }, [
      { tagId: 'big', rule: { kind: 'amountAtLeast', yuan: 3000 } },
      { tagId: 'tierA', rule: { kind: 'tier', tier: 'A' } },
      { tagId: 'big', rule: { kind: 'segment', segment: scored.segments[0]! } },
    ], ctx);
    const big = byPage({ amount: { min: 3000 } }, null);
    const inSegment = byPage({ segments: [scored.segments[0]!] }, null);
    expect(auto.get('big')).toEqual([...new Set([...big, ...inSegment])].sort((a, b) => a - b));
    expect(auto.get('tierA')).toEqual(byPage({ tiers: ['A'] }, null));
    expect(big.length).toBeGreaterThan(0);

    // The contact list names every member, header first, after the byte-order mark.
    const csv = await (await groups.file({ ...ask, data: 2, filter: { tagsAny: ['t1'] }, headers: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'], fullPhones: false, segmentNames: {} }, ctx)).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    const tagged = byPage({ tagsAny: ['t1'] }, null);
    expect(tagged.length).toBeGreaterThan(10);
    expect(lines).toHaveLength(tagged.length + 1);
    expect(lines.slice(1).map((l) => Number(l.split(',')[4]))).toEqual(tagged);
    expect(lines[1]!.endsWith(',风格: 休闲')).toBe(true);
  });
});
