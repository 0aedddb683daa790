import type { Customer } from '../lib/customers/customer';
import type { CustomerFields } from '../lib/customers/validate';
import type { KeqingDb } from './db';

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
    await db.customers.put(next);
  });
}

/** Other customers with the same phone: shown as a warning when saving. */
export async function samePhone(db: KeqingDb, phone: string, exceptId: number | null): Promise<Customer[]> {
  return (await db.customers.where('phone').equals(phone).toArray()).filter((c) => c.id !== exceptId);
}
