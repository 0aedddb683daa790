/**
 * The one IndexedDB database. Every schema change is a new entry in `schemaHistory` (never an
 * edit of an old one), with an upgrade that keeps existing rows; tests/data/upgrade.test.ts
 * opens a database made at each older version and checks every row survived.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { Customer, Product } from '../lib/customers/customer';
import { storeTables, type PurchaseBatch, type PurchaseChunk, type Setting } from '../lib/store-rows';

export type { BatchKind, PurchaseBatch, PurchaseChunk, Setting } from '../lib/store-rows';

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
];

export const SCHEMA_VERSION = schemaHistory[schemaHistory.length - 1]!.version;


export class KeqingDb extends Dexie {
  customers!: EntityTable<Customer, 'id'>;
  products!: EntityTable<Product, 'code'>;
  purchaseBatches!: EntityTable<PurchaseBatch, 'id'>;
  purchaseChunks!: EntityTable<PurchaseChunk, 'id'>;
  settings!: EntityTable<Setting, 'key'>;

  constructor(name = 'keqing', history: readonly SchemaVersion[] = schemaHistory) {
    super(name);
    for (const step of history) {
      const v = this.version(step.version).stores(step.stores);
      if (step.upgrade) v.upgrade(step.upgrade);
    }
  }

  allTables() {
    return storeTables.map((name) => this.table(name));
  }
}

export const db = new KeqingDb();
