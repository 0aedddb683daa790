/**
 * Time allocation (issue 7): a rep fills a day's sheet by keyboard, an activity log (GBK, one bad
 * row) is imported through the customer importer's checks, the split is compared with the
 * course's, a what-if is run and the split exported as CSV. Expected numbers are worked out by hand
 * in the comments.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { ChartCard } from './pages/chart';
import { Keqing } from './pages/keqing';

const cell = (rep: string, category: string) => `${rep} · ${category} (minutes)`;

test('records a week, imports a log, compares with the course and runs a what-if', async ({ page, context }) => {
  const app = new Keqing(page);
  await app.open('time/setup');
  for (const name of ['王芳', '李强']) {
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('button', { name: 'Add rep' }).click();
    await expect(page.getByRole('table', { name: 'Reps' }).getByLabel(`Name: ${name}`)).toBeVisible();
  }

  // The daily sheet, by keyboard only: Tab along the rows, Enter on the last row saves.
  await page.getByRole('link', { name: 'Daily sheet' }).click();
  await page.getByLabel('Date').fill('2026-11-02');
  // The grid takes typing once the chosen day's entries are in (until then its cells are disabled,
  // and a focus on one is lost: the keys went to the date field under load).
  await expect(page.getByLabel(cell('王芳', 'Coordinating invoicing and delivery'))).toBeEnabled();
  await page.getByLabel(cell('王芳', 'Coordinating invoicing and delivery')).focus();
  // 王芳: invoicing 180, selling 120, admin 120, reports 60, visiting 120 (600 min);
  // 李强: invoicing 300, selling 60, admin 180, reports 60, visiting 0 (600 min).
  for (const value of ['180', '120', '120', '60', '120', '300', '1:00', '3h', '60']) {
    await page.keyboard.type(value);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved 2026-11-02: 1,200 minutes' })).toBeVisible();
  await expect(page.getByRole('row', { name: /李强/ }).getByRole('cell').last()).toHaveText('600');

  // Import a GBK log with Chinese headers; line 7 has no such date.
  await page.getByRole('link', { name: 'Import activity log' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles('tests/fixtures/timeuse/activity-log-gbk.csv');
  await expect(page.getByText('Encoding GB18030', { exact: false }).or(page.getByText('Encoding GBK', { exact: false }))).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems.getByRole('row')).toHaveCount(2);
  await expect(problems.getByRole('row').nth(1)).toContainText('7日期2026-11-31no such daterow not imported');
  // The log back (UTF-8 now) with the reason beside the bad row, to fix and import again.
  const gettingOwn = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download your file with a Problems column' }).click();
  const own = (await readFile(await (await gettingOwn).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(own[0]).toBe('销售员,日期,开始,结束,分钟,活动,Problems');
  expect(own[1]).toBe('王芳,2026-11-03,09:00,13:00,,销售活动/市场开拓,');
  expect(own[6]).toMatch(/^李强,2026-11-31,,,30,报表填写,"?日期: no such date/);
  await expect(page.getByRole('group', { name: 'Rows with errors' }).or(page.locator('dl.facts'))).toContainText('1');

  // Nothing is stored until confirmed: another tab sees an empty 3 November.
  const other = await context.newPage();
  await other.goto('./#/time');
  await other.getByLabel('Date').fill('2026-11-03');
  await expect(other.getByLabel(cell('王芳', 'Selling and market development'))).toBeEnabled();
  await expect(other.getByLabel(cell('王芳', 'Selling and market development'))).toHaveValue('');

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 5 entries; 0 were imported before (skipped); 0 new reps.' })).toBeVisible();
  await other.reload();
  await other.getByLabel('Date').fill('2026-11-03');
  await expect(other.getByLabel(cell('王芳', 'Selling and market development'))).toHaveValue('240');
  await other.close();

  // The same log again (its mapping now remembered): nothing is counted twice.
  await page.getByLabel('Choose a CSV file').setInputFiles('tests/fixtures/timeuse/activity-log-gbk.csv');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 0 entries; 5 were imported before (skipped); 0 new reps.' })).toBeVisible();

  // Analysis: team 2,160 min = 36 h; selling + visiting 1,200 min = 55.6 %.
  await page.getByRole('link', { name: 'Analysis' }).click();
  await expect(page.locator('figure[data-chart-ready="true"]').first()).toBeVisible();
  await expect(page.getByRole('group', { name: 'Selling / customer-facing share' })).toContainText('55.6%');
  // The chart's table alternative, opened as a keyboard or screen-reader user would.
  await new ChartCard(page, 'Time split per rep (beside the course’s split)').table();
  const split = page.getByRole('table', { name: 'Time split per rep (beside the course’s split)' });
  await expect(split.getByRole('row', { name: /Course split/ })).toContainText('30%25%25%10%10%');
  // Invoicing 480 of 2,160 min: 22.2 % against the course's 30 %, −7.8 points, 480 − 648 = −168 min = −2.8 h.
  const gap = page.getByRole('table', { name: 'Gap to the course’s split' });
  await expect(gap.getByRole('row', { name: /Coordinating invoicing/ })).toHaveText(/8\s*22\.2%\s*30%\s*-7\.8\s*-2\.8/);

  // What-if: 20 selling h a week bring 40 prospects (2 an hour); 5 h more → 10 prospects × 25 % =
  // 2.5 customers a week × ¥800 = ¥2,000 a week; over 52 weeks 130 customers, ¥104,000.
  await page.getByLabel('Hours a week to move (whole team)').fill('5');
  await page.getByLabel('Prospects a week').fill('40');
  await page.getByLabel('Conversion rate (%)').fill('25');
  await page.getByLabel('Average customer value (yuan)').fill('800');
  await page.getByLabel('Weeks to project').fill('52');
  await page.getByRole('button', { name: 'Calculate' }).click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result).toContainText('2.5 more customers a week, 130 over 52 weeks');
  await expect(result).toContainText('CN¥2,000 more revenue a week, CN¥104,000 over 52 weeks');
  await expect(result).toContainText('Selling share: 55.6% → 69.4%');
  await expect(result).toContainText('Today 20 selling hours a week bring 40 prospects: 2 an hour');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export split as CSV' }).click();
  const csv = await readFile(await (await downloading).path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe(
    'Rep,Coordinating invoicing and delivery (min),Selling and market development (min),Other administrative work (min),Filling in reports (min),Visiting and serving customers (min),Total (min),Selling / customer-facing (min),Transactional (min),Selling share (%)',
  );
  expect(lines.slice(1)).toEqual(['王芳,180,360,120,120,300,1080,660,420,61.1', '李强,300,300,180,60,240,1080,540,540,50', 'Team,480,660,300,180,540,2160,1200,960,55.6']);

  // The printable week: the same figures in hours (after the analysis screen had the data).
  await page.getByRole('link', { name: 'Weekly report' }).click();
  await page.getByLabel('Week (any day in it)').fill('2026-11-04');
  await expect(page.getByRole('heading', { name: 'Time report Nov week 1 (11-02–11-08)' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Weekly time report' }).getByRole('row', { name: /^Team/ })).toHaveText(/Team\s*8\s*11\s*5\s*3\s*9\s*36\s*55\.6%/);
  await expect(page.getByText(/^王芳 recorded 4\.5 hours a working day on average this week/)).toBeVisible();
});

test('keeps a running quick-log activity across a reload, and prints the week in Chinese', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('time/setup');
  await page.getByLabel('Name', { exact: true }).fill('王芳');
  await page.getByRole('button', { name: 'Add rep' }).click();
  await page.getByRole('link', { name: 'Quick log' }).click();
  await page.getByRole('combobox', { name: 'Activity', exact: true }).selectOption({ label: 'Visiting and serving customers' });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText(/^Running: Visiting and serving customers, since \d\d:\d\d \(0 min\)$/)).toBeVisible();

  await page.reload();
  await expect(page.getByText(/^Running: Visiting and serving customers/)).toBeVisible();
  await page.getByRole('button', { name: 'Stop and record' }).click();
  await expect(page.getByText('Nothing running.')).toBeVisible();

  // The weekly report and its homework summary, in Chinese.
  await page.getByLabel('Language').selectOption('zh');
  await page.getByRole('link', { name: '周报' }).click();
  await expect(page.getByRole('heading', { name: /时间报告/ })).toBeVisible();
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible();
});

test('plans a rep’s week against the recorded time and reviews the month’s targets', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('time/setup');
  await page.getByLabel('Name', { exact: true }).fill('王芳');
  await page.getByRole('button', { name: 'Add rep' }).click();
  await page.getByRole('link', { name: 'Daily sheet' }).click();
  await page.getByLabel('Date').fill('2026-11-03');
  await page.getByLabel(cell('王芳', 'Selling and market development')).fill('240');
  await page.getByRole('button', { name: 'Save the day' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved 2026-11-03: 240 minutes' })).toBeVisible();

  await page.getByRole('link', { name: 'Action plans' }).click();
  await page.getByLabel('Week (any day in it)').fill('2026-11-05');
  await page.getByLabel('Month', { exact: true }).fill('2026-11');
  await expect(page.getByRole('heading', { name: 'Weekly action plan: 王芳, Nov week 1 (11-02–11-08)' })).toBeVisible();
  await page.getByLabel('Planned (h): Selling and market development').fill('10');
  await page.getByLabel('Planned (h): Filling in reports').fill('2');
  const compare = page.getByRole('table', { name: 'Plan against recorded' });
  // Recorded 4 h of selling against 10 h planned: −6 h.
  await expect(compare.getByRole('row', { name: /Selling and market development/ })).toContainText('4-6');
  await page.getByRole('button', { name: 'Add target' }).first().click();
  await page.getByLabel('This week’s targets 1: Focus / target').fill('回访老客户');
  await page.getByLabel('This week’s targets 1: Target', { exact: true }).fill('20');
  await page.getByLabel('This week’s targets 1: Actual').fill('15');
  await expect(page.getByRole('table', { name: 'This week’s targets' })).toContainText('75%');
  await page.getByRole('button', { name: 'Save the week’s plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  // Planned 12 h (10 selling), recorded 4 h (all selling).
  await expect(page.getByText('Planned 12 h, recorded 4 h; selling share planned 83.3%, recorded 100%.')).toBeVisible();
  // The plan as a file: planned vs recorded per category, then the targets with their rate.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).first().click();
  const plan = (await readFile(await (await downloading).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(plan).toContain('Selling and market development,10,4,-6,');
  expect(plan).toContain('回访老客户,20,15,,75');

  await page.getByRole('button', { name: 'Add target' }).last().click();
  await page.getByLabel('Month targets 1: Focus / target').fill('成交 30 单');
  await page.getByLabel('Month targets 1: Target', { exact: true }).fill('30');
  await page.getByLabel('Month targets 1: Actual').fill('27');
  await page.getByRole('button', { name: 'Save and declare' }).click();
  await expect(page.getByText(/^declared \d{4}-\d{2}-\d{2}/)).toBeVisible();

  await page.reload();
  await page.getByLabel('Week (any day in it)').fill('2026-11-02');
  await page.getByLabel('Month', { exact: true }).fill('2026-11');
  await expect(page.getByLabel('Planned (h): Selling and market development')).toHaveValue('10');
  await expect(page.getByLabel('This week’s targets 1: Focus / target')).toHaveValue('回访老客户');
  await expect(page.getByText('Average achieved 90%')).toBeVisible();
});
