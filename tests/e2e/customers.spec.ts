import { readFile } from 'node:fs/promises';
import { findDuplicates } from '../../src/lib/customers/duplicates';
import { maskPhone } from '../../src/lib/import/values/phone';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('searches the customer file and exports the current view as safe CSV, phones masked unless chosen', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  await page.goto('./#/customers');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(`Showing ${expected.customers} of ${expected.customers} customers`);
  const table = page.getByRole('table', { name: 'Customer file' });
  await expect(table).toHaveAttribute('aria-rowcount', String(expected.store.customers.length + 1));

  const someone = expected.store.customers.find((c) => c.phone && c.cardNo)!;
  await page.getByLabel('Search').fill(someone.phone!.slice(0, 7));
  // Found by the full number, shown masked.
  await expect(table.getByRole('row').filter({ hasText: maskPhone(someone.phone!) })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: someone.phone! })).toHaveCount(0);
  await page.getByLabel('Show full phone numbers').check();
  await expect(table.getByRole('row').filter({ hasText: someone.phone! })).toBeVisible();
  await page.getByLabel('Search').fill(someone.cardNo!);
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(`Showing 1 of ${expected.customers} customers`);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this list as CSV' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('Customer ID,Card no.,Phone,Name,Keqing no.,Card level,Birthday,Address,Last purchase,Orders,Spend (yuan)');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${someone.externalId ?? ''},${someone.cardNo},${maskPhone(someone.phone!)},${someone.name.trim()},${someone.id},`);

  // Full numbers only by choice, and the file says so on its first line.
  await page.getByLabel('Export full phone numbers').check();
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this list as CSV' }).click();
  const full = (await readFile(await (await again).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(full[0]).toBe('Note: this file contains full phone numbers. Keep it safe; do not pass it on.');
  expect(full[1]).toBe('Customer ID,Card no.,Phone,Name,Keqing no.,Card level,Birthday,Address,Last purchase,Orders,Spend (yuan)');
  expect(full[2]).toContain(`${someone.externalId ?? ''},${someone.cardNo},${someone.phone},${someone.name.trim()},${someone.id},`);

  await page.getByLabel('Search').fill('');
  await page.getByLabel('Missing field').selectOption({ label: 'Phone' });
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText(`Showing ${expected.withoutPhone} of ${expected.customers} customers`);
});

test('adds a customer by hand, with field errors first, and finds them in the list', async ({ page }) => {
  await page.goto('./#/customers');
  await page.getByRole('link', { name: 'Add customer' }).click();
  await expect(page.getByRole('heading', { name: 'New customer' })).toBeVisible();
  await page.getByLabel('Name').fill('=HYPERLINK("http://x")');
  await page.getByLabel('Phone').fill('1.38001E+10');
  await page.getByLabel('Birthday').fill('1990-07-12');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Correct the marked fields.' })).toBeVisible();
  await expect(page.getByText('not a valid mobile or phone number')).toBeVisible();

  await page.getByLabel('Phone').fill('+86 138 0013 8000');
  await page.getByLabel('Prospect (has not bought yet)').check();
  await page.getByLabel('Intended model / style').fill('羊绒大衣');
  await page.getByLabel('Expected purchase date').fill('2027-01-15');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page).toHaveURL(/#\/customers\/\d+$/);
  await page.reload();
  await expect(page.getByLabel('Phone')).toHaveValue('138****8000');
  await page.getByRole('button', { name: 'Show full phone numbers' }).click();
  await expect(page.getByLabel('Phone')).toHaveValue('13800138000');
  await expect(page.getByLabel('Intended model / style')).toHaveValue('羊绒大衣');

  await page.getByRole('link', { name: '← Customer file' }).click();
  await page.getByLabel('Prospects only').check();
  await expect(page.getByRole('table', { name: 'Customer file' }).getByRole('row').filter({ hasText: '13800138000' })).toBeVisible(); // revealed for this session
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this list as CSV' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`); // a formula-looking name is neutralised
});

test('shows the registration rate and completeness, and merges duplicate customers keeping their purchases', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  await page.goto('./#/customers/quality');
  await expect(page.getByRole('group', { name: 'Registration rate' })).toContainText(expected.registration);
  await expect(page.getByRole('table', { name: 'Key fields filled in' }).getByRole('row', { name: /^Phone/ })).toContainText(`${(expected.store.customers.length - expected.store.planted.customersWithoutPhone).toLocaleString('en-US')} / ${expected.customers}`);

  const groups = page.getByRole('table', { name: 'Suspected duplicate customers' }).getByRole('row');
  await expect(page.getByRole('heading', { name: `Suspected duplicate customers (${expected.duplicateGroups})` })).toBeVisible();
  await expect(groups).toHaveCount(expected.duplicateGroups + 1);
  await app.clickAndConfirm(groups.nth(1).getByRole('button', { name: 'Merge into one customer' }), 'Merge into one customer');
  await expect(page.getByRole('status').filter({ hasText: 'Merged into' })).toBeVisible();
  await expect(page.getByRole('heading', { name: `Suspected duplicate customers (${expected.duplicateGroups - 1})` })).toBeVisible();

  // The kept customer's page lists the lines of both records at once (the engine, which had read the
  // lines for the registration rate, reads them again after the merge).
  const [keep, ...others] = findDuplicates(expected.store.customers)[0]!.ids;
  const ids = [keep, ...others];
  const bought = Array.from(expected.store.purchases.customerId).filter((id) => ids.includes(id)).length;
  expect(others.some((id) => expected.store.purchases.customerId.includes(id))).toBe(true); // the merge moves lines
  await page.goto(`./#/customers/${keep}`);
  await expect(page.getByRole('table', { name: 'Purchases' }).locator('tbody tr')).toHaveCount(bought);

  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).toContainText((expected.store.customers.length - 1).toLocaleString('en-US'));
  await expect(app.stat('Purchase lines counted')).toContainText(expected.lines);
});
