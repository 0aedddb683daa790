import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { sampleRows } from '../../src/lib/import/samples';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';
import { Keqing } from './pages/keqing';

/** Clicks a download button; the file's name and its lines (BOM dropped). */
async function download(page: Page, button: string): Promise<{ name: string; path: string; lines: string[] }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const d = await downloading;
  const path = await d.path();
  return { name: d.suggestedFilename(), path, lines: (await readFile(path, 'utf8')).slice(1).trim().split('\r\n') };
}

test('the filled customer and purchases samples download from the import screen and import with no failed row', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();

  const customers = await download(page, 'Customer sample');
  expect(customers.name).toBe('customer-import-sample.csv');
  expect(customers.lines[0]!.startsWith('填写说明：')).toBe(true);
  expect(customers.lines[1]).toBe('手机号,姓名,会员卡号,性别,生日,生日类型,会员等级,地址,地区,客户分类,备注');
  expect(customers.lines.slice(2)).toHaveLength(sampleRows.customers.length);
  expect(customers.lines[2]!.startsWith('13800138000,王芳,VIP100001,女,1990-07-12,公历,金卡,')).toBe(true);
  await screen.choose(customers.path);
  await expect(page.getByRole('table', { name: 'Problems' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Total')).toContainText('5');
  await expect(screen.resultRow('Customers added')).toContainText('5');
  await expect(screen.resultRow('Failed rows')).toContainText('0');

  const purchases = await download(page, 'Purchases sample');
  expect(purchases.name).toBe('purchase-import-sample.csv');
  expect(purchases.lines.slice(2)).toHaveLength(sampleRows.purchases.length);
  await screen.choose(purchases.path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Failed rows')).toContainText('0');
  // Every line found its customer among the five just filed.
  await expect(screen.resultRow('Customers added')).toContainText('0');

  // The opening balances sample names three of them by phone.
  const app = new Keqing(page);
  await app.open('customers/members');
  const opening = await download(page, 'Opening balances sample');
  expect(opening.lines[1]).toBe('手机号,积分,本金（元）,赠送金（元）');
  await page.getByLabel('Choose an opening balances file').setInputFiles(opening.path);
  // 积分 and 储值 for 王芳 and 李娜, 积分 only for 陈静: 5 entries.
  await expect(page.getByRole('status').filter({ hasText: 'rows:' })).toContainText('3 rows: 3 members matched, 5 entries added; 0 not found, 0 shared phones, 0 skipped (already had entries), 0 with errors.');
});

test('the activity log, prospects and product file samples import with no failed row', async ({ page }) => {
  const app = new Keqing(page);
  const resultCount = (title: string, label: string) =>
    page.getByRole('table', { name: `${title}: Import result` }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell');

  await app.open('time/import');
  const activity = await download(page, 'Activity log sample');
  expect(activity.name).toBe('activity-log-import-sample.csv');
  await page.getByLabel('Choose a CSV file').setInputFiles(activity.path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  // Two reps the store does not have yet are added (王芳, 李强).
  await expect(page.getByRole('status').filter({ hasText: 'Imported 5 entries; 0 were imported before (skipped); 2 new reps.' })).toBeVisible();

  await app.open('operations/funnel');
  const prospects = await download(page, 'Prospects sample');
  await page.getByLabel('Import prospects and stage changes: Choose a CSV file or .xlsx workbook').setInputFiles(prospects.path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(resultCount('Import prospects and stage changes', 'Total')).toHaveText('4');
  await expect(resultCount('Import prospects and stage changes', 'Added')).toHaveText('3');
  await expect(resultCount('Import prospects and stage changes', 'Stage changes added')).toHaveText('4');
  await expect(resultCount('Import prospects and stage changes', 'Failed rows')).toHaveText('0');

  await app.open('operations/products');
  const products = await download(page, 'Product file sample');
  await page.getByLabel('Import a product file: Choose a CSV file or .xlsx workbook').setInputFiles(products.path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(resultCount('Import a product file', 'Failed rows')).toHaveText('0');
  await expect(resultCount('Import a product file', 'Total')).toHaveText('5');
});
