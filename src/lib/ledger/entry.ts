/**
 * 积分 (points) and 储值 (stored value) as ledgers, never a bare balance (issue 10, domain.md §6).
 * Pure: an operation is checked against the ledger as it stands and becomes an entry carrying its
 * balance after; the balance shown is always the sum of the entries (see `sumLedger`).
 *
 * Stored value is kept in two parts: 本金 (principal, what the customer paid in) and 赠送金 (bonus,
 * what the store gave on top). Points have one part only (kept in `principal`, `bonus` is 0).
 *
 * The order a spend draws from them: 本金 first, then 赠送金. The money the customer paid is used
 * before the store's gift, so the unused balance a store may have to pay back (本金 only; a gift is
 * not refundable) shrinks first. Expiry only ever takes 赠送金: prepaid principal does not expire.
 * A refund reversal gives back (or takes back) an order's own draws, 本金 first, then 赠送金.
 */
import { err, ok, type Result } from '../result';

export const ledgerKinds = ['points', 'stored'] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** earn: points earned or value topped up (充值); redeem: points used or value spent; refund: a refund reversal. */
export const entryTypes = ['earn', 'redeem', 'adjust', 'expire', 'refund'] as const;
export type EntryType = (typeof entryTypes)[number];

/** What the user asks for: amounts are positive magnitudes, except adjust (signed). */
export interface LedgerOp {
  type: EntryType;
  /**
   * Points; for stored value, fen: earn — 本金 paid in; redeem — total spent; expire — 赠送金
   * expiring; adjust — signed change of 本金 (points: of the balance); refund — total reversed.
   */
  amount: number;
  /** Stored value only, fen: earn — 赠送金 given (≥ 0); adjust — signed change of 赠送金. */
  bonus?: number;
  /** Which of the order's entries a refund reverses: its earn (taken back) or its redeem (given back). */
  reverses?: 'earn' | 'redeem';
  /** Adjust only: the manager says the balance may go below zero. */
  allowNegative?: boolean;
  orderRef?: string;
  note?: string;
  /** Who made the entry (经手人). */
  by: string;
  /** Day number, and the ISO instant written. */
  day: number;
  at: string;
}

/** An entry as kept: signed changes per part and the balances after it. */
export interface LedgerEntry {
  customerId: number;
  ledger: LedgerKind;
  type: EntryType;
  /** Signed change of the balance: principal + bonus. */
  amount: number;
  principal: number;
  bonus: number;
  /** Balances after this entry: balance = principalAfter + bonusAfter. */
  balance: number;
  principalAfter: number;
  bonusAfter: number;
  reverses?: 'earn' | 'redeem';
  allowNegative?: boolean;
  orderRef?: string;
  note?: string;
  by: string;
  day: number;
  at: string;
}

export type LedgerError =
  | { code: 'ledger.badAmount'; field: 'amount' | 'bonus' }
  | { code: 'ledger.pointsHaveNoBonus' }
  | { code: 'ledger.insufficient'; balance: number; needed: number }
  | { code: 'ledger.refundNeedsOrder' }
  | { code: 'ledger.refundTooLarge'; orderRef: string; left: number }
  | { code: 'ledger.whoRequired' }
  | { code: 'ledger.brokenEntry'; index: number };

interface Parts {
  principal: number;
  bonus: number;
}

/** The ledger as it stands after some entries: balances, and per order what can still be reversed. */
export interface LedgerState {
  principal: number;
  bonus: number;
  /** Per order: what its earns added and its redeems drew, net of reversals (both ≥ 0). */
  orders: Map<string, { earn: Parts; redeem: Parts }>;
}

export const emptyLedger = (): LedgerState => ({ principal: 0, bonus: 0, orders: new Map() });
export const balanceOf = (s: LedgerState) => s.principal + s.bonus;

const isCount = (v: unknown): v is number => Number.isSafeInteger(v);
const positive = (v: number) => isCount(v) && v > 0;

/**
 * Checks `op` against `state` and returns the entry it makes, or why not. Invariants: amounts are
 * whole numbers; no part of the balance goes below zero, except by an adjust that says so
 * (`allowNegative`); a refund names its order and never reverses more than the order holds.
 */
export function applyOp(state: LedgerState, customerId: number, ledger: LedgerKind, op: LedgerOp): Result<LedgerEntry, LedgerError> {
  if (op.by.trim() === '') return err({ code: 'ledger.whoRequired' });
  const bonusIn = op.bonus ?? 0;
  if (ledger === 'points' && bonusIn !== 0) return err({ code: 'ledger.pointsHaveNoBonus' });
  if (!isCount(bonusIn)) return err({ code: 'ledger.badAmount', field: 'bonus' });
  const balance = balanceOf(state);
  let change: Parts;
  switch (op.type) {
    case 'earn':
      if (!isCount(op.amount) || op.amount < 0 || bonusIn < 0) return err({ code: 'ledger.badAmount', field: bonusIn < 0 ? 'bonus' : 'amount' });
      if (op.amount + bonusIn <= 0) return err({ code: 'ledger.badAmount', field: 'amount' });
      change = { principal: op.amount, bonus: bonusIn };
      break;
    case 'redeem': {
      if (!positive(op.amount) || bonusIn !== 0) return err({ code: 'ledger.badAmount', field: positive(op.amount) ? 'bonus' : 'amount' });
      if (op.amount > Math.max(0, state.principal) + Math.max(0, state.bonus)) return err({ code: 'ledger.insufficient', balance, needed: op.amount });
      // 本金 first, then 赠送金 (see the header).
      const fromPrincipal = Math.min(Math.max(0, state.principal), op.amount);
      change = { principal: -fromPrincipal, bonus: -(op.amount - fromPrincipal) };
      break;
    }
    case 'expire':
      if (!positive(op.amount) || bonusIn !== 0) return err({ code: 'ledger.badAmount', field: positive(op.amount) ? 'bonus' : 'amount' });
      // Points expire from the points balance; stored value only from 赠送金.
      if (ledger === 'points') {
        if (op.amount > state.principal) return err({ code: 'ledger.insufficient', balance, needed: op.amount });
        change = { principal: -op.amount, bonus: 0 };
      } else {
        if (op.amount > state.bonus) return err({ code: 'ledger.insufficient', balance: state.bonus, needed: op.amount });
        change = { principal: 0, bonus: -op.amount };
      }
      break;
    case 'adjust': {
      if (!isCount(op.amount)) return err({ code: 'ledger.badAmount', field: 'amount' });
      if (op.amount === 0 && bonusIn === 0) return err({ code: 'ledger.badAmount', field: 'amount' });
      change = { principal: op.amount, bonus: bonusIn };
      break;
    }
    case 'refund': {
      if (!positive(op.amount) || bonusIn !== 0) return err({ code: 'ledger.badAmount', field: positive(op.amount) ? 'bonus' : 'amount' });
      const ref = op.orderRef?.trim() ?? '';
      if (ref === '') return err({ code: 'ledger.refundNeedsOrder' });
      const kind = op.reverses ?? 'earn';
      const held = state.orders.get(ref)?.[kind] ?? { principal: 0, bonus: 0 };
      const left = held.principal + held.bonus;
      if (op.amount > left) return err({ code: 'ledger.refundTooLarge', orderRef: ref, left });
      const p = Math.min(held.principal, op.amount);
      const parts = { principal: p, bonus: op.amount - p };
      // Reversing an earn takes back what it added; reversing a redeem gives back what it drew.
      change = kind === 'earn' ? { principal: -parts.principal, bonus: -parts.bonus } : parts;
      break;
    }
  }
  // No -0 in stored numbers (it prints as "-0" and fails equality with 0 in some checks).
  change = { principal: change.principal || 0, bonus: change.bonus || 0 };
  const principalAfter = state.principal + change.principal;
  const bonusAfter = state.bonus + change.bonus;
  const mayGoNegative = op.type === 'adjust' && op.allowNegative === true;
  // A part already below zero (an allowed negative adjust) may stay there, but nothing else pushes it further down.
  const goesBelow = (before: number, after: number, delta: number) => after < 0 && delta < 0 && !mayGoNegative && (before >= 0 || after < before);
  if (goesBelow(state.principal, principalAfter, change.principal) || goesBelow(state.bonus, bonusAfter, change.bonus)) {
    return err({ code: 'ledger.insufficient', balance, needed: -(change.principal + change.bonus) });
  }
  const entry: LedgerEntry = {
    customerId,
    ledger,
    type: op.type,
    amount: change.principal + change.bonus,
    principal: change.principal,
    bonus: change.bonus,
    balance: principalAfter + bonusAfter,
    principalAfter,
    bonusAfter,
    by: op.by.trim(),
    day: op.day,
    at: op.at,
  };
  if (op.type === 'refund') entry.reverses = op.reverses ?? 'earn';
  if (mayGoNegative) entry.allowNegative = true;
  const ref = op.orderRef?.trim();
  if (ref) entry.orderRef = ref;
  const note = op.note?.trim();
  if (note) entry.note = note;
  return ok(entry);
}

/** The state after one more entry (the entry is trusted: see `replayLedger` for checking). */
export function foldEntry(state: LedgerState, e: LedgerEntry): LedgerState {
  const orders = new Map(state.orders);
  if (e.orderRef && (e.type === 'earn' || e.type === 'redeem' || e.type === 'refund')) {
    const held = orders.get(e.orderRef) ?? { earn: { principal: 0, bonus: 0 }, redeem: { principal: 0, bonus: 0 } };
    const next = { earn: { ...held.earn }, redeem: { ...held.redeem } };
    if (e.type === 'earn') {
      next.earn.principal += e.principal;
      next.earn.bonus += e.bonus;
    } else if (e.type === 'redeem') {
      next.redeem.principal -= e.principal;
      next.redeem.bonus -= e.bonus;
    } else {
      const kind = e.reverses ?? 'earn';
      const sign = kind === 'earn' ? 1 : -1; // an earn reversal is negative, a redeem reversal positive
      next[kind].principal += sign * e.principal;
      next[kind].bonus += sign * e.bonus;
    }
    orders.set(e.orderRef, next);
  }
  return { principal: state.principal + e.principal, bonus: state.bonus + e.bonus, orders };
}

/** The balance is the ledger's sum, part by part. */
export function sumLedger(entries: readonly Pick<LedgerEntry, 'principal' | 'bonus'>[]): { balance: number; principal: number; bonus: number } {
  let principal = 0;
  let bonus = 0;
  for (const e of entries) {
    principal += e.principal;
    bonus += e.bonus;
  }
  return { balance: principal + bonus, principal, bonus };
}

/**
 * Replays stored entries (in the order written) and checks that each one's balances after are the
 * running sums: a ledger edited by hand or cut short is caught, with the first bad entry's index.
 */
export function replayLedger(entries: readonly LedgerEntry[]): Result<LedgerState, LedgerError> {
  let state = emptyLedger();
  for (const [index, e] of entries.entries()) {
    state = foldEntry(state, e);
    const consistent = e.amount === e.principal + e.bonus && e.principalAfter === state.principal && e.bonusAfter === state.bonus && e.balance === state.principal + state.bonus;
    if (!consistent) return err({ code: 'ledger.brokenEntry', index });
  }
  return ok(state);
}
