/**
 * Ready-made segment rule sets. Order matters: the first matching rule wins.
 * Chinese names are the words a shop uses (核心客户, 忠实老客, 久未光顾客户 …), not translations of
 * the English ones; none says 流失, which names only the churned list (流失顾客名录).
 */
import type { SegmentRule, SegmentRuleSet } from './segments';

const rule = (id: string, en: string, zh: string, r: [number, number], f: [number, number], m: [number, number]): SegmentRule => ({
  id,
  name: { zh, en },
  r,
  f,
  m,
});

/**
 * (a) The ten default segments of the R package rfm 0.3.0 (`rfm_segment` examples and vignette),
 * in its order, 5 levels. They leave cells uncovered (e.g. 1-1-1 is Lost, but 2-5-1 is nobody's):
 * those customers are 'others', as in R.
 */
export const RFM030_SEGMENTS: SegmentRuleSet = {
  levels: 5,
  rules: [
    rule('champions', 'Champions', '核心客户', [5, 5], [5, 5], [5, 5]),
    rule('potential-loyalist', 'Potential Loyalist', '潜力常客', [3, 5], [3, 5], [2, 5]),
    rule('loyal-customers', 'Loyal Customers', '忠实老客', [2, 4], [2, 4], [2, 4]),
    rule('promising', 'Promising', '潜力新客', [3, 4], [1, 3], [3, 5]),
    rule('new-customers', 'New Customers', '新客', [4, 5], [1, 3], [1, 5]),
    rule('cant-lose-them', "Can't Lose Them", '重点挽回客户', [1, 2], [3, 4], [4, 5]),
    rule('at-risk', 'At Risk', '待唤回老客', [1, 2], [2, 5], [4, 5]),
    rule('need-attention', 'Need Attention', '需跟进客户', [1, 3], [3, 5], [3, 5]),
    rule('about-to-sleep', 'About To Sleep', '渐少光顾客户', [2, 3], [1, 3], [1, 4]),
    rule('lost', 'Lost', '久未光顾客户', [1, 1], [1, 5], [1, 5]),
  ],
};

const ANY_M: [number, number] = [1, 5];

/**
 * (b) The 5 × 5 recency × frequency grid of most RFM tutorials; money is ignored (1–5).
 * The ten boxes tile all 25 R×F cells exactly once, so order only matters for edited copies.
 */
export const RF_GRID_SEGMENTS: SegmentRuleSet = {
  levels: 5,
  rules: [
    rule('hibernating', 'Hibernating', '休眠客户', [1, 2], [1, 2], ANY_M),
    rule('at-risk', 'At Risk', '待唤回老客', [1, 2], [3, 4], ANY_M),
    rule('cant-lose', "Can't Lose", '重点挽回客户', [1, 2], [5, 5], ANY_M),
    rule('about-to-sleep', 'About To Sleep', '渐少光顾客户', [3, 3], [1, 2], ANY_M),
    rule('need-attention', 'Need Attention', '需跟进客户', [3, 3], [3, 3], ANY_M),
    rule('loyal', 'Loyal', '忠实老客', [3, 4], [4, 5], ANY_M),
    rule('promising', 'Promising', '潜力新客', [4, 4], [1, 1], ANY_M),
    rule('new', 'New', '新客', [5, 5], [1, 1], ANY_M),
    rule('potential-loyalist', 'Potential Loyalist', '潜力常客', [4, 5], [2, 3], ANY_M),
    rule('champions', 'Champions', '核心客户', [5, 5], [4, 5], ANY_M),
  ],
};

/**
 * (c) Three levels (low 1, middle 2, high 3), six groups covering all 27 cells with no rule
 * shadowed. Recency and frequency decide; money only separates Champions from Loyal:
 * - Champions: bought lately (R 3), often (F 3) and spent at least middling (M 2–3).
 * - Loyal: not long ago (R 2–3) and repeatedly (F 2–3): the rest of the good top corner.
 * - Recent: bought lately (R 3) but only a little so far (F 1): new or one-off customers.
 * - Needs Attention: middle recency (R 2) and rare (F 1): slipping before becoming habitual.
 * - At Risk: not for a long time (R 1) but used to buy repeatedly (F 2–3): win them back.
 * - Inactive: not for a long time (R 1) and rarely (F 1).
 */
export const THREE_LEVEL_SEGMENTS: SegmentRuleSet = {
  levels: 3,
  rules: [
    rule('champions', 'Champions', '核心客户', [3, 3], [3, 3], [2, 3]),
    rule('loyal', 'Loyal', '忠实老客', [2, 3], [2, 3], [1, 3]),
    rule('recent', 'Recent', '新客', [3, 3], [1, 1], [1, 3]),
    rule('needs-attention', 'Needs Attention', '需跟进客户', [2, 2], [1, 1], [1, 3]),
    rule('at-risk', 'At Risk', '待唤回老客', [1, 1], [2, 3], [1, 3]),
    rule('inactive', 'Inactive', '久未光顾客户', [1, 1], [1, 1], [1, 3]),
  ],
};

const LOW: [number, number] = [1, 1];
const HIGH: [number, number] = [2, 2];

/**
 * (d) The Chinese standard eight customer groups (RFM 八大客户群): each of R, F and M is high (2) or
 * low (1) against the average, or against a line the shop sets (method 'mean' or 'manual' with
 * two levels). The eight cells are the eight groups, so every customer has one and order does not
 * matter. 重要 / 一般 is money (M); 价值 / 发展 / 保持 / 挽留 is recency × frequency.
 */
export const EIGHT_GROUP_SEGMENTS: SegmentRuleSet = {
  levels: 2,
  rules: [
    rule('important-value', 'Key value', '重要价值客户', HIGH, HIGH, HIGH),
    rule('important-develop', 'Key development', '重要发展客户', HIGH, LOW, HIGH),
    rule('important-keep', 'Key retention', '重要保持客户', LOW, HIGH, HIGH),
    rule('important-win-back', 'Key win-back', '重要挽留客户', LOW, LOW, HIGH),
    rule('general-value', 'General value', '一般价值客户', HIGH, HIGH, LOW),
    rule('general-develop', 'General development', '一般发展客户', HIGH, LOW, LOW),
    rule('general-keep', 'General retention', '一般保持客户', LOW, HIGH, LOW),
    rule('general-win-back', 'General win-back', '一般挽留客户', LOW, LOW, LOW),
  ],
};

export type PresetId = 'eightGroups' | 'rfm030' | 'rfGrid' | 'threeLevel';

export const PRESET_IDS: readonly PresetId[] = ['eightGroups', 'rfm030', 'rfGrid', 'threeLevel'];

export const PRESET_RULE_SETS: Record<PresetId, SegmentRuleSet> = {
  eightGroups: EIGHT_GROUP_SEGMENTS,
  rfm030: RFM030_SEGMENTS,
  rfGrid: RF_GRID_SEGMENTS,
  threeLevel: THREE_LEVEL_SEGMENTS,
};

/** A store that never chose: the Chinese eight groups in the zh UI, R's ten in the en UI. */
export function defaultSegmentChoice(locale: 'zh' | 'en'): { preset: PresetId; method: 'mean' | 'quantile' } {
  return locale === 'zh' ? { preset: 'eightGroups', method: 'mean' } : { preset: 'rfm030', method: 'quantile' };
}

/**
 * The scoring method to use after switching to a rule set of `levels`: the average makes only two
 * levels, so it gives way to quantiles on more, and two levels start from the average.
 */
export function methodForLevels(method: 'quantile' | 'rfm030' | 'manual' | 'mean', levels: number): 'quantile' | 'rfm030' | 'manual' | 'mean' {
  if (levels === 2) return method === 'manual' ? 'manual' : 'mean';
  return method === 'mean' ? 'quantile' : method;
}
