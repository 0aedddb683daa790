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

  // The page and the built files come from the cache by the worker's static routes, without
  // waiting for the worker to start; stored without the server's "Vary: Origin", so a module
  // request (which sends an Origin) finds them.
  await page.reload();
  await expect(app.heading('Overview')).toBeVisible();
  const sources = await page.evaluate(() =>
    [performance.getEntriesByType('navigation')[0]!, ...performance.getEntriesByType('resource').filter((e) => /\/assets\/.+\.js$/.test(e.name))].map(
      (e) => (e as PerformanceResourceTiming & { workerFinalSourceType?: string }).workerFinalSourceType,
    ),
  );
  expect(sources.length).toBeGreaterThan(3);
  expect(new Set(sources)).toEqual(new Set(['cache']));
  const vary = await page.evaluate(async () => {
    const entry = performance.getEntriesByType('resource').find((e) => /\/assets\/index-[\w-]+\.js$/.test(e.name))!;
    const hit = await caches.match(entry.name);
    return hit ? hit.headers.get('Vary') : 'not cached';
  });
  expect(vary).toBeNull();

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
