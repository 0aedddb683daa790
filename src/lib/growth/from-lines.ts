/** Each filed customer's dated net amounts from the packed purchase lines (runs in the analysis worker). */
import { LineFlag, type PurchaseColumns } from '../purchases/columns';
import type { Spend } from './levels';

/** Lines excluded at import and lines without a filed customer are left out; returns (negative) stay and deduct. */
export function growthSpends(chunks: readonly PurchaseColumns[]): Map<number, Spend[]> {
  const out = new Map<number, Spend[]>();
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      const id = c.customerId[i]!;
      if (id === 0 || c.flags[i]! & LineFlag.excluded) continue;
      const list = out.get(id) ?? out.set(id, []).get(id)!;
      list.push({ day: c.day[i]!, fen: c.amount[i]! });
    }
  }
  return out;
}
