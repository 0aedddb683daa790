/**
 * The helpers that other transactions await part-way (an import, a merge, a handover, a review, the
 * demo store, a restore) hand back Dexie promises, never an async function's native one.
 *
 * Why: inside a Dexie transaction a native await is carried over by Dexie's zone echoes, which other
 * transactions and live queries running at the same time can use up; the body then goes on outside
 * its transaction, the transaction commits under it and the caller fails with PrematureCommitError
 * (seen in Chromium under load: the customer store's scans, the scorecard import). Awaiting a Dexie
 * promise re-enters the transaction every time, however many run at once.
 *
 * The failure itself could not be brought about here for these helpers: with fake-indexeddb, Node
 * lost the transaction only after six or more native ticks in a row beside seven other transactions,
 * and no real helper chain was that long. So this checks the rule the fix rests on; a helper turned
 * back into an `async` function (an early `return`, a wrapper) fails it.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { clearAllData } from '../../src/data/clear';
import {
  addCustomer,
  addCustomers,
  countCustomers,
  countCustomersWhere,
  customerCounts,
  customerIds,
  customersWhere,
  deleteCustomers,
  eachCustomerPack,
  getCustomer,
  getCustomers,
  idsByField,
  lastCustomerId,
  putCustomers,
  replaceAllCustomers,
  scanCustomers,
  updateCustomers,
} from '../../src/data/customer-store';
import type { KeqingDb } from '../../src/data/db';
import { readStoredCustomerKeys } from '../../src/data/imports';
import { saveKpiSetting, updateKpiSetting } from '../../src/data/kpi';
import { addPurchaseBatch, markLinesChanged } from '../../src/data/purchases';
import { getSet, putSet } from '../../src/data/scorecard';
import { getRuleSets, getSegmentActions } from '../../src/data/settings';
import { getSavedGroups } from '../../src/data/tags';
import { getTimeSetup, putTimeEntries } from '../../src/data/timeuse';
import type { Customer } from '../../src/lib/customers/customer';
import { packBatch } from '../../src/lib/purchases/line-key';
import { courseSet } from '../../src/lib/scorecard/dimensions';
import { freshDb, smallDemo } from './helpers';

const at = '2026-11-01T08:00:00.000Z';
const person = (id: number, name: string, phone?: string): Customer => ({ id, name, ...(phone ? { phone } : {}), createdAt: at, updatedAt: at });

/** Runs `call` inside a transaction over every table, as the callers do, and hands back what it returned. */
async function insideTransaction<T>(db: KeqingDb, call: () => Promise<T>): Promise<{ isDexie: boolean; value: T }> {
  return db.transaction('rw', db.allTables(), () => {
    const p = call();
    const isDexie = p instanceof Dexie.Promise;
    return p.then((value) => ({ isDexie, value }));
  });
}

async function expectDexie<T>(db: KeqingDb, call: () => Promise<T>): Promise<T> {
  const { isDexie, value } = await insideTransaction(db, call);
  expect(isDexie).toBe(true);
  return value;
}

describe('helpers awaited inside other transactions return Dexie promises', () => {
  it('the customer store: reads and writes, the quick returns with nothing to do included', async () => {
    const db = freshDb();
    expect(await expectDexie(db, () => addCustomers(db, []))).toEqual([]);
    expect(await expectDexie(db, () => addCustomers(db, [person(1, '甲', '13800000001'), person(2, '乙')]))).toEqual([1, 2]);
    expect(await expectDexie(db, () => addCustomer(db, { name: '丙', phone: '13800000003', createdAt: at, updatedAt: at }))).toBe(3);
    expect(await expectDexie(db, () => putCustomers(db, []))).toBeUndefined();
    await expectDexie(db, () => putCustomers(db, [person(2, '乙', '13800000002')]));
    expect((await expectDexie(db, () => getCustomer(db, 2)))?.phone).toBe('13800000002');
    // Not an id at all: answered without a read, still a Dexie promise.
    expect(await expectDexie(db, () => getCustomer(db, 1.5))).toBeUndefined();
    expect((await expectDexie(db, () => getCustomers(db, [3, 9]))).map((c) => c?.name)).toEqual(['丙', undefined]);
    expect(await expectDexie(db, () => customerIds(db))).toEqual([1, 2, 3]);
    expect(await expectDexie(db, () => countCustomers(db))).toBe(3);
    expect(await expectDexie(db, () => customerCounts(db))).toEqual({ count: 3, withPhone: 3 });
    expect(await expectDexie(db, () => countCustomersWhere(db, 'name', '乙'))).toBe(1);
    expect((await expectDexie(db, () => customersWhere(db, 'phone', '13800000003'))).map((c) => c.id)).toEqual([3]);
    expect((await expectDexie(db, () => scanCustomers(db, (c) => c.id > 1))).map((c) => c.id)).toEqual([2, 3]);
    expect((await expectDexie(db, () => idsByField(db, 'phone'))).get('13800000001')).toEqual([1]);
    expect(await expectDexie(db, () => lastCustomerId(db))).toBe(3);
    let packs = 0;
    await expectDexie(db, () => eachCustomerPack(db, () => void packs++));
    expect(packs).toBe(1);
    expect((await expectDexie(db, () => updateCustomers(db, [1, 7], (c) => ({ ...c, name: '甲甲' })))).map((c) => c.id)).toEqual([1]);
    expect(await expectDexie(db, () => deleteCustomers(db, []))).toBeUndefined();
    await expectDexie(db, () => deleteCustomers(db, [3]));
    expect(await customerIds(db)).toEqual([1, 2]);
    await expectDexie(db, () => replaceAllCustomers(db, [person(5, '戊')]));
    expect(await customerIds(db)).toEqual([5]);
  });

  it('the settings read before a change: segment actions, rule sets, saved groups, the time setup', async () => {
    const db = freshDb();
    expect(await expectDexie(db, () => getSegmentActions(db))).toEqual({});
    expect(await expectDexie(db, () => getRuleSets(db))).toEqual([]);
    expect(await expectDexie(db, () => getSavedGroups(db))).toEqual([]);
    await db.settings.put({ key: 'rfmRuleSets', value: 'not a list' });
    expect(await expectDexie(db, () => getRuleSets(db))).toEqual([]);
    expect((await expectDexie(db, () => getTimeSetup(db))).reps).toEqual((await getTimeSetup(db)).reps);
  });

  it('what an import, a merge, linking and the demo store write or read on after', async () => {
    const db = freshDb();
    await addCustomers(db, [person(1, '甲', '13800000001')]);
    const keys = await expectDexie(db, () => readStoredCustomerKeys(db));
    expect(keys.customers.phone.values).toEqual(['13800000001']);
    const batchId = await expectDexie(db, () => addPurchaseBatch(db, 'import', 'lines.csv', packBatch(smallDemo().purchases)));
    expect(batchId).toBe(1);
    expect(await expectDexie(db, () => markLinesChanged(db, []))).toBeUndefined();
    await expectDexie(db, () => markLinesChanged(db, [batchId, batchId]));
    expect((await db.purchaseBatches.get(batchId))?.linesChanged).toMatch(/^[0-9a-f-]{36}$/);
    await expectDexie(db, () => putTimeEntries(db, [{ rep: 'r1', day: 20_000, category: 'sell', minutes: 30 }]));
    expect(await db.timeChunks.count()).toBe(1);
    await expectDexie(db, () => clearAllData(db));
    expect(await db.purchaseBatches.count()).toBe(0);
  });

  it('the KPI settings that a board edit saves one after another, refusals included', async () => {
    const db = freshDb();
    const saved = await expectDexie(db, () => updateKpiSetting(db, 'registrationRate', { target: 0.5 }));
    expect(saved.ok && saved.value.target).toBe(0.5);
    const refused = await expectDexie(db, () => saveKpiSetting(db, { id: 'registrationRate', target: null, alert: null, front: 'yes' as never }));
    expect(refused).toEqual({ ok: false, error: { code: 'kpi.badField', field: 'front' } });
  });

  it('the scorecard set an assessment import reads and stores (the built-in course set needs no read)', async () => {
    const db = freshDb();
    expect(await expectDexie(db, () => getSet(db, courseSet.id, courseSet.version))).toBe(courseSet);
    expect(await expectDexie(db, () => putSet(db, courseSet))).toBeUndefined();
    expect(await expectDexie(db, () => getSet(db, 'other', 1))).toBeUndefined();
  });
});
