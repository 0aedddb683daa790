/** The scorecard's data access: assessments, dimension-set versions, trainer classes, the shop's action wording. */
import { setKey, type TrainerClass } from '../lib/store-rows';
import type { Assessment } from '../lib/scorecard/assessment';
import { courseSet, sameSet, setFingerprint, type DimensionSet } from '../lib/scorecard/dimensions';
import type { AssessmentFile } from '../lib/scorecard/file';
import Dexie, { type PromiseExtended } from 'dexie';
import type { KeqingDb } from './db';

const withoutKey = ({ key: _key, ...set }: DimensionSet & { key?: string }): DimensionSet => set;

// Dexie promises, not async functions: they are awaited inside other transactions (importAssessment),
// where a native promise can let the transaction commit before the write (PrematureCommitError).

/** The set an assessment was made with; the built-in course set needs no row. */
export function getSet(db: KeqingDb, id: string, version: number): PromiseExtended<DimensionSet | undefined> {
  if (id === courseSet.id && version === courseSet.version) return Dexie.Promise.resolve(courseSet);
  return db.scorecardSets.get(setKey(id, version)).then((row) => row && withoutKey(row));
}

/** Stores a set version unless that exact version is there already (versions never change). */
export function putSet(db: KeqingDb, set: DimensionSet): PromiseExtended<void> {
  if (set.id === courseSet.id && set.version === courseSet.version) return Dexie.Promise.resolve();
  const key = setKey(set.id, set.version);
  return db.transaction('rw', db.scorecardSets, () =>
    db.scorecardSets.get(key).then((row) => {
      if (!row) return db.scorecardSets.put({ ...set, key }).then(() => undefined);
    }),
  );
}

/** The set new assessments use: the latest version of the course set (the trainer's edits included). */
export async function currentSet(db: KeqingDb): Promise<DimensionSet> {
  const rows = await db.scorecardSets.where('id').equals(courseSet.id).toArray();
  const latest = rows.sort((a, b) => b.version - a.version)[0];
  return latest ? withoutKey(latest) : courseSet;
}

export const listAssessments = (db: KeqingDb) => db.assessments.toArray();
export const getAssessment = (db: KeqingDb, id: string) => db.assessments.get(id);
export const saveAssessment = (db: KeqingDb, a: Assessment) => db.assessments.put(a);
export const deleteAssessment = (db: KeqingDb, id: string) => db.assessments.delete(id);

/** An assessment with its set, as a file holds it. */
export async function assessmentFile(db: KeqingDb, id: string): Promise<AssessmentFile | undefined> {
  const assessment = await db.assessments.get(id);
  if (!assessment) return undefined;
  const set = await getSet(db, assessment.setId, assessment.setVersion);
  return set && { set, assessment };
}

/**
 * Imports a file's assessment (replacing one with the same id) and keeps its set version. A set
 * that clashes with a different one stored here under the same id and version (edited on another
 * machine) is kept under its own id, so the assessment still reads with the set it was made with.
 */
export function importAssessment(db: KeqingDb, file: AssessmentFile): PromiseExtended<AssessmentFile> {
  return db.transaction('rw', db.assessments, db.scorecardSets, () =>
    getSet(db, file.set.id, file.set.version).then((here) => {
      const set = here && !sameSet(here, file.set) ? { ...file.set, id: `${file.set.id}~${setFingerprint(file.set)}` } : file.set;
      const assessment = { ...file.assessment, setId: set.id };
      return putSet(db, set)
        .then(() => db.assessments.put(assessment))
        .then(() => ({ set, assessment }));
    }),
  );
}

export const listClasses = (db: KeqingDb) => db.trainerClasses.orderBy('updatedAt').reverse().toArray();
export const getClass = (db: KeqingDb, id: string) => db.trainerClasses.get(id);
export const saveClass = (db: KeqingDb, c: TrainerClass) => db.trainerClasses.put(c);
export const deleteClass = (db: KeqingDb, id: string) => db.trainerClasses.delete(id);

/** The shop's own wording of suggested improvement actions, by action key (lib/scorecard/improvements). */
export function getActionWording(db: KeqingDb): PromiseExtended<Record<string, string>> {
  return db.settings.get('scorecardActionWording').then((row) => (row?.value as Record<string, string> | undefined) ?? {});
}
export async function saveActionWording(db: KeqingDb, key: string, text: string): Promise<void> {
  await db.transaction('rw', db.settings, () => getActionWording(db).then((own) => db.settings.put({ key: 'scorecardActionWording', value: { ...own, [key]: text } })));
}
