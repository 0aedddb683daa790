import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { newAssessment } from '../../src/lib/scorecard/assessment';
import { classStats, weakestDimensions } from '../../src/lib/scorecard/class-stats';
import { courseSet } from '../../src/lib/scorecard/dimensions';
import { assessmentToJson } from '../../src/lib/scorecard/file';
import { classTrainingWishes } from '../../src/lib/scorecard/training';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';

const nameOf = (id: string) => courseSet.dimensions.find((d) => d.id === id)!.name.en;
/** Pages in a PDF Chromium printed. */
const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
const chartReady = (page: Page, title: string) => page.locator('figure.chart').filter({ has: page.getByRole('img', { name: title, exact: true }) });

test('the demo class prints as a class report of at most two A4 pages, with the class’s homework 3', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new Keqing(page);
  await app.loadDemo();
  const { classroom } = expectedDemo();
  const members = classroom.trainerClass.members;
  const weakest = weakestDimensions(classStats(members), 3);
  const wishes = classTrainingWishes(members.map((m) => m.assessment.training));

  await app.open('scorecard/class');
  await page.getByRole('link', { name: classroom.trainerClass.name }).click();
  await expect(page.getByRole('heading', { name: 'Class statistics (8 trainees)' })).toBeVisible();
  await page.getByRole('button', { name: 'Print class report' }).click();

  const report = page.getByRole('article', { name: 'Class CRM capability report' });
  await expect(page.getByTestId('class-report-line')).toContainText(`${classroom.trainerClass.name} · 8 trainee(s) · printed `);
  await expect(report.getByRole('list', { name: 'The class’s three weakest dimensions' }).getByRole('listitem')).toHaveText(weakest.map((s) => new RegExp(`^${nameOf(s.dimensionId)} · mean `)));
  // Every trainee a row, named as filed (not anonymous).
  const matrix = report.getByRole('table', { name: 'Scores by trainee' });
  await expect(matrix.locator('tbody tr')).toHaveCount(8);
  await expect(matrix.getByRole('rowheader').first()).toHaveText(`${members[0]!.assessment.assessor} · ${members[0]!.assessment.store}`);
  // The first trainee's eleven scores, in the course's order.
  await expect(matrix.locator('tbody tr').first().getByRole('cell')).toHaveText([...courseSet.dimensions.map((d) => String(members[0]!.assessment.entries[d.id]!.score)), /^\d\.\d\d$/]);
  await expect(report.getByRole('table', { name: 'Scores by dimension' }).locator('tbody tr')).toHaveCount(11);
  await expect(page.getByTestId('class-report-handed-in')).toHaveText(`${wishes.handedIn} of 8 trainee(s) handed in homework 3.`);
  expect(wishes.handedIn).toBe(7);
  const topics = report.getByRole('table', { name: 'Content wished for' });
  await expect(topics.locator('tbody tr')).toHaveCount(wishes.topics.length);
  await expect(topics.locator('tbody tr').first().getByRole('cell')).toHaveText(String(wishes.topics[0]!.count));

  // Printed: the app's header and buttons are gone, and Chromium makes one or two A4 pages.
  await expect(chartReady(page, 'Class-average radar')).toHaveAttribute('data-chart-ready', 'true');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pages(pdf)).toBeGreaterThanOrEqual(1);
  expect(pages(pdf)).toBeLessThanOrEqual(2);
  await page.emulateMedia({ media: 'screen' });

  // Back to the class as it was; anonymous for the projector, the report names no one.
  await page.getByRole('button', { name: 'Back to the class' }).click();
  await expect(page.getByRole('table', { name: 'Distribution by dimension' })).toBeVisible();
  await page.getByLabel('Anonymous mode (hide names for projection)').check();
  await page.getByRole('button', { name: 'Print class report' }).click();
  await expect(matrix.getByRole('rowheader')).toHaveText(members.map((_, i) => `Trainee ${i + 1}`));
  await expect(report).not.toContainText(members[0]!.assessment.assessor);
});

test('homework 3 is filled in on the assessment, printed, and exported with it; an older file still imports', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const app = new Keqing(page);
  await app.loadDemo();
  const { classroom } = expectedDemo();
  const second = classroom.assessments[1]!;

  // The demo's second assessment of the course's example store has homework 3 handed in.
  await app.open(`scorecard/a/${second.id}`);
  const form = page.getByRole('region', { name: 'Homework 3: suggestions for store training' });
  const topics = form.getByRole('group', { name: 'Training content you hope for' });
  await expect(topics.getByLabel('Customer relationship management (CRM)')).toBeChecked();
  await expect(topics.getByLabel('Communication skills')).not.toBeChecked();
  await topics.getByLabel('Communication skills').check();
  await form.getByRole('group', { name: 'Forms of training you hope for' }).getByLabel('Induction (within 3 months of joining)').check();
  await form.getByLabel('Your suggestions for the store’s training').fill('每月一次角色演练，店长点评');
  await expect(page.getByTestId('autosave')).toHaveAttribute('data-pending', 'false');

  // Exported with the assessment: the same file the trainer collects.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = JSON.parse(await readFile(await (await downloading).path(), 'utf8'));
  expect(file.version).toBe(1);
  expect(file.assessment.training).toEqual({
    // In the course's order, wherever they were ticked.
    topics: ['crm', 'followUpCalls', 'segmentScripts', 'communication', 'caseRolePlay'],
    forms: ['dailyMeeting', 'weeklyMeeting', 'specialised', 'induction'],
    otherTopics: second.training!.otherTopics,
    suggestions: '每月一次角色演练，店长点评',
  });

  // Printed on one A4 page, every choice listed with the ticked ones marked.
  await form.getByRole('link', { name: 'Print training suggestions' }).click();
  const sheet = page.getByRole('article', { name: 'Suggestions for store training (homework 3)' });
  await expect(page.getByTestId('training-line')).toHaveText(`课程示例门店 · 黄丽 (Store manager) · ${second.date}`);
  const ticked = sheet.getByRole('list', { name: 'Training content you hope for' }).locator('li[data-ticked="true"]');
  await expect(ticked).toHaveCount(5);
  await expect(sheet.getByRole('list', { name: 'Training content you hope for' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByTestId('training-suggestions')).toHaveText('每月一次角色演练，店长点评');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  expect(pages(await page.pdf({ format: 'A4', printBackground: true }))).toBe(1);
  await page.emulateMedia({ media: 'screen' });

  // A file written before homework 3 existed (no `training` at all) imports, with the form empty.
  const old = newAssessment(courseSet, { id: 'old-file', store: '三号店', assessor: '王芳', role: 'trainee', date: '2026-06-30', now: '2026-06-30T08:00:00.000Z' });
  const path = testInfo.outputPath('old.json');
  await writeFile(path, assessmentToJson({ set: courseSet, assessment: old }));
  expect(JSON.parse(await readFile(path, 'utf8')).assessment.training).toBeUndefined();
  await app.open('scorecard');
  await page.getByLabel('Import an assessment file (JSON)').setInputFiles(path);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  await app.open('scorecard/a/old-file');
  const oldForm = page.getByRole('region', { name: 'Homework 3: suggestions for store training' });
  await expect(oldForm.getByRole('checkbox', { checked: true })).toHaveCount(0);
  await expect(oldForm.getByLabel('Your suggestions for the store’s training')).toHaveValue('');
});
