/**
 * Runs bench/analysis/profile.ts in Debian's Chromium (the app's engine, not Node's older V8):
 * node bench/analysis/profile-chromium.mjs [lines] [customers]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../lib.mjs';

// KEQING_PROFILE_BUNDLE: a bundle built before (another commit's profile, for a before/after in one run).
const out = process.env.KEQING_PROFILE_BUNDLE ?? join(tmpdir(), `keqing-profile-${process.pid}.js`);
if (!process.env.KEQING_PROFILE_BUNDLE) {
  const built = spawnSync('npx', ['rolldown', 'bench/analysis/profile.ts', '-p', 'browser', '-f', 'iife', '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) process.exit(1);
}
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  /** @type {(value?: unknown) => void} */
  let done = () => {};
  const finished = new Promise((resolve) => (done = resolve));
  page.on('console', (m) => {
    console.log(m.text());
    if (m.text().startsWith('done')) done();
  });
  page.on('pageerror', (e) => {
    console.error(e);
    done();
  });
  await page.evaluate((a) => ((/** @type {any} */ (globalThis)).keqingProfile = a), process.argv.slice(2));
  await page.addScriptTag({ content: readFileSync(out, 'utf8') + '\nconsole.log("done");' });
  await finished;
} finally {
  await browser.close();
}
