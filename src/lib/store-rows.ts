/**
 * The shapes of what the store keeps, table by table. The database (src/data) stores these and
 * the backup file carries them; both name the tables from `storeTables`.
 */
import type { Customer, Product } from './customers/customer';
import type { ColumnsSummary, PurchaseColumns } from './purchases/columns';

export const batchKinds = ['demo', 'import', 'manual'] as const;
export type BatchKind = (typeof batchKinds)[number];

/** One load of purchase lines (the demo store, an import, hand entry), so it can be listed and undone. */
export interface PurchaseBatch {
  id: number;
  kind: BatchKind;
  /** File name, or a short description. */
  label: string;
  /** ISO instant. */
  at: string;
  summary: ColumnsSummary;
  /** For imports: what the import did, as shown in the history. */
  report?: ImportReport;
}

export interface ImportReport {
  importKind: 'customers' | 'purchases' | 'combined';
  rowsRead: number;
  rowsValid: number;
  rowsWithErrors: number;
  customersAdded: number;
  customersUpdated: number;
  customersUnchanged: number;
  /** Matched customers left as they were because the user chose 跳过 (skip) for duplicates. */
  customersSkipped?: number;
  linesAdded: number;
  linesAlreadyStored: number;
  linesExcluded: number;
  /** Lines per cleaning class (cancellation, returned, …) and whether that class was excluded. */
  classes: Record<string, { lines: number; excluded: boolean }>;
}

/** Purchase lines of one batch, packed as columns. */
export interface PurchaseChunk {
  id: number;
  batchId: number;
  columns: PurchaseColumns;
}

export interface Setting {
  key: string;
  value: unknown;
}

/** In the order a restore writes them (a chunk's batch before the chunk). */
export const storeTables = ['settings', 'products', 'customers', 'purchaseBatches', 'purchaseChunks'] as const;
export type StoreTable = (typeof storeTables)[number];

export interface StoreRows {
  settings: Setting[];
  products: Product[];
  customers: Customer[];
  purchaseBatches: PurchaseBatch[];
  purchaseChunks: PurchaseChunk[];
}
