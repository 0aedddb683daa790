/**
 * The course's homework 3 (seed 000, 作业 3): "请提交对于门店培训的建议和希望提供的培训内容、形式"
 * — the trainee's suggestions for store training, and the content and form they hope for. The
 * choices are the course's own lists (its training cadence and topics, domain.md §1); free text
 * covers the rest. It travels inside the trainee's assessment file, so one file hands in both.
 */

/** Topics the course names for store training (seed 000: 全店主题培训, 关键问题, 课程). */
export const trainingTopics = [
  'crm',
  'followUpCalls',
  'segmentScripts',
  'communication',
  'productBasics',
  'advancedSelling',
  'caseRolePlay',
  'complaints',
  'competitors',
  'bestPractice',
] as const;
export type TrainingTopic = (typeof trainingTopics)[number];

/** The course's training forms and their cadence (早会/晚会 daily … 入职 within 3 months). */
export const trainingForms = ['dailyMeeting', 'weeklyMeeting', 'specialised', 'advanced', 'induction', 'storeVisits'] as const;
export type TrainingForm = (typeof trainingForms)[number];

export const TRAINING_TEXT_MAX = 2000;

export interface TrainingSuggestion {
  /** In the order of `trainingTopics`, each once. */
  topics: TrainingTopic[];
  forms: TrainingForm[];
  /** Other content wished for, in the trainee's words. */
  otherTopics: string;
  /** The suggestions for the store's training. */
  suggestions: string;
}

export const emptyTraining = (): TrainingSuggestion => ({ topics: [], forms: [], otherTopics: '', suggestions: '' });

/** Nothing chosen and nothing written: a file need not carry it. */
export const isTrainingEmpty = (t: TrainingSuggestion): boolean => t.topics.length === 0 && t.forms.length === 0 && t.otherTopics.trim() === '' && t.suggestions.trim() === '';

/** Ticks or unticks one choice, keeping the list in the course's order. */
export function toggleChoice<T extends string>(list: readonly T[], all: readonly T[], item: T, on: boolean): T[] {
  const chosen = new Set(list);
  if (on) chosen.add(item);
  else chosen.delete(item);
  return all.filter((x) => chosen.has(x));
}

export interface ChoiceCount<T extends string> {
  id: T;
  count: number;
}

/**
 * What a class asked for: how many trainees ticked each topic and form, most asked first (ties in
 * the course's order), and how many handed the homework in at all.
 */
export function classTrainingWishes(items: readonly (TrainingSuggestion | undefined)[]): { handedIn: number; topics: ChoiceCount<TrainingTopic>[]; forms: ChoiceCount<TrainingForm>[] } {
  const given = items.filter((t): t is TrainingSuggestion => t !== undefined && !isTrainingEmpty(t));
  const count = <T extends string>(all: readonly T[], pickList: (t: TrainingSuggestion) => readonly T[]): ChoiceCount<T>[] =>
    all
      .map((id) => ({ id, count: given.filter((t) => pickList(t).includes(id)).length }))
      .filter((c) => c.count > 0)
      // Array.prototype.sort is stable: equal counts keep the course's order.
      .sort((a, b) => b.count - a.count);
  return { handedIn: given.length, topics: count(trainingTopics, (t) => t.topics), forms: count(trainingForms, (t) => t.forms) };
}
