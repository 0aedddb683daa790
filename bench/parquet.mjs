/**
 * The open-format export at scale (issue 19): 1,000,000 lines / 100,000 customers exported as the
 * head-office package (time, longest main-thread task, Parquet size against the same lines as
 * CSV), then DuckDB's time to run the exported SQL over the exported Parquet, printed beside
 * Keqing's own analysis time for the same store. Drives its own page (bench/parquet/), served on
 * the bench port + 4. KEQING_BENCH_LINES / KEQING_BENCH_CUSTOMERS set a smaller store.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { strFromU8, unzipSync } from 'fflate';
import { emit, serveDist } from './lib.mjs';

export const name = 'parquet';
const LINES = Number(process.env.KEQING_BENCH_LINES ?? 1_000_000);
const CUSTOMERS = Number(process.env.KEQING_BENCH_CUSTOMERS ?? 100_000);
const PORT = Number(process.env.KEQING_BENCH_PORT ?? 4318) + 4;

/** @param {{ browser: import('@playwright/test').Browser }} ctx */
export async function run({ browser }) {
  if (spawnSync('npx', ['vite', 'build', '--config', 'bench/parquet/vite.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) throw new Error('bench page build failed');
  const server = await serveDist(PORT, ['--config', 'bench/parquet/vite.config.ts']);
  const dir = mkdtempSync(join(tmpdir(), 'keqing-bench-parquet-'));
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(e));
    const downloading = page.waitForEvent('download', { timeout: 900_000 });
    await page.goto(`${server.url}?lines=${LINES}&customers=${CUSTOMERS}`);
    await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 900_000, polling: 500 });
    const error = await page.evaluate(() => window.__error);
    if (error) throw new Error(error);
    const r = /** @type {Record<string, number>} */ (await page.evaluate(() => window.__result));
    const files = unzipSync(new Uint8Array(readFileSync(await (await downloading).path())));
    await context.close();

    mkdirSync(join(dir, 'BENCH'));
    for (const [file, bytes] of Object.entries(files)) writeFileSync(join(dir, 'BENCH', file), bytes);
    const duck = await DuckDBInstance.create(':memory:');
    const con = await duck.connect();
    await con.run(`SET file_search_path = '${dir}'`);
    // The same lines as CSV, for the size comparison.
    const csv = join(dir, 'purchase_lines.csv');
    await con.run(`COPY (SELECT * FROM 'BENCH/purchase_lines.parquet') TO '${csv}' (HEADER, DELIMITER ',')`);
    const t0 = performance.now();
    for (const statement of strFromU8(/** @type {Uint8Array} */ (files['analysis.duckdb.sql'])).split(/;\n/).filter((s) => s.replace(/--.*$/gm, '').trim() !== '')) await con.run(statement);
    const result = (await con.runAndReadAll('SELECT COUNT(*) AS n FROM kq_result')).getRows();
    await con.runAndReadAll('SELECT COUNT(*) FROM kq_kpi_months');
    const duckMs = performance.now() - t0;
    con.closeSync();

    const parquetBytes = files['purchase_lines.parquet']?.length ?? 0;
    const csvBytes = statSync(csv).size;
    emit(name, 'lines', LINES, 'lines');
    emit(name, 'customers', r.customers ?? 0, 'customers');
    emit(name, 'keqing-load-lines-into-worker', r.appLoad ?? 0, 'ms');
    emit(name, 'keqing-rfm-and-abc', r.appAnalysis ?? 0, 'ms');
    emit(name, 'export-package', r.exportMs ?? 0, 'ms');
    emit(name, 'export-longest-main-thread-task', r.exportLongestTask ?? 0, 'ms', 200);
    emit(name, 'zip-size', (r.zipBytes ?? 0) / 1e6, 'MB');
    emit(name, 'purchase-lines-parquet-size', parquetBytes / 1e6, 'MB');
    emit(name, 'purchase-lines-csv-size', csvBytes / 1e6, 'MB');
    emit(name, 'parquet-vs-csv', parquetBytes / csvBytes, 'x');
    emit(name, 'duckdb-run-sql', duckMs, 'ms');
    emit(name, 'duckdb-customers', Number(result[0]?.[0] ?? 0), 'customers');
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
