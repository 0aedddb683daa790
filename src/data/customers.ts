import type { Customer } from '../lib/customers/customer';
import { mergeCustomers, type MergeResult } from '../lib/customers/merge';
import type { CustomerFields } from '../lib/customers/validate';
import { customersByPrefix, customersWhere, deleteCustomer, eachCustomerPack, getCustomer, getCustomers, putCustomer, addCustomer as addStoredCustomer } from './customer-store';
import type { KeqingDb } from './db';
import { markLinesChanged } from './purchases';

/** Adds a customer typed in by hand; returns the new id. */
export async function addCustomer(db: KeqingDb, fields: CustomerFields, now = new Date()): Promise<number> {
  const at = now.toISOString();
  return addStoredCustomer(db, { ...fields, createdAt: at, updatedAt: at } as Omit<Customer, 'id'>);
}

/** Replaces the hand-editable fields; the shop's own id and the creation time stay. */
export async function updateCustomer(db: KeqingDb, id: number, fields: CustomerFields, now = new Date()): Promise<void> {
  await db.transaction('rw', db.customerPacks, async () => {
    const old = await getCustomer(db, id);
    if (!old) throw new Error(`customer ${id} not found`);
    const next: Customer = { ...fields, id, createdAt: old.createdAt, updatedAt: now.toISOString() };
    if (old.externalId) next.externalId = old.externalId;
    // The owner (归属导购) is set on its own (data/owners), not by the form: keep it.
    if (old.ownerId !== undefined && next.ownerId === undefined) next.ownerId = old.ownerId;
    // Tags are given from lists and groups (data/tags), not by the form: keep them too.
    if (old.tags !== undefined && next.tags === undefined) next.tags = old.tags;
    await putCustomer(db, next);
  });
}

/** Other customers with the same phone: shown as a warning when saving. */
export async function samePhone(db: KeqingDb, phone: string, exceptId: number | null): Promise<Customer[]> {
  return (await customersWhere(db, 'phone', phone)).filter((c) => c.id !== exceptId);
}

/**
 * Customers for a picker: the one numbered `#n` (or `n`), then those whose name, phone, card no. or
 * shop id starts with what was typed, each once, at most `limit`. A scan of the packs, a pack per
 * task, from the decoded packs kept between keystrokes (data/customer-store).
 */
export async function findCustomers(db: KeqingDb, text: string, limit = 20): Promise<Customer[]> {
  const typed = text.trim();
  if (typed === '') return [];
  const found = new Map<number, Customer>();
  const add = (list: Customer[]) => {
    for (const c of list) if (found.size < limit && !found.has(c.id)) found.set(c.id, c);
  };
  const number = /^#?(\d{1,9})$/.exec(typed);
  if (number) {
    const c = await getCustomer(db, Number(number[1]));
    if (c) add([c]);
  }
  const prefix = typed.replace(/^#/, '');
  if (found.size < limit) for (const list of await customersByPrefix(db, ['name', 'phone', 'cardNo', 'externalId'], prefix, limit)) add(list);
  return [...found.values()];
}

/**
 * Merges `otherId` into `keepId` (lib/customers/merge decides the fields): the other record's
 * purchases move to the kept one (their batches marked changed, so the analyses read them again), then
 * the other record goes. One transaction.
 */
export async function mergeCustomersInDb(db: KeqingDb, keepId: number, otherId: number, now = new Date()): Promise<MergeResult> {
  return db.transaction('rw', db.customerPacks, db.purchaseChunks, db.purchaseBatches, async () => {
    const [keep, other] = await getCustomers(db, [keepId, otherId]);
    if (!keep || !other) throw new Error(`cannot merge ${keepId} and ${otherId}: one of them is gone`);
    const result = mergeCustomers(keep, other, now.toISOString());
    const moved = [];
    for (const chunk of await db.purchaseChunks.toArray()) {
      const ids = chunk.columns.customerId;
      if (!ids.includes(otherId)) continue;
      for (let i = 0; i < ids.length; i++) if (ids[i] === otherId) ids[i] = keepId;
      moved.push(chunk);
    }
    await db.purchaseChunks.bulkPut(moved);
    await markLinesChanged(db, moved.map((c) => c.batchId));
    await putCustomer(db, result.merged);
    await deleteCustomer(db, otherId);
    return result;
  });
}

/**
 * Every customer, read a pack at a time (data/customer-store), so no single read freezes the page.
 * `onFirstPage` gets the first `pageSize` customers at once (within the first pack), so a table can
 * show without waiting for the rest.
 * An aborted `signal` stops after the page being read (a screen that was left keeps the next one
 * from a tail of reads); what was read so far is returned, for the caller to drop. `onRead` hears
 * how many were read after each pack (a "reading…" line that counts up).
 */
export async function readCustomersPaged(
  db: KeqingDb,
  onFirstPage: (page: Customer[]) => void,
  pageSize = 1_000,
  signal?: AbortSignal,
  onRead?: (count: number) => void,
): Promise<Customer[]> {
  const all: Customer[] = [];
  let shown = false;
  // Pages are cut from the packs as read, so the signal is still heeded page by page.
  await eachCustomerPack(db, (pack) => {
    for (const c of pack) {
      all.push(c);
      if (all.length % pageSize !== 0) continue;
      if (!shown) {
        shown = true;
        onFirstPage(all.slice());
      }
      if (signal?.aborted) return false;
    }
    onRead?.(all.length);
  });
  if (!shown) onFirstPage(all.slice());
  return all;
}
