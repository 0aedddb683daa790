/**
 * Value grades as stored: each customer's grade as of the last re-grade, the log of every change,
 * and the store's cut points (settings 'gradeCuts'). A re-grade's states and log land together.
 */
import { checkCuts, countGrades, type Grade, type GradeCuts, type GradeLogRow, type GradeState, type RegradeResult } from '../lib/grades';
import type { KeqingDb } from './db';
import { customerIds } from './customer-store';

const CUTS_KEY = 'gradeCuts';

export async function getGradeCuts(db: KeqingDb): Promise<GradeCuts> {
  return checkCuts((await db.settings.get(CUTS_KEY))?.value);
}

export const saveGradeCuts = (db: KeqingDb, cuts: GradeCuts) => db.settings.put({ key: CUTS_KEY, value: { ...cuts } });

export const readGradeStates = (db: KeqingDb): Promise<GradeState[]> => db.gradeStates.toArray();

/** Newest first; the latest `limit` only, when given. */
export async function readGradeLog(db: KeqingDb, limit?: number): Promise<GradeLogRow[]> {
  const newest = db.gradeLog.orderBy('id').reverse();
  return (limit === undefined ? newest : newest.limit(limit)).toArray();
}

export const gradeLogFor = (db: KeqingDb, customerId: number): Promise<GradeLogRow[]> =>
  db.gradeLog.where('customerId').equals(customerId).reverse().sortBy('id');

export const gradeOf = (db: KeqingDb, customerId: number): Promise<GradeState | undefined> => db.gradeStates.get(customerId);

/** Customer id → grade, for the customer table's filter. */
export async function gradeMap(db: KeqingDb): Promise<Map<number, Grade>> {
  return new Map((await readGradeStates(db)).map((s) => [s.id, s.grade]));
}

export async function gradeCounts(db: KeqingDb): Promise<Record<Grade, number>> {
  return countGrades(await readGradeStates(db));
}

/** Stores a re-grade: changed states, removed states and the log, all or nothing. */
export async function saveRegrade(db: KeqingDb, result: RegradeResult): Promise<void> {
  await db.transaction('rw', db.gradeStates, db.gradeLog, async () => {
    await db.gradeStates.bulkDelete(result.remove);
    await db.gradeStates.bulkPut(result.put);
    await db.gradeLog.bulkAdd(result.log as GradeLogRow[]);
  });
}

/** The filed customers' ids: only they are graded. */
export async function filedIds(db: KeqingDb): Promise<Set<number>> {
  return new Set(await customerIds(db));
}
