/**
 * The phone (390 × 844, issue 18): the customer list reads as cards, one customer each, with the
 * same links and names as the table; the Overview's first screen shows the Today list, in class
 * mode too.
 */
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { boxOf } from './pages/layout';

test('on a phone the customer list is cards that open the customer, and the Overview opens on Today', async ({ page }) => {
  test.setTimeout(240_000);
  const app = new Keqing(page);
  await app.loadDemo();
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open('customers');

  const list = page.getByRole('table', { name: 'Customer file' });
  const firstCard = list.getByRole('row').nth(1);
  await expect(firstCard.getByRole('link')).toBeVisible();
  // Measured once the whole file is in (the list shows its first page first, then all of it).
  await expect(page.getByRole('status').filter({ hasText: /^Showing / })).toBeVisible();
  // And in its order: by last purchase, once the engine's figures are in (until then the rows move).
  await expect(firstCard.getByRole('cell').nth(4)).toContainText(/\d{4}-\d{2}-\d{2}/);
  // A card: the name across the top, each value under its column's name, all within the screen.
  const box = await boxOf(firstCard);
  expect(box.width).toBeLessThanOrEqual(390);
  expect(box.height).toBeGreaterThan(80); // several lines, not one table row of 36 px
  await expect(firstCard.getByRole('cell').nth(1)).toContainText('Phone');
  await expect(firstCard.getByRole('cell').nth(1).locator('.phone')).toHaveText(/^(\d{3}\*{4}\d{4})?$/);
  const nameBox = await boxOf(firstCard.getByRole('cell').first());
  const amountBox = await boxOf(firstCard.getByRole('cell').last());
  expect(amountBox.y).toBeGreaterThan(nameBox.y); // below the name, not beside it
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // The header is still there for sorting, and its names are the cells' columns.
  await expect(list.getByRole('columnheader', { name: /Name/ })).toBeVisible();

  const name = (await firstCard.getByRole('link').textContent())!;
  await firstCard.getByRole('link').click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();

  // Wider than a phone: the same list is a table again (one line a customer).
  await page.setViewportSize({ width: 1366, height: 900 });
  await app.open('customers');
  await expect(list.getByRole('row').nth(1).getByRole('link')).toBeVisible();
  expect((await boxOf(list.getByRole('row').nth(1))).height).toBeLessThan(50);

  // The Overview's first screen on a phone, in class mode too, shows the Today list.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('banner').getByRole('checkbox', { name: 'Class mode' }).check();
  await app.open();
  await expect(page.getByTestId('today').getByRole('heading', { name: 'Today' })).toBeInViewport();
});
