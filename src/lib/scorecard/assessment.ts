/** One filled-in scorecard: who rated which store when, a score and target per dimension, and the action plan. */
import type { ActionItem } from './actions';
import { isScore, type DimensionSet, type Score } from './dimensions';
import type { TrainingSuggestion } from './training';

export const roles = ['manager', 'assistantManager', 'rep', 'trainee'] as const;
export type Role = (typeof roles)[number];

export interface Entry {
  /** null until rated. */
  score: Score | null;
  target: Score | null;
  /** Relative weight, ≥ 0; equal (1) unless changed. */
  weight: number;
  note: string;
}

export interface Assessment {
  /** A random id: also what tells two files of the same trainee's assessment apart from two trainees. */
  id: string;
  setId: string;
  setVersion: number;
  store: string;
  assessor: string;
  role: Role;
  /** YYYY-MM-DD. */
  date: string;
  /** By dimension id; a dimension without an entry reads as `blankEntry`. */
  entries: Record<string, Entry>;
  actions: ActionItem[];
  /** Homework 3 (lib/scorecard/training), when the trainee filled it in; absent in older files. */
  training?: TrainingSuggestion;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}

/** The target most stores aim for at first ("4 较好"); each one is editable. */
export const DEFAULT_TARGET: Score = 4;
export const MAX_WEIGHT = 10;

export const blankEntry = (): Entry => ({ score: null, target: DEFAULT_TARGET, weight: 1, note: '' });

export function newAssessment(set: DimensionSet, fields: { id: string; store: string; assessor: string; role: Role; date: string; now: string }): Assessment {
  return {
    id: fields.id,
    setId: set.id,
    setVersion: set.version,
    store: fields.store,
    assessor: fields.assessor,
    role: fields.role,
    date: fields.date,
    entries: Object.fromEntries(set.dimensions.map((dim) => [dim.id, blankEntry()])),
    actions: [],
    createdAt: fields.now,
    updatedAt: fields.now,
  };
}

export const entryOf = (a: Assessment, dimensionId: string): Entry => a.entries[dimensionId] ?? blankEntry();

/** How many of the set's dimensions have a score. */
export function scoredCount(set: DimensionSet, a: Assessment): number {
  return set.dimensions.filter((dim) => isScore(entryOf(a, dim.id).score)).length;
}
