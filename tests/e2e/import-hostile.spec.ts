/**
 * Issue 16 through the import screen: files no encoding reads and zip bombs are refused with what
 * to do; a Big5 file is read as Big5; lines dated after today are kept or excluded as the user
 * chooses; hidden characters in names are removed and look-alike twins reported.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';

const bad = (name: string) => `tests/fixtures/import/bad/${name}`;
const failed = 'The import failed; your data is unchanged.';

test('refuses unreadable encodings and zip bombs with what to do, reads Big5 as Big5', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  const alert = page.getByRole('alert').filter({ hasText: failed });

  await screen.choose(bad('undecodable-high-bytes.csv'));
  await expect(alert).toContainText('The encoding of this file is not recognised (tried UTF-8, UTF-16, GB18030/GBK, Big5, Shift-JIS, Windows-1252');
  await expect(alert).toContainText('save it as CSV (UTF-8) or CSV (GBK)');

  await screen.choose(bad('xlsx-zip-bomb-declared.xlsx'));
  await expect(alert).toContainText('This workbook unpacks to 4097 MB, over the limit of 200 MB');

  await screen.choose(bad('xlsx-zip-ratio.xlsx'));
  await expect(alert).toContainText('This workbook unpacks to 773 times its packed size, over the limit of 100');

  await screen.importFile(bad('big5-customers.csv'));
  await expect(screen.resultRow('Customers added')).toContainText('3');
  await page.goto('./#/customers');
  await page.getByRole('searchbox').first().fill('陳美玲');
  await expect(page.getByRole('cell', { name: '陳美玲' })).toBeVisible();
});

for (const [choice, excluded] of [['Exclude', '1'], ['Keep', '0']] as const) {
  test(`a purchase dated after today is a warning, and ${choice.toLowerCase()} decides whether it counts`, async ({ page }) => {
    const screen = new ImportScreen(page);
    await screen.open();
    await screen.choose(bad('future-purchase-dates.csv'));
    const problems = page.getByRole('table', { name: 'Problems' });
    await expect(problems.getByRole('row').filter({ hasText: '2099-03-05' })).toContainText('Purchase date after today');
    await expect(problems.getByRole('row').filter({ hasText: '2099-03-05' })).toContainText('imported: check it');
    const row = page.getByRole('row', { name: /Lines dated after today/ });
    await expect(row).toContainText('1');
    await expect(row.getByLabel('Exclude')).toBeChecked(); // the default
    await row.getByLabel(choice).check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(screen.resultRow('Purchase lines added')).toContainText('2');
    await expect(screen.resultRow('Excluded')).toContainText(excluded);
  });
}

test('removes hidden characters from names, reports them and the look-alike twin', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(bad('lookalike-twins.csv'));
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row').filter({ hasText: '王<U+200B>芳' })).toContainText('Hidden characters (zero-width or text-direction controls) were removed');
  await expect(problems.getByRole('row').filter({ hasText: '王芳 (2)' })).toContainText('this name equals another customer in this file');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download problems as CSV' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  expect(csv).toContain('3,姓名,王<U+200B>芳,Hidden characters');
  expect(csv).toContain('imported: check it');

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers added')).toContainText('4');
});
