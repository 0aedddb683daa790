import { describe, expect, it, vi } from 'vitest';
import { dataVersion, onDataChange, tablesOf, tableVersion, watchDatabase } from '../../src/data/versions';
import { CUSTOMERS_TABLE } from '../../src/data/customer-store';
import { freshDb, customers as customerTable } from './helpers';

describe('data version', () => {
  it('reads the tables of a Dexie mutation set, only for the named database', () => {
    const parts = { 'idb://keqing/customers/': {}, 'idb://keqing/customers/phone': {}, 'idb://keqing/settings/': {}, 'idb://other/customers/': {}, all: {} };
    expect([...tablesOf(parts, 'keqing')].sort()).toEqual(['customers', 'settings']);
    expect([...tablesOf(parts, 'kq')]).toEqual([]);
  });

  it('bumps the tables a committed write touched, and nothing for a read', async () => {
    const db = freshDb();
    watchDatabase(db.name);
    // Creating the database counts as a change to every table: let that pass before watching.
    const created = new Promise<ReadonlySet<string>>((resolve) => {
      const stop = onDataChange((tables) => {
        stop();
        resolve(tables);
      });
    });
    await db.open();
    expect((await created).has('campaigns')).toBe(true);
    const seen: string[][] = [];
    const stop = onDataChange((tables) => seen.push([...tables]));
    const before = { customers: tableVersion(CUSTOMERS_TABLE), settings: tableVersion('settings'), all: dataVersion() };
    // The event comes when the transaction commits, a moment after the write's promise.
    await customerTable(db).add({ name: '王芳', phone: '13800000001', createdAt: 0 } as never);
    await vi.waitFor(() => expect(seen.length).toBe(1));
    await customerTable(db).toArray();
    await db.settings.put({ key: 'x', value: 1 });
    await vi.waitFor(() => expect(seen.length).toBe(2));
    stop();
    await db.settings.put({ key: 'x', value: 2 });
    await vi.waitFor(() => expect(dataVersion()).toBe(before.all + 3));
    expect(tableVersion(CUSTOMERS_TABLE)).toBe(before.customers + 1);
    expect(tableVersion('settings')).toBe(before.settings + 2);
    expect(dataVersion()).toBe(before.all + 3);
    expect(seen).toEqual([[CUSTOMERS_TABLE], ['settings']]);
  });
});
