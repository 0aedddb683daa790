import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';

/**
 * Every export button stays disabled until its data is complete: a list read page by page
 * (5,000 customers a page, read a pack of 2,048 ids at a time) must not be written half-read. To
 * see the "still loading" moment whatever the machine's speed, the page's reads of the last pack
 * of customers are held back until the test lets them through.
 */
const CUSTOMERS = 7_000;
/** Customers are stored 2,048 ids a pack (data/customer-store): ids 6,144… are in pack 3, the last. */
const HELD_PACK = 3;

/** Holds every read of the last pack of customers until `release`, keeping its transaction alive meanwhile. */
async function holdLaterCustomerPages(page: Page) {
  await page.evaluate((held) => {
    const w = window as unknown as { __released: boolean; __release: () => void };
    w.__released = false;
    w.__release = () => (w.__released = true);
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: unknown) {
      const request = (get as (k: unknown) => IDBRequest).call(this, key);
      if (this.name !== 'customerPacks' || key !== held) return request;
      // The page's handler runs only once released, inside a request of the same transaction
      // (small reads one after another keep it open), as if the read had taken that long.
      let handler: ((this: IDBRequest, ev: Event) => unknown) | null = null;
      Object.defineProperty(request, 'onsuccess', { configurable: true, get: () => handler, set: (fn: typeof handler) => (handler = fn) });
      const store = request.source as IDBObjectStore;
      request.addEventListener('success', (event) => {
        const wait = () => {
          const tick = store.count();
          tick.onsuccess = () => (w.__released ? handler?.call(request, event) : wait());
        };
        wait();
      });
      return request;
    };
  }, HELD_PACK);
}
const release = (page: Page) => page.evaluate(() => (window as unknown as { __release: () => void }).__release());

/** One purchase line per customer: 客户0 … 客户6999, each with a phone. */
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
  await expect(screen.resultRow('Customers added')).toContainText('7,000');
}

const dataRows = (csv: string) => csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);

test('the customer list export waits for every page of customers, then writes them all', async ({ page }) => {
  test.setTimeout(300_000);
  await importStore(page);
  await holdLaterCustomerPages(page);
  await page.goto('./#/customers');
  const exportButton = page.getByRole('button', { name: 'Export this list as CSV' });
  await expect(page.getByRole('status').filter({ hasText: 'Reading the customer file' })).toHaveText('Reading the customer file… (6,143 so far)'); // packs 0–2 (ids 1…6,143), the next one held
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAttribute('title', 'Still reading the data: the export is available once the list is complete.');

  await release(page);
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 7,000 of 7,000 customers');
  await expect(exportButton).toBeEnabled();
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const rows = dataRows(await readFile(await (await downloading).path(), 'utf8'));
  expect(rows).toHaveLength(CUSTOMERS);
  // Every customer once, the held pack's included (ids 6,144…7,000).
  const names = new Set(rows.map((r) => /客户\d+/.exec(r)?.[0]));
  expect(names.size).toBe(CUSTOMERS);
  expect(names.has('客户6999')).toBe(true);
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
