/**
 * Issue 17 §4: a screen shows the answer to the latest question only, however quickly the user
 * asks again (an older, slower answer never replaces a newer one, nor shows under the new name).
 */
import { dayFromLocalDate } from '../../src/lib/dates';
import { customerStats } from '../../src/lib/customers/stats';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { lineAt } from '../../src/lib/purchases/columns';
import { runRfm } from '../../src/lib/rfm/from-stats';
import { PRESET_RULE_SETS } from '../../src/lib/rfm/presets';
import { OTHERS_NAME } from '../../src/lib/rfm/segments';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

test('switching quickly between two customers shows only the last one’s purchases', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const orders = new Map<number, Set<string>>();
  const lineCount = new Map<number, number>();
  for (let i = 0; i < demo.purchases.length; i++) {
    const line = lineAt(demo.purchases, i);
    lineCount.set(line.customerId, (lineCount.get(line.customerId) ?? 0) + 1);
    if (line.orderNo) orders.set(line.customerId, (orders.get(line.customerId) ?? new Set()).add(line.orderNo));
  }
  const named = demo.customers.filter((c) => c.name.trim() && orders.has(c.id));
  // The first asked has the most lines (its answer is the slowest); the last a few, other orders and another name.
  const first = named.reduce((a, b) => ((lineCount.get(b.id) ?? 0) > (lineCount.get(a.id) ?? 0) ? b : a));
  const last = named.find((c) => c.id !== first.id && !c.name.includes(first.name.trim()) && !first.name.includes(c.name.trim()) && (lineCount.get(c.id) ?? 0) >= 2 && ![...orders.get(c.id)!].some((o) => orders.get(first.id)!.has(o)))!;
  const lastOrders = [...orders.get(last.id)!];
  const firstOrders = [...orders.get(first.id)!];

  await app.open('customers');
  // Every render of the page, as the user would see it: the heading and the order nos. under it.
  await page.evaluate(() => {
    const seen: { heading: string; orders: string[] }[] = [];
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver(() => {
      const heading = document.querySelector('#customer-title')?.textContent ?? '';
      const rows = [...document.querySelectorAll('table[aria-label="Purchases"] tbody tr')];
      seen.push({ heading, orders: rows.map((r) => r.children[1]?.textContent ?? '') });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.evaluate(
    async ({ a, b }) => {
      const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
      for (const id of [a, b, a, b]) {
        location.hash = `#/customers/${id}`;
        await turn();
      }
    },
    { a: first.id, b: last.id },
  );

  await expect(page.locator('#customer-title')).toContainText(last.name.trim());
  const table = page.getByRole('table', { name: 'Purchases' });
  await expect(table.locator('tbody tr')).toHaveCount(lineCount.get(last.id)!);
  await expect(page.getByTestId('updating')).toHaveCount(0);
  const shown = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(shown.filter((o) => o !== '').every((o) => lastOrders.includes(o))).toBe(true);
  // Never, not even for a moment, the first customer's lines under the last one's name (or the reverse).
  const seen = await page.evaluate(() => (window as unknown as { __seen: { heading: string; orders: string[] }[] }).__seen);
  expect(seen.length).toBeGreaterThan(0);
  const wrong = seen.filter((s) => (s.heading.includes(last.name.trim()) && s.orders.some((o) => firstOrders.includes(o))) || (s.heading.includes(first.name.trim()) && s.orders.some((o) => lastOrders.includes(o))));
  expect(wrong).toEqual([]);
});

test('changing the segment rules twice quickly shows the table for the last choice', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const rfm = runRfm(customerStats([demo.purchases]), { analysisDay: null, method: 'quantile', preset: 'rfGrid' });
  if (!rfm.ok) throw new Error('the demo store always scores');
  const nameOf = (segment: string) => (PRESET_RULE_SETS.rfGrid.rules.find((r) => r.id === segment)?.name ?? OTHERS_NAME).en;
  const expected = rfm.value.summary.map((s) => [nameOf(s.segment), s.customers.toLocaleString('en-US')]);

  await app.nav('Segments').click();
  const table = page.getByRole('table', { name: 'Segment summary' });
  await expect(table.getByRole('rowheader', { name: 'Champions', exact: true })).toBeVisible();
  const select = page.getByLabel('Segment rules');
  await select.evaluate(async (el: HTMLSelectElement) => {
    const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
    for (const value of ['threeLevel', 'rfGrid']) {
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
      await turn();
    }
  });

  await expect(table.getByRole('rowheader', { name: 'Hibernating', exact: true })).toBeVisible();
  await expect(page.getByTestId('updating')).toHaveCount(0);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(expected.length);
  // The row header's name (its accessible name): a definition line sits under it.
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.getAttribute('aria-label') ?? '', tr.querySelector('td')?.textContent ?? '']));
  expect(shown).toEqual(expected);
});
