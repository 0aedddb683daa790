/** Time from the click on "Load demo store" to the confirmation, in an empty browser profile. */
import { emit, median } from './lib.mjs';

export const name = 'demo-load';
const TARGET_MS = 3000;

/** @param {{ browser: import('@playwright/test').Browser, url: string }} ctx */
export async function run({ browser, url }) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${url}#/overview`);
    const button = page.getByRole('button', { name: 'Load demo store' });
    await button.waitFor();
    const start = Date.now();
    await button.click();
    await page.getByRole('group', { name: 'Customer files', exact: true }).waitFor({ timeout: 60_000 });
    times.push(Date.now() - start);
    await context.close();
  }
  emit(name, 'demo-store-load', median(times), 'ms', TARGET_MS);
}
