/**
 * The demo store's classroom data, so every screen has something to show in class (issue 18):
 * sales reps with four weeks of time log, two scorecard assessments of the course's example store a
 * quarter apart (with an action plan and homework 3), a trainer's class of trainees' assessments,
 * complaints, tag groups with hand tags and auto-tag rules. Kept apart from generate.ts, with its
 * own random stream, so the demo's customer and purchase figures do not move.
 */
import type { Complaint, ComplaintStep, StepRecord } from '../complaints/complaint';
import { complaintSteps } from '../complaints/complaint';
import type { Customer } from '../customers/customer';
import { dayFromYmd, isoFromDay, ymdFromDay } from '../dates';
import { createRandom, type Random } from '../random';
import type { ActionItem, ActionStatus } from '../scorecard/actions';
import { newAssessment, type Assessment } from '../scorecard/assessment';
import { courseSet, type Score } from '../scorecard/dimensions';
import type { AssessmentFile } from '../scorecard/file';
import { trainingForms, trainingTopics, type TrainingSuggestion } from '../scorecard/training';
import type { TrainerClass } from '../store-rows';
import type { AutoTag } from '../tags/auto';
import type { TagGroup } from '../tags/tags';
import { monthOfDay, type TimeEntry } from '../timeuse/entries';
import { planKey, type TimePlan } from '../timeuse/plans';
import { defaultSetup, type Rep, type TimeSetup } from '../timeuse/setup';
import { mondayOf } from '../timeuse/weeks';

export interface ClassroomDemo {
  timeSetup: TimeSetup;
  timeEntries: TimeEntry[];
  /** This week's action plan and this month's focus targets per rep (每星期行动计划表 / 每月底重点行动目标表). */
  timePlans: TimePlan[];
  /** The course's example store, assessed twice a quarter apart (oldest first). */
  assessments: Assessment[];
  trainerClass: TrainerClass;
  complaints: Omit<Complaint, 'id'>[];
  tagGroups: TagGroup[];
  autoTags: AutoTag[];
  /** Hand tags by customer id. */
  customerTags: Map<number, string[]>;
}

export const COURSE_STORE = '课程示例门店';
export const TIME_LOG_DAYS = 28;
const DAY_MINUTES = 480;

/** Reps of the two sales groups the funnel demo uses (A组 / B组), and the manager. */
const repList: Omit<Rep, 'id'>[] = [
  { name: '黄丽', role: 'manager' },
  { name: '陈敏', role: 'assistant', group: 'A组' },
  { name: '林晓', role: 'rep', group: 'A组' },
  { name: '周婷', role: 'rep', group: 'A组' },
  { name: '吴磊', role: 'rep', group: 'B组' },
  { name: '郑雪', role: 'rep', group: 'B组' },
];

/**
 * Each rep's split of a day around the course's measured one (invoicing 30, selling 25, admin 25,
 * reports 10, visiting 10): the manager reports more, one rep sells more, so the shares differ.
 */
const repSplits: Record<string, number>[] = [
  { invoicing: 0.2, selling: 0.2, admin: 0.3, reports: 0.2, visiting: 0.1 },
  { invoicing: 0.3, selling: 0.25, admin: 0.2, reports: 0.1, visiting: 0.15 },
  { invoicing: 0.25, selling: 0.35, admin: 0.15, reports: 0.1, visiting: 0.15 },
  { invoicing: 0.35, selling: 0.2, admin: 0.25, reports: 0.1, visiting: 0.1 },
  { invoicing: 0.3, selling: 0.25, admin: 0.25, reports: 0.1, visiting: 0.1 },
  { invoicing: 0.3, selling: 0.3, admin: 0.2, reports: 0.1, visiting: 0.1 },
];

/** The course's example company as it is (seed 000), then a quarter after the first actions. */
const firstScores: Record<string, Score> = { image: 3, organisation: 3, customerInfo: 2, segmentation: 1, salesProcess: 3, serviceProcess: 2, consultative: 2, keyAccounts: 1, marketing: 1, training: 2, indicators: 2 };
const secondScores: Record<string, Score> = { image: 3, organisation: 4, customerInfo: 3, segmentation: 2, salesProcess: 3, serviceProcess: 3, consultative: 2, keyAccounts: 2, marketing: 2, training: 3, indicators: 2 };

export function classroomDemo(seed: number, endDay: number, customers: readonly Customer[]): ClassroomDemo {
  const rnd = createRandom(seed ^ 0xc1a55);
  const timeSetup = defaultSetup(true);
  timeSetup.reps = repList.map((r, i) => ({ id: `r${i + 1}`, ...r }));
  timeSetup.targetSellingShare = 0.45;
  return {
    timeSetup,
    timeEntries: timeLog(rnd, timeSetup.reps, endDay),
    timePlans: timePlans(timeSetup.reps, endDay),
    assessments: courseStoreAssessments(endDay),
    trainerClass: trainerClass(rnd, endDay),
    complaints: complaints(rnd, endDay, customers),
    ...tags(rnd, customers),
  };
}

/** Four weeks up to `endDay`, six working days a week (the rep's day off rotates), 8 hours a day. */
function timeLog(rnd: Random, reps: readonly Rep[], endDay: number): TimeEntry[] {
  const entries: TimeEntry[] = [];
  reps.forEach((rep, r) => {
    const split = repSplits[r % repSplits.length]!;
    for (let day = endDay - TIME_LOG_DAYS + 1; day <= endDay; day++) {
      // Day numbers: day 0 was a Thursday, so (day + 3) % 7 is 0 on Mondays.
      if ((day + 3) % 7 === r % 7) continue;
      let left = DAY_MINUTES;
      const categories = Object.keys(split);
      categories.forEach((category, k) => {
        // ±10 minutes a day around the rep's split, in 5-minute steps; the last category takes the rest.
        const minutes = k === categories.length - 1 ? left : Math.max(5, Math.round((split[category]! * DAY_MINUTES + rnd.int(-2, 2) * 5) / 5) * 5);
        left -= minutes;
        if (minutes > 0) entries.push({ rep: rep.id, day, category, minutes });
      });
    }
  });
  return entries;
}

/**
 * The week's plan moves time toward selling (the course's question: how do reps win back revenue
 * time?): 6 days × 480 minutes, 35 % selling and 15 % visiting planned against the recorded ~35 %.
 */
const plannedSplit: Record<string, number> = { invoicing: 0.25, selling: 0.35, admin: 0.15, reports: 0.1, visiting: 0.15 };

function timePlans(reps: readonly Rep[], endDay: number): TimePlan[] {
  const monday = mondayOf(endDay);
  const month = monthOfDay(endDay);
  return reps.flatMap((rep, i): TimePlan[] => [
    {
      key: planKey('week', rep.id, monday),
      kind: 'week',
      repId: rep.id,
      period: monday,
      minutes: Object.fromEntries(Object.entries(plannedSplit).map(([c, share]) => [c, Math.round(share * 6 * DAY_MINUTES)])),
      targets: [
        { text: '回访上周购买的老客户', target: 15, actual: 9 + i },
        { text: '登记试穿未购买的潜在客户', target: 10, actual: 4 + i },
      ],
    },
    {
      key: planKey('month', rep.id, month),
      kind: 'month',
      repId: rep.id,
      period: month,
      // Seed 004: each group adds 30 new files a month; a rep carries part of it.
      targets: [
        { text: '新建客户档案', target: rep.role === 'manager' ? 10 : 15, actual: null },
        { text: '金钻卡客户每周联系一次', target: 4, actual: null },
      ],
      declaredAt: at(dayFromYmd(ymdFromDay(endDay).year, ymdFromDay(endDay).month, 1)),
    },
  ]);
}

const at = (day: number) => `${isoFromDay(day)}T09:00:00.000Z`;

function action(id: string, dimensionId: string, text: string, owner: string, due: number, status: ActionStatus): ActionItem {
  return { id, dimensionId, text, owner, due: isoFromDay(due), status };
}

/** The first assessment a quarter (91 days) before the second, a week before the demo's end. */
function courseStoreAssessments(endDay: number): Assessment[] {
  const secondDay = endDay - 7;
  const firstDay = secondDay - 91;
  const make = (id: string, day: number, scores: Record<string, Score>) => {
    const a = newAssessment(courseSet, { id, store: COURSE_STORE, assessor: '黄丽', role: 'manager', date: isoFromDay(day), now: at(day) });
    for (const d of courseSet.dimensions) a.entries[d.id] = { ...a.entries[d.id]!, score: scores[d.id]!, note: d.hint.zh };
    a.entries.keyAccounts!.weight = 2;
    return a;
  };
  const first = make('demo-course-1', firstDay, firstScores);
  first.actions = [
    action('demo-a1', 'customerInfo', '潜在客户试穿议价时即登记：联系方式、意向款式、颜色、预计购买时间', '陈敏', firstDay + 30, 'done'),
    action('demo-a2', 'training', '晚例会改为每周二、五各 30 分钟：疑难案例讨论加角色演练', '黄丽', firstDay + 21, 'done'),
    action('demo-a3', 'keyAccounts', '金钻卡客户每周专人联系一次，记入联系记录', '林晓', firstDay + 45, 'doing'),
  ];
  const second = make('demo-course-2', secondDay, secondScores);
  second.actions = [
    action('demo-b1', 'segmentation', '按 RFM 把老客户分成八大客户群，每群定一条跟进动作', '陈敏', secondDay + 30, 'doing'),
    // Carried over from the first quarter and now late: the Overview and the plan show it overdue.
    action('demo-b2', 'keyAccounts', '金钻卡客户每周专人联系一次，记入联系记录', '林晓', secondDay - 5, 'doing'),
    action('demo-b3', 'marketing', '每季度门店自办一次老客户活动，如换季试穿会', '黄丽', secondDay + 60, 'planned'),
    action('demo-b4', 'indicators', '考核加上客情登记率和售后回访完成率两项过程指标', '区域经理', secondDay + 45, 'planned'),
    action('demo-b5', 'consultative', '按客户群整理推荐话术，周会演练', '吴磊', secondDay - 2, 'planned'),
  ];
  second.training = {
    topics: ['crm', 'followUpCalls', 'segmentScripts', 'caseRolePlay'],
    forms: ['dailyMeeting', 'weeklyMeeting', 'specialised'],
    otherTopics: '会员系统和客情软件的实际操作',
    suggestions: '培训放在上午客流少的时段，不占用晚上休息时间；每次培训后布置一项当周要做的动作，下次周会检查。',
  };
  return [first, second];
}

const trainees: [string, string][] = [
  ['天河店', '陈敏'],
  ['越秀店', '刘洋'],
  ['海珠店', '张静'],
  ['番禺店', '王强'],
  ['白云店', '李娜'],
  ['黄埔店', '赵婷'],
  ['荔湾店', '孙鹏'],
  ['南沙店', '何倩'],
];
/** One per trainee who handed homework 3 in (the eighth did not); one ticked boxes and wrote nothing. */
const traineeSuggestions = [
  '新员工入职第一个月安排老员工带教，先学接待和登记客户资料。',
  '希望多一些实际案例，少念课件；培训后要有考核。',
  '周会上比较各组的登记率和回访完成率，做得好的组分享做法。',
  '每季度请区域的优秀店长来店里讲一次大客户怎么维护。',
  '',
  '把客户投诉的真实案例整理出来，晚例会上轮流讲怎么处理。',
  '培训安排在上午客流少的时候，不要占用下班后的时间。',
];

/** A class of eight trainees who scored their own stores around the course example; most handed in homework 3. */
function trainerClass(rnd: Random, endDay: number): TrainerClass {
  const day = endDay - 14;
  const clamp = (x: number) => Math.min(5, Math.max(1, x)) as Score;
  const members: AssessmentFile[] = trainees.map(([store, name], i) => {
    const a = newAssessment(courseSet, { id: `demo-trainee-${i + 1}`, store, assessor: name, role: 'trainee', date: isoFromDay(day), now: at(day) });
    for (const d of courseSet.dimensions) a.entries[d.id]!.score = clamp(firstScores[d.id]! + rnd.weighted([-1, 0, 1, 2], [20, 45, 28, 7]));
    if (i !== trainees.length - 1) a.training = traineeTraining(rnd, i);
    return { set: courseSet, assessment: a };
  });
  return { id: 'demo-class', name: `门店CRM训练营 ${ymdFromDay(day).year}`, anonymous: false, members, createdAt: at(day), updatedAt: at(day) };
}

function traineeTraining(rnd: Random, i: number): TrainingSuggestion {
  // Weighted toward what the course says stores lack: CRM, follow-up calls and scripts per segment.
  const topicWeights = [0.7, 0.6, 0.55, 0.35, 0.3, 0.25, 0.5, 0.3, 0.2, 0.35];
  const formWeights = [0.5, 0.6, 0.55, 0.2, 0.35, 0.3];
  return {
    topics: trainingTopics.filter((_, k) => rnd.chance(topicWeights[k]!)),
    forms: trainingForms.filter((_, k) => rnd.chance(formWeights[k]!)),
    otherTopics: i % 3 === 0 ? '陈列和搭配' : '',
    suggestions: traineeSuggestions[i]!,
  };
}

const complaintTexts: [Complaint['type'], string][] = [
  ['quality', '羊毛大衣穿了两次就起球，要求换货'],
  ['delivery', '网店订单比承诺晚到三天，事先没有通知'],
  ['service', '周末试衣间排队太久，导购没有招呼'],
  ['contract', '金卡 85 折没有按会员价结算'],
  ['quality', '真丝连衣裙按吊牌说明手洗后褪色'],
  ['service', '回访电话打在午休时间，顾客不满'],
];
const owners = ['黄丽', '陈敏', '林晓', '吴磊'];

/**
 * Six complaints of the last two months: two settled and recorded, two half-way, two just in (one
 * of them three weeks old, so the Overview has an old open one to point at).
 */
function complaints(rnd: Random, endDay: number, customers: readonly Customer[]): Omit<Complaint, 'id'>[] {
  const ages = [52, 40, 18, 9, 21, 2];
  const stepsDone = [5, 5, 3, 2, 1, 1];
  const responsibility: Complaint['responsibility'][] = ['manufacturer', 'carrier', 'store', 'store', 'undetermined', 'undetermined'];
  return complaintTexts.map(([type, description], i) => {
    const customer = customers[rnd.int(0, customers.length - 1)]!;
    const received = endDay - ages[i]!;
    const steps: Partial<Record<ComplaintStep, StepRecord>> = {};
    let day = received;
    complaintSteps.slice(0, stepsDone[i]).forEach((step, k) => {
      if (k > 0) day = Math.min(endDay, day + rnd.int(0, 3));
      steps[step] = { date: isoFromDay(day), owner: rnd.pick(owners) };
    });
    return { customerId: customer.id, customerName: customer.name.trim(), date: isoFromDay(received), type, description, steps, responsibility: responsibility[i]!, createdAt: at(received), updatedAt: at(day) };
  });
}

/**
 * Tag groups the way member tools name them. Hand tags follow what the file says (channel,
 * favourite look); the care tags go to a few at random. Auto rules are stored but evaluated on
 * demand, as in the app.
 */
function tags(rnd: Random, customers: readonly Customer[]): Pick<ClassroomDemo, 'tagGroups' | 'autoTags' | 'customerTags'> {
  const tagGroups: TagGroup[] = [
    { id: 'dg1', name: '着装偏好', tags: [{ id: 'dt1', name: '通勤' }, { id: 'dt2', name: '休闲优雅' }, { id: 'dt3', name: '商务' }, { id: 'dt4', name: '运动' }] },
    { id: 'dg2', name: '客户来源', tags: [{ id: 'dt5', name: '门店进店' }, { id: 'dt6', name: '老客转介绍' }, { id: 'dt7', name: '线上引流' }] },
    { id: 'dg3', name: '客情关怀', tags: [{ id: 'dt8', name: '需电话回访' }, { id: 'dt9', name: '生日礼已领' }, { id: 'dt10', name: '店长专人维护' }] },
    { id: 'dg4', name: '自动分群', tags: [{ id: 'dt11', name: '累计消费满万元' }, { id: 'dt12', name: '半年未到店' }, { id: 'dt13', name: 'A类客户' }] },
  ];
  const autoTags: AutoTag[] = [
    { tagId: 'dt11', rule: { kind: 'amountAtLeast', yuan: 10_000 } },
    { tagId: 'dt12', rule: { kind: 'dormantDays', days: 180 } },
    { tagId: 'dt13', rule: { kind: 'tier', tier: 'A' } },
  ];
  const lookTag: Record<string, string> = { 通勤: 'dt1', 简约: 'dt1', 休闲: 'dt2', 优雅: 'dt2', 复古: 'dt2', 商务: 'dt3', 运动: 'dt4' };
  const customerTags = new Map<number, string[]>();
  for (const c of customers) {
    const list: string[] = [];
    const look = c.favouriteLook && lookTag[c.favouriteLook];
    if (look) list.push(look);
    if (c.channel === 'website') list.push('dt7');
    else if (rnd.chance(0.12)) list.push('dt6');
    else if (c.channel === 'store' && rnd.chance(0.3)) list.push('dt5');
    if (rnd.chance(0.05)) list.push('dt8');
    if (c.level === '金钻卡' && rnd.chance(0.5)) list.push('dt10');
    if (list.length) customerTags.set(c.id, list);
  }
  return { tagGroups, autoTags, customerTags };
}
