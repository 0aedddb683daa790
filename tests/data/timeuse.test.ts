/** Time allocation in the database: packed per rep-month, day saves, all-or-nothing imports, backup checks. */
import { describe, expect, it } from 'vitest';
import { entriesOnDay, getRunning, getTimeSetup, importTimeEntries, readTimeChunks, saveDay, saveTimeSetup, startRunning, stopRunning } from '../../src/data/timeuse';
import { validateTables } from '../../src/lib/backup/validate';
import { dayFromIso } from '../../src/lib/dates';
import { packEntries, type TimeEntry } from '../../src/lib/timeuse/entries';
import { NEW_REP } from '../../src/lib/timeuse/import';
import { defaultSetup } from '../../src/lib/timeuse/setup';
import { freshDb } from './helpers';

const day = dayFromIso('2026-11-30')!;
const e = (rep: string, d: number, category: string, minutes: number, start?: number): TimeEntry => (start === undefined ? { rep, day: d, category, minutes } : { rep, day: d, category, minutes, start, end: start + minutes });

describe('time storage', () => {
  it('saves a day per rep without touching other days or reps, one chunk per rep-month', async () => {
    const db = freshDb();
    await saveDay(db, day, ['r1', 'r2'], [e('r1', day, 'selling', 60), e('r2', day, 'admin', 30)]);
    await saveDay(db, day + 1, ['r1'], [e('r1', day + 1, 'reports', 15)]); // 1 December: another chunk
    await saveDay(db, day, ['r1'], [e('r1', day, 'selling', 90)]);
    expect(await entriesOnDay(db, day)).toEqual([e('r1', day, 'selling', 90), e('r2', day, 'admin', 30)]);
    expect((await readTimeChunks(db)).map((c) => c.key).sort()).toEqual(['r1|24322', 'r1|24323', 'r2|24322']);
    // Emptying a rep's only day removes its chunk.
    await saveDay(db, day, ['r2'], []);
    expect((await readTimeChunks(db)).map((c) => c.key).sort()).toEqual(['r1|24322', 'r1|24323']);
  });

  it('imports all or nothing: new reps added, repeats skipped, a day past 24 h with stored time refused', async () => {
    const db = freshDb();
    await saveTimeSetup(db, { ...defaultSetup(), reps: [{ id: 'r1', name: '王芳', role: 'rep' }] });
    await saveDay(db, day, ['r1'], [e('r1', day, 'admin', 1000)]);
    const first = await importTimeEntries(db, [e('r1', day, 'selling', 400), e(`${NEW_REP}李强`, day, 'selling', 60, 540)], ['李强'], NEW_REP);
    expect(first.ok && [first.value.added.length, first.value.alreadyStored, first.value.repsAdded]).toEqual([2, 0, 1]);
    expect((await getTimeSetup(db)).reps.map((r) => [r.id, r.name])).toEqual([['r1', '王芳'], ['r2', '李强']]);
    const again = await importTimeEntries(db, [e('r1', day, 'selling', 400)], [], NEW_REP);
    expect(again.ok && [again.value.added.length, again.value.alreadyStored]).toEqual([0, 1]);
    // 1,000 + 400 stored; 41 more is 1,441 minutes: refused, and the other rep's row is not written either.
    const before = await readTimeChunks(db);
    const over = await importTimeEntries(db, [e('r2', day, 'admin', 30), e('r1', day, 'reports', 41)], [], NEW_REP);
    expect(over).toEqual({ ok: false, error: { code: 'timeuse.importOverDay', rep: 'r1', day, minutes: 1441 } });
    expect(await readTimeChunks(db)).toEqual(before);
  });

  it('keeps a running quick-log activity until stopped, then stores it', async () => {
    const db = freshDb();
    await startRunning(db, { repId: 'r1', category: 'visiting', startedAt: '2026-11-30T09:00:00.000Z' });
    expect(await getRunning(db)).toEqual({ repId: 'r1', category: 'visiting', startedAt: '2026-11-30T09:00:00.000Z' });
    await stopRunning(db, [e('r1', day, 'visiting', 45, 540)]);
    expect(await getRunning(db)).toBeNull();
    expect(await entriesOnDay(db, day)).toEqual([e('r1', day, 'visiting', 45, 540)]);
  });

  it('checks time rows in a backup', () => {
    const columns = packEntries([e('r1', day, 'selling', 60)]);
    expect(validateTables({ timeChunks: [{ key: 'r1|24322', repId: 'r1', month: 24_322, columns }] }).ok).toBe(true);
    expect(validateTables({ timeChunks: [{ key: 'r1|1', repId: 'r1', month: 24_322, columns }] })).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'timeChunks', row: 1, problem: 'badKey', field: 'key' } });
    expect(validateTables({ timeChunks: [{ key: 'r1|24322', repId: 'r1', month: 24_322, columns: { ...columns, minutes: new Int16Array(0) } }] })).toMatchObject({ ok: false, error: { problem: 'badColumns' } });
  });
});
