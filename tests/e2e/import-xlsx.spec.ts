/**
 * Issue 10: an Excel workbook (.xlsx) chosen directly in the customer import and the activity log
 * import, read as its sheet's CSV would be: date cells, text and numeric phones, a bad phone and a
 * bad date reported in the downloaded problems (失败明细). Workbooks are written by the tests'
 * own minimal writer (tests/unit/helpers/xlsx-writer.ts).
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';
import { makeXlsx, type TestCell } from '../unit/helpers/xlsx-writer';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = (name: string, rows: TestCell[][], sheet = 'Sheet1') => ({ name, mimeType: XLSX_TYPE, buffer: Buffer.from(makeXlsx([{ name: sheet, rows }])) });

test('imports the customer template as an .xlsx and reports its bad phone and bad date', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await expect(page.getByLabel('Choose a CSV file or .xlsx workbook')).toHaveAttribute('accept', /\.xlsx/);

  // The template's notes line and headers, filled in Excel: 1985-03-05 and 1990-07-12 are date
  // cells (serials 31111 and 33066); 李娜's phone was typed as a number, the others as text.
  await page.getByLabel('Choose a CSV file or .xlsx workbook').setInputFiles(
    file(
      '客户资料.xlsx',
      [
        ['填写说明：手机号必填（与会员卡号至少填一项）'],
        ['手机号', '姓名', '会员卡号', '性别', '生日', '备注'],
        ['13800138000', '王芳', 'VIP001', '女', { date: 31111 }, '老客户'],
        [13900139000, '李娜', null, '女', { date: 33066 }, null],
        ['13700137000', '张伟', 'VIP003', '男', '1988/2/30', null],
        ['1380013', '陈静', null, '女', null, '手机号少了几位'],
      ],
      '客户资料',
    ),
  );
  await expect(page.getByText('Excel workbook (.xlsx), sheet “客户资料”, header on row 2')).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row', { name: /^5 生日 1988\/2\/30 no such date/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /^6 手机号 1380013 / })).toBeVisible();

  // The problems as CSV (失败明细): one line per problem, with the sheet's row numbers.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download problems as CSV' }).click();
  const csv = (await readFile(await (await downloading).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(csv).toEqual([
    'Line,Column,Value,Problem,Effect',
    '5,生日,1988/2/30,no such date,value not imported',
    '6,手机号,1380013,not a valid phone number,value not imported',
    // Without a valid phone or a card number 陈静 is filed by name (issue 15: the default).
    '6,姓名,陈静,"no phone, card no. or customer id: filed by name (rows with the same name are one customer)","imported, filed by name"',
  ]);

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Total')).toContainText('4');
  await expect(screen.resultRow('Succeeded')).toContainText('4');
  await expect(screen.resultRow('Failed rows')).toContainText('0');
  await expect(screen.resultRow('Customers added')).toContainText('4');
  await expect(screen.resultRow('Customers filed by name (no Phone)')).toContainText('1');
});

test('refuses an old .xls workbook with a message saying what to do', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  const ole = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  await page.getByLabel('Choose a CSV file or .xlsx workbook').setInputFiles({ name: '客户.xls', mimeType: 'application/vnd.ms-excel', buffer: ole });
  await expect(page.getByText('This is an old Excel 97–2003 workbook (.xls)', { exact: false })).toBeVisible();
});

test('reads a large workbook (a sheet part over 512 KB) inside the import worker', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  const rows: TestCell[][] = [['手机号', '姓名', '生日']];
  for (let i = 0; i < 8_000; i++) rows.push([`139${String(i).padStart(8, '0')}`, `客户${i}`, { date: 30000 + (i % 5000) }]);
  await page.getByLabel('Choose a CSV file or .xlsx workbook').setInputFiles(file('大表.xlsx', rows));
  await expect(page.getByText('Excel workbook (.xlsx), sheet “Sheet1”, header on row 1')).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Total')).toContainText('8,000');
  await expect(screen.resultRow('Customers added')).toContainText('8,000');
});

test('imports an activity log chosen as an .xlsx', async ({ page }) => {
  await page.goto('./#/time/import');
  // 2026-11-03 is serial 46329; 09:00 and 13:00 are time cells (0.375, 0.5416…); the last row's
  // date is text and no such day.
  await page.getByLabel('Choose a CSV file or .xlsx workbook').setInputFiles(
    file('活动记录.xlsx', [
      ['销售员', '日期', '开始', '结束', '分钟', '活动'],
      ['王芳', { date: 46329 }, { time: 0.375 }, { time: 0.5416666666666666 }, null, '销售活动/市场开拓'],
      ['李强', { date: 46329 }, null, null, 240, '报表填写'],
      ['李强', '2026-11-31', null, null, 30, '报表填写'],
    ]),
  );
  await expect(page.getByText('Excel workbook (.xlsx), sheet “Sheet1”, header on row 1')).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row')).toHaveCount(2);
  await expect(problems.getByRole('row').nth(1)).toContainText('4日期2026-11-31no such date');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 entries' })).toBeVisible();
});

test('reads opening balances chosen as an .xlsx (phones typed as text and as numbers)', async ({ page }) => {
  await page.goto('./#/customers/members');
  await page.getByLabel('Choose an opening balances file').setInputFiles(
    file('期初.xlsx', [
      ['手机号', '积分', '本金', '赠送金'],
      ['13000000001', 5, 0, 0],
      [13000000002, 5, 0, 0],
    ]),
  );
  await expect(page.getByRole('status').filter({ hasText: 'rows:' })).toContainText('2 rows: 0 members matched, 0 entries added; 2 not found');
  await expect(page.getByRole('table', { name: 'Phones not found' })).toContainText('130****0001');
  await expect(page.getByRole('table', { name: 'Phones not found' })).toContainText('130****0002');
});
