/**
 * The KPI board's edit mode (issue 18): cards show their targets without fields; "Edit targets"
 * turns every card into fields; Save stores them all at once, Cancel drops them, and a bad number or
 * a ninth KPI on the Overview stores nothing at all.
 */
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { KpiBoardPage } from './pages/kpi';

test('KPI targets: Cancel drops the changes, a bad entry stores nothing, Save stores every card at once', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.open('operations/kpi');
  const board = new KpiBoardPage(page);
  // The defaults: registration 100 % / 85 %; spend per customer without target; delay notices not on the Overview.
  await expect(board.target('Registration rate')).toContainText('100%');
  await expect(board.alert('Registration rate')).toContainText('85%');
  await expect(board.target('Spend per customer')).toContainText('—');
  await expect(board.status('Spend per customer')).toHaveText(/No target/);
  await expect(page.getByRole('listitem').getByRole('textbox')).toHaveCount(0);
  await expect(board.kpi('Delay-notice rate')).not.toContainText('On the Overview');

  // Cancel: the changes in three cards are gone, from the screen and from storage.
  await board.edit();
  await expect(board.targetInput('Registration rate')).toBeFocused(); // the first card's first field
  await board.targetInput('Registration rate').fill('60');
  await board.alertInput('Spend per customer').fill('300');
  await board.frontBox('Delay-notice rate').check();
  await board.cancelButton.click();
  await expect(board.saveButton).toBeHidden();
  await expect(board.editButton).toBeFocused();
  await expect(page.getByRole('listitem').getByRole('textbox')).toHaveCount(0);
  await expect(board.target('Registration rate')).toContainText('100%');
  await expect(board.alert('Spend per customer')).toContainText('—');
  await expect(board.kpi('Delay-notice rate')).not.toContainText('On the Overview');
  // Editing again starts from what is stored, not from the dropped changes.
  await board.edit();
  await expect(board.targetInput('Registration rate')).toHaveValue('100');
  await expect(board.alertInput('Spend per customer')).toHaveValue('');
  await expect(board.frontBox('Delay-notice rate')).not.toBeChecked();

  // A bad number in one card: a message naming the card, the field and what was typed; nothing stored.
  await board.targetInput('Registration rate').fill('50');
  await board.alertInput('Spend per customer').fill('abc');
  await board.targetInput('Spend per customer').fill('-5');
  await board.saveButton.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toHaveText(
    'Nothing was saved; please correct: Target for Spend per customer is “-5”, not a valid number (0 or more; leave it empty for none). Alert line for Spend per customer is “abc”, not a valid number (0 or more; leave it empty for none).',
  );
  await expect(board.alertInput('Spend per customer')).toHaveAttribute('aria-invalid', 'true');
  await expect(board.targetInput('Spend per customer')).toHaveAttribute('aria-invalid', 'true');
  await expect(board.targetInput('Registration rate')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(board.saveButton).toBeVisible(); // still editing, with what was typed
  await expect(board.targetInput('Registration rate')).toHaveValue('50');

  // A ninth KPI on the Overview (six by default): refused, and the other changes of that save with it.
  await board.alertInput('Spend per customer').fill('300');
  await board.targetInput('Spend per customer').fill('500');
  for (const name of ['Delay-notice rate', 'Visit completion', 'Customer-file growth']) await board.frontBox(name).check();
  await board.saveButton.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toHaveText('Nothing was saved; please correct: Delay-notice rate: At most 8 indicators can be shown on the Overview.');
  await page.reload();
  await expect(board.target('Registration rate')).toContainText('100%');
  await expect(board.target('Spend per customer')).toContainText('—');
  await expect(board.kpi('Delay-notice rate')).not.toContainText('On the Overview');

  // Save: targets, an alert line and the Overview choice of three cards, stored together.
  await board.edit();
  await board.targetInput('Registration rate').fill('50');
  await board.alertInput('Registration rate').fill('40');
  await board.targetInput('Spend per customer').fill('500');
  await board.alertInput('Spend per customer').fill('300');
  await board.frontBox('Delay-notice rate').check();
  await board.save();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Registration rate, Spend per customer, and Delay-notice rate.' })).toBeVisible();
  await expect(board.editButton).toBeFocused();
  // The demo store registers more than half its buyers: above 50 % is on target.
  await expect(board.status('Registration rate')).toHaveText(/On target/);
  await expect(board.target('Spend per customer')).toContainText('¥500');
  await expect(board.alert('Spend per customer')).toContainText('¥300');
  await expect(board.status('Spend per customer')).not.toHaveText(/No target/);
  await page.reload();
  await expect(board.target('Registration rate')).toContainText('50%');
  await expect(board.alert('Registration rate')).toContainText('40%');
  await expect(board.target('Spend per customer')).toContainText('¥500');
  await expect(board.kpi('Delay-notice rate')).toContainText('On the Overview');
  await app.nav('Overview').click();
  await expect(page.getByRole('group', { name: 'Delay-notice rate', exact: true })).toBeVisible();
});

test('KPI board in Chinese: the edit mode speaks the trade', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.open('operations/kpi');
  await page.getByLabel('Language').selectOption('zh');
  await page.getByRole('button', { name: '编辑目标' }).click();
  await page.getByLabel('顾客登记率 的目标', { exact: true }).fill('九十');
  await page.getByRole('button', { name: '保存目标' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '未保存' })).toHaveText('以下内容有误，所有改动都未保存：顾客登记率的目标填的是“九十”，不是有效数字（请填 0 或以上的数，不设则留空）。');
  await page.getByLabel('顾客登记率 的目标', { exact: true }).fill('90');
  await page.getByRole('button', { name: '保存目标' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存：顾客登记率。' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 4, name: '顾客登记率', exact: true }) }).getByRole('group', { name: '目标', exact: true })).toContainText('90%');
});
