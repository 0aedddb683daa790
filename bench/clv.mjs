/**
 * Lifetime-value model over 100,000 customers (issue 8): the transaction summary, then the
 * BG/NBD + Gamma-Gamma fit and per-customer scores in the app's clv worker (target ≤ 5 s).
 * Drives its own page (bench/clv/), built apart from the app and served on the bench port + 3.
 * KEQING_BENCH_LINES / KEQING_BENCH_CUSTOMERS set a smaller store for a quick look.
 */
import { spawnSync } from 'node:child_process';
import { emit, serveDist } from './lib.mjs';

export const name = 'clv';
const LINES = Number(process.env.KEQING_BENCH_LINES ?? 1_000_000);
// 105,000 ids in the generator: about 100,000 of them buy (the model's customers).
const CUSTOMERS = Number(process.env.KEQING_BENCH_CUSTOMERS ?? 105_000);
const PORT = Number(process.env.KEQING_BENCH_PORT ?? 4318) + 3;

/** @param {{ browser: import('@playwright/test').Browser }} ctx */
export async function run({ browser }) {
  if (spawnSync('npx', ['vite', 'build', '--config', 'bench/clv/vite.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) throw new Error('bench page build failed');
  const server = await serveDist(PORT, ['--config', 'bench/clv/vite.config.ts']);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(e));
    await page.goto(`${server.url}?lines=${LINES}&customers=${CUSTOMERS}`);
    await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 600_000, polling: 250 });
    const error = await page.evaluate(() => window.__error);
    if (error) throw new Error(error);
    const r = /** @type {Record<string, number>} */ (await page.evaluate(() => window.__result));
    await context.close();
    emit(name, 'customers', r.customers ?? 0, 'customers');
    emit(name, 'summary-from-lines', r.summaryMs ?? 0, 'ms');
    emit(name, 'fit-bgnbd-gammagamma-and-score', r.fitMs ?? 0, 'ms', 5000);
    emit(name, 'fit-in-worker-wall', r.wallMs ?? 0, 'ms', 5000);
    emit(name, 'converged', r.converged ?? 0, 'bool', 1, 'min');
  } finally {
    server.stop();
  }
}
