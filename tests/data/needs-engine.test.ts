/**
 * The needs segments' figures from the analysis engine (workers/needs.ts) instead of the page: the
 * same customers and revenue per segment as the page counted by testing every customer itself.
 */
import { describe, expect, it } from 'vitest';
import { readCustomersPaged } from '../../src/data/customers';
import { defaultGradeCuts } from '../../src/lib/grades/rule';
import { addSegment } from '../../src/data/needs';
import { replaceWithDemoStore } from '../../src/data/store';
import { lunarDayIn } from '../../src/lib/care/lunar';
import { customerStats, lastPurchaseOf } from '../../src/lib/customers/stats';
import { gradeFacts } from '../../src/lib/grades/facts';
import { customerFacts } from '../../src/lib/needs/facts';
import { assignCustomers, byPriority } from '../../src/lib/needs/portfolio';
import { emptySegment } from '../../src/lib/needs/segment';
import { summariseColumns } from '../../src/lib/purchases/columns';
import { CustomerFile } from '../../src/workers/customer-file';
import { needsFigures } from '../../src/workers/needs';
import type { CallContext } from '../../src/workers/rpc';
import { freshDb, smallDemo } from './helpers';

const ctx: CallContext = { signal: new AbortController().signal, checkpoint: async () => {}, progress: () => {} };

describe('needs segments from the analysis engine', () => {
  it('counts the customers and revenue the page counted, per segment', { timeout: 120_000 }, async () => {
    const demo = smallDemo();
    const db = freshDb();
    await replaceWithDemoStore(db, demo);
    const today = summariseColumns(demo.purchases).lastDay! + 1;
    // Grades on file for every fourth customer; three rules and one customer placed by hand.
    await db.gradeStates.bulkPut(demo.customers.filter((c) => c.id % 4 === 0).map((c) => ({ id: c.id, grade: 'high' as const, points: 5, since: '' })));
    const rule = (field: string, op: string, value: string) => ({ match: 'all' as const, conditions: [{ field, op, value }] }) as never;
    await addSegment(db, { ...emptySegment(1), name: '大用户', rule: rule('amount', 'gte', '3000') });
    await addSegment(db, { ...emptySegment(2), name: '常客', rule: rule('orders', 'gte', '3'), manualIds: [demo.customers.at(-1)!.id] });
    await addSegment(db, { ...emptySegment(3), name: '高价值', rule: rule('grade', 'eq', 'high') });

    const stats = customerStats([demo.purchases]);
    const premium = gradeFacts([demo.purchases], defaultGradeCuts.premiumUnitPrice, stats);
    const answer = await needsFigures(db, new CustomerFile(db), async () => stats, async (price) => gradeFacts([demo.purchases], price, stats), { today, customers: 1 }, ctx);

    // The page's way: every customer read and tested, revenue summed per segment.
    const all = await readCustomersPaged(db, () => {});
    const at = new Map(Array.from(stats.ids, (id, k) => [id, k]));
    const grades = new Map((await db.gradeStates.toArray()).map((g) => [g.id, g.grade]));
    const behaviourOf = (id: number) => {
      const k = at.get(id);
      if (k === undefined) return undefined;
      const amount = stats.amount[k]!;
      return { amount, orders: stats.orders[k]!, lastDay: lastPurchaseOf(stats, k) ?? stats.lastDay[k]!, premiumShare: amount > 0 ? Math.min(1, Math.max(0, premium.premiumAmount[k]! / amount)) : 0 };
    };
    const segments = byPriority(await db.needsSegments.toArray());
    const members = assignCustomers(segments, all.map((c) => ({ id: c.id, facts: customerFacts(c, behaviourOf(c.id), grades.get(c.id), today, lunarDayIn) })));
    const revenue = (id: number) => stats.amount[at.get(id) ?? -1] ?? 0;

    expect(answer.segments.map((s) => s.name)).toEqual(['大用户', '常客', '高价值']);
    expect(answer.customers).toBe(all.length);
    expect(answer.totalRevenue).toBe(Array.from(stats.amount).reduce((a, b) => a + b, 0));
    for (const s of segments) {
      const ids = members.get(s.id)!;
      expect(ids.length, s.name).toBeGreaterThan(0);
      expect(answer.totals.get(s.id), s.name).toMatchObject({ customers: ids.length, revenue: ids.reduce((n, id) => n + revenue(id), 0) });
    }
    expect(answer.assigned).toBe([...members.values()].reduce((n, ids) => n + ids.length, 0));
    expect(answer.assigned).toBeLessThan(all.length);
  });
});
