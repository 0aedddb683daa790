/**
 * The Overview's Today list asks the analysis engine for its customers (workers/today.ts) instead of
 * reading the customer file on the page: the same calls and birthdays as the page worked out before.
 */
import { putTierStates } from '../../src/data/tiers';
import { describe, expect, it, vi } from 'vitest';
import { markCareDone, readCareDone } from '../../src/data/care';
import { getDormancyParams } from '../../src/data/dormancy';
import { replaceWithDemoStore } from '../../src/data/store';
import { birthdaysBetween, weekStartOf, weekTasks } from '../../src/lib/care';
import { lunarCalendar } from '../../src/lib/care/lunar';
import { customerStats } from '../../src/lib/customers/stats';
import { dormancyWarnings } from '../../src/lib/dormancy';
import { packLines, summariseColumns } from '../../src/lib/purchases/columns';
import { todayItems, type CustomerItem } from '../../src/lib/today/due';
import { CustomerFile } from '../../src/workers/customer-file';
import type { CallContext } from '../../src/workers/rpc';
import { careWeek, KEPT_TODAY, todayCustomers } from '../../src/workers/today';
import { updateCustomers } from '../../src/data/customer-store';
import { dormancyCounts } from '../../src/workers/dormancy-counts';
import { countDormancy } from '../../src/lib/dormancy';
import { lastPurchaseDays, lastPurchasePairs } from '../../src/lib/customers/stats';
import { freshDb, smallDemo, readCareBase } from './helpers';

const ctx: CallContext = { signal: new AbortController().signal, checkpoint: async () => {}, progress: () => {} };

/** The page's way before: every customer read, the whole list worked out, its customer items kept. */
async function asThePageDid(db: ReturnType<typeof freshDb>, today: number, stats: ReturnType<typeof customerStats>): Promise<CustomerItem[]> {
  const weekStart = weekStartOf(today);
  const [b, done, params] = await Promise.all([readCareBase(db), readCareDone(db, weekStart, weekStart + 6), getDormancyParams(db)]);
  const lastDays = lastPurchasePairs(stats);
  const dormancy = dormancyWarnings(lastDays, weekStart, weekStart + 6, params);
  const tasks = weekTasks({ weekStart, customers: b.people, tierOf: b.tierOf, rules: b.rules, storeOccasions: b.occasions, lunar: lunarCalendar, dormancy });
  const items = todayItems({
    today,
    tasks,
    birthdays: birthdaysBetween(b.people, weekStart, weekStart + 6, lunarCalendar),
    done: new Set(done.keys()),
    hasCustomers: true,
    lastTierReview: today,
    assessments: [],
    complaints: { open: 0, oldestDays: null },
    lastBackupDay: today,
    importsSinceBackup: 0,
  });
  return items.filter((i): i is CustomerItem => i.kind === 'call' || i.kind === 'weekly' || i.kind === 'birthday');
}

describe('the Today list’s customers from the analysis engine', () => {
  it('lists the same calls and birthdays as the page did, names only those shown, and follows a call marked done', { timeout: 120_000 }, async () => {
    const demo = smallDemo();
    const db = freshDb();
    await replaceWithDemoStore(db, demo);
    // A tier review on file: every third customer A (weekly contacts, holiday calls), every seventh churned (out of care).
    await putTierStates(db, demo.customers.map((c) => ({ id: c.id, tier: c.id % 3 === 0 ? ('A' as const) : ('B' as const), churned: c.id % 7 === 0 })));
    const stats = customerStats([demo.purchases]);
    const today = summariseColumns(demo.purchases).lastDay!;
    const file = new CustomerFile(db);

    const before = await asThePageDid(db, today, stats);
    const calls = before.filter((i) => i.kind !== 'birthday');
    const birthdays = before.filter((i) => i.kind === 'birthday');
    // The week has customers to list, more calls than the list shows (so the count and the cut are tested).
    expect(calls.length).toBeGreaterThan(3);
    expect(birthdays.length).toBeGreaterThan(0);

    const answer = await todayCustomers(db, file, async () => stats, { today, shown: 3, customers: 0 }, ctx);
    expect(answer.callCount).toBe(calls.length);
    expect(answer.calls).toEqual(calls.slice(0, 3));
    expect(answer.birthdayCount).toBe(birthdays.length);
    expect(answer.birthdays).toEqual(birthdays.slice(0, 3));
    // Only the customers listed travel to the page, with what the list shows of them.
    const listed = [...new Set([...answer.calls, ...answer.birthdays].map((i) => i.customerId))].sort((a, b) => a - b);
    expect(answer.people.map((p) => p.id).sort((a, b) => a - b)).toEqual(listed);
    for (const p of answer.people) {
      const c = demo.customers.find((x) => x.id === p.id)!;
      expect(p).toEqual({ id: c.id, name: c.name, externalId: c.externalId, phone: c.phone });
    }

    // A call marked done in the care calendar leaves the list.
    const first = answer.calls[0]!;
    await markCareDone(db, first.taskKey, first.day, '李店长');
    const after = await todayCustomers(db, file, async () => stats, { today, shown: 3, customers: 0 }, ctx);
    expect(after.callCount).toBe(calls.length - 1);
    expect(after.calls.map((c) => c.taskKey)).not.toContain(first.taskKey);
    expect(after.calls).toEqual((await asThePageDid(db, today, stats)).filter((i) => i.kind !== 'birthday').slice(0, 3));
  });

  it('keeps the list with what it was worked out from: a reopened page gets it without the customer file, any change works it out again', { timeout: 120_000 }, async () => {
    const demo = smallDemo();
    const db = freshDb();
    await replaceWithDemoStore(db, demo);
    await putTierStates(db, demo.customers.map((c) => ({ id: c.id, tier: c.id % 3 === 0 ? ('A' as const) : ('B' as const), churned: false })));
    const stats = customerStats([demo.purchases]);
    const today = summariseColumns(demo.purchases).lastDay!;
    const ask = { today, shown: 3, customers: 0 };
    const first = await todayCustomers(db, new CustomerFile(db), async () => stats, ask, ctx);
    expect((await db.engineCache.get(KEPT_TODAY))?.value).toEqual(first);

    /** A new engine's answer (a reopened page), and whether it read the customer file or the stats. */
    const reopened = async (asked = ask) => {
      const file = new CustomerFile(db);
      const byId = vi.spyOn(file, 'byId');
      const counted = vi.fn(async () => stats);
      const answer = await todayCustomers(db, file, counted, asked, ctx);
      return { answer, workedOut: byId.mock.calls.length > 0 || counted.mock.calls.length > 0 };
    };
    /** The list worked out from scratch, nothing kept. */
    const fromScratch = async (asked = ask) => {
      await db.engineCache.delete(KEPT_TODAY);
      return todayCustomers(db, new CustomerFile(db), async () => stats, asked, ctx);
    };
    expect(await reopened()).toEqual({ answer: first, workedOut: false });

    const renamed = first.calls[2]!.customerId;
    const changes: [string, () => Promise<unknown>][] = [
      ['a listed customer renamed', () => updateCustomers(db, [renamed], (c) => ({ ...c, name: '改名客户' }))],
      ['a tier changed', () => putTierStates(db, [{ id: first.calls[0]!.customerId, tier: 'C', churned: true }])],
      ['a call marked done', () => markCareDone(db, first.calls[1]!.taskKey, first.calls[1]!.day, '李店长')],
    ];
    for (const [what, change] of changes) {
      await change();
      const again = await reopened();
      expect(again.workedOut, what).toBe(true);
      expect(again.answer, what).toEqual(await fromScratch());
      if (what === 'a listed customer renamed') expect(again.answer.people.find((p) => p.id === renamed)?.name).toBe('改名客户');
    }
    expect((await reopened()).answer.calls.map((c) => c.customerId)).not.toContain(first.calls[0]!.customerId);
    // A page whose engine still holds the file from before another tab's write (its write count not
    // yet moved) gets the list from that file, but it is not kept under the newer stamp.
    const file = new CustomerFile(db);
    await file.byId(5);
    await updateCustomers(db, [renamed], (c) => ({ ...c, name: '另一个标签页改的名' }));
    await db.engineCache.delete(KEPT_TODAY);
    const stale = await todayCustomers(db, file, async () => stats, { ...ask, customers: 5 }, ctx);
    expect(stale.people.find((p) => p.id === renamed)?.name).toBe('改名客户');
    expect(await db.engineCache.get(KEPT_TODAY)).toBeUndefined();
    expect((await reopened()).answer.people.find((p) => p.id === renamed)?.name).toBe('另一个标签页改的名');
    // Another day is another list.
    const tomorrow = { ...ask, today: today + 1 };
    expect((await reopened(tomorrow)).workedOut).toBe(true);
    expect((await reopened(tomorrow)).workedOut).toBe(false);
  });

  it('gives the care calendar the same week of tasks as the page worked out, with only the customers they name', { timeout: 120_000 }, async () => {
    const demo = smallDemo();
    const db = freshDb();
    await replaceWithDemoStore(db, demo);
    await putTierStates(db, demo.customers.map((c) => ({ id: c.id, tier: c.id % 3 === 0 ? ('A' as const) : ('B' as const), churned: c.id % 7 === 0 })));
    // A customer warned of going 沉睡 that late week returns goods 30 days after their last purchase:
    // the warning still counts from the purchase (最近购买), not from the return's later line.
    const plain = customerStats([demo.purchases]);
    const lateWeek = weekStartOf(summariseColumns(demo.purchases).lastDay! + 200);
    const warned = dormancyWarnings(lastPurchasePairs(plain), lateWeek, lateWeek + 6, await getDormancyParams(db))[0]!;
    const k = plain.ids.indexOf(warned.customerId);
    const stats = customerStats([demo.purchases, packLines([{ day: plain.lastPurchaseDay[k]! + 30, customerId: warned.customerId, amount: -5_000, quantity: -1, orderNo: 'R-1', itemNo: 'X' }])]);
    expect(stats.lastDay[k]).toBeGreaterThan(stats.lastPurchaseDay[k]!);
    const file = new CustomerFile(db);
    // The week of the last sale, and the week after 200 quiet days (dormancy calls due for many).
    for (const day of [summariseColumns(demo.purchases).lastDay!, summariseColumns(demo.purchases).lastDay! + 200]) {
      const weekStart = weekStartOf(day);
      const [b, params] = await Promise.all([readCareBase(db), getDormancyParams(db)]);
      const lastDays = lastPurchasePairs(stats);
      const dormancy = dormancyWarnings(lastDays, weekStart, weekStart + 6, params);
      const expected = weekTasks({ weekStart, customers: b.people, tierOf: b.tierOf, rules: b.rules, storeOccasions: b.occasions, lunar: lunarCalendar, dormancy });
      expect(expected.length).toBeGreaterThan(3);

      const week = await careWeek(db, file, async () => stats, { weekStart, customers: 0 }, ctx);
      expect(week.tasks).toEqual(expected);
      if (weekStart === lateWeek) expect(week.tasks.some((task) => task.customerId === warned.customerId && task.reason === (warned.becomes === 'dormant' ? 'dormantSoon' : 'lostSoon'))).toBe(true);
      expect(week.rules).toEqual(b.rules);
      expect(week.tiered).toBe(true);
      // The customers the tasks name, each as the page had them; nobody else.
      const named = [...new Set(expected.flatMap((task) => (task.customerId === null ? [] : [task.customerId])))].sort((x, y) => x - y);
      expect(week.people.map((p) => p.id).sort((x, y) => x - y)).toEqual(named);
      for (const p of week.people) expect(p).toEqual(b.people.find((x) => x.id === p.id));
    }
    // Before any tier review the week says so (the calendar shows everyone as untiered).
    await db.tierStatePacks.clear();
    expect((await careWeek(db, file, async () => stats, { weekStart: weekStartOf(summariseColumns(demo.purchases).lastDay!), customers: 0 }, ctx)).tiered).toBe(false);
  });

  it('counts 沉睡 / 流失 in the engine as the page did from the whole stats', async () => {
    const demo = smallDemo();
    const db = freshDb();
    await replaceWithDemoStore(db, demo);
    const stats = customerStats([demo.purchases]);
    const today = summariseColumns(demo.purchases).lastDay! + 200;
    const answer = await dormancyCounts(db, async () => stats, today);
    expect(answer).toEqual({ buyers: stats.ids.length, counts: countDormancy(lastPurchaseDays(stats), today, await getDormancyParams(db)) });
    // 200 days after the last sale every buyer has a clock running: the four shown figures and the active ones add up to the buyers.
    const { active, dormantSoon, dormant, lostSoon, lost, never } = answer.counts;
    expect(never).toBe(0);
    expect(active + dormantSoon + dormant + lostSoon + lost).toBe(answer.buyers);
    expect(dormant + lost).toBeGreaterThan(0);
  });
});
