/**
 * Segmentation over 1,000,000 stored lines / 100,000 customers (issue 5): RFM + ABC + the tier
 * review timed inside a worker against a plain-JS group-by of the same rows (same run), and the
 * app's own analysis client: load, re-scoring without reading IndexedDB, longest main-thread task.
 * KEQING_BENCH_LINES / KEQING_BENCH_CUSTOMERS set a smaller store for a quick look.
 */
import { spawnSync } from 'node:child_process';
import { emit } from './lib.mjs';

export const name = 'analysis';
const LINES = Number(process.env.KEQING_BENCH_LINES ?? 1_000_000);
const CUSTOMERS = Number(process.env.KEQING_BENCH_CUSTOMERS ?? 100_000);

/** @param {{ browser: import('@playwright/test').Browser, benchUrl: string }} ctx */
export async function run({ browser, benchUrl }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(e));
  await page.goto(`${benchUrl}?lines=${LINES}&customers=${CUSTOMERS}`);
  await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 600_000, polling: 500 });
  const error = await page.evaluate(() => window.__error);
  if (error) throw new Error(error);
  const r = /** @type {Record<string, number>} */ (await page.evaluate(() => window.__result));
  await context.close();
  emit(name, 'lines', LINES, 'lines');
  emit(name, 'customers', r.customers ?? 0, 'customers');
  emit(name, 'floor-plain-group-by', r.floor ?? 0, 'ms');
  emit(name, 'order-numbering-at-load', r.orderIndexMs ?? 0, 'ms');
  emit(name, 'stats-from-lines', r.statsMs ?? 0, 'ms');
  emit(name, 'rfm-quantile', r.rfmMs ?? 0, 'ms');
  emit(name, 'rfm-rfm030-rescore', r.rfm030Ms ?? 0, 'ms');
  emit(name, 'abc', r.abcMs ?? 0, 'ms');
  emit(name, 'tier-review', r.tiersMs ?? 0, 'ms');
  emit(name, 'analysis-in-worker', r.analysis ?? 0, 'ms', 1000);
  emit(name, 'rfm-abc-tiers-from-facts', r.answer ?? 0, 'ms', 400);
  emit(name, 'rescore-in-worker', r.rescoreMs ?? 0, 'ms');
  emit(name, 'analysis-vs-floor', (r.analysis ?? 0) / (r.floor ?? 1), 'x', 2);
  emit(name, 'app-load-lines-into-worker', r.appLoad ?? 0, 'ms', 2000);
  emit(name, 'app-first-rfm', r.appFirstRfm ?? 0, 'ms');
  emit(name, 'app-rescore', r.appRescore ?? 0, 'ms', 200);
  emit(name, 'longest-main-thread-task', r.appLongestTask ?? 0, 'ms', 200);
}

/** The bench page is built apart from the app, into .cache/bench-analysis. */
export function build() {
  return spawnSync('npx', ['vite', 'build', '--config', 'bench/analysis/vite.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
}
