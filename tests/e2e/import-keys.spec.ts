/**
 * Issue 15 §1: a row naming a customer without the match key, and purchase lines naming customer
 * ids the store lacks. Each choice is made on the preview as a user would; the result, the screens
 * and the downloaded files are checked.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';

const bad = (name: string) => `tests/fixtures/import/bad/${name}`;

test('a sales row without a phone files the customer by name, with birthday and purchases linked', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(bad('sales-row-without-phone.csv'));
  const keyless = page.getByRole('group', { name: 'Rows with a name but no Phone' });
  await expect(keyless).toContainText('1 customers in the file have no Phone, card no. or customer id.');
  await expect(keyless.getByLabel('File them')).toBeChecked();
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row', { name: /^3 姓名 李娜 no phone, card no\. or customer id: filed by name/ })).toBeVisible();

  // The problem report says which row was filed by name.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download problems as CSV' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  expect(csv).toContain('3,姓名,李娜,"no phone, card no. or customer id: filed by name (rows with the same name are one customer)"');

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers added')).toContainText('3');
  await expect(screen.resultRow('Purchase lines added')).toContainText('4');
  await expect(screen.resultRow('Customers filed by name (no Phone)')).toContainText('1');
  await expect(screen.resultRow('Failed rows')).toContainText('0');

  // 李娜 is one customer with her birthday and both visits (158.00 + 42.00).
  await page.goto('./#/customers');
  await page.getByLabel('Search').fill('李娜');
  await page.getByRole('table', { name: 'Customer file' }).getByRole('link', { name: '李娜' }).click();
  await expect(page.getByLabel('Birthday')).toHaveValue('1990-07-12');
  const lines = page.getByRole('table', { name: 'Purchases' });
  await expect(lines.getByRole('row')).toHaveCount(3);
  await expect(lines).toContainText('2024-03-02');
  await expect(lines).toContainText('2024-03-09');

  // Data quality counts her: no phone, card no. or id.
  await page.goto('./#/customers/quality');
  await expect(page.getByTestId('quality-keyless')).toHaveText('1');
});

test('with "do not import them" chosen, the phoneless rows fail and come back in the file with their reason', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(bad('sales-row-without-phone.csv'));
  await page.getByRole('group', { name: 'Rows with a name but no Phone' }).getByLabel('Do not import them').check();
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row', { name: /^3 .*李娜.*no phone, card no\. or id.*row not imported/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /^5 .*李娜.*row not imported/ })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download your file with a Problems column' }).click();
  const back = (await readFile(await (await downloading).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(back[0]).toBe('姓名,手机号,生日,消费金额,消费日期,Problems');
  expect(back[1]).toBe('王芳,13800138000,1985-03-05,299.00,2024-03-01,');
  expect(back[2]).toBe('李娜,,1990-07-12,158.00,2024-03-02,"whole row: no phone, card no. or id, so a duplicate cannot be recognised"');
  expect(back[4]).toMatch(/^李娜,,1990-07-12,42\.00,2024-03-09,".*no phone, card no\. or id/);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers added')).toContainText('2');
  await expect(screen.resultRow('Purchase lines added')).toContainText('2');
  await expect(screen.resultRow('Rows without a Phone, failed as chosen')).toContainText('2');
  await expect(screen.resultRow('Failed rows')).toContainText('2');
});

test('a transaction log naming unknown customer ids files those customers, and the value screen shows their purchases', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(bad('purchases-unknown-customer-ids.csv'));
  const unknown = page.getByRole('group', { name: 'When a purchase line’s Customer id is not in the customer file' });
  await expect(unknown).toContainText('5 purchase lines name a Customer id (3 of them) that is not in the customer file.');
  await expect(unknown.getByLabel(/File them: a new customer for each/)).toBeChecked();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Purchase lines added')).toContainText('5');
  await expect(screen.resultRow('Customers filed from purchase lines (3 ids)')).toContainText('3');

  await page.goto('./#/value/history');
  await expect(page.getByTestId('history-totals')).toContainText(/^Total: 3 customers, revenue \D*142\.29/);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const rows = (await readFile(await (await downloading).path(), 'utf8')).slice(1).trim().split('\r\n');
  // 00001: 11.77 + 20.76; 00002: 12.00 + 77.00; 00003: 20.76 — one row each, highest revenue first.
  // The shop's keys first (their id as 客户编号, no name), then the figures.
  const header = rows[0]!.split(',');
  const [id, revenue] = [header.indexOf('Customer ID'), header.indexOf('Revenue (yuan)')];
  expect(rows.slice(1).map((r) => [r.split(',')[id], r.split(',')[revenue]])).toEqual([['00002', '89'], ['00001', '32.53'], ['00003', '20.76']]);
});

test('kept unlinked, the value screen says how many lines are not linked and links them on request', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(bad('purchases-unknown-customer-ids.csv'));
  await page.getByLabel('Do not file them').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Lines not linked to a customer (3 ids not found)')).toContainText('5');
  await expect(screen.resultRow('Customers added')).toContainText('0');

  // Every screen needing linked purchases says why it is empty: the segments, the value model, historic value.
  await page.goto('./#/segments');
  await expect(page.getByTestId('unlinked-purchases')).toContainText('5 purchase lines are not linked to a customer');
  await page.goto('./#/value/model');
  await page.getByRole('button', { name: 'Fit the model' }).click();
  await expect(page.getByTestId('unlinked-purchases')).toContainText('5 purchase lines are not linked to a customer');
  await page.goto('./#/value/history');
  const notice = page.getByTestId('unlinked-purchases');
  await expect(notice).toContainText('5 purchase lines are not linked to a customer, so this is empty');
  await expect(page.getByText('No purchases yet')).toHaveCount(0);
  await notice.getByRole('button', { name: 'Create the customers they name and link' }).click();
  await expect(page.getByTestId('history-totals')).toContainText(/^Total: 3 customers, revenue \D*142\.29/);
});
