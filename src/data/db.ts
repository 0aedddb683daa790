/**
 * The one IndexedDB database. Every schema change is a new entry in `schemaHistory` (never an
 * edit of an old one), with an upgrade that keeps existing rows; tests/data/upgrade.test.ts
 * opens a database made at each older version and checks every row survived.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { Customer, Product } from '../lib/customers/customer';
import type { CustomerValues } from '../lib/import/convert';
import { lineKeys } from '../lib/purchases/line-key';
import { storeTables, type PurchaseBatch, type PurchaseChunk, type Setting } from '../lib/store-rows';

export type { BatchKind, PurchaseBatch, PurchaseChunk, Setting } from '../lib/store-rows';

/** Identities of one batch's lines (lib/purchases/line-key), so a re-import can skip them. Derived from the chunks. */
export interface PurchaseKeys {
  id: number;
  batchId: number;
  keys: Float64Array;
}

/** What undoing an import needs: the customers it added, and the ones it changed as they were before. */
export interface ImportUndo {
  batchId: number;
  addedCustomerIds: number[];
  previousCustomers: Customer[];
}

export type { CustomerValues };

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const schemaHistory: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      customers: '++id, phone, cardNo, name',
      products: 'code',
      purchaseBatches: '++id, kind, at',
      purchaseChunks: '++id, batchId',
      settings: 'key',
    },
  },
  {
    // v2: imports. Customers matched on the shop's own id; each batch's line identities kept
    // beside it (so re-importing a file adds nothing); undo data for the latest import.
    version: 2,
    stores: {
      customers: '++id, phone, cardNo, name, externalId',
      purchaseKeys: '++id, batchId',
      importUndo: 'batchId',
    },
    upgrade: async (tx) => {
      const chunks = (await tx.table('purchaseChunks').toArray()) as PurchaseChunk[];
      await tx.table('purchaseKeys').bulkAdd(keysForChunks(chunks));
    },
  },
];

/** Line keys for stored chunks, batch by batch, numbering identical lines across a batch's chunks. */
export function keysForChunks(chunks: readonly PurchaseChunk[]): Omit<PurchaseKeys, 'id'>[] {
  const seen = new Map<number, Map<number, number>>();
  return [...chunks]
    .sort((a, b) => a.id - b.id)
    .map((chunk) => {
      const batchSeen = seen.get(chunk.batchId) ?? seen.set(chunk.batchId, new Map()).get(chunk.batchId)!;
      return { batchId: chunk.batchId, keys: lineKeys(chunk.columns, batchSeen) };
    });
}

export const SCHEMA_VERSION = schemaHistory[schemaHistory.length - 1]!.version;


export class KeqingDb extends Dexie {
  customers!: EntityTable<Customer, 'id'>;
  products!: EntityTable<Product, 'code'>;
  purchaseBatches!: EntityTable<PurchaseBatch, 'id'>;
  purchaseChunks!: EntityTable<PurchaseChunk, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  purchaseKeys!: EntityTable<PurchaseKeys, 'id'>;
  importUndo!: EntityTable<ImportUndo, 'batchId'>;

  constructor(name = 'keqing', history: readonly SchemaVersion[] = schemaHistory) {
    super(name);
    for (const step of history) {
      const v = this.version(step.version).stores(step.stores);
      if (step.upgrade) v.upgrade(step.upgrade);
    }
  }

  /** The tables a backup holds. */
  storeTables() {
    return storeTables.map((name) => this.table(name));
  }

  /** Every table, derived ones included: what clearing or restoring must touch. */
  allTables() {
    return this.tables;
  }
}

export const db = new KeqingDb();
