/**
 * The data version: one counter per table, bumped by every committed write, wherever it was made
 * (this page, another tab or a worker: Dexie broadcasts its `storagemutated` parts to every context
 * of the origin). Screens and the analysis engine re-ask when a table they read changes, so no
 * screen lists its tables by hand.
 */
import Dexie, { type ObservabilitySet } from 'dexie';

export type TableVersions = ReadonlyMap<string, number>;

const versions = new Map<string, number>();
let total = 0;
const listeners = new Set<(tables: ReadonlySet<string>) => void>();

/** `idb://<db>/<table>/<index?>` → the table (only for the database named `dbName`). */
export function tablesOf(parts: Record<string, unknown>, dbName: string): Set<string> {
  const prefix = `idb://${dbName}/`;
  const tables = new Set<string>();
  for (const key of Object.keys(parts)) {
    if (!key.startsWith(prefix)) continue;
    const table = key.slice(prefix.length).split('/')[0];
    if (table) tables.add(table);
  }
  return tables;
}

let watched = '';
/** Calls `listener` with the tables of `dbName` each committed write changed, in any context; returns its stop. */
export function onWrites(dbName: string, listener: (tables: ReadonlySet<string>) => void): () => void {
  const heard = (parts: ObservabilitySet) => {
    const tables = tablesOf(parts as Record<string, unknown>, dbName);
    if (tables.size > 0) listener(tables);
  };
  Dexie.on.storagemutated.subscribe(heard);
  return () => Dexie.on.storagemutated.unsubscribe(heard);
}

/** Starts counting writes to the database `dbName` (once per context). */
export function watchDatabase(dbName: string): void {
  if (watched) return;
  watched = dbName;
  onWrites(dbName, (tables) => {
    for (const t of tables) versions.set(t, (versions.get(t) ?? 0) + 1);
    total++;
    for (const listener of listeners) listener(tables);
  });
}

/** How many writes this context has seen to `table` (0 before the first). */
export const tableVersion = (table: string) => versions.get(table) ?? 0;
/** How many writes this context has seen to any table. */
export const dataVersion = () => total;

/** Calls `listener` with the tables of each committed write; returns the unsubscribe. */
export function onDataChange(listener: (tables: ReadonlySet<string>) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
