/**
 * Import templates (导入模板) as Chinese shops expect them: fixed Chinese headers, and a 填写说明
 * line above them explaining each column. The explanations hold no header word, so when the
 * filled-in file comes back the importer finds the header below them (mapping.findHeaderRow) and
 * reads the line as a title row.
 */
import { toCsv } from '../csv/export';
import { activityFieldForHeader, type ActivityField } from '../timeuse/import';
import { fieldForHeader, type FieldId } from './fields';
import { prospectKind, type ProspectField } from '../funnel/import';
import { productKind, type ProductField } from '../products/file';
import { fieldLookup } from './records';

export interface TemplateColumn {
  header: string;
  field: FieldId | ActivityField | ProspectField | ProductField;
  note: string;
}

export const templateKinds = ['customers', 'purchases', 'activity', 'prospects', 'products'] as const;
export type TemplateKind = (typeof templateKinds)[number];

const FIRST_NOTE = '填写说明：';

export const templates: Record<TemplateKind, TemplateColumn[]> = {
  customers: [
    { header: '手机号', field: 'phone', note: '必填（与会员卡号至少填一项）；11 位手机号，可带 +86、空格或横线；设为文本格式以免 Excel 改成科学计数法' },
    { header: '姓名', field: 'name', note: '必填' },
    { header: '会员卡号', field: 'cardNo', note: '选填；设为文本格式' },
    { header: '性别', field: 'gender', note: '选填；男 / 女' },
    { header: '生日', field: 'birthday', note: '选填；如 1990-07-12 或 1990/7/12' },
    { header: '生日类型', field: 'birthdayType', note: '选填；公历 / 农历，留空为公历；农历生日填农历年月日，如 1990-08-15，闰月写 1990年闰四月初八' },
    { header: '会员等级', field: 'level', note: '选填' },
    { header: '地址', field: 'address', note: '选填' },
    { header: '地区', field: 'region', note: '选填；城市或省份' },
    { header: '客户分类', field: 'customerClass', note: '选填；批发 / 零售 / 代理 / 加盟 / 连锁 / 专卖' },
    { header: '备注', field: 'notes', note: '选填' },
  ],
  purchases: [
    { header: '小票号', field: 'orderNo', note: '必填；同一张小票的各行填同一号码；以 C 开头表示取消' },
    { header: '销售日期', field: 'date', note: '必填；如 2024-03-05 或 2024/3/5 14:30' },
    { header: '手机号', field: 'phone', note: '会员的手机号；散客留空' },
    { header: '货号', field: 'itemNo', note: '选填；运费、折扣等非商品行的代码可在导入时排除' },
    { header: '商品名称', field: 'itemName', note: '选填' },
    { header: '数量', field: 'quantity', note: '选填，默认 1；退货填负数' },
    { header: '单价', field: 'unitPrice', note: '选填；元' },
    { header: '实收金额', field: 'amount', note: '必填（或填单价与数量）；元，可带 ¥ 或千分位' },
    { header: '积分', field: 'points', note: '选填；留空则按店铺设置由金额计算' },
  ],
  // Time allocation (issue 7): read by the same importer with the activity log's header words.
  activity: [
    { header: '销售员', field: 'rep', note: '必填；与“时间分配 → 销售员与类别”中的名字一致，新名字导入时添加' },
    { header: '日期', field: 'date', note: '必填；如 2026-11-03' },
    { header: '开始时间', field: 'start', note: '与结束时间一起填，如 09:00；或只填分钟' },
    { header: '结束时间', field: 'end', note: '如 10:30' },
    { header: '分钟', field: 'minutes', note: '不填开始/结束时必填；也可写 1:30 或 1.5h' },
    { header: '活动类别', field: 'category', note: '必填；如 销售活动/市场开拓、协调开票交付、报表填写' },
  ],
  // Prospects and their stage changes (issue 9): one row per stage change, the prospect repeated.
  prospects: [
    { header: '姓名', field: 'name', note: '必填（或填电话）；同一位潜在客户每次阶段变化写一行' },
    { header: '电话', field: 'phone', note: '选填；按电话匹配已登记的潜在客户和客户档案；设为文本格式' },
    { header: '来源', field: 'source', note: '选填；主动开发 / 熟客推荐 / 回头客' },
    { header: '销售小组', field: 'group', note: '选填' },
    { header: '意向型号', field: 'model', note: '选填' },
    { header: '颜色', field: 'colour', note: '选填' },
    { header: '选装件', field: 'options', note: '选填' },
    { header: '预计购买月份', field: 'expectedMonth', note: '选填；如 2026-12' },
    { header: '预约日期', field: 'appointment', note: '选填；试驾或到店日期' },
    { header: '阶段', field: 'stage', note: '迎接 / 确认需求 / 推荐展示 / 试用试驾 / 洽谈成交 / 交付 / 跟进回访 / 忠诚客户' },
    { header: '阶段日期', field: 'date', note: '填了阶段就必填；如 2026-11-03' },
    { header: '备注', field: 'note', note: '选填' },
  ],
  // The product file (issue 9): cost and stock at the period's start and end, for margins and turnover.
  products: [
    { header: '货号', field: 'code', note: '必填；与购买记录的货号一致' },
    { header: '品名', field: 'name', note: '选填' },
    { header: '成本', field: 'cost', note: '选填；单位成本，元' },
    { header: '期初库存', field: 'stockOpen', note: '选填；件' },
    { header: '期末库存', field: 'stockClose', note: '选填；件' },
    { header: '销售目标', field: 'target', note: '选填；本期销售额目标，元' },
  ],
};

/** The template as a CSV file (UTF-8 with BOM, which Excel and WPS open right); `rows` fill it in (lib/import/samples). */
export function templateCsv(kind: TemplateKind, rows: readonly string[][] = []): string {
  const columns = templates[kind];
  const notes = columns.map((c, i) => (i === 0 ? `${FIRST_NOTE}${c.note}` : c.note));
  // The notes line goes above the header: toCsv's notice is one cell, so the header row is built here.
  return toCsv(notes, [columns.map((c) => c.header), ...rows]);
}

const lookups: Record<TemplateKind, (header: string) => string | null> = {
  customers: fieldForHeader,
  purchases: fieldForHeader,
  activity: activityFieldForHeader,
  prospects: fieldLookup(prospectKind),
  products: fieldLookup(productKind),
};

/** Every template header must be one the importer recognises as its field (checked by a unit test). */
export const templateProblems = (): string[] =>
  templateKinds.flatMap((kind) =>
    templates[kind].filter((c) => lookups[kind](c.header) !== c.field).map((c) => `${kind}:${c.header}`),
  );
