import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { readContainer } from './pages/backup-file';
import { Keqing } from './pages/keqing';

test('a downloaded backup restores the same store after clearing', async ({ page }, testInfo) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  await expect(page.getByText('Last backup: never')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keqing-backup-\d{4}-\d{2}-\d{2}\.kqbackup$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  // The container: JSON lines (compressed) and the purchase columns as binary parts, not base64 text;
  // the customer file a page of customers to a line, as columns (format 3).
  const { text, arrays } = readContainer(await readFile(file));
  const header = JSON.parse(text.slice(0, text.indexOf('\n')).replace(/,"tables":\{$/, '}'));
  expect(header).toMatchObject({ app: 'keqing', format: 3 });
  expect(text).toMatch(/"customers":\[\n\{"\$columns":\d+,"keys":\[/);
  expect(text).toContain('"name":"客情示范店"');
  expect(text).not.toContain('"b64"');
  expect(text).toContain('"columns":{"length":');
  expect(arrays).toBeGreaterThanOrEqual(9);
  await expect(page.getByText('Last backup: today')).toBeVisible();

  await app.clickAndConfirm(page.getByRole('button', { name: 'Clear all data' }), 'Clear all data');
  await app.nav('Overview').click();
  await expect(page.getByText('No data yet.')).toBeVisible();

  await app.nav('Settings').click();
  await page.getByLabel('Choose a backup file').setInputFiles(file);
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`${expected.customers} customers, ${expected.lines} purchase lines`);
  await dialog.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored from backup' })).toBeVisible();

  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).toContainText(expected.customers);
  await expect(app.stat('Purchase lines counted')).toContainText(expected.lines);
  await expect(app.stat('Orders')).toContainText(expected.orders);
});

test('a damaged or foreign file is refused with a message and the data stays', async ({ page }, testInfo) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup' }).click();
  const good = await readFile(await (await downloading).path());
  const cut = testInfo.outputPath('cut.kqbackup');
  const flipped = testInfo.outputPath('flipped.kqbackup');
  const changed = Buffer.from(good);
  // A byte inside the first part after the head (a binary column): its checksum no longer matches.
  changed[12 + 20 + 1] = changed[12 + 20 + 1]! ^ 0x01;
  await writeFile(flipped, changed);
  await writeFile(cut, good.subarray(0, Math.floor(good.length / 2)));
  const csv = testInfo.outputPath('customers.csv');
  await writeFile(csv, '姓名,电话\n王芳,13800138000\n');
  const newer = testInfo.outputPath('newer.json');
  await writeFile(newer, '{"app":"keqing","format":99,"exportedAt":"2030-01-01T00:00:00Z","schemaVersion":9,"tables":{\n},"counts":{}}\n');

  const alert = page.getByRole('alert').filter({ hasText: 'Could not restore' });
  for (const [path, message] of [
    [cut, 'The backup file is incomplete'],
    [flipped, 'The backup file is damaged (part 1: its length, numbers or checksum do not match).'],
    [csv, 'This is not a Keqing backup file.'],
    [newer, 'made by a newer Keqing (format 99'],
  ] as const) {
    await page.getByLabel('Choose a backup file').setInputFiles(path);
    await expect(alert).toContainText(message);
    await expect(page.getByRole('dialog')).toBeHidden();
  }

  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).toContainText(expected.customers);
  await expect(app.stat('Purchase lines counted')).toContainText(expected.lines);
});

test('a backup made before the container (format 1, gzip) still restores, sealed or not', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('settings');
  // Made by the app at fd1db08 from a 40-customer demo store (tests/data/backup-formats.test.ts has its figures).
  const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/backup/${name}`, import.meta.url));
  await page.getByLabel('Choose a backup file').setInputFiles(fixture('format1.json.gz'));
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('41 customers, 534 purchase lines');
  await dialog.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored from backup: 41 customers, 534 purchase lines.' })).toBeVisible();
  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).toContainText('41');
  await expect(app.stat('Purchase lines counted')).toContainText('534');
  await expect(app.stat('Orders')).toContainText('294');

  await app.nav('Settings').click();
  await page.getByLabel('Choose a backup file').setInputFiles(fixture('format1.json.gz.enc'));
  await page.locator('label', { hasText: 'This backup is encrypted. Enter its passphrase:' }).getByRole('textbox').fill('格式一备份密码');
  await page.getByRole('button', { name: 'Decrypt and check' }).click();
  await expect(dialog).toContainText('41 customers, 534 purchase lines');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
