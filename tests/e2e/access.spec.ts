import { maskPhone } from '../../src/lib/import/values/phone';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('a manager PIN locks the shared laptop into clerk mode: masked phones, no bulk export, no deleting', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const someone = expectedDemo().store.customers.find((c) => c.phone)!;

  // No PIN yet: no lock in the header.
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toHaveCount(0);
  await page.getByLabel('New PIN (4–12 digits, 6 or more advised)').fill('258');
  await page.getByLabel('Type it again').fill('258');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The PIN must be 4 to 12 digits.' })).toBeVisible();
  await page.getByLabel('New PIN (4–12 digits, 6 or more advised)').fill('2580');
  await page.getByLabel('Type it again').fill('2580');
  await page.getByRole('button', { name: 'Save PIN' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'PIN saved.' })).toBeVisible();
  await expect(page.getByText('Manager mode', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByText('Clerk mode', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download backup' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Clear all data' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Load demo store' })).toBeDisabled();

  // A reload keeps the lock: the PIN is stored, the unlock is not.
  await page.reload();
  await expect(page.getByText('Clerk mode', { exact: true })).toBeVisible();
  await page.goto('./#/customers');
  await page.getByLabel('Search').fill(someone.phone!);
  const table = page.getByRole('table', { name: 'Customer file' });
  await expect(table.getByRole('row').filter({ hasText: maskPhone(someone.phone!) }).first()).toBeVisible();
  await expect(page.getByLabel('Show full phone numbers')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export this list as CSV' })).toBeDisabled();
  await table.getByRole('row').filter({ hasText: maskPhone(someone.phone!) }).first().getByRole('link').click();
  await expect(page.getByLabel('Phone')).toHaveValue(maskPhone(someone.phone!));
  await expect(page.getByLabel('Phone')).not.toBeEditable();
  await expect(page.getByRole('button', { name: 'Show full phone numbers' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Manager unlock' }).click();
  await page.getByLabel('Manager PIN', { exact: true }).fill('1111');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong PIN.' })).toBeVisible();
  await page.getByLabel('Manager PIN', { exact: true }).fill('2580');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByText('Manager mode', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Show full phone numbers' }).click();
  await expect(page.getByLabel('Phone')).toHaveValue(someone.phone!);
  await page.goto('./#/customers');
  await expect(page.getByRole('button', { name: 'Export this list as CSV' })).toBeEnabled();
});
