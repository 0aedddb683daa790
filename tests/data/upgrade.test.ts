/**
 * Every schema version must open with the current code and keep every row. Add a sample for each
 * new version (as that version's app wrote it) and, where an upgrade changes rows, what it becomes.
 */
import { describe, expect, it } from 'vitest';
import { KeqingDb, schemaHistory, SCHEMA_VERSION } from '../../src/data/db';
import { packLines, summariseColumns } from '../../src/lib/purchases/columns';
import { lineKeys } from '../../src/lib/purchases/line-key';
import { freshDb } from './helpers';

const v1Columns = packLines([{ day: 19_800, customerId: 1, amount: 59_900, quantity: 1, orderNo: 'S1', itemNo: 'A1001' }]);
const samples: Record<number, Record<string, unknown[]>> = {
  1: {
    settings: [{ key: 'profile', value: { name: '老店', type: 'apparel', currency: 'CNY' } }],
    products: [{ code: 'A1001', name: '连衣裙', category: '连衣裙', price: 89_900 }],
    customers: [{ id: 1, name: '王芳', phone: '13800138000', cardNo: 'VIP1', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' }],
    purchaseBatches: [{ id: 1, kind: 'import', label: 'old.csv', at: '2024-01-02T00:00:00.000Z', summary: summariseColumns(v1Columns) }],
    purchaseChunks: [{ id: 1, batchId: 1, columns: v1Columns }],
  },
};
samples[2] = {
  ...samples[1]!,
  customers: [{ ...samples[1]!.customers![0] as object, externalId: 'C-001' }],
  purchaseKeys: [{ id: 1, batchId: 1, keys: lineKeys(v1Columns) }],
  importUndo: [{ batchId: 1, addedCustomerIds: [1], previousCustomers: [] }],
};

/** What each sample looks like once upgraded to the current version. */
function upgraded(version: number, rows: Record<string, unknown[]>): Record<string, unknown[]> {
  // v2 computed the line keys of purchases stored before it.
  if (version < 2) return { ...rows, purchaseKeys: [{ id: 1, batchId: 1, keys: lineKeys(v1Columns) }], importUndo: [] };
  return rows;
}

describe('schema upgrades', () => {
  it('lists versions in increasing order and has a sample for each', () => {
    const versions = schemaHistory.map((s) => s.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBe(SCHEMA_VERSION);
    for (const v of versions) expect(samples[v], `sample rows for schema version ${v}`).toBeDefined();
  });

  it.each(schemaHistory.map((s) => s.version))('opens a database made at version %i with every row kept', async (version) => {
    const name = freshDb().name;
    const old = new KeqingDb(name, schemaHistory.filter((s) => s.version <= version));
    await old.open();
    for (const [table, rows] of Object.entries(samples[version]!)) await old.table(table).bulkAdd(rows);
    old.close();

    const current = new KeqingDb(name);
    await current.open();
    expect(current.verno).toBe(SCHEMA_VERSION);
    for (const [table, rows] of Object.entries(upgraded(version, samples[version]!))) expect(await current.table(table).toArray()).toEqual(rows);
    current.close();
  });
});
