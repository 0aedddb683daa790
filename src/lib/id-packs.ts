/**
 * Rows keyed by a positive integer id, grouped `size` ids to a pack: the shape the customer file,
 * the tier states and the tier log are stored in (IndexedDB writes about 4–5 k records/s, so
 * 100,000 rows cost 20 s as records and about a second as 49 packs).
 */

export const packOfId = (id: number, size: number) => Math.floor(id / size);

/** `rows` grouped by their pack (in the order given), and the highest id among them (0 for none). */
export function groupByPack<T extends { id: number }>(rows: readonly T[], size: number): { groups: Map<number, T[]>; top: number } {
  const groups = new Map<number, T[]>();
  let top = 0;
  for (const row of rows) {
    const k = packOfId(row.id, size);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(row);
    if (row.id > top) top = row.id;
  }
  return { groups, top };
}

/**
 * A pack's rows after putting `put` (replacing rows with the same id; the last given wins) and
 * dropping the ids in `drop`, in id order; with how many ids it gained and lost.
 */
export function mergePack<T extends { id: number }>(stored: readonly T[], put: readonly T[], drop?: ReadonlySet<number>): { rows: T[]; added: number; removed: number } {
  const byId = new Map(stored.map((r) => [r.id, r]));
  let added = 0;
  let removed = 0;
  for (const r of put) {
    if (!byId.has(r.id)) added++;
    byId.set(r.id, r);
  }
  if (drop) for (const id of drop) if (byId.delete(id)) removed++;
  return { rows: [...byId.values()].sort((a, b) => a.id - b.id), added, removed };
}

/** Refuses ids a pack cannot hold (the META record is -1; a fraction or NaN would land nowhere). */
export function checkIds(rows: readonly { id: number }[], what: string): void {
  for (const r of rows) if (!Number.isSafeInteger(r.id) || r.id < 1) throw new Error(`${what} id ${String(r.id)} is not a positive integer`);
}

/** A new stamp for a packed table's META record: every write gives one, so a reader tells any change (another tab's too) by comparing it. */
export const newPackStamp = () => `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
