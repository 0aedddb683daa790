/**
 * The store's current analysis as one SQL script per dialect (issue 19), generated from the same
 * rule objects the app scores with: the RFM request (analysis date, period, F and M bases), the
 * scoring method (lib/rfm/score: rfm030, quantile, manual cuts), the ordered segment rules
 * (lib/rfm/segments), the ABC cut points (lib/abc) and the KPI board's 口径 for every figure the
 * exported lines can give (lib/kpi/purchases: sales, registration, repeat and churn rates).
 * The steps are data; each dialect only renders them, so DuckDB and Spark run the same logic.
 *
 * Over several stores' files concatenated, every step is partitioned by `unit`: the store id, or
 * one unit for the whole chain (scope 'chain'), so each store gets exactly its own results.
 */
import type { AbcCuts } from '../abc/abc';
import { isoFromDay } from '../dates';
import { rProbabilities, type ManualCuts, type RfmMethod } from '../rfm';
import { OTHERS, OTHERS_NAME, type SegmentRuleSet } from '../rfm/segments';
import type { FrequencyBasis, MonetaryBasis, Period } from '../rfm/from-stats';
import { OPEN_FORMAT_VERSION } from '../export/open-schema';
import { CHURN_DAYS } from '../kpi/purchases';
import { dialects, PERIOD_MONTHS, sqlDouble, sqlText, type Dialect, type DialectId, type PeriodKind } from './dialects';

export interface AnalysisSqlParams {
  /** Null: each unit's own default, the day after its last purchase in the period (as the app). */
  analysisDay: number | null;
  period?: Period;
  frequency?: FrequencyBasis;
  monetary?: MonetaryBasis;
  method: RfmMethod;
  /** For 'manual': n − 1 ascending cuts per metric (R days, F count, M yuan). */
  cuts?: ManualCuts;
  ruleSet: SegmentRuleSet;
  abcCuts: AbcCuts;
  /** Days without a purchase that put a customer on the churned list (the tier rules' churnAfterDays; default 365): the churn rate's D. */
  churnDays?: number;
  /** 'store' (default): results per store_id; 'chain': all stores' customers ranked together. */
  scope?: 'store' | 'chain';
  /** Where the purchase_lines Parquet files are (a path or glob; several stores' files concatenate). */
  linesPath: string;
  /** For the header: who exported it. */
  storeId: string;
  storeName?: string;
}

/** One step of the script: a view with a comment saying what it does and why. */
export interface SqlStep {
  view: string;
  comment: string;
  body: (d: Dialect) => string;
}

const LEVEL_LETTER = { recency: 'r', frequency: 'f', monetary: 'm' } as const;
const METRICS = ['recency', 'frequency', 'monetary'] as const;

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The ordered segment rules as one CASE: the first matching rule wins, none is 'others'. */
export function segmentCase(ruleSet: SegmentRuleSet, value: (rule: SegmentRuleSet['rules'][number]) => string, otherwise: string): string {
  // A CASE needs a WHEN: a rule set without rules puts everyone in 'others'.
  if (ruleSet.rules.length === 0) return otherwise;
  const arms = ruleSet.rules.map((rule) => `    WHEN r_score BETWEEN ${rule.r[0]} AND ${rule.r[1]} AND f_score BETWEEN ${rule.f[0]} AND ${rule.f[1]} AND m_score BETWEEN ${rule.m[0]} AND ${rule.m[1]} THEN ${value(rule)}`);
  return ['CASE', ...arms, `    ELSE ${otherwise}`, '  END'].join('\n');
}

export function analysisSteps(p: AnalysisSqlParams): SqlStep[] {
  const n = p.ruleSet.levels;
  const { from, to } = p.period ?? { from: null, to: null };
  const unitExpr = p.scope === 'chain' ? `'chain'` : 'store_id';
  const cutIdx = range(n - 1);
  const steps: SqlStep[] = [];
  const add = (view: string, comment: string, body: (d: Dialect) => string) => steps.push({ view, comment, body });

  add('kq_lines', `Every purchase line of every store's file; "unit" is what results are computed per (${p.scope === 'chain' ? 'the whole chain' : 'each store'}).`, (d) => `SELECT l.*, ${unitExpr} AS unit\nFROM ${d.readParquet(p.linesPath)} AS l`);

  const periodFilter = [from !== null ? `\n  AND purchase_date >= DATE '${isoFromDay(from)}'` : '', to !== null ? `\n  AND purchase_date <= DATE '${isoFromDay(to)}'` : ''].join('');
  add(
    'kq_period_lines',
    'Lines the RFM counts: not excluded at import, on a customer file' + (from !== null || to !== null ? `, inside the period ${from !== null ? isoFromDay(from) : '…'} to ${to !== null ? isoFromDay(to) : '…'}` : '') + '.',
    () => `SELECT *\nFROM kq_lines\nWHERE NOT excluded\n  AND customer_id IS NOT NULL${periodFilter}`,
  );

  add(
    'kq_analysis_dates',
    p.analysisDay !== null ? `The analysis date chosen in the store: ${isoFromDay(p.analysisDay)}.` : "The analysis date: the day after each unit's last purchase in the period (the app's default).",
    (d) =>
      p.analysisDay !== null
        ? `SELECT unit, DATE '${isoFromDay(p.analysisDay)}' AS analysis_date\nFROM kq_period_lines\nGROUP BY unit`
        : `SELECT unit, ${d.addDays('MAX(purchase_date)', 1)} AS analysis_date\nFROM kq_period_lines\nGROUP BY unit`,
  );

  const frequencyExpr =
    p.frequency === 'visitDays'
      ? 'COUNT(DISTINCT l.purchase_date)'
      : // Distinct order nos. per customer (per store: two stores may reuse a number); a line without one is an order by itself.
        `COUNT(DISTINCT CASE WHEN l.order_no IS NOT NULL THEN concat(l.store_id, '|', l.order_no) END) + SUM(CASE WHEN l.order_no IS NULL THEN 1 ELSE 0 END)`;
  const monetaryExpr = p.monetary === 'net' ? 'SUM(l.amount)' : 'SUM(CASE WHEN l.is_return THEN 0 ELSE l.amount END)';
  add(
    'kq_metrics',
    `Per customer before the analysis date: R = days since the last line, F = ${p.frequency === 'visitDays' ? 'distinct days with a line (visit days)' : 'distinct orders (a line without an order no. is its own order)'}, M = ${p.monetary === 'net' ? 'net amount, returns deducted' : 'amount of the purchase lines, returns not deducted'}. M_value is that yuan amount as the app scores it: fen ÷ 100 as a DOUBLE.`,
    (d) =>
      [
        'SELECT l.unit, l.customer_id, MIN(l.keqing_id) AS keqing_id, a.analysis_date,',
        `  ${d.daysBetween('a.analysis_date', 'MAX(l.purchase_date)')} AS recency_days,`,
        `  ${frequencyExpr} AS frequency,`,
        `  ${monetaryExpr} AS monetary,`,
        `  CAST(${monetaryExpr} * 100 AS DOUBLE) / 100 AS monetary_value`,
        'FROM kq_period_lines AS l',
        'JOIN kq_analysis_dates AS a ON a.unit = l.unit',
        'WHERE l.purchase_date < a.analysis_date',
        'GROUP BY l.unit, l.customer_id, a.analysis_date',
      ].join('\n'),
  );

  if (p.method === 'manual') {
    const cuts = p.cuts;
    if (!cuts) throw new Error('manual scoring needs cuts');
    add('kq_cuts', `The store's own cut points (${n} levels): a value equal to a cut stays in the lower level.`, () => {
      const cols = METRICS.flatMap((metric) => cutIdx.map((k) => `${sqlDouble(cuts[metric][k - 1]!)} AS ${LEVEL_LETTER[metric]}_c${k}`));
      return `SELECT unit, ${cols.join(', ')}\nFROM kq_analysis_dates`;
    });
  } else {
    add('kq_metric_values', 'The three metrics as one column, to take the quantiles of each.', () =>
      METRICS.map((metric) => `SELECT unit, '${metric}' AS metric, CAST(${metric === 'recency' ? 'recency_days' : metric === 'frequency' ? 'frequency' : 'monetary_value'} AS DOUBLE) AS x FROM kq_metrics`).join('\nUNION ALL\n'),
    );
    add('kq_ranked', "Each value's position (1…N) in its unit and metric, ascending: the order statistics.", () => 'SELECT unit, metric, x,\n  ROW_NUMBER() OVER (PARTITION BY unit, metric ORDER BY x) AS pos,\n  COUNT(*) OVER (PARTITION BY unit, metric) AS n\nFROM kq_metric_values');
    const probs = rProbabilities(n).slice(1, n);
    add(
      'kq_order_stats',
      `Type-7 sample quantiles at p = k/${n} (R's quantile(type = 7), the same as quantile_cont / percentile): index = 1 + (N − 1)·p, the order statistics at floor(index) and ceiling(index), and h = index − floor(index). p is R's seq(0, 1, length.out = ${n + 1}) to the last bit.`,
      () => {
        const cols = probs.flatMap((prob, i) => {
          const k = i + 1;
          const index = `(1 + (n - 1) * ${sqlDouble(prob)})`;
          return [`  MAX(${index} - FLOOR(${index})) AS h_${k}`, `  MAX(CASE WHEN pos = FLOOR(${index}) THEN x END) AS lo_${k}`, `  MAX(CASE WHEN pos = CEIL(${index}) THEN x END) AS hi_${k}`];
        });
        return `SELECT unit, metric,\n${cols.join(',\n')}\nFROM kq_ranked\nGROUP BY unit, metric`;
      },
    );
    const plusOne = p.method === 'rfm030' ? ' + 1' : '';
    add(
      'kq_cuts',
      p.method === 'rfm030'
        ? "The cut points of the R package rfm 0.3.0: each quantile + 1, a level is [lower, upper). The interpolation is R's own expression (1 − h)·x[lo] + h·x[hi], written out rather than left to quantile_cont / percentile, whose rounding differs in the last bit and can move a customer sitting exactly on a cut."
        : "The cut points: the quantiles themselves; a value equal to a cut stays in the lower level. The interpolation is R's own expression (1 − h)·x[lo] + h·x[hi], written out so the rounding is the app's.",
      () => {
        const q = (k: number) => `CASE WHEN h_${k} > 0 AND hi_${k} <> lo_${k} THEN (1 - h_${k}) * lo_${k} + h_${k} * hi_${k} ELSE lo_${k} END${plusOne}`;
        const cols = METRICS.flatMap((metric) => cutIdx.map((k) => `  MAX(CASE WHEN metric = '${metric}' THEN ${q(k)} END) AS ${LEVEL_LETTER[metric]}_c${k}`));
        return `SELECT unit,\n${cols.join(',\n')}\nFROM kq_order_stats\nGROUP BY unit`;
      },
    );
  }

  // rfm030: level index = cuts at or below x ([lower, upper)); quantile and manual: cuts strictly below x.
  const op = p.method === 'rfm030' ? '>=' : '>';
  const countCuts = (value: string, letter: string) => cutIdx.map((k) => `CASE WHEN ${value} ${op} c.${letter}_c${k} THEN 1 ELSE 0 END`).join(' + ');
  add(
    'kq_scores',
    `Levels 1…${n}, ${n} best. ${p.method === 'rfm030' ? 'A value at or above a cut is in the higher band' : 'A value above a cut is in the higher band'}; R is reversed (fewest days is best). Score = 100R + 10F + M.`,
    () =>
      [
        'SELECT s.*, 100 * r_score + 10 * f_score + m_score AS rfm_score',
        'FROM (',
        '  SELECT m.*,',
        `    ${n} - (${countCuts('m.recency_days', 'r')}) AS r_score,`,
        `    1 + ${countCuts('m.frequency', 'f')} AS f_score,`,
        `    1 + ${countCuts('m.monetary_value', 'm')} AS m_score`,
        '  FROM kq_metrics AS m',
        '  JOIN kq_cuts AS c ON c.unit = m.unit',
        ') AS s',
      ].join('\n'),
  );

  add('kq_segments', `The segment rules in their order (${p.ruleSet.rules.length} rules, ${n} levels): the first match wins; no match is '${OTHERS}'.`, () =>
    [
      'SELECT s.*,',
      `  ${segmentCase(p.ruleSet, (r) => sqlText(r.id), sqlText(OTHERS))} AS segment,`,
      `  ${segmentCase(p.ruleSet, (r) => sqlText(r.name.zh), sqlText(OTHERS_NAME.zh))} AS segment_name`,
      'FROM kq_scores AS s',
    ].join('\n'),
  );

  add('kq_abc_sales', "ABC sales per customer: net amount (returns deducted) of every kept line on file, whatever the analysis date or period (as the app's ABC).", () =>
    'SELECT unit, customer_id, MIN(keqing_id) AS keqing_id, SUM(amount) AS sales\nFROM kq_lines\nWHERE NOT excluded AND customer_id IS NOT NULL\nGROUP BY unit, customer_id',
  );

  add(
    'kq_abc',
    `ABC by Pareto: rank by sales (ties by keqing_id); A while the share of the customers ranked before is < ${p.abcCuts.a}, B while < ${p.abcCuts.b}, else C; sales ≤ 0 is always C. Shares are of the positive sales; sums in fen are exact.`,
    () =>
      [
        'SELECT unit, customer_id, sales,',
        '  CASE',
        '    WHEN sales <= 0 THEN \'C\'',
        `    WHEN CAST(before_fen AS DOUBLE) / CAST(total_fen AS DOUBLE) < ${sqlDouble(p.abcCuts.a)} THEN 'A'`,
        `    WHEN CAST(before_fen AS DOUBLE) / CAST(total_fen AS DOUBLE) < ${sqlDouble(p.abcCuts.b)} THEN 'B'`,
        "    ELSE 'C'",
        '  END AS abc_class',
        'FROM (',
        '  SELECT unit, customer_id, sales,',
        '    COALESCE(SUM(CASE WHEN sales > 0 THEN sales * 100 ELSE 0 END) OVER (PARTITION BY unit ORDER BY sales DESC, keqing_id, customer_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before_fen,',
        '    SUM(CASE WHEN sales > 0 THEN sales * 100 ELSE 0 END) OVER (PARTITION BY unit) AS total_fen',
        '  FROM kq_abc_sales',
        ') AS ranked',
      ].join('\n'),
  );

  add('kq_result', 'The analysis per customer: R, F, M, levels, score, segment and ABC class (the columns of analysis.parquet).', () =>
    [
      'SELECT s.unit, s.customer_id, s.keqing_id, s.analysis_date, s.recency_days, s.frequency, s.monetary,',
      '  s.r_score, s.f_score, s.m_score, s.rfm_score, s.segment, s.segment_name, a.abc_class',
      'FROM kq_segments AS s',
      'LEFT JOIN kq_abc AS a ON a.unit = s.unit AND a.customer_id = s.customer_id',
    ].join('\n'),
  );

  kpiSteps(p, add);
  return steps;
}

/** The script: a header naming the parameters, one commented view per step, then the two results. */
export function analysisSql(p: AnalysisSqlParams, dialectId: DialectId): string {
  const d = dialects[dialectId];
  const steps = analysisSteps(p);
  const { from, to } = p.period ?? { from: null, to: null };
  const header = [
    `-- Keqing 客情: the store's analysis as ${d.name} SQL (open format v${OPEN_FORMAT_VERSION}).`,
    `-- Exported by store ${p.storeId}${p.storeName ? ` (${p.storeName})` : ''}. Results per ${p.scope === 'chain' ? 'chain (all stores together)' : 'store_id'}.`,
    '-- Parameters, as set in the app:',
    `--   analysis date: ${p.analysisDay !== null ? isoFromDay(p.analysisDay) : 'the day after each store\'s last purchase'}`,
    `--   period: ${from !== null ? isoFromDay(from) : 'open'} to ${to !== null ? isoFromDay(to) : 'open'}`,
    `--   frequency: ${p.frequency ?? 'orders'}; monetary: ${p.monetary ?? 'sum'}`,
    `--   scoring: ${p.method}, ${p.ruleSet.levels} levels${p.method === 'manual' && p.cuts ? `, cuts R ${p.cuts.recency.join('/')} F ${p.cuts.frequency.join('/')} M ${p.cuts.monetary.join('/')}` : ''}`,
    `--   segment rules: ${p.ruleSet.name?.en ?? 'preset'} (${p.ruleSet.rules.length} rules)`,
    `--   ABC cuts: A < ${p.abcCuts.a}, B < ${p.abcCuts.b}`,
    `--   churn days (the churned list's): ${p.churnDays ?? CHURN_DAYS}`,
    `--   purchase lines read from: ${p.linesPath}`,
  ];
  const body = steps.map((s, i) => `-- Step ${i + 1} (${s.view}): ${s.comment}\n${d.createView(s.view)}\n${s.body(d)};`);
  const results = ['-- Result: the analysis per customer.', 'SELECT * FROM kq_result ORDER BY unit, customer_id;', '', '-- Result: the KPIs per month.', 'SELECT * FROM kq_kpi_months ORDER BY unit, month;', '', '-- Result: the repeat rate per quarter and year.', "SELECT * FROM kq_kpi_repeat WHERE period_kind <> 'month' ORDER BY unit, period_kind, period;", '', '-- Result: the registration rate over every line.', 'SELECT * FROM kq_kpi_registration ORDER BY unit;'];
  return [header.join('\n'), ...body, results.join('\n')].join('\n\n') + '\n';
}

type AddStep = (view: string, comment: string, body: (d: Dialect) => string) => void;

const PERIODS: readonly PeriodKind[] = ['month', 'quarter', 'year'];

/** A rate that is "no data" (NULL) when its denominator is 0, as the app's (lib/kpi/purchases `share`). */
const rate = (part: string, whole: string) => `CASE WHEN ${whole} = 0 THEN NULL ELSE CAST(${part} AS DOUBLE) / (${whole}) END`;

/**
 * Buyers for the registration rate over some lines (lib/customers/quality): a buyer with a file is a
 * distinct customer; without one, a distinct customer reference, else a distinct order no. of an
 * anonymous walk-in, else the line itself. Refs and order nos. are compared within their store.
 */
const registrationColumns = (l: string) => [
  `COUNT(DISTINCT ${l}.customer_id) AS buyers_with_file`,
  // concat() with a NULL is '' in DuckDB but NULL in Spark: each key is guarded by IS NOT NULL.
  `COUNT(DISTINCT CASE WHEN ${l}.customer_id IS NULL AND ${l}.customer_ref IS NOT NULL THEN concat(${l}.store_id, '|', ${l}.customer_ref) END)
    + COUNT(DISTINCT CASE WHEN ${l}.customer_id IS NULL AND ${l}.customer_ref IS NULL AND ${l}.order_no IS NOT NULL THEN concat(${l}.store_id, '|', ${l}.order_no) END)
    + SUM(CASE WHEN ${l}.customer_id IS NULL AND ${l}.customer_ref IS NULL AND ${l}.order_no IS NULL THEN 1 ELSE 0 END) AS buyers_without_file`,
];

/**
 * The KPI board's figures that the purchase lines give, with lib/kpi/purchases' 口径: per month the
 * sales KPIs, the registration rate, the churn rate and the repeat rate; the repeat rate per
 * quarter and year too; the registration rate over every line. Counted for every month from the
 * first kept line to the last. (The other board rows need the funnel, groups or targets: not exported.)
 */
function kpiSteps(p: AnalysisSqlParams, add: AddStep) {
  const churnDays = p.churnDays ?? CHURN_DAYS;
  add(
    'kq_kpi_purchase_days',
    `A purchase (lib/purchases isPurchase): a kept line, not a return, amount above 0, on a customer file. One row per customer and day they bought, with their next purchase day and the day they would join the churned list without one: ${churnDays} days later (the tier rules' churn days).`,
    (d) =>
      [
        'SELECT unit, customer_id, purchase_date,',
        '  LEAD(purchase_date) OVER (PARTITION BY unit, customer_id ORDER BY purchase_date) AS next_date,',
        '  ROW_NUMBER() OVER (PARTITION BY unit, customer_id ORDER BY purchase_date) AS day_no,',
        `  ${d.addDays('purchase_date', churnDays)} AS lapse_date`,
        'FROM (',
        '  SELECT DISTINCT unit, customer_id, purchase_date',
        '  FROM kq_lines',
        '  WHERE NOT excluded AND NOT is_return AND amount > 0 AND customer_id IS NOT NULL',
        ') AS days',
      ].join('\n'),
  );
  add(
    'kq_kpi_periods',
    "The months, quarters and years the KPIs are counted for: every month from the unit's first kept line to its last (a month without a line still has customers lapsing), and the quarters and years they make; each with its first day and the first day after it.",
    (d) => {
      const spine = [
        `SELECT unit, ${d.monthSeries('first_month', 'last_month')} AS month_start`,
        'FROM (',
        `  SELECT unit, MIN(${d.periodStart('month', 'purchase_date')}) AS first_month, MAX(${d.periodStart('month', 'purchase_date')}) AS last_month`,
        '  FROM kq_lines',
        '  WHERE NOT excluded',
        '  GROUP BY unit',
        ') AS bounds',
      ].join('\n');
      const months = `SELECT unit, CAST(month_start AS DATE) AS day\nFROM (\n${spine}\n) AS spine`;
      return PERIODS.map((kind) => {
        const start = d.periodStart(kind, 'day');
        return `SELECT DISTINCT unit, '${kind}' AS period_kind, ${d.periodOf(kind, 'day')} AS period, ${start} AS period_start, ${d.addMonths(start, PERIOD_MONTHS[kind])} AS period_end\nFROM (\n${months}\n) AS months`;
      }).join('\nUNION ALL\n');
    },
  );
  add('kq_kpi_buyers', 'Buyers on file per period: customers with a purchase in it.', (d) =>
    PERIODS.map((kind) => `SELECT DISTINCT unit, customer_id, '${kind}' AS period_kind, ${d.periodOf(kind, 'purchase_date')} AS period\nFROM kq_kpi_purchase_days`).join('\nUNION ALL\n'),
  );
  add(
    'kq_kpi_repeat',
    "顾客重复购买率 (repeat-purchase rate) per month, quarter and year: of the period's buyers on file, the share who have bought on at least two different days by the period's end (their second purchase day is before it).",
    () =>
      [
        'SELECT p.unit, p.period_kind, p.period, COUNT(b.customer_id) AS buyers,',
        '  SUM(CASE WHEN s.purchase_date < p.period_end THEN 1 ELSE 0 END) AS repeat_buyers,',
        `  ${rate('SUM(CASE WHEN s.purchase_date < p.period_end THEN 1 ELSE 0 END)', 'COUNT(b.customer_id)')} AS repeat_rate`,
        'FROM kq_kpi_periods AS p',
        'LEFT JOIN kq_kpi_buyers AS b ON b.unit = p.unit AND b.period_kind = p.period_kind AND b.period = p.period',
        'LEFT JOIN kq_kpi_purchase_days AS s ON s.unit = b.unit AND s.customer_id = b.customer_id AND s.day_no = 2',
        'GROUP BY p.unit, p.period_kind, p.period',
      ].join('\n'),
  );
  add(
    'kq_kpi_churn',
    `月流失率 (monthly churn rate): of the customers not lapsed at the month's start S (their last purchase L before S has L + ${churnDays} days on or after S), the share who lapse in the month (L + ${churnDays} days falls in it, and their next purchase, the first on or after S, is not on or before that day).`,
    () =>
      [
        'SELECT p.unit, p.period AS month, COUNT(d.customer_id) AS active_customers,',
        '  SUM(CASE WHEN d.lapse_date < p.period_end AND (d.next_date IS NULL OR d.next_date > d.lapse_date) THEN 1 ELSE 0 END) AS churned_customers',
        'FROM kq_kpi_periods AS p',
        // The row of L: the purchase before S whose next purchase is on or after S (or none).
        'LEFT JOIN kq_kpi_purchase_days AS d ON d.unit = p.unit AND d.purchase_date < p.period_start',
        '  AND (d.next_date IS NULL OR d.next_date >= p.period_start) AND d.lapse_date >= p.period_start',
        "WHERE p.period_kind = 'month'",
        'GROUP BY p.unit, p.period',
      ].join('\n'),
  );
  add(
    'kq_kpi_registration',
    '顾客登记率 (registration rate) over every kept line, returns too: buyers with a file ÷ all buyers. A buyer without a file is a distinct customer reference from the source, else an anonymous walk-in: a distinct order no., or a line without one.',
    () => ['SELECT unit,', `  ${registrationColumns('l').join(',\n  ')}`, 'FROM kq_lines AS l', 'WHERE NOT l.excluded', 'GROUP BY l.unit'].join('\n'),
  );
  add(
    'kq_kpi_months',
    "The KPI board per month. Sales (口径 of the board): 实收 = net amount of every kept line, walk-ins too; 单数 = distinct order nos. per customer among purchase lines (a return is not an order; a line without an order no. is one); 客单价 = 实收 ÷ 单数; spend per customer = members' net amount ÷ members who bought; 会员消费占比 = members' amount ÷ 实收 (only when 实收 > 0); 会员客单占比 = members' orders ÷ 单数. Then the month's registration rate (as above, over its lines), churn rate and repeat rate.",
    (d) => {
      const orderKey = `concat(store_id, '|', l.order_no, '|', COALESCE(l.customer_id, ''))`;
      const orders = (who: string) => `COUNT(DISTINCT CASE WHEN NOT l.is_return AND l.order_no IS NOT NULL${who} THEN ${orderKey} END)\n    + SUM(CASE WHEN NOT l.is_return AND l.order_no IS NULL${who} THEN 1 ELSE 0 END)`;
      const kept = (column: string) => `COALESCE(m.${column}, 0) AS ${column}`;
      return [
        'SELECT unit, month, revenue, revenue_on_file, buyers_on_file, orders, member_orders,',
        `  ${rate('revenue', 'orders')} AS average_order_value,`,
        `  ${rate('revenue_on_file', 'buyers_on_file')} AS spend_per_customer,`,
        '  CASE WHEN revenue > 0 THEN CAST(revenue_on_file AS DOUBLE) / CAST(revenue AS DOUBLE) ELSE NULL END AS member_sales_share,',
        `  ${rate('member_orders', 'orders')} AS member_order_share,`,
        `  buyers_with_file, buyers_without_file, ${rate('buyers_with_file', 'buyers_with_file + buyers_without_file')} AS registration_rate,`,
        `  active_customers, churned_customers, ${rate('churned_customers', 'active_customers')} AS churn_rate,`,
        '  repeat_base, repeat_buyers, repeat_rate',
        'FROM (',
        '  -- Every month of the unit; one without a kept line has no sales (0) and no buyers.',
        `  SELECT p.unit, p.period AS month, ${['revenue', 'revenue_on_file', 'buyers_on_file', 'orders', 'member_orders', 'buyers_with_file', 'buyers_without_file'].map(kept).join(', ')},`,
        '    c.active_customers, c.churned_customers, r.buyers AS repeat_base, r.repeat_buyers, r.repeat_rate',
        '  FROM kq_kpi_periods AS p',
        '  LEFT JOIN (',
        `    SELECT l.unit, ${d.monthOf('l.purchase_date')} AS month,`,
        '      SUM(l.amount) AS revenue,',
        '      SUM(CASE WHEN l.customer_id IS NOT NULL THEN l.amount ELSE 0 END) AS revenue_on_file,',
        '      COUNT(DISTINCT CASE WHEN l.customer_id IS NOT NULL AND NOT l.is_return THEN l.customer_id END) AS buyers_on_file,',
        `      ${orders('')} AS orders,`,
        `      ${orders(' AND l.customer_id IS NOT NULL')} AS member_orders,`,
        `      ${registrationColumns('l').join(',\n      ')}`,
        '    FROM kq_lines AS l',
        '    WHERE NOT l.excluded',
        `    GROUP BY l.unit, ${d.monthOf('l.purchase_date')}`,
        '  ) AS m ON m.unit = p.unit AND m.month = p.period',
        '  LEFT JOIN kq_kpi_churn AS c ON c.unit = p.unit AND c.month = p.period',
        "  LEFT JOIN kq_kpi_repeat AS r ON r.unit = p.unit AND r.period_kind = 'month' AND r.period = p.period",
        "  WHERE p.period_kind = 'month'",
        ') AS k',
      ].join('\n');
    },
  );
}
