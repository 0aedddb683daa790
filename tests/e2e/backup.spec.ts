import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('a downloaded backup restores the same store after clearing', async ({ page }, testInfo) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  await expect(page.getByText('Last backup: never')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keqing-backup-\d{4}-\d{2}-\d{2}\.json\.gz$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const text = gunzipSync(await readFile(file)).toString('utf8');
  const header = JSON.parse(text.slice(0, text.indexOf('\n')).replace(/,"tables":\{$/, '}'));
  expect(header).toMatchObject({ app: 'keqing', format: 1 });
  expect(text).toContain('"name":"客情示范店"');
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
  const cut = testInfo.outputPath('cut.json.gz');
  await writeFile(cut, good.subarray(0, Math.floor(good.length / 2)));
  const csv = testInfo.outputPath('customers.csv');
  await writeFile(csv, '姓名,电话\n王芳,13800138000\n');
  const newer = testInfo.outputPath('newer.json');
  await writeFile(newer, '{"app":"keqing","format":99,"exportedAt":"2030-01-01T00:00:00Z","schemaVersion":9,"tables":{\n},"counts":{}}\n');

  const alert = page.getByRole('alert').filter({ hasText: 'Could not restore' });
  for (const [path, message] of [
    [cut, 'The backup file is incomplete'],
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
