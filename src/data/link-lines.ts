/**
 * Stored purchase lines that carry a customer reference (the id, card no. or phone the file wrote)
 * but no customer: linked to the customer now holding that key (a customer file imported after the
 * purchases), and, when asked, to a customer filed for each reference nobody holds (issue 15: "create
 * the customers they name"). One transaction; the batches' summaries and marks follow, so the analyses reload.
 */
import type { Customer } from '../lib/customers/customer';
import { normalisePhone } from '../lib/import/values/phone';
import { combineSummaries, summariseColumns } from '../lib/purchases/columns';
import type { KeqingDb } from './db';
import { readStoredCustomerKeys } from './imports';
import { markLinesChanged } from './purchases';
import { addCustomers, lastCustomerId } from './customer-store';

export interface LinkOutcome {
  linked: number;
  customersAdded: number;
}

export async function linkStoredLines(db: KeqingDb, create: boolean, now = new Date()): Promise<LinkOutcome> {
  const at = now.toISOString();
  return db.transaction('rw', db.customerPacks, db.purchaseChunks, db.purchaseBatches, async () => {
    const keys = await readStoredCustomerKeys(db);
    // A reference is the key's text as stored; the phone wins over an id or card of the same text.
    const byRef = new Map<string, number>();
    for (const field of ['cardNo', 'customerId', 'phone'] as const) keys.customers[field].values.forEach((v, i) => byRef.set(v, keys.customers[field].ids[i]!));
    let nextId = (await lastCustomerId(db)) + 1;
    const added: Customer[] = [];
    const chunks = await db.purchaseChunks.toArray();
    const changedBatches = new Set<number>();
    let linked = 0;
    for (const chunk of chunks) {
      const c = chunk.columns;
      let changed = false;
      for (let i = 0; i < c.length; i++) {
        if (c.customerId[i] !== 0 || c.customerRef[i]! < 0) continue;
        const ref = c.customerRefDict[c.customerRef[i]!]!;
        let id = byRef.get(ref);
        if (id === undefined && create) {
          // Which key the line was matched on is not stored: a reference that reads as a phone is one.
          const phone = normalisePhone(ref);
          const customer: Customer = { ...(phone.ok && phone.value === ref ? { phone: ref } : { externalId: ref }), id: nextId++, name: '', createdAt: at, updatedAt: at };
          added.push(customer);
          byRef.set(ref, customer.id);
          id = customer.id;
        }
        if (id === undefined) continue;
        c.customerId[i] = id;
        linked++;
        changed = true;
      }
      if (!changed) continue;
      await db.purchaseChunks.put(chunk);
      changedBatches.add(chunk.batchId);
    }
    await addCustomers(db, added);
    for (const batchId of changedBatches) {
      const batch = await db.purchaseBatches.get(batchId);
      if (!batch) continue;
      const fresh = combineSummaries(chunks.filter((c) => c.batchId === batchId).map((c) => summariseColumns(c.columns)));
      await db.purchaseBatches.put({ ...batch, summary: { ...batch.summary, linesWithoutCustomer: fresh.linesWithoutCustomer } });
    }
    await markLinesChanged(db, changedBatches);
    return { linked, customersAdded: added.length };
  });
}
