/**
 * The scorecard's dimensions as data (domain.md §1, seed 000): a trainer may add, rename or
 * reorder them. A set is versioned: every edit makes a new version, and an assessment names the
 * set id and version it was made with, so an old assessment always reads with its own set.
 */
import { err, ok, type Result } from '../result';

export interface Text {
  zh: string;
  en: string;
}

export interface Dimension {
  /** Stable across versions and renames: scores are keyed by it. */
  id: string;
  name: Text;
  /** What the dimension covers. */
  description: Text;
  /** The course's worked example of a weak state. */
  hint: Text;
  /** Improvement areas (see improvements.ts) a weak score here points to. */
  areas: string[];
}

export interface DimensionSet {
  id: string;
  version: number;
  name: Text;
  dimensions: Dimension[];
}

/** The 1–5 scale of seed 000. */
export const scale = [1, 2, 3, 4, 5] as const;
export type Score = (typeof scale)[number];
export const isScore = (v: unknown): v is Score => v === 1 || v === 2 || v === 3 || v === 4 || v === 5;

const d = (id: string, zh: string, en: string, descZh: string, descEn: string, hintZh: string, hintEn: string, areas: string[]): Dimension => ({
  id,
  name: { zh, en },
  description: { zh: descZh, en: descEn },
  hint: { zh: hintZh, en: hintEn },
  areas,
});

/** The course's eleven dimensions; the hints are its example company's current state. */
export const courseSet: DimensionSet = {
  id: 'course',
  version: 1,
  name: { zh: 'CRM能力评估计分卡（课程）', en: 'CRM capability scorecard (course)' },
  dimensions: [
    d('image', '门店形象/布局陈列/品牌突出', 'Store image, layout, brand', '门店形象、布局与陈列、品牌是否突出。', 'How the store looks, its layout and display, how prominent the brand is.', '各门店面积大小不同，布局、陈列和品牌突出各不相同。', 'Stores differ in size, layout and brand display.', ['productKnowledge', 'adminSupport']),
    d('organisation', '组织与角色', 'Organisation and roles', '岗位层次与职责分工是否清楚。', 'Clear levels of staff and who does what.', '店长、助理店长和客户代表等层次，正在设置迎宾接待等角色。', 'Manager / assistant manager / rep tiers; a greeter role is being set up.', ['timeManagement', 'adminSupport']),
    d('customerInfo', '客户信息管理', 'Customer information', '客户与潜在客户资料的收集、更新和使用。', 'Collecting, updating and using customer and prospect records.', '基本上只管理购机客户的资料，潜在客户资料几乎空白。', 'Only buyers’ records are kept; prospects’ records are almost blank.', ['crm', 'targetCustomers']),
    d('segmentation', '客户细分', 'Customer segmentation', '按需求和价值细分客户，并据此差异化。', 'Segmenting customers by needs and value, and acting differently per segment.', '几乎没有细分，流程、销售策略、推荐机型和资源分配无法差异化。', 'Almost none, so process, strategy, recommendations and resources cannot differ.', ['segmentation', 'targetCustomers']),
    d('salesProcess', '销售流程', 'Sales process', '从接待到跟进的销售步骤是否规范、执行到位。', 'Whether the selling steps, from greeting to follow-up, are defined and kept.', '已结合服务创新优化流程，但顾问式销售和客户回访仍需加强。', 'Optimised with service innovation; consultative selling and follow-up calls still weak.', ['processCompliance', 'sellingSkills']),
    d('serviceProcess', '服务流程', 'Service process', '售后服务、回访与关怀的流程。', 'After-sale service, follow-up and care.', '只建立了维修服务流程，呼叫中心、客服回访和关怀尚未整合。', 'Only a repair process; call-centre follow-up and care not integrated.', ['crm', 'processCompliance']),
    d('consultative', '顾问式销售', 'Consultative selling', '结合客户细分和消费习惯进行顾问式销售。', 'Selling by advice, tied to segments and buying habits.', '各门店做法不一，仅停留在话术层面，未结合细分和消费习惯。', 'Inconsistent, only scripts, not tied to segments or buying habits.', ['sellingSkills', 'productKnowledge', 'segmentation']),
    d('keyAccounts', '大客户管理', 'Key-account management', '识别并主动经营大客户。', 'Finding key accounts and following them up actively.', '除个别门店外几乎没有大客户管理，且缺乏主动跟进。', 'Almost none outside one store, and that one lacks proactive follow-up.', ['crm', 'targetCustomers']),
    d('marketing', '门店营销活动', 'Store-led marketing', '门店针对本区域和客户群发起的活动。', 'Campaigns the store starts for its own area and customers.', '营销和促销活动都来自市场部，缺乏门店自己发起的活动。', 'All campaigns come from head office; none started by the store.', ['targetCustomers', 'segmentation']),
    d('training', '培训', 'Training', '培训的节奏、内容和形式。', 'How often staff are trained, on what, and how.', '利用业余时间或晚例会培训，内容只有话术和流程。', 'Done in spare time or evening meetings; only scripts and process.', ['trainingCadence']),
    d('indicators', '业绩指标', 'Performance indicators', '考核是否包括客户指标和过程指标。', 'Whether targets include customer and process indicators.', '以运营指标为主，缺乏客户指标和过程指标。', 'Operational indicators only; no customer or process indicators.', ['kpi']),
  ],
};

export type SetError = { code: 'scorecard.set.emptyName' | 'scorecard.set.duplicateId' | 'scorecard.set.unknownDimension'; id?: string };


/** A set's next version: same id, version + 1. Edits never change a version in place. */
const bump = (set: DimensionSet, dimensions: Dimension[]): DimensionSet => ({ ...set, version: set.version + 1, dimensions });

export function addDimension(set: DimensionSet, name: Text, id = `custom-${set.dimensions.length + 1}-${set.version + 1}`): Result<DimensionSet, SetError> {
  if (!name.zh.trim() && !name.en.trim()) return err({ code: 'scorecard.set.emptyName' });
  if (set.dimensions.some((x) => x.id === id)) return err({ code: 'scorecard.set.duplicateId', id });
  const empty = { zh: '', en: '' };
  return ok(bump(set, [...set.dimensions, { id, name: { zh: name.zh.trim(), en: name.en.trim() }, description: empty, hint: empty, areas: [] }]));
}

export function renameDimension(set: DimensionSet, id: string, name: Text): Result<DimensionSet, SetError> {
  if (!name.zh.trim() && !name.en.trim()) return err({ code: 'scorecard.set.emptyName', id });
  if (!set.dimensions.some((x) => x.id === id)) return err({ code: 'scorecard.set.unknownDimension', id });
  return ok(bump(set, set.dimensions.map((x) => (x.id === id ? { ...x, name: { zh: name.zh.trim(), en: name.en.trim() } } : x))));
}

/** Moves a dimension by `step` places (−1 up, +1 down), clamped at the ends. */
export function moveDimension(set: DimensionSet, id: string, step: number): Result<DimensionSet, SetError> {
  const from = set.dimensions.findIndex((x) => x.id === id);
  if (from < 0) return err({ code: 'scorecard.set.unknownDimension', id });
  const to = Math.min(set.dimensions.length - 1, Math.max(0, from + step));
  const next = [...set.dimensions];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return ok(bump(set, next));
}

export function removeDimension(set: DimensionSet, id: string): Result<DimensionSet, SetError> {
  if (!set.dimensions.some((x) => x.id === id)) return err({ code: 'scorecard.set.unknownDimension', id });
  return ok(bump(set, set.dimensions.filter((x) => x.id !== id)));
}

/** A name in the UI language, falling back to the other one when a trainer filled only one. */
export const pick = (text: Text, locale: 'zh' | 'en') => text[locale] || text[locale === 'zh' ? 'en' : 'zh'];

/** Same id, version and content (dimension edits on two machines can both be "version 2"). */
export function sameSet(a: DimensionSet, b: DimensionSet): boolean {
  const content = (s: DimensionSet) => JSON.stringify([s.id, s.version, s.name, s.dimensions.map((d) => [d.id, d.name, d.description, d.hint, d.areas])]);
  return content(a) === content(b);
}

/** A short stable fingerprint of a set's content (FNV-1a), to give a clashing foreign set its own id. */
export function setFingerprint(set: DimensionSet): string {
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify([set.name, set.dimensions])) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
