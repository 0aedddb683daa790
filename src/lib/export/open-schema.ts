/**
 * The open-format export's tables (issue 19): fixed, documented, versioned column lists that the
 * Parquet writer, the data dictionary and the SQL scripts all read, so they cannot disagree.
 * Amounts are DECIMAL(18,2) yuan (written from integer fen, exact); dates are DATE; every row
 * carries the store id, so several stores' files combine by plain concatenation.
 */

/** Bump on any change a reader could notice (a column renamed, retyped, removed or its meaning changed). */
export const OPEN_FORMAT_VERSION = 1;

export type OpenColumnType = 'VARCHAR' | 'INTEGER' | 'DATE' | 'DECIMAL(18,2)' | 'DOUBLE' | 'BOOLEAN';

export interface OpenColumn {
  name: string;
  type: OpenColumnType;
  nullable: boolean;
  /** Unit or allowed values, when the type alone does not say. */
  unit?: string;
  doc: { zh: string; en: string };
}

export type OpenTableId = 'purchase_lines' | 'customers' | 'analysis';

export interface OpenTable {
  id: OpenTableId;
  file: string;
  doc: { zh: string; en: string };
  columns: readonly OpenColumn[];
}

const col = (name: string, type: OpenColumnType, nullable: boolean, zh: string, en: string, unit?: string): OpenColumn => ({ name, type, nullable, doc: { zh, en }, ...(unit ? { unit } : {}) });

const storeId = col('store_id', 'VARCHAR', false, '门店编号：导出门店的固定编号（设置中生成一次）', "The exporting store's fixed id (generated once, kept in its settings)");
const customerId = (nullable: boolean) =>
  col(
    'customer_id',
    'VARCHAR',
    nullable,
    '顾客编号：默认为「门店编号:客情编号」；连锁共用会员号时为会员的客户编号（或卡号）',
    'Customer id: "<store_id>:<keqing_id>" by default; when the chain shares member ids, the member\'s own customer id (or card no.)',
  );
const keqingId = (nullable: boolean) => col('keqing_id', 'INTEGER', nullable, '客情编号：本店客情内部编号（并列时按它排序）', "The customer's number inside this store's Keqing (ties rank by it)");

/** The excluded-line reasons, as the import's cleaning classes name them (lib/purchases/columns LineFlag). */
export const EXCLUSION_REASONS = ['cancellation', 'returned', 'nonPositivePrice', 'noCustomer', 'nonProduct', 'futureDate', 'repeated'] as const;

export const openTables: readonly OpenTable[] = [
  {
    id: 'purchase_lines',
    file: 'purchase_lines.parquet',
    doc: { zh: '购买明细：每一行购买记录，保留的和导入时剔除的都在（附剔除原因）', en: 'Purchase lines: every stored line, kept and excluded at import (with the reason)' },
    columns: [
      storeId,
      col('line_no', 'INTEGER', false, '行号：本次导出内从 1 起的顺序号', 'Line number within this export, from 1'),
      col('purchase_date', 'DATE', false, '购买日期', 'Purchase date'),
      customerId(true),
      keqingId(true),
      col('customer_ref', 'VARCHAR', true, '原始顾客标识：未匹配到顾客档案的行，源文件中写的编号、卡号或手机', "For lines not linked to a customer file: the customer reference as the source wrote it"),
      col('order_no', 'VARCHAR', true, '单号；为空时该行单独算一单', 'Order no.; a line without one counts as an order by itself'),
      col('item_no', 'VARCHAR', true, '货号', 'Item no.'),
      col('quantity', 'DOUBLE', false, '数量（退货为负）', 'Quantity (negative for returns)'),
      col('amount', 'DECIMAL(18,2)', false, '金额（元，退货为负）', 'Line amount in yuan (negative for returns)', 'CNY yuan'),
      col('points', 'DOUBLE', true, '积分（源文件给出时）', 'Points, when the source gave them'),
      col('is_return', 'BOOLEAN', false, '是否退货行', 'A return line'),
      col('excluded', 'BOOLEAN', false, '导入时是否剔除：剔除的行不计入任何分析', 'Excluded at import: counted in no analysis'),
      col('exclusion_reason', 'VARCHAR', true, '剔除原因（逗号分隔）：' + EXCLUSION_REASONS.join(', '), 'Why excluded (comma-separated): ' + EXCLUSION_REASONS.join(', '), EXCLUSION_REASONS.join('|')),
    ],
  },
  {
    id: 'customers',
    file: 'customers.parquet',
    doc: { zh: '顾客档案（手机号已遮蔽）', en: 'Customer file (phones masked)' },
    columns: [
      storeId,
      customerId(false),
      keqingId(false),
      col('external_id', 'VARCHAR', true, '客户编号（店铺自己的系统）', "The shop's own customer id"),
      col('card_no', 'VARCHAR', true, '卡号', 'Card no.'),
      col('card_level', 'VARCHAR', true, '卡等级', 'Card level'),
      col('name', 'VARCHAR', false, '姓名', 'Name'),
      col('phone_masked', 'VARCHAR', true, '手机（遮蔽，如 138****1234）', 'Phone, masked (e.g. 138****1234)'),
      col('gender', 'VARCHAR', true, '性别', 'Gender', 'F|M'),
      col('birthday', 'VARCHAR', true, '生日（原样；农历生日前缀「农历」）', 'Birthday as written (a lunar one prefixed 农历)'),
      col('region', 'VARCHAR', true, '地区', 'Region'),
      col('customer_type', 'VARCHAR', true, '客户类型', 'Customer type', 'household|commercial|project'),
      col('customer_class', 'VARCHAR', true, '客户类别', 'Customer class', 'wholesale|retail|agent|franchise|chain|speciality'),
      col('is_prospect', 'BOOLEAN', false, '是否潜在客户', 'A prospect'),
      col('created_date', 'DATE', false, '建档日期', 'Date the file was created'),
    ],
  },
  {
    id: 'analysis',
    file: 'analysis.parquet',
    doc: { zh: '最近一次分析结果：每位有购买的顾客的 R/F/M、分值、细分、ABC 类、等级与价值等级', en: 'The latest analysis: per customer who bought, R/F/M, scores, segment, ABC class, tier and value grade' },
    columns: [
      storeId,
      customerId(false),
      keqingId(false),
      col('analysis_date', 'DATE', false, '分析日期', 'Analysis date'),
      col('recency_days', 'INTEGER', false, '最近一次购买距分析日期的天数', 'Days from the last purchase to the analysis date'),
      col('frequency', 'INTEGER', false, '频次（单数或到店天数，见参数）', 'Frequency (orders or visit days, see the parameters)'),
      col('monetary', 'DECIMAL(18,2)', false, '金额（元，见参数）', 'Monetary in yuan (see the parameters)', 'CNY yuan'),
      col('r_score', 'INTEGER', false, 'R 分（1–n，n 最好）', 'R level (1–n, n best)'),
      col('f_score', 'INTEGER', false, 'F 分', 'F level'),
      col('m_score', 'INTEGER', false, 'M 分', 'M level'),
      col('rfm_score', 'INTEGER', false, 'RFM 分 = 100R + 10F + M', 'RFM score = 100R + 10F + M'),
      col('segment', 'VARCHAR', false, '细分编号（规则集中的 id；未命中为 others）', "Segment id (the rule's id; no match is 'others')"),
      col('segment_name', 'VARCHAR', false, '细分名称（中文）', 'Segment name (Chinese)'),
      col('abc_class', 'VARCHAR', true, 'ABC 类（按全部保留行的净消费）', 'ABC class (by net spend over every kept line)', 'A|B|C'),
      col('tier', 'VARCHAR', true, '门店等级（最近一次评审）', 'Store tier as of the last review', 'A|B|C'),
      col('tier_churned', 'BOOLEAN', true, '是否在流失名录', 'On the churned list'),
      col('value_grade', 'VARCHAR', true, '价值等级（最近一次评定）', 'Value grade as of the last re-grade', 'high|medium|low'),
    ],
  },
];

export const openTable = (id: OpenTableId): OpenTable => openTables.find((t) => t.id === id)!;
