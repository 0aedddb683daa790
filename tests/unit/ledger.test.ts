import { describe, expect, it } from 'vitest';
import {
  applyOp,
  balanceOf,
  emptyLedger,
  entryTypes,
  firstBrokenEntry,
  foldEntry,
  ledgerEntryProblem,
  readOpeningFile,
  replayLedger,
  sumLedger,
  type LedgerEntry,
  type LedgerKind,
  type LedgerOp,
  type LedgerState,
} from '../../src/lib/ledger';
import { createRandom } from '../../src/lib/random';

const base = { by: '李店长', day: 20_415, at: '2026-11-23T02:00:00.000Z' };
const op = (o: Partial<LedgerOp> & Pick<LedgerOp, 'type' | 'amount'>): LedgerOp => ({ ...base, ...o });

/** Applies ops in turn, failing the test on the first rejected one. */
function run(ledger: LedgerKind, ops: LedgerOp[]): { state: LedgerState; entries: LedgerEntry[] } {
  let state = emptyLedger();
  const entries: LedgerEntry[] = [];
  for (const o of ops) {
    const r = applyOp(state, 1, ledger, o);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    entries.push(r.value);
    state = foldEntry(state, r.value);
  }
  return { state, entries };
}

describe('points ledger', () => {
  it('earns, redeems and expires with the balance after each entry', () => {
    const { entries } = run('points', [op({ type: 'earn', amount: 120, orderRef: 'S1' }), op({ type: 'redeem', amount: 50 }), op({ type: 'expire', amount: 20 })]);
    expect(entries.map((e) => [e.type, e.amount, e.balance])).toEqual([
      ['earn', 120, 120],
      ['redeem', -50, 70], // 120 − 50
      ['expire', -20, 50], // 70 − 20
    ]);
    expect(sumLedger(entries).balance).toBe(50);
  });

  it('refuses to redeem more than the balance', () => {
    const { state } = run('points', [op({ type: 'earn', amount: 30 })]);
    expect(applyOp(state, 1, 'points', op({ type: 'redeem', amount: 31 }))).toEqual({ ok: false, error: { code: 'ledger.insufficient', balance: 30, needed: 31 } });
  });

  it('goes below zero only by an adjust that says so', () => {
    const { state } = run('points', [op({ type: 'earn', amount: 10 })]);
    expect(applyOp(state, 1, 'points', op({ type: 'adjust', amount: -15 })).ok).toBe(false);
    const negative = applyOp(state, 1, 'points', op({ type: 'adjust', amount: -15, allowNegative: true, note: '系统迁移差额' }));
    expect(negative.ok && [negative.value.balance, negative.value.allowNegative]).toEqual([-5, true]);
    // Once below zero, nothing but another explicit adjust takes it further down.
    const after = foldEntry(state, (negative as { value: LedgerEntry }).value);
    expect(applyOp(after, 1, 'points', op({ type: 'redeem', amount: 1 })).ok).toBe(false);
    expect(applyOp(after, 1, 'points', op({ type: 'adjust', amount: 3 })).ok).toBe(true); // back up is fine
  });

  it('reverses an order’s earned points on a refund, never more than it earned', () => {
    const { state } = run('points', [op({ type: 'earn', amount: 100, orderRef: 'S1' }), op({ type: 'earn', amount: 40, orderRef: 'S2' })]);
    const r = applyOp(state, 1, 'points', op({ type: 'refund', amount: 60, orderRef: 'S1', reverses: 'earn' }));
    expect(r.ok && [r.value.amount, r.value.balance]).toEqual([-60, 80]); // 140 − 60
    const s2 = foldEntry(state, (r as { value: LedgerEntry }).value);
    expect(applyOp(s2, 1, 'points', op({ type: 'refund', amount: 41, orderRef: 'S1' }))).toEqual({ ok: false, error: { code: 'ledger.refundTooLarge', orderRef: 'S1', left: 40 } });
    expect(applyOp(s2, 1, 'points', op({ type: 'refund', amount: 1 }))).toEqual({ ok: false, error: { code: 'ledger.refundNeedsOrder' } });
    expect(applyOp(s2, 1, 'points', op({ type: 'refund', amount: 1, orderRef: 'S9' }))).toEqual({ ok: false, error: { code: 'ledger.refundTooLarge', orderRef: 'S9', left: 0 } });
  });

  it.each([
    [op({ type: 'earn', amount: 0 }), 'amount'],
    [op({ type: 'earn', amount: 1.5 }), 'amount'],
    [op({ type: 'redeem', amount: -3 }), 'amount'],
    [op({ type: 'adjust', amount: 0 }), 'amount'],
  ])('rejects %j', (o, field) => expect(applyOp(emptyLedger(), 1, 'points', o)).toEqual({ ok: false, error: { code: 'ledger.badAmount', field } }));

  it('has no bonus part, and needs someone to make the entry', () => {
    expect(applyOp(emptyLedger(), 1, 'points', op({ type: 'earn', amount: 5, bonus: 1 }))).toEqual({ ok: false, error: { code: 'ledger.pointsHaveNoBonus' } });
    expect(applyOp(emptyLedger(), 1, 'points', op({ type: 'earn', amount: 5, by: ' ' }))).toEqual({ ok: false, error: { code: 'ledger.whoRequired' } });
  });
});

describe('stored value: 本金 and 赠送金', () => {
  it('tops up with a bonus and spends 本金 first, then 赠送金', () => {
    // 充 ¥1,000 送 ¥200, then spend ¥1,100: ¥1,000 本金 + ¥100 赠送金.
    const { entries, state } = run('stored', [op({ type: 'earn', amount: 100_000, bonus: 20_000, orderRef: 'T1' }), op({ type: 'redeem', amount: 110_000, orderRef: 'S1' })]);
    expect(entries[0]).toMatchObject({ amount: 120_000, principal: 100_000, bonus: 20_000, balance: 120_000 });
    expect(entries[1]).toMatchObject({ amount: -110_000, principal: -100_000, bonus: -10_000, principalAfter: 0, bonusAfter: 10_000, balance: 10_000 });
    expect(state).toMatchObject({ principal: 0, bonus: 10_000 });
  });

  it('expires 赠送金 only', () => {
    const { state } = run('stored', [op({ type: 'earn', amount: 50_000, bonus: 5_000 })]);
    expect(applyOp(state, 1, 'stored', op({ type: 'expire', amount: 5_001 }))).toEqual({ ok: false, error: { code: 'ledger.insufficient', balance: 5_000, needed: 5_001 } });
    const r = applyOp(state, 1, 'stored', op({ type: 'expire', amount: 5_000 }));
    expect(r.ok && r.value).toMatchObject({ principal: 0, bonus: -5_000, principalAfter: 50_000, bonusAfter: 0 });
  });

  it('gives a refunded spend back to the parts it drew, 本金 first', () => {
    const { state } = run('stored', [op({ type: 'earn', amount: 10_000, bonus: 2_000 }), op({ type: 'redeem', amount: 11_000, orderRef: 'S1' })]);
    // S1 drew ¥100 本金 and ¥10 赠送金; refunding ¥105 gives back ¥100 本金 and ¥5 赠送金.
    const r = applyOp(state, 1, 'stored', op({ type: 'refund', amount: 10_500, orderRef: 'S1', reverses: 'redeem' }));
    expect(r.ok && r.value).toMatchObject({ amount: 10_500, principal: 10_000, bonus: 500, principalAfter: 10_000, bonusAfter: 1_500, balance: 11_500 });
  });

  it('adjusts each part on its own', () => {
    const { entries } = run('stored', [op({ type: 'earn', amount: 1_000 }), op({ type: 'adjust', amount: -200, bonus: 300 })]);
    expect(entries[1]).toMatchObject({ amount: 100, principalAfter: 800, bonusAfter: 300, balance: 1_100 });
  });
});

describe('ledger invariants after random operations (property-style)', () => {
  const refs = ['S1', 'S2', 'S3', 'T1'];
  function randomOp(rnd: ReturnType<typeof createRandom>, ledger: LedgerKind): LedgerOp {
    const type = rnd.weighted(entryTypes, [4, 3, 1, 1, 2]);
    const amount = type === 'adjust' ? rnd.int(-5_000, 5_000) : rnd.int(-10, 8_000); // some invalid (≤ 0) on purpose
    const o: LedgerOp = { ...base, day: base.day + rnd.int(0, 400), type, amount };
    if (ledger === 'stored' && (type === 'earn' || type === 'adjust')) o.bonus = type === 'adjust' ? rnd.int(-2_000, 2_000) : rnd.int(0, 3_000);
    if (rnd.chance(0.7)) o.orderRef = rnd.pick(refs);
    if (type === 'refund') o.reverses = rnd.chance(0.5) ? 'earn' : 'redeem';
    if (type === 'adjust' && rnd.chance(0.1)) o.allowNegative = true;
    return o;
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => ledgerKindsFor(seed)))('seed %i, %s: balance == sum, every balance-after right, no part negative unless adjusted so', (seed, ledger) => {
    const rnd = createRandom(seed * 7919);
    let state = emptyLedger();
    const entries: LedgerEntry[] = [];
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 600; i++) {
      const o = randomOp(rnd, ledger);
      const before = state;
      const r = applyOp(state, 1, ledger, o);
      if (!r.ok) {
        rejected++;
        expect(state).toBe(before); // a rejected op changes nothing
        continue;
      }
      accepted++;
      const e = r.value;
      entries.push(e);
      const prev = sumLedger(entries.slice(0, -1));
      state = foldEntry(state, e);
      // Balance after = the sum of every entry so far, part by part.
      const sum = sumLedger(entries);
      expect(e.amount).toBe(e.principal + e.bonus);
      expect([e.principalAfter, e.bonusAfter, e.balance]).toEqual([sum.principal, sum.bonus, sum.balance]);
      expect(balanceOf(state)).toBe(sum.balance);
      if (ledger === 'points') expect(e.bonus).toBe(0);
      // Signs by type.
      if (e.type === 'earn') expect(e.principal >= 0 && e.bonus >= 0 && e.amount > 0).toBe(true);
      if (e.type === 'redeem' || e.type === 'expire') expect(e.principal <= 0 && e.bonus <= 0 && e.amount < 0).toBe(true);
      if (ledger === 'stored' && e.type === 'expire') expect(e.principal).toBe(0);
      // A part goes (further) below zero only by an adjust that says so.
      for (const [after, was, delta] of [[e.principalAfter, prev.principal, e.principal], [e.bonusAfter, prev.bonus, e.bonus]] as const) {
        if (after < 0 && delta < 0) expect(e.type === 'adjust' && e.allowNegative).toBe(true);
        if (after < 0 && delta >= 0) expect(was).toBeLessThan(0);
      }
      // A redeem draws 本金 before 赠送金: it touches 赠送金 only once 本金 is used up.
      if (e.type === 'redeem' && e.bonus < 0) expect(e.principalAfter).toBeLessThanOrEqual(0);
    }
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(10);
    // Refunds never reverse more than their order held.
    for (const held of state.orders.values()) for (const part of [held.earn, held.redeem]) expect(part.principal >= 0 && part.bonus >= 0).toBe(true);
    // The stored ledger replays to the same state; a tampered balance is caught at its entry.
    const replay = replayLedger(entries);
    expect(replay.ok && balanceOf(replay.value)).toBe(balanceOf(state));
    const k = Math.floor(entries.length / 2);
    const tampered = entries.map((e, i) => (i === k ? { ...e, balance: e.balance + 1, principalAfter: e.principalAfter + 1 } : e));
    expect(replayLedger(tampered)).toEqual({ ok: false, error: { code: 'ledger.brokenEntry', index: k } });
  });

  function ledgerKindsFor(seed: number): [number, LedgerKind][] {
    return [
      [seed, 'points'],
      [seed, 'stored'],
    ];
  }
});

describe('stored rows', () => {
  const { entries } = run('stored', [op({ type: 'earn', amount: 1_000, bonus: 100 }), op({ type: 'redeem', amount: 500 })]);
  const rows = entries.map((e, i) => ({ ...e, id: i + 1 }));
  it('accepts entries as written and finds the first whose balance does not add up', () => {
    for (const r of rows) expect(ledgerEntryProblem(r as unknown as Record<string, unknown>)).toBeNull();
    expect(firstBrokenEntry(rows)).toBeNull();
    expect(firstBrokenEntry([rows[0]!, { ...rows[1]!, principalAfter: 0, bonusAfter: 600 }])).toBe(1);
  });
  it.each([
    [{ ledger: 'cash' }, 'ledger'],
    [{ type: 'gift' }, 'type'],
    [{ amount: 1 }, 'amount'],
    [{ balance: 1 }, 'balance'],
    [{ by: 3 }, 'by'],
  ])('names the bad field in %j', (change, field) => expect(ledgerEntryProblem({ ...rows[0]!, ...change } as unknown as Record<string, unknown>)).toBe(field));
});

describe('opening balances file', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('reads phones, points and yuan, reporting each bad cell with its line', () => {
    const file = enc(['期初余额导入', '手机号,积分,本金,赠送金', '138 0013 8000,120,"1,000.50",200', '+86 139-0013-9000,,300,', '1.38001E+10,5,0,0', '13700137000,-5,0,0', '13800138000,1,1,1', '13600136000,abc,0,0'].join('\n'));
    const r = readOpeningFile(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rows).toEqual([
      { line: 3, phone: '13800138000', points: 120, principal: 100_050, bonus: 20_000 }, // ¥1,000.50 = 100,050 fen
      { line: 4, phone: '13900139000', points: 0, principal: 30_000, bonus: 0 },
    ]);
    expect(r.value.problems).toEqual([
      { line: 5, field: 'phone', value: '1.38001E+10', code: 'phone.damaged' },
      { line: 6, field: 'points', value: '-5', code: 'opening.negative' },
      { line: 7, field: 'phone', value: '13800138000', code: 'opening.duplicatePhone' },
      { line: 8, field: 'points', value: 'abc', code: 'opening.badNumber' },
    ]);
  });
  it('reads back its own template, filled in, the 填写说明 line skipped', async () => {
    const { openingTemplateColumns } = await import('../../src/lib/ledger');
    const { toCsv } = await import('../../src/lib/csv/export');
    const csv = toCsv(openingTemplateColumns.map((c) => c.note), [openingTemplateColumns.map((c) => c.header), ['13800138000', 10, '20.5', '']]);
    const r = readOpeningFile(enc(csv));
    expect(r.ok && r.value).toEqual({ rows: [{ line: 3, phone: '13800138000', points: 10, principal: 2_050, bonus: 0 }], problems: [] });
  });
  it('needs a phone column and an amount column', () => {
    expect(readOpeningFile(enc('姓名,积分\n王芳,3'))).toEqual({ ok: false, error: { code: 'opening.noPhoneColumn' } });
    expect(readOpeningFile(enc('手机号,姓名\n13800138000,王芳'))).toEqual({ ok: false, error: { code: 'opening.noAmountColumn' } });
  });
  it('reads GBK as Excel writes it', () => {
    // '手机号,积分\r\n13800138000,7' in GBK.
    const gbk = new Uint8Array([0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x2c, 0xbb, 0xfd, 0xb7, 0xd6, 0x0d, 0x0a, ...enc('13800138000,7')]);
    const r = readOpeningFile(gbk);
    expect(r.ok && r.value.rows).toEqual([{ line: 2, phone: '13800138000', points: 7, principal: 0, bonus: 0 }]);
  });
});

describe('backup restore checks ledgers', () => {
  it('refuses a file whose ledger balances do not add up, and accepts one without the table', async () => {
    const { validateTables } = await import('../../src/lib/backup/validate');
    const { entries } = run('points', [op({ type: 'earn', amount: 10 }), op({ type: 'redeem', amount: 4 })]);
    const rows = entries.map((e, i) => ({ ...e, id: i + 1 }));
    expect(validateTables({ ledgerEntries: rows }).ok).toBe(true);
    expect(validateTables({ ledgerEntries: [rows[0], { ...rows[1], balance: 7, principalAfter: 7 }] })).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'ledgerEntries', row: 2, problem: 'badField', field: 'balance' } });
    expect(validateTables({}).ok).toBe(true);
  });
});
