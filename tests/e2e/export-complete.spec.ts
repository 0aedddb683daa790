import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';

/**
 * Every export button stays disabled until its data is complete: a list read page by page
 * (5,000 customers a page) must not be written half-read. To see the "still loading" moment
 * whatever the machine's speed, the page's later customer pages are held back until the test
 * lets them through.
 */
const CUSTOMERS = 6_000;

/** Holds every page of customers after the first (a getAll from an id above 0) until `release`. */
async function holdLaterCustomerPages(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __released: Promise<void>; __release: () => void };
    w.__released = new Promise((resolve) => (w.__release = resolve));
    const getAll = IDBObjectStore.prototype.getAll;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, query?: unknown, count?: number) {
      const request = (getAll as (q?: unknown, n?: number) => IDBRequest).call(this, query, count);
      // Chromium also takes an options object ({ query, count, direction }), which Dexie uses when it can.
      const range = query instanceof IDBKeyRange ? query : (query as { query?: unknown } | null)?.query;
      const later = this.name === 'customers' && range instanceof IDBKeyRange && typeof range.lower === 'number' && range.lower > 0;
      if (!later) return request;
      // The page's handler runs only once released; the result waits on the request.
      let handler: ((this: IDBRequest, ev: Event) => unknown) | null = null;
      Object.defineProperty(request, 'onsuccess', { configurable: true, get: () => handler, set: (fn: typeof handler) => (handler = fn) });
      request.addEventListener('success', (event) => void w.__released.then(() => handler?.call(request, event)));
      return request;
    };
  });
}
const release = (page: Page) => page.evaluate(() => (window as unknown as { __release: () => void }).__release());

/** One purchase line per customer: 客户0 … 客户5999, each with a phone. */
async function salesFile(): Promise<string> {
  const lines = ['小票号,销售日期,货号,商品名称,数量,单价,实收金额,会员编号,会员姓名,手机号'];
  for (let i = 0; i < CUSTOMERS; i++) {
    const price = 50 + (i % 400);
    lines.push(`XP${String(i).padStart(6, '0')},2025/${1 + (i % 12)}/${1 + (i % 28)},A${i % 30},商品${i % 30},1,${price}.00,${price}.00,M${i},客户${i},139${String(i).padStart(8, '0')}`);
  }
  const path = join(await mkdtemp(join(tmpdir(), 'keqing-export-')), 'sales.csv');
  await writeFile(path, lines.join('\n') + '\n');
  return path;
}

async function importStore(page: Page) {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.importFile(await salesFile());
  await expect(screen.resultRow('Customers added')).toContainText('6,000');
}

const dataRows = (csv: string) => csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);

test('the customer list export waits for every page of customers, then writes them all', async ({ page }) => {
  test.setTimeout(300_000);
  await importStore(page);
  await holdLaterCustomerPages(page);
  await page.goto('./#/customers');
  const exportButton = page.getByRole('button', { name: 'Export this list as CSV' });
  await expect(page.getByRole('status').filter({ hasText: 'Reading the customer file' })).toHaveText('Reading the customer file… (5,000 so far)');
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAttribute('title', 'Still reading the data: the export is available once the list is complete.');

  await release(page);
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 6,000 of 6,000 customers');
  await expect(exportButton).toBeEnabled();
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const rows = dataRows(await readFile(await (await downloading).path(), 'utf8'));
  expect(rows).toHaveLength(CUSTOMERS);
  // Every customer once, the last page's included (ids 5,001…6,000).
  const names = new Set(rows.map((r) => /客户\d+/.exec(r)?.[0]));
  expect(names.size).toBe(CUSTOMERS);
  expect(names.has('客户5999')).toBe(true);
});

test('a call list names its customers and exports them all without the page reading the customer file', async ({ page }) => {
  test.setTimeout(300_000);
  await importStore(page);
  // The page's own reads of later customer pages stay held for the whole test: the names come from
  // the analysis engine and the CSV's keys from the export worker, so nothing waits on them.
  await holdLaterCustomerPages(page);
  await page.goto('./#/segments');
  const lists = page.getByRole('button', { name: 'Call list' });
  await lists.first().click();
  const exportButton = page.getByRole('button', { name: 'Export list as CSV' });
  const title = await page.getByRole('heading', { name: /: [\d,]+ customers$/ }).textContent();
  const count = Number(/: ([\d,]+) customers$/.exec(title ?? '')![1]!.replace(/,/g, ''));
  // The rows in view are named (a customer beyond the first 5,000 too, when the list holds one).
  const table = page.getByRole('table', { name: title!.trim() });
  await expect(table.getByRole('link', { name: /^客户\d+$/ }).first()).toBeVisible();
  await expect(exportButton).toBeEnabled();
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const rows = dataRows(await readFile(await (await downloading).path(), 'utf8'));
  expect(rows).toHaveLength(count);
  // Each row names its customer (a half-read list would leave later customers nameless).
  expect(rows.filter((r) => !/客户\d+/.test(r))).toEqual([]);
  expect(rows.some((r) => Number(/客户(\d+)/.exec(r)![1]) >= 5_000)).toBe(true);
});
