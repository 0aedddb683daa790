import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';

/**
 * A file large enough to be converted in two halves by two workers (over 4 M characters): what
 * is stored must be what one pass gives — every line once, every customer once, the bad rows
 * reported on their own lines. As UTF-8 its bytes are cut and each worker decodes its half; as
 * UTF-16 it is decoded whole and its text is cut.
 */
const rows = 60_000;
const lines = ['小票号,销售日期,货号,商品名称,数量,单价,实收金额,会员编号,会员姓名,手机号,城市,备注'];
for (let i = 0; i < rows; i++) {
  const customer = (i * 7) % 1_000;
  const date = i === 45_000 ? '2024/13/45' : `2024/${1 + (i % 12)}/${1 + (i % 28)} 1${i % 10}:00`;
  const note = i % 5_000 === 0 ? '"备注第一行\n第二行"' : '这是一条较长的备注，用来让文件超过四百万个字符';
  lines.push(`XP${String(Math.floor(i / 2)).padStart(7, '0')},${date},A${1000 + (i % 40)},商品${i % 40},1,${100 + (i % 9)}.00,${100 + (i % 9)}.00,M${customer},客户${customer},1310000${String(customer).padStart(4, '0')},广州,${note}`);
}
const text = lines.join('\n') + '\n';

async function fileOf(name: string, bytes: Buffer) {
  const path = join(await mkdtemp(join(tmpdir(), 'keqing-large-')), name);
  await writeFile(path, bytes);
  return path;
}

/** The bad date sits in the second half: reported on its own line (header is line 1, rows start on line 2, and the notes with a line break push later rows down). */
function badRowOf(page: Page) {
  const breaksBefore = Math.floor((45_000 - 1) / 5_000) + 1;
  return page.getByRole('table', { name: 'Problems' }).getByRole('row', { name: new RegExp(`^${45_000 + 2 + breaksBefore} 销售日期 2024/13/45 `) });
}

async function expectStoredOnce(screen: ImportScreen) {
  await expect(screen.resultRow('Purchase lines added')).toContainText((rows - 1).toLocaleString('en-US'), { timeout: 300_000 });
  await expect(screen.resultRow('Customers added')).toContainText('1,000');
  await expect(screen.resultRow('Failed rows')).toContainText('1');
}

test('imports a large POS export converted in two halves, every line and customer once', async ({ page }) => {
  test.setTimeout(600_000);
  expect(text.length).toBeGreaterThan(4_000_000);
  const path = await fileOf('large-pos.csv', Buffer.from(text, 'utf8'));

  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(path);
  const badRow = badRowOf(page);
  await expect(badRow).toBeVisible({ timeout: 300_000 });

  // Changing the mapping converts both halves again (the second is kept by its worker, not sent again).
  await page.getByLabel('Import as: 城市').selectOption({ label: '(not imported)' });
  await expect(page.getByLabel('Import as: 城市')).toHaveValue('');
  await expect(page.getByLabel('Import as: 城市')).toBeEnabled({ timeout: 300_000 }); // disabled while converting
  await expect(badRow).toBeVisible();

  // The user's own file back: every row of both halves, the reason beside the bad one.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download your file with a Problems column' }).click();
  const back = (await readFile(await (await downloading).path(), 'utf8')).slice(1).split('\r\n');
  expect(back[0]).toBe(`${lines[0]},Problems`);
  const records = back.filter((l) => /^XP\d{7},/.test(l));
  expect(records).toHaveLength(rows);
  expect(records[records.length - 1]).toBe(`${lines[rows]},`);
  expect(records[45_000]).toMatch(/^XP0022500,2024\/13\/45,[\s\S]*,"?销售日期: no such date"?$/); // (its note spans two lines)

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expectStoredOnce(screen);
});

test('imports the same export saved as UTF-16 (cut in its text, not its bytes) alike', async ({ page }) => {
  test.setTimeout(600_000);
  const path = await fileOf('large-pos-utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(path);
  await expect(badRowOf(page)).toBeVisible({ timeout: 300_000 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expectStoredOnce(screen);
});

test('two people of one name without a key, told apart by birthday across the halves, get their own purchases as in one pass', async ({ page }) => {
  test.setTimeout(600_000);
  // 张伟 born 1978 in the first half; in the second, 张伟 born 1990, then a 张伟 row with no birthday,
  // which one pass files with the name's first birthday (1978): the halves cannot be joined exactly,
  // so the import converts the whole file in one pass.
  const zhang = (order: string, born: string) => `${order},2024/3/1 10:00,A1000,商品0,1,100.00,100.00,,张伟,,广州,备注,${born}`;
  const withBirthdays = [`${lines[0]},生日`, ...lines.slice(1).map((l) => `${l},`)];
  withBirthdays.splice(101, 0, zhang('ZW001', '1978-11-30'));
  withBirthdays.splice(40_001, 0, zhang('ZW002', '1990-01-02'));
  withBirthdays.splice(50_001, 0, zhang('ZW003', ''));
  const path = await fileOf('large-pos-names.csv', Buffer.from(withBirthdays.join('\n') + '\n', 'utf8'));

  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(path);
  await expect(page.getByLabel('Import as: 生日')).toHaveValue('birthday', { timeout: 300_000 });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Customers added')).toContainText('1,002', { timeout: 300_000 });

  await page.goto('./#/customers');
  await page.getByLabel('Search').fill('张伟');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 2 of 1,002 customers', { timeout: 60_000 });
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export this list as CSV' }).click();
  const csv = (await readFile(await (await downloading).path(), 'utf8')).slice(1).trim().split('\r\n');
  const header = csv[0]!.split(',');
  const rowsOf = csv.slice(1).map((l) => l.split(','));
  const of = (born: string) => rowsOf.find((r) => r[header.indexOf('Birthday')] === born)!;
  expect(of('1978-11-30')[header.indexOf('Orders')]).toBe('2');
  expect(of('1990-01-02')[header.indexOf('Orders')]).toBe('1');
});
