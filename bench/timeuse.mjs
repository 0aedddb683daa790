#!/usr/bin/env node
/**
 * Time allocation over 20 reps × 2 years (~200,000 entries, issue 7): the analysis in the time
 * worker (target ≤ 300 ms), the packed write and read, and a record-per-entry write for
 * comparison. Runs inside `npm run bench -- timeuse`, or alone: `node bench/timeuse.mjs`.
 * KEQING_BENCH_TIME_REPS / KEQING_BENCH_TIME_DAYS set a smaller store.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { emit, launchChromium, serveDist } from './lib.mjs';

export const name = 'timeuse';
const REPS = Number(process.env.KEQING_BENCH_TIME_REPS ?? 20);
const DAYS = Number(process.env.KEQING_BENCH_TIME_DAYS ?? 730);
const PORT = Number(process.env.KEQING_BENCH_PORT ?? 4318) + 2;

/** @param {{ browser: import('@playwright/test').Browser }} ctx */
export async function run({ browser }) {
  if (spawnSync('npx', ['vite', 'build', '--config', 'bench/timeuse/vite.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) throw new Error('bench page build failed');
  const server = await serveDist(PORT, ['--config', 'bench/timeuse/vite.config.ts']);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(e));
    await page.goto(`${server.url}?reps=${REPS}&days=${DAYS}`);
    await page.waitForFunction(() => window.__result || window.__error, null, { timeout: 300_000, polling: 250 });
    const error = await page.evaluate(() => window.__error);
    if (error) throw new Error(error);
    const r = /** @type {Record<string, number>} */ (await page.evaluate(() => window.__result));
    await context.close();
    emit(name, 'entries', r.entries ?? 0, 'entries');
    emit(name, 'chunks (rep-months)', r.chunks ?? 0, 'records');
    emit(name, 'analysis-in-worker (median of 5)', r.analysisInWorkerMs ?? 0, 'ms', 300);
    emit(name, 'analysis-in-worker (slowest, first run)', r.analysisFirstMs ?? 0, 'ms', 300);
    emit(name, 'analysis-round-trip', r.analysisRoundTripMs ?? 0, 'ms');
    emit(name, 'read-chunks', r.readMs ?? 0, 'ms');
    emit(name, 'write-packed', r.writePackedMs ?? 0, 'ms');
    emit(name, 'write-packed-rate', r.packedRowsPerSecond ?? 0, 'rows/s');
    emit(name, 'write-record-per-entry-rate', r.recordRowsPerSecond ?? 0, 'rows/s');
  } finally {
    server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const browser = await launchChromium();
  try {
    await run({ browser });
  } finally {
    await browser.close();
  }
}
