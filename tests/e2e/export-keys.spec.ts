/**
 * Issue 15 §2: every per-customer export carries the shop's own keys (客户编号, 卡号, 手机 masked,
 * 姓名, and Keqing's number) under headers in the UI language, and the all-customers export
 * imports again onto the same customers: 0 new, 0 failed.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { zh } from '../../src/i18n/zh';
import { maskPhone } from '../../src/lib/import/values/phone';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

const enKeys = ['Customer ID', 'Card no.', 'Phone', 'Name', 'Keqing no.'];
const zhKeys = ['客户编号', '卡号', '手机', '姓名', '客情编号'];

/** Clicks the button and reads the downloaded CSV: its path and its rows (BOM checked and dropped). */
async function download(page: Page, button: string) {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button, exact: true }).click();
  const path = await (await downloading).path();
  const text = await readFile(path, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return { path, text, rows: Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data };
}

/** The shop's keys lead the file; no whole mobile number anywhere in it. */
function expectKeys(rows: string[][], headers: string[]) {
  expect(rows[0]!.slice(0, 5)).toEqual(headers);
  expect(rows.length).toBeGreaterThan(1);
  for (const row of rows.slice(1)) {
    expect(row[2]).toMatch(/^(1\d\d\*{4}\d{4}|0\d+\*+\d{4}(-\d+)?)?$/);
    expect(row[4]).toMatch(/^\d+$/);
  }
}

async function reimport(page: Page, path: string, words: { choose: string; confirm: string; result: string }) {
  await page.goto('./#/customers/import');
  await page.getByLabel(words.choose).setInputFiles(path);
  await page.getByRole('button', { name: words.confirm, exact: true }).click();
  const result = page.getByRole('table', { name: words.result });
  await expect(result).toBeVisible({ timeout: 60_000 });
  return (label: string) => result.getByRole('row', { name: label }).getByRole('cell');
}

test('the all-customers export carries the shop keys (masked phones) and imports again onto the same customers', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  const customers = expected.store.customers;
  await app.nav('Segments').click();
  await expect(page.getByRole('table', { name: 'Segment summary' })).toBeVisible();

  const all = await download(page, 'Export all customers (RFM, segment, ABC and tier)');
  expectKeys(all.rows, enKeys);
  expect(all.rows).toHaveLength(customers.length + 1);
  expect(all.text).not.toMatch(/(^|[^\d*])1[3-9]\d{9}([^\d]|$)/m); // no whole mobile number
  const someone = customers.find((c) => c.cardNo && c.phone)!;
  expect(all.rows.find((r) => r[4] === String(someone.id))!.slice(0, 5)).toEqual([someone.externalId ?? '', someone.cardNo, maskPhone(someone.phone!), someone.name, String(someone.id)]);

  // The same file back, with the import's defaults (match on phone, 覆盖): the same customers.
  const cell = await reimport(page, all.path, { choose: 'Choose a CSV file or .xlsx workbook', confirm: 'Import', result: 'Import result' });
  await expect(cell('Customers added')).toHaveText('0');
  await expect(cell('Failed rows')).toHaveText('0');
  const updated = Number((await cell('Customers updated').textContent())!.replace(/,/g, ''));
  const unchanged = Number((await cell('Customers unchanged').textContent())!.replace(/,/g, ''));
  expect(updated + unchanged).toBe(customers.length);
  await app.nav('Customers').click();
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(`Showing ${customers.length.toLocaleString('en-US')} of ${customers.length.toLocaleString('en-US')} customers`);
});

test('in the Chinese UI the customer table export has Chinese headers and imports again: 0 new, 0 failed', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const customers = expectedDemo().store.customers;
  await page.getByLabel('Language').selectOption('zh');
  await page.goto('./#/customers');
  const list = await download(page, zh['list.export']);
  expectKeys(list.rows, zhKeys);
  expect(list.rows[0]!.slice(5)).toEqual([zh['field.level'], zh['field.birthday'], zh['field.address'], zh['list.lastPurchase'], zh['list.orders'], zh['exportKeys.list.amount']]);
  expect(list.rows).toHaveLength(customers.length + 1);

  const cell = await reimport(page, list.path, { choose: zh['import.choose'], confirm: zh['import.confirm'], result: zh['import.result'] });
  await expect(cell(zh['import.res.customersAdded'])).toHaveText('0');
  await expect(cell(zh['import.res.failed'])).toHaveText('0');
});

test('call lists, value grades, historic value and the tier log carry the shop keys', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();

  // A segment's call list.
  await app.nav('Segments').click();
  const summary = page.getByRole('table', { name: 'Segment summary' });
  await summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Champions', exact: true }) }).getByRole('button', { name: 'Call list' }).click();
  const calls = await download(page, 'Export list as CSV');
  expectKeys(calls.rows, enKeys);
  expect(calls.rows).toHaveLength(expected.segments.champions! + 1);

  // Value grades, after a re-grade.
  await app.open('value/grades');
  await page.getByRole('button', { name: 'Re-grade now' }).click();
  await expect(page.getByTestId('regrade-outcome')).toBeVisible();
  expectKeys((await download(page, 'Export grades (CSV)')).rows, enKeys);

  // Historic value.
  await page.getByRole('link', { name: 'Historic value' }).click();
  await expect(page.getByTestId('history-totals')).toContainText(/^Total: [\d,]+ customers/);
  expectKeys((await download(page, 'Export CSV')).rows, enKeys);

  // The tier log, after a review.
  await app.open('segments');
  await page.getByRole('link', { name: 'Tiers A/B/C' }).click();
  await page.getByRole('button', { name: 'Run review', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /Review of .* done/ })).toBeVisible({ timeout: 30_000 });
  const log = await download(page, 'Export log as CSV');
  expectKeys(log.rows, enKeys);
  const first = expected.store.customers.find((c) => String(c.id) === log.rows[1]![4])!;
  expect(log.rows[1]!.slice(0, 5)).toEqual([first.externalId ?? '', first.cardNo ?? '', first.phone ? maskPhone(first.phone) : '', first.name, String(first.id)]);
});
