import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';

test('downloads the Chinese import template, takes it back filled in GBK, and skips customers already on file', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Customer template' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('customer-import-template.csv');
  const lines = (await readFile(await download.path(), 'utf8')).split('\r\n');
  expect(lines[0]!.startsWith('\uFEFF填写说明：必填')).toBe(true);
  expect(lines[1]).toBe('手机号,姓名,会员卡号,性别,生日,生日类型,会员等级,地址,地区,客户分类,备注');

  // The same template, filled in and saved by Excel as GBK: the notes line is read as a title.
  await screen.choose('tests/fixtures/import/template-customers-filled-gbk.csv');
  await expect(page.getByText('Encoding GB18030, delimiter comma, header on line 2')).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row', { name: /^4 手机号 1\.39001E\+10 phone number damaged by Excel/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /^5 生日 1988\/2\/30 no such date/ })).toBeVisible();
  // The user's own file back, each row with what is wrong with it, to fix in Excel.
  const back = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download your file with a Problems column' }).click();
  const fileBack = (await readFile(await (await back).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(fileBack[0]).toBe('手机号,姓名,会员卡号,性别,生日,会员等级,地址,地区,客户分类,备注,Problems');
  expect(fileBack).toHaveLength(5);
  expect(fileBack[1]!.endsWith(',老客户,')).toBe(true); // no problem: the column stays empty
  expect(fileBack[2]).toContain('手机号: phone number damaged by Excel');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Total')).toContainText('4');
  // 李娜's phone is damaged and she has no card: filed by name (issue 15: the default).
  await expect(screen.resultRow('Succeeded')).toContainText('4');
  await expect(screen.resultRow('Customers added')).toContainText('4');
  await expect(screen.resultRow('Failed rows')).toContainText('0');

  // Again, choosing 跳过 up front: the four filed customers are left as they are (李娜 found by name).
  await screen.choose('tests/fixtures/import/template-customers-filled-gbk.csv');
  await page.getByLabel('Skip: leave them as they are').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers skipped (already on file)')).toContainText('4');
  await expect(screen.resultRow('Customers added')).toContainText('0');
});
