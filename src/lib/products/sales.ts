/** Net sales per item no. over a period, from the packed purchase lines (runs in the analysis worker). */
import { LineFlag, type PurchaseColumns } from '../purchases/columns';

export interface ItemSales {
  code: string;
  /** Net units (returns subtract). */
  quantity: number;
  /** Net amount, fen. */
  amount: number;
}

export interface PeriodSales {
  items: ItemSales[];
  /** Lines in the period with no item no.: not in any product's figures. */
  linesWithoutItem: number;
  /** First and last day with a counted line in all the data (not just the period); null when none. */
  firstDay: number | null;
  lastDay: number | null;
}

/** Lines on days in [from, to]; excluded and non-product lines are left out, returns net off. */
export function salesByItem(chunks: readonly PurchaseColumns[], from: number, to: number): PeriodSales {
  const byCode = new Map<string, ItemSales>();
  let linesWithoutItem = 0;
  let firstDay: number | null = null;
  let lastDay: number | null = null;
  for (const c of chunks) {
    for (let i = 0; i < c.length; i++) {
      if (c.flags[i]! & (LineFlag.excluded | LineFlag.nonProduct)) continue;
      const day = c.day[i]!;
      if (firstDay === null || day < firstDay) firstDay = day;
      if (lastDay === null || day > lastDay) lastDay = day;
      if (day < from || day > to) continue;
      const item = c.itemNo[i]!;
      if (item < 0) {
        linesWithoutItem++;
        continue;
      }
      const code = c.itemDict[item]!;
      const s = byCode.get(code) ?? byCode.set(code, { code, quantity: 0, amount: 0 }).get(code)!;
      s.quantity += c.quantity[i]!;
      s.amount += c.amount[i]!;
    }
  }
  return { items: [...byCode.values()], linesWithoutItem, firstDay, lastDay };
}
