/**
 * What the course suggests for weak dimensions (domain.md §1, seed 000 "可能改进的领域"): each
 * dimension names improvement areas (dimensions.ts), each area lists actions. Every weak
 * dimension also gets the course's two remedies: targeted training and a revised incentive scheme.
 * Kept as data with both languages; the shop may reword any action (`overrides`, by action key).
 */
import type { DimensionSet, Text } from './dimensions';

export interface ImprovementArea {
  id: string;
  name: Text;
  actions: Text[];
}

const a = (id: string, zh: string, en: string, actions: [string, string][]): ImprovementArea => ({ id, name: { zh, en }, actions: actions.map(([z, e]) => ({ zh: z, en: e })) });

export const improvementAreas: readonly ImprovementArea[] = [
  a('targetCustomers', '对目标客户的了解和信息来源', 'Knowledge of target customers and information sources', [
    ['统一客户信息收集口径，通过问卷、电访和销售过程获取客户信息', 'Collect customer information one way, through questionnaires, calls and the sale itself'],
    ['登记每位试机议价的潜在客户：联系方式、意向型号、颜色、选装件、预计购买时间', 'Register every prospect who tries and bargains: contact, model, colour, options, expected purchase date'],
  ]),
  a('crm', '客户关系管理', 'Customer relationship management', [
    ['动态跟踪客户状态，记录每位客户的购买行为和总额', 'Keep each customer’s status current and record every purchase and its total'],
    ['统一门店销售、客户服务和呼叫中心的客户资料', 'One customer file shared by sales, service and the call centre'],
  ]),
  a('processCompliance', '销售流程合规性', 'Sales-process compliance', [
    ['按八步销售流程检查执行，重点是回访和潜在客户跟进', 'Check the eight selling steps are kept, above all follow-up and prospect follow-up'],
    ['每月比较各阶段成交转化率与历史数据，分析差距', 'Compare each month’s conversion by stage with history and explain the gaps'],
  ]),
  a('sellingSkills', '销售技能', 'Selling skills', [
    ['早会/晚会进行困难案例讨论和角色模拟', 'Discuss hard cases and role-play at the morning/evening meeting'],
    ['高星级员工分享最佳实践', 'Top performers share their best practice'],
  ]),
  a('productKnowledge', '产品知识和价值定位', 'Product knowledge and value positioning', [
    ['开设产品课程，用差异化价值定位代替价格竞争', 'Run product courses; compete on value, not price'],
  ]),
  a('segmentation', '客户细分方面的知识', 'Segmentation knowledge', [
    ['由专人分析，划分4–7个需求细分，描述特征、需求和获利能力', 'Have one person define 4–7 needs-based segments with traits, needs and profitability'],
    ['按细分设计针对性活动，并评估活动效果', 'Design campaigns per segment and evaluate each one'],
  ]),
  a('timeManagement', '时间管理', 'Time management', [
    ['每日报表、每周行动计划、每月重点行动目标，增加创收时间', 'Daily report, weekly action plan, monthly focus targets: more time that earns revenue'],
  ]),
  a('adminSupport', '行政支持', 'Administrative support', [
    ['减少开票交付、报表等事务性工作占用的销售时间', 'Take invoicing, delivery and report work off the sellers’ time'],
  ]),
  a('trainingCadence', '培训节奏', 'Training cadence', [
    ['每日早会/晚会、每周周会、至少每季度一次专门培训', 'Daily morning/evening meeting, weekly meeting, specialised training at least quarterly'],
    ['新员工入职3个月内完成培训，提升培训视个人要求安排', 'Induction within 3 months of joining; advanced training on request'],
  ]),
  a('kpi', '关键业绩指标', 'Key performance indicators', [
    ['最多6–8个指标，可测量、可量化，加入客户指标和过程指标', 'At most 6–8 indicators, measurable and quantifiable, including customer and process indicators'],
    ['业绩等级与较大部分薪酬挂钩，优劣者收入明显区分', 'Tie a large part of pay to the grade, with a clear spread between best and worst'],
  ]),
  a('remedies', '针对薄弱环节的措施', 'Remedies for weak links', [
    ['针对薄弱环节提供培训', 'Targeted training for this weak link'],
    ['完善激励/奖惩体系', 'Revise the incentive scheme'],
  ]),
];

export interface Suggestion {
  /** `${areaId}.${index}`: what an override is keyed by. */
  key: string;
  areaId: string;
  text: Text;
}

/** One improvement area, listed once however many weak dimensions point to it. */
export interface AreaSuggestions {
  areaId: string;
  /** The weak dimensions that point here, in the order given (the gap order): the first is the weakest. */
  dimensionIds: string[];
  suggestions: Suggestion[];
}

const areaById = new Map(improvementAreas.map((area) => [area.id, area]));

/**
 * The actions for the weak dimensions, grouped by improvement area so each area's actions appear
 * once (issue 18: not repeated under every weak dimension). Areas come in the order the weak
 * dimensions first name them; the course's remedies, which every weak dimension gets, come last.
 */
export function suggestionsByArea(set: DimensionSet, weak: readonly string[]): AreaSuggestions[] {
  const byArea = new Map<string, string[]>();
  for (const dimensionId of weak) {
    const dim = set.dimensions.find((d) => d.id === dimensionId);
    if (!dim) continue;
    for (const areaId of dim.areas) {
      if (areaId === 'remedies' || !areaById.has(areaId)) continue;
      const list = byArea.get(areaId) ?? byArea.set(areaId, []).get(areaId)!;
      if (!list.includes(dimensionId)) list.push(dimensionId);
    }
  }
  const known = weak.filter((id) => set.dimensions.some((d) => d.id === id));
  if (known.length > 0) byArea.set('remedies', [...new Set(known)]);
  return [...byArea].map(([areaId, dimensionIds]) => ({
    areaId,
    dimensionIds,
    suggestions: areaById.get(areaId)!.actions.map((text, i) => ({ key: `${areaId}.${i}`, areaId, text })),
  }));
}

export const areaName = (areaId: string): Text | undefined => areaById.get(areaId)?.name;

/** The shop's wording when it has one, else the course's in the UI language. */
export function suggestionText(s: Suggestion, locale: 'zh' | 'en', overrides: Readonly<Record<string, string>>): string {
  const own = overrides[s.key];
  return own !== undefined && own.trim() !== '' ? own : s.text[locale];
}
