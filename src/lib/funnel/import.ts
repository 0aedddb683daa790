/**
 * Prospects and their dated stage changes from a file, through the shared record importer
 * (lib/import/records). One row is a prospect with an optional stage and date; rows repeated for
 * the same prospect (same id, else phone, else name) add stage events to it. Stage and source
 * words are the course's (seed 000, 002), in Chinese or English.
 */
import { headerKey } from '../import/fields';
import type { RecordKind } from '../import/records';
import { normalisePhone } from '../import/values/phone';
import { isoFromDay } from '../dates';
import { monthFromText, monthText } from './months';
import { stages, type Opportunity, type ProspectSource, type Stage } from './records';

export const prospectFields = ['prospectId', 'name', 'phone', 'source', 'group', 'model', 'colour', 'options', 'expectedMonth', 'appointment', 'note', 'stage', 'date'] as const;
export type ProspectField = (typeof prospectFields)[number];

const synonyms: Record<ProspectField, readonly string[]> = {
  prospectId: ['潜客编号', '潜在客户编号', '商机编号', '编号', 'prospectid', 'opportunityid', 'id'],
  name: ['姓名', '客户姓名', '潜在客户', '客户', '顾客姓名', '名字', 'name', 'prospect', 'customer', 'customername'],
  phone: ['电话', '手机', '手机号', '手机号码', '联系电话', '联系方式', 'phone', 'mobile', 'tel', 'telephone'],
  source: ['来源', '客户来源', '潜客来源', 'source', 'leadsource'],
  group: ['销售小组', '小组', '组别', '销售组', 'group', 'team', 'salesgroup'],
  model: ['意向型号', '型号', '意向车型', '车型', '意向商品', 'model', 'intendedmodel'],
  colour: ['颜色', '意向颜色', 'colour', 'color'],
  options: ['选装件', '选配', '选装', 'options', 'extras'],
  expectedMonth: ['预计购买月份', '预计购买时间', '预计购买', '预计成交月份', 'expectedmonth', 'expectedpurchase'],
  appointment: ['预约日期', '预约', '试驾日期', '预约到店', 'appointment', 'appointmentdate'],
  note: ['备注', '说明', 'note', 'notes', 'remark', 'remarks'],
  stage: ['阶段', '销售阶段', '当前阶段', '所处阶段', 'stage', 'salesstage'],
  date: ['日期', '阶段日期', '发生日期', '记录日期', 'date', 'stagedate'],
};

/** Stage words: the UI's names (i18n kpi.stage.*), the course's shorter ones, and English. */
const stageWords: Record<Stage, readonly string[]> = {
  greet: ['迎接', '打招呼', '迎接接待', '接待', '迎接顾客', 'greet', 'greeting', 'welcome'],
  needs: ['确认需求', '需求确认', '了解需求', '需求', 'confirmneeds', 'needs', 'needsanalysis'],
  demo: ['推荐', '展示', '推荐展示', '推荐/展示', '商品推荐', '产品展示', 'recommend', 'demonstrate', 'demo', 'recommend/demonstrate', 'presentation'],
  trial: ['试用', '试驾', '试穿', '试用/试驾', 'trial', 'testdrive', 'trial/testdrive', 'try'],
  close: ['洽谈', '成交', '议价', '议价成交', '洽谈/成交', '洽谈成交', 'negotiate', 'close', 'negotiate/close', 'closed', 'deal'],
  deliver: ['交车', '交付', '交货', '交车/交付', 'deliver', 'delivery', 'delivered'],
  followUp: ['跟进', '回访', '后续跟进', '跟进/回访', '售后跟进', 'followup', 'follow-up', 'follow up'],
  loyal: ['忠诚客户', '忠诚', '老客户', 'loyal', 'loyalcustomer'],
};
const sourceWords: Record<ProspectSource, readonly string[]> = {
  new: ['主动开发', '新开发', '自行开发', '开发', 'new', 'newdevelopment', 'development', 'cold'],
  referral: ['熟客推荐', '转介绍', '介绍', '推荐', 'referral', 'referred'],
  repeat: ['回头客', '老客', '再次购买', 'repeat', 'repeatcustomer', 'returning'],
};

function lookup<K extends string>(words: Record<K, readonly string[]>): (text: string) => K | null {
  const map = new Map<string, K>();
  for (const [k, list] of Object.entries(words) as [K, readonly string[]][]) for (const w of list) map.set(headerKey(w), k);
  return (text) => map.get(headerKey(text)) ?? null;
}
export const stageFromText = lookup(stageWords);
export const sourceFromText = lookup(sourceWords);

/** One prospect as the file gives it: only the fields the file fills, and its stage changes. */
export type ImportedProspect = Partial<Pick<Opportunity, 'name' | 'phone' | 'source' | 'group' | 'model' | 'colour' | 'options' | 'expectedMonth' | 'appointmentDay' | 'note'>> & {
  /** The file's own id, when it has an id column (matched against stored prospect ids). */
  prospectId?: string;
  events: { stage: Stage; day: number }[];
  /** File line of the prospect's first row. */
  line: number;
};

export interface ProspectRow {
  key: string;
  values: Omit<ImportedProspect, 'events' | 'line'>;
  event: { stage: Stage; day: number } | null;
}

export type ProspectImport = ImportedProspect[];

const texts = ['name', 'group', 'model', 'colour', 'options', 'note'] as const;

export const prospectKind: RecordKind<ProspectField, ProspectRow, ProspectImport> = {
  fields: prospectFields,
  synonyms,
  dateFields: ['date', 'appointment'],
  mappingProblems: (mapping) => {
    const problems: { code: string }[] = [];
    if (!mapping.includes('name') && !mapping.includes('phone') && !mapping.includes('prospectId')) problems.push({ code: 'records.noProspectKey' });
    if (mapping.includes('stage') !== mapping.includes('date')) problems.push({ code: 'records.stageNeedsDate' });
    return problems;
  },
  row: (cell, { problem, date }) => {
    const values: ProspectRow['values'] = {};
    for (const f of texts) if (cell(f) !== '') values[f] = cell(f);
    const id = cell('prospectId');
    if (id !== '') values.prospectId = id;
    const phoneText = cell('phone');
    if (phoneText !== '') {
      const phone = normalisePhone(phoneText);
      if (phone.ok) values.phone = phone.value;
      else problem('phone', phoneText, phone.error.code);
    }
    const sourceText = cell('source');
    if (sourceText !== '') {
      const source = sourceFromText(sourceText);
      if (source) values.source = source;
      else problem('source', sourceText, 'records.sourceUnknown', 'warning');
    }
    const monthText_ = cell('expectedMonth');
    if (monthText_ !== '') {
      const month = readMonth(monthText_, date);
      if (month) values.expectedMonth = month;
      else problem('expectedMonth', monthText_, 'records.monthInvalid', 'warning');
    }
    const appointmentText = cell('appointment');
    if (appointmentText !== '') {
      const d = date(appointmentText);
      if (d.ok) values.appointmentDay = d.value.day;
      else problem('appointment', appointmentText, d.error.code, 'warning');
    }
    let event: ProspectRow['event'] = null;
    const stageText = cell('stage');
    const dayText = cell('date');
    if (stageText !== '' || dayText !== '') {
      const stage = stageText === '' ? null : stageFromText(stageText);
      if (stageText === '') problem('stage', stageText, 'records.stageEmpty');
      else if (!stage) problem('stage', stageText, 'records.stageUnknown');
      const d = date(dayText);
      if (!d.ok) problem('date', dayText, d.error.code);
      if (stage && d.ok) event = { stage, day: d.value.day };
    }
    const key = values.prospectId ? `id:${values.prospectId}` : values.phone ? `phone:${values.phone}` : values.name ? `name:${values.name}` : null;
    if (key === null) {
      problem(null, '', 'records.prospectNoKey');
      return null;
    }
    return { key, values, event };
  },
  finish: (records) => {
    const byKey = new Map<string, ImportedProspect>();
    // A row with only a name joins an earlier row of that name that had a phone or id.
    const nameKey = new Map<string, string>();
    let events = 0;
    for (const { record, line } of records) {
      const key = record.key.startsWith('name:') ? (nameKey.get(record.key) ?? record.key) : record.key;
      if (record.values.name && !nameKey.has(`name:${record.values.name}`)) nameKey.set(`name:${record.values.name}`, key);
      const prospect = byKey.get(key) ?? byKey.set(key, { events: [], line }).get(key)!;
      // Later rows' filled cells win, as in the spreadsheet's last edit.
      Object.assign(prospect, record.values);
      const e = record.event;
      if (e && !prospect.events.some((x) => x.stage === e.stage && x.day === e.day)) {
        prospect.events.push(e);
        events++;
      }
    }
    const output = [...byKey.values()];
    for (const p of output) p.events.sort((a, b) => a.day - b.day || stages.indexOf(a.stage) - stages.indexOf(b.stage));
    const sample = output.slice(0, 20).map((p) => [p.name ?? '', p.phone ?? '', p.source ?? '', p.model ?? '', p.events.map((e) => `${isoFromDay(e.day)} ${e.stage}`).join('；')]);
    return { output, summary: { prospects: output.length, events }, sample };
  },
  sampleColumns: ['name', 'phone', 'source', 'model', 'events'],
};

/** '2026-12', '2026/12', '2026年12月', or a whole date (its month). */
function readMonth(text: string, date: (raw: string) => { ok: boolean; value?: { day: number } }): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text.trim());
  if (m) {
    const month = monthFromText(`${m[1]}-${m[2]!.padStart(2, '0')}`);
    return month === null ? null : monthText(month);
  }
  const d = date(text);
  if (!d.ok || d.value === undefined) return null;
  return isoFromDay(d.value.day).slice(0, 7);
}
