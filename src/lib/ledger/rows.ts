/** Checks for stored ledger entries (backup restore): the first bad field, or the first entry whose balances do not add up. */
import { entryTypes, ledgerKinds, replayLedger, type LedgerEntry } from './entry';

const isCount = (v: unknown) => Number.isSafeInteger(v);
const isOptionalText = (v: unknown) => v === undefined || typeof v === 'string';

export function ledgerEntryProblem(row: Record<string, unknown>): string | null {
  if (!Number.isSafeInteger(row.customerId) || (row.customerId as number) <= 0) return 'customerId';
  if (!ledgerKinds.includes(row.ledger as never)) return 'ledger';
  if (!entryTypes.includes(row.type as never)) return 'type';
  for (const f of ['amount', 'principal', 'bonus', 'balance', 'principalAfter', 'bonusAfter', 'day'] as const) if (!isCount(row[f])) return f;
  if (row.amount !== (row.principal as number) + (row.bonus as number)) return 'amount';
  if (row.balance !== (row.principalAfter as number) + (row.bonusAfter as number)) return 'balance';
  if (row.ledger === 'points' && (row.bonus !== 0 || row.bonusAfter !== 0)) return 'bonus';
  if (row.reverses !== undefined && row.reverses !== 'earn' && row.reverses !== 'redeem') return 'reverses';
  if (row.allowNegative !== undefined && typeof row.allowNegative !== 'boolean') return 'allowNegative';
  for (const f of ['orderRef', 'note'] as const) if (!isOptionalText(row[f])) return f;
  if (typeof row.by !== 'string') return 'by';
  if (typeof row.at !== 'string') return 'at';
  return null;
}

/**
 * Entries (in id order) grouped per customer and ledger, each group replayed: the index in `rows`
 * of the first entry whose balances after are not the running sum, or null.
 */
export function firstBrokenEntry(rows: readonly (LedgerEntry & { id: number })[]): number | null {
  const groups = new Map<string, number[]>();
  const order = rows.map((r, i) => i).sort((a, b) => rows[a]!.id - rows[b]!.id);
  for (const i of order) {
    const key = `${rows[i]!.customerId}|${rows[i]!.ledger}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
  }
  let first: number | null = null;
  for (const indexes of groups.values()) {
    const replay = replayLedger(indexes.map((i) => rows[i]!));
    if (!replay.ok && replay.error.code === 'ledger.brokenEntry') {
      const at = indexes[replay.error.index]!;
      if (first === null || at < first) first = at;
    }
  }
  return first;
}
