import { describe, expect, it } from 'vitest';
import { exportBackup, restoreRows } from '../../src/data/backup';
import { currentSet, getSet, importAssessment, listAssessments, putSet, saveClass } from '../../src/data/scorecard';
import { readBackup } from '../../src/lib/backup/read';
import { validateTables } from '../../src/lib/backup/validate';
import { newAssessment } from '../../src/lib/scorecard/assessment';
import { courseSet, renameDimension } from '../../src/lib/scorecard/dimensions';
import { freshDb } from './helpers';

const now = '2026-11-23T08:00:00.000Z';
const renamed = (() => {
  const r = renameDimension(courseSet, 'training', { zh: '培训与辅导', en: 'Training and coaching' });
  if (!r.ok) throw new Error('rename');
  return r.value;
})();

describe('scorecard storage', () => {
  it('keeps every set version: old assessments read with theirs, new ones use the latest', async () => {
    const db = freshDb();
    expect(await currentSet(db)).toBe(courseSet);
    const old = newAssessment(courseSet, { id: 'q1', store: '一号店', assessor: '王芳', role: 'manager', date: '2026-03-31', now });
    await importAssessment(db, { set: courseSet, assessment: old });
    await putSet(db, renamed);
    expect((await currentSet(db)).version).toBe(2);
    expect((await getSet(db, 'course', 1))!.dimensions.find((d) => d.id === 'training')!.name.zh).toBe('培训');
    expect((await getSet(db, 'course', 2))!.dimensions.find((d) => d.id === 'training')!.name.zh).toBe('培训与辅导');
    // A version never changes once stored.
    await putSet(db, { ...renamed, name: { zh: '改', en: 'changed' } });
    expect((await getSet(db, 'course', 2))!.name).toEqual(courseSet.name);
  });

  it('keeps a foreign set that clashes with a local version under its own id', async () => {
    const db = freshDb();
    await putSet(db, renamed); // this trainer's version 2
    const r = renameDimension(courseSet, 'image', { zh: '门店形象', en: 'Store image' });
    if (!r.ok) throw new Error('rename');
    const theirs = r.value; // another trainer's, also version 2
    const a = newAssessment(theirs, { id: 'x', store: '三号店', assessor: '赵', role: 'trainee', date: '2026-11-20', now });
    const stored = await importAssessment(db, { set: theirs, assessment: a });
    expect(stored.set.id).toMatch(/^course~[0-9a-z]+$/);
    const back = (await getSet(db, stored.assessment.setId, 2))!;
    expect(back.dimensions[0]!.name.en).toBe('Store image');
    expect((await getSet(db, 'course', 2))!.dimensions[0]!.name.en).toBe(courseSet.dimensions[0]!.name.en);
    // The same file again lands on the same re-keyed set.
    expect((await importAssessment(db, { set: theirs, assessment: a })).set.id).toBe(stored.set.id);
  });

  it('carries assessments, set versions and classes through a backup, and rejects a bad row', async () => {
    const source = freshDb();
    const a = { ...newAssessment(renamed, { id: 'q2', store: '一号店', assessor: '王芳', role: 'manager', date: '2026-06-30', now }), actions: [{ id: 'x', dimensionId: 'training', text: '每周周会', owner: '王芳', due: '2026-07-31', status: 'doing' as const }] };
    a.entries.training!.score = 2;
    await importAssessment(source, { set: renamed, assessment: a });
    await saveClass(source, { id: 'c1', name: '训练营', anonymous: true, members: [{ set: renamed, assessment: a }], createdAt: now, updatedAt: now });
    const read = await readBackup(await exportBackup(source));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const target = freshDb();
    await restoreRows(target, read.value.rows);
    expect(await listAssessments(target)).toEqual([a]);
    expect(await target.scorecardSets.toArray()).toEqual(await source.scorecardSets.toArray());
    expect(await target.trainerClasses.toArray()).toEqual(await source.trainerClasses.toArray());

    const broken = { ...a, entries: { ...a.entries, training: { ...a.entries.training!, score: 9 } } };
    expect(validateTables({ assessments: [broken] })).toEqual({ ok: false, error: { code: 'backup.badRow', table: 'assessments', row: 1, problem: 'badField', field: 'assessment.entries.training.score' } });
    const badKey = { ...renamed, key: 'course@9' };
    expect(validateTables({ scorecardSets: [badKey] })).toMatchObject({ ok: false, error: { table: 'scorecardSets', problem: 'badKey' } });
    expect(validateTables({ trainerClasses: [{ id: 'c', name: 'x', anonymous: false, createdAt: now, updatedAt: now, members: [{ set: renamed, assessment: { ...a, role: 'boss' } }] }] })).toMatchObject({ ok: false, error: { table: 'trainerClasses', field: 'members[0].assessment.role' } });
  });
});
