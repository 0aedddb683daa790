#!/usr/bin/env node
/**
 * npm run bench            all benchmarks
 * npm run bench -- NAME    one (or several) by name
 * Builds the app, serves dist/ and drives it in headless Chromium; every figure is one JSON line
 * {"bench","metric","value","unit","target","ok"} so runs can be compared.
 */
import { spawnSync } from 'node:child_process';
import { launchChromium, serveDist } from './lib.mjs';
import * as analysisBench from './analysis.mjs';
import * as clvBench from './clv.mjs';
import * as demoLoad from './demo-load.mjs';
import * as firstLoad from './first-load.mjs';
import * as importBench from './import.mjs';
import * as journeyBench from './journey.mjs';
import * as parquetBench from './parquet.mjs';
import * as timeuseBench from './timeuse.mjs';

const all = [firstLoad, demoLoad, importBench, analysisBench, timeuseBench, clvBench, journeyBench, parquetBench];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (have: ${all.map((b) => b.name).join(', ')})`);
  process.exit(2);
}
const chosen = wanted.length ? all.filter((b) => wanted.includes(b.name)) : all;

if (spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) process.exit(1);
const port = Number(process.env.KEQING_BENCH_PORT ?? 4318);
const server = await serveDist(port);
// The analysis bench drives its own page (the app's modules without its screens).
const benchServer = chosen.includes(analysisBench) && analysisBench.build() ? await serveDist(port + 1, ['--config', 'bench/analysis/vite.config.ts']) : null;
const browser = await launchChromium();
try {
  for (const bench of chosen) await bench.run({ browser, url: server.url, dist: 'dist', benchUrl: benchServer?.url ?? '' });
} finally {
  await browser.close();
  server.stop();
  benchServer?.stop();
}
