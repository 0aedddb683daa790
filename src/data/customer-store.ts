/**
 * The customer file, stored packed (issue 17): one IndexedDB record per PACK_SIZE ids, not one per
 * customer. Chromium writes about 4–5 k records/s whatever the indexes, so 100,000 customers cost
 * 20 s as records; as 49 packs they cost about 1.5 s. Measured in Chromium with 100 k customer-like
 * records: packs holding arrays of objects wrote in 1.2–1.8 s and read in 1.0–1.3 s; packs holding
 * one JSON string each 4.2–7.4 s / 1.7–3.3 s (the stringify alone is 20 ms a pack, and the
 * Chinese text makes a two-byte string twice the size), so a pack holds objects.
 *
 * This module is the only code that touches `customerPacks`. Every function takes the db and runs
 * inside the caller's transaction when there is one (the caller lists `db.customerPacks` in its
 * scope), so an import or a merge stays all-or-nothing. Questions an index used to answer (phone
 * equals, name prefix…) scan the packs one request at a time, so no task decodes more than a pack;
 * reads share a per-context cache of decoded packs, valid while the table's stamp is unchanged.
 *
 * The reads are chains of Dexie promises, not native awaits: inside a Dexie transaction every
 * native await leans on Dexie's zone echoes, which two reads running at once (two live queries)
 * can use up; the rest of the scan then runs outside its transaction, the transaction commits
 * under it and the read fails with PrematureCommitError (seen in Chromium under load: a live
 * query that failed so never re-ran, and a screen kept a stale count). For the same reason every
 * exported function returns a Dexie promise, not an async function's native one: callers await
 * them inside their own transactions (an import, a merge), where each native tick after the last
 * Dexie answer (an early return, a wrapper) is another chance to fall out of the transaction.
 */
import Dexie, { type PromiseExtended } from 'dexie';
import type { Customer } from '../lib/customers/customer';
import { checkIds, groupByPack, mergePack, newPackStamp as newStamp, packOfId } from '../lib/id-packs';
import type { KeqingDb } from './db';
import { tableVersion } from './versions';

/** The one name of the customers' table (data versions, live queries, clearing). */
export const CUSTOMERS_TABLE = 'customerPacks';
/** How many writes this context has seen to the customer file (the key a worker's answer about customers is asked with). */
export const customersVersion = () => tableVersion(CUSTOMERS_TABLE);
/** Ids per pack: imports number customers in sequence, so packs fill. */
export const PACK_SIZE = 2_048;
/** Packs read or written per request: each put clones its pack in the calling task (about 25 ms for 2,048 customers on a quiet machine), so one pack per request keeps tasks short. */
const PACKS_PER_REQUEST = 1;
/**
 * Packs read per request by a scan in a worker, where no screen waits on the task: a request's
 * round trip, not the decoding, was most of a whole-file read (49 packs, 5–8 ms each, at 100,000
 * customers), so a few at a time, the tasks staying short enough for the engine's other questions.
 */
const SCAN_PACKS = typeof document === 'undefined' ? 8 : 1;
/** The row holding the next id to give: ids are never reused, even after the last customer is deleted. */
const META = -1;

/** A pack: the customers whose ids fall in [id·PACK_SIZE, (id+1)·PACK_SIZE), in id order. */
export interface CustomerPack {
  id: number;
  customers: Customer[];
  /** Only on the META row: the next id to give, and a stamp changed by every write. */
  next?: number;
  stamp?: string;
  /** Only on the META row: how many customers are stored, and how many of them have a phone (kept by every write, so the Overview counts without reading the file). */
  count?: number;
  withPhone?: number;
}

/** What the META row says of the file as a whole. */
interface FileCounts {
  count: number;
  withPhone: number;
}
const hasPhone = (c: Customer) => typeof c.phone === 'string' && c.phone > '';
const phonesIn = (list: readonly Customer[]) => list.reduce((n, c) => (hasPhone(c) ? n + 1 : n), 0);
/** The counts of a list of customers (the META row's of a file written whole). */
export const countsOf = (list: readonly Customer[]): FileCounts => ({ count: list.length, withPhone: phonesIn(list) });

export const packOf = (customerId: number) => packOfId(customerId, PACK_SIZE);

// ── the cache of decoded packs, per database ──
// Every write gives the META row a new stamp, and every read reads META first: a cached pack is
// used only under the stamp it was read with (so a write here, in another tab or in a worker, or a
// rolled-back one, is never missed), and a live query that reads META re-runs on every write.
interface PackCache {
  stamp: string;
  packs: Map<number, Customer[]>;
  /** Ids of every stored pack, ascending, once known. */
  packIds: number[] | null;
}
const caches = new Map<string, PackCache>();

/** The cache to read through; `shared` when its records are the context's (not this transaction's own). */
function openCache(db: KeqingDb): PromiseExtended<{ cache: PackCache; next: number; counts: FileCounts; shared: boolean }> {
  // Read here, before the request: the caller's transaction, not wherever the answer lands.
  const writing = Dexie.currentTransaction?.mode === 'readwrite';
  return db.customerPacks.get(META).then((meta) => {
    const stamp = meta?.stamp ?? '';
    const next = meta?.next ?? 1;
    const counts = { count: meta?.count ?? 0, withPhone: meta?.withPhone ?? 0 };
    // In a write transaction the caller may change what it reads: objects of its own, not the cache's.
    if (writing) return { cache: { stamp, packs: new Map(), packIds: null }, next, counts, shared: false };
    let cache = caches.get(db.name);
    if (cache?.stamp !== stamp) caches.set(db.name, (cache = { stamp, packs: new Map(), packIds: null }));
    return { cache, next, counts, shared: true };
  });
}


const read = <T>(db: KeqingDb, fn: () => PromiseExtended<T>) => db.transaction('r', db.customerPacks, fn);
const write = <T>(db: KeqingDb, fn: () => Promise<T>) => db.transaction('rw', db.customerPacks, fn);

function packIds(db: KeqingDb, cache: PackCache): PromiseExtended<number[]> {
  if (cache.packIds) return Dexie.Promise.resolve(cache.packIds);
  return db.customerPacks
    .where('id')
    .aboveOrEqual(0)
    .primaryKeys()
    .then((keys) => (cache.packIds = (keys as number[]).sort((a, b) => a - b)));
}

/** The customers of these packs (empty for a pack not stored), one request for the ones not cached. */
function readPacks(db: KeqingDb, cache: PackCache, ids: readonly number[]): PromiseExtended<Customer[][]> {
  const missing = ids.filter((id) => !cache.packs.has(id));
  const all = () => ids.map((id) => cache.packs.get(id)!);
  if (!missing.length) return Dexie.Promise.resolve(all());
  return db.customerPacks.bulkGet(missing).then((rows) => {
    missing.forEach((id, i) => cache.packs.set(id, rows[i]?.customers ?? []));
    return all();
  });
}

/** Writes the META row: the next id to give, the file's counts and a new stamp. */
function writeMeta(db: KeqingDb, next: number, counts: FileCounts): PromiseExtended<void> {
  return db.customerPacks.put({ id: META, customers: [], next, ...counts, stamp: newStamp() }).then(() => undefined);
}

/** The counts after a pack went from `had` to `has`. */
const counted = (counts: FileCounts, had: readonly Customer[], has: readonly Customer[]): FileCounts => ({
  count: counts.count + has.length - had.length,
  withPhone: counts.withPhone + phonesIn(has) - phonesIn(had),
});

/**
 * Calls `onPack` with each pack's customers in id order, one read per pack (a screen stays
 * responsive: no task decodes more than one pack). Stops when `onPack` returns false or `signal` aborts.
 */
export function eachCustomerPack(db: KeqingDb, onPack: (customers: readonly Customer[]) => boolean | void, signal?: AbortSignal): PromiseExtended<void> {
  return read(db, () =>
    openCache(db).then(({ cache }) =>
      packIds(db, cache).then((ids) => {
        // Cached packs are taken in one go; the chain waits only for packs it must read.
        const from = (i: number): PromiseExtended<void> | void => {
          for (; i < ids.length; i++) {
            if (signal?.aborted) return;
            const customers = cache.packs.get(ids[i]!);
            if (!customers) {
              const end = Math.min(i + SCAN_PACKS, ids.length);
              return readPacks(db, cache, ids.slice(i, end)).then((lists) => {
                // The next packs are asked for before these are handed on: the database reads them meanwhile.
                const more = ids.slice(end, end + SCAN_PACKS).filter((k) => !cache.packs.has(k));
                const next = more.length ? readPacks(db, cache, more) : null;
                for (const list of lists) {
                  if (signal?.aborted) return;
                  if (list.length && onPack(list) === false) return;
                }
                return next ? next.then(() => from(end)) : from(end);
              });
            }
            if (customers.length && onPack(customers) === false) return;
          }
        };
        return from(0);
      }),
    ),
  ).then(() => undefined);
}

/** Every customer for which `keep` is true, in id order. */
export function scanCustomers(db: KeqingDb, keep: (c: Customer) => boolean): PromiseExtended<Customer[]> {
  const found: Customer[] = [];
  return eachCustomerPack(db, (list) => {
    for (const c of list) if (keep(c)) found.push(c);
  }).then(() => found);
}

// ── reads by id ──

export function getCustomers(db: KeqingDb, ids: readonly number[]): PromiseExtended<(Customer | undefined)[]> {
  return read(db, () =>
    openCache(db).then(({ cache, shared }) => {
      const wanted = [...new Set(ids.map(packOf))].sort((a, b) => a - b);
      const byId = new Map<number, Customer>();
      const idSet = new Set(ids);
      const take = (lists: Customer[][]) => {
        // Copies of cached records: the caller may edit what it asked for by id (a scan's are shared, read-only).
        for (const list of lists) for (const c of list) if (idSet.has(c.id)) byId.set(c.id, shared ? structuredClone(c) : c);
      };
      // A pack per request: 100,000 ids asked at once are not one long task.
      const from = (i: number): PromiseExtended<void> | void => {
        for (; i < wanted.length; i += PACKS_PER_REQUEST) {
          const slice = wanted.slice(i, i + PACKS_PER_REQUEST);
          if (!slice.every((k) => cache.packs.has(k))) return readPacks(db, cache, slice).then((lists) => (take(lists), from(i + PACKS_PER_REQUEST)));
          take(slice.map((k) => cache.packs.get(k)!));
        }
      };
      return Dexie.Promise.resolve(from(0)).then(() => ids.map((id) => byId.get(id)));
    }),
  );
}

export function getCustomer(db: KeqingDb, id: number): PromiseExtended<Customer | undefined> {
  if (!Number.isInteger(id)) return Dexie.Promise.resolve(undefined);
  return getCustomers(db, [id]).then((list) => list[0]);
}

/** How many customers are stored, and how many have a phone on file: the META row's (one read, not the file). */
export function customerCounts(db: KeqingDb): PromiseExtended<FileCounts> {
  return read(db, () => openCache(db).then(({ counts }) => counts));
}

export const countCustomers = (db: KeqingDb): PromiseExtended<number> => customerCounts(db).then((c) => c.count);

/** Every stored customer id, ascending. */
export function customerIds(db: KeqingDb): PromiseExtended<number[]> {
  const ids: number[] = [];
  return eachCustomerPack(db, (list) => {
    for (const c of list) ids.push(c.id);
  }).then(() => ids);
}

/** Whether any customer is on file (no pack decoded). */
export async function hasCustomers(db: KeqingDb): Promise<boolean> {
  return (await db.customerPacks.where('id').aboveOrEqual(0).count()) > 0;
}

/** The highest id ever given (0 when none): new ids start above it, so an id is never reused. */
export function lastCustomerId(db: KeqingDb): PromiseExtended<number> {
  return read(db, () =>
    openCache(db).then(({ cache, next }) =>
      packIds(db, cache)
        .then((ids) => (ids.length ? readPacks(db, cache, [ids[ids.length - 1]!]).then(([top]) => top!) : []))
        .then((top) => Math.max(next - 1, top.length ? top[top.length - 1]!.id : 0)),
    ),
  );
}

/** Packs for these rows and the META row (next id past the highest): a database upgrade's write. */
export function packRows(rows: readonly Customer[]): CustomerPack[] {
  const { groups, top } = byPack([...rows].sort((a, b) => a.id - b.id));
  return [{ id: META, customers: [], next: top + 1, ...countsOf(rows), stamp: newStamp() }, ...[...groups].map(([id, customers]) => ({ id, customers }))];
}

const byPack = (rows: readonly Customer[]) => groupByPack(rows, PACK_SIZE);

// ── writes ──

/** Merges `rows` (by id) into their packs and writes the packs and the next id; `mustBeNew` refuses an id already stored. */
async function writeRows(db: KeqingDb, rows: readonly Customer[], mustBeNew: boolean): Promise<void> {
  checkIds(rows, 'customer');
  const { groups, top } = byPack(rows);
  const { next, counts: before } = await openCache(db);
  let counts = before;
  const keys = [...groups.keys()].sort((a, b) => a - b);
  for (let i = 0; i < keys.length; i += PACKS_PER_REQUEST) {
    const slice = keys.slice(i, i + PACKS_PER_REQUEST);
    const stored = await db.customerPacks.bulkGet(slice);
    const out: CustomerPack[] = slice.map((k, j) => {
      const had = stored[j]?.customers ?? [];
      const put = groups.get(k)!;
      const merged = mergePack(had, put);
      // Every id given once (addCustomers checks): fewer gained than given means one was stored.
      if (mustBeNew && merged.added < put.length) {
        const ids = new Set(had.map((c) => c.id));
        throw new Dexie.ConstraintError(`customer ${put.find((c) => ids.has(c.id))!.id} already exists`);
      }
      counts = counted(counts, had, merged.rows);
      return { id: k, customers: merged.rows };
    });
    await db.customerPacks.bulkPut(out);
  }
  await writeMeta(db, Math.max(next, top + 1), counts);
}

/**
 * Adds customers; one without an id gets the next one. Returns the ids in order. An id already
 * stored fails the whole call (and the caller's transaction), as an add did.
 */
export function addCustomers(db: KeqingDb, rows: readonly (Omit<Customer, 'id'> & { id?: number })[]): PromiseExtended<number[]> {
  if (rows.length === 0) return Dexie.Promise.resolve([]);
  return write(db, async () => {
    let { next } = await openCache(db);
    for (const r of rows) if (r.id !== undefined && r.id >= next) next = r.id + 1;
    const withIds = rows.map((r) => (r.id === undefined ? ({ ...r, id: next++ } as Customer) : (r as Customer)));
    const seen = new Set<number>();
    for (const c of withIds) {
      if (seen.has(c.id)) throw new Dexie.ConstraintError(`customer ${c.id} given twice`);
      seen.add(c.id);
    }
    await writeRows(db, withIds, true);
    return withIds.map((c) => c.id);
  });
}

export function addCustomer(db: KeqingDb, row: Omit<Customer, 'id'> & { id?: number }): PromiseExtended<number> {
  return addCustomers(db, [row]).then((ids) => ids[0]!);
}

/** Stores these customers whole, replacing any with the same id. */
export function putCustomers(db: KeqingDb, rows: readonly Customer[]): PromiseExtended<void> {
  if (rows.length === 0) return Dexie.Promise.resolve();
  // The last row given for an id wins, as with a bulkPut.
  const last = new Map(rows.map((c) => [c.id, c]));
  return write(db, () => writeRows(db, [...last.values()], false));
}

export const putCustomer = (db: KeqingDb, row: Customer) => putCustomers(db, [row]);

/** Deletes these customers (ids not stored are ignored); a pack left empty goes. The next id stays. */
export function deleteCustomers(db: KeqingDb, ids: readonly number[]): PromiseExtended<void> {
  if (ids.length === 0) return Dexie.Promise.resolve();
  return write(db, async () => {
    const { next, counts: before } = await openCache(db);
    let counts = before;
    const { groups } = groupByPack(ids.map((id) => ({ id })), PACK_SIZE);
    const keys = [...groups.keys()].sort((a, b) => a - b);
    for (let i = 0; i < keys.length; i += PACKS_PER_REQUEST) {
      const slice = keys.slice(i, i + PACKS_PER_REQUEST);
      const stored = await db.customerPacks.bulkGet(slice);
      const keep: CustomerPack[] = [];
      const drop: number[] = [];
      slice.forEach((k, j) => {
        const list = stored[j]?.customers;
        if (!list) return;
        const { rows, removed } = mergePack(list, [], new Set(groups.get(k)!.map((r) => r.id)));
        if (removed === 0) return;
        counts = counted(counts, list, rows);
        if (rows.length) keep.push({ id: k, customers: rows });
        else drop.push(k);
      });
      if (keep.length) await db.customerPacks.bulkPut(keep);
      if (drop.length) await db.customerPacks.bulkDelete(drop);
    }
    await writeMeta(db, next, counts);
  });
}

export const deleteCustomer = (db: KeqingDb, id: number) => deleteCustomers(db, [id]);

/** Reads, changes and writes these customers in one go; `change` returns the new record, or null to leave it. */
export function updateCustomers(db: KeqingDb, ids: readonly number[], change: (c: Customer) => Customer | null): PromiseExtended<Customer[]> {
  return write(db, async () => {
    const changed: Customer[] = [];
    for (const c of await getCustomers(db, ids)) {
      const next = c && change(c);
      if (next) changed.push(next);
    }
    await writeRows(db, changed, false);
    return changed;
  });
}

/**
 * Replaces the whole file with `rows` (a restore): packs written from scratch, the next id past
 * the highest of the file and `next`. Meant for the caller's transaction that has cleared the table.
 */
export function replaceAllCustomers(db: KeqingDb, rows: readonly Customer[], next = 1): PromiseExtended<void> {
  return write(db, async () => {
    await db.customerPacks.clear();
    await writeMeta(db, next, { count: 0, withPhone: 0 });
    await writeRows(db, rows, true);
  });
}

// ── the questions indexes used to answer ──

type KeyField = 'phone' | 'cardNo' | 'externalId' | 'ownerId' | 'name';

/** Customers whose `field` equals `value`, in id order. */
export function customersWhere(db: KeqingDb, field: KeyField, value: string): PromiseExtended<Customer[]> {
  return scanCustomers(db, (c) => c[field] === value);
}

export function countCustomersWhere(db: KeqingDb, field: KeyField, value: string): PromiseExtended<number> {
  let n = 0;
  return eachCustomerPack(db, (list) => {
    for (const c of list) if (c[field] === value) n++;
  }).then(() => n);
}

/** Per value of `field`, the ids of the customers having it, in id order (one scan for many look-ups). */
export function idsByField(db: KeqingDb, field: KeyField): PromiseExtended<Map<string, number[]>> {
  const ids = new Map<string, number[]>();
  return eachCustomerPack(db, (list) => {
    for (const c of list) {
      const v = c[field];
      if (typeof v === 'string') (ids.get(v) ?? ids.set(v, []).get(v)!).push(c.id);
    }
  }).then(() => ids);
}


/** Prospects (潜在客户): customers carrying what they intend to buy. */
export const storedProspects = (db: KeqingDb) => scanCustomers(db, (c) => c.prospect !== undefined);

/**
 * Per field, the customers whose value starts with `prefix`, ordered as an index was (value, then
 * id), at most `limit` each.
 */
export async function customersByPrefix(db: KeqingDb, fields: readonly KeyField[], prefix: string, limit: number): Promise<Customer[][]> {
  const found = fields.map(() => [] as Customer[]);
  await eachCustomerPack(db, (list) => {
    for (const c of list)
      fields.forEach((f, i) => {
        const v = c[f];
        if (typeof v === 'string' && v.startsWith(prefix)) found[i]!.push(c);
      });
  });
  return found.map((list, i) => {
    const f = fields[i]!;
    return list.sort((a, b) => (a[f]! < b[f]! ? -1 : a[f]! > b[f]! ? 1 : a.id - b.id)).slice(0, limit);
  });
}

/**
 * A value that changes whenever any customer does: read inside a Dexie live query, it makes the
 * query re-run on every write to the customers (and only then).
 */
export async function customersStamp(db: KeqingDb): Promise<string> {
  return (await db.customerPacks.get(META))?.stamp ?? '';
}
