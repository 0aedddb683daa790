import type { Customer } from '../lib/customers/customer';
import { mergeCustomers, type MergeResult } from '../lib/customers/merge';
import type { CustomerFields } from '../lib/customers/validate';
import type { KeqingDb } from './db';
import { markLinesChanged } from './purchases';

/** Adds a customer typed in by hand; returns the new id. */
export async function addCustomer(db: KeqingDb, fields: CustomerFields, now = new Date()): Promise<number> {
  const at = now.toISOString();
  return db.customers.add({ ...fields, createdAt: at, updatedAt: at } as Customer);
}

/** Replaces the hand-editable fields; the shop's own id and the creation time stay. */
export async function updateCustomer(db: KeqingDb, id: number, fields: CustomerFields, now = new Date()): Promise<void> {
  await db.transaction('rw', db.customers, async () => {
    const old = await db.customers.get(id);
    if (!old) throw new Error(`customer ${id} not found`);
    const next: Customer = { ...fields, id, createdAt: old.createdAt, updatedAt: now.toISOString() };
    if (old.externalId) next.externalId = old.externalId;
    // The owner (归属导购) is set on its own (data/owners), not by the form: keep it.
    if (old.ownerId !== undefined && next.ownerId === undefined) next.ownerId = old.ownerId;
    // Tags are given from lists and groups (data/tags), not by the form: keep them too.
    if (old.tags !== undefined && next.tags === undefined) next.tags = old.tags;
    await db.customers.put(next);
  });
}

/** Other customers with the same phone: shown as a warning when saving. */
export async function samePhone(db: KeqingDb, phone: string, exceptId: number | null): Promise<Customer[]> {
  return (await db.customers.where('phone').equals(phone).toArray()).filter((c) => c.id !== exceptId);
}

/**
 * Customers for a picker: the one numbered `#n` (or `n`), then those whose name, phone, card no. or
 * shop id starts with what was typed, each once, at most `limit`. Read through the indexes, so a
 * picker never loads the whole file (100,000 customers froze the page for 0.6 s).
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
    const c = await db.customers.get(Number(number[1]));
    if (c) add([c]);
  }
  const prefix = typed.replace(/^#/, '');
  for (const index of ['name', 'phone', 'cardNo', 'externalId'] as const) {
    if (found.size >= limit) break;
    add(await db.customers.where(index).startsWith(prefix).limit(limit).toArray());
  }
  return [...found.values()];
}

/**
 * Merges `otherId` into `keepId` (lib/customers/merge decides the fields): the other record's
 * purchases move to the kept one (their batches marked changed, so the analyses read them again), then
 * the other record goes. One transaction.
 */
export async function mergeCustomersInDb(db: KeqingDb, keepId: number, otherId: number, now = new Date()): Promise<MergeResult> {
  return db.transaction('rw', db.customers, db.purchaseChunks, db.purchaseBatches, async () => {
    const [keep, other] = await db.customers.bulkGet([keepId, otherId]);
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
    await db.customers.put(result.merged);
    await db.customers.delete(otherId);
    return result;
  });
}

/**
 * Every customer, read in pages by id so no single read freezes the page (100,000 records are
 * seconds of cloning). `onFirstPage` gets the first page at once, so a table can show without waiting.
 * An aborted `signal` stops after the page being read (a screen that was left keeps the next one
 * from a tail of reads); what was read so far is returned, for the caller to drop.
 */
export async function readCustomersPaged(db: KeqingDb, onFirstPage: (page: Customer[]) => void, pageSize = 5_000, signal?: AbortSignal): Promise<Customer[]> {
  let all: Customer[] = [];
  let last = 0;
  for (;;) {
    const page = await db.customers.where(':id').above(last).limit(pageSize).toArray();
    if (all.length === 0) onFirstPage(page);
    all = all.concat(page);
    if (page.length < pageSize || signal?.aborted) return all;
    last = page[page.length - 1]!.id;
  }
}
