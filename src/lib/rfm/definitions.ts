/**
 * What each segment means, in one line a shop owner reads on a projector (issue 18): the preset
 * segments have a written definition; a rule the shop wrote (or changed) is described by its ranges,
 * so the line never says something the rule does not do.
 */
import { PRESET_RULE_SETS } from './presets';
import type { LevelRange, SegmentName, SegmentRule, SegmentRuleSet } from './segments';

/** Keyed by rule id; a preset id used by several presets means the same kind of customer in each. */
export const presetDefinitions: Record<string, SegmentName> = {
  'important-value': { zh: '最近买过、买得勤、花得多（R、F、M 都高）', en: 'Bought lately, often and a lot (R, F and M all high)' },
  'important-develop': { zh: '最近买过、花得多，但次数少（R 高 F 低 M 高）', en: 'Bought lately and spent a lot, but rarely (R high, F low, M high)' },
  'important-keep': { zh: '买得勤、花得多，但有段时间没来了（R 低 F 高 M 高）', en: 'Buy often and spend a lot, but not seen for a while (R low, F high, M high)' },
  'important-win-back': { zh: '花得多，但很久没来、次数也少（R 低 F 低 M 高）', en: 'Spent a lot, but long ago and rarely (R low, F low, M high)' },
  'general-value': { zh: '最近买过、买得勤，但花得少（R 高 F 高 M 低）', en: 'Bought lately and often, but spend little (R high, F high, M low)' },
  'general-develop': { zh: '最近买过，但次数少、花得少（R 高 F 低 M 低）', en: 'Bought lately, but rarely and little (R high, F low, M low)' },
  'general-keep': { zh: '买得勤但花得少，有段时间没来了（R 低 F 高 M 低）', en: 'Buy often but little, not seen for a while (R low, F high, M low)' },
  'general-win-back': { zh: '很久没来、次数少、花得少（R、F、M 都低）', en: 'Long ago, rarely and little (R, F and M all low)' },
  champions: { zh: '最近刚买、买得最勤、花得最多', en: 'Bought most recently, most often and spent the most' },
  'potential-loyalist': { zh: '最近常来、花得不少，有望成为老客', en: 'Recent and fairly frequent, spend well: could become loyal' },
  'loyal-customers': { zh: '隔段时间就来，回购稳定', en: 'Come back regularly' },
  loyal: { zh: '隔段时间就来，回购稳定', en: 'Come back regularly' },
  promising: { zh: '最近来过，次数不多但花得不少', en: 'Recent, few purchases so far, good spend' },
  'new-customers': { zh: '最近刚开始在本店买，次数还少', en: 'Started buying recently, few purchases yet' },
  new: { zh: '最近刚第一次在本店买', en: 'First purchase recently' },
  recent: { zh: '最近刚开始在本店买，次数还少', en: 'Started buying recently, few purchases yet' },
  'cant-lose-them': { zh: '以前常来、花得多，但很久没来了', en: 'Used to buy often and spend a lot, but not for a long time' },
  'cant-lose': { zh: '以前买得最勤，但很久没来了', en: 'Used to buy most often, but not for a long time' },
  'at-risk': { zh: '以前常买，有段时间没来了', en: 'Used to buy repeatedly, not seen for a while' },
  'need-attention': { zh: '购买时间和次数都在中游，开始变少', en: 'Middling recency and frequency, starting to slip' },
  'needs-attention': { zh: '有段时间没来，只买过一两次', en: 'Not seen for a while, bought only once or twice' },
  'about-to-sleep': { zh: '有段时间没来，次数也少', en: 'Not seen for some time, few purchases' },
  hibernating: { zh: '很久没来，次数也少', en: 'Not seen for a long time, few purchases' },
  inactive: { zh: '很久没来，次数也少', en: 'Not seen for a long time, few purchases' },
  lost: { zh: '最近一次购买在全店最早的一档', en: 'Last purchase in the oldest band of all customers' },
};

export type RuleDefinition =
  | { kind: 'text'; text: SegmentName }
  /** A rule not taken as is from a preset: its ranges, for the screen to word. */
  | { kind: 'ranges'; levels: number; r: LevelRange; f: LevelRange; m: LevelRange };

const sameRange = (a: LevelRange, b: LevelRange) => a[0] === b[0] && a[1] === b[1];

/** The written definition when the rule is a preset's own (same id, levels and ranges), else its ranges. */
export function ruleDefinition(rule: SegmentRule, levels: number): RuleDefinition {
  const text = presetDefinitions[rule.id];
  const fromPreset = Object.values(PRESET_RULE_SETS).some(
    (set: SegmentRuleSet) =>
      set.levels === levels && set.rules.some((p) => p.id === rule.id && sameRange(p.r, rule.r) && sameRange(p.f, rule.f) && sameRange(p.m, rule.m)),
  );
  if (text && fromPreset) return { kind: 'text', text };
  return { kind: 'ranges', levels, r: rule.r, f: rule.f, m: rule.m };
}
