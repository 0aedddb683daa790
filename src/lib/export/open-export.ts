/**
 * The open-format export (issue 19) as one zip: a Parquet file per table, the data dictionary in
 * Markdown and JSON, and the analysis as SQL for DuckDB and Spark. Pure: runs in the export
 * worker, a test or a bench. Several stores' zips, unpacked side by side, combine by
 * concatenation: every row carries its store id, and customer ids are namespaced by store unless
 * the chain shares member ids.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { AbcClass, AbcCuts } from '../abc/abc';
import { ruleSetOf, type RfmRequest } from '../rfm/from-stats';
import type { Customer } from '../customers/customer';
import { dayFromIso, isoFromDay } from '../dates';
import { maskPhone } from '../import/values/phone';
import type { PurchaseColumns } from '../purchases/columns';
import type { ScoredCustomer } from '../rfm/customer-export';
import { OTHERS, OTHERS_NAME } from '../rfm/segments';
import { CHURN_DAYS } from '../kpi/purchases';
import { analysisSql, type AnalysisSqlParams } from '../sql/analysis-sql';
import type { DialectId } from '../sql/dialects';
import { OPEN_FORMAT_VERSION, openTable, openTables, type OpenTableId } from './open-schema';
import { purchaseLineColumns, rowsToColumns, writeParquet } from './parquet';

export interface OpenExportSettings {
  storeId: string;
  /** The chain's stores use the same member ids: customer_id is the member's own id, not store-namespaced. */
  sharedMemberIds: boolean;
}

/** The rules of the analysis the SQL repeats; analysisDay null = the app's default per store. */
export type OpenAnalysisRules = Omit<AnalysisSqlParams, 'linesPath' | 'storeId' | 'storeName'>;

export interface OpenExportInput {
  settings: OpenExportSettings;
  storeName: string;
  chunks: readonly PurchaseColumns[];
  customers: readonly Customer[];
  rules: OpenAnalysisRules;
  /** The app's latest analysis: per customer, the analysis engine's answer (as the Segments screen shows it). */
  analysis: { analysisDay: number; customers: readonly ScoredCustomer[] } | null;
  abcOf: Readonly<Record<number, AbcClass>>;
  tiers: readonly { id: number; tier: string; churned: boolean }[];
  grades: readonly { id: number; grade: string }[];
  exportedAt: Date;
}

/** Where the scripts read the lines by default: every store's unpacked folder side by side. */
export const DEFAULT_LINES_PATH: Record<DialectId, string> = {
  duckdb: '*/purchase_lines.parquet',
  spark: 'stores/*/purchase_lines.parquet',
};

/** The rules the SQL repeats: the screen's RFM request, the ABC cuts and the tier rules' churn days, defaults filled in. */
export function rulesForExport(request: RfmRequest, abcCuts: AbcCuts, churnDays?: number): OpenAnalysisRules {
  return {
    analysisDay: request.analysisDay,
    period: request.period ?? { from: null, to: null },
    frequency: request.frequency ?? 'orders',
    monetary: request.monetary ?? 'sum',
    method: request.method,
    ...(request.method === 'manual' && request.cuts ? { cuts: request.cuts } : {}),
    ruleSet: ruleSetOf(request),
    abcCuts,
    ...(churnDays !== undefined ? { churnDays } : {}),
  };
}

/** customer_id of a customer: the member's own id when the chain shares them, else store-namespaced. */
export function customerKeyOf(settings: OpenExportSettings, customers: readonly Pick<Customer, 'id' | 'externalId' | 'cardNo'>[]): (keqingId: number) => string {
  const byId = new Map(customers.map((c) => [c.id, c]));
  return (id) => {
    const c = byId.get(id);
    const shared = settings.sharedMemberIds ? (c?.externalId ?? c?.cardNo) : undefined;
    return shared ?? `${settings.storeId}:${id}`;
  };
}

export function customerRows(settings: OpenExportSettings, customers: readonly Customer[]): Record<string, unknown>[] {
  const key = customerKeyOf(settings, customers);
  return [...customers]
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      store_id: settings.storeId,
      customer_id: key(c.id),
      keqing_id: c.id,
      external_id: c.externalId,
      card_no: c.cardNo,
      card_level: c.level,
      name: c.name,
      phone_masked: c.phone ? maskPhone(c.phone) : null,
      gender: c.gender,
      birthday: c.birthday ? (c.birthdayLunar ? `农历${c.birthday}` : c.birthday) : null,
      region: c.region,
      customer_type: c.type,
      customer_class: c.customerClass,
      is_prospect: c.prospect !== undefined,
      created_date: dayFromIso(c.createdAt.slice(0, 10)) ?? 0,
    }));
}

export function analysisRows(input: Pick<OpenExportInput, 'settings' | 'customers' | 'rules' | 'analysis' | 'abcOf' | 'tiers' | 'grades'>): Record<string, unknown>[] {
  const { analysis, settings } = input;
  if (!analysis) return [];
  const key = customerKeyOf(settings, input.customers);
  const nameOf = new Map(input.rules.ruleSet.rules.map((r) => [r.id, r.name.zh]));
  const tierOf = new Map(input.tiers.map((t) => [t.id, t]));
  const gradeOf = new Map(input.grades.map((g) => [g.id, g.grade]));
  return [...analysis.customers]
    .sort((a, b) => a.id - b.id)
    .map((s) => {
      const tier = tierOf.get(s.id);
      return {
        store_id: settings.storeId,
        customer_id: key(s.id),
        keqing_id: s.id,
        analysis_date: analysis.analysisDay,
        recency_days: s.recencyDays,
        frequency: s.frequency,
        // Monetary is yuan as the app scores it (fen ÷ 100): back to exact fen.
        monetary: BigInt(Math.round(s.monetary * 100)),
        r_score: s.r,
        f_score: s.f,
        m_score: s.m,
        rfm_score: s.score,
        segment: s.segment,
        segment_name: s.segment === OTHERS ? OTHERS_NAME.zh : (nameOf.get(s.segment) ?? s.segment),
        abc_class: input.abcOf[s.id] ?? null,
        tier: tier?.tier ?? null,
        tier_churned: tier ? tier.churned : null,
        value_grade: gradeOf.get(s.id) ?? null,
      };
    });
}

/** The data dictionary as JSON: format, tables and columns, and the parameters of the analysis. */
export function dictionaryJson(input: Pick<OpenExportInput, 'settings' | 'storeName' | 'rules' | 'exportedAt'>, analysisDay: number | null): string {
  const { rules } = input;
  return JSON.stringify(
    {
      format: 'keqing.open',
      version: OPEN_FORMAT_VERSION,
      storeId: input.settings.storeId,
      storeName: input.storeName,
      sharedMemberIds: input.settings.sharedMemberIds,
      exportedAt: input.exportedAt.toISOString(),
      units: { amount: 'DECIMAL(18,2) yuan (CNY), exact', date: 'DATE (calendar date, no time zone)' },
      tables: openTables,
      analysis: {
        analysisDate: analysisDay === null ? null : isoFromDay(analysisDay),
        period: { from: rules.period?.from != null ? isoFromDay(rules.period.from) : null, to: rules.period?.to != null ? isoFromDay(rules.period.to) : null },
        frequency: rules.frequency ?? 'orders',
        monetary: rules.monetary ?? 'sum',
        method: rules.method,
        levels: rules.ruleSet.levels,
        ...(rules.method === 'manual' && rules.cuts ? { cuts: rules.cuts } : {}),
        ruleSet: rules.ruleSet,
        abcCuts: rules.abcCuts,
        churnDays: rules.churnDays ?? CHURN_DAYS,
      },
      scripts: { duckdb: 'analysis.duckdb.sql', spark: 'analysis.spark.sql', chainDuckdb: 'analysis-chain.duckdb.sql', chainSpark: 'analysis-chain.spark.sql' },
    },
    null,
    2,
  );
}

const mdCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The data dictionary as Markdown, in both languages, from the same column lists. */
export function dictionaryMarkdown(input: Pick<OpenExportInput, 'settings' | 'storeName' | 'rules' | 'exportedAt'>, analysisDay: number | null): string {
  const lines = [
    `# Keqing 客情 open-format export — data dictionary (format v${OPEN_FORMAT_VERSION})`,
    '',
    `Store 门店: ${mdCell(input.storeName || '—')} · store_id \`${input.settings.storeId}\` · exported ${input.exportedAt.toISOString()}`,
    '',
    '- Amounts 金额: DECIMAL(18,2), yuan 元, exact. Dates 日期: DATE.',
    `- customer_id: ${input.settings.sharedMemberIds ? "the member's own customer id (the chain shares member ids) 连锁共用会员号" : '"<store_id>:<keqing_id>" (namespaced by store) 按门店区分'}.`,
    '- Several stores: unpack each store\'s zip into its own folder and read `*/purchase_lines.parquet`; store_id keeps them apart.',
    '- 多店合并：每家门店的压缩包解压到各自文件夹，按 `*/purchase_lines.parquet` 一并读取；store_id 区分门店。',
    `- The analysis 分析: analysis date ${analysisDay === null ? '—' : isoFromDay(analysisDay)}, method ${input.rules.method}, ${input.rules.ruleSet.levels} levels; \`analysis.duckdb.sql\` and \`analysis.spark.sql\` recompute it per store; \`analysis-chain.*.sql\` ranks all stores' customers together.`,
    '',
  ];
  for (const table of openTables) {
    lines.push(`## ${table.file}`, '', `${table.doc.zh} / ${table.doc.en}`, '', '| column | type | null | 说明 | meaning |', '| --- | --- | --- | --- | --- |');
    for (const c of table.columns) lines.push(`| ${c.name} | ${c.type} | ${c.nullable ? 'yes' : 'no'} | ${mdCell(c.doc.zh)} | ${mdCell(c.doc.en)}${c.unit ? ` (${mdCell(c.unit)})` : ''} |`);
    lines.push('');
  }
  return lines.join('\n');
}

export const OPEN_EXPORT_FILES = [
  'purchase_lines.parquet',
  'customers.parquet',
  'analysis.parquet',
  'analysis.duckdb.sql',
  'analysis.spark.sql',
  'analysis-chain.duckdb.sql',
  'analysis-chain.spark.sql',
  'data-dictionary.md',
  'data-dictionary.json',
] as const;

/** Every file of the export, by name (the zip's content). */
export async function openExportFiles(input: OpenExportInput): Promise<Record<(typeof OPEN_EXPORT_FILES)[number], Uint8Array>> {
  const { settings } = input;
  const key = customerKeyOf(settings, input.customers);
  const table = (id: OpenTableId) => openTable(id);
  const lines = await writeParquet(table('purchase_lines'), purchaseLineColumns(input.chunks, settings.storeId, key));
  const customers = await writeParquet(table('customers'), rowsToColumns(table('customers'), customerRows(settings, input.customers)));
  const analysis = await writeParquet(table('analysis'), rowsToColumns(table('analysis'), analysisRows(input)));
  // Per store (each store's own results), and the chain's stores ranked together as one.
  const sql = (dialect: DialectId, scope: 'store' | 'chain' = 'store') => analysisSql({ ...input.rules, scope, linesPath: DEFAULT_LINES_PATH[dialect], storeId: settings.storeId, storeName: input.storeName }, dialect);
  const analysisDay = input.analysis?.analysisDay ?? input.rules.analysisDay;
  return {
    'purchase_lines.parquet': lines,
    'customers.parquet': customers,
    'analysis.parquet': analysis,
    'analysis.duckdb.sql': strToU8(sql('duckdb')),
    'analysis.spark.sql': strToU8(sql('spark')),
    'analysis-chain.duckdb.sql': strToU8(sql('duckdb', 'chain')),
    'analysis-chain.spark.sql': strToU8(sql('spark', 'chain')),
    'data-dictionary.md': strToU8(dictionaryMarkdown(input, analysisDay)),
    'data-dictionary.json': strToU8(dictionaryJson(input, analysisDay)),
  };
}

/** The zip: Parquet stored as is (already compressed), text deflated. */
export async function openExportZip(input: OpenExportInput): Promise<Uint8Array> {
  const files = await openExportFiles(input);
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) zippable[name] = [bytes, { level: name.endsWith('.parquet') ? 0 : 6 }];
  return zipSync(zippable);
}
