import { part } from './part';

/** BG/NBD + Gamma-Gamma set up like lifetimes (issue 15 §4): end of observation, unit, the model input table. */
export const clvMessages = part({
  zh: {
    'clv.end': '观察截止日',
    'clv.endHint': '截止日之后的购买不计入。不选则取最后一笔购买的次日（{date}），有新的购买记录时自动顺延。',
    'clv.endChosen': '已指定截止日；不选则取最后一笔购买的次日（{date}）。',
    'clv.endDefault': '改回默认截止日',
    'clv.endTooEarly': '{date} 及以前没有任何购买，无法拟合：请选更晚的截止日。',
    'clv.settingsChanged': '时间单位、观察截止日或预测天数已改，下面仍是上次的结果：请重新拟合。',
    'clv.summaryRules':
      '整理方式（与常用的回头客预测模型相同）：同一客户同一天的几笔合为一次；导入时保留的 0 元单也算一次购买，退货不算；回头次数 = 购买天数 − 1；最近 = 最后一次 − 第一次购买；客龄 = 观察截止（{date}）− 第一次购买，两者都以{unit}为单位（天数 ÷ {days}）；平均回头消费 = 回头那几天每天消费的平均（不含第一次，0 元的一天按 0 计），消费模型只用平均大于 0 的回头客。',
    'clv.summary.title': '模型输入：每位客户的回头次数、最近、客龄',
    'clv.summary.hint': '以{unit}计，截止 {date}，共 {customers} 位客户。',
    'clv.summary.frequency': '回头次数',
    'clv.summary.recency': '最近（{unit}）',
    'clv.summary.T': '客龄（{unit}）',
    'clv.summary.firstPurchase': '第一次购买',
    'clv.summary.monetary': '平均回头消费',
    'clv.summary.export': '导出模型输入 CSV',
    'clv.summary.csvName': '客户终身价值模型输入',
  },
  en: {
    'clv.end': 'End of observation',
    'clv.endHint': 'Purchases after it are left out. Leave it and it is the day after the last purchase ({date}), moving on as purchases are added.',
    'clv.endChosen': 'End chosen by you; the default is the day after the last purchase ({date}).',
    'clv.endDefault': 'Back to the default end',
    'clv.endTooEarly': 'No purchase on or before {date}, nothing to fit: choose a later end.',
    'clv.settingsChanged': 'The time unit, end of observation or horizon changed; below are the last results: fit again.',
    'clv.summaryRules':
      'Summary (as lifetimes builds it): a customer’s lines on one day are one purchase; ¥0 lines kept at import count as purchases, returns do not; repeat purchases = purchase days − 1; recency = last − first purchase; age = end of observation ({date}) − first purchase, both in {unit} (days ÷ {days}); mean repeat spend = mean spend of the repeat days (the first left out, a ¥0 day as 0); the spend model uses only repeat buyers whose mean is above 0.',
    'clv.summary.title': 'Model input: each customer’s repeat purchases, recency and age',
    'clv.summary.hint': 'The lifetimes summary table (frequency, recency, T) in {unit}, up to {date}: {customers} customers.',
    'clv.summary.frequency': 'Repeat purchases',
    'clv.summary.recency': 'Recency ({unit})',
    'clv.summary.T': 'Age ({unit})',
    'clv.summary.firstPurchase': 'First purchase',
    'clv.summary.monetary': 'Mean repeat spend',
    'clv.summary.export': 'Export model input CSV',
    'clv.summary.csvName': 'clv-model-input',
  },
});
