import { describe, expect, it } from 'vitest';
import { assessmentProblem, assessmentToJson, classToJson, parseAssessmentFile, parseScorecardFile } from '../../src/lib/scorecard/file';
import { newAssessment } from '../../src/lib/scorecard/assessment';
import { courseSet } from '../../src/lib/scorecard/dimensions';
import { classTrainingWishes, emptyTraining, isTrainingEmpty, toggleChoice, trainingForms, trainingTopics, type TrainingSuggestion } from '../../src/lib/scorecard/training';

const base = () => newAssessment(courseSet, { id: 'hw3', store: '一号店', assessor: '李雷', role: 'trainee', date: '2026-11-20', now: '2026-11-20T08:00:00.000Z' });
const homework: TrainingSuggestion = { topics: ['crm', 'caseRolePlay'], forms: ['weeklyMeeting'], otherTopics: '陈列搭配', suggestions: '培训放在上午，不占晚上时间' };

describe('homework 3 (培训建议)', () => {
  it('keeps choices once, in the course’s order, whatever order they are ticked in', () => {
    let topics = toggleChoice([], trainingTopics, 'caseRolePlay', true);
    topics = toggleChoice(topics, trainingTopics, 'crm', true);
    topics = toggleChoice(topics, trainingTopics, 'crm', true);
    expect(topics).toEqual(['crm', 'caseRolePlay']);
    expect(toggleChoice(topics, trainingTopics, 'crm', false)).toEqual(['caseRolePlay']);
    expect(isTrainingEmpty(emptyTraining())).toBe(true);
    expect(isTrainingEmpty({ ...emptyTraining(), suggestions: '  ' })).toBe(true);
    expect(isTrainingEmpty({ ...emptyTraining(), forms: ['induction'] })).toBe(false);
  });

  it('sums a class’s wishes, most asked first, ties in the course’s order', () => {
    const wishes = classTrainingWishes([
      { ...emptyTraining(), topics: ['crm', 'complaints'], forms: ['weeklyMeeting'] },
      { ...emptyTraining(), topics: ['complaints', 'followUpCalls'], forms: ['weeklyMeeting', 'induction'] },
      undefined, // an older file: no homework
      emptyTraining(), // opened, nothing filled in: not handed in
      { ...emptyTraining(), topics: ['complaints'], suggestions: '多讲案例' },
    ]);
    expect(wishes.handedIn).toBe(3);
    // complaints 3; crm 1 and followUpCalls 1 tie: crm comes first in the course's list.
    expect(wishes.topics).toEqual([{ id: 'complaints', count: 3 }, { id: 'crm', count: 1 }, { id: 'followUpCalls', count: 1 }]);
    expect(wishes.forms).toEqual([{ id: 'weeklyMeeting', count: 2 }, { id: 'induction', count: 1 }]);
  });
});

describe('the scorecard file with homework 3', () => {
  it('exports and imports the homework with the assessment, alone and in a class file', () => {
    const a = { ...base(), training: homework };
    const back = parseAssessmentFile(assessmentToJson({ set: courseSet, assessment: a }));
    expect(back.ok && back.value.assessment.training).toEqual(homework);
    const cls = parseScorecardFile(classToJson({ name: '一班', anonymous: false, members: [{ set: courseSet, assessment: a }] }));
    expect(cls.ok && cls.value.kind === 'class' && cls.value.file.members[0]!.assessment.training).toEqual(homework);
    // Still format version 1: an older Keqing reads the file and leaves the homework out.
    expect(JSON.parse(assessmentToJson({ set: courseSet, assessment: a })).version).toBe(1);
  });

  it('still imports a file written before homework 3 existed, without inventing one', () => {
    // As the previous release wrote it: no `training` key at all.
    const old = JSON.parse(assessmentToJson({ set: courseSet, assessment: base() }));
    expect('training' in old.assessment).toBe(false);
    const r = parseAssessmentFile(JSON.stringify(old));
    expect(r.ok).toBe(true);
    expect(r.ok && 'training' in r.value.assessment).toBe(false);
    expect(r.ok && r.value.assessment).toEqual(base());
  });

  it('puts ticked choices in order and drops repeats, as the form would', () => {
    const data = JSON.parse(assessmentToJson({ set: courseSet, assessment: { ...base(), training: homework } }));
    data.assessment.training.topics = ['caseRolePlay', 'crm', 'crm'];
    const r = parseAssessmentFile(JSON.stringify(data));
    expect(r.ok && r.value.assessment.training?.topics).toEqual(['crm', 'caseRolePlay']);
  });

  it.each([
    ['an unknown topic', (t: Record<string, unknown>) => (t.topics = ['crm', 'yoga']), 'assessment.training.topics[1]'],
    ['an unknown form', (t: Record<string, unknown>) => (t.forms = ['podcast']), 'assessment.training.forms[0]'],
    ['topics that are not a list', (t: Record<string, unknown>) => (t.topics = 'crm'), 'assessment.training.topics'],
    ['a missing suggestions text', (t: Record<string, unknown>) => delete t.suggestions, 'assessment.training.suggestions'],
    ['a suggestions text over 2,000 characters', (t: Record<string, unknown>) => (t.suggestions = '长'.repeat(2001)), 'assessment.training.suggestions'],
  ])('names the field for %s', (_, spoil, field) => {
    const data = JSON.parse(assessmentToJson({ set: courseSet, assessment: { ...base(), training: homework } }));
    spoil(data.assessment.training);
    expect(parseAssessmentFile(JSON.stringify(data))).toEqual({ ok: false, error: { code: 'scorecard.file.invalid', field } });
  });

  it('refuses homework that is not an object, and checks it in a backup row too', () => {
    const data = JSON.parse(assessmentToJson({ set: courseSet, assessment: base() }));
    data.assessment.training = 'lots';
    expect(parseAssessmentFile(JSON.stringify(data))).toEqual({ ok: false, error: { code: 'scorecard.file.invalid', field: 'assessment.training' } });
    expect(assessmentProblem(data.assessment)).toBe('assessment.training');
    expect(assessmentProblem({ ...base(), training: homework })).toBeNull();
  });

  it('lists every topic and form the course names', () => {
    expect(trainingTopics).toHaveLength(10);
    expect(trainingForms).toEqual(['dailyMeeting', 'weeklyMeeting', 'specialised', 'advanced', 'induction', 'storeVisits']);
  });
});
