import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('opens with the network off after the first visit', async ({ page, context }) => {
  const app = new Keqing(page);
  await app.open();
  // The service worker has cached the build once it is active and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });

  await context.setOffline(true);
  await page.reload();
  await expect(app.heading('Overview')).toBeVisible();
  await app.nav('Settings').click();
  await expect(app.heading('Settings')).toBeVisible();
  // Data still works offline: IndexedDB is local.
  await page.getByRole('button', { name: 'Load demo store' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Demo store loaded' })).toBeVisible({ timeout: 120_000 });
  await context.setOffline(false);
});

test('sets a Content-Security-Policy that allows only this origin', async ({ page }) => {
  await page.goto('./');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toMatch(/https?:|\*/);
});

test('a section opened by its address starts loading with the page, and the page policy lets that script run', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await page.goto('./#/customers');
  await expect(page.getByRole('heading', { name: 'Customers', level: 2 })).toBeVisible();
  // The links the inline script adds (Vite's own come later, when the app asks for the section).
  const preloaded = await page.evaluate(() => [...document.querySelectorAll('head > link[rel=modulepreload]')].map((l) => l.getAttribute('href') ?? ''));
  expect(preloaded.some((href) => /^\.\/assets\/Customers-[\w-]+\.js$/.test(href))).toBe(true);
  expect(refused).toEqual([]);
});
