import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('switches between Chinese and English and remembers the choice', async ({ page }) => {
  const app = new Keqing(page);
  await app.open();
  await expect(app.nav('Overview')).toBeVisible();
  await expect(app.heading('Overview')).toBeVisible();

  await page.getByLabel('Language').selectOption('zh');
  await expect(app.nav('概览')).toBeVisible();
  await expect(app.nav('设置')).toBeVisible();
  await expect(app.heading('概览')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  await page.reload();
  await expect(app.nav('客户')).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
  await expect(app.nav('Customers')).toBeVisible();
});

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('opens in Chinese by default', async ({ page }) => {
    const app = new Keqing(page);
    await app.open();
    await expect(app.heading('概览')).toBeVisible();
    await expect(page.getByRole('button', { name: '载入示范店铺' })).toBeVisible();
  });
});

test('every section has a route and the navigation marks the current one', async ({ page }) => {
  const app = new Keqing(page);
  await app.open();
  for (const name of ['Customers', 'Segments', 'Customer value', 'Scorecard', 'Time', 'Operations', 'Settings', 'Overview']) {
    await app.nav(name).click();
    await expect(app.heading(name)).toBeVisible();
    await expect(app.nav(name)).toHaveAttribute('aria-current', 'page');
  }
  await page.goto('./#/time');
  await expect(app.heading('Time')).toBeVisible();
});

test('can be used from the keyboard alone', async ({ page }) => {
  const app = new Keqing(page);
  await app.open();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(app.nav('Overview')).toBeFocused();
  for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
  await expect(app.nav('Settings')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.heading('Settings')).toBeVisible();
});

test('saves the store profile', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('settings');
  await page.getByLabel('Store name').fill('  阿芳时装  ');
  await page.getByLabel('Store type').selectOption({ label: 'Flooring' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Store profile saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Store name')).toHaveValue('阿芳时装');
  await expect(page.getByLabel('Store type')).toHaveValue('flooring');
  await app.nav('Overview').click();
  await expect(app.heading('Overview · 阿芳时装')).toBeVisible();
});
