/** What a first visit costs: JS and CSS loaded up front (raw and gzip) and time until the app answers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { emit, median } from './lib.mjs';

export const name = 'first-load';
const JS_GZIP_TARGET_KB = 250;

/** @param {{ browser: import('@playwright/test').Browser, url: string, dist: string }} ctx */
export async function run({ browser, url, dist }) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  // Files the browser fetches before the app starts: the entry script, its preloads, stylesheets.
  const refs = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.\/([^"]+\.(js|css))"/g)].map((m) => ({ file: String(m[1]), kind: String(m[2]) }));
  for (const kind of ['js', 'css']) {
    const files = refs.filter((r) => r.kind === kind).map((r) => readFileSync(join(dist, r.file)));
    const raw = files.reduce((n, b) => n + b.length, 0) / 1024;
    const gzip = files.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) / 1024;
    emit(name, `${kind}-raw`, raw, 'kB');
    emit(name, `${kind}-gzip`, gzip, 'kB', kind === 'js' ? JS_GZIP_TARGET_KB : null);
  }

  const times = [];
  for (let i = 0; i < 5; i++) {
    // A new context is a cold visit: empty HTTP cache, no service worker yet.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
    await page.getByRole('navigation').waitFor();
    times.push(await page.evaluate(() => performance.getEntriesByName('keqing:ready')[0]?.startTime ?? Number.NaN));
    await context.close();
  }
  emit(name, 'time-to-interactive-cold', median(times), 'ms');
}
