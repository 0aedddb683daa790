/**
 * Issue 19: a store exports its head-office package from the Segments screen; the zip holds the
 * Parquet tables, both SQL scripts and the data dictionary; the Parquet reads back in DuckDB, and
 * the exported DuckDB script over the exported lines gives exactly the analysis the app exported,
 * and the KPIs the KPI board shows.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { expectedDemo } from './expected-demo';
import { KpiBoardPage } from './pages/kpi';
import { formatCount, formatMoney, formatPercent } from '../../src/lib/format';

test('exports the head-office package: Parquet that reads back and SQL that reproduces the analysis and the KPI board', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.nav('Segments').click();
  await expect(page.getByRole('table', { name: 'Segment summary' })).toBeVisible();
  const section = page.getByRole('region', { name: 'Head-office package (Parquet + SQL)' });

  // A store id that is not one is refused, with what it may be; the head office's own code is kept.
  const storeId = section.getByRole('textbox', { name: 'Store id' });
  await expect(storeId).toHaveValue(/^KQ-[0-9A-F]{8}$/);
  await storeId.fill('SH 001!');
  await storeId.press('Enter');
  await storeId.blur();
  await expect(section.getByRole('alert')).toContainText('A store id is 1–32 letters, digits, - or _');
  await storeId.fill('SH-001');
  await storeId.blur();
  await expect(section.getByRole('status')).toContainText('Store id SH-001 saved');

  const downloading = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export head-office package (.zip)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^head-office-package-SH-001-\d{4}-\d{2}-\d{2}\.zip$/);
  const expected = expectedDemo();
  const lines = expected.store.purchases.length;
  await expect(section.getByRole('status')).toContainText(`Exported ${lines.toLocaleString('en-US')} purchase lines`);

  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files).sort()).toEqual(['analysis-chain.duckdb.sql', 'analysis-chain.spark.sql', 'analysis.duckdb.sql', 'analysis.parquet', 'analysis.spark.sql', 'customers.parquet', 'data-dictionary.json', 'data-dictionary.md', 'purchase_lines.parquet']);
  expect(strFromU8(files['data-dictionary.md']!)).toContain('store_id `SH-001`');

  // A head office's folder: this store's package unpacked in its own folder.
  const dir = mkdtempSync(join(tmpdir(), 'keqing-e2e-open-'));
  try {
    mkdirSync(join(dir, 'SH-001'));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, 'SH-001', name), bytes);
    const duck = await DuckDBInstance.create(':memory:', { threads: '1' });
    const con = await duck.connect();
    const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJson();
    await con.run(`SET file_search_path = '${dir}'`);

    const read = await rows(`SELECT COUNT(*) AS n, COUNT(DISTINCT store_id) AS stores, MIN(store_id) AS store, SUM(CASE WHEN excluded THEN 1 ELSE 0 END) AS excluded FROM 'SH-001/purchase_lines.parquet'`);
    expect(read[0]).toMatchObject({ n: String(lines), stores: '1', store: 'SH-001' });
    const customers = await rows(`SELECT COUNT(*) AS n, MIN(phone_masked) AS phone FROM 'SH-001/customers.parquet'`);
    expect(customers[0]!.n).toBe(String(expected.store.customers.length));
    expect(String(customers[0]!.phone)).toMatch(/^\d{3}\*{4}\d{4}$/);

    // The script exactly as exported, run where the packages are.
    for (const statement of strFromU8(files['analysis.duckdb.sql']!).split(/;\n/).filter((s) => s.replace(/--.*$/gm, '').trim() !== '')) await con.run(statement);
    const diff = await rows(`
      SELECT COUNT(*) AS n,
        SUM(CASE WHEN a.r_score = s.r_score AND a.f_score = s.f_score AND a.m_score = s.m_score AND a.rfm_score = s.rfm_score
                  AND a.segment = s.segment AND a.abc_class = s.abc_class AND a.monetary = s.monetary AND a.frequency = s.frequency
                  AND a.recency_days = s.recency_days AND a.analysis_date = s.analysis_date THEN 0 ELSE 1 END) AS differences
      FROM 'SH-001/analysis.parquet' AS a FULL JOIN kq_result AS s ON s.customer_id = a.customer_id`);
    expect(Number(diff[0]!.n)).toBeGreaterThan(1_000);
    expect(diff[0]!.differences).toBe('0');

    // The script's KPIs are the KPI board's, as the board shows them for its month.
    await page.goto('./#/operations/kpi');
    const board = new KpiBoardPage(page);
    const heading = await page.getByText(/^Board month: /).textContent();
    const [, month, repeatPeriod] = /^Board month: (\S+) \(repeat-purchase rate: (\S+)\)/.exec(heading ?? '')!;
    const [kpi] = await rows(`SELECT m.churn_rate, m.churned_customers, m.active_customers, m.spend_per_customer, r.repeat_rate, r.repeat_buyers, r.buyers, g.buyers_with_file, g.buyers_without_file
      FROM kq_kpi_months AS m, kq_kpi_repeat AS r, kq_kpi_registration AS g
      WHERE m.month = '${month}' AND r.period = '${repeatPeriod}'`);
    const k = Object.fromEntries(Object.entries(kpi!).map(([key, v]) => [key, Number(v)]));
    // What the board shows: the rate, then its part / whole.
    const shown = (part: number, whole: number) => `${formatPercent(part / whole, 'en')} ${formatCount(part, 'en')} / ${formatCount(whole, 'en')}`;
    expect(k.churned_customers).toBeGreaterThan(0);
    await expect(board.value('Monthly churn rate')).toContainText(shown(k.churned_customers!, k.active_customers!));
    expect(k.churn_rate).toBeCloseTo(k.churned_customers! / k.active_customers!, 12);
    await expect(board.value('Repeat-purchase rate')).toContainText(shown(k.repeat_buyers!, k.buyers!));
    expect(k.repeat_rate).toBeCloseTo(k.repeat_buyers! / k.buyers!, 12);
    await expect(board.value('Registration rate')).toContainText(shown(k.buyers_with_file!, k.buyers_with_file! + k.buyers_without_file!));
    await expect(board.value('Spend per customer')).toContainText(formatMoney(Math.round(k.spend_per_customer! * 100), 'en'));
    con.closeSync();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
