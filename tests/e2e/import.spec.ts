import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';
import { Keqing } from './pages/keqing';

const fixture = (name: string) => `tests/fixtures/import/${name}`;

test('imports a GBK customer list with Chinese headers, and nothing twice', async ({ page }) => {
  const app = new Keqing(page);
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(fixture('customers-gbk.csv'));
  await expect(page.getByText('Encoding GB18030, delimiter comma, header on line 2')).toBeVisible();
  await expect(page.getByLabel('Import as: 姓名')).toHaveValue('name');
  await expect(page.getByLabel('Import as: 手机')).toHaveValue('phone');
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row', { name: /^5 手机 1\.38001E\+10 phone number damaged by Excel/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /^6 生日 2023\/2\/30 no such date/ })).toBeVisible();
  const sample = page.getByRole('table', { name: 'First rows as they will be stored' });
  await expect(sample.getByRole('row', { name: /王芳 138\*\*\*\*8000 VIP001/ })).toBeVisible();
  await expect(sample).not.toContainText('合计'); // the total row is not a customer

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers added')).toContainText('6');
  await expect(page.getByRole('status').filter({ hasText: 'Import finished: 6 customers added' })).toBeVisible();

  await screen.importFile(fixture('customers-gbk.csv'));
  await expect(page.getByRole('status').filter({ hasText: 'Nothing new' })).toContainText('0 rows added');
  await expect(screen.resultRow('Customers unchanged')).toContainText('6');

  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).toContainText('6');
  await expect(app.stat('Customers without a phone')).toContainText('1'); // 张伟: the damaged phone was not stored
});

test('imports a POS export and a UTF-16 log, lets the user fix the mapping, reports problems as CSV', async ({ page }) => {
  const app = new Keqing(page);
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(fixture('sales-pos-utf8.csv'));
  await expect(page.getByLabel('Kind of file')).toHaveValue('combined');
  await expect(page.getByLabel('Recognise the same customer by')).toHaveValue('customerId');
  await expect(page.getByRole('row', { name: /Cancelled orders/ })).toContainText('1');
  // A UK web shop's export: its postage and discount codes are the web shop preset, not the default.
  await page.getByLabel('Non-product code list').selectOption({ label: 'UK web shop, Online Retail (POST, DOT, M…)' });
  await expect(page.getByRole('row', { name: /Non-product lines/ }).getByRole('cell').first()).toHaveText('2');

  // The user decides the Country column is not wanted.
  await page.getByLabel('Import as: Country').selectOption({ label: '(not imported)' });
  await expect(page.getByLabel('Import as: Country')).toHaveValue('');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download problems as CSV' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain('Line,Column,Value,Problem,Effect');
  expect(csv).toContain('13,InvoiceDate,2/30/2011 10:00,no such date,row not imported');
  expect(csv).toContain('14,Quantity,abc,not a valid number,row not imported');

  // Keep cancellations and non-product lines this time (C536379 is both: a cancelled discount).
  await page.getByRole('row', { name: /Cancelled orders/ }).getByLabel('Keep').check();
  await page.getByRole('row', { name: /Non-product lines/ }).getByLabel('Keep').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers added')).toContainText('4');
  await expect(screen.resultRow('Purchase lines added')).toContainText('11');
  await expect(screen.resultRow('Excluded')).toContainText('1'); // only the zero-price line
  await expect(screen.resultRow('Failed rows')).toContainText('2');

  await screen.importFile(fixture('purchases-utf16.txt'));
  await expect(screen.resultRow('Purchase lines added')).toContainText('5');

  await app.nav('Overview').click();
  // 11 + 5 stored, the zero-price line excluded: 15 counted.
  await expect(app.stat('Purchase lines counted')).toContainText('15');
});

test('undoes the latest import from the history', async ({ page }) => {
  const app = new Keqing(page);
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.importFile(fixture('customers-gbk.csv'));
  await screen.importFile(fixture('sales-pos-utf8.csv'));

  await page.getByRole('navigation', { name: 'Customer pages' }).getByRole('link', { name: 'Import history' }).click();
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'sales-pos-utf8.csv' })).toContainText('customers 4 added');
  await expect(rows.filter({ hasText: 'customers-gbk.csv' }).getByRole('button', { name: 'Undo this import' })).toHaveCount(0);
  await app.clickAndConfirm(rows.filter({ hasText: 'sales-pos-utf8.csv' }).getByRole('button', { name: 'Undo this import' }), 'Undo this import');
  await expect(page.getByRole('status').filter({ hasText: 'Import undone: sales-pos-utf8.csv' })).toBeVisible();
  await expect(rows.filter({ hasText: 'sales-pos-utf8.csv' })).toHaveCount(0);

  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).toContainText('6');
  await expect(app.stat('Purchase lines counted')).toContainText('0');
});

test('a file that cannot be imported says why and changes nothing', async ({ page }, testInfo) => {
  const app = new Keqing(page);
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.importFile(fixture('customers-gbk.csv'));
  const { writeFile } = await import('node:fs/promises');
  const cases: [string, Buffer, string][] = [
    ['empty.csv', Buffer.alloc(0), 'The file is empty.'],
    ['book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]), 'This is a zip archive but not an Excel workbook'],
    ['header.csv', Buffer.from('姓名,手机\r\n'), 'The file has a header but no data rows.'],
    ['quote.csv', Buffer.from('姓名,手机\n"王芳,138\n李娜,139\n'), 'is never closed'],
  ];
  for (const [name, bytes, message] of cases) {
    const path = testInfo.outputPath(name);
    await writeFile(path, bytes);
    await screen.choose(path);
    await expect(page.getByRole('alert').filter({ hasText: 'The import failed; your data is unchanged.' })).toContainText(message);
  }
  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).toContainText('6');
});

test('after an import the engine counts the new lines at once and keeps the counts and the KPI board for the next visit', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  // What the engine keeps (workers/lines-store, data/kpi-board), each with the version it was made for.
  const keptRow = (key: string) =>
    page.evaluate(async (key) => {
      const open = indexedDB.open('keqing');
      const db: IDBDatabase = await new Promise((resolve) => (open.onsuccess = () => resolve(open.result)));
      const row: { version: string; value: unknown } | undefined = await new Promise((resolve) => {
        const get = db.transaction('engineCache').objectStore('engineCache').get(key);
        get.onsuccess = () => resolve(get.result);
      });
      db.close();
      return row;
    }, key);
  const kept = async () => {
    const row = (await keptRow('lines.stats')) as { version: string; value: { ids: Int32Array } } | undefined;
    return row ? { version: row.version, customers: row.value.ids.length } : null;
  };
  // Opening the app loads the (empty) store into the engine.
  await expect.poll(kept, { timeout: 30_000 }).toEqual(expect.objectContaining({ customers: 0 }));
  const before = (await kept())!.version;

  await screen.choose(fixture('sales-pos-utf8.csv'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers added')).toContainText('4');
  // Nobody asked for a figure: the import itself has the engine take the lines in. Three customers
  // have lines (14527's only line, a cancelled discount, is left out by default).
  await expect.poll(kept, { timeout: 30_000 }).toEqual(expect.objectContaining({ customers: 3 }));
  const after = (await kept())!.version;
  expect(after).not.toBe(before);
  // The KPI board's purchase figures too, for these lines (their version leads the key), with the
  // Overview never opened: the file's sales are in the months counted.
  const board = async () => {
    const row = (await keptRow('kpiPurchases')) as { version: string; value: { months: { revenue: number }[] } } | undefined;
    return row ? { lines: row.version.split('|')[0], sales: row.value.months.some((m) => m.revenue > 0) } : null;
  };
  await expect.poll(board, { timeout: 30_000 }).toEqual({ lines: after, sales: true });
  expect(page.url()).toContain('#/customers/import');
});
