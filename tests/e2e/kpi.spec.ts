import { readFile } from 'node:fs/promises';
import { registrationRate } from '../../src/lib/customers/quality';
import { dayFromLocalDate } from '../../src/lib/dates';
import { demoDefaults } from '../../src/lib/demo/generate';
import { formatPercent } from '../../src/lib/format';
import { compareMonth, conversionByMonth } from '../../src/lib/funnel/conversion';
import { demoFunnel } from '../../src/lib/funnel/demo';
import { monthOfDay } from '../../src/lib/funnel/months';
import { summariseColumns } from '../../src/lib/purchases/columns';
import { expectedDemo } from './expected-demo';
import { expect, test } from './fixtures';
import { Keqing } from './pages/keqing';
import { FunnelPage, KpiBoardPage } from './pages/kpi';

test('records a prospect through the stages and shows the conversion and the pipeline', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  await page.goto('./#/operations/funnel');
  const funnel = new FunnelPage(page);
  await funnel.register({ name: '王小明', model: 'X1', colour: '白', expectedMonth: '2027-01' });
  await expect(page.getByRole('status').filter({ hasText: 'Registered 王小明.' })).toBeVisible();
  await expect(funnel.prospectRow('王小明')).toContainText('Greet');
  await expect(funnel.prospectRow('王小明')).toContainText('Prospect');

  // Open and with an expected month: in the pipeline forecast.
  const pipeline = page.getByRole('table', { name: 'Pipeline forecast' });
  await expect(pipeline.getByRole('columnheader', { name: '2027-01' })).toBeVisible();
  await expect(pipeline.getByRole('row', { name: /^X1/ })).toContainText('白 1');

  await funnel.recordStage('王小明', 'Confirm needs');
  await expect(page.getByRole('status').filter({ hasText: '王小明: Confirm needs' })).toBeVisible();
  await funnel.recordStage('王小明', 'Trial / test drive');
  await expect(funnel.prospectRow('王小明')).toContainText('Trial / test drive');
  await funnel.recordStage('王小明', 'Negotiate / close');
  await expect(funnel.prospectRow('王小明')).toContainText('New customer');
  // Closed: no longer demand in the pipeline.
  await expect(pipeline.getByRole('row', { name: /^X1/ })).toHaveCount(0);

  // This month's conversion: the demo store's funnel plus this prospect, greeted and carried to the close today.
  const today = dayFromLocalDate(new Date());
  const demo = demoFunnel(demoDefaults.seed, summariseColumns(expectedDemo().store.purchases).lastDay!);
  const mine = (['greet', 'needs', 'trial', 'close'] as const).map((stage, i) => ({ id: `m${i}`, opportunityId: 'mine', stage, day: today }));
  const expected = compareMonth(conversionByMonth([...demo.events, ...mine]), monthOfDay(today));
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(v, 'en-US'));
  const cells = (s: { entered?: number; advanced?: number; greeted?: number; closed?: number; rate: number | null; previous: number | null; previous3: number | null; sameMonthBefore: number | null }) =>
    [String(s.entered ?? s.greeted), String(s.advanced ?? s.closed), pct(s.rate), pct(s.previous), pct(s.previous3), pct(s.sameMonthBefore)];
  await expect(funnel.conversionRow('Greet → Confirm needs').getByRole('cell')).toHaveText(cells(expected.steps[0]!));
  // It skipped the demonstration: reaching the trial counts as passing it.
  await expect(funnel.conversionRow('Recommend / demonstrate → Trial / test drive').getByRole('cell')).toHaveText(cells(expected.steps[2]!));
  await expect(funnel.conversionRow('Close rate (greet → close)').getByRole('cell')).toHaveText(cells(expected.close));
  expect(expected.close.greeted).toBeGreaterThan(1); // the demo's own prospects are counted too

  // Delivered late and the customer not told: the delay notice asks for the date.
  await funnel.recordStage('王小明', 'Deliver');
  await funnel.prospectRow('王小明').getByRole('button', { name: 'Details and delivery of 王小明' }).click();
  const editor = page.locator('tr.editor');
  await editor.getByLabel('Promised delivery').fill('2026-12-01');
  await editor.getByLabel('Delivery late').check();
  await editor.getByRole('button', { name: 'Save delivery' }).click();
  const delays = page.getByRole('table', { name: 'Delay notices' });
  await expect(delays.getByRole('row', { name: /^王小明/ })).toContainText('“Customer told” date missing');
  await editor.getByLabel('Customer told on').fill('2026-11-30');
  await editor.getByRole('button', { name: 'Save delivery' }).click();
  await expect(delays.getByRole('row', { name: /^王小明/ })).toContainText('Told in advance');
  const late = demo.opportunities.filter((o) => o.late);
  const told = late.filter((o) => o.toldDay !== undefined && o.toldDay <= o.promisedDay!).length + 1;
  await expect(page.getByRole('group', { name: 'Delay notices' })).toHaveText(`Told in advance: ${formatPercent(told / (late.length + 1), 'en-US')} (${told} / ${late.length + 1})`);

  // The month's explanation is kept.
  const note = page.getByLabel(/^Explanation for /);
  await note.fill('本地广告投入减少，下月搞一次活动');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved the note for' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/^Explanation for /)).toHaveValue('本地广告投入减少，下月搞一次活动');
});

test('reads the KPI board, re-colours a KPI when its target changes, and exports the board', async ({ page }) => {
  const app = new Keqing(page);
  await app.loadDemo();
  const expected = expectedDemo();
  const rate = registrationRate([expected.store.purchases]).rate!;
  expect(rate).toBeLessThan(0.99);

  // The customer file's figure…
  await page.goto('./#/customers/quality');
  const customersFigure = page.getByRole('group', { name: 'Registration rate' }).locator('.value');
  await expect(customersFigure).toHaveText(expected.registration);

  // …is the board's.
  await page.goto('./#/operations/kpi');
  const board = new KpiBoardPage(page);
  await expect(board.value('Registration rate')).toContainText(expected.registration);
  await expect(board.status('Registration rate')).toContainText(rate >= 0.85 ? 'Watch' : 'Alert');
  expect(rate).toBeGreaterThan(0.5);
  await expect(board.kpi('Registration rate')).toContainText('never below 85 %');
  // Every KPI of the issue is there, each with its definition and a trend table.
  for (const name of ['Customer-file growth', 'New files vs quota', 'After-sale follow-up completion', 'Visit completion', 'Spend per customer', 'Repeat-purchase rate', 'Churn rate', 'Delay-notice rate']) {
    await expect(board.kpi(name)).toBeVisible();
  }
  await expect(board.kpi('Churn rate').getByText('Churn rate trend', { exact: false }).first()).toBeAttached();

  // An alert line just below the rate turns it amber; a target below the rate turns it green.
  const alert = Math.floor(rate * 100) - 1;
  const target = board.kpi('Registration rate').getByLabel('Target for Registration rate');
  const alertLine = board.kpi('Registration rate').getByLabel('Alert line for Registration rate');
  await alertLine.fill(String(alert));
  await alertLine.press('Enter');
  await expect(board.status('Registration rate')).toHaveText(/Watch/);
  await target.fill('50');
  await target.press('Enter');
  await expect(board.status('Registration rate')).toHaveText(/On target/);
  await expect(board.kpi('Registration rate')).toHaveClass(/rag-green/);
  await page.reload();
  await expect(board.status('Registration rate')).toHaveText(/On target/);
  await expect(target).toHaveValue('50');
  await expect(alertLine).toHaveValue(String(alert));

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export board as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kpi-board-\d{4}-\d{2}\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines[0]).toBe('KPI,Period,Unit,Value,Target,Alert line,Status,Count,Overview,Definition');
  expect(lines).toHaveLength(10);
  const registration = lines.find((l) => l.startsWith('Registration rate,'))!;
  expect(registration.slice(0, registration.indexOf('On target,') + 10)).toBe(`Registration rate,All purchases,%,${Math.round(rate * 10_000) / 100},50,${alert},On target,`);
  expect(lines.find((l) => l.startsWith('Spend per customer,'))).toMatch(/^Spend per customer,\d{4}-\d{2},yuan,[\d.]+,,,No target,/);

  // The front page shows the chosen KPIs with their status.
  await app.nav('Overview').click();
  await expect(page.getByRole('group', { name: 'Registration rate' })).toContainText('On target');
  await expect(page.getByRole('group', { name: 'Churn rate' })).toBeVisible();
});
