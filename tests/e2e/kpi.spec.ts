import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { registrationRate } from '../../src/lib/customers/quality';
import { dayFromLocalDate, dayFromYmd, ymdFromDay } from '../../src/lib/dates';
import { demoDefaults } from '../../src/lib/demo/generate';
import { formatMoney, formatPercent } from '../../src/lib/format';
import { compareMonth, conversionByMonth } from '../../src/lib/funnel/conversion';
import { demoFunnel } from '../../src/lib/funnel/demo';
import { monthOfDay } from '../../src/lib/funnel/months';
import { LineFlag, lineAt, summariseColumns } from '../../src/lib/purchases/columns';
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
  for (const name of ['Customer-file growth', 'New files vs quota', 'After-sale follow-up completion', 'Visit completion', 'Spend per customer', 'Repeat-purchase rate', 'Monthly churn rate', 'Delay-notice rate']) {
    await expect(board.kpi(name)).toBeVisible();
  }
  await expect(board.kpi('Monthly churn rate').getByRole('figure', { name: 'Monthly churn rate trend' })).toBeVisible();
  // Outside the edit mode a card shows its target and alert line, with no field to type in.
  await expect(board.kpi('Registration rate').getByRole('textbox')).toHaveCount(0);
  await expect(board.target('Registration rate')).toContainText('100%');
  await expect(board.alert('Registration rate')).toContainText('85%');

  // An alert line just below the rate turns it amber; a target below the rate turns it green.
  const alert = Math.floor(rate * 100) - 1;
  await board.edit();
  await board.alertInput('Registration rate').fill(String(alert));
  await board.alertInput('Registration rate').press('Enter'); // Enter in a field saves, as Save does
  await expect(board.saveButton).toBeHidden();
  await expect(board.status('Registration rate')).toHaveText(/Watch/);
  await board.edit();
  await board.targetInput('Registration rate').fill('50');
  await board.save();
  await expect(board.status('Registration rate')).toHaveText(/On target/);
  await expect(board.kpi('Registration rate')).toHaveClass(/rag-green/);
  await page.reload();
  await expect(board.status('Registration rate')).toHaveText(/On target/);
  await expect(board.target('Registration rate')).toContainText('50%');
  await expect(board.alert('Registration rate')).toContainText(`${alert}%`);
  await board.edit();
  await expect(board.targetInput('Registration rate')).toHaveValue('50');
  await expect(board.alertInput('Registration rate')).toHaveValue(String(alert));
  await board.cancelButton.click();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export board as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kpi-board-\d{4}-\d{2}\.csv$/);
  const text = await readFile(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines[0]).toBe('KPI,Period,Unit,Value,Target,Alert line,Status,Count,Overview,Definition');
  expect(lines).toHaveLength(13); // header + 12 KPIs (issue 10 added three)
  const registration = lines.find((l) => l.startsWith('Registration rate,'))!;
  expect(registration.slice(0, registration.indexOf('On target,') + 10)).toBe(`Registration rate,All purchases,%,${Math.round(rate * 10_000) / 100},50,${alert},On target,`);
  expect(lines.find((l) => l.startsWith('Spend per customer,'))).toMatch(/^Spend per customer,\d{4}-\d{2},yuan,[\d.]+,,,No target,/);

  // The front page shows the chosen KPIs with their status.
  await app.nav('Overview').click();
  await expect(page.getByRole('group', { name: 'Registration rate' })).toContainText('On target');
  await expect(page.getByRole('group', { name: 'Monthly churn rate' })).toBeVisible();
});

/**
 * The demo store's month and year worked out here, line by line with plain sets (not with the app's
 * code): 实收, 单数 and the members' shares of the board's month, and the repeat rate of its year.
 */
function expectedSales() {
  const { purchases } = expectedDemo().store;
  const last = summariseColumns(purchases).lastDay!;
  const { year, month } = ymdFromDay(last);
  const [from, to] = [dayFromYmd(year, month, 1), month === 12 ? dayFromYmd(year + 1, 1, 1) : dayFromYmd(year, month + 1, 1)];
  let revenue = 0;
  let members = 0;
  const orders = new Set<string>();
  const memberOrders = new Set<string>();
  const days = new Map<number, Set<number>>();
  for (let i = 0; i < purchases.length; i++) {
    const line = lineAt(purchases, i);
    const flags = line.flags ?? 0;
    if (flags & LineFlag.excluded) continue;
    const purchase = !(flags & LineFlag.returned);
    if (purchase && line.customerId !== 0) {
      const set = days.get(line.customerId) ?? new Set<number>();
      days.set(line.customerId, set.add(line.day));
    }
    if (line.day < from || line.day >= to) continue;
    revenue += line.amount;
    if (line.customerId !== 0) members += line.amount;
    if (!purchase) continue;
    const order = `${line.orderNo ?? `line ${i}`} ${line.customerId}`;
    orders.add(order);
    if (line.customerId !== 0) memberOrders.add(order);
  }
  const [yearFrom, yearTo] = [dayFromYmd(year, 1, 1), dayFromYmd(year + 1, 1, 1)];
  let buyers = 0;
  let repeat = 0;
  for (const set of days.values()) {
    const list = [...set].filter((d) => d < yearTo);
    if (!list.some((d) => d >= yearFrom)) continue;
    buyers++;
    if (list.length >= 2) repeat++;
  }
  return { month: `${year}-${String(month).padStart(2, '0')}`, year: String(year), revenue, orders: orders.size, memberOrders: memberOrders.size, members, buyers, repeat };
}

test('shows each sales KPI with its 口径, the repeat rate over the chosen period, and exports them', async ({ page }) => {
  const e = expectedSales();
  expect(e.orders).toBeGreaterThan(10); // the demo store trades every month
  expect(e.orders).toBeGreaterThan(e.memberOrders); // and has walk-ins
  const aov = e.revenue / e.orders;
  const salesShare = e.members / e.revenue;
  const orderShare = e.memberOrders / e.orders;

  const app = new Keqing(page);
  await app.loadDemo();
  await page.goto('./#/operations/kpi');
  const board = new KpiBoardPage(page);

  // 客单价 per order, beside spend per customer per buyer: each says what it divides.
  await expect(board.value('Average order value').locator('.value')).toHaveText(formatMoney(Math.round(aov), 'en-US'));
  await expect(board.kpi('Average order value')).toContainText(e.month);
  await expect(board.kpi('Average order value')).toContainText('Per order: the month’s net takings ÷ its number of orders');
  await expect(board.kpi('Average order value')).toContainText('a return is not an order');
  await expect(board.kpi('Spend per customer')).toContainText('÷ the number of buyers on file in the month (walk-ins left out)');
  await expect(board.value('Members’ share of sales').locator('.value')).toHaveText(formatPercent(salesShare, 'en-US'));
  await expect(board.kpi('Members’ share of sales')).toContainText('By amount: members’ (registered customers’) net amount');
  await expect(board.value('Members’ share of orders').locator('.value')).toHaveText(formatPercent(orderShare, 'en-US'));
  await expect(board.value('Members’ share of orders').locator('.count')).toHaveText(`${e.memberOrders.toLocaleString('en-US')} / ${e.orders.toLocaleString('en-US')}`);
  await expect(board.kpi('Members’ share of orders')).toContainText('By orders: members’ (registered customers’) orders');
  // The definition describes the number for assistive technology too.
  await expect(board.value('Average order value')).toHaveAccessibleDescription(/^Per order:/);

  // The repeat rate by year instead of by quarter: the figure, the period and the definition follow.
  const period = board.periodSelect('Repeat-purchase rate');
  await expect(board.kpi('Repeat-purchase rate')).toContainText('By quarter: of this quarter’s buyers on file');
  await board.edit();
  await expect(period).toHaveValue('quarter');
  await period.selectOption({ label: 'By year' });
  await board.save();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Repeat-purchase rate.' })).toBeVisible();
  await expect(board.kpi('Repeat-purchase rate')).toContainText('By year: of this year’s buyers on file, the share who have bought on at least two different days by the year’s end');
  await expect(board.value('Repeat-purchase rate').locator('.value')).toHaveText(formatPercent(e.repeat / e.buyers, 'en-US'));
  await expect(board.value('Repeat-purchase rate').locator('.count')).toHaveText(`${e.repeat.toLocaleString('en-US')} / ${e.buyers.toLocaleString('en-US')}`);
  await expect(page.getByRole('table', { name: `Repeat-purchase rate per group, ${e.year}` })).toBeVisible();
  await page.reload();
  await board.edit();
  await expect(period).toHaveValue('year');
  await board.cancelButton.click();

  // The CSV carries the new KPIs, their values and their definitions.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export board as CSV' }).click();
  const text = await readFile(await (await downloading).path(), 'utf8');
  const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true }).data;
  const csv = (name: string) => rows.find((r) => r['KPI'] === name)!;
  const round2 = (n: number) => String(Math.round(n * 100) / 100);
  expect(csv('Average order value')).toMatchObject({ Period: e.month, Unit: 'yuan', Value: round2(aov / 100), Target: '', Status: 'No target', Count: '' });
  expect(csv('Average order value')['Definition']).toMatch(/^Per order: the month’s net takings ÷ its number of orders\. Net takings = net amount of all the month’s lines \(members and walk-ins\)/);
  expect(csv('Members’ share of sales')).toMatchObject({ Period: e.month, Unit: '%', Value: round2(salesShare * 100) });
  expect(csv('Members’ share of sales')['Definition']).toMatch(/^By amount:/);
  expect(csv('Members’ share of orders')).toMatchObject({ Value: round2(orderShare * 100), Count: `${e.memberOrders} / ${e.orders}` });
  expect(csv('Repeat-purchase rate')).toMatchObject({ Period: e.year, Value: round2((e.repeat / e.buyers) * 100), Count: `${e.repeat} / ${e.buyers}` });
  expect(csv('Repeat-purchase rate')['Definition']).toMatch(/^By year:/);
  expect(rows.every((r) => r['Definition'] !== '' && !/NaN|Infinity|null|undefined/.test(Object.values(r).join(',')))).toBe(true);

  // On the Overview, a chosen tile carries its definition.
  await board.edit();
  await board.frontBox('Average order value').check();
  await board.save();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: Average order value.' })).toBeVisible();
  await expect(board.kpi('Average order value')).toContainText('On the Overview');
  await app.nav('Overview').click();
  const tile = page.getByRole('group', { name: 'Average order value', exact: true });
  await expect(tile).toContainText(formatMoney(Math.round(aov), 'en-US'));
  await expect(tile).toHaveAccessibleDescription(/^Per order: the month’s net takings ÷ its number of orders/);
  await expect(page.getByRole('group', { name: 'Repeat-purchase rate', exact: true })).toHaveAccessibleDescription(/^By year:/);
});
