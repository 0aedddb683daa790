import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('loads the demo store from the empty overview and shows its counts', async ({ page }) => {
  const app = new Keqing(page);
  await app.open();
  await expect(page.getByText('No data yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Load demo store' }).click();
  const expected = expectedDemo();
  await expect(app.stat('Customer files')).toContainText(expected.customers, { timeout: 120_000 });
  await expect(app.stat('Purchase lines counted')).toContainText(expected.lines);
  await expect(app.stat('Orders')).toContainText(expected.orders);
  await expect(app.stat('Customers without a phone')).toContainText(expected.withoutPhone);
  await expect(app.stat('Counted lines without a customer file')).toContainText(expected.withoutCustomer);
  await expect(app.heading('Overview · 客情示范店')).toBeVisible();
});

test('asks before the demo store replaces data, and keeps the data on cancel', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.open('settings');
  await page.getByLabel('Store name').fill('我的店');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('button', { name: 'Load demo store' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Replace your data with the demo store?');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await app.nav('Overview').click();
  await expect(app.heading('Overview · 我的店')).toBeVisible();
});

test('clears all data after confirmation', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.clickAndConfirm(page.getByRole('button', { name: 'Clear all data' }), 'Clear all data');
  await expect(page.getByRole('status').filter({ hasText: 'All data cleared.' })).toBeVisible();
  await app.nav('Overview').click();
  await expect(page.getByText('No data yet.')).toBeVisible();
});
