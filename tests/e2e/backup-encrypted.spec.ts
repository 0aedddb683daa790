import { readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';
import { Keqing } from './pages/keqing';
import { Lock } from './pages/lock';

test('an encrypted backup: sealed on download, refused with a wrong passphrase or a changed byte, restored with the right one', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  const lock = new Lock(page);
  await lock.setPin('111111');

  // With a manager PIN, encryption is the default and needs a passphrase.
  const protect = page.getByLabel('Encrypt the backup with a passphrase');
  await expect(protect).toBeChecked();
  await page.getByRole('button', { name: 'Download backup' }).click();
  await expect(page.getByRole('alert')).toContainText('The backup passphrase must have 8 characters or more.');
  await page.getByLabel('Backup passphrase (8 characters or more)').fill('春季盘点 2026');
  await page.getByLabel('Type the backup passphrase again').fill('春季盘点 2026');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keqing-backup-\d{4}-\d{2}-\d{2}\.kqbackup\.enc$/);
  const sealed = await readFile(await download.path());
  expect(sealed.subarray(0, 8).toString('latin1')).toBe('KQBKENC\0');
  expect(() => gunzipSync(sealed)).toThrow();
  expect(sealed.includes(Buffer.from('客情示范店'))).toBe(false);
  expect(sealed.includes(Buffer.from('"app":"keqing"'))).toBe(false);
  const file = testInfo.outputPath('backup.kqbackup.enc');
  await writeFile(file, sealed);
  const changed = Buffer.from(sealed);
  const at = Math.floor(changed.length / 2);
  changed[at] = changed[at]! ^ 0x01;
  const tampered = testInfo.outputPath('tampered.kqbackup.enc');
  await writeFile(tampered, changed);

  // After the backup: one more customer, and another PIN.
  const csv = testInfo.outputPath('new-customer.csv');
  await writeFile(csv, '姓名,电话\n新来的客人,13700000001\n');
  const importer = new ImportScreen(page);
  await importer.open();
  await importer.importFile(csv);
  await lock.setPin('222222');
  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).not.toContainText(expected.customers);

  await app.nav('Settings').click();
  const chooser = page.getByLabel('Choose a backup file');
  // The restore's own prompt, not the download's passphrase box of the same name.
  const passphrase = page.locator('label', { hasText: 'This backup is encrypted. Enter its passphrase:' }).getByRole('textbox');
  const refused = page.getByRole('alert').filter({ hasText: 'Could not restore; your data is unchanged.' });
  await chooser.setInputFiles(file);
  await expect(page.getByText('This backup is encrypted. Enter its passphrase:')).toBeVisible();
  await passphrase.fill('春季盘点 2025');
  await page.getByRole('button', { name: 'Decrypt and check' }).click();
  await expect(refused).toContainText('Wrong passphrase, or the file has been changed.');
  await expect(page.getByRole('dialog')).toBeHidden();

  await chooser.setInputFiles(tampered);
  await expect(refused).toBeHidden();
  await expect(page.getByText('This backup is encrypted. Enter its passphrase:')).toBeVisible();
  await passphrase.fill('春季盘点 2026');
  await page.getByRole('button', { name: 'Decrypt and check' }).click();
  await expect(refused).toContainText('The encrypted backup has been changed or damaged');
  await expect(page.getByRole('dialog')).toBeHidden();

  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).not.toContainText(expected.customers);

  // The right file and passphrase: the PIN is asked about, never taken silently.
  await app.nav('Settings').click();
  await chooser.setInputFiles(file);
  await passphrase.fill('春季盘点 2026');
  await page.getByRole('button', { name: 'Decrypt and check' }).click();
  const pinChoice = page.getByRole('group', { name: 'Manager PIN after the restore' });
  await expect(pinChoice).toContainText('The backup carries a manager PIN.');
  await expect(pinChoice.getByLabel("Keep this browser's current PIN")).toBeChecked();
  await expect(pinChoice.getByLabel("Take the backup's PIN")).not.toBeChecked();
  await expect(pinChoice.getByLabel('No PIN (no lock)')).not.toBeChecked();
  await pinChoice.getByRole('button', { name: 'Continue' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`${expected.customers} customers, ${expected.lines} purchase lines`);
  await expect(dialog).not.toContainText('Invalid Date');
  await dialog.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored from backup' })).toBeVisible();

  await app.nav('Overview').click();
  await expect(app.stat('Customer files')).toContainText(expected.customers);
  await expect(app.stat('Purchase lines counted')).toContainText(expected.lines);

  // The PIN kept is this browser's (222222), not the backup's (111111).
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await lock.tryPin('111111');
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong PIN.' })).toBeVisible();
  await lock.tryPin('222222');
  await expect(lock.managerBadge).toBeVisible();
});

test('a restore asks before taking a backup PIN, warns of odd dates and refuses bad counts or a newer schema', async ({ page }, testInfo) => {
  const app = new Keqing(page);
  await app.open('settings');
  const customer = { id: 1, name: '王芳', phone: '13800138000', createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' };
  // A PIN record as the app stores one (PBKDF2, 16-byte salt, 32-byte hash): nobody here knows its PIN.
  const pin = { kdf: 'pbkdf2-sha256', iterations: 200_000, salt: Buffer.alloc(16, 7).toString('base64'), hash: Buffer.alloc(32, 9).toString('base64') };
  const build = async (name: string, header: Record<string, unknown>, counts = '{"settings":1,"customers":1}') => {
    const lines = [
      `${JSON.stringify({ app: 'keqing', format: 1, schemaVersion: 1, ...header }).slice(0, -1)},"tables":{`,
      '"settings":[',
      JSON.stringify({ key: 'accessPin', value: pin }),
      ']',
      ',"customers":[',
      JSON.stringify(customer),
      ']',
      `},"counts":${counts}}`,
    ];
    const path = testInfo.outputPath(name);
    await writeFile(path, lines.join('\n') + '\n');
    return path;
  };
  const chooser = page.getByLabel('Choose a backup file');
  const refused = page.getByRole('alert').filter({ hasText: 'Could not restore; your data is unchanged.' });

  await chooser.setInputFiles(await build('many.json', { exportedAt: '2026-11-01T08:00:00Z' }, '{"settings":1,"customers":"many"}'));
  await expect(refused).toContainText('The row counts at the end of the backup are invalid (table "customers").');
  await chooser.setInputFiles(await build('future-schema.json', { exportedAt: '2026-11-01T08:00:00Z', schemaVersion: 999 }));
  await expect(refused).toContainText('This backup comes from a newer data version (999;');
  await expect(page.getByRole('group', { name: 'Manager PIN after the restore' })).toBeHidden();

  // A date in 2099: warned in the confirmation; the backup's PIN is not taken unless chosen.
  await chooser.setInputFiles(await build('2099.json', { exportedAt: '2099-01-01T00:00:00Z' }));
  const pinChoice = page.getByRole('group', { name: 'Manager PIN after the restore' });
  await expect(pinChoice).toContainText('The backup carries a manager PIN.');
  await expect(pinChoice.getByLabel('Stay without a PIN')).toBeChecked();
  await pinChoice.getByRole('button', { name: 'Continue' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('1 customers, 0 purchase lines');
  await expect(dialog).toContainText('is later than today; check where the file came from.');
  await expect(dialog).toContainText('2099');
  await dialog.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored from backup: 1 customers' })).toBeVisible();
  // No PIN was taken: no lock in the header, and the shop is not locked out.
  await expect(page.getByText('No PIN is set: everyone is a manager.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toHaveCount(0);

  // A date that is no date: "an unknown date" and a note, never "Invalid Date" or "NaN".
  await chooser.setInputFiles(await build('nodate.json', { exportedAt: 'last Tuesday' }));
  await pinChoice.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toContainText('Backup of an unknown date: 1 customers');
  await expect(dialog).toContainText('Note: the file has no valid backup date.');
  await expect(dialog).not.toContainText(/Invalid Date|NaN/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
