import { describe, expect, it } from 'vitest';
import { clearAllData, clearedGroups, clearGroups, keptGroups, tablesToClear } from '../../src/data/clear';
import type { KeqingDb } from '../../src/data/db';
import { replaceWithDemoStore } from '../../src/data/store';
import { freshDb, smallDemo } from './helpers';

/** The demo store, plus one row in every table it leaves empty: every table holds something. */
async function fullDb(): Promise<KeqingDb> {
  const db = freshDb();
  await replaceWithDemoStore(db, smallDemo());
  for (const table of db.tables) {
    if ((await table.count()) > 0) continue;
    const key = table.schema.primKey;
    await table.add(key.auto ? { note: 'x' } : { [key.keyPath as string]: 'k1', note: 'x' });
  }
  return db;
}

async function counts(db: KeqingDb): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.count()] as const)));
}

describe('clear all data', () => {
  it('places every table of the database in exactly one group (a new table must be placed)', () => {
    const db = freshDb();
    const placed = clearGroups.flatMap((g) => g.tables as readonly string[]);
    expect(new Set(placed).size).toBe(placed.length); // no table in two groups
    expect([...placed].sort()).toEqual(db.tables.map((t) => t.name).sort());
  });

  it('lists what is deleted from the tables cleared: everything but settings by default', () => {
    expect(keptGroups()).toEqual(['settings']);
    expect(clearedGroups()).toEqual(['customers', 'purchases', 'products', 'funnel', 'care', 'complaints', 'needs', 'kpi', 'scorecards', 'timeLogs']);
    expect(clearedGroups({ keep: { scorecards: true, timeLogs: true } })).not.toContain('scorecards');
    expect(tablesToClear({ keep: { scorecards: true } })).not.toContain('assessments');
    expect(tablesToClear({ keep: { scorecards: true } })).toContain('timeChunks');
    expect(tablesToClear({ keepSettings: false })).toContain('settings');
  });

  it('empties every table but settings when nothing is kept', async () => {
    const db = await fullDb();
    const before = await counts(db);
    expect(Object.values(before).every((n) => n > 0)).toBe(true);
    await clearAllData(db);
    const after = await counts(db);
    for (const [name, n] of Object.entries(after)) expect([name, n]).toEqual([name, name === 'settings' ? before.settings : 0]);
  });

  it('keeps scorecard assessments, their sets and classes when asked, and empties the rest', async () => {
    const db = await fullDb();
    const before = await counts(db);
    await clearAllData(db, { keep: { scorecards: true } });
    const after = await counts(db);
    const kept = ['assessments', 'scorecardSets', 'trainerClasses', 'settings'];
    for (const [name, n] of Object.entries(after)) expect([name, n]).toEqual([name, kept.includes(name) ? before[name] : 0]);
  });

  it('keeps time logs and plans when asked, and empties the rest', async () => {
    const db = await fullDb();
    const before = await counts(db);
    await clearAllData(db, { keep: { timeLogs: true } });
    const after = await counts(db);
    const kept = ['timeChunks', 'timePlans', 'settings'];
    for (const [name, n] of Object.entries(after)) expect([name, n]).toEqual([name, kept.includes(name) ? before[name] : 0]);
  });

  it('deletes nothing when a table cannot be cleared part-way (all or nothing)', async () => {
    const db = await fullDb();
    const before = await counts(db);
    // Complaints are cleared after customers, purchases and products.
    const complaints = db.table('complaints');
    const real = complaints.clear.bind(complaints);
    complaints.clear = (() => Promise.reject(new DOMException('broken', 'UnknownError'))) as typeof real;
    await expect(clearAllData(db)).rejects.toThrow();
    complaints.clear = real;
    expect(await counts(db)).toEqual(before);
  });
});
