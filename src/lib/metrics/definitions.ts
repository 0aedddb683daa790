/**
 * The metric dictionary (口径, issue 17 §5): every figure the app shows by name has one id, one
 * name and one one-line definition in both languages, and one pure function that computes it
 * (`computedBy`, checked against lib/metrics/functions by tests/unit/metrics.test.ts). Screens
 * show `metric.name.<id>` / `metric.def.<id>` (i18n/parts/metrics.ts reads them from here), so
 * a name cannot drift from its definition, and two concepts cannot share a name (the test
 * checks every name is unique in each language).
 *
 * Text only, no imports of the functions: the Overview reads names without loading every engine.
 * `{…}` in a definition is filled by the screen (a period word, a number of days).
 */
import type { KpiId } from '../kpi/definitions';

export interface Bilingual {
  zh: string;
  en: string;
}

export type MetricUnit = 'customers' | 'fen' | 'percent' | 'points' | 'orders' | 'lines';

/**
 * What the figure is counted over: a calendar month (or the period the store chose), all
 * purchases on file, a day (today, or the day of the last tier review), one customer's records.
 */
export type MetricScope = 'month' | 'period' | 'allTime' | 'today' | 'lastReview' | 'customer';

export interface MetricDefinition {
  name: Bilingual;
  definition: Bilingual;
  unit: MetricUnit;
  scope: MetricScope;
  /** The one function that computes it: a key of lib/metrics/functions `metricFunctions`. */
  computedBy: string;
}

const kpiTexts = {
  registrationRate: {
    name: { zh: '顾客登记率', en: 'Registration rate' },
    definition: {
      zh: '有档案的购买顾客 ÷ 全部购买顾客（全部购买记录；趋势按月）。目标 100%，不得低于 85%。',
      en: 'Buyers with a customer file ÷ all buyers (every purchase on record; the trend is by month). Target 100 %, never below 85 %.',
    },
    unit: 'percent',
    scope: 'allTime',
    computedBy: 'registrationRate',
  },
  fileGrowth: {
    name: { zh: '客户档案增长率', en: 'Customer-file growth' },
    definition: { zh: '当月新建档案数 ÷ 月初已有档案数。', en: 'Files created in the month ÷ files that existed at its start.' },
    unit: 'percent',
    scope: 'month',
    computedBy: 'buildBoard',
  },
  newFilesVsQuota: {
    name: { zh: '新增档案完成率', en: 'New files vs quota' },
    definition: {
      zh: '当月新建档案数 ÷（每组任务 × 小组数）；任务每组每月 30 个，7–9 月 20 个；低于任务 80% 为警报。',
      en: 'Files created in the month ÷ (quota × number of groups); the quota is 30 a group a month, 20 in July–September; below 80 % of it is an alert.',
    },
    unit: 'percent',
    scope: 'month',
    computedBy: 'buildBoard',
  },
  followUpCompletion: {
    name: { zh: '售后回访完成率', en: 'After-sale follow-up completion' },
    definition: {
      zh: '当月交付的客户中已完成售后回访（漏斗到“后续跟进”）的比例。目标 100%。',
      en: 'Of the customers delivered to in the month, the share followed up after the sale (reached the follow-up step). Target 100 %.',
    },
    unit: 'percent',
    scope: 'month',
    computedBy: 'buildBoard',
  },
  visitCompletion: {
    name: { zh: '预约到店完成率', en: 'Visit completion' },
    definition: {
      zh: '当月截至今天的预约（试驾/到店）中实际到店（漏斗到“试用/试驾”）的比例。',
      en: 'Of the appointments (test drive / visit) dated in the month up to today, the share that took place (reached the trial step).',
    },
    unit: 'percent',
    scope: 'month',
    computedBy: 'buildBoard',
  },
  spendPerCustomer: {
    name: { zh: '单个顾客购买金额', en: 'Spend per customer' },
    definition: {
      zh: '按人计：当月有档案顾客的净消费额（扣除退货）÷ 当月有档案的购买顾客数（散客不计）。与客单价不同，客单价除以单数。自我检视和时间分配的“平均客户价值”就是它。',
      en: 'Per person: net spend (returns deducted) of the month’s buyers on file ÷ the number of buyers on file in the month (walk-ins left out). Unlike average order value, which divides by orders. It is the “average customer value” of the self-check and the time what-if.',
    },
    unit: 'fen',
    scope: 'month',
    computedBy: 'purchaseKpis',
  },
  averageOrderValue: {
    name: { zh: '客单价', en: 'Average order value' },
    definition: {
      zh: '按单计：当月实收 ÷ 当月单数。实收 = 当月全部购买行（会员和散客）的净金额，退货行按负数在退货当月扣减；单数 = 当月的订单数，同一订单号的多行只算一单，没有订单号的行各算一单，退货不算订单。',
      en: 'Per order: the month’s net takings ÷ its number of orders. Net takings = net amount of all the month’s lines (members and walk-ins), a return line deducted in the month of the return; orders = the month’s orders, several lines with one order no. count once, a line without an order no. is an order by itself, a return is not an order.',
    },
    unit: 'fen',
    scope: 'month',
    computedBy: 'purchaseKpis',
  },
  memberSalesShare: {
    name: { zh: '会员消费占比', en: 'Members’ share of sales' },
    definition: {
      zh: '按金额计：当月会员（已登记的客户）的净金额 ÷ 当月全部净金额（会员 + 散客，退货已扣除）。散客 = 没有关联已登记客户的购买。',
      en: 'By amount: members’ (registered customers’) net amount in the month ÷ all net amount in the month (members + walk-ins, returns deducted). Walk-ins = purchases without a registered customer.',
    },
    unit: 'percent',
    scope: 'month',
    computedBy: 'purchaseKpis',
  },
  memberOrderShare: {
    name: { zh: '会员客单占比', en: 'Members’ share of orders' },
    definition: {
      zh: '按单数计：当月会员（已登记的客户）的单数 ÷ 当月全部单数（会员 + 散客；单数计法同客单价，退货不算订单）。',
      en: 'By orders: members’ (registered customers’) orders in the month ÷ all orders in the month (members + walk-ins; orders counted as for average order value, a return is not an order).',
    },
    unit: 'percent',
    scope: 'month',
    computedBy: 'purchaseKpis',
  },
  repeatRate: {
    name: { zh: '顾客重复购买率', en: 'Repeat-purchase rate' },
    definition: {
      zh: '按{period}计：本{period}有档案的购买顾客中，截至本{period}末在至少两个不同日期购买过的比例（退货不算购买；期间可选月、季度或年，可按小组比较）。',
      en: 'By {period}: of this {period}’s buyers on file, the share who have bought on at least two different days by the {period}’s end (a return is no purchase; choose month, quarter or year; compared by group too).',
    },
    unit: 'percent',
    scope: 'period',
    computedBy: 'purchaseKpis',
  },
  churnRate: {
    // Not the churned list's share of all customers: a month's flow, so it is named by its period.
    name: { zh: '月流失率', en: 'Monthly churn rate' },
    definition: {
      zh: '本月新流失的顾客 ÷ 月初未流失的顾客（最近一次购买未满“列入流失名录”的天数，默认 365 天）；新流失 = 在本月满这个天数没有购买。是一个月的比例，不是流失名录占全部顾客的比例。越低越好。',
      en: 'Customers who lapse this month ÷ customers not lapsed at the month’s start (last purchase less than the churned-list days ago, 365 by default); lapsing = reaching that many days without a purchase during the month. One month’s rate, not the churned list’s share of all customers. Lower is better.',
    },
    unit: 'percent',
    scope: 'month',
    computedBy: 'purchaseKpis',
  },
  delayNoticeRate: {
    name: { zh: '延迟交付提前告知率', en: 'Delay-notice rate' },
    definition: {
      zh: '当月承诺交付日的延迟交付中，在承诺日当天或之前告知顾客的比例（课程示例仅 47.1%）。',
      en: 'Of the late deliveries promised in the month, the share whose customer was told on or before the promised day (the course’s example: only 47.1 %).',
    },
    unit: 'percent',
    scope: 'month',
    computedBy: 'buildBoard',
  },
} as const satisfies Record<KpiId, MetricDefinition>;

export const metrics = {
  ...kpiTexts,
  salesAllTime: {
    name: { zh: '累计销售额', en: 'Sales to date' },
    definition: {
      zh: '全部购买记录的净金额（会员和散客，退货已扣除，导入时排除的行不计）。',
      en: 'Net amount of every purchase line on record (members and walk-ins, returns deducted, lines excluded at import left out).',
    },
    unit: 'fen',
    scope: 'allTime',
    computedBy: 'summariseColumns',
  },
  salesMonth: {
    name: { zh: '本月实收', en: 'Net takings of the month' },
    definition: {
      zh: '当月全部购买行（会员和散客）的净金额，退货按负数在退货当月扣减。',
      en: 'Net amount of every line of the month (members and walk-ins), a return deducted in the month it is dated.',
    },
    unit: 'fen',
    scope: 'month',
    computedBy: 'purchaseKpis',
  },
  funnelSalesEstimate: {
    name: { zh: '漏斗成交额（估算）', en: 'Funnel sales (estimate)' },
    definition: {
      zh: '自我检视公式里的销售额：成交客户数 × 平均客户价值（当月单个顾客购买金额）。是按漏斗记录的估算，不是门店当月实收。',
      en: 'The self-check formula’s sales: customers closed × average customer value (the month’s spend per customer). An estimate from the funnel records, not the store’s takings of the month.',
    },
    unit: 'fen',
    scope: 'month',
    computedBy: 'funnelSalesEstimate',
  },
  lostByDays: {
    name: { zh: '流失（按天数）', en: 'Lost (by days)' },
    definition: {
      zh: '到今天已满“流失天数 M”没有购买的顾客（退货不算购买）。按今天实时计算，与流失名录不同：名录只在等级复核时更新，可手工恢复。',
      en: 'Customers with no purchase for at least the lost days M as of today (a return is no purchase). Counted live for today, unlike the churned list, which changes only at a tier review and can be restored by hand.',
    },
    unit: 'customers',
    scope: 'today',
    computedBy: 'countDormancy',
  },
  dormantByDays: {
    name: { zh: '沉睡（按天数）', en: 'Dormant (by days)' },
    definition: {
      zh: '到今天已满“沉睡天数 N”、未满“流失天数 M”没有购买的顾客（含即将流失的）。',
      en: 'Customers with no purchase for at least the dormant days N and fewer than the lost days M as of today (including those soon lost).',
    },
    unit: 'customers',
    scope: 'today',
    computedBy: 'countDormancy',
  },
  churnedList: {
    name: { zh: '流失名录', en: 'Churned list' },
    definition: {
      zh: '等级复核时连续满“列入流失名录天数”没有购买而移入流失顾客名录的顾客（名录只在复核时更新；店长恢复的顾客移出）。复核日为今天、天数相同时与“流失（按天数）”人数一致。',
      en: 'Customers moved to the churned list at a tier review after the churned-list days without a purchase (the list changes only at a review; customers the manager restores leave it). Equal to “Lost (by days)” when the review is today with the same number of days.',
    },
    unit: 'customers',
    scope: 'lastReview',
    computedBy: 'countTiers',
  },
  pointsOnPurchases: {
    name: { zh: '消费积分（购买记录）', en: 'Points on purchases' },
    definition: {
      zh: '这位顾客购买记录上的积分之和（退货为负）：每笔消费产生的积分，等级规则的累计积分按它计。不是积分余额：不会自动记入积分台账。',
      en: 'Sum of the points on this customer’s purchase lines (returns negative): what each purchase earned, counted by the tier rules. Not the points balance: it is not posted to the points ledger by itself.',
    },
    unit: 'points',
    scope: 'customer',
    computedBy: 'pointsOnPurchases',
  },
  pointsBalance: {
    name: { zh: '积分余额', en: 'Points balance' },
    definition: {
      zh: '积分台账流水之和（获得、兑换、调整、过期、退货冲回、期初余额）。购买记录上的积分要在台账记“获得”才计入余额。',
      en: 'Sum of the points ledger’s entries (earn, redeem, adjust, expire, refund reversal, opening balance). Points on purchases count only once posted to the ledger as an earn entry.',
    },
    unit: 'points',
    scope: 'customer',
    computedBy: 'sumLedger',
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricId = keyof typeof metrics;
export const metricIds = Object.keys(metrics) as MetricId[];
