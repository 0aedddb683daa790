/**
 * Ready-made segment rule sets. Order matters: the first matching rule wins.
 * Chinese names use the usual Chinese RFM vocabulary (冠军客户, 忠诚客户, 流失客户 …).
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
    rule('champions', 'Champions', '冠军客户', [5, 5], [5, 5], [5, 5]),
    rule('potential-loyalist', 'Potential Loyalist', '潜在忠诚客户', [3, 5], [3, 5], [2, 5]),
    rule('loyal-customers', 'Loyal Customers', '忠诚客户', [2, 4], [2, 4], [2, 4]),
    rule('promising', 'Promising', '有潜力客户', [3, 4], [1, 3], [3, 5]),
    rule('new-customers', 'New Customers', '新客户', [4, 5], [1, 3], [1, 5]),
    rule('cant-lose-them', "Can't Lose Them", '不能失去的客户', [1, 2], [3, 4], [4, 5]),
    rule('at-risk', 'At Risk', '有流失风险客户', [1, 2], [2, 5], [4, 5]),
    rule('need-attention', 'Need Attention', '需要关注客户', [1, 3], [3, 5], [3, 5]),
    rule('about-to-sleep', 'About To Sleep', '即将沉睡客户', [2, 3], [1, 3], [1, 4]),
    rule('lost', 'Lost', '流失客户', [1, 1], [1, 5], [1, 5]),
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
    rule('hibernating', 'Hibernating', '沉睡客户', [1, 2], [1, 2], ANY_M),
    rule('at-risk', 'At Risk', '有流失风险客户', [1, 2], [3, 4], ANY_M),
    rule('cant-lose', "Can't Lose", '不能失去的客户', [1, 2], [5, 5], ANY_M),
    rule('about-to-sleep', 'About To Sleep', '即将沉睡客户', [3, 3], [1, 2], ANY_M),
    rule('need-attention', 'Need Attention', '需要关注客户', [3, 3], [3, 3], ANY_M),
    rule('loyal', 'Loyal', '忠诚客户', [3, 4], [4, 5], ANY_M),
    rule('promising', 'Promising', '有潜力客户', [4, 4], [1, 1], ANY_M),
    rule('new', 'New', '新客户', [5, 5], [1, 1], ANY_M),
    rule('potential-loyalist', 'Potential Loyalist', '潜在忠诚客户', [4, 5], [2, 3], ANY_M),
    rule('champions', 'Champions', '冠军客户', [5, 5], [4, 5], ANY_M),
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
    rule('champions', 'Champions', '冠军客户', [3, 3], [3, 3], [2, 3]),
    rule('loyal', 'Loyal', '忠诚客户', [2, 3], [2, 3], [1, 3]),
    rule('recent', 'Recent', '近期新客户', [3, 3], [1, 1], [1, 3]),
    rule('needs-attention', 'Needs Attention', '需要关注客户', [2, 2], [1, 1], [1, 3]),
    rule('at-risk', 'At Risk', '有流失风险客户', [1, 1], [2, 3], [1, 3]),
    rule('inactive', 'Inactive', '沉睡客户', [1, 1], [1, 1], [1, 3]),
  ],
};

export type PresetId = 'rfm030' | 'rfGrid' | 'threeLevel';

export const PRESET_RULE_SETS: Record<PresetId, SegmentRuleSet> = {
  rfm030: RFM030_SEGMENTS,
  rfGrid: RF_GRID_SEGMENTS,
  threeLevel: THREE_LEVEL_SEGMENTS,
};
