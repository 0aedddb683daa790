import { readFile, writeFile } from 'node:fs/promises';
import { newAssessment } from '../../src/lib/scorecard/assessment';
import { courseSet } from '../../src/lib/scorecard/dimensions';
import { assessmentToJson } from '../../src/lib/scorecard/file';
import { expect, test } from './fixtures';
import { ImportScreen } from './pages/import';
import { readContainer } from './pages/backup-file';
import { Keqing } from './pages/keqing';
import { downloadCsvLines as download } from './pages/download';

/**
 * A Chinese store's till export, 12 lines (hand-checked):
 * - cancelled (状态 已取消): XP003 (李娜), XP006 (no customer)          → 2
 * - no customer: XP004, XP005, XP006, XP009                              → 4
 * - non-product by the default list: 运费 XP001, 押金 XP007, 包装费 XP009 → 3
 * - a return kept: XP010 (王芳, −99)
 * Excluding cancellations, non-product lines and lines without a customer leaves 7 lines out
 * (XP006 and XP009 each carry two marks: 2 + 4 + 3 = 9 > 7) and keeps 5:
 * XP001 1,200 + XP002 598 + XP008 199 − XP010 99 + XP011 159 = ¥2,057.00, in 5 orders.
 */
const FILE = 'tests/fixtures/import/pos-cn-excluded.csv';


test('the preview shows which non-product codes matched how many lines, for the list or preset chosen', async ({ page }) => {
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(FILE);
  const preset = page.getByLabel('Non-product code list');
  const matched = page.getByRole('table', { name: /^Lines each code matched/ });
  const nonProductRow = page.getByRole('row', { name: /^Non-product lines/ });

  // The Chinese store's list by default: the codes found come first, with their counts.
  await expect(preset).toHaveValue('chineseStore');
  await expect(matched.getByRole('row').nth(1)).toHaveText('运费1');
  await expect(matched.getByRole('row').nth(2)).toHaveText('包装费1');
  await expect(matched.getByRole('row').nth(3)).toHaveText('押金1');
  await expect(matched.getByRole('row', { name: '邮费' })).toHaveText('邮费0');
  await expect(nonProductRow.getByRole('cell').first()).toHaveText('3');

  // The UK web shop's codes match nothing in a Chinese store's file.
  await preset.selectOption({ label: 'UK web shop, Online Retail (POST, DOT, M…)' });
  await expect(matched.getByRole('row')).toHaveText(['CodeLines matched', ...['POST', 'DOT', 'M', 'D', 'S', 'B', 'C2', 'CRUK', 'BANK CHARGES', 'AMAZONFEE', 'ADJUST'].map((code) => `${code}0`)]);
  await expect(nonProductRow.getByRole('cell').first()).toHaveText('0');
  await expect(page.getByLabel('Non-product item codes (comma-separated)')).toHaveValue('POST, DOT, M, D, S, B, C2, CRUK, BANK CHARGES, AMAZONFEE, ADJUST');

  // A list of the user's own: the choice says so, and the counts follow it.
  await page.getByLabel('Non-product item codes (comma-separated)').fill('运费、押金, 礼品卡');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(preset).toHaveValue('own');
  await expect(matched.getByRole('row')).toHaveText(['CodeLines matched', '运费1', '押金1', '礼品卡0']);
  await expect(nonProductRow.getByRole('cell').first()).toHaveText('2');

  await preset.selectOption({ label: 'Chinese store (运费, 邮费, 押金…)' });
  await expect(nonProductRow.getByRole('cell').first()).toHaveText('3');

  // The list chosen is remembered with the file's layout: the next file like it opens with it.
  await preset.selectOption({ label: 'UK web shop, Online Retail (POST, DOT, M…)' });
  await expect(nonProductRow.getByRole('cell').first()).toHaveText('0');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Purchase lines added')).toContainText('12');
  await screen.open();
  await screen.choose(FILE);
  await expect(preset).toHaveValue('onlineRetail');
});

test('the Overview counts what its labels say and shows the lines excluded at import apart, with the history one click away', async ({ page }) => {
  const app = new Keqing(page);
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.choose(FILE);
  await expect(page.getByRole('row', { name: /^Cancelled orders/ }).getByRole('cell').first()).toHaveText('2');
  await expect(page.getByRole('row', { name: /^Lines without a customer/ }).getByRole('cell').first()).toHaveText('4');
  await page.getByRole('row', { name: /^Lines without a customer/ }).getByLabel('Exclude').check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(screen.resultRow('Purchase lines added')).toContainText('12');
  await expect(screen.resultRow('Excluded')).toContainText('7');

  await app.nav('Overview').click();
  await expect(app.stat('Purchase lines counted')).toContainText('5');
  await expect(app.stat('Orders')).toContainText('5');
  await expect(app.stat('Sales to date')).toContainText('2,057');
  await expect(app.stat('Counted lines without a customer file')).toContainText('0');
  const excluded = page.getByTestId('excluded-at-import');
  await expect(excluded).toContainText('7 lines excluded at import (stored, counted in none of the figures above): cancellations 2, no customer 4, non-product lines (postage, deposits…) 3');
  await expect(excluded).toContainText('they add up to more than the total');
  await excluded.getByRole('link', { name: 'See the import history' }).click();
  await expect(page).toHaveURL(/#\/customers\/history$/);
  await expect(page.getByRole('row').filter({ hasText: 'pos-cn-excluded.csv' })).toContainText('7');

  // The analyses leave the same lines out: 李娜's cancelled XP003, 张伟's deposit.
  await app.nav('Segments').click();
  const all = await download(page, 'Export all customers (RFM, segment, ABC and tier)');
  expect(all).toHaveLength(4); // header + 王芳, 李娜, 张伟
  const header = all[0]!.split(',');
  const row = (name: string) => all.find((l) => l.split(',')[header.indexOf('Name')] === name)!.split(',');
  const figures = (name: string) => [row(name)[header.indexOf('Frequency')], row(name)[header.indexOf('Monetary (yuan)')]];
  // Frequency, Monetary (yuan): XP002 + XP011 = 598 + 159; XP008 199.
  expect(figures('李娜')).toEqual(['2', '757']);
  expect(figures('张伟')).toEqual(['1', '199']);
});

test('the clear dialog lists what is deleted; keeping the scorecards keeps an assessment', async ({ page }, testInfo) => {
  const app = new Keqing(page);
  const assessment = newAssessment(courseSet, { id: 'keep-me', store: '三号店', assessor: '王芳', role: 'manager', date: '2026-06-30', now: '2026-06-30T08:00:00.000Z' });
  const json = testInfo.outputPath('keep-me.json');
  await writeFile(json, assessmentToJson({ set: courseSet, assessment }));
  await app.open('scorecard');
  await page.getByLabel('Import an assessment file (JSON)').setInputFiles(json);
  await expect(page.getByRole('status').filter({ hasText: 'Imported keep-me.json' })).toBeVisible();
  const screen = new ImportScreen(page);
  await screen.open();
  await screen.importFile(FILE);

  await app.nav('Settings').click();
  await page.getByRole('button', { name: 'Clear all data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear all data?' });
  const deleted = dialog.getByRole('list', { name: 'This deletes, for good:' });
  const kept = dialog.getByRole('list', { name: 'Kept:' });
  await expect(deleted.getByRole('listitem')).toHaveText([
    'Customer files with their points and stored-value ledgers, levels, A/B/C tiers, value grades, contact log and handovers',
    'Purchase lines and the import history',
    'Products',
    'Prospects, the sales funnel and month notes',
    "Care rules, the store's own occasions and care tasks done",
    'Complaints',
    'Needs-based segments and campaigns',
    'KPI targets',
    'CRM scorecard assessments, their dimension sets and trainer classes',
    'Time logs, weekly action plans and monthly focus targets',
  ]);
  await expect(kept.getByRole('listitem')).toHaveText(['Settings: store profile, rules, tag groups, saved groups, time set-up, manager PIN']);

  await dialog.getByLabel('Keep the scorecards').check();
  await expect(deleted).not.toContainText('CRM scorecard');
  await expect(kept.getByRole('listitem')).toHaveText(['CRM scorecard assessments, their dimension sets and trainer classes', 'Settings: store profile, rules, tag groups, saved groups, time set-up, manager PIN']);
  await dialog.getByRole('button', { name: 'Clear all data' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Data cleared; kept: CRM scorecard assessments' })).toBeVisible();

  // The backup now holds the assessment and no customer or purchase line.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup' }).click();
  const backup = JSON.parse(readContainer(await readFile(await (await downloading).path())).text) as { counts: Record<string, number> };
  expect(backup.counts).toMatchObject({ assessments: 1, customers: 0, purchaseBatches: 0, purchaseChunks: 0, products: 0 });

  await app.nav('Overview').click();
  await expect(page.getByText('No data yet.')).toBeVisible();
  await app.nav('Scorecard').click();
  await expect(page.getByRole('table', { name: 'Assessments' }).getByRole('row').filter({ hasText: '三号店' })).toBeVisible();

  // Cleared again without keeping them: the assessment goes too.
  await app.nav('Settings').click();
  await app.clickAndConfirm(page.getByRole('button', { name: 'Clear all data' }), 'Clear all data');
  await expect(page.getByRole('status').filter({ hasText: 'All data cleared.' })).toBeVisible();
  await app.nav('Scorecard').click();
  await expect(page.getByText('No assessments yet.')).toBeVisible();
});
