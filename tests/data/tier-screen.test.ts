/**
 * The tiers screen's figures and lists as the analysis engine answers them (workers/tier-screen.ts),
 * on a hand-made store: four customers, their states, seven A/B/C log entries and one 成长值 entry.
 */
import { describe, expect, it, vi } from 'vitest';
import { addCustomers, putCustomers } from '../../src/data/customer-store';
import { appendTierLog, overviewOf, putTierStates, readTierLog, readTierStates } from '../../src/data/tiers';
import { isoFromDay } from '../../src/lib/dates';
import type { TierLogRow } from '../../src/lib/store-rows';
import { logRowAt, personAt, tierLogRules, type PackedLog, type TierLogRule, type TierState } from '../../src/lib/tiers';
import { CustomerFile } from '../../src/workers/customer-file';
import type { CallContext } from '../../src/workers/rpc';
import { KEPT_CHURNED, KEPT_LOG, TierReads, tierChurned, tierLogFile, tierLogView, tierScreen, type TierLogAsk } from '../../src/workers/tier-screen';
import { freshDb } from './helpers';

const ctx: CallContext = { signal: new AbortController().signal, checkpoint: async () => {}, progress: () => {} };
const D = 20_000;

async function store() {
  const db = freshDb();
  const at = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
  await addCustomers(db, [
    { id: 1, name: '王芳', phone: '13800001111', ...at },
    { id: 2, name: '李娜', externalId: 'M2', phone: '13900002222', cardNo: 'K2', ...at },
    { id: 3, name: '', externalId: 'M3', ...at },
    { id: 4, name: '张伟', ...at },
  ]);
  const states: TierState[] = [
    { id: 1, tier: 'A', churned: false, reviewedAt: D + 40 },
    { id: 2, tier: 'C', churned: true, reviewedAt: D + 10 },
    { id: 3, tier: 'B', churned: false, override: { tier: 'B', reason: 'VIP' }, beforeOverride: 'C', reviewedAt: D + 40 },
    { id: 4, tier: 'A', churned: true, reviewedAt: D + 40 },
  ];
  await putTierStates(db, states);
  const entry = (customerId: number, from: 'A' | 'B' | 'C' | null, to: 'A' | 'B' | 'C', rule: TierLogRule, day: number, extra: object = {}) =>
    ({ customerId, from, to, rule, day, by: rule === 'manual' ? 'hand' : 'rule', ...extra }) as TierLogRow;
  await appendTierLog(db, [
    entry(1, null, 'A', 'points', D),
    entry(2, null, 'C', 'boughtOnce', D),
    entry(2, 'C', 'C', 'churn12m', D + 10),
    entry(4, null, 'A', 'points', D),
    entry(4, 'A', 'A', 'churn12m', D + 5),
    entry(3, 'C', 'B', 'manual', D + 20, { reason: 'VIP' }),
    // A 成长值 level change shares the table: not an A/B/C entry.
    entry(1, null, 'A', 'points', D + 30, { scheme: 'growth' }),
    entry(4, 'A', 'A', 'churn12m', D + 40),
  ]);
  return db;
}

const stamps = { customers: 0, states: 0, log: 0 };
const ask = (filter: Partial<TierLogAsk> = {}): TierLogAsk => ({ ...stamps, who: '', rule: null, from: null, to: null, ...filter });
/** Customer no. and rule of each row, newest first. */
const shown = (rows: PackedLog) => Array.from(rows.ids, (_, i) => `${logRowAt(rows, i).customerId} ${logRowAt(rows, i).rule}`);

describe('the tiers screen in the analysis engine', () => {
  it('counts as the Overview does, lists the overrides and the churned list with names and churn days', async () => {
    const db = await store();
    const [reads, file] = [new TierReads(db), new CustomerFile(db)];
    const screen = await tierScreen(reads, stamps, ctx);
    // Hand-counted: 1 is A, 3 is B (by hand), 2 and 4 churned.
    expect(screen.counts).toEqual({ A: 1, B: 1, C: 0, churned: 2, overridden: 1 });
    expect(screen.lastReview).toBe(D + 40);
    const { counts, lastReview } = overviewOf(await readTierStates(db));
    expect({ counts, lastReview }).toEqual({ counts: screen.counts, lastReview: screen.lastReview });

    expect(screen.overrides).toEqual([{ id: 3, name: '', externalId: 'M3', tier: 'B', reason: 'VIP', back: 'C' }]);
    const c = await tierChurned(reads, file, stamps, ctx);
    expect(Array.from(c.people.ids)).toEqual([2, 4]);
    expect(c.tiers).toBe('CA');
    // 4 went on the list twice: the later entry says when.
    expect(Array.from(c.on)).toEqual([D + 10, D + 40]);
    expect([personAt(c.people, 0), personAt(c.people, 1)]).toEqual([
      { name: '李娜', externalId: 'M2', phone: '13900002222' },
      { name: '张伟', externalId: undefined, phone: undefined },
    ]);
  });

  it('an empty store: nothing counted, nothing listed', async () => {
    const db = freshDb();
    const [reads, file] = [new TierReads(db), new CustomerFile(db)];
    expect(await tierScreen(reads, stamps, ctx)).toEqual({ counts: { A: 0, B: 0, C: 0, churned: 0, overridden: 0 }, lastReview: null, overrides: [] });
    expect((await tierChurned(reads, file, stamps, ctx)).people.ids.length).toBe(0);
  });

  it('the log newest first, filtered by customer no., name, phone, rule and dates, with the names of the customers it names', async () => {
    const db = await store();
    const [reads, file] = [new TierReads(db), new CustomerFile(db)];
    const all = await tierLogView(reads, file, ask(), ctx);
    expect(all.total).toBe(7);
    expect(shown(all.rows)).toEqual(['4 churn12m', '3 manual', '4 churn12m', '4 points', '2 churn12m', '2 boughtOnce', '1 points']);
    expect(logRowAt(all.rows, 1)).toEqual({ id: 6, customerId: 3, from: 'C', to: 'B', rule: 'manual', day: D + 20, by: 'hand', reason: 'VIP' });
    expect(logRowAt(all.rows, 6)).toEqual({ id: 1, customerId: 1, from: null, to: 'A', rule: 'points', day: D, by: 'rule' });
    expect(Array.from(all.rows.people.ids).sort()).toEqual([1, 2, 3, 4]);
    // Each row's customer as the row names them (the log shows no phones).
    const names = ['张伟', '', '张伟', '张伟', '李娜', '李娜', '王芳'];
    expect(Array.from(all.rows.ids, (_, i) => personAt(all.rows.people, all.rows.person[i]!))).toEqual(names.map((name, i) => ({ name, externalId: i === 1 ? 'M3' : i === 4 || i === 5 ? 'M2' : undefined, phone: undefined })));

    expect(shown((await tierLogView(reads, file, ask({ who: '李' }), ctx)).rows)).toEqual(['2 churn12m', '2 boughtOnce']);
    // Digits: a customer no. on file, else part of a phone.
    expect(shown((await tierLogView(reads, file, ask({ who: '4' }), ctx)).rows)).toEqual(['4 churn12m', '4 churn12m', '4 points']);
    expect(shown((await tierLogView(reads, file, ask({ who: '2222' }), ctx)).rows)).toEqual(['2 churn12m', '2 boughtOnce']);
    const churnLater = await tierLogView(reads, file, ask({ rule: 'churn12m', from: D + 6, to: D + 40 }), ctx);
    expect(shown(churnLater.rows)).toEqual(['4 churn12m', '2 churn12m']);
    expect(churnLater.total).toBe(7);
    expect(Array.from(churnLater.rows.people.ids)).toEqual([4, 2]);
    expect((await tierLogView(reads, file, ask({ who: '赵' }), ctx)).rows.ids.length).toBe(0);
  });

  it('keeps the churned list and the whole log for a fresh tab: answered without reading, worked out again after any change', async () => {
    const db = await store();
    const first = { churned: await tierChurned(new TierReads(db), new CustomerFile(db), stamps, ctx), log: await tierLogView(new TierReads(db), new CustomerFile(db), ask(), ctx) };
    expect((await db.engineCache.get(KEPT_CHURNED))?.value).toEqual(first.churned);
    expect((await db.engineCache.get(KEPT_LOG))?.value).toEqual(first.log);

    /** A fresh engine's answers, and whether it read any state, log entry or customer. */
    const fresh = async (filter: Partial<TierLogAsk> = {}) => {
      const [reads, file] = [new TierReads(db), new CustomerFile(db)];
      const spies = [vi.spyOn(reads.states, 'read'), vi.spyOn(reads.log, 'read'), vi.spyOn(file, 'byId')];
      const answer = { churned: await tierChurned(reads, file, stamps, ctx), log: await tierLogView(reads, file, ask(filter), ctx) };
      return { answer, read: spies.some((spy) => spy.mock.calls.length > 0) };
    };
    expect(await fresh()).toEqual({ answer: first, read: false });
    // A filtered log is worked out (and the kept whole one left as it is).
    expect((await fresh({ who: '李' })).read).toBe(true);
    expect((await db.engineCache.get(KEPT_LOG))?.value).toEqual(first.log);

    const at = '2026-01-02T00:00:00Z';
    const changes: [string, () => Promise<unknown>][] = [
      ['a customer renamed', () => putCustomers(db, [{ id: 2, name: '李娜娜', externalId: 'M2', phone: '13900002222', cardNo: 'K2', createdAt: at, updatedAt: at }])],
      ['a churned customer restored', () => putTierStates(db, [{ id: 4, tier: 'A', churned: false, reviewedAt: D + 40, restoredAt: D + 60 }])],
      ['a log entry added', () => appendTierLog(db, [{ customerId: 1, from: 'A', to: 'B', rule: 'inactive6m', day: D + 70, by: 'rule' }])],
    ];
    for (const [what, change] of changes) {
      await change();
      const again = await fresh();
      expect(again.read, what).toBe(true);
      // Equal to what an engine with nothing kept works out.
      await db.engineCache.clear();
      expect((await fresh()).answer, what).toEqual(again.answer);
    }
    const last = await fresh();
    expect(personAt(last.answer.churned.people, 0).name).toBe('李娜娜');
    expect(Array.from(last.answer.churned.people.ids)).toEqual([2]);
    expect(last.answer.log.total).toBe(8);
    expect((await fresh()).read).toBe(false);
  });

  it('does not keep an answer made from reads held from before another tab’s write', async () => {
    const db = await store();
    const [reads, file] = [new TierReads(db), new CustomerFile(db)];
    await tierLogView(reads, file, ask({ log: 3 }), ctx);
    await db.engineCache.clear();
    // Another tab adds an entry; this page's write count has not moved yet.
    await appendTierLog(db, [{ customerId: 1, from: 'A', to: 'B', rule: 'inactive6m', day: D + 70, by: 'rule' }]);
    expect((await tierLogView(reads, file, ask({ log: 3 }), ctx)).total).toBe(7);
    expect(await db.engineCache.get(KEPT_LOG)).toBeUndefined();
    expect((await tierLogView(new TierReads(db), new CustomerFile(db), ask(), ctx)).total).toBe(8);
  });

  it('keeps the states and the log it read for the same write counts, and reads them again for new ones', async () => {
    const db = await store();
    const [reads, file] = [new TierReads(db), new CustomerFile(db)];
    expect((await tierLogView(reads, file, ask({ log: 1 }), ctx)).total).toBe(7);
    expect((await tierScreen(reads, { ...stamps, states: 1 }, ctx)).counts.A).toBe(1);
    await appendTierLog(db, [{ customerId: 1, from: 'A', to: 'B', rule: 'inactive6m', day: D + 50, by: 'rule' }]);
    await putTierStates(db, [{ id: 1, tier: 'B', churned: false, reviewedAt: D + 50, downgradedAt: D + 50 }]);
    expect((await tierLogView(reads, file, ask({ log: 1 }), ctx)).total).toBe(7);
    expect((await tierScreen(reads, { ...stamps, states: 1 }, ctx)).counts.A).toBe(1);
    expect((await tierLogView(reads, file, ask({ log: 2 }), ctx)).total).toBe(8);
    expect((await tierScreen(reads, { ...stamps, states: 2 }, ctx)).counts).toMatchObject({ A: 0, B: 2 });
    expect((await readTierLog(db)).length).toBe(8);
  });

  it('writes the filtered log as a CSV file: the shop’s keys (phone masked), then the change', async () => {
    const db = await store();
    const ruleNames = Object.fromEntries(tierLogRules.map((r) => [r, `R:${r}`])) as Record<TierLogRule, string>;
    const headers = ['Customer ID', 'Card no.', 'Phone', 'Name', 'Keqing no.', 'Date', 'From', 'To', 'Rule', 'By', 'Reason'];
    const file = await tierLogFile(new TierReads(db), new CustomerFile(db), { ...ask({ who: '李' }), headers, ruleNames, byNames: { rule: 'Rule', hand: 'Hand' } }, ctx);
    // Blob.text() would drop the BOM that tells Excel the file is UTF-8.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).trim().split('\r\n')).toEqual([
      headers.join(','),
      `M2,K2,139****2222,李娜,2,${isoFromDay(D + 10)},C,C,R:churn12m,Rule,`,
      `M2,K2,139****2222,李娜,2,${isoFromDay(D)},,C,R:boughtOnce,Rule,`,
    ]);
  });
});
