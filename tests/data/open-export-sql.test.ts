/**
 * Issue 19's proof: the open-format export of the demo store (and of the R rfm example data),
 * written by the app's own code, read by DuckDB running the exported SQL, gives per customer the
 * same R, F, M, levels, score, segment and ABC class as the app, and the KPI board's figures
 * (computeBoard: sales, registration, repeat and churn rates) — zero differences. Two stores' files
 * concatenated give each store its own results. The export worker writes the analysis engine's
 * answer as given. The Spark script
 * parses with a maintained Spark SQL grammar and has the same steps as the DuckDB one.
 */
import { mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SparkSQL } from 'dt-sql-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeqingDb } from '../../src/data/db';
import { computeBoard } from '../../src/data/kpi-board';
import { getOpenExportSettings } from '../../src/data/open-export';
import { getTierParams, saveTierParams } from '../../src/data/settings';
import { replaceWithDemoStore } from '../../src/data/store';
import { readAllColumns } from '../../src/data/purchases';
import { DEFAULT_ABC_CUTS, type AbcCuts } from '../../src/lib/abc/abc';
import { runAbc } from '../../src/lib/abc/from-stats';
import type { Customer } from '../../src/lib/customers/customer';
import { customerStats } from '../../src/lib/customers/stats';
import { dayFromIso, dayFromYmd, isoFromDay } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { openExportZip, rulesForExport, OPEN_EXPORT_FILES, type OpenAnalysisRules, type OpenExportInput } from '../../src/lib/export/open-export';
import { monthText, quarterText } from '../../src/lib/funnel/months';
import { purchaseKpis, type PurchaseKpis, type RepeatFigures } from '../../src/lib/kpi/purchases';
import { defaultTierParams } from '../../src/lib/tiers/rules';
import { packLines, type PurchaseColumns, type PurchaseLine } from '../../src/lib/purchases/columns';
import { runRfm, statsSpec, type RfmRequest } from '../../src/lib/rfm/from-stats';
import { packClasses, packScores } from '../../src/lib/rfm/packed';
import { openExportHandlers } from '../../src/workers/open-export.handlers';
import { PRESET_RULE_SETS, RFM030_SEGMENTS } from '../../src/lib/rfm';
import { analysisSql, analysisSteps } from '../../src/lib/sql/analysis-sql';
import { freshDb, customers as customerTable } from './helpers';

interface Store {
  storeId: string;
  chunks: PurchaseColumns[];
  customers: Customer[];
  /** The store's database, for the KPI board (data/kpi-board computeBoard). */
  db?: KeqingDb;
}

let dir = '';
let instance: DuckDBInstance;
let con: DuckDBConnection;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keqing-open-'));
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  con = await instance.connect();
});
afterAll(() => {
  con?.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** The app's own answer, computed as the analysis worker computes it. */
function appResults(store: Store, request: RfmRequest, abcCuts: AbcCuts) {
  const spec = statsSpec(request);
  const stats = customerStats(store.chunks, spec.beforeDay, spec.options);
  const rfm = runRfm(stats, request);
  if (!rfm.ok) throw new Error(JSON.stringify(rfm.error));
  const abc = runAbc(customerStats(store.chunks), abcCuts);
  if (!abc.ok) throw new Error(JSON.stringify(abc.error));
  return { rfm: rfm.value, abcOf: abc.value.classOf };
}

const rulesOf = (request: RfmRequest, abcCuts: AbcCuts, churnDays?: number): OpenAnalysisRules => ({ ...rulesForExport(request, abcCuts), ...(churnDays !== undefined ? { churnDays } : {}) });

async function exportStore(store: Store, request: RfmRequest, abcCuts: AbcCuts, folder: string, sharedMemberIds = false, churnDays?: number) {
  const app = appResults(store, request, abcCuts);
  const input: OpenExportInput = {
    settings: { storeId: store.storeId, sharedMemberIds },
    storeName: store.storeId,
    chunks: store.chunks,
    customers: store.customers,
    rules: rulesOf(request, abcCuts, churnDays),
    analysis: { analysisDay: app.rfm.analysisDay, customers: app.rfm.customers },
    abcOf: app.abcOf,
    tiers: [],
    grades: [],
    exportedAt: new Date('2026-12-06T10:00:00Z'),
  };
  // The zip as the user downloads it, unpacked into the store's folder.
  const files = unzipSync(await openExportZip(input));
  expect(Object.keys(files).sort()).toEqual([...OPEN_EXPORT_FILES].sort());
  mkdirSync(join(dir, folder), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, folder, name), bytes);
  return { app, files, input };
}

const rowsOf = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | null>[];

/** Runs a script statement by statement (views are session-wide). */
async function runScript(script: string) {
  for (const statement of script.split(/;\n/).map((s) => s.trim()).filter((s) => s.replace(/--.*$/gm, '').trim() !== '')) await con.run(statement);
}

/** Per customer, the app's row and DuckDB's, as comparable text; returns every difference. */
async function differences(app: ReturnType<typeof appResults>, unit: string, idPrefix: string) {
  const sqlRows = await rowsOf(`SELECT * FROM kq_result WHERE unit = '${unit}' ORDER BY keqing_id`);
  const ours = new Map(
    app.rfm.customers.map((c) => [`${idPrefix}${c.id}`, { date: isoFromDay(app.rfm.analysisDay), recency: c.recencyDays, frequency: c.frequency, monetary: c.monetary.toFixed(2), r: c.r, f: c.f, m: c.m, score: c.score, segment: c.segment, abc: app.abcOf[c.id] ?? null }]),
  );
  const diffs: string[] = [];
  for (const row of sqlRows) {
    const theirs = { date: row.analysis_date, recency: Number(row.recency_days), frequency: Number(row.frequency), monetary: Number(row.monetary).toFixed(2), r: Number(row.r_score), f: Number(row.f_score), m: Number(row.m_score), score: Number(row.rfm_score), segment: row.segment, abc: row.abc_class };
    const mine = ours.get(String(row.customer_id));
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) diffs.push(`${row.customer_id}: app ${JSON.stringify(mine)} sql ${JSON.stringify(theirs)}`);
  }
  if (sqlRows.length !== ours.size) diffs.push(`customers: app ${ours.size}, sql ${sqlRows.length}`);
  return { diffs, count: sqlRows.length };
}

/** A generated store put in its own database, as the app holds it. */
async function storeOf(storeId: string, data: ReturnType<typeof generateDemoStore>): Promise<Required<Store>> {
  const db = freshDb();
  await replaceWithDemoStore(db, data);
  return { storeId, chunks: await readAllColumns(db), customers: await customerTable(db).toArray(), db };
}

const TODAY = dayFromYmd(2026, 11, 23);
/** The KPI board as the analysis worker builds it: computeBoard, counting with the worker's function. */
const boardOf = (store: Store) => computeBoard(store.db!, TODAY, async (request) => purchaseKpis(store.chunks, request));

/** Every KPI figure of the board's periods that DuckDB's kq_kpi_* views give differently. */
async function kpiDifferences(app: PurchaseKpis, unit: string): Promise<string[]> {
  const byKey = (rows: Record<string, unknown>[], key: (r: Record<string, unknown>) => string) => new Map(rows.map((r) => [key(r), r]));
  const months = byKey(await rowsOf(`SELECT * FROM kq_kpi_months WHERE unit = '${unit}'`), (r) => String(r.month));
  const periods = byKey(await rowsOf(`SELECT * FROM kq_kpi_repeat WHERE unit = '${unit}'`), (r) => `${r.period_kind} ${r.period}`);
  const registration = (await rowsOf(`SELECT * FROM kq_kpi_registration WHERE unit = '${unit}'`))[0];
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const yuan = (fen: number | null) => (fen === null ? null : fen / 100);
  const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  const diffs: string[] = [];
  const compare = (where: string, row: Record<string, unknown> | undefined, pairs: [string, number | null, string][]) => {
    // A period before the unit's first line is no row: right when the app counted nobody in it either.
    if (!row) return void (pairs.every(([, mine]) => !mine) || diffs.push(`${where}: not in the SQL's result`));
    for (const [name, mine, column] of pairs) if (!close(mine, num(row[column]))) diffs.push(`${where} ${name}: app ${mine} sql ${num(row[column])}`);
  };
  const repeatPairs = (r: RepeatFigures, prefix: string): [string, number | null, string][] => [
    ['repeatBuyers', r.buyers, prefix === 'repeat_' ? 'repeat_base' : 'buyers'],
    ['repeat', r.repeat, 'repeat_buyers'],
    ['repeatRate', r.rate, 'repeat_rate'],
  ];
  for (const m of app.months) {
    compare(monthText(m.month), months.get(monthText(m.month)), [
      ['revenue', yuan(m.revenue), 'revenue'],
      ['revenueOnFile', yuan(m.revenueOnFile), 'revenue_on_file'],
      ['buyersOnFile', m.buyersOnFile, 'buyers_on_file'],
      ['orders', m.orders, 'orders'],
      ['memberOrders', m.memberOrders, 'member_orders'],
      ['averageOrderValue', yuan(m.averageOrderValue), 'average_order_value'],
      ['spendPerCustomer', yuan(m.spendPerCustomer), 'spend_per_customer'],
      ['memberSalesShare', m.memberSalesShare, 'member_sales_share'],
      ['memberOrderShare', m.memberOrderShare, 'member_order_share'],
      ['buyersWithFile', m.registration.buyersWithFile, 'buyers_with_file'],
      ['buyersWithoutFile', m.registration.buyersWithoutFile, 'buyers_without_file'],
      ['registrationRate', m.registration.rate, 'registration_rate'],
      ['active', m.active, 'active_customers'],
      ['churned', m.churned, 'churned_customers'],
      ['churnRate', m.churnRate, 'churn_rate'],
      ...repeatPairs(m.repeat, 'repeat_'),
    ]);
  }
  for (const q of app.quarters) compare(quarterText(q.quarter), periods.get(`quarter ${quarterText(q.quarter)}`), repeatPairs(q, ''));
  for (const y of app.years) compare(String(y.year), periods.get(`year ${y.year}`), repeatPairs(y, ''));
  compare('all lines', registration, [
    ['buyersWithFile', app.registration.buyersWithFile, 'buyers_with_file'],
    ['buyersWithoutFile', app.registration.buyersWithoutFile, 'buyers_without_file'],
  ]);
  return diffs;
}

let demo: Required<Store>;
beforeAll(async () => {
  demo = await storeOf('S-DEMO', generateDemoStore({ ...demoDefaults, endDay: TODAY }));
}, 120_000);
afterAll(() => demo?.db.close());

const base: RfmRequest = { analysisDay: null, method: 'rfm030', preset: 'rfm030' };

describe('the exported DuckDB script over the exported Parquet of the demo store', () => {
  it.each<[string, RfmRequest, AbcCuts]>([
    ['rfm 0.3.0 scoring, default date, ten segments', base, DEFAULT_ABC_CUTS],
    ['quantile scoring, 3-level preset, net money, visit days', { ...base, method: 'quantile', preset: 'threeLevel', monetary: 'net', frequency: 'visitDays' }, { a: 0.7, b: 0.9 }],
    ['manual cuts, a chosen date and a period', { ...base, method: 'manual', preset: 'rfm030', analysisDay: dayFromYmd(2026, 6, 30), period: { from: dayFromYmd(2024, 1, 1), to: dayFromYmd(2026, 5, 31) }, cuts: { recency: [30, 90, 180, 365], frequency: [1, 2, 4, 8], monetary: [200, 500.5, 1000, 3000] } }, DEFAULT_ABC_CUTS],
    ['rfm 0.3.0 scoring on the R×F grid preset', { ...base, preset: 'rfGrid' }, DEFAULT_ABC_CUTS],
  ])('%s: zero differences per customer', async (name, request, abcCuts) => {
    const folder = `demo-${name.length}`;
    const { app, files } = await exportStore(demo, request, abcCuts, folder);
    // The script as exported, reading the files where the user unpacked them.
    await con.run(`SET file_search_path = '${dir}'`);
    await runScript(strFromU8(files['analysis.duckdb.sql']!).replace(`'*/purchase_lines.parquet'`, `'${folder}/purchase_lines.parquet'`));
    const { diffs, count } = await differences(app, 'S-DEMO', 'S-DEMO:');
    expect(diffs).toEqual([]);
    expect(count).toBeGreaterThan(1_000);
    // Every level is used and some customers fall outside every rule in some set: not a trivial match.
    const levels = await rowsOf(`SELECT COUNT(DISTINCT r_score) AS r, COUNT(DISTINCT abc_class) AS abc, COUNT(DISTINCT segment) AS segments FROM kq_result`);
    expect(Number(levels[0]!.r)).toBe(PRESET_RULE_SETS[request.preset].levels);
    expect(Number(levels[0]!.abc)).toBe(3);
    expect(Number(levels[0]!.segments)).toBeGreaterThan(2);
  }, 300_000);

  it.each([
    ['the churned-list days as stored (365)', null],
    ['180 churned-list days set in the tier rules', 180],
  ] as const)('gives the KPI board\'s figures (computeBoard) per month, quarter and year: %s', async (_, days) => {
    if (days !== null) await saveTierParams(demo.db, { ...(await getTierParams(demo.db)), churnAfterDays: days });
    const churnDays = (await getTierParams(demo.db)).churnAfterDays;
    expect(churnDays).toBe(days ?? 365);
    const board = await boardOf(demo);
    const folder = `demo-kpi-${churnDays}`;
    const { files } = await exportStore(demo, base, DEFAULT_ABC_CUTS, folder, false, churnDays);
    await runScript(strFromU8(files['analysis.duckdb.sql']!).replace(`'*/purchase_lines.parquet'`, `'${join(dir, folder, 'purchase_lines.parquet')}'`));
    expect(await kpiDifferences(board.purchases, 'S-DEMO')).toEqual([]);
    // Every period of the board was compared, and the 口径 is really exercised: walk-ins make the
    // members' shares differ from 1, some customers lapse, some but not all buy again.
    const p = board.purchases;
    expect(p.months.length).toBeGreaterThanOrEqual(12);
    expect(p.quarters.length).toBeGreaterThan(1);
    expect(p.years.length).toBeGreaterThan(1);
    expect(p.months.some((m) => m.memberOrderShare !== null && m.memberOrderShare < 1)).toBe(true);
    expect(p.months.some((m) => m.churned > 0)).toBe(true);
    expect(p.months.some((m) => m.repeat.rate !== null && m.repeat.rate > 0 && m.repeat.rate < 1)).toBe(true);
    expect(p.registration.rate).not.toBeNull();
    expect(p.registration.rate!).toBeLessThan(1);
    if (days !== null) await saveTierParams(demo.db, defaultTierParams);
  }, 300_000);

  it('gives a different churn rate for other churned-list days, so the comparison can fail', async () => {
    const board = await boardOf(demo);
    const folder = 'demo-kpi-90';
    const { files } = await exportStore(demo, base, DEFAULT_ABC_CUTS, folder, false, 90);
    await runScript(strFromU8(files['analysis.duckdb.sql']!).replace(`'*/purchase_lines.parquet'`, `'${join(dir, folder, 'purchase_lines.parquet')}'`));
    const diffs = await kpiDifferences(board.purchases, 'S-DEMO');
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.every((d) => / (active|churned|churnRate):/.test(d))).toBe(true);
  }, 300_000);
});

describe('the R rfm package example data', () => {
  it('gives the app\'s (and so the R package\'s) results for every one of 995 customers', async () => {
    const text = readFileSync(new URL('../fixtures/rfm/rfm_data_orders.csv', import.meta.url), 'utf8');
    const orders = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    const idOf = new Map<string, number>();
    const customers: Customer[] = [];
    const lines: PurchaseLine[] = orders.map((o, i) => {
      const name = o.customer_id!;
      let id = idOf.get(name);
      if (id === undefined) {
        idOf.set(name, (id = idOf.size + 1));
        customers.push({ id, name, externalId: name, createdAt: '2006-01-01T00:00:00Z', updatedAt: '2006-01-01T00:00:00Z' });
      }
      return { day: dayFromIso(o.order_date!)!, customerId: id, amount: Math.round(Number(o.revenue) * 100), quantity: 1, orderNo: `R${i + 1}` };
    });
    const store: Store = { storeId: 'S-R', chunks: [packLines(lines)], customers };
    const request: RfmRequest = { analysisDay: dayFromIso('2006-12-31'), method: 'rfm030', preset: 'rfm030', ruleSet: RFM030_SEGMENTS };
    const { app, files } = await exportStore(store, request, DEFAULT_ABC_CUTS, 'rfm-r', true);
    await con.run(`SET file_search_path = '${dir}'`);
    await runScript(strFromU8(files['analysis.duckdb.sql']!).replace(`'*/purchase_lines.parquet'`, `'rfm-r/purchase_lines.parquet'`));
    // The chain shares member ids: customer_id is the member's own id, not store-namespaced.
    const sqlRows = await rowsOf('SELECT customer_id, keqing_id FROM kq_result ORDER BY keqing_id LIMIT 1');
    expect(sqlRows[0]!.customer_id).toBe(customers[0]!.externalId);
    const nameOf = new Map(customers.map((c) => [c.id, c.externalId!]));
    const appOf = new Map(app.rfm.customers.map((c) => [c.id, c]));
    const rows = await rowsOf('SELECT * FROM kq_result ORDER BY keqing_id');
    expect(rows).toHaveLength(995);
    const diffs = rows.filter((row) => {
      const c = appOf.get(Number(row.keqing_id))!;
      return nameOf.get(c.id) !== row.customer_id || c.r !== Number(row.r_score) || c.f !== Number(row.f_score) || c.m !== Number(row.m_score) || c.segment !== row.segment || app.abcOf[c.id] !== row.abc_class || c.recencyDays !== Number(row.recency_days) || c.frequency !== Number(row.frequency) || c.monetary.toFixed(2) !== Number(row.monetary).toFixed(2);
    });
    expect(diffs).toEqual([]);
    // And straight against the R package's own output: levels and score of every customer.
    const refText = readFileSync(new URL('../fixtures/rfm/ref_orders_2006-12-31_scores_segments.csv', import.meta.url), 'utf8');
    const ref = new Map(Papa.parse<Record<string, string>>(refText, { header: true, skipEmptyLines: true }).data.map((r) => [r.customer_id!, `${r.recency_score}${r.frequency_score}${r.monetary_score}`]));
    expect(rows.filter((row) => ref.get(String(row.customer_id)) !== String(row.rfm_score)).map((row) => row.customer_id)).toEqual([]);
    // The reference's fractional cut (296.4 + 1 days) is reproduced: 2 customers sit at 297 days.
    const cuts = await rowsOf('SELECT r_c3, m_c1 FROM kq_cuts');
    expect(Number(cuts[0]!.r_c3)).toBeCloseTo(297.4, 9);
    expect(Number(cuts[0]!.m_c1)).toBeCloseTo(255.8, 9);
  }, 300_000);
});

describe('two stores concatenated', () => {
  it('give each store exactly its own results, customer ids namespaced by store', async () => {
    const half = (seed: number, storeId: string) => storeOf(storeId, generateDemoStore({ seed, customers: 300, endDay: dayFromYmd(2026, 9, 30 + (seed % 2)) }));
    const a = await half(11, 'S-A');
    const b = await half(12, 'S-B');
    // Ids from 1 in both stores: only the store id keeps them apart.
    expect(a.customers.map((c) => c.id).filter((id) => b.customers.some((c) => c.id === id)).length).toBeGreaterThan(100);
    const ea = await exportStore(a, base, DEFAULT_ABC_CUTS, 'chain/a');
    const eb = await exportStore(b, base, DEFAULT_ABC_CUTS, 'chain/b');
    await con.run(`SET file_search_path = '${join(dir, 'chain')}'`);
    // The script from one store's zip, as is: it reads */purchase_lines.parquet, both stores.
    await runScript(strFromU8(ea.files['analysis.duckdb.sql']!));
    const units = await rowsOf('SELECT unit, COUNT(*) AS n, MIN(analysis_date) AS d FROM kq_result GROUP BY unit ORDER BY unit');
    expect(units.map((u) => u.unit)).toEqual(['S-A', 'S-B']);
    expect((await differences(ea.app, 'S-A', 'S-A:')).diffs).toEqual([]);
    expect((await differences(eb.app, 'S-B', 'S-B:')).diffs).toEqual([]);
    // And each store's KPI board, store by store.
    expect(await kpiDifferences((await boardOf(a)).purchases, 'S-A')).toEqual([]);
    expect(await kpiDifferences((await boardOf(b)).purchases, 'S-B')).toEqual([]);
    a.db.close();
    b.db.close();
    // The zip's chain script ranks all the chain's customers at once, as one unit.
    await runScript(strFromU8(ea.files['analysis-chain.duckdb.sql']!));
    const chain = await rowsOf(`SELECT COUNT(*) AS n, COUNT(DISTINCT unit) AS units FROM kq_result`);
    expect(Number(chain[0]!.units)).toBe(1);
    expect(Number(chain[0]!.n)).toBe(Number(units[0]!.n) + Number(units[1]!.n));
  }, 300_000);
});

describe('the Spark SQL script', () => {
  const variants: [string, RfmRequest][] = [
    ['rfm030', base],
    ['quantile, visit days, net', { ...base, method: 'quantile', preset: 'threeLevel', frequency: 'visitDays', monetary: 'net' }],
    ['manual with a period', { ...base, method: 'manual', analysisDay: dayFromYmd(2026, 6, 30), period: { from: dayFromYmd(2024, 1, 1), to: null }, cuts: { recency: [30, 90, 180, 365], frequency: [1, 2, 4, 8], monetary: [200, 500.5, 1000, 3000] } }],
  ];
  it.each(variants)('%s: parses with zero errors in a Spark SQL grammar', (_, request) => {
    const script = analysisSql({ ...rulesOf(request, DEFAULT_ABC_CUTS), linesPath: 'stores/*/purchase_lines.parquet', storeId: 'S-1' }, 'spark');
    expect(new SparkSQL().validate(script)).toEqual([]);
  });

  it.each(variants)('%s: has the same steps, in the same order and with the same comments, as the DuckDB script', (_, request) => {
    const params = { ...rulesOf(request, DEFAULT_ABC_CUTS), linesPath: 'x', storeId: 'S-1' };
    const stepLines = (script: string) => script.split('\n').filter((l) => l.startsWith('-- Step '));
    const duck = analysisSql(params, 'duckdb');
    const spark = analysisSql(params, 'spark');
    expect(stepLines(spark)).toEqual(stepLines(duck));
    expect(stepLines(duck)).toHaveLength(analysisSteps(params).length);
    // Only the dialect's spellings differ: the same rules (segment CASE arms, cut literals) in both.
    const arms = (script: string) => script.split('\n').filter((l) => l.trim().startsWith('WHEN r_score'));
    expect(arms(spark)).toEqual(arms(duck));
    expect(spark).toContain('CREATE OR REPLACE TEMPORARY VIEW kq_scores AS');
    expect(spark).not.toContain('read_parquet');
  });

  it('parses for the whole chain too', () => {
    const script = analysisSql({ ...rulesOf(base, DEFAULT_ABC_CUTS), scope: 'chain', linesPath: 'stores/*/purchase_lines.parquet', storeId: 'S-1' }, 'spark');
    expect(script).toContain("'chain' AS unit");
    expect(new SparkSQL().validate(script)).toEqual([]);
  });

  it('is wrong SQL when broken, so the check can fail', () => {
    const script = analysisSql({ ...rulesOf(base, DEFAULT_ABC_CUTS), linesPath: 'x', storeId: 'S-1' }, 'spark');
    expect(new SparkSQL().validate(script.replace('GROUP BY unit, metric', 'GROUP unit metric')).length).toBeGreaterThan(0);
  });
});

describe('the zip', () => {
  it('holds the Parquet files, both scripts and the data dictionary', async () => {
    const { files } = await exportStore(demo, base, DEFAULT_ABC_CUTS, 'zip-check');
    const dict = JSON.parse(strFromU8(files['data-dictionary.json']!));
    expect(dict).toMatchObject({ format: 'keqing.open', version: 1, storeId: 'S-DEMO', analysis: { method: 'rfm030', levels: 5, churnDays: 365 } });
    expect(strFromU8(files['data-dictionary.md']!)).toContain('| amount | DECIMAL(18,2) | no |');
    const types = await rowsOf(`SELECT typeof(amount) AS amount, typeof(purchase_date) AS day, COUNT(*) AS n, SUM(CASE WHEN excluded THEN 1 ELSE 0 END) AS excluded FROM '${join(dir, 'zip-check', 'purchase_lines.parquet')}' GROUP BY ALL`);
    expect(types[0]).toMatchObject({ amount: 'DECIMAL(18,2)', day: 'DATE' });
    expect(Number(types[0]!.n)).toBe(demo.chunks.reduce((n, c) => n + c.length, 0));
    // The amounts are the stored fen exactly.
    const sum = await rowsOf(`SELECT CAST(SUM(amount) * 100 AS BIGINT) AS fen FROM '${join(dir, 'zip-check', 'purchase_lines.parquet')}'`);
    expect(Number(sum[0]!.fen)).toBe(demo.chunks.reduce((s, c) => s + c.amount.reduce((x, y) => x + y, 0), 0));
  }, 300_000);
});

describe('the export worker (workers/open-export.handlers)', () => {
  /** The worker's zip for the engine's packed answer, unpacked into `folder`. */
  async function viaWorker(folder: string, scores: ReturnType<typeof packScores>, classes: ReturnType<typeof packClasses>, analysisDay: number) {
    const made = await openExportHandlers(() => demo.db).openExport({ request: base, abcCuts: DEFAULT_ABC_CUTS, analysisDay, scores, classes, exportedAt: '2026-12-06T10:00:00.000Z' });
    const files = unzipSync(new Uint8Array(await made.zip.arrayBuffer()));
    mkdirSync(join(dir, folder), { recursive: true });
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, folder, name), bytes);
    return { made, files };
  }

  it("writes the analysis engine's answer as given, which the exported script reproduces with zero differences", async () => {
    // The engine's answer to the Segments screen's request (the analysis worker's 'rfm' and 'abc', packed).
    const app = appResults(demo, base, DEFAULT_ABC_CUTS);
    const { made, files } = await viaWorker('worker', packScores(app.rfm.customers), packClasses(app.abcOf), app.rfm.analysisDay);
    const storeId = (await getOpenExportSettings(demo.db)).storeId;
    expect(made.counts).toMatchObject({ storeId, scored: app.rfm.customers.length, analysisDay: app.rfm.analysisDay });
    // The tier rules' churn days reach the script from the store's settings.
    expect(strFromU8(files['analysis.duckdb.sql']!)).toContain(`churn days (the churned list's): ${(await getTierParams(demo.db)).churnAfterDays}`);
    await con.run(`SET file_search_path = '${dir}'`);
    await runScript(strFromU8(files['analysis.duckdb.sql']!).replace(`'*/purchase_lines.parquet'`, `'worker/purchase_lines.parquet'`));
    const compared = await rowsOf(`SELECT COUNT(*) AS n, SUM(CASE WHEN a.rfm_score = s.rfm_score AND a.segment = s.segment AND a.abc_class = s.abc_class AND a.monetary = s.monetary THEN 0 ELSE 1 END) AS differences
      FROM '${join(dir, 'worker', 'analysis.parquet')}' AS a JOIN kq_result AS s ON s.unit = a.store_id AND s.customer_id = a.customer_id`);
    expect(Number(compared[0]!.n)).toBe(app.rfm.customers.length);
    expect(Number(compared[0]!.differences)).toBe(0);
  }, 300_000);

  it('scores nothing itself: another answer from the engine is what analysis.parquet holds', async () => {
    const app = appResults(demo, base, DEFAULT_ABC_CUTS);
    const changed = app.rfm.customers.map((c, i) => (i === 0 ? { ...c, r: 1, score: 100 + 10 * c.f + c.m, segment: 'hand-set' } : c));
    const first = changed[0]!;
    await viaWorker('worker-changed', packScores(changed), packClasses({ ...app.abcOf, [first.id]: 'B' }), app.rfm.analysisDay);
    const rows = await rowsOf(`SELECT keqing_id, r_score, rfm_score, segment, abc_class FROM '${join(dir, 'worker-changed', 'analysis.parquet')}' WHERE keqing_id = ${first.id}`);
    expect(rows).toEqual([{ keqing_id: first.id, r_score: 1, rfm_score: first.score, segment: 'hand-set', abc_class: 'B' }]);
  }, 300_000);
});
