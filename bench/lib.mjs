/** Shared bench plumbing: one JSON line per figure, the production build served, Debian's Chromium. */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';

/**
 * Prints one figure exactly as {"bench","metric","value","unit","target","ok"}.
 * @param {string} bench @param {string} metric @param {number} value @param {string} unit
 * @param {number | null} target @param {'max' | 'min'} [direction] whether the target is a ceiling or a floor
 */
export function emit(bench, metric, value, unit, target = null, direction = 'max') {
  const ok = target === null ? null : direction === 'max' ? value <= target : value >= target;
  console.log(JSON.stringify({ bench, metric, value: Math.round(value * 100) / 100, unit, target, ok }));
}

/** @param {number[]} values @returns {number} */
export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? Number.NaN) + (s[mid] ?? Number.NaN)) / 2;
};

/**
 * Serves dist/ (or another config's build) with `vite preview`; resolves its base URL once it answers.
 * @param {number} port @param {string[]} [extra] more vite arguments, e.g. ['--config', …]
 */
export async function serveDist(port, extra = []) {
  const server = spawn('npx', ['vite', 'preview', ...extra, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => process.kill(-(/** @type {number} */ (server.pid))) };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('vite preview did not start');
}

export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

/**
 * Imports a file through the import screen as a user does: choose, wait for the check, confirm,
 * wait for the result. Answers the epoch times, as the app took them, when the file was chosen,
 * when the check was done (the Import button ready) and when the result showed, less the test's own
 * time between the button being ready and its click. Taken in the page: Playwright sees a change by
 * polling, up to half a second late after a long wait, and moving the file into the page is not the
 * app's time either (the floor is timed from the file in the page to its last write, in the page).
 * `ready` runs once the screen is there, before the file is chosen.
 * @param {import('@playwright/test').Page} page @param {string} url @param {string} path
 * @param {() => Promise<unknown>} [ready]
 */
export async function importThroughUi(page, url, path, ready) {
  await page.goto(`${url}#/customers/import`);
  await page.getByLabel('Choose a CSV file').waitFor({ state: 'attached' });
  await ready?.();
  await page.evaluate(() => {
    const w = /** @type {any} */ (window);
    w.__import = { chosen: 0, ready: 0, clicked: 0, done: 0 };
    const t = w.__import;
    document.addEventListener('change', () => (t.chosen ||= Date.now()), true);
    const confirm = () => [...document.querySelectorAll('button.primary')].find((b) => b.textContent?.trim() === 'Import' && !(/** @type {HTMLButtonElement} */ (b).disabled));
    document.addEventListener('click', (e) => { if (t.ready && e.target === confirm()) t.clicked ||= Date.now(); }, true);
    new MutationObserver(() => {
      if (!t.ready && confirm()) t.ready = Date.now();
      if (!t.done && document.querySelector('table[aria-label="Import result"]')) t.done = Date.now();
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByLabel('Choose a CSV file').setInputFiles(path);
  const button = page.getByRole('button', { name: 'Import', exact: true });
  await button.waitFor({ timeout: 900_000 });
  await button.click();
  await page.getByRole('table', { name: 'Import result' }).waitFor({ timeout: 1_800_000 });
  const t = await page.evaluate(() => (/** @type {any} */ (window)).__import);
  if (!t.chosen || !t.ready || !t.clicked || !t.done) throw new Error(`import times not all taken: ${JSON.stringify(t)}`);
  return { start: t.chosen, analysed: t.ready, done: t.done - (t.clicked - t.ready) };
}
