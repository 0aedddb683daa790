import { part } from './part';

/** Words of the trade (issue 18): the eight customer groups, scoring methods in plain words, segment definitions. */
export const tradeMessages = part({
  zh: {
    'common.techDetails': '技术细节',
    'segments.preset.eightGroups': 'RFM 八大客户群（高 / 低两档）',
    'segments.method.mean': '与平均值比较（高于平均为高）',
    'segments.methodHint.mean': '每项与全店平均比：消费次数、金额高于平均为“高”，最近一次购买距今不超过平均天数为“高”。',
    'segments.methodHint.quantile': '按人数把客户均分成几档：每档人数大致相同，与平均值无关。',
    'segments.methodHint.rfm030': '同样按人数均分，分界点与 R 语言 rfm 工具包算法完全相同，便于与课程结果核对。',
    'segments.methodHint.manual': '分界点由您自己填写，例如“90 天内来过算近”，不随数据变化。',
    'segmentInfo.any': '不限',
    'segmentInfo.high': '高',
    'segmentInfo.low': '低',
    'segmentInfo.level': '第 {level} 档',
    'segmentInfo.levels': '第 {from}–{to} 档',
    'segmentInfo.ranges': 'R {r}，F {f}，M {m}',
    'segmentInfo.others': '不符合以上任何一条规则的客户',
    'errors.rfm.meanNeedsTwoLevels': '与平均值比较只能分高、低两档；这套规则有 {levels} 档，请改用分位数评分或手动分界点。',
  },
  en: {
    'common.techDetails': 'Technical details',
    'segments.preset.eightGroups': 'RFM eight customer groups (high / low)',
    'segments.method.mean': 'Against the average (above is high)',
    'segments.methodHint.mean': 'Each measure against the store average: more orders or spend than average is high; a last purchase no longer ago than average is high.',
    'segments.methodHint.quantile': 'Customers split into levels of about equal size, whatever the average.',
    'segments.methodHint.rfm030': 'The same equal-size split, with cut points computed exactly as the R package rfm does, to check against course results.',
    'segments.methodHint.manual': 'You set the cut points yourself (e.g. “within 90 days is recent”); they do not move with the data.',
    'segmentInfo.any': 'any',
    'segmentInfo.high': 'high',
    'segmentInfo.low': 'low',
    'segmentInfo.level': 'level {level}',
    'segmentInfo.levels': 'levels {from}–{to}',
    'segmentInfo.ranges': 'R {r}, F {f}, M {m}',
    'segmentInfo.others': 'Customers no rule above matches',
    'errors.rfm.meanNeedsTwoLevels': 'The average gives only two levels (high / low); these rules have {levels}. Use quantile scores or manual cut points.',
  },
});
