import { describe, expect, it } from 'vitest';
import { isOpen, validateComplaint } from '../../src/lib/complaints/complaint';
import { dayFromIso, dayFromYmd, isoFromDay } from '../../src/lib/dates';
import { classroomDemo, COURSE_STORE, TIME_LOG_DAYS } from '../../src/lib/demo/classroom';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { isOverdue } from '../../src/lib/scorecard/actions';
import { courseSet } from '../../src/lib/scorecard/dimensions';
import { assessmentToJson, parseAssessmentFile } from '../../src/lib/scorecard/file';
import { overallScore } from '../../src/lib/scorecard/scoring';

const endDay = dayFromYmd(2026, 11, 23);
const store = generateDemoStore({ seed: 5, customers: 150, endDay });
const demo = classroomDemo(demoDefaults.seed, endDay, store.customers);

describe('the demo store’s classroom data', () => {
  it('is the same for the same seed and end day', () => {
    const again = classroomDemo(demoDefaults.seed, endDay, store.customers);
    expect(again).toEqual(demo);
  });

  it('has six reps with four weeks of 8-hour days, one day off a week each', () => {
    expect(demo.timeSetup.reps.map((r) => r.name)).toEqual(['黄丽', '陈敏', '林晓', '周婷', '吴磊', '郑雪']);
    expect(TIME_LOG_DAYS).toBe(28);
    for (const rep of demo.timeSetup.reps) {
      const mine = demo.timeEntries.filter((e) => e.rep === rep.id);
      const days = new Set(mine.map((e) => e.day));
      // 28 days = 4 weeks, one day off in each: 24 working days.
      expect(days.size).toBe(24);
      for (const day of days) expect(mine.filter((e) => e.day === day).reduce((s, e) => s + e.minutes, 0)).toBe(480);
      expect(Math.min(...days)).toBeGreaterThanOrEqual(endDay - 27);
      expect(Math.max(...days)).toBeLessThanOrEqual(endDay);
    }
    // Every entry names one of the course's five categories.
    const ids = new Set(demo.timeSetup.categories.map((c) => c.id));
    expect(demo.timeEntries.every((e) => ids.has(e.category) && e.minutes > 0 && e.minutes % 5 === 0)).toBe(true);
  });

  it('plans each rep’s week (6 × 480 minutes, more of it selling) and month', () => {
    expect(demo.timePlans).toHaveLength(12);
    const week = demo.timePlans.find((p) => p.kind === 'week' && p.repId === 'r1')!;
    expect(week.kind === 'week' && Object.values(week.minutes).reduce((a, b) => a + b, 0)).toBe(6 * 480);
    // 2026-11-23 is a Monday: the week starts on the end day itself.
    expect(week.period).toBe(endDay);
    // Selling: 35 % of 2,880 = 1,008 minutes.
    expect(week.kind === 'week' && week.minutes.selling).toBe(1_008);
  });

  it('assesses the course’s example store twice, a quarter apart, and it improved', () => {
    const [first, second] = demo.assessments;
    expect(demo.assessments).toHaveLength(2);
    expect([first!.store, second!.store]).toEqual([COURSE_STORE, COURSE_STORE]);
    expect(dayFromIso(second!.date)! - dayFromIso(first!.date)!).toBe(91);
    expect(second!.date).toBe(isoFromDay(endDay - 7));
    // Key accounts weigh 2. First: 3+3+2+1+3+2+2+1×2+1+2+2 = 23, over 12 = 1.9166…
    expect(overallScore(courseSet, first!)).toBeCloseTo(23 / 12, 10);
    // Second: 3+4+3+2+3+3+2+2×2+2+3+2 = 31, over 12 = 2.5833…
    expect(overallScore(courseSet, second!)).toBeCloseTo(31 / 12, 10);
    // The notes are the course's worked example of each dimension.
    expect(first!.entries.training!.note).toBe(courseSet.dimensions.find((d) => d.id === 'training')!.hint.zh);
  });

  it('plans actions, two of them overdue at the end day, and hands in homework 3', () => {
    const second = demo.assessments[1]!;
    const today = isoFromDay(endDay);
    expect(second.actions).toHaveLength(5);
    // Due 5 and 2 days before the second assessment (7 days before the end day), not done.
    expect(second.actions.filter((a) => isOverdue(a, today)).map((a) => a.id)).toEqual(['demo-b2', 'demo-b5']);
    expect(second.training?.topics).toEqual(['crm', 'followUpCalls', 'segmentScripts', 'caseRolePlay']);
    // The file a trainee hands in carries it, and reads back the same.
    const back = parseAssessmentFile(assessmentToJson({ set: courseSet, assessment: second }));
    expect(back.ok && back.value.assessment).toEqual(second);
  });

  it('gives the trainer a class of eight, seven of whom handed in homework 3', () => {
    const members = demo.trainerClass.members;
    expect(members).toHaveLength(8);
    expect(new Set(members.map((m) => m.assessment.id)).size).toBe(8);
    expect(members.filter((m) => m.assessment.training).length).toBe(7);
    for (const m of members) for (const d of courseSet.dimensions) expect(m.assessment.entries[d.id]!.score).toBeGreaterThanOrEqual(1);
    // Every member is a valid file on its own.
    for (const m of members) expect(parseAssessmentFile(assessmentToJson(m)).ok).toBe(true);
  });

  it('logs six valid complaints of filed customers, four still open', () => {
    expect(demo.complaints).toHaveLength(6);
    const ids = new Set(store.customers.map((c) => c.id));
    for (const c of demo.complaints) {
      expect(validateComplaint(c)).toEqual({ ok: true, value: c });
      expect(ids.has(c.customerId!)).toBe(true);
      expect(dayFromIso(c.date)!).toBeLessThanOrEqual(endDay);
    }
    // Steps done 5, 5, 3, 2, 1, 1: the last four are open.
    expect(demo.complaints.map(isOpen)).toEqual([false, false, true, true, true, true]);
  });

  it('tags customers only with tags that exist, and its auto rules name existing tags', () => {
    const tagIds = new Set(demo.tagGroups.flatMap((g) => g.tags.map((t) => t.id)));
    expect(demo.autoTags.every((r) => tagIds.has(r.tagId))).toBe(true);
    const used = [...demo.customerTags.values()].flat();
    expect(used.every((id) => tagIds.has(id))).toBe(true);
    // Every customer who shopped on the website carries 线上引流 (dt7).
    for (const c of store.customers) if (c.channel === 'website') expect(demo.customerTags.get(c.id)).toContain('dt7');
    expect(demo.customerTags.size).toBeGreaterThan(store.customers.length / 2);
  });
});
