/**
 * The files a trainee hands in and a trainer collects: one assessment with the dimension set it
 * was made with (so it reads anywhere), or a whole class. Versioned JSON, checked field by field:
 * what is stored is rebuilt from checked values only, never the parsed object itself.
 */
import { dayFromIso } from '../dates';
import { err, ok, type Result } from '../result';
import { actionStatuses, type ActionItem } from './actions';
import { MAX_WEIGHT, roles, type Assessment, type Entry } from './assessment';
import { isScore, type Dimension, type DimensionSet, type Text } from './dimensions';
import { TRAINING_TEXT_MAX, trainingForms, trainingTopics, type TrainingSuggestion } from './training';

export const ASSESSMENT_FORMAT = 'keqing.scorecard';
export const CLASS_FORMAT = 'keqing.scorecard-class';
/**
 * Still 1: fields added since (the homework-3 `training`) are optional, so an older file reads as
 * before and an older Keqing reads a newer file, leaving out only what it does not know.
 */
export const FILE_VERSION = 1;

export interface AssessmentFile {
  set: DimensionSet;
  assessment: Assessment;
}

export interface ClassFile {
  name: string;
  anonymous: boolean;
  members: AssessmentFile[];
}

export type FileError =
  | { code: 'scorecard.file.notJson' }
  | { code: 'scorecard.file.foreign' }
  | { code: 'scorecard.file.newer'; version: number }
  | { code: 'scorecard.file.invalid'; field: string };

export function assessmentToJson(file: AssessmentFile): string {
  return JSON.stringify({ format: ASSESSMENT_FORMAT, version: FILE_VERSION, set: file.set, assessment: file.assessment }, null, 2);
}

export function classToJson(file: ClassFile): string {
  const members = file.members.map((m) => ({ set: m.set, assessment: m.assessment }));
  return JSON.stringify({ format: CLASS_FORMAT, version: FILE_VERSION, name: file.name, anonymous: file.anonymous, members }, null, 2);
}

class Invalid extends Error {
  constructor(readonly field: string) {
    super(field);
  }
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
function obj(v: unknown, field: string): Obj {
  if (!isObject(v)) throw new Invalid(field);
  return v;
}
function str(v: unknown, field: string, max = 2000): string {
  if (typeof v !== 'string' || v.length > max) throw new Invalid(field);
  return v;
}
function id(v: unknown, field: string): string {
  const s = str(v, field, 100);
  if (s.trim() === '') throw new Invalid(field);
  return s;
}
function iso(v: unknown, field: string): string {
  const s = str(v, field, 40);
  if (Number.isNaN(Date.parse(s))) throw new Invalid(field);
  return s;
}
function day(v: unknown, field: string, optional = false): string {
  const s = str(v, field, 10);
  if (optional && s === '') return s;
  if (dayFromIso(s) === null) throw new Invalid(field);
  return s;
}
function oneOf<T extends string>(v: unknown, list: readonly T[], field: string): T {
  if (!list.includes(v as T)) throw new Invalid(field);
  return v as T;
}
function arr(v: unknown, field: string, max = 1000): unknown[] {
  if (!Array.isArray(v) || v.length > max) throw new Invalid(field);
  return v;
}
const text = (v: unknown, field: string): Text => {
  const o = obj(v, field);
  return { zh: str(o.zh, `${field}.zh`, 500), en: str(o.en, `${field}.en`, 500) };
};
const scoreOrNull = (v: unknown, field: string) => {
  if (v === null) return null;
  if (!isScore(v)) throw new Invalid(field);
  return v;
};

function readSet(v: unknown): DimensionSet {
  const o = obj(v, 'set');
  const version = o.version;
  if (!Number.isSafeInteger(version) || (version as number) < 1) throw new Invalid('set.version');
  const seen = new Set<string>();
  const dimensions = arr(o.dimensions, 'set.dimensions', 100).map((raw, i): Dimension => {
    const f = `set.dimensions[${i}]`;
    const d = obj(raw, f);
    const dimId = id(d.id, `${f}.id`);
    if (seen.has(dimId)) throw new Invalid(`${f}.id`);
    seen.add(dimId);
    return {
      id: dimId,
      name: text(d.name, `${f}.name`),
      description: text(d.description, `${f}.description`),
      hint: text(d.hint, `${f}.hint`),
      areas: arr(d.areas, `${f}.areas`, 20).map((x, j) => id(x, `${f}.areas[${j}]`)),
    };
  });
  if (dimensions.length === 0) throw new Invalid('set.dimensions');
  return { id: id(o.id, 'set.id'), version: version as number, name: text(o.name, 'set.name'), dimensions };
}

/** With `set` null (a stored row, whose set is another row) only the shape is checked. */
function readAssessment(v: unknown, set: DimensionSet | null): Assessment {
  const o = obj(v, 'assessment');
  const setId = set ? set.id : id(o.setId, 'assessment.setId');
  const setVersion = set ? set.version : (o.setVersion as number);
  if (o.setId !== setId) throw new Invalid('assessment.setId');
  if (o.setVersion !== setVersion || !Number.isSafeInteger(setVersion) || setVersion < 1) throw new Invalid('assessment.setVersion');
  const rawEntries = obj(o.entries, 'assessment.entries');
  const known = { has: (key: string) => (set ? set.dimensions.some((d) => d.id === key) : key.trim() !== '') };
  const entries: Record<string, Entry> = {};
  for (const [key, raw] of Object.entries(rawEntries)) {
    const f = `assessment.entries.${key}`;
    if (!known.has(key)) throw new Invalid(f);
    const e = obj(raw, f);
    const weight = e.weight;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0 || weight > MAX_WEIGHT) throw new Invalid(`${f}.weight`);
    entries[key] = { score: scoreOrNull(e.score, `${f}.score`), target: scoreOrNull(e.target, `${f}.target`), weight, note: str(e.note, `${f}.note`) };
  }
  const actions = arr(o.actions, 'assessment.actions', 500).map((raw, i): ActionItem => {
    const f = `assessment.actions[${i}]`;
    const a = obj(raw, f);
    const dimensionId = id(a.dimensionId, `${f}.dimensionId`);
    if (!known.has(dimensionId)) throw new Invalid(`${f}.dimensionId`);
    return {
      id: id(a.id, `${f}.id`),
      dimensionId,
      text: str(a.text, `${f}.text`),
      owner: str(a.owner, `${f}.owner`, 200),
      due: day(a.due, `${f}.due`, true),
      status: oneOf(a.status, actionStatuses, `${f}.status`),
    };
  });
  const training = o.training === undefined ? undefined : readTraining(o.training);
  return {
    id: id(o.id, 'assessment.id'),
    setId,
    setVersion,
    store: str(o.store, 'assessment.store', 200),
    assessor: str(o.assessor, 'assessment.assessor', 200),
    role: oneOf(o.role, roles, 'assessment.role'),
    date: day(o.date, 'assessment.date'),
    entries,
    actions,
    ...(training ? { training } : {}),
    createdAt: iso(o.createdAt, 'assessment.createdAt'),
    updatedAt: iso(o.updatedAt, 'assessment.updatedAt'),
  };
}

/** Each choice at most once and in the course's order, whatever order the file lists them in. */
function choices<T extends string>(v: unknown, all: readonly T[], field: string): T[] {
  const list = arr(v, field, all.length * 2).map((x, i) => oneOf(x, all, `${field}[${i}]`));
  return all.filter((x) => list.includes(x));
}

function readTraining(v: unknown): TrainingSuggestion {
  const o = obj(v, 'assessment.training');
  return {
    topics: choices(o.topics, trainingTopics, 'assessment.training.topics'),
    forms: choices(o.forms, trainingForms, 'assessment.training.forms'),
    otherTopics: str(o.otherTopics, 'assessment.training.otherTopics', TRAINING_TEXT_MAX),
    suggestions: str(o.suggestions, 'assessment.training.suggestions', TRAINING_TEXT_MAX),
  };
}

function readMember(v: unknown): AssessmentFile {
  const o = obj(v, 'file');
  const set = readSet(o.set);
  return { set, assessment: readAssessment(o.assessment, set) };
}

/** For backup row checks: the field that is wrong, or null. */
function fieldProblem(read: () => unknown): string | null {
  try {
    read();
    return null;
  } catch (e) {
    if (e instanceof Invalid) return e.field;
    throw e;
  }
}
export const setProblem = (row: unknown) => fieldProblem(() => readSet(row));
export const assessmentProblem = (row: unknown) => fieldProblem(() => readAssessment(row, null));
export const memberProblem = (row: unknown) => fieldProblem(() => readMember(row));

export type ParsedFile = { kind: 'assessment'; file: AssessmentFile } | { kind: 'class'; file: ClassFile };

/** Reads either kind of file; anything else is named as foreign, newer or invalid (with the field). */
export function parseScorecardFile(source: string): Result<ParsedFile, FileError> {
  let data: unknown;
  try {
    data = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch {
    return err({ code: 'scorecard.file.notJson' });
  }
  if (!isObject(data) || (data.format !== ASSESSMENT_FORMAT && data.format !== CLASS_FORMAT)) return err({ code: 'scorecard.file.foreign' });
  if (!Number.isSafeInteger(data.version) || (data.version as number) < 1) return err({ code: 'scorecard.file.invalid', field: 'version' });
  if ((data.version as number) > FILE_VERSION) return err({ code: 'scorecard.file.newer', version: data.version as number });
  try {
    if (data.format === ASSESSMENT_FORMAT) return ok({ kind: 'assessment', file: readMember(data) });
    const members = arr(data.members, 'members', 2000).map((m, i) => {
      try {
        return readMember(m);
      } catch (e) {
        if (e instanceof Invalid) throw new Invalid(`members[${i}].${e.field}`);
        throw e;
      }
    });
    if (typeof data.anonymous !== 'boolean') throw new Invalid('anonymous');
    return ok({ kind: 'class', file: { name: str(data.name, 'name', 200), anonymous: data.anonymous, members } });
  } catch (e) {
    if (e instanceof Invalid) return err({ code: 'scorecard.file.invalid', field: e.field });
    throw e;
  }
}

/** Only an assessment file will do (importing into the manager's own history). */
export function parseAssessmentFile(source: string): Result<AssessmentFile, FileError> {
  const r = parseScorecardFile(source);
  if (!r.ok) return r;
  return r.value.kind === 'assessment' ? ok(r.value.file) : err({ code: 'scorecard.file.foreign' });
}
