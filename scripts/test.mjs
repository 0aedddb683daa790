#!/usr/bin/env node
/**
 * `npm test`: every check and every suite, then one summary line for all of them:
 *   tests: N passed, N failed[, N skipped]
 * Type check, lint and build count as one test each; Vitest and Playwright report their own.
 * Every step runs even after a failure, so one run shows everything that is wrong.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const reports = mkdtempSync(join(tmpdir(), 'keqing-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
/** @type {string[]} */
const failures = [];

/** @param {string} command @param {string[]} args @param {Record<string, string>} env */
function run(command, args, env = {}) {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** @param {string} name @param {boolean} ok */
function gate(name, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
  return ok;
}

const root = typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;
/** Installs Debian packages (as root): the package lists are read once a run. @param {string[]} packages */
function aptInstall(packages) {
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated && !run('apt-get', ['update'], env)) return false;
  aptUpdated = true;
  return run('apt-get', ['install', '-y', '--no-install-recommends', ...packages], env);
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  if (!root) {
    console.error(`\n✖ Chromium is not at ${CHROMIUM}, and installing it needs root.\n  Install it with: sudo apt-get install -y chromium\n  (or point CHROMIUM_PATH at a Chromium or Chrome binary).`);
    return false;
  }
  console.log(`\nChromium is missing: installing Debian's package (apt-get install -y chromium)…`);
  return aptInstall(['chromium']) && existsSync(CHROMIUM);
}

/**
 * The layout checks of the Chinese screens measure Chinese text: without a Chinese font the
 * browser draws boxes of other widths (a machine with Chromium alone has none). Noto Sans CJK SC
 * is the one the app's font list names for Linux.
 */
function ensureChineseFont() {
  const fonts = () => spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  if (fonts() !== '') return true;
  if (!root) {
    console.error(`\n✖ No Chinese font is installed, and installing one needs root.\n  Install it with: sudo apt-get install -y fonts-noto-cjk`);
    return false;
  }
  console.log(`\nNo Chinese font: installing Debian's fonts-noto-cjk…`);
  return aptInstall(['fonts-noto-cjk']) && fonts() !== '';
}

/** @param {string} path @returns {any} */
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const haveBrowser = gate('chromium available', ensureChromium());
gate('a Chinese font available', ensureChineseFont());
gate('type check (svelte-check + tsc)', run('npm', ['run', '--silent', 'check']));
gate('lint (eslint, 0 warnings)', run('npm', ['run', '--silent', 'lint']));

const vitestJson = join(reports, 'vitest.json');
const vitestOk = run('npx', ['vitest', 'run'], { VITEST_JSON: vitestJson });
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  if (vitest.numFailedTests > 0 || !vitestOk) failures.push('unit tests');
  if (vitest.numFailedTests === 0 && !vitestOk) totals.failed++; // e.g. a file that failed to load
} else gate('unit tests ran', false);

const built = gate('production build', run('npx', ['vite', 'build']));
if (haveBrowser && built) {
  const playwrightJson = join(reports, 'playwright.json');
  const e2eOk = run('npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'], { PLAYWRIGHT_JSON: playwrightJson, CHROMIUM_PATH: CHROMIUM });
  const stats = readJson(playwrightJson)?.stats;
  if (stats) {
    totals.passed += stats.expected + stats.flaky;
    if (stats.flaky > 0) console.log(`\n⚠ ${stats.flaky} browser test(s) passed only on retry (flaky): see the list above.`);
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
    if (stats.unexpected > 0 || !e2eOk) failures.push('browser tests');
    if (stats.unexpected === 0 && !e2eOk) totals.failed++;
  } else gate('browser tests ran', false);
} else {
  gate('browser tests ran', false);
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
