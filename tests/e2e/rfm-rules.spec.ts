import { readFile } from 'node:fs/promises';
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { customerStats } from '../../src/lib/customers/stats';
import { runRfm } from '../../src/lib/rfm/from-stats';
import { cellMap } from '../../src/lib/rfm/segments';
import { runAbcByClass } from '../../src/lib/abc/by-class-stats';
import { isoFromDay } from '../../src/lib/dates';
import { formatPercent, formatYuan } from '../../src/lib/format';
import { RFM030_SEGMENTS } from '../../src/lib/rfm/presets';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

/** The demo store's segments with the trainer's round cut points, as the pure functions compute them. */
function expectedManual(cuts: { recency: number[]; frequency: number[]; monetary: number[] }) {
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const r = runRfm(customerStats([demo.purchases]), { analysisDay: null, method: 'manual', cuts, preset: 'rfm030' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return Object.fromEntries(r.value.summary.map((row) => [row.segment, row.customers]));
}

test('manual cut points re-score the segments and show the cut points used', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.nav('Segments').click();
  const cutsUsed = page.getByRole('table', { name: 'Cut points used' });
  const summary = page.getByRole('table', { name: 'Segment summary' });
  await expect(cutsUsed).toBeVisible();

  await page.getByLabel('Scoring').selectOption({ label: 'Manual cut points' });
  const cuts = { recency: [30, 90, 180, 365], frequency: [1, 2, 4, 8], monetary: [200, 500, 1000, 3000] };
  const names = { recency: 'R recency', frequency: 'F frequency', monetary: 'M monetary' } as const;
  for (const metric of ['recency', 'frequency', 'monetary'] as const) {
    for (const [i, value] of cuts[metric].entries()) await page.getByLabel(`${names[metric]} cut ${i + 1}`, { exact: true }).fill(String(value));
  }
  await expect(cutsUsed.getByRole('row', { name: /^R recency/ })).toContainText('30 | 90 | 180 | 365');
  await expect(cutsUsed.getByRole('row', { name: /^M monetary/ })).toContainText('200 | 500 | 1,000 | 3,000');
  const expected = expectedManual(cuts);
  const row = (name: string) => summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await expect(row('Champions').getByRole('cell').first()).toHaveText(expected.champions!.toLocaleString('en-US'));
  await expect(row('Lost').getByRole('cell').first()).toHaveText(expected.lost!.toLocaleString('en-US'));

  // A cut below the one before it: the field says so, the table keeps the last good result.
  await page.getByLabel('F frequency cut 3', { exact: true }).fill('1');
  await expect(page.getByText('Must be above the previous cut point (2)')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Some cut points are wrong' })).toBeVisible();
  await expect(row('Champions').getByRole('cell').first()).toHaveText(expected.champions!.toLocaleString('en-US'));

  // Visit days instead of orders: said in the explanation.
  await page.getByLabel('F frequency cut 3', { exact: true }).fill('4');
  await page.getByLabel('Frequency F counts').selectOption('visitDays');
  await expect(page.getByText(/F is visit days/)).toBeVisible();

  // A period with no purchases says so; an earlier start is named in the explanation.
  const today = dayFromLocalDate(new Date());
  await page.getByLabel('Purchases from').fill(isoFromDay(today + 10));
  await expect(page.getByText('There are no purchases in this period (before the analysis date).')).toBeVisible();
  await page.getByLabel('Purchases from').fill(isoFromDay(today - 90));
  await expect(page.getByText(`Only purchases from ${isoFromDay(today - 90)} to any count.`)).toBeVisible();
});

test('ABC by customer class: subtotals, shares, and the CSV', async ({ page }) => {
  const demo = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const classOf = Object.fromEntries(demo.customers.filter((c) => c.customerClass).map((c) => [c.id, c.customerClass!]));
  const r = runAbcByClass(customerStats([demo.purchases]), classOf, { a: 0.8, b: 0.95 });
  if (!r.ok) throw new Error();
  const wholesale = r.value.classes.find((c) => c.customerClass === 'wholesale')!;

  const app = new Keqing(page);
  await app.loadDemo();
  await app.nav('Segments').click();
  const panel = page.getByRole('region', { name: 'ABC by customer class' });
  const table = panel.getByRole('table', { name: 'ABC by customer class' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Wholesale', exact: true }) });
  await expect(row.getByRole('cell').nth(1)).toHaveText(wholesale.customers.toLocaleString('en-US'));
  await expect(row.getByRole('cell').nth(2)).toHaveText(formatYuan(wholesale.sales, 'en'));
  await expect(row.getByRole('cell').nth(4)).toHaveText(formatPercent(wholesale.shareOfTotal, 'en'));

  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export CSV' }).click();
  const csv = (await readFile(await (await downloading).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(csv[0]).toBe('Customer class,ABC,Customers,Sales,% of class,% of total');
  expect(csv).toHaveLength(1 + r.value.classes.length * 4); // each class, then its A, B, C
  const at = r.value.classes.findIndex((c) => c.customerClass === 'wholesale');
  const pct = (share: number) => Math.round(share * 1000) / 10;
  expect(csv[1 + at * 4]).toBe(`Wholesale,${wholesale.abc},${wholesale.customers},${Math.round(wholesale.sales * 100) / 100},100,${pct(wholesale.shareOfTotal)}`);
  const a = wholesale.parts[0]!;
  expect(csv[2 + at * 4]).toBe(`Wholesale,A,${a.customers},${Math.round(a.sales * 100) / 100},${pct(a.shareOfClass)},${pct(a.shareOfTotal)}`);
});

test('edits a rule set: cell map warnings, save, export and a broken import', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await app.nav('Segments').click();
  await page.getByText('Segment rule editor').click();
  const editor = page.locator('details').filter({ hasText: 'Segment rule editor' });

  // The rfm 0.3.0 preset leaves cells to Others.
  const uncovered = cellMap(RFM030_SEGMENTS.rules, 5).uncoveredCells.length;
  await expect(editor.getByText(`${uncovered} cells match no rule; their customers go to Others:`)).toBeVisible();
  await expect(editor.getByText(/never applies/)).toHaveCount(0);
  // The map: R 2, F 5, M 1 is nobody's.
  const m1 = editor.getByRole('table', { name: 'M = 1' });
  await expect(m1.getByRole('row', { name: /^R2/ }).getByRole('cell').nth(4)).toHaveText(/—/);

  // Champions below Potential Loyalist (which covers 5-5-5 too): shadowed. By keyboard.
  await editor.getByRole('button', { name: 'Move rule 1 down' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor.getByText('Rule “2. Champions” never applies: earlier rules take all its cells.')).toBeVisible();
  await editor.getByLabel('Rule 2 Chinese name').fill('冠军');

  await editor.getByLabel('Rule set name (Chinese)').fill('测试规则');
  await editor.getByLabel('Rule set name (English)').fill('Test rules');
  await editor.getByRole('button', { name: 'Save as a new rule set' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved “Test rules”; the segment table now uses it.');
  const ruleSelect = page.getByRole('combobox', { name: 'Segment rules', exact: true });
  await expect(ruleSelect).toHaveValue(/^saved:/);
  await expect(ruleSelect.locator(`option[value="${await ruleSelect.inputValue()}"]`)).toHaveText('Test rules');
  const summary = page.getByRole('table', { name: 'Segment summary' });
  const champions = summary.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Champions', exact: true }) });
  await expect(champions.getByRole('cell').first()).toHaveText('0'); // shadowed: nobody

  const downloading = page.waitForEvent('download');
  await editor.getByRole('button', { name: 'Export JSON' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('Test rules.json');
  const json = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(json).toMatchObject({ format: 'keqing.rfmSegments', version: 1, name: { zh: '测试规则', en: 'Test rules' }, levels: 5 });
  expect(json.rules.map((r: { id: string }) => r.id).slice(0, 3)).toEqual(['potential-loyalist', 'champions', 'loyal-customers']);
  expect(json.rules[1]).toEqual({ id: 'champions', name: { zh: '冠军', en: 'Champions' }, r: [5, 5], f: [5, 5], m: [5, 5] });

  // A broken file: a clear message, nothing stored.
  await editor.getByLabel('Import rules (JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "keqing.rfmSegments", "rules": [') });
  await expect(editor.getByRole('alert')).toContainText('This file cannot be imported; nothing was saved:');
  await expect(editor.getByRole('alert')).toContainText('This is not a valid JSON file.');
  await editor.getByLabel('Import rules (JSON)').setInputFiles({ name: 'bad-range.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...json, rules: [{ ...json.rules[0], r: [0, 9] }] })) });
  await expect(editor.getByRole('alert')).toContainText('Rule 1 has an invalid R range');
  await expect(ruleSelect.locator('option')).toHaveCount(5); // four presets and the one saved set

  // Kept across a reload, and the exported file imports back as a second set.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Segment rules', exact: true }).locator('option', { hasText: 'Test rules' })).toHaveCount(1);
  await page.getByText('Segment rule editor').click();
  await editor.getByLabel('Import rules (JSON)').setInputFiles({ name: 'again.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await expect(editor.getByRole('status')).toHaveText('Imported and saved “Test rules”.');
  await expect(page.getByRole('combobox', { name: 'Segment rules', exact: true }).locator('option')).toHaveCount(6);
});
