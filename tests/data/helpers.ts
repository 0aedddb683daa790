import { addCustomers, countCustomers, customersWhere, deleteCustomers, getCustomer, scanCustomers, updateCustomers } from '../../src/data/customer-store';
import { KeqingDb } from '../../src/data/db';
import { readBackupTable } from '../../src/data/backup';
import { carePerson, readCareSettings, type CareBase } from '../../src/data/care';
import type { Customer } from '../../src/lib/customers/customer';
import { storeTables } from '../../src/lib/store-rows';
import { dayFromYmd } from '../../src/lib/dates';
import { generateDemoStore } from '../../src/lib/demo/generate';

let n = 0;
/** A fresh database per test: fake-indexeddb keeps them in memory. */
export const freshDb = () => new KeqingDb(`test-${process.pid}-${n++}-${Date.now()}`);

/** A small demo store (fast), deterministic like the real one. */
export const smallDemo = (seed = 5) => generateDemoStore({ seed, customers: 150, endDay: dayFromYmd(2026, 11, 23) });

/**
 * The few table calls the tests make on the customer file, answered by data/customer-store (customers
 * are stored packed since schema v12): the tests' meaning is unchanged, only where they read.
 */
export function customers(db: KeqingDb) {
  const where = (field: 'phone' | 'cardNo' | 'externalId' | 'ownerId' | 'name') => ({
    equals: (value: string) => ({
      toArray: () => customersWhere(db, field, value),
      first: async () => (await customersWhere(db, field, value))[0],
      count: async () => (await customersWhere(db, field, value)).length,
    }),
  });
  return {
    add: (row: Omit<Customer, 'id'> & { id?: number }) => addCustomers(db, [row]).then((ids) => ids[0]!),
    bulkAdd: (rows: readonly (Omit<Customer, 'id'> & { id?: number })[]) => addCustomers(db, rows),
    get: (id: number) => getCustomer(db, id),
    count: () => countCustomers(db),
    toArray: () => scanCustomers(db, () => true),
    delete: (id: number) => deleteCustomers(db, [id]),
    update: (id: number, changes: Partial<Customer>) => updateCustomers(db, [id], (c) => ({ ...c, ...changes })).then((list) => list.length),
    where,
  };
}

/** Each table of a backup with its rows, as the file holds them (customers, tier states and log unpacked). */
export async function backupTables(db: KeqingDb): Promise<Record<string, unknown[]>> {
  return Object.fromEntries(await Promise.all(storeTables.map(async (name) => [name, await readBackupTable(db, name)] as const)));
}

/** Everything a week's care tasks are computed from, as the page read it before the engine did (the tests' reference). */
export async function readCareBase(db: KeqingDb): Promise<CareBase> {
  return db.transaction('r', [db.customerPacks, db.tierStatePacks, db.careRules, db.careOccasions], async () => {
    const [customers, settings] = await Promise.all([scanCustomers(db, () => true), readCareSettings(db)]);
    return { people: customers.map(carePerson), ...settings };
  });
}
