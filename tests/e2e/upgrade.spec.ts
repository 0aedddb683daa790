import { schemaHistory } from '../../src/data/db';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

/**
 * A shop that used the app at schema v11 (customers one record each) opens today's app: Chromium's
 * own IndexedDB runs the v12 upgrade that packs them (data/customer-store) and the v14 one that
 * counts them, and every customer is counted on the Overview and on the customer table,
 * searchable, with new customers numbered after the highest id.
 */
test('a v11 store opens with every customer kept, and a new customer gets the next number', async ({ page }) => {
  // The v11 schema as IndexedDB holds it (Dexie stores version × 10), built from the schema history.
  const stores: Record<string, string> = {};
  for (const step of schemaHistory.filter((s) => s.version <= 11))
    for (const [table, spec] of Object.entries(step.stores)) {
      if (spec === null) delete stores[table];
      else stores[table] = spec;
    }
  const at = '2026-01-01T00:00:00.000Z';
  // 3,000 customers over two packs, ids with a gap; every fifth with a phone.
  const customers = Array.from({ length: 3_000 }, (_, i) => {
    const id = i < 1_500 ? i + 1 : i + 501;
    return { id, name: `老客户${id}`, ...(i % 5 === 0 ? { phone: `139${String(id).padStart(8, '0')}` } : {}), createdAt: at, updatedAt: at };
  });

  // A page of the app's origin that does not run the app, to write the old database.
  await page.route('**/seed-v11.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await page.goto('./seed-v11.html');
  await page.evaluate(
    async ({ stores, customers }) => {
      const parse = (spec: string) => {
        const [primary, ...indexes] = spec.split(',').map((s) => s.trim());
        const keyPath = (p: string) => (p.startsWith('[') ? p.slice(1, -1).split('+') : p);
        const key = primary!.replace(/^\+\+|^&/, '');
        return { keyPath: key ? keyPath(key) : null, autoIncrement: primary!.startsWith('++'), indexes: indexes.filter(Boolean).map((i) => ({ name: i.replace(/^[&*]/, ''), unique: i.startsWith('&'), multiEntry: i.startsWith('*'), keyPath: keyPath(i.replace(/^[&*]/, '')) })) };
      };
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('keqing', 110);
        open.onupgradeneeded = () => {
          for (const [name, spec] of Object.entries(stores)) {
            const s = parse(spec);
            const store = open.result.createObjectStore(name, { keyPath: s.keyPath ?? undefined, autoIncrement: s.autoIncrement });
            for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
          }
          const table = open.transaction!.objectStore('customers');
          for (const c of customers) table.add(c);
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      });
    },
    { stores, customers },
  );

  const app = new Keqing(page);
  // The Overview's counts come from the file's META record, counted by the upgrade (v14).
  await app.open('overview');
  await expect(app.stat('Customer files')).toContainText('3,000');
  await expect(app.stat('Customers without a phone')).toContainText('2,400');
  await app.open('customers');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 3,000 of 3,000 customers');
  await page.getByLabel('Search').fill('老客户3500');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 1 of 3,000 customers');
  await expect(page.getByRole('link', { name: '老客户3500', exact: true })).toBeVisible();
  // Not 1,501..2,000 (the gap) and not 3,501 either: the highest id ever given was 3,500.
  await page.getByRole('link', { name: 'Add customer' }).click();
  await page.getByLabel('Name').fill('新客户');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page).toHaveURL(/#\/customers\/3501$/);
  await app.open('customers');
  await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toHaveText('Showing 3,001 of 3,001 customers');
});
