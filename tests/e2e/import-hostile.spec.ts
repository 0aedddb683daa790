/**
 * Issue 16 through the import screen: files no encoding reads and zip bombs are refused with what
 * to do; a Big5 file is read as Big5; lines dated after today are kept or excluded as the user
 * chooses, and so are birthdays after today; hidden characters in names are removed and look-alike
 * twins reported.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { downloadCsvLines } from './pages/download';
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

for (const [choice, stored, effect] of [
  ['Exclude the birthday (the customer is still imported)', '', 'value not imported'],
  ['Keep it as written', '2099-07-12', 'imported: check it'],
] as const) {
  test(`a birthday after today is a warning; "${choice}" decides whether it is stored`, async ({ page }) => {
    const screen = new ImportScreen(page);
    await screen.open();
    await screen.choose(bad('future-birthday.csv'));
    const choices = page.getByRole('group', { name: 'Birthdays after today' });
    await expect(choices).toContainText('1 customers in the file have a birthday after today');
    await expect(choices.getByLabel('Exclude the birthday (the customer is still imported)')).toBeChecked(); // the default
    await choices.getByLabel(choice).check();
    await expect(choices.getByLabel(choice)).toBeChecked();
    const problems = page.getByRole('table', { name: 'Problems' });
    await expect(problems.getByRole('row').filter({ hasText: '2099-07-12' })).toContainText('Birthday after today');
    await expect(problems.getByRole('row').filter({ hasText: '2099-07-12' })).toContainText(effect);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(screen.resultRow('Customers added')).toContainText('3'); // the customer is imported either way

    await page.goto('./#/customers');
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 3 of 3 customers');
    const [header, ...rows] = await downloadCsvLines(page, 'Export this list as CSV');
    const [name, birthday] = ['Name', 'Birthday'].map((h) => header!.split(',').indexOf(h));
    expect([name, birthday]).not.toContain(-1);
    const born = Object.fromEntries(rows.map((r) => r.split(',')).map((cells) => [cells[name!], cells[birthday!]]));
    expect(born).toEqual({ 王芳: '1985-03-05', 李娜: stored, 张伟: '' });
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
