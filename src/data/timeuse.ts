/**
 * Time allocation in the database: reps, categories, target and suggestions in one settings row;
 * recorded time packed per rep and month (timeChunks, see lib/timeuse/entries for why); the
 * running quick-log activity in a settings row, so it survives a reload.
 */
import { chunkEntries, chunkKey, monthOfDay, unpackEntries, type TimeChunk, type TimeEntry } from '../lib/timeuse/entries';
import { mergeEntries, type MergeResult } from '../lib/timeuse/merge';
import { emptyMonthPlan, emptyWeekPlan, planKey, type MonthPlan, type TimePlan, type WeekPlan } from '../lib/timeuse/plans';
import { addRep, defaultSetup, type TimeSetup } from '../lib/timeuse/setup';
import { err, ok, type Result } from '../lib/result';
import type { PromiseExtended } from 'dexie';
import type { KeqingDb } from './db';

const SETUP = 'timeuse.setup';
const RUNNING = 'timeuse.running';
const CURRENT_REP = 'timeuse.currentRep';

/** A Dexie promise: importTimeEntries awaits it inside its transaction (a native one can let the write fall outside). */
export function getTimeSetup(db: KeqingDb, zh = true): PromiseExtended<TimeSetup> {
  // Fields added later fall back to the defaults.
  return db.settings.get(SETUP).then((row) => (row ? { ...defaultSetup(zh), ...(row.value as Partial<TimeSetup>) } : defaultSetup(zh)));
}
export const saveTimeSetup = (db: KeqingDb, setup: TimeSetup) => db.settings.put({ key: SETUP, value: JSON.parse(JSON.stringify(setup)) as TimeSetup });

/** A quick-log activity that has started and not stopped. */
export interface RunningActivity {
  repId: string;
  category: string;
  /** ISO instant. */
  startedAt: string;
}
export const getRunning = async (db: KeqingDb) => ((await db.settings.get(RUNNING))?.value as RunningActivity | undefined) ?? null;
export const getCurrentRep = async (db: KeqingDb) => ((await db.settings.get(CURRENT_REP))?.value as string | undefined) ?? null;
export const setCurrentRep = (db: KeqingDb, repId: string) => db.settings.put({ key: CURRENT_REP, value: repId });

export async function startRunning(db: KeqingDb, running: RunningActivity): Promise<void> {
  await db.settings.put({ key: RUNNING, value: { ...running } });
}

/** Stops the running activity, storing its entries with it in one transaction. */
export async function stopRunning(db: KeqingDb, entries: readonly TimeEntry[]): Promise<void> {
  await db.transaction('rw', db.settings, db.timeChunks, async () => {
    await db.settings.delete(RUNNING);
    if (entries.length) await writeEntries(db, entries, []);
  });
}

export async function readTimeChunks(db: KeqingDb): Promise<TimeChunk[]> {
  return db.timeChunks.toArray();
}

/** Every rep's entries on `day`. */
export async function entriesOnDay(db: KeqingDb, day: number): Promise<TimeEntry[]> {
  const chunks = await db.timeChunks.where('month').equals(monthOfDay(day)).toArray();
  return chunks.flatMap((c) => unpackEntries(c.repId, c.columns).filter((e) => e.day === day));
}

/**
 * Adds `entries` and, for each [rep, day] in `replaceDays`, drops what was stored for that rep's
 * day first. Runs inside the caller's transaction when there is one.
 */
async function writeEntries(db: KeqingDb, entries: readonly TimeEntry[], replaceDays: readonly { rep: string; day: number }[]): Promise<void> {
  const keys = new Set([...entries.map((e) => chunkKey(e.rep, monthOfDay(e.day))), ...replaceDays.map((r) => chunkKey(r.rep, monthOfDay(r.day)))]);
  const stored = await db.timeChunks.bulkGet([...keys]);
  const drop = new Set(replaceDays.map((r) => `${r.rep}|${r.day}`));
  const all: TimeEntry[] = [];
  for (const chunk of stored) if (chunk) all.push(...unpackEntries(chunk.repId, chunk.columns).filter((e) => !drop.has(`${e.rep}|${e.day}`)));
  all.push(...entries);
  const next = chunkEntries(all);
  const kept = new Set(next.map((c) => c.key));
  await db.timeChunks.bulkPut(next);
  await db.timeChunks.bulkDelete([...keys].filter((k) => !kept.has(k)));
}

/** The daily sheet's save: each listed rep's day becomes exactly `entries` (theirs for that day). */
export async function saveDay(db: KeqingDb, day: number, reps: readonly string[], entries: readonly TimeEntry[]): Promise<void> {
  await db.transaction('rw', db.timeChunks, () => writeEntries(db, entries, reps.map((rep) => ({ rep, day }))));
}

export type ImportTimeError = { code: 'timeuse.importOverDay'; rep: string; day: number; minutes: number };

/**
 * An activity log's entries, all or nothing: reps named in the file and not yet known are added;
 * entries already stored are skipped; if any rep's day would pass 24 h with the stored time,
 * nothing is written.
 */
export async function importTimeEntries(db: KeqingDb, entries: readonly TimeEntry[], newReps: readonly string[], newRepPrefix: string): Promise<Result<MergeResult & { repsAdded: number }, ImportTimeError>> {
  return db.transaction('rw', db.settings, db.timeChunks, async () => {
    const setup = await getTimeSetup(db);
    let reps = setup.reps;
    const idOf = new Map<string, string>();
    for (const name of newReps) {
      const r = addRep(reps, name, 'rep');
      if (r.ok) reps = r.value;
      const rep = reps.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
      if (rep) idOf.set(newRepPrefix + name, rep.id);
    }
    const incoming = entries.map((e) => (e.rep.startsWith(newRepPrefix) ? { ...e, rep: idOf.get(e.rep) ?? e.rep } : e));
    const keys = [...new Set(incoming.map((e) => chunkKey(e.rep, monthOfDay(e.day))))];
    const stored = (await db.timeChunks.bulkGet(keys)).flatMap((c) => (c ? unpackEntries(c.repId, c.columns) : []));
    const merged = mergeEntries(stored, incoming);
    const over = merged.overDays[0];
    if (over) return err({ code: 'timeuse.importOverDay' as const, ...over });
    if (reps !== setup.reps) await saveTimeSetup(db, { ...setup, reps });
    const all = [...stored, ...merged.added];
    await db.timeChunks.bulkPut(chunkEntries(all));
    return ok({ ...merged, repsAdded: reps.length - setup.reps.length });
  });
}

/** Writes many entries at once (bench, demo): packed per rep-month. */
export function putTimeEntries(db: KeqingDb, entries: readonly TimeEntry[]): PromiseExtended<void> {
  // The transaction's own promise: the demo store awaits this inside its transaction.
  return db.transaction('rw', db.timeChunks, () => db.timeChunks.bulkPut(chunkEntries(entries))).then(() => undefined);
}


/** A rep's weekly action plan or month targets; an empty one when none was saved. */
export async function getWeekPlan(db: KeqingDb, repId: string, monday: number): Promise<WeekPlan> {
  return ((await db.timePlans.get(planKey('week', repId, monday))) as WeekPlan | undefined) ?? emptyWeekPlan(repId, monday);
}
export async function getMonthPlan(db: KeqingDb, repId: string, month: number): Promise<MonthPlan> {
  return ((await db.timePlans.get(planKey('month', repId, month))) as MonthPlan | undefined) ?? emptyMonthPlan(repId, month);
}
export const savePlan = (db: KeqingDb, plan: TimePlan) => db.timePlans.put(JSON.parse(JSON.stringify(plan)) as TimePlan);
