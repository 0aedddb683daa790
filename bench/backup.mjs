/**
 * Backup and restore of a large store, phase by phase (issue 17): read, serialise and compress,
 * then unpack, parse and check, line keys, write. Not part of `npm run bench` (the journey times
 * the whole backup and restore through the app); run it as `node bench/backup.mjs`.
 * KEQING_BENCH_LINES / KEQING_BENCH_CUSTOMERS set the store; the browser profile in
 * .cache/bench-backup-profile keeps it between runs.
 */
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { emit, serveDist } from './lib.mjs';

const name = 'backup';
const LINES = Number(process.env.KEQING_BENCH_LINES ?? 1_000_000);
const CUSTOMERS = Number(process.env.KEQING_BENCH_CUSTOMERS ?? 100_000);
const port = Number(process.env.KEQING_BENCH_PORT ?? 4318);

if (spawnSync('npx', ['vite', 'build', '--config', 'bench/backup/vite.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) process.exit(1);
const server = await serveDist(port, ['--config', 'bench/backup/vite.config.ts']);
const context = await chromium.launchPersistentContext('.cache/bench-backup-profile', {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(e));
  await page.goto(`${server.url}?lines=${LINES}&customers=${CUSTOMERS}`);
  await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 1_800_000, polling: 500 });
  const error = await page.evaluate(() => window.__error);
  if (error) throw new Error(error);
  const r = /** @type {Record<string, number>} */ (await page.evaluate(() => window.__result));
  for (const [metric, value] of Object.entries(r)) emit(name, metric, value, metric.endsWith('MB') ? 'MB' : metric === 'customers' ? 'customers' : 'ms');
} finally {
  await context.close();
  server.stop();
}
