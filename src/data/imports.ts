/**
 * Writing an import: all of it in one transaction (a closed tab, a full disk or a bug part-way
 * leaves the store as it was), with what is needed to undo it later.
 */
import type { Customer } from '../lib/customers/customer';
import type { ImportPlan, StoredCustomerKeys, StoredKeys } from '../lib/import/plan';
import { matchKeys } from '../lib/import/mapping';
import { keqingIdKey } from '../lib/customers/export-keys';
import type { ImportReport } from '../lib/store-rows';
import type { PromiseExtended } from 'dexie';
import type { KeqingDb, PurchaseBatch } from './db';
import { addPurchaseBatch, type BatchExtras } from './purchases';
import { addCustomers, deleteCustomers, eachCustomerPack, getCustomers, lastCustomerId, putCustomers } from './customer-store';

const fieldFor = { customerId: 'externalId', cardNo: 'cardNo', phone: 'phone', keqingId: 'name' } as const;

/**
 * The stored customers' match keys, and the customers with none of the shop's keys (by name), in
 * one scan of the packs. Values come in id order: where two customers share a value the later id
 * is the one a lookup map keeps, as with the index order (value, then id) read before.
 */
export function readStoredCustomerKeys(db: KeqingDb): PromiseExtended<StoredCustomerKeys> {
  const customers = Object.fromEntries(matchKeys.map((k) => [k, { values: [], ids: [] }])) as unknown as StoredCustomerKeys['customers'];
  const keyless: StoredCustomerKeys['keyless'] = { names: [], ids: [] };
  // A Dexie promise: readStoredKeys and linkStoredLines read on in their transactions after it.
  return eachCustomerPack(db, (pack) => {
    for (const c of pack) {
      let keyed = false;
      for (const key of matchKeys) {
        const v = c[fieldFor[key]];
        // Only text was ever matched (an index also held numbers, which no file key equals).
        if (typeof v !== 'string') continue;
        const list = customers[key];
        // Keqing's number is matched together with the name (lib/customers/export-keys).
        list.values.push(key === 'keqingId' ? keqingIdKey(c.id, v) : v);
        list.ids.push(c.id);
        // Keqing's number comes from the name: a customer known by it alone has no key of the shop's.
        if (key !== 'keqingId') keyed = true;
      }
      if (!keyed && c.name) {
        keyless.names.push(c.name);
        keyless.ids.push(c.id);
      }
    }
  }).then(() => ({ customers, keyless }));
}

/** Everything the planner needs to know about what is stored, read from indexes (no line decoded). */
export async function readStoredKeys(db: KeqingDb): Promise<StoredKeys> {
  return db.transaction('r', db.customerPacks, db.purchaseKeys, async () => {
    const keys = await readStoredCustomerKeys(db);
    const maxCustomerId = await lastCustomerId(db);
    const lineKeys = (await db.purchaseKeys.toArray()).map((k) => k.keys);
    return { ...keys, maxCustomerId, lineKeys };
  });
}

export interface ImportOutcome {
  batchId: number;
  report: ImportReport;
}

type ReportBase = Omit<ImportReport, 'customersAdded' | 'customersUpdated' | 'customersUnchanged' | 'linesAdded' | 'linesAlreadyStored' | 'linesExcluded'>;

/** What to do with a row whose customer is already filed: 覆盖 (update from the file) or 跳过 (leave them). */
export type DuplicateMode = 'overwrite' | 'skip';

export async function commitImport(
  db: KeqingDb,
  fileName: string,
  plan: ImportPlan,
  base: ReportBase,
  now = new Date(),
  duplicates: DuplicateMode = 'overwrite',
  written?: BatchExtras['written'],
): Promise<ImportOutcome> {
  const at = now.toISOString();
  const updates = duplicates === 'skip' ? [] : plan.updates;
  return db.transaction('rw', db.customerPacks, db.purchaseBatches, db.purchaseChunks, db.purchaseKeys, db.importUndo, async () => {
    const previous = await getCustomers(db, updates.map((u) => u.id));
    const changed: Customer[] = [];
    const before: Customer[] = [];
    updates.forEach((update, i) => {
      const old = previous[i];
      if (!old) return;
      const next: Customer = { ...old, ...update.values };
      // A birthday from the file comes with its own calendar: a solar one clears an old 农历 mark.
      if (update.values.birthday !== undefined) {
        if (!update.values.birthdayLunar) delete next.birthdayLunar;
        if (!update.values.birthdayLeap) delete next.birthdayLeap;
      }
      if (sameCustomer(old, next)) return;
      changed.push({ ...next, updatedAt: at });
      before.push(old);
    });
    // Whole packs, a few per request (data/customer-store): 100,000 new customers are about 50 records.
    await putCustomers(db, changed);
    await addCustomers(db, plan.newCustomers);
    const report: ImportReport = {
      ...base,
      customersAdded: plan.newCustomers.length,
      customersUpdated: changed.length,
      customersUnchanged: updates.length - changed.length,
      customersSkipped: plan.updates.length - updates.length,
      linesAdded: plan.counts.linesNew,
      linesAlreadyStored: plan.counts.linesAlreadyStored,
      linesExcluded: plan.counts.linesExcluded,
      ...(plan.counts.customersKeyless ? { customersKeyless: plan.counts.customersKeyless } : {}),
      ...(plan.counts.linesUnknownRef
        ? { unknownRefs: { lines: plan.counts.linesUnknownRef, refs: plan.counts.refsUnknown, choice: plan.options.unknownRefs, customersAdded: plan.counts.customersFromRefs } }
        : {}),
    };
    const batchId = await addPurchaseBatch(db, 'import', fileName, plan.batch, { at: now, report, ...(written ? { written } : {}) });
    await db.importUndo.put({ batchId, addedCustomerIds: plan.newCustomers.map((c) => c.id), previousCustomers: before });
    return { batchId, report };
  });
}

function sameCustomer(a: Customer, b: Customer): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a as unknown as Record<string, unknown>)[k] !== (b as unknown as Record<string, unknown>)[k]) return false;
  return true;
}

/** Imports, newest first, for the history list. */
export async function importHistory(db: KeqingDb): Promise<(PurchaseBatch & { undoable: boolean })[]> {
  return db.transaction('r', db.purchaseBatches, db.importUndo, async () => {
    const batches = await db.purchaseBatches.orderBy('id').reverse().toArray();
    const newest = batches[0];
    const undoable = newest?.kind === 'import' && (await db.importUndo.get(newest.id)) !== undefined;
    return batches.filter((b) => b.kind === 'import').map((b) => ({ ...b, undoable: undoable && b.id === newest?.id }));
  });
}

export type UndoError = { code: 'undo.notLatest' } | { code: 'undo.nothing' };

/** Takes back the most recent import: its lines, the customers it added, and its changes to others. */
export async function undoLastImport(db: KeqingDb): Promise<UndoError | null> {
  return db.transaction('rw', db.customerPacks, db.purchaseBatches, db.purchaseChunks, db.purchaseKeys, db.importUndo, async () => {
    const newest = await db.purchaseBatches.orderBy('id').last();
    if (!newest || newest.kind !== 'import') return { code: 'undo.nothing' } as const;
    const undo = await db.importUndo.get(newest.id);
    if (!undo) return { code: 'undo.notLatest' } as const;
    await db.purchaseChunks.where('batchId').equals(newest.id).delete();
    await db.purchaseKeys.where('batchId').equals(newest.id).delete();
    await deleteCustomers(db, undo.addedCustomerIds);
    await putCustomers(db, undo.previousCustomers);
    await db.importUndo.delete(newest.id);
    await db.purchaseBatches.delete(newest.id);
    return null;
  });
}
