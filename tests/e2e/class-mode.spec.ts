/**
 * Class mode (课堂模式, issue 18): a trainer turns it on in the header before projecting. It is
 * remembered, makes customer names anonymous on the list and the customer's page, raises chart
 * text to 16 px or more and sizes the radar and the R×F heatmap to the screen; off restores all.
 */
import type { Locator, Page } from '@playwright/test';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoFunnel } from '../../src/lib/funnel/demo';
import { summariseColumns } from '../../src/lib/purchases/columns';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { boxOf } from './pages/layout';

const MASKED = /^(\p{Script=Han}\*\*|\p{Lu}\*\*\*|#\d+)$/u;

/** A chart's figure by its title, once drawn. */
async function drawnChart(page: Page, title: string): Promise<Locator> {
  const figure = page.getByRole('figure', { name: title, exact: true });
  await expect(figure).toHaveAttribute('data-chart-ready', 'true');
  return figure;
}

/** The smallest text Chart.js resolved for the chart's axes and legend (Chart.svelte reads it back from the chart). */
async function chartFont(figure: Locator): Promise<number> {
  const px = Number(await figure.getAttribute('data-chart-font'));
  expect(px, 'a chart text size was read').toBeGreaterThan(0);
  return px;
}

test('class mode is remembered, hides customer names, enlarges chart text and charts, and turns off again', async ({ page }) => {
  test.setTimeout(300_000);
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const someone = demo.customers.find((c) => /^\p{Script=Han}{2,3}$/u.test(c.name ?? ''))!;
  const app = new Keqing(page);
  await app.loadDemo();
  await page.setViewportSize({ width: 1920, height: 1080 });
  const toggle = page.getByRole('banner').getByRole('checkbox', { name: 'Class mode' });

  // Off: the customer's page and the list show the real name; charts have Chart.js's usual 12 px.
  await app.open(`customers/${someone.id}`);
  await expect(page.getByRole('heading', { name: someone.name! })).toBeVisible();
  await app.open('segments');
  const heatmap = await drawnChart(page, 'R×F heatmap: customers per cell');
  expect(await chartFont(heatmap)).toBeLessThan(16);
  const heatmapHeight = (await boxOf(heatmap.getByRole('img'))).height;

  // On, by keyboard, and remembered after a reload.
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  await page.reload();
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  await expect(toggle).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-class-mode', 'on');

  // Chart text ≥ 16 px; the heatmap fills the screen's height.
  const bigHeatmap = await drawnChart(page, 'R×F heatmap: customers per cell');
  expect(await chartFont(bigHeatmap)).toBeGreaterThanOrEqual(16);
  expect((await boxOf(bigHeatmap.getByRole('img'))).height).toBeGreaterThan(Math.max(heatmapHeight, 1080 * 0.6));
  // The base type is raised too.
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(20);

  // The radar of an assessment: text ≥ 16 px and sized to the screen.
  await app.open('scorecard');
  await page.getByRole('table').first().getByRole('rowheader').getByRole('link').first().click();
  const radar = await drawnChart(page, 'Capability radar: current vs target');
  expect(await chartFont(radar)).toBeGreaterThanOrEqual(16);
  expect((await boxOf(radar.getByRole('img'))).height).toBeGreaterThan(1080 * 0.6);

  // The customer list: every name anonymous, the real one nowhere.
  await app.open('customers');
  const names = page.getByRole('main').getByRole('link', { name: MASKED });
  await expect(names.first()).toBeVisible();
  const shown = await page.locator('main .vbody a').allTextContents();
  expect(shown.length).toBeGreaterThan(5);
  for (const name of shown) expect(name).toMatch(MASKED);
  await expect(page.getByRole('main').getByText(someone.name!, { exact: true })).toHaveCount(0);

  // The customer's page: heading and name field anonymous; the phone masked.
  await app.open(`customers/${someone.id}`);
  const masked = `${[...someone.name!][0]}**`;
  await expect(page.getByRole('heading', { name: masked, exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(masked);
  await expect(page.getByRole('main').getByText(someone.name!)).toHaveCount(0);
  if (someone.phone) await expect(page.getByRole('textbox', { name: 'Phone', exact: true })).toHaveValue(/^\d{3}\*{4}\d{4}$/);

  // Off again: names and chart text as before.
  await toggle.click();
  await expect(page.locator('html')).not.toHaveAttribute('data-class-mode', 'on');
  await expect(page.getByRole('heading', { name: someone.name! })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(someone.name!);
  await app.open('segments');
  expect(await chartFont(await drawnChart(page, 'R×F heatmap: customers per cell'))).toBeLessThan(16);
  await page.reload();
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  await expect(toggle).not.toBeChecked();
});

test('class mode: the complaint picker and the funnel name customers and prospects anonymously; the complaint keeps the real name', async ({ page }) => {
  test.setTimeout(180_000);
  const { complaints: given, store } = expectedDemo();
  const who = store.customers.find((c) => c.cardNo && c.phone && /^\p{Script=Han}{2,3}$/u.test(c.name ?? ''))!;
  const masked = `${[...who.name!][0]}**`;
  const app = new Keqing(page);
  await app.loadDemo();
  const toggle = page.getByRole('banner').getByRole('checkbox', { name: 'Class mode' });
  await toggle.check();

  // The picker: found by name as before, offered as 张** · #id · masked phone (no card no., a member number).
  await app.open('operations/complaints/new');
  const field = page.getByLabel('Customer', { exact: true });
  const options = page.locator('#complaint-customers option');
  await field.fill(who.name!);
  const label = `${masked} · #${who.id} · ${who.phone!.slice(0, 3)}****${who.phone!.slice(-4)}`;
  await expect(page.locator(`#complaint-customers option[value="${label}"]`)).toHaveCount(1);
  for (const value of await options.evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value))) {
    expect(value).toMatch(/^(\p{Script=Han}\*\*|\p{Lu}\*\*\*|#\d+) · #\d+( · \d{3}\*{4}\d{4})?$/u);
  }
  await field.fill(label);
  await page.getByLabel('Description').fill('尺码不对');
  await page.getByRole('button', { name: 'Save' }).click();
  const id = given.count + 1;
  await expect(page.getByRole('heading', { name: `Complaint #${id}` })).toBeVisible();
  await expect(field).toHaveValue(`${masked} · #${who.id}`);
  await expect(page.getByRole('main').getByText(who.name!)).toHaveCount(0);

  // The funnel: every prospect anonymous, in the list, the reminders and the delay notices.
  const prospects = demoFunnel(demoDefaults.seed, summariseColumns(store.purchases).lastDay!).opportunities;
  await app.open('operations/funnel');
  const list = page.getByRole('table', { name: 'Prospects and opportunities' });
  await expect(list.getByRole('rowheader').first()).toBeVisible();
  for (const name of await list.getByRole('rowheader').allTextContents()) expect(name.trim()).toMatch(MASKED);
  for (const table of ['Appointment reminders (next 7 days)', 'Delay notices']) {
    const names = await page.getByRole('table', { name: table }).locator('tbody tr td:nth-child(' + (table.startsWith('Delay') ? 1 : 2) + ')').allTextContents();
    for (const name of names) expect(name.trim()).toMatch(MASKED);
  }
  const main = await page.getByRole('main').innerText();
  for (const o of prospects) expect(main.includes(o.name), `${o.name} shown`).toBe(false);

  // Off: the complaint was stored with the customer's real name and file.
  await toggle.uncheck();
  await app.open(`operations/complaints/${id}`);
  await expect(field).toHaveValue(`${who.name} · #${who.id}`);
  await app.open('operations/funnel');
  await expect(list.getByRole('rowheader').first()).toBeVisible();
  const first = (await list.getByRole('rowheader').first().textContent())!.trim();
  expect(prospects.map((o) => o.name)).toContain(first);
});
