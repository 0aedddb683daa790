/**
 * Class mode (课堂模式, issue 18): a trainer turns it on in the header before projecting. It is
 * remembered, makes customer names anonymous on the list and the customer's page, raises chart
 * text to 16 px or more and sizes the radar and the R×F heatmap to the screen; off restores all.
 */
import type { Locator, Page } from '@playwright/test';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { dayFromLocalDate } from '../../src/lib/dates';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

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
  const heatmapHeight = (await heatmap.getByRole('img').boundingBox())!.height;

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
  expect((await bigHeatmap.getByRole('img').boundingBox())!.height).toBeGreaterThan(Math.max(heatmapHeight, 1080 * 0.6));
  // The base type is raised too.
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThanOrEqual(20);

  // The radar of an assessment: text ≥ 16 px and sized to the screen.
  await app.open('scorecard');
  await page.getByRole('table').first().getByRole('rowheader').getByRole('link').first().click();
  const radar = await drawnChart(page, 'Capability radar: current vs target');
  expect(await chartFont(radar)).toBeGreaterThanOrEqual(16);
  expect((await radar.getByRole('img').boundingBox())!.height).toBeGreaterThan(1080 * 0.6);

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
