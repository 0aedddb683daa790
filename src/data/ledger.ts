/**
 * 积分 / 储值 ledgers in the database (lib/ledger). Each operation is one transaction that reads the
 * customer's ledger, checks the new entry against it and adds it: two tabs adding at once cannot
 * both spend the same balance. The balance is never stored apart from the entries.
 */
import { applyOp, replayLedger, sumLedger, type LedgerError, type LedgerKind, type LedgerOp, type OpeningRow } from '../lib/ledger';
import { err, ok, type Result } from '../lib/result';
import type { LedgerRow } from '../lib/store-rows';
import type { KeqingDb } from './db';
import { getCustomer, idsByField } from './customer-store';

export type LedgerWriteError = LedgerError | { code: 'ledger.unknownCustomer'; id: number };

/** The customer's entries of one ledger, in the order written. */
export const readLedger = (db: KeqingDb, customerId: number, ledger: LedgerKind): Promise<LedgerRow[]> =>
  db.ledgerEntries.where('[customerId+ledger]').equals([customerId, ledger]).sortBy('id');

/** Both ledgers of a customer, with their balances as the sums of their entries. */
export async function customerLedgers(db: KeqingDb, customerId: number) {
  const [points, stored] = await Promise.all([readLedger(db, customerId, 'points'), readLedger(db, customerId, 'stored')]);
  return { points, stored, pointsSum: sumLedger(points), storedSum: sumLedger(stored) };
}

export async function addLedgerEntry(db: KeqingDb, customerId: number, ledger: LedgerKind, op: LedgerOp): Promise<Result<LedgerRow, LedgerWriteError>> {
  return db.transaction('rw', db.customerPacks, db.ledgerEntries, async () => {
    if (!(await getCustomer(db, customerId))) return err({ code: 'ledger.unknownCustomer' as const, id: customerId });
    const state = replayLedger(await readLedger(db, customerId, ledger));
    if (!state.ok) return state;
    const entry = applyOp(state.value, customerId, ledger, op);
    if (!entry.ok) return entry;
    const id = await db.ledgerEntries.add(entry.value as LedgerRow);
    return ok({ ...entry.value, id });
  });
}

export interface OpeningReport {
  rows: number;
  customers: number;
  entriesAdded: number;
  /** Phones with no customer on file, or more than one. */
  notFound: OpeningRow[];
  ambiguous: OpeningRow[];
  /** Ledgers that already had entries: an opening balance is only for an empty ledger (so a second import adds nothing). */
  skipped: { row: OpeningRow; ledger: LedgerKind }[];
}

/**
 * Opening balances (期初余额), all or nothing in one transaction: each row's customer is found by
 * phone; each non-zero amount becomes an adjust entry on a ledger that has none yet.
 */
export async function importOpeningBalances(db: KeqingDb, rows: readonly OpeningRow[], who: { by: string; day: number; at: string; note: string }): Promise<Result<OpeningReport, LedgerWriteError>> {
  return db.transaction('rw', db.customerPacks, db.ledgerEntries, async () => {
    // One scan of the customer file for every row's phone.
    const byPhone = await idsByField(db, 'phone');
    const report: OpeningReport = { rows: rows.length, customers: 0, entriesAdded: 0, notFound: [], ambiguous: [], skipped: [] };
    const toAdd: LedgerRow[] = [];
    for (const row of rows) {
      const ids = byPhone.get(row.phone) ?? [];
      if (ids.length === 0) {
        report.notFound.push(row);
        continue;
      }
      if (ids.length > 1) {
        report.ambiguous.push(row);
        continue;
      }
      const id = ids[0]!;
      report.customers++;
      const wanted: [LedgerKind, number, number][] = [
        ['points', row.points, 0],
        ['stored', row.principal, row.bonus],
      ];
      for (const [ledger, amount, bonus] of wanted) {
        if (amount === 0 && bonus === 0) continue;
        if ((await db.ledgerEntries.where('[customerId+ledger]').equals([id, ledger]).count()) > 0) {
          report.skipped.push({ row, ledger });
          continue;
        }
        const op: LedgerOp = { type: 'adjust', amount, ...(ledger === 'stored' ? { bonus } : {}), note: who.note, by: who.by, day: who.day, at: who.at };
        const entry = applyOp({ principal: 0, bonus: 0, orders: new Map() }, id, ledger, op);
        if (!entry.ok) return entry; // cannot happen for non-negative amounts; kept as a value, not a throw
        toAdd.push(entry.value as LedgerRow);
      }
    }
    await db.ledgerEntries.bulkAdd(toAdd);
    report.entriesAdded = toAdd.length;
    return ok(report);
  });
}
