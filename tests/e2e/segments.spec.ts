import { readFile } from 'node:fs/promises';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('segments the demo store by RFM and exports a segment’s call list', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  await app.nav('Segments').click();
  const table = page.getByRole('table', { name: 'Segment summary' });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row('Champions')).toContainText(expected.segments.champions!.toLocaleString('en-US'));
  await expect(row('Lost')).toContainText(expected.segments.lost!.toLocaleString('en-US'));
  await expect(row('Potential Loyalist')).toContainText(expected.segments['potential-loyalist']!.toLocaleString('en-US'));
  // Median recency and frequency of Lost customers, as the pure function computes them.
  const lost = expected.segmentRows.lost!;
  await expect(row('Lost').getByRole('cell').nth(6)).toHaveText(String(lost.medianRecencyDays));
  await expect(row('Lost').getByRole('cell').nth(7)).toHaveText(String(lost.medianFrequency));

  await row('Champions').getByRole('button', { name: 'Call list' }).click();
  const count = expected.segments.champions!;
  await expect(page.getByRole('heading', { name: `Champions: ${count.toLocaleString('en-US')} customers` })).toBeVisible();
  // The suggested action: the default, then the shop's own, kept across a reload.
  await expect(page.getByText('Suggested action: Thank them in person')).toBeVisible();
  await page.getByRole('button', { name: 'Edit the suggestion' }).click();
  await page.getByLabel('Suggested action:').fill('每周五送新品目录');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Suggested action: 每周五送新品目录')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export list as CSV' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('Customer ID,Card no.,Phone,Name,Keqing no.,Last purchase,R,F,M,RFM score,Orders,Spend (yuan),Segment,Suggested action');
  expect(lines).toHaveLength(count + 1);
  expect(lines.slice(1).every((l) => l.endsWith(',Champions,每周五送新品目录') && l.includes(',5,5,5,555,'))).toBe(true);
  // Phones are masked in the list and its file.
  expect(lines.slice(1).every((l) => l.split(',')[2] === '' || /^1\d\d\*{4}\d{4}$/.test(l.split(',')[2]!))).toBe(true);

  // Printing draws the whole list (the screen table draws only the rows in view).
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('table.print-list');
  await expect(printed.locator('tbody tr')).toHaveCount(count);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(printed).toHaveCount(0);

  // Migration from a year earlier: who moved where.
  const m = expected.migration;
  await expect(page.getByText(`${m.stayed.toLocaleString('en-US')} of ${m.total.toLocaleString('en-US')} customers stayed in their segment.`)).toBeVisible();
  const matrixDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export matrix as CSV' }).click();
  const matrix = (await readFile(await (await matrixDownload).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(matrix[0]!.startsWith('From \\ To,Champions,')).toBe(true);
  const cells = matrix.slice(1).flatMap((line) => line.split(',').slice(1).map(Number));
  expect(cells.reduce((a, b) => a + b, 0)).toBe(m.total);

  // ABC by net spend with the course's 80 % / 95 % lines.
  const abc = page.getByRole('table', { name: 'ABC classes' });
  await expect(abc.getByRole('row', { name: /^A / })).toContainText(expected.abc.A!.toLocaleString('en-US'));
  await expect(abc.getByRole('row', { name: /^C / })).toContainText(expected.abc.C!.toLocaleString('en-US'));
  await page.getByLabel('B: cumulative share of sales (%)').fill('70');
  await expect(page.getByRole('alert').filter({ hasText: 'The A line must be below the B line' })).toBeVisible();

  await page.reload();
  await row('Champions').getByRole('button', { name: 'Call list' }).click();
  await expect(page.getByText('Suggested action: 每周五送新品目录')).toBeVisible();

  // Another preset re-scores at once, without reloading purchases.
  await page.getByLabel('Segment rules').selectOption({ label: 'Three levels, six groups' });
  await expect(table.getByRole('rowheader', { name: 'Inactive' })).toBeVisible();
});
