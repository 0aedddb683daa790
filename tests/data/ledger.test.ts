import { describe, expect, it } from 'vitest';
import { addCustomer } from '../../src/data/customers';
import { addLedgerEntry, customerLedgers, importOpeningBalances, readLedger } from '../../src/data/ledger';
import { freshDb } from './helpers';

const who = { by: '李店长', day: 20_415, at: '2026-11-23T02:00:00.000Z' };

describe('ledgers in the database', () => {
  it('adds entries in one transaction each, the balance being their sum', async () => {
    const db = freshDb();
    const id = await addCustomer(db, { name: '王芳', phone: '13800138000' });
    expect((await addLedgerEntry(db, id, 'stored', { ...who, type: 'earn', amount: 50_000, bonus: 5_000 })).ok).toBe(true);
    // Two spends at once against ¥550: only one of ¥300 each can pass.
    const both = await Promise.all([addLedgerEntry(db, id, 'stored', { ...who, type: 'redeem', amount: 30_000 }), addLedgerEntry(db, id, 'stored', { ...who, type: 'redeem', amount: 30_000 })]);
    expect(both.map((r) => r.ok).sort()).toEqual([false, true]);
    const l = await customerLedgers(db, id);
    expect(l.storedSum).toEqual({ balance: 25_000, principal: 20_000, bonus: 5_000 }); // 550 − 300; 本金 500 − 300
    expect(l.stored.at(-1)!.balance).toBe(25_000);
    expect(await addLedgerEntry(db, 999, 'points', { ...who, type: 'earn', amount: 1 })).toEqual({ ok: false, error: { code: 'ledger.unknownCustomer', id: 999 } });
  });

  it('imports opening balances by phone once, reporting unknown and shared phones', async () => {
    const db = freshDb();
    const a = await addCustomer(db, { name: '王芳', phone: '13800138000' });
    await addCustomer(db, { name: '张伟', phone: '13900139000' });
    await addCustomer(db, { name: '张伟2', phone: '13900139000' });
    const rows = [
      { line: 2, phone: '13800138000', points: 120, principal: 100_000, bonus: 20_000 },
      { line: 3, phone: '13900139000', points: 5, principal: 0, bonus: 0 },
      { line: 4, phone: '13700137000', points: 5, principal: 0, bonus: 0 },
    ];
    const r = await importOpeningBalances(db, rows, { ...who, note: '期初余额' });
    expect(r.ok && { ...r.value, notFound: r.value.notFound.map((x) => x.line), ambiguous: r.value.ambiguous.map((x) => x.line) }).toEqual({ rows: 3, customers: 1, entriesAdded: 2, notFound: [4], ambiguous: [3], skipped: [] });
    expect((await readLedger(db, a, 'stored'))[0]).toMatchObject({ type: 'adjust', principal: 100_000, bonus: 20_000, balance: 120_000, note: '期初余额' });
    const again = await importOpeningBalances(db, rows.slice(0, 1), { ...who, note: '期初余额' });
    expect(again.ok && [again.value.entriesAdded, again.value.skipped.length]).toEqual([0, 2]);
    expect((await customerLedgers(db, a)).pointsSum.balance).toBe(120);
  });
});
