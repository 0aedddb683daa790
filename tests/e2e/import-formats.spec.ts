/**
 * Issues 15 §1 and 16: file shapes the customer import reads or refuses, each file built here.
 * A blank-separated log with no header (CDNOW's layout) maps itself from its contents; a repeated
 * header shows as 手机 (1) and 手机 (2); a web page saved as .xls is refused with what to do; the
 * day/month question appears only for dates that really read two ways.
 */
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';

const text = (name: string, body: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(body, 'utf8') });
const dateQuestion = 'The file’s dates could be day/month or month/day. Choose which.';

test('imports a blank-separated log with no header row, its columns 1–5 guessed from their contents', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  // Five CDNOW-like lines: customer id, id within the sample, YYYYMMDD, CDs, dollars (one $0.00).
  const log = [' 00004 0001 19970101  2   29.33', ' 00004 0001 19970118  2   29.73', ' 00021 0002 19970101  3   63.34', ' 00021 0002 19970302  1   11.77', ' 00050 0003 19970102  1    0.00'];
  await screen.choose(text('cdnow.txt', log.join('\r\n') + '\r\n'));
  await expect(page.getByText('delimiter spaces or tabs (runs of blanks), no header row: the columns are named 1, 2, 3…')).toBeVisible();
  await expect(page.getByLabel('Header row')).toHaveValue('-1');
  await expect(page.getByLabel('Import as: 1', { exact: true })).toHaveValue('customerId');
  await expect(page.getByLabel('Import as: 2', { exact: true })).toHaveValue('');
  await expect(page.getByLabel('Import as: 3', { exact: true })).toHaveValue('date');
  await expect(page.getByLabel('Import as: 4', { exact: true })).toHaveValue('quantity');
  await expect(page.getByLabel('Import as: 5', { exact: true })).toHaveValue('amount');
  await expect(page.getByLabel('Kind of file')).toHaveValue('purchases');
  await expect(page.getByLabel('Recognise the same customer by')).toHaveValue('customerId');
  // YYYYMMDD dates: nothing to ask.
  await expect(page.getByText(dateQuestion)).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Total')).toContainText('5');
  await expect(screen.resultRow('Succeeded')).toContainText('5');
  await expect(screen.resultRow('Purchase lines added')).toContainText('5');
  // The $0.00 line is kept apart (zero price) by default.
  await expect(screen.resultRow('Excluded')).toContainText('1');
  await expect(screen.resultRow('Failed rows')).toContainText('0');
});

test('shows a repeated header as 手机 (1) and 手机 (2), and imports the one the user maps', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(text('客户.csv', '姓名,手机,手机\r\n王芳,13800138000,13900139000\r\n李娜,,13700137000\r\n'));
  await expect(page.getByLabel('Import as: 手机 (1)')).toHaveValue('phone');
  await expect(page.getByLabel('Import as: 手机 (2)')).toHaveValue('');
  // 李娜 has only the second phone: reported, not dropped without a word.
  await expect(page.getByRole('table', { name: 'Problems' }).getByRole('row', { name: /^3 / })).toBeVisible();

  await page.getByLabel('Import as: 手机 (2)').selectOption('phone');
  await expect(page.getByLabel('Import as: 手机 (1)')).toHaveValue('');
  await expect(page.getByRole('table', { name: 'Problems' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers added')).toContainText('2');
  await expect(screen.resultRow('Failed rows')).toContainText('0');
});

test('refuses a web page saved as .xls with what to do', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  const html = '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>姓名</td><td>手机</td></tr><tr><td>王芳</td><td>13800138000</td></tr></table></body></html>';
  await screen.choose({ name: '会员导出.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from(html, 'utf8') });
  await expect(page.getByText('This is a web page (an HTML table) with an .xls or .csv name, which cannot be read directly. Open it in Excel or WPS, use “Save as” .xlsx or CSV, then import that file.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
});

test('asks day/month only when a mapped date really reads two ways, and not once answered', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(text('purchases.csv', '单号,日期,金额,手机\r\nS1,5/3/2024,10.00,13800138000\r\nS2,4/6/2024,20.00,13900139000\r\n'));
  await expect(page.getByText(dateQuestion)).toBeVisible();
  await page.getByLabel('Date format').selectOption('DMY');
  await expect(page.getByText(dateQuestion)).toHaveCount(0);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Purchase lines added')).toContainText('2');

  // A customer list with no dates at all asks nothing.
  await screen.choose(text('customers.csv', '姓名,手机\r\n陈静,13600136000\r\n'));
  await expect(page.getByLabel('Import as: 手机')).toHaveValue('phone');
  await expect(page.getByText(dateQuestion)).toHaveCount(0);
});
