/**
 * Issue 15 §4 through the screens: the CDNOW sample imported with its $0 lines kept, the model
 * fitted up to 1997-09-30 in weeks → the published summary (cdnow_customers_summary.csv) for all
 * 2,357 customers and the published BG/NBD fit within 1 %. tests/unit/clv-cdnow.test.ts checks
 * the same in the library.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';
import { Keqing } from './pages/keqing';

const fixture = (name: string) => new URL(`../fixtures/clv/${name}`, import.meta.url);
/** Raw columns: customer id, id within the sample (the summary's ID), YYYYMMDD, CDs, dollars. */
const raw = async () =>
  (await readFile(fixture('CDNOW_sample.txt'), 'utf8'))
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split(/\s+/) as [string, string, string, string, string]);

/**
 * The one import step, as a shop would do it: the raw file as published (no header, columns
 * separated by runs of spaces). The importer guesses the columns (customer id, -, date, CDs,
 * dollars), files a customer for each id it names (the default for ids not on file), and the $0
 * lines are kept so BG/NBD counts them as lifetimes does.
 */
async function importCdnow(page: Page) {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(fileURLToPath(fixture('CDNOW_sample.txt')));
  await expect(page.getByText('spaces or tabs (runs of blanks)').first()).toBeVisible();
  await expect(page.getByLabel('Kind of file')).toHaveValue('purchases');
  await expect(page.getByLabel('Recognise the same customer by')).toHaveValue('customerId');
  await expect(page.getByText('6,919 purchase lines name a Customer id (2,357 of them) that is not in the customer file.')).toBeVisible();
  const zero = page.getByRole('row', { name: /Zero or negative prices/ });
  await expect(zero).toContainText('8');
  await zero.getByLabel('Keep').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Import result' })).toBeVisible({ timeout: 60_000 });
  await expect(screen.resultRow('Customers added')).toContainText('2,357');
  await expect(screen.resultRow('Purchase lines added')).toContainText('6,919');
}

const within1Percent = (actual: number, expected: number) => expect(Math.abs(actual - expected) / expected).toBeLessThan(0.01);

test('CDNOW sample: end 1997-09-30 in weeks gives the published summary and BG/NBD fit', async ({ page }) => {
  test.setTimeout(180_000);
  await importCdnow(page);

  const app = new Keqing(page);
  await app.open('value/model');
  const end = page.getByLabel('End of observation');
  // The default: the day after the last line (1998-06-30).
  await expect(end).toHaveValue('1998-07-01');
  await expect(page.getByText('the day after the last purchase (1998-07-01)')).toBeVisible();
  await end.fill('1997-09-30');
  await page.getByLabel('Time unit').selectOption({ label: 'weeks' });
  await page.getByLabel('Forecast horizon (days)').fill('180');
  await page.getByRole('button', { name: 'Fit the model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Fitted: 2,357 customers in/ })).toBeVisible({ timeout: 90_000 });
  // The rules and raw parameters sit behind a disclosure (issue 18): closed, they are not shown.
  await expect(page.getByRole('table', { name: 'Model parameters' })).toBeHidden();
  await page.getByText('Technical details').click();
  await expect(page.getByText('age = end of observation (1997-09-30) − first purchase, both in weeks (days ÷ 7)')).toBeVisible();

  const params = page.getByRole('table', { name: 'Model parameters' });
  const shown = async (name: string) => Number((await params.getByRole('row', { name }).getByRole('cell').innerText()).replace(/,/g, ''));
  within1Percent(await shown('BG/NBD r'), 0.2426);
  within1Percent(await shown('BG/NBD α (weeks)'), 4.4135);
  within1Percent(await shown('BG/NBD a'), 0.7929);
  within1Percent(await shown('BG/NBD b'), 2.4258);

  // The model input as downloaded equals the published summary, customer by customer.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export model input CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('clv-model-input-1997-09-30.csv');
  const text = await readFile(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const exported = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  // The shop's keys first (issue 15 §2): the customer id as imported joins back to the file.
  expect(exported.meta.fields).toEqual(['Customer ID', 'Card no.', 'Phone', 'Name', 'Keqing no.', 'First purchase', 'Repeat purchases', 'Recency (weeks)', 'Age (weeks)', 'Mean repeat spend (yuan)']);
  const sampleId = new Map((await raw()).map(([customer, id]) => [Number(customer), Number(id)]));
  const byId = new Map(exported.data.map((r) => [sampleId.get(Number(r['Customer ID'])), r]));
  const reference = Papa.parse<Record<string, string>>(await readFile(fixture('cdnow_customers_summary.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
  expect(exported.data).toHaveLength(2357);
  const off = reference.filter((ref) => {
    const r = byId.get(Number(ref.ID));
    // The csv has 2 decimals: equal means within half its last digit.
    const close = (a: string | undefined, b: string | undefined) => Math.abs(Number(a) - Number(b)) <= 0.005 + 1e-9;
    return !r || r['Repeat purchases'] !== ref.frequency || !close(r['Recency (weeks)'], ref.recency) || !close(r['Age (weeks)'], ref.T);
  });
  expect(off.map((r) => r.ID)).toEqual([]);

  // Changing a setting after the fit says the results shown are the old ones.
  const changed = page.getByText('The time unit, end of observation or horizon changed');
  await expect(changed).toBeHidden();
  await page.getByLabel('Time unit').selectOption({ label: 'days' });
  await expect(changed).toBeVisible();
  await page.getByLabel('Time unit').selectOption({ label: 'weeks' });
  await expect(changed).toBeHidden();

  // Remembered: back on the screen later, the chosen end and unit are still set.
  await page.reload();
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  await expect(end).toHaveValue('1997-09-30');
  await expect(page.getByLabel('Time unit')).toHaveValue('week');
  await expect(page.getByLabel('Forecast horizon (days)')).toHaveValue('180');
  // An end before every purchase: said, not fitted.
  await end.fill('1996-12-31');
  await page.getByRole('button', { name: 'Fit the model' }).click();
  await expect(page.getByRole('status')).toHaveText('No purchase on or before 1996-12-31, nothing to fit: choose a later end.');
  await page.getByRole('button', { name: 'Back to the default end' }).click();
  await expect(end).toHaveValue('1998-07-01');
});
