/** Issue 9: new files per group per month, counted by the owner's sales group when no prospect names one. */
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('a file counts for its owner’s sales group on the KPI board', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('time/setup');
  for (const [name, group] of [['Li Lei', 'A组'], ['Wang Fang', 'B组']] as const) {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Add rep' }).click();
    await page.getByLabel(`Sales group: ${name}`).fill(group);
    await page.getByLabel(`Sales group: ${name}`).blur();
  }

  // Three new files today: two owned by Li Lei (A组), one with no owner.
  for (const [name, phone, owner] of [['甲', '13800000001', 'Li Lei'], ['乙', '13800000002', 'Li Lei'], ['丙', '13800000003', null]] as const) {
    await app.open('customers/new');
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Phone').fill(phone);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page).toHaveURL(/#\/customers\/\d+$/);
    if (owner) {
      await page.getByLabel('Sales rep (owner)').selectOption({ label: owner });
      await expect(page.getByLabel('Sales rep (owner)')).toHaveValue(/.+/);
    }
  }

  await app.open('operations/kpi');
  await page.getByLabel('Sales groups (comma-separated)').fill('A组, B组');
  await page.getByRole('button', { name: 'Save groups' }).click();
  const table = page.getByRole('table', { name: /^New files per group/ });
  const quota = [7, 8, 9].includes(new Date().getMonth() + 1) ? '20' : '30';
  await expect(table.getByRole('row', { name: /A组/ })).toHaveText(new RegExp(`A组\\s*2\\s*${quota}`));
  await expect(table.getByRole('row', { name: /B组/ })).toHaveText(new RegExp(`B组\\s*0\\s*${quota}`));
  await expect(table.getByRole('row', { name: /No group/ })).toHaveText(/No group\s*1\s*—/);
});
