/**
 * Tables of rows stored packed, ROW_PACK_SIZE ids a record (lib/id-packs), for rows a store has one
 * or more of per customer: the tier states (one each) and the tier log (one per change; a first
 * review of 100,000 customers adds 200,000). As one record each, that review's write took 50–75 s,
 * and reading them back 8 s. A META record (id -1) holds the next id to give an appended row and how
 * many rows are stored.
 *
 * Every function returns a Dexie promise and runs inside the caller's transaction when its scope
 * holds the table (data/customer-store says why not a native promise). Reads and writes go one pack
 * per request, so no task clones or decodes more than one pack.
 */
import Dexie, { type PromiseExtended, type Table } from 'dexie';
import { checkIds, groupByPack, mergePack, newPackStamp as newStamp, packOfId } from '../lib/id-packs';

export interface RowPack<T> {
  id: number;
  rows: T[];
  /** Only on the META record. */
  next?: number;
  count?: number;
  stamp?: string;
}

export type PackTable<T> = Table<RowPack<T>, number>;

export const ROW_PACK_SIZE = 2_048;
const META = -1;
const packOf = (id: number) => packOfId(id, ROW_PACK_SIZE);

interface Meta {
  /** The id the next appended row gets: changes with every append, so it tells a reader the log grew. */
  next: number;
  count: number;
  /** New with every write ('' before the first): a figure kept with it is still the answer while it is unchanged. */
  stamp: string;
}

const readMeta = <T>(table: PackTable<T>): PromiseExtended<Meta> => table.get(META).then((m) => ({ next: m?.next ?? 1, count: m?.count ?? 0, stamp: m?.stamp ?? '' }));
const writeMeta = <T>(table: PackTable<T>, meta: Omit<Meta, 'stamp'>) => table.put({ id: META, rows: [], ...meta, stamp: newStamp() });

const read = <T, R>(table: PackTable<T>, fn: () => PromiseExtended<R>) => table.db.transaction('r', table, fn);
const write = <T, R>(table: PackTable<T>, fn: () => Promise<R>) => table.db.transaction('rw', table, fn);

/**
 * Calls `onPack` with each pack's rows in id order (newest first: the packs from the highest id
 * down, each pack's rows still ascending). Stops when `onPack` returns false.
 */
export function eachRowPack<T>(table: PackTable<T>, onPack: (rows: readonly T[]) => boolean | void, newestFirst = false): PromiseExtended<void> {
  return read(table, () =>
    table
      .where('id')
      .aboveOrEqual(0)
      .primaryKeys()
      .then((keys) => {
        const ids = keys.sort((a, b) => (newestFirst ? b - a : a - b));
        // The next pack is asked for before this one is handed on: the database reads it meanwhile.
        const from = (i: number, asked: PromiseExtended<RowPack<T> | undefined>): PromiseExtended<void> =>
          asked.then((pack) => {
            const next = i + 1 < ids.length ? table.get(ids[i + 1]!) : null;
            if (pack?.rows.length && onPack(pack.rows) === false) return;
            return next ? from(i + 1, next) : undefined;
          });
        return ids.length ? from(0, table.get(ids[0]!)) : undefined;
      }),
  ).then(() => undefined);
}

/** Every row, in id order. */
export function readAllRows<T>(table: PackTable<T>): PromiseExtended<T[]> {
  const all: T[] = [];
  return eachRowPack(table, (rows) => {
    for (const r of rows) all.push(r);
  }).then(() => all);
}

/** The rows with these ids (undefined where none is stored), in the order asked. For a few ids: their packs are read in one request. */
export function getRows<T extends { id: number }>(table: PackTable<T>, ids: readonly number[]): PromiseExtended<(T | undefined)[]> {
  return read(table, () =>
    table.bulkGet([...new Set(ids.map(packOf))]).then((packs) => {
      const byId = new Map<number, T>();
      for (const pack of packs) for (const r of pack?.rows ?? []) byId.set(r.id, r);
      return ids.map((id) => byId.get(id));
    }),
  );
}

/** How many rows are stored, the id the next appended row gets, and the stamp of the last write. */
export const rowsMeta = <T>(table: PackTable<T>): PromiseExtended<Meta> => read(table, () => readMeta(table));

/** Merges `put` and `drop` into their packs, a pack per request; a pack left empty goes. */
async function writePacks<T extends { id: number }>(table: PackTable<T>, put: readonly T[], drop: readonly number[]): Promise<{ added: number; removed: number }> {
  const { groups } = groupByPack(put, ROW_PACK_SIZE);
  const drops = new Map<number, Set<number>>();
  for (const id of drop) {
    const k = packOf(id);
    (drops.get(k) ?? drops.set(k, new Set()).get(k)!).add(id);
  }
  const keys = [...new Set([...groups.keys(), ...drops.keys()])].sort((a, b) => a - b);
  let added = 0;
  let removed = 0;
  for (const k of keys) {
    const stored = await table.get(k);
    const merged = mergePack(stored?.rows ?? [], groups.get(k) ?? [], drops.get(k));
    added += merged.added;
    removed += merged.removed;
    if (merged.rows.length) await table.put({ id: k, rows: merged.rows });
    else if (stored) await table.delete(k);
  }
  return { added, removed };
}

/** Stores these rows whole (replacing any with the same id; the last given wins) and deletes the rows with the ids in `drop`. */
export function putRows<T extends { id: number }>(table: PackTable<T>, rows: readonly T[], drop: readonly number[] = []): PromiseExtended<void> {
  if (!rows.length && !drop.length) return Dexie.Promise.resolve();
  checkIds(rows, table.name);
  return write(table, async () => {
    const meta = await readMeta(table);
    const { added, removed } = await writePacks(table, rows, drop);
    const top = rows.reduce((m, r) => Math.max(m, r.id), 0);
    await writeMeta(table, { next: Math.max(meta.next, top + 1), count: meta.count + added - removed });
  });
}

/** Adds rows under the next ids, in the order given; returns the ids. */
export function appendRows<T extends { id: number }>(table: PackTable<T>, rows: readonly Omit<T, 'id'>[]): PromiseExtended<number[]> {
  if (!rows.length) return Dexie.Promise.resolve([]);
  return write(table, async () => {
    const meta = await readMeta(table);
    const withIds = rows.map((r, i) => ({ ...r, id: meta.next + i }) as T);
    const { added } = await writePacks(table, withIds, []);
    await writeMeta(table, { next: meta.next + rows.length, count: meta.count + added });
    return withIds.map((r) => r.id);
  });
}

/** `rows` (with their ids) as the records of a table holding nothing else: every pack and the META record. */
export function packedRows<T extends { id: number }>(rows: readonly T[]): RowPack<T>[] {
  checkIds(rows, 'row');
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.id === sorted[i - 1]!.id) throw new Dexie.ConstraintError(`row id ${sorted[i]!.id} given twice`);
  const { groups, top } = groupByPack(sorted, ROW_PACK_SIZE);
  return [{ id: META, rows: [], next: top + 1, count: sorted.length, stamp: newStamp() }, ...[...groups].map(([id, list]) => ({ id, rows: list }))];
}

/** Replaces everything in the table with `rows` (a restore; an id given twice fails the caller's transaction). */
export function replaceRows<T extends { id: number }>(table: PackTable<T>, rows: readonly T[]): PromiseExtended<void> {
  const records = packedRows(rows);
  return write(table, async () => {
    await table.clear();
    for (const record of records) await table.add(record);
  });
}
