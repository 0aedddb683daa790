import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('the family calculator shows the course example and follows an edited member', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('value');
  await expect(app.heading('Customer value')).toBeVisible();
  const revenue = app.stat('Total revenue');
  const profit = app.stat('Total profit');
  // The course example: ¥8,000,800 / ¥516,400 beside the course's 800万 / 51万.
  await expect(revenue).toContainText('¥8,000,800');
  await expect(revenue).toContainText('about ¥8 M (800万)');
  await expect(profit).toContainText('¥516,400');
  await expect(profit).toContainText('about ¥510 k (51万)');

  // The daughter's TT at ¥600,000 instead of ¥750,000: six cars, each ¥150,000 less.
  await page.getByLabel('Daughter: Car price (yuan)').fill('600000');
  await expect(revenue).toContainText('¥7,100,800');
  // Profit: 4 % of ¥900,000 less = ¥36,000 less.
  await expect(profit).toContainText('¥480,400');
  const breakdown = page.getByRole('table', { name: 'Breakdown by member and source' });
  await expect(breakdown.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Daughter' }) })).toContainText('¥3,600,000');

  // Every member can go; the totals follow.
  await page.getByRole('button', { name: 'Remove Wife' }).click();
  await expect(revenue).toContainText('¥6,200,800');
  await page.getByRole('button', { name: 'Reset to the course example' }).click();
  await expect(revenue).toContainText('¥8,000,800');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export breakdown as CSV' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('Member,Source,Revenue (yuan),Profit (yuan)');
  expect(lines).toContain('Total,Total,8000800,516400');
  await expect(page.locator('figure.chart[data-chart-ready="true"]')).toBeVisible();
});

test('fits BG/NBD and Gamma-Gamma on the demo store and exports the per-customer CLV', async ({ page }) => {
  test.setTimeout(600_000);
  const app = new Keqing(page);
  await app.loadDemo();
  await app.nav('Customer value').click();
  await page.getByRole('link', { name: 'Model forecast' }).click();
  await page.getByRole('button', { name: 'Fit the model' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Fitted: [\d,]+ customers in/ })).toBeVisible({ timeout: 300_000 });
  await page.getByText('Technical details').click();
  await expect(page.getByRole('table', { name: 'Model parameters' })).toContainText('BG/NBD r');
  await expect(page.getByRole('heading', { name: 'Active and valuable' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Likely lost, worth a call' })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export per-customer CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('customer-lifetime-value-model.csv');
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe(
    'Customer ID,Card no.,Phone,Name,Keqing no.,Repeat purchases,Last purchase,Probability active,Expected purchases in the next 90 days,Expected spend per purchase (yuan),Expected value in the next 90 days (yuan),Spend to date (yuan)',
  );
  expect(lines.length).toBeGreaterThan(100);
  // A row: the shop's keys (phone masked, Keqing's number), whole repeat count, ISO date, probability in [0, 1], numbers.
  const cells = lines[1]!.split(',');
  expect(cells).toHaveLength(12);
  expect(cells[2]).toMatch(/^(\d{3}\*{4}\d{4})?$/);
  expect(cells[4]).toMatch(/^\d+$/);
  expect(cells[5]).toMatch(/^\d+$/);
  expect(cells[6]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const p = Number(cells[7]);
  expect(p).toBeGreaterThanOrEqual(0);
  expect(p).toBeLessThanOrEqual(1);
  for (const c of cells.slice(8)) expect(Number.isFinite(Number(c))).toBe(true);
  // Sorted by expected value, highest first.
  expect(Number(lines[1]!.split(',')[10])).toBeGreaterThanOrEqual(Number(lines[2]!.split(',')[10]));

  // Historic value of the same store: the margin setting drives profit; the CSV adds up.
  await page.getByRole('link', { name: 'Historic value' }).click();
  const totals = page.getByTestId('history-totals');
  await expect(totals).toContainText(/^Total: [\d,]+ customers/);
  await page.getByLabel('Store margin (%)').fill('50');
  await expect(page.getByText('profit = revenue × margin 50%')).toBeVisible();
  const history = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV', exact: true }).click();
  const historyCsv = (await readFile(await (await history).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(historyCsv[0]).toBe(
    'Customer ID,Card no.,Phone,Name,Keqing no.,First purchase,Last purchase,Tenure (days),Orders,Revenue (yuan),Profit (yuan),Average order (yuan),Purchases a year,Value a year (yuan),Forward revenue (yuan),Forward profit (yuan),Status',
  );
  const row = historyCsv[1]!.split(',');
  const revenueFen = Math.round(Number(row[9]) * 100);
  expect(Math.round(Number(row[10]) * 100)).toBe(Math.round(revenueFen * 0.5));
  expect(Math.round(Number(row[11]) * 100)).toBe(Math.round(revenueFen / Number(row[8])));

  // First largest revenue first (the engine's order, not sorted again on the page); another column re-sorts the same customers.
  const column = (lines: string[], i: number) => lines.slice(1).map((l) => l.split(',')[i]!);
  const revenues = column(historyCsv, 9).map(Number);
  expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
  const table = page.getByRole('table', { name: 'Historic value per customer' });
  await table.getByRole('button', { name: 'Orders', exact: true }).click();
  await expect(table.getByRole('columnheader', { name: /^Orders/ })).toHaveAttribute('aria-sort', 'descending');
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV', exact: true }).click();
  const byOrders = (await readFile(await (await again).path(), 'utf8')).slice(1).trim().split('\r\n');
  const orders = column(byOrders, 8).map(Number);
  expect(orders).toEqual([...orders].sort((a, b) => b - a));
  expect(orders[0]).toBeGreaterThan(orders.at(-1)!);
  expect(new Set(column(byOrders, 4))).toEqual(new Set(column(historyCsv, 4)));
  expect(byOrders).toHaveLength(historyCsv.length);
  // The screen's first row is the file's first customer.
  const first = byOrders[1]!.split(',');
  await expect(table.getByRole('row').nth(1).getByRole('link')).toHaveAttribute('href', `#/customers/${first[4]}`);
});
