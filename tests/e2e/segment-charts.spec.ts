import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ChartCard } from './pages/chart';
import { Keqing } from './pages/keqing';

/** Width, height and the first pixel (RGBA) of a PNG file, read by hand: signature, IHDR, IDAT. */
function readPng(bytes: Buffer) {
  expect([...bytes.subarray(0, 8)], 'PNG signature').toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const colourType = bytes[25];
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  // Whatever the first row's filter, its first pixel is stored as is (nothing before or above it).
  const pixels = inflateSync(Buffer.concat(idat));
  const channels = colourType === 6 ? 4 : 3;
  return { width, height, firstPixel: [...pixels.subarray(1, 1 + channels)] };
}

/** A chart by its title: waits until it is drawn. */
const chart = (page: Page, title: string): Promise<ChartCard> => new ChartCard(page, title).ready();

/** Downloads the chart's PNG from its menu; checks it is a real PNG, sharper than on screen and on white. */
async function downloadPng(card: ChartCard, item = 'Download image (PNG)') {
  const download = await card.downloadPng(item);
  const bytes = await readFile(await download.path());
  const png = readPng(bytes);
  const box = (await card.figure.locator('canvas').boundingBox())!;
  expect(png.width).toBeGreaterThan(box.width * 2);
  expect(png.height).toBeGreaterThan(box.height * 2);
  expect(png.firstPixel.slice(0, 3)).toEqual([255, 255, 255]); // white, not transparent
  return { name: download.suggestedFilename(), bytes };
}

/** The table alternative's rows as text cells, header row first, every table in turn (opened from the chart's menu, it then stays open). */
async function alternative(card: ChartCard): Promise<string[][]> {
  await card.table();
  return card.figure.getByRole('row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));
}

const number = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

async function openSegments(page: Page) {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.nav('Segments').click();
  const summary = page.getByRole('table', { name: 'Segment summary' });
  await expect(summary.getByRole('rowheader').first()).toBeVisible();
  return { app, summary };
}

/** The summary table as { segment: [cells…] }; a segment by its accessible name (the line under it is its definition). */
async function summaryRows(summary: Locator): Promise<Record<string, string[]>> {
  const rows = await summary.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.getAttribute('aria-label') ?? c.textContent)?.trim() ?? '')));
  return Object.fromEntries(rows.map(([name, ...cells]) => [name!, cells]));
}

test('R×F heatmap: drawn, agrees with the R×F grid segments, switches to mean spend, exports PNG', async ({ page }) => {
  const { summary } = await openSegments(page);
  // On the R×F grid preset each segment is a block of cells: the heatmap must add up to it.
  await page.getByRole('combobox', { name: 'Segment rules' }).selectOption({ label: 'R×F 5×5 grid (5 levels)' });
  await expect(summary.getByRole('rowheader', { name: 'Hibernating' })).toBeVisible();
  const segments = await summaryRows(summary);

  const heatmap = await chart(page, 'R×F heatmap: customers per cell');
  const cells = await alternative(heatmap);
  expect(cells[0]).toEqual(['R \\ F', 'F 1', 'F 2', 'F 3', 'F 4', 'F 5']);
  expect(cells.slice(1).map((r) => r[0])).toEqual(['R 5', 'R 4', 'R 3', 'R 2', 'R 1']);
  const count = (r: number, f: number) => number(cells[6 - r]![f]!);
  const customers = (name: string) => number(segments[name]![0]!);
  expect(count(5, 4) + count(5, 5)).toBe(customers('Champions'));
  expect(count(5, 1)).toBe(customers('New'));
  expect(count(1, 1) + count(1, 2) + count(2, 1) + count(2, 2)).toBe(customers('Hibernating'));
  const all = cells.slice(1).flatMap((r) => r.slice(1).map(number));
  expect(all.reduce((a, b) => a + b, 0)).toBe(Object.values(segments).reduce((a, cells) => a + number(cells[0]!), 0));

  const countPng = await downloadPng(heatmap);
  expect(countPng.name).toBe('rf-heatmap-Customers.png');

  // Mean spend: New is the single cell R5 F1, so its mean is the segment's revenue per customer.
  await page.getByRole('radio', { name: 'Mean spend' }).check();
  const means = await chart(page, 'R×F heatmap: mean spend per cell');
  const meanCells = await alternative(means);
  const revenueOfNew = number(segments['New']![3]!);
  expect(meanCells[1]![1]).toBe(`CN¥${Math.round(revenueOfNew / customers('New')).toLocaleString('en-US')}`);
  const meanPng = await downloadPng(means);
  expect(meanPng.name).toBe('rf-heatmap-Mean spend.png');
  expect(meanPng.bytes.equals(countPng.bytes)).toBe(false);
});

test('segment sizes vs revenue: drawn, same shares as the summary, PNG, redrawn in Chinese', async ({ page }) => {
  const { summary } = await openSegments(page);
  const segments = await summaryRows(summary);
  const title = 'Segments: share of customers vs share of revenue';
  const figure = await chart(page, title);
  const rows = await alternative(figure);
  expect(rows[0]).toEqual(['Segment', '% of customers', '% of revenue']);
  const nonEmpty = Object.entries(segments).filter(([, cells]) => number(cells[0]!) > 0);
  expect(rows.slice(1)).toEqual(nonEmpty.map(([name, cells]) => [name, cells[1], cells[4]]));
  const english = await downloadPng(figure);
  expect(english.name).toBe('segment-customers-revenue.png');

  await page.getByLabel('Language').selectOption('zh');
  const chinese = await chart(page, '各分群：客户占比与收入占比');
  await expect(chinese.figure.getByRole('table').getByRole('columnheader', { name: '客户占比' })).toBeVisible();
  const redrawn = await downloadPng(chinese, '下载图片（PNG）');
  expect(redrawn.name).toBe('分群客户与收入占比.png');
  expect(redrawn.bytes.equals(english.bytes)).toBe(false); // new labels, new picture
  // Another rule set redraws in place, still without errors.
  await page.getByRole('combobox', { name: '细分规则' }).selectOption({ label: '三档六类客户' });
  await expect(page.getByRole('table', { name: '细分汇总' }).getByRole('rowheader', { name: '久未光顾客户' })).toBeVisible();
  const threeLevel = await chart(page, '各分群：客户占比与收入占比');
  await expect(threeLevel.figure.getByRole('table').getByRole('rowheader', { name: '久未光顾客户' })).toBeVisible();
  await chart(page, 'R×F 热力图：每格客户数');
  // Leaving the screen destroys the charts; coming back draws them afresh (the watchers catch any error).
  await page.getByRole('navigation').getByRole('link', { name: '概览' }).click();
  await expect(page.getByRole('figure')).toHaveCount(0);
  await page.getByRole('navigation').getByRole('link', { name: '细分' }).click();
  await chart(page, '各分群：客户占比与收入占比');
  await chart(page, 'R×F 热力图：每格客户数');
});

test('migration chart: drawn, its flows are the matrix’s counts, PNG', async ({ page }) => {
  await openSegments(page);
  const matrix = page.getByRole('table', { name: 'Segment changes (migration)' });
  await expect(matrix.getByRole('rowheader').first()).toBeVisible();
  const grid = await matrix.getByRole('row').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));
  const columns = grid[0]!;
  const cell = (from: string, to: string) => grid.find((r) => r[0] === from)![columns.indexOf(to)]!;

  const title = 'Where each segment’s customers went';
  const figure = await chart(page, title);
  const facts = await alternative(figure);
  expect(facts[0]).toEqual(['From', 'To', 'Customers', 'Share of from-segment']);
  expect(facts.length).toBeGreaterThan(5);
  for (const [from, to, count] of facts.slice(1)) expect(cell(from!, to!), `${from} → ${to}`).toBe(count);
  // Every non-empty cell of the matrix is in the chart.
  const nonEmpty = grid.slice(1).flatMap((r) => r.slice(1).filter((c) => c !== '')).length;
  expect(facts.length - 1).toBe(nonEmpty);
  // The shares of one from-segment add up to 100 % (within rounding).
  const champions = facts.filter((f) => f[0] === 'Champions').map((f) => number(f[3]!));
  expect(Math.abs(champions.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.5);
  const png = await downloadPng(figure);
  expect(png.name).toBe('segment-migration-chart.png');
});

test('Pareto curve: drawn, its A and B ends agree with the ABC classes, follows the cuts, PNG', async ({ page }) => {
  await openSegments(page);
  const classes = page.getByRole('table', { name: 'ABC classes' });
  const classRow = async (abc: string) => (await classes.getByRole('row', { name: new RegExp(`^${abc} `) }).getByRole('cell').allTextContents()).map((s) => s.trim());
  const percent = (share: number) => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(share);

  const check = async () => {
    // The class table and the chart come from separate answers: wait for the table's rows first.
    for (const abc of ['A', 'B', 'C']) await expect(classes.getByRole('row', { name: new RegExp(`^${abc} `) })).toBeVisible();
    const [a, b, c] = [await classRow('A'), await classRow('B'), await classRow('C')];
    const figure = await chart(page, 'Pareto curve');
    const ends = await alternative(figure);
    const rowOf = (name: string) => ends.find((r) => r[0] === name)!;
    // A ends where the A customers end: the class table's own shares.
    expect(rowOf('End of class A').slice(1)).toEqual([a[1], a[3]]);
    // B ends after A and B together.
    const count = (row: string[]) => number(row[0]!);
    const all = count(a) + count(b) + count(c);
    expect(rowOf('End of class B')[1]).toBe(percent((count(a) + count(b)) / all));
    expect(rowOf('Their share of sales')!.at(-1)).toBe('100%');
    return figure;
  };
  const figure = await check();
  const png = await downloadPng(figure);
  expect(png.name).toBe('pareto-curve.png');
  // Printing redraws at paper resolution and back again, without errors.
  const canvasWidth = () => figure.figure.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width);
  const onScreen = await canvasWidth();
  expect((await page.pdf()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(await canvasWidth()).toBe(onScreen);

  await page.getByLabel('A: cumulative share of sales (%)').fill('60');
  await expect(classes.getByRole('row', { name: /^A / }).getByRole('cell').nth(3)).toHaveText(/^6\d(\.\d)?%$/); // A now ends just past 60 %
  await check();
});

test('each chart has one small menu: the keyboard opens it, moves in it, chooses and closes it', async ({ page }) => {
  await openSegments(page);
  const card = await chart(page, 'Pareto curve');
  // One menu button per chart, no row of buttons and no disclosure beside it.
  await expect(card.figure.getByRole('button')).toHaveCount(1);
  await expect(card.menuButton).toHaveAccessibleName('Chart options: Pareto curve');
  await expect(card.menuButton).toHaveAttribute('aria-haspopup', 'menu');
  await expect(card.menuButton).toHaveAttribute('aria-expanded', 'false');
  await expect(card.figure.getByRole('table')).toHaveCount(0);

  // Enter opens it on the first item; the arrows move round; Escape closes it, back on the button.
  await card.menuButton.focus();
  await page.keyboard.press('Enter');
  await expect(card.menuButton).toHaveAttribute('aria-expanded', 'true');
  const items = card.menu.getByRole('menuitem');
  await expect(items).toHaveText(['Download image (PNG)', 'Show as a table']);
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(0)).toBeFocused(); // round to the first
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(card.menu).toBeHidden();
  await expect(card.menuButton).toBeFocused();
  await expect(card.menuButton).toHaveAttribute('aria-expanded', 'false');

  // Space opens it too, Tab moves to the next item, Enter chooses it: the table opens.
  await page.keyboard.press('Space');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card.menu).toBeHidden();
  await expect(card.menuButton).toBeFocused();
  await expect(card.figure.getByRole('table').first()).toBeVisible();
  await expect(card.figure.getByRole('row', { name: /^End of class A/ })).toBeVisible();

  // ↑ opens it on the last item, which now hides the table.
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(1)).toBeFocused();
  await expect(items.nth(1)).toHaveText('Hide the table');
  await page.keyboard.press('Enter');
  await expect(card.figure.getByRole('table')).toHaveCount(0);

  // Tab past the last item leaves the menu, which closes.
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(card.menu).toBeHidden();
  await expect(card.menuButton).toHaveAttribute('aria-expanded', 'false');

  // Enter on the first item downloads the picture.
  await card.menuButton.focus();
  await page.keyboard.press('Enter');
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const png = await readFile(await (await downloading).path());
  expect(readPng(png).firstPixel.slice(0, 3)).toEqual([255, 255, 255]);

  // A click elsewhere closes an open menu.
  await card.menuButton.click();
  await expect(card.menu).toBeVisible();
  await page.getByRole('heading', { level: 2 }).first().click();
  await expect(card.menu).toBeHidden();
});
