import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { newAssessment } from '../../src/lib/scorecard/assessment';
import { courseSet } from '../../src/lib/scorecard/dimensions';
import { assessmentToJson } from '../../src/lib/scorecard/file';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

// The course's 11 dimensions in order, with the scores typed for each (keys 1–5).
const scores = [3, 4, 1, 2, 3, 2, 2, 1, 3, 2, 3];
const names = courseSet.dimensions.map((d) => d.name.en);
const STORE = '一号旗舰店 Flagship';
/** The chart wrapper's figure, found by the chart's accessible name; data-chart-ready says it is drawn. */
const chart = (page: Page, title: string) => page.locator('figure.chart').filter({ has: page.getByRole('img', { name: title, exact: true }) });

test('fills an assessment by keyboard, plans an action, keeps it all, prints one page, exports and re-imports', async ({ page }) => {
  const app = new Keqing(page);
  await app.open('scorecard');
  await page.getByLabel('Store', { exact: true }).fill(STORE);
  await page.getByLabel('Assessor').fill('李雷');
  await page.getByLabel('Role').selectOption({ label: 'Store manager' });
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^${STORE} · `) })).toBeVisible();

  // On a phone-width screen: nothing sticks out sideways.
  await page.setViewportSize({ width: 375, height: 740 });
  // Charts follow the new width on their next resize callback: wait for the layout to settle.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // Keyboard only: focus the first score group, then per dimension a digit and Tab past the
  // "target · weight · note" summary to the next group. Key accounts (8) gets weight 2.
  await page.getByRole('radiogroup', { name: `Score for ${names[0]}` }).getByRole('radio').first().focus();
  for (const [i, s] of scores.entries()) {
    await page.keyboard.press(String(s));
    await expect(page.getByRole('radiogroup', { name: `Score for ${names[i]}` }).getByRole('radio', { name: new RegExp(`^${s} `) })).toBeChecked();
    await page.keyboard.press('Tab'); // the details summary
    if (i === 7) {
      await page.keyboard.press('Enter'); // open it
      await page.keyboard.press('Tab'); // target
      await page.keyboard.press('Tab'); // weight
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('2');
      await page.keyboard.press('Tab'); // note (commits the weight)
      await page.keyboard.type('只有一家店有大客户');
    }
    await page.keyboard.press('Tab');
  }
  await expect(page.getByText('11 of 11 dimensions scored')).toBeVisible();
  // Charts follow the new width on their next resize callback: wait for the layout to settle.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 720 });
  // (3+4+1+2+3+2+2+1×2+3+2+3) / 12 = 27 / 12 = 2.25
  await expect(page.getByTestId('overall')).toHaveText('2.25');

  // The radar is drawn; the gap table is in weighted-gap order (targets all 4; key accounts 3×2 = 6).
  await expect(chart(page, 'Capability radar: current vs target')).toHaveAttribute('data-chart-ready', 'true');
  const gapTable = page.getByRole('table', { name: 'Gaps (target − current, weighted)' });
  const order = [7, 2, 3, 5, 6, 9, 0, 4, 8, 10, 1].map((i) => names[i]!);
  await expect(gapTable.getByRole('rowheader')).toHaveText(order);
  await expect(gapTable.getByRole('row').nth(1)).toContainText('6');

  // The chosen score is coloured by its value: key accounts' 1 red, organisation's 4 green.
  const chosenColour = (i: number) =>
    page.getByRole('radiogroup', { name: `Score for ${names[i]}` }).locator('label', { has: page.locator('input:checked') }).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await chosenColour(7)).toBe('rgb(179, 38, 30)'); // --score-1 #b3261e
  expect(await chosenColour(1)).toBe('rgb(63, 98, 18)'); // --score-4 #3f6212
  expect(await chosenColour(2)).toBe(await chosenColour(7)); // another 1: the same red

  // Weak dimensions → the course's improvement areas, each once, naming the weak dimensions behind
  // it (weakest first): key accounts, customer information and service process all point to CRM.
  const improve = page.getByRole('region', { name: 'Areas to improve' });
  const areas = await improve.getByRole('heading', { level: 4 }).allInnerTexts();
  expect(areas).toHaveLength(8); // CRM, target customers, segmentation, compliance, selling, product, training, remedies
  expect(new Set(areas).size).toBe(areas.length);
  await expect(improve.getByText(`For: ${names[7]}, ${names[2]}, ${names[5]}`, { exact: true })).toBeVisible();
  const suggestion = improve.getByLabel('Suggested action 1 for Customer relationship management', { exact: true });
  await expect(suggestion).toHaveValue('Keep each customer’s status current and record every purchase and its total');
  await suggestion.locator('xpath=ancestor::li').getByRole('button', { name: 'Add to plan' }).click();
  await page.getByLabel('Owner of action 1').fill('王经理');
  await page.getByLabel('Due date of action 1').fill('2020-01-31');
  await page.getByLabel('Status of action 1').selectOption({ label: 'Doing' });
  await expect(page.getByRole('table', { name: 'Action plan' }).getByText('Overdue')).toBeVisible();
  await expect(page.getByText('1 action(s) overdue')).toBeVisible();
  // The action is the widest column of the plan.
  const widths = await page.getByRole('table', { name: 'Action plan' }).getByRole('columnheader').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
  expect(widths[0]).toBe(Math.max(...widths));

  // Reload once the autosave has written the last change.
  await expect(page.getByTestId('autosave')).toHaveAttribute('data-pending', 'false');
  await page.reload();
  await expect(page.getByTestId('overall')).toHaveText('2.25');
  for (const [i, s] of scores.entries()) await expect(page.getByRole('radiogroup', { name: `Score for ${names[i]}` }).getByRole('radio', { name: new RegExp(`^${s} `) })).toBeChecked();
  await expect(page.getByLabel('Owner of action 1')).toHaveValue('王经理');
  await expect(page.getByLabel('Status of action 1')).toHaveValue('doing');
  await expect(page.getByLabel('Action 1', { exact: true })).toHaveValue('Keep each customer’s status current and record every purchase and its total');

  // Exports: the JSON holds the whole assessment; the CSV one row per dimension.
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const jsonPath = await (await jsonDownload).path();
  const file = JSON.parse(await readFile(jsonPath, 'utf8'));
  expect(file.format).toBe('keqing.scorecard');
  expect(file.version).toBe(1);
  expect(file.assessment.store).toBe(STORE);
  expect(courseSet.dimensions.map((d) => file.assessment.entries[d.id].score)).toEqual(scores);
  expect(file.assessment.entries.keyAccounts).toEqual({ score: 1, target: 4, weight: 2, note: '只有一家店有大客户' });
  expect(file.assessment.actions[0]).toMatchObject({ owner: '王经理', due: '2020-01-31', status: 'doing', dimensionId: 'keyAccounts' });

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = (await readFile(await (await csvDownload).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(csv[0]).toBe('Store,Date,Assessor,Role,Dimension,Score,Target,Gap,Weight,Weighted gap,Note');
  expect(csv).toHaveLength(12);
  expect(csv[8]).toContain(',Key-account management,1,4,3,2,6,只有一家店有大客户');

  // The one-page report, printed by Chromium to an A4 PDF.
  await page.getByRole('link', { name: 'One-page report (print)' }).click();
  await expect(chart(page, 'Capability radar: current vs target')).toHaveAttribute('data-chart-ready', 'true');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('report-store')).toHaveText(STORE);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('table', { name: 'Action plan' })).toContainText('王经理');
  const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
  await page.emulateMedia({ media: 'screen' });

  // Delete it, then import the exported file: everything is back.
  await app.open('scorecard');
  const row = page.getByRole('table', { name: 'Assessments' }).getByRole('row').filter({ hasText: STORE });
  await app.clickAndConfirm(row.getByRole('button', { name: 'Delete' }), 'Delete');
  await expect(page.getByText('No assessments yet.')).toBeVisible();
  await page.getByLabel('Import an assessment file (JSON)').setInputFiles(jsonPath);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  await row.getByRole('link', { name: STORE }).click();
  await expect(page.getByTestId('overall')).toHaveText('2.25');
  await expect(page.getByLabel('Owner of action 1')).toHaveValue('王经理');
});

test('a trainer loads five trainees’ files and a broken one, and sees the class statistics', async ({ page }, testInfo) => {
  // Five trainees, made with the app's own file writer. Store image scores 1 2 2 3 5:
  // min 1, Q1 2, median 2, Q3 3, max 5, mean 13 / 5 = 2.6. Training scores 1 1 2 1 1: mean 1.2, the weakest.
  const image = [1, 2, 2, 3, 5];
  const training = [1, 1, 2, 1, 1];
  const paths: string[] = [];
  for (let i = 0; i < 5; i++) {
    const a = newAssessment(courseSet, { id: `trainee-${i + 1}`, store: `门店${i + 1}`, assessor: `学员${i + 1}`, role: 'trainee', date: '2026-11-20', now: '2026-11-20T08:00:00.000Z' });
    for (const d of courseSet.dimensions) a.entries[d.id]!.score = 3;
    a.entries.image!.score = image[i] as never;
    a.entries.training!.score = training[i] as never;
    a.entries.indicators!.score = 2;
    const path = testInfo.outputPath(`trainee-${i + 1}.json`);
    await writeFile(path, assessmentToJson({ set: courseSet, assessment: a }));
    paths.push(path);
  }
  const broken = testInfo.outputPath('broken.json');
  await writeFile(broken, (await readFile(paths[0]!, 'utf8')).slice(0, 200));
  const app = new Keqing(page);
  await app.open('scorecard/class');
  // The same trainee's file twice counts once.
  await page.getByLabel('Choose files (many at once)').setInputFiles([...paths, broken, paths[2]!]);
  await expect(page.getByRole('status').filter({ hasText: 'Read 6 assessment(s); the class has 5 trainee(s) (1 duplicate(s) not counted).' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('1 file(s) could not be read');
  await expect(page.getByRole('list', { name: 'Files that could not be read' })).toHaveText('broken.json: The file is not complete JSON (cut off or damaged).');

  const stats = page.getByRole('table', { name: 'Distribution by dimension' });
  const imageRow = stats.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Store image, layout, brand' }) });
  // Dimension, N, Min, Q1, Median, Q3, Max, Mean, then each trainee.
  await expect(imageRow.getByRole('cell')).toHaveText(['5', '1', '2', '2', '3', '5', '2.6', '1', '2', '2', '3', '5']);
  await expect(page.getByRole('list', { name: 'Where the class is weakest' }).getByRole('listitem')).toHaveText(['Training · mean 1.2', 'Performance indicators · mean 2', 'Store image, layout, brand · mean 2.6']);
  for (const title of ['Scores by dimension', 'Class-average radar', '学员5 · 门店5']) await expect(chart(page, title)).toHaveAttribute('data-chart-ready', 'true');
  await expect(page.getByRole('heading', { name: '学员1 · 门店1' })).toBeVisible();

  // Anonymous mode hides the names.
  await page.getByLabel('Anonymous mode (hide names for projection)').check();
  await expect(page.getByRole('heading', { name: 'Trainee 1', exact: true })).toBeVisible();
  await expect(page.getByText('学员1')).toHaveCount(0);

  // The table as CSV, the class saved, reopened and exported as one file.
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the table as CSV' }).click();
  const csv = (await readFile(await (await csvDownload).path(), 'utf8')).slice(1).trim().split('\r\n');
  expect(csv[0]).toBe('Dimension,N,Min,Q1,Median,Q3,Max,Mean,Trainee 1,Trainee 2,Trainee 3,Trainee 4,Trainee 5');
  expect(csv[1]).toBe('"Store image, layout, brand",5,1,2,2,3,5,2.6,1,2,2,3,5');
  await page.getByLabel('Class name').fill('精英店长训练营');
  await page.getByRole('button', { name: 'Save the class' }).click();
  // Reload only once it is stored (the list of saved classes shows it).
  await expect(page.getByRole('link', { name: '精英店长训练营' })).toBeVisible();
  await page.reload();
  await page.getByRole('link', { name: '精英店长训练营' }).click();
  await expect(imageRow.getByRole('cell').nth(6)).toHaveText('2.6');
  const classDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the class file' }).click();
  const classFile = JSON.parse(await readFile(await (await classDownload).path(), 'utf8'));
  expect(classFile).toMatchObject({ format: 'keqing.scorecard-class', version: 1, name: '精英店长训练营', anonymous: true });
  expect(classFile.members).toHaveLength(5);
});

test('a manager sees what moved since last quarter; a renamed dimension leaves old assessments as they were', async ({ page }, testInfo) => {
  const quarter = async (id: string, date: string, training: number, indicators: number) => {
    const a = newAssessment(courseSet, { id, store: '二号店', assessor: '王芳', role: 'manager', date, now: `${date}T08:00:00.000Z` });
    for (const d of courseSet.dimensions) a.entries[d.id]!.score = 3;
    a.entries.training!.score = training as never;
    a.entries.indicators!.score = indicators as never;
    const path = testInfo.outputPath(`${id}.json`);
    await writeFile(path, assessmentToJson({ set: courseSet, assessment: a }));
    return path;
  };
  const app = new Keqing(page);
  await app.open('scorecard');
  const importer = page.getByLabel('Import an assessment file (JSON)');
  await importer.setInputFiles(await quarter('q1', '2026-03-31', 2, 3));
  await expect(page.getByRole('status').filter({ hasText: 'Imported q1.json' })).toBeVisible();
  await importer.setInputFiles(await quarter('q2', '2026-06-30', 4, 2));
  await expect(page.getByRole('status').filter({ hasText: 'Imported q2.json' })).toBeVisible();

  await page.getByRole('table', { name: 'Assessments' }).getByRole('row').filter({ hasText: '2026-06-30' }).getByRole('link').click();
  await expect(chart(page, 'Scores of 二号店 over time')).toHaveAttribute('data-chart-ready', 'true');
  await expect(page.getByRole('heading', { name: 'Since the previous assessment (2026-03-31)' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Improved' })).toHaveText('Training: 2 → 4 (+2)');
  await expect(page.getByRole('list', { name: 'Slipped' })).toHaveText('Performance indicators: 3 → 2 (-1)');
  await expect(page.getByLabel('Show the previous assessment (2026-03-31)')).toBeChecked();

  // The trainer renames dimension 10: new assessments use version 2, the old ones keep version 1.
  await app.open('scorecard/dimensions');
  await page.getByLabel('English name of dimension 10').fill('Training and coaching');
  await page.getByLabel('English name of dimension 10').press('Tab');
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2.' })).toBeVisible();
  await app.open('scorecard');
  await page.getByLabel('Store', { exact: true }).fill('二号店');
  await page.getByLabel('Assessor').fill('王芳');
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await expect(page.getByRole('heading', { name: '10. Training and coaching' })).toBeVisible();
  await app.open('scorecard');
  await page.getByRole('table', { name: 'Assessments' }).getByRole('row').filter({ hasText: '2026-03-31' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: '10. Training', exact: true })).toBeVisible();
});
