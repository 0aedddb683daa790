import { readFile } from 'node:fs/promises';
import { dayFromLocalDate, isoFromDay } from '../../src/lib/dates';
import { demoDefaults, generateDemoStore } from '../../src/lib/demo/generate';
import { compareMonth, conversionByMonth } from '../../src/lib/funnel/conversion';
import { monthOfDay } from '../../src/lib/funnel/months';
import type { StageEvent } from '../../src/lib/funnel/records';
import { formatMoney, formatPercent } from '../../src/lib/format';
import { grossMargins } from '../../src/lib/products/analysis';
import { salesByItem } from '../../src/lib/products/sales';
import { expect, test } from './fixtures';
import { FunnelPage } from './pages/kpi';
import { Keqing } from './pages/keqing';

test('imports prospects with their stage changes: preview, problems file, result, list and conversion', async ({ page }) => {
  const today = dayFromLocalDate(new Date());
  const day = isoFromDay(today);
  await new Keqing(page).open('operations/funnel');
  const funnel = new FunnelPage(page);
  await expect(funnel.conversionRow('Greet → Confirm needs').getByRole('cell').first()).toHaveText('0');

  // The template: a 填写说明 line above fixed Chinese headers the importer knows.
  const gettingTemplate = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Prospects template', exact: true }).click();
  const template = await gettingTemplate;
  expect(template.suggestedFilename()).toBe('prospects-import-template.csv');
  const templateLines = (await readFile(await template.path(), 'utf8')).split('\r\n');
  expect(templateLines[0]!.startsWith('\uFEFF填写说明：')).toBe(true);
  expect(templateLines[1]).toBe('姓名,电话,来源,销售小组,意向型号,颜色,选装件,预计购买月份,预约日期,阶段,阶段日期,备注');

  // A UTF-8 file as Excel saves it (BOM, CRLF), a title line above the header; 陈先生 twice (two
  // stage changes), one row with a stage nobody knows.
  const csv = [
    '潜在客户登记表',
    '姓名,电话,来源,意向型号,预计购买月份,阶段,日期',
    `陈先生,13800138000,熟客推荐,X1,2027-01,迎接,${day}`,
    `陈先生,13800138000,,,,确认需求,${day}`,
    `王女士,13900139000,主动开发,Y2,,迎接,${day}`,
    `李先生,13700137000,回头客,Z3,,签约了,${day}`,
  ].join('\r\n');
  await page.getByLabel('Import prospects and stage changes: Choose a CSV file or .xlsx workbook').setInputFiles({ name: 'prospects.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) });

  // The preview: header found under the title, columns mapped, counts, the bad row, the sample.
  await expect(page.getByRole('combobox', { name: 'Import as: 阶段', exact: true })).toHaveValue('stage');
  await expect(page.getByRole('combobox', { name: 'Header row', exact: true })).toHaveValue('1');
  const fact = (term: string) => page.locator('dl.facts div').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) }).getByRole('definition');
  await expect(fact('Rows read')).toHaveText('4');
  await expect(fact('Valid rows')).toHaveText('3');
  await expect(fact('Rows with errors \\(not imported\\)')).toHaveText('1');
  await expect(fact('Prospects')).toHaveText('2');
  await expect(fact('Stage changes')).toHaveText('3');
  const problems = page.getByRole('table', { name: 'Problems', exact: true });
  await expect(problems.locator('tbody tr')).toHaveCount(1);
  await expect(problems.locator('tbody tr').getByRole('cell')).toHaveText(['6', '阶段', '签约了', /^stage not recognised/, 'row not imported']);
  const sample = page.getByRole('table', { name: 'Import prospects and stage changes: First rows as they will be stored' });
  await expect(sample.locator('tbody tr').first().getByRole('cell')).toHaveText(['陈先生', '138****8000', 'Referral', 'X1', `${day} Greet；${day} Confirm needs`]);

  // 失败明细: the problems as a CSV the user can fix the file from.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download problems as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('failed-rows-prospects.csv');
  const lines = (await readFile(await download.path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toBe('Line,Column,Value,Problem,Effect');
  expect(lines[1]).toMatch(/^6,阶段,签约了,"?stage not recognised/);

  // The user's own file back with the reasons in an added column, to fix and import again.
  const gettingOwn = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download your file with a Problems column' }).click();
  const own = await gettingOwn;
  expect(own.suggestedFilename()).toBe('prospects-with-problems.csv');
  const ownLines = (await readFile(await own.path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(ownLines).toHaveLength(5);
  expect(ownLines[0]).toBe('姓名,电话,来源,意向型号,预计购买月份,阶段,日期,Problems');
  expect(ownLines[1]).toBe(`陈先生,13800138000,熟客推荐,X1,2027-01,迎接,${day},`);
  expect(ownLines[4]).toMatch(new RegExp(`^李先生,13700137000,回头客,Z3,,签约了,${day},"?阶段: stage not recognised`));

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const result = page.getByRole('table', { name: 'Import prospects and stage changes: Import result' });
  const count = (label: string) => result.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell');
  await expect(count('Total')).toHaveText('4');
  await expect(count('Succeeded')).toHaveText('3');
  await expect(count('Added')).toHaveText('2');
  await expect(count('Updated')).toHaveText('0');
  await expect(count('Stage changes added')).toHaveText('3');
  await expect(count('Failed rows')).toHaveText('1');

  // In the list, at their furthest stage; and this month's conversion counts them.
  await expect(funnel.prospectRow('陈先生')).toContainText('Confirm needs');
  await expect(funnel.prospectRow('陈先生')).toContainText('Referral');
  await expect(funnel.prospectRow('王女士')).toContainText('Greet');
  const events: StageEvent[] = [
    { id: 'a', opportunityId: 'chen', stage: 'greet', day: today },
    { id: 'b', opportunityId: 'chen', stage: 'needs', day: today },
    { id: 'c', opportunityId: 'wang', stage: 'greet', day: today },
  ];
  const step = compareMonth(conversionByMonth(events), monthOfDay(today)).steps[0]!;
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, 'en-US'));
  await expect(funnel.conversionRow('Greet → Confirm needs').getByRole('cell')).toHaveText([String(step.entered), String(step.advanced), pct(step.rate), pct(step.previous), pct(step.previous3), pct(step.sameMonthBefore)]);
  expect([step.entered, step.advanced]).toEqual([2, 1]);

  // The same file again: the stage changes are already there, nothing is added twice.
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await page.getByLabel('Import prospects and stage changes: Choose a CSV file or .xlsx workbook').setInputFiles({ name: 'prospects.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(count('Added')).toHaveText('0');
  await expect(count('Stage changes already stored (skipped)')).toHaveText('3');
  await expect(funnel.conversionRow('Greet → Confirm needs').getByRole('cell').first()).toHaveText('2');
});

test('remembers the mapping the user confirmed for the next file with the same headers', async ({ page }) => {
  await new Keqing(page).open('operations/funnel');
  const choose = page.getByLabel('Import prospects and stage changes: Choose a CSV file or .xlsx workbook');
  const layout = '姓名,电话,说明';
  await choose.setInputFiles({ name: 'week1.csv', mimeType: 'text/csv', buffer: Buffer.from(`${layout}\r\n陈先生,13800138000,X1\r\n`) });
  const column = page.getByRole('combobox', { name: 'Import as: 说明', exact: true });
  await expect(column).toHaveValue('note');
  // In this shop's file 说明 is the model asked about.
  await column.selectOption('model');
  const sample = page.getByRole('table', { name: 'Import prospects and stage changes: First rows as they will be stored' });
  await expect(sample.locator('tbody tr').first().getByRole('cell').nth(3)).toHaveText('X1');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const result = page.getByRole('table', { name: 'Import prospects and stage changes: Import result' });
  await expect(result.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Added', exact: true }) }).getByRole('cell')).toHaveText('1');
  await page.getByRole('button', { name: 'Done', exact: true }).click();

  // Next week's file, same layout: it opens with the mapping confirmed last time.
  await choose.setInputFiles({ name: 'week2.csv', mimeType: 'text/csv', buffer: Buffer.from(`${layout}\r\n王女士,13900139000,Y2\r\n`) });
  await expect(column).toHaveValue('model');
  await expect(sample.locator('tbody tr').first().getByRole('cell').nth(3)).toHaveText('Y2');
  // Another layout is mapped from its headers as before.
  await page.getByRole('button', { name: 'Cancel import', exact: true }).click();
  await choose.setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from(`姓名,说明,电话\r\n王女士,Y2,13900139000\r\n`) });
  await expect(column).toHaveValue('note');
});

test('imports a product file through the preview and the gross margins change', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const d = generateDemoStore({ ...demoDefaults, endDay: dayFromLocalDate(new Date()) });
  const items = salesByItem([d.purchases], -1e9, 1e9).items;
  const first = grossMargins(items, d.products)[0]!;

  await app.open('operations/products');
  const margins = page.getByRole('table', { name: 'Gross margin by product', exact: true });
  const row = margins.getByRole('row').filter({ has: page.getByRole('rowheader', { name: first.name, exact: true }) });
  await expect(row.getByRole('cell').nth(5)).toHaveText(formatMoney(first.grossProfit!, 'en'));

  // A new unit cost for the top product (yuan), and a row without an item no.
  const cost = 12.5;
  await page.getByLabel('Import a product file: Choose a CSV file or .xlsx workbook').setInputFiles({ name: '商品.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF货号,成本(元),期初库存,期末库存\r\n${first.code},${cost},10,6\r\n,1,1,1\r\n`) });
  await expect(page.getByRole('combobox', { name: 'Import as: 成本(元)', exact: true })).toHaveValue('cost');
  const problems = page.getByRole('table', { name: 'Problems', exact: true });
  await expect(problems.locator('tbody tr').getByRole('cell')).toHaveText(['3', 'whole row', '', 'no item no.', 'row not imported']);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const result = page.getByRole('table', { name: 'Import a product file: Import result' });
  const count = (label: string) => result.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell');
  await expect(count('Updated')).toHaveText('1');
  await expect(count('Failed rows')).toHaveText('1');

  const after = grossMargins(items, d.products.map((p) => (p.code === first.code ? { ...p, cost: cost * 100, stockOpen: 10, stockClose: 6 } : p))).find((r) => r.code === first.code)!;
  expect(after.grossProfit).not.toBe(first.grossProfit);
  await expect(row.getByRole('cell').nth(5)).toHaveText(formatMoney(after.grossProfit!, 'en'));
  await expect(row.getByRole('cell').nth(6)).toHaveText(formatPercent(after.margin!, 'en'));
});
