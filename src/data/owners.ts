/**
 * 归属导购 in the database: a customer's `ownerId` names a rep of the time-use rep list
 * (lib/timeuse/setup, kept by src/data/timeuse.ts); a handover moves every customer of one rep to
 * another and logs it, in one transaction.
 */
import { dayFromLocalDate } from '../lib/dates';
import { planHandover, type HandoverError } from '../lib/owners/handover';
import { ok, type Result } from '../lib/result';
import type { HandoverRow } from '../lib/store-rows';
import type { KeqingDb } from './db';
import { getTimeSetup } from './timeuse';
import { customersWhere, getCustomer, idsByField, putCustomer, updateCustomers } from './customer-store';

export const readReps = async (db: KeqingDb) => (await getTimeSetup(db)).reps;

/** Sets (or clears, with null) one customer's owner. */
export async function setOwner(db: KeqingDb, customerId: number, repId: string | null, now = new Date()): Promise<void> {
  await db.transaction('rw', db.customerPacks, async () => {
    const c = await getCustomer(db, customerId);
    if (!c) throw new Error(`customer ${customerId} not found`);
    const { ownerId: _old, ...rest } = c;
    await putCustomer(db, { ...rest, ...(repId ? { ownerId: repId } : {}), updatedAt: now.toISOString() });
  });
}

/** Customers per owner id, for the reps the store has. */
export async function ownerCounts(db: KeqingDb, repIds: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const byOwner = await idsByField(db, 'ownerId');
  for (const id of repIds) counts[id] = byOwner.get(id)?.length ?? 0;
  return counts;
}

export const readHandovers = (db: KeqingDb): Promise<HandoverRow[]> => db.handovers.orderBy('id').reverse().toArray();

/** Every customer of `fromRepId` goes to `toRepId`, and the handover is logged: all or nothing. */
export async function handOver(db: KeqingDb, fromRepId: string, toRepId: string, who: { by: string; note?: string; now?: Date }): Promise<Result<HandoverRow, HandoverError>> {
  const reps = await readReps(db);
  const now = who.now ?? new Date();
  const day = dayFromLocalDate(now);
  return db.transaction('rw', db.customerPacks, db.handovers, async () => {
    const ids = (await customersWhere(db, 'ownerId', fromRepId)).map((c) => c.id);
    const plan = planHandover(reps, fromRepId, toRepId, ids, who.by, day, now.toISOString(), who.note ?? '');
    if (!plan.ok) return plan;
    const at = now.toISOString();
    await updateCustomers(db, ids, (c) => ({ ...c, ownerId: toRepId, updatedAt: at }));
    const id = await db.handovers.add(plan.value as HandoverRow);
    return ok({ ...plan.value, id });
  });
}
